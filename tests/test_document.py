"""The line scanner: front matter, headings outside code fences, file line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from adr_tool.document import decode, parse
from adr_tool.errors import AdrError

SAMPLE = """\
---
status: accepted
date: 2022-21-11
---
# Use S3

## Context

```markdown
# Not a heading
## Nor this
```

Setext heading
--------------

~~~
## Still code
~~~
## Decision
Use it.
"""


def test_headings_skip_fences_and_read_setext() -> None:
    """Fenced code hides `#` lines; setext headings count; lines are file lines."""
    document = parse(SAMPLE, Path("x.md"))
    found = [(h.level, h.text, h.line) for h in document.headings]
    assert [
        (1, "Use S3", 5),
        (2, "Context", 7),
        (2, "Setext heading", 14),
        (2, "Decision", 20),
    ] == found


def test_invalid_date_is_text_not_a_crash() -> None:
    """`date: 2022-21-11` (which makes PyYAML raise) stays text for lint to report."""
    document = parse(SAMPLE, Path("x.md"))
    assert "2022-21-11" == document.metadata["date"]
    assert [] == document.problems


def test_section_text() -> None:
    """A section holds the lines up to the next heading of its level."""
    document = parse(SAMPLE, Path("x.md"))
    decision = document.section("decision")
    assert decision is not None
    assert "Use it." == decision.text()


def test_yaml_error_has_file_line() -> None:
    """A YAML syntax error is a problem on the line where it is, not an exception."""
    document = parse("---\nstatus: accepted\ntags: [a, b\n---\n# T\n", Path("x.md"))
    assert 1 == len(document.problems)
    assert document.problems[0].code == "ADR101"
    assert document.problems[0].line in (3, 4)


def test_front_matter_not_a_mapping() -> None:
    """A list as front matter is reported, not crashed on."""
    document = parse("---\n- a\n- b\n---\n# T\n", Path("x.md"))
    assert "mapping" in document.problems[0].message


def test_unclosed_front_matter() -> None:
    """An opening `---` without a closing one is a problem on line 1."""
    document = parse("---\nstatus: x\n# T\n", Path("x.md"))
    assert (1, "ADR101") == (document.problems[0].line, document.problems[0].code)


def test_crlf_lines() -> None:
    """CRLF files give the same headings and values as LF files."""
    document = parse(SAMPLE.replace("\n", "\r\n"), Path("x.md"))
    assert "accepted" == document.metadata["status"]
    assert ["Use S3", "Context", "Setext heading", "Decision"] == [
        h.text for h in document.headings
    ]


def test_decode_bom_and_bad_bytes() -> None:
    """A BOM is dropped; a non-UTF-8 byte is an error naming its line."""
    assert "# T\n" == decode(b"\xef\xbb\xbf# T\n", Path("x.md"))
    with pytest.raises(AdrError) as raised:
        decode(b"# T\n\nline \xff\n", Path("x.md"))
    assert "x.md:3: not valid UTF-8 (byte 0xff); re-save the file as UTF-8" == str(raised.value)
