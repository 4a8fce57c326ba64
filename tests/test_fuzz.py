"""Property tests: the parsers never crash, and what the writer writes reads back the same."""

from __future__ import annotations

import datetime as dt
import json
import re
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


# Front matter of any shape: scalars of every YAML kind (and text that is not YAML), lists and
# mappings nested in each other, lists and mappings as keys, at every key adr-tool reads.
_SCALARS = st.one_of(
    st.sampled_from(
        ["~", "true", "5", "-7", "0012", "1e400", ".nan", "0x" + "f" * 40, "9" * 40, "2026-02-30",
         "2026-01-01", "a b", "ADR-3", "'q'", "[", "{", "&a x", "*a", "!!str 5", "? a", "- a",
         "a: b", "# c", "\\x1b", '"\\u202e\\x1b[2J"', "", "null", "[[]]", "{a: {b: c}}"]
    ),
    st.text(max_size=12).map(json.dumps),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(inner, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=12,
)
_KEYS = st.one_of(
    st.sampled_from(
        ["status", "date", "tags", "links", "supersedes", "superseded-by", "review-by",
         "template", "decision-makers", "deciders", "title"]
    ),
    _VALUES,
)


@given(st.lists(st.tuples(_KEYS, _VALUES), max_size=5))
def test_front_matter_of_any_shape_breaks_only_its_file(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str]]
) -> None:
    """Whatever the front matter holds, every reader of the log works: the file is an ADR or a
    finding, the other ADR is read as it is, and no output holds a raw control character."""
    from adr_tool import graph, report
    from adr_tool.escape import json_text
    from adr_tool.index import render_index
    from adr_tool.lint import lint

    folder = tmp_path_factory.mktemp("log")
    lines = [f"{key}: {value}" for key, value in entries]
    (folder / "0001-odd.md").write_text("---\n" + "\n".join(lines) + "\n---\n# Odd\n")
    (folder / "0002-good.md").write_text('---\nstatus: "accepted"\n---\n# Good\n\nText.\n')
    config = Config(root=folder, directory=folder)
    loaded = load_log(config, keep_documents=True)
    assert "Good" == loaded.log.get(2).title
    assert len(loaded.log) + len(loaded.unreadable) == 2
    findings = lint(config, None, dt.date(2026, 1, 15))
    outputs = [
        render_index(loaded.log, config),
        graph.mermaid(loaded.log, config.relations),
        graph.dot(loaded.log, config.relations),
        json_text([report.record(adr, folder) for adr in loaded.log]),
        "\n".join(finding.message for finding in findings),
    ]
    assert not any(_RAW_CONTROL.search(text) for text in outputs)


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
