"""Property tests: the parsers never crash, and what the writer writes reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from adr_tool.config import Config
from adr_tool.document import _fast_front_matter, _safe_loader, parse
from adr_tool.errors import AdrError, UsageError
from adr_tool.formats import read_metadata
from adr_tool.front_matter import render, set_keys
from adr_tool.model import DEFAULT_STATUSES
from adr_tool.scaffold import Draft, check_title
from adr_tool.store import load_log, read_document
from adr_tool.templates import load

TEMPLATE = load("constraint-first", None)
words = st.text(min_size=1, max_size=40)


@given(st.text(max_size=2000))
def test_parser_never_raises_on_text(text: str) -> None:
    """Any text parses to a document (problems are findings, not exceptions)."""
    document = parse(text, Path("0001-x.md"))
    read_metadata(document, DEFAULT_STATUSES)


@given(st.binary(max_size=2000))
def test_reader_never_raises_on_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """Any bytes in an ADR file are read, or refused with an AdrError naming the file."""
    folder = tmp_path_factory.mktemp("log")
    (folder / "0001-x.md").write_bytes(data)
    try:
        read_document(folder / "0001-x.md", folder)
    except AdrError as error:
        assert "0001-x.md" in str(error)
    loaded = load_log(Config(root=folder, directory=folder))
    assert len(loaded.log) + len(loaded.unreadable) == 1


@given(
    title=st.text(min_size=1, max_size=80),
    tags=st.lists(words, max_size=4),
    makers=st.lists(words, max_size=3),
    status=st.sampled_from(DEFAULT_STATUSES),
    supersedes=st.lists(st.integers(min_value=0, max_value=99999), max_size=3),
)
def test_writer_round_trip(
    title: str, tags: list[str], makers: list[str], status: str, supersedes: list[int]
) -> None:
    """Write then read gives the same data, for any title the tool accepts."""
    try:
        clean = check_title(title)
    except UsageError:
        return
    draft = Draft(clean, TEMPLATE, status, "2026-01-15", tags, makers, supersedes)
    document = parse(draft.render(), Path("0001-x.md"))
    assert [] == document.problems
    meta = read_metadata(document, DEFAULT_STATUSES)
    assert (clean, status, "2026-01-15") == (meta.title, meta.status, meta.date)
    assert tags == document.metadata["tags"]
    assert makers == document.metadata.get("decision-makers", [])
    assert supersedes == document.metadata.get("supersedes", [])


@given(
    st.dictionaries(
        st.sampled_from(["status", "date", "tags", "review-by", "template", "x-custom"]),
        words,
        min_size=1,
    )
)
def test_set_keys_reads_back(values: dict[str, str]) -> None:
    """Keys set in place read back as the values set, and the body is untouched."""
    original = render({"status": "proposed", "tags": ["a"]}) + "# T\n\nBody stays.\n"
    text = set_keys(original, dict(values))
    front, body = text.split("\n---\n", 1)
    assert "# T\n\nBody stays.\n" == body
    loaded = yaml.safe_load(front.removeprefix("---\n"))
    for key, value in values.items():
        assert value == str(loaded[key]) or value == loaded[key]


_TOKENS = st.sampled_from(["a", "Ana Silva", "yes", "No", "on", "null", "~", "0032", "12", "-3",
                           "+4", "1.5", "0x1F", "2026-11-23", "2022-21-11", "a: b", "a # c",
                           "'q'", '"q q"', '"x\\"y"', "'it''s'", "x/y.z", "[a, b]", "[]",
                           "{amends: [5]}", "{a: [1], b: [c d]}", "{}", "-", "?", "é", "[a, [b]]",
                           '["a, b", c]', "true", "inf", ".inf", "a  b", "C#", "#x"])


@given(st.lists(st.tuples(st.sampled_from(["status", "tags", "date", "links", "x-y", "z_1"]),
                          _TOKENS), max_size=6))
def test_fast_front_matter_agrees_with_yaml(entries: list[tuple[str, str]]) -> None:
    """The fast front-matter reader gives exactly what PyYAML gives, or steps aside."""
    source = "\n".join(f"{key}: {value}" for key, value in entries)
    fast = _fast_front_matter(source)
    if fast is not None:
        assert (yaml.load(source, Loader=_safe_loader()) or {}) == fast, source
