"""Property: lint never raises on any content of an ADR file, and every finding points into it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adr_tool.config import Config
from adr_tool.lint import RULES, Finding
from tests.lint_support import good_adr, make_log, run

# Pieces of ADRs, so that generated files reach deep into the parsers and the rules.
FRAGMENTS = st.sampled_from(
    [
        "---",
        "...",
        "status: accepted",
        "status: [",
        "status: Approved",
        "date: 2022-21-11",
        "date: 2026-01-10",
        "review-by: 2020-01-01",
        "supersedes: [1, 2, x]",
        "superseded-by: 1",
        "links: {amends: [1], refines: [9]}",
        "links: [1]",
        "template: madr",
        "template: nosuch",
        "# Title",
        "Title",
        "=====",
        "-----",
        "## Context",
        "## Constraints",
        "- Latency: n/a",
        "- Users: n/a, because internal",
        "- Latency:",
        "## Options considered",
        "- one",
        "### Option",
        "## Status",
        "Superseded by [1. A](0001-a.md)",
        "Supersedes [9. Gone](0009-gone.md)",
        "* Status: accepted",
        "- Status: superseded by [x](0001-a.md)",
        "Date: 2023-07-2i",
        "```",
        "~~~",
        "<!-- guidance",
        "-->",
        "TBD",
        "{placeholder}",
        "\t",
        "",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map("\n".join),
)
NAMES = st.sampled_from(["0002-x.md", "2.md", "ADR002-x.md", "20200101-x.md", "x.md"])


def _check(config: Config, path: Path, findings: list[Finding]) -> None:
    assert isinstance(findings, list)
    lines = max(1, len(path.read_bytes().split(b"\n")))
    for finding in findings:
        assert finding.code in RULES
        assert finding.severity in ("error", "warning")
        assert finding.message and "\n" not in finding.message
        assert finding.line >= 1 and finding.column >= 1
        if finding.path == path:
            assert finding.line <= lines, finding


# LINT_EXAMPLES=5000 explores further than the 200 examples of every run.
@settings(
    max_examples=int(os.environ.get("LINT_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    content=st.one_of(TEXTS.map(str.encode), st.binary(max_size=400)),
    name=NAMES,
    adopted=st.booleans(),
)
def test_lint_never_raises(content: bytes, name: str, adopted: bool) -> None:
    """Any bytes in an ADR file give either no findings or findings that point into it."""
    with tempfile.TemporaryDirectory() as folder:
        files: dict[str, str | bytes] = {"0001-a.md": good_adr(title="A"), name: content}
        config = make_log(Path(folder), files, adopted=adopted)
        path = config.directory / name
        _check(config, path, run(config))
        _check(config, path, run(config, paths=[path]))
