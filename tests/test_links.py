"""links.py: the links of a Markdown text, found outside code and rewritten in place."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_tool import links

_MARKDOWN = st.text(alphabet="[]()<>`~ \n#:ab.md/\"'!", max_size=300)


@given(_MARKDOWN)
def test_rewriting_every_link_to_itself_changes_no_byte(text: str) -> None:
    """Whatever the text, a rewrite that keeps each label and target gives the text back."""
    assert text == links.rewrite(text, lambda label, target: (label, target))


@given(_MARKDOWN)
def test_targets_are_what_rewrite_sees(text: str) -> None:
    """`targets` lists exactly the links `rewrite` is asked about, in order."""
    asked: list[str] = []
    links.rewrite(text, lambda label, target: asked.append(target))
    assert asked == [target for _, target in links.targets(text)]


@pytest.mark.parametrize(
    "text",
    ["](x) " * 100_000, "`](x)" * 100_000, "[" * 200_000 + "](x.md)", "](" * 200_000],
    ids=["links", "code spans", "open brackets", "no targets"],
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    """Half a megabyte of link-like text is read and rewritten in well under 10 seconds."""
    start = time.perf_counter()
    links.targets(text)
    links.rewrite(text, lambda label, target: (label, target + "x"))
    assert time.perf_counter() - start < 10
