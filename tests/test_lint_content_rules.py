"""Content rules (ADR2xx): every question of the ADR's template answered, in any format."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from adr_tool.lint.answers import verdict
from adr_tool.lint.titles import same_title
from tests.lint_support import GOOD_BODY, good_adr, make_log, run, where

if TYPE_CHECKING:
    from pathlib import Path

NAME = "0001-use-s3-for-invoices.md"


def _with(old: str, new: str) -> str:
    assert old in GOOD_BODY
    return good_adr().replace(old, new)


def _lint(
    tmp_path: Path, text: str, *codes: str, adopted: bool = True
) -> list[tuple[str, int, str]]:
    return where(run(make_log(tmp_path, {NAME: text}, adopted=adopted), *codes))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_with("## Trade-offs\n", "## Costs\n"), [(NAME, 6, "ADR201")]),
        (_with("## Trade-offs\n", "Trade-offs\n----------\n"), []),
        (_with("## Trade-offs\n", "```\n## Trade-offs\n```\n"), [(NAME, 6, "ADR201")]),
        (_with("## Trade-offs\n", "## trade-offs:\n"), []),
    ],
)
def test_missing_section(tmp_path: Path, text: str, expected: list[object]) -> None:
    """ADR201: a required section that is absent; setext headings count, fenced ones do not."""
    assert expected == _lint(tmp_path, text, "ADR201")


def test_optional_sections_may_be_missing(tmp_path: Path) -> None:
    """ADR201: a section the template marks optional (lightweight Consequences) is not asked."""
    text = good_adr(body="# T\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n")
    text = text.replace("constraint-first", "lightweight")
    assert [] == _lint(tmp_path, text, "ADR2")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("<!-- What problem are we solving? -->", "holds only the template's guidance"),
        ("", "is empty"),
        ("TBD", "says only 'TBD'"),
        ("{Describe the context}", "still holds placeholder text"),
        ("[the problem]", "still holds placeholder text"),
        ("n/a", "says only 'n/a': give the reason"),
        ("We lose invoices.", None),
        ("n/a, because this record only documents an existing practice.", None),
    ],
)
def test_empty_section(tmp_path: Path, answer: str, message: str | None) -> None:
    """ADR202: a section holding guidance, nothing, TBD or a placeholder is not answered."""
    old = "Invoices must be kept for seven years, and auditors ask for them a few times a year."
    findings = run(make_log(tmp_path, {NAME: _with(old, answer)}), "ADR202")
    assert ([] if message is None else [8]) == [f.line for f in findings]
    if message is not None:
        assert findings[0].message.startswith(f"section 'Context' {message}")


def test_placeholder_from_a_project_template(tmp_path: Path) -> None:
    """ADR202: text left from the project's own template counts as a placeholder."""
    template = (
        "---\nname: team\nsections:\n  - title: Why\n---\n# Title\n\n## Why\n\nExplain why here.\n"
    )
    text = good_adr(body="# T\n\n## Why\n\nExplain why here.\n").replace("constraint-first", "team")
    config = make_log(tmp_path, {NAME: text, "templates/team.md": template})
    assert [(NAME, 8, "ADR202")] == where(run(config, "ADR2"))


def test_missing_item(tmp_path: Path) -> None:
    """ADR203: a constraint dimension that is not there at all."""
    text = _with("- Latency: n/a, because invoices are fetched in nightly batches.\n", "")
    findings = run(make_log(tmp_path, {NAME: text}), "ADR203")
    assert [(NAME, 12, "ADR203")] == where(findings)
    assert "'Latency' is missing from 'Constraints': add `- Latency: ...`" == findings[0].message


@pytest.mark.parametrize(
    ("answer", "answered"),
    [
        ("n/a, because invoices are fetched in nightly batches.", True),
        ("n/a: nothing is stored", True),
        ("N/A - batch jobs only", True),
        ("NA (reads are nightly)", True),
        ("p99 under 50 ms", True),
        ("**p99** under 50 ms", True),
        ("n/a", False),
        ("N/A", False),
        ("n/a.", False),
        ("n/a - tbd", False),
        ("TBD", False),
        ("tbd", False),
        ("TBD: ask legal", False),
        ("-", False),
        ("?", False),
        ("todo", False),
        ("", False),
        ("<!-- What response time do users need? -->", False),
        ("{latency}", False),
    ],
)
def test_item_answers(tmp_path: Path, answer: str, answered: bool) -> None:
    """ADR204: "n/a" with a reason answers; bare "n/a", "TBD", "-", "?" and blanks do not."""
    text = _with("n/a, because invoices are fetched in nightly batches.", answer)
    findings = run(make_log(tmp_path, {NAME: text}), "ADR204")
    assert ([] if answered else [(NAME, 16, "ADR204")]) == where(findings)


def test_item_answer_on_following_lines(tmp_path: Path) -> None:
    """ADR204: an item answered on indented lines below its label is answered."""
    text = _with(
        "- Latency: n/a, because invoices are fetched in nightly batches.",
        "- Latency:\n  p99 under 50 ms for a single invoice.",
    )
    assert [] == _lint(tmp_path, text, "ADR204")


def test_items_as_subheadings(tmp_path: Path) -> None:
    """ADR203/ADR204: labelled items may also be written as `### Label` sub-sections."""
    failure_modes = (
        "- Database slow: uploads do not touch the database.\n"
        "- A dependency down: an S3 outage queues uploads on disk for an hour.\n"
        "- 10x traffic: S3 scales; the upload workers scale out.\n"
    )
    as_headings = (
        "### Database slow\n\nUploads do not touch it.\n\n### A dependency down\n\nWe queue.\n\n"
        "### 10x traffic\n\nTBD\n"
    )
    findings = run(
        make_log(tmp_path, {NAME: _with(failure_modes, as_headings)}), "ADR203", "ADR204"
    )
    assert [(NAME, 43, "ADR204")] == where(findings)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("- S3 (the boring option): cheap and durable.\n", [(NAME, 20, "ADR205")]),
        ("- S3\n  - cheap\n  - durable\n", [(NAME, 20, "ADR205")]),
        ("- S3\n- Postgres\n", []),
        ("1. S3\n2. Postgres\n", []),
        ("### S3\n\nCheap.\n\n### Postgres\n\nOne service less.\n", []),
        ("- [option 1]\n- [option 2]\n", [(NAME, 20, "ADR202")]),
        ("- S3\n- [option 2]\n", [(NAME, 20, "ADR205")]),
        ("```\n- S3\n- Postgres\n```\n", [(NAME, 20, "ADR205")]),
    ],
)
def test_too_few_options(tmp_path: Path, options: str, expected: list[object]) -> None:
    """ADR205: fewer options than the template asks for (list items or sub-headings)."""
    old = (
        "- S3 (the boring option): cheap and durable.\n"
        "- Postgres large objects: one service less, but heavy backups.\n"
    )
    assert expected == _lint(tmp_path, _with(old, options), "ADR202", "ADR205")


def test_unknown_template(tmp_path: Path) -> None:
    """ADR206: front matter naming a template that does not exist; no other content finding."""
    text = good_adr(body="# T\n").replace("constraint-first", "nosuch")
    findings = run(make_log(tmp_path, {NAME: text}), "content")
    assert [(NAME, 4, "ADR206")] == where(findings)
    assert findings[0].message.startswith("no template named 'nosuch'; available: ")


def test_default_template_applies_without_a_template_key(tmp_path: Path) -> None:
    """An ADR of ours without `template:` answers to the configured default."""
    text = "---\nstatus: accepted\ndate: 2026-01-10\n---\n# T\n\n## Context\n\nx\n"
    config = make_log(tmp_path, {NAME: text}, settings='template = "nygard"\n')
    findings = run(config, "ADR201")
    assert [
        "section '## Decision' is missing (template 'nygard')",
        "section '## Consequences' is missing (template 'nygard')",
    ] == [f.message for f in findings]


ADR_TOOLS = "# 2. Use S3\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\n## Context\n\n{context}\n"
MADR_2 = (
    "# Use S3\n\n* Status: accepted\n* Date: 2020-01-02\n\n## Context and Problem Statement\n\n"
    "Where to keep invoices?\n\n## Considered Options\n\n{options}\n\n## Decision Outcome\n\n"
    'Chosen option: "S3".\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ADR_TOOLS.format(context="Invoices pile up."), ["ADR201", "ADR201"]),
        (
            ADR_TOOLS.format(context="TBD") + "\n## Decision\n\nx\n\n## Consequences\n\ny\n",
            ["ADR202"],
        ),
        (MADR_2.format(options="* S3\n* GCS"), []),
        (MADR_2.format(options="* S3"), ["ADR205"]),
        (MADR_2.format(options="* S3\n* GCS").replace("Decision Outcome", "Decision"), []),
    ],
)
def test_legacy_formats_use_the_matching_template(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    """adr-tools files answer to `nygard`, MADR and log4brains files to `madr`."""
    config = make_log(tmp_path, {"0002-use-s3.md": text}, adopted=False)
    assert expected == [f.code for f in run(config, "content")]


def test_a_file_following_no_template_says_so_once(tmp_path: Path) -> None:
    """ADR201: a file with none of its template's sections gets one finding, not one each."""
    text = ADR_TOOLS.format(context="x").replace("## Context", "## Background")
    findings = run(make_log(tmp_path, {"0002-use-s3.md": text}, adopted=False), "ADR201")
    assert [
        "none of the sections of template 'nygard' is here: Context, Decision, Consequences"
    ] == [f.message for f in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n/a, because reasons", None),
        ("n/a", "says only 'n/a': give the reason, such as 'n/a, because ...'"),
        ("tbd", "says only 'tbd': answer it, or write 'n/a, because ...'"),
        (
            "TODO write this",
            "is not decided yet ('TODO write this'): answer it before the ADR is committed",
        ),
        ("{{ STATUS }}", "still holds placeholder text '{{ STATUS }}': replace it with the answer"),
        ("<!-- a comment -->\n", "is empty"),
        ("National rules apply.", None),
    ],
)
def test_verdict(text: str, expected: str | None) -> None:
    """The answer check on its own: what counts as an answer and what the message says."""
    assert expected == verdict(text)


def test_broken_project_template(tmp_path: Path) -> None:
    """ADR206 names a broken project template; files of other templates are still checked."""
    files: dict[str, str | bytes] = {
        NAME: good_adr().replace("constraint-first", "team"),
        "0002-b.md": ADR_TOOLS.format(context="x"),
        "templates/team.md": "# Team template without front matter\n",
    }
    findings = run(make_log(tmp_path, files, adopted=False), "content")
    assert [(NAME, 4, "ADR206"), ("0002-b.md", 1, "ADR201"), ("0002-b.md", 1, "ADR201")] == where(
        findings
    )
    assert findings[0].message.startswith("template 'team' cannot be used: ")


@pytest.mark.parametrize(
    ("heading", "wanted", "same"),
    [
        ("Decision Outcome", "Decision", True),
        ("Decisions", "Decision", True),
        ("Decision: use AWS Lambda to run glue code", "Decision", True),
        ("1. Context", "Context", True),
        ("**Options Considered**", "Considered Options", True),
        ("背景", "Context", True),
        ("Trade-offs:", "Trade-offs", True),
        ("Decision Drivers", "Decision", False),
        ("Consequences", "Context", False),
    ],
)
def test_section_titles(heading: str, wanted: str, same: bool) -> None:
    """Headings match a template's section by name, MADR synonym, plural or `Title: detail`."""
    assert same == same_title(heading, wanted)


_ADR_TOOLS_TEMPLATE = (
    "# 2. Use S3\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\n## Context\n\n"
    "The issue motivating this decision, and any context that influences or constrains the "
    "decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n"
    "## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by "
    "the change that will need to be mitigated.\n"
)
_NYGARD_ARTICLE = (
    "# 2. Use S3\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\n## Context\n\n"
    "> This section describes the forces at play, including technological, political,\n"
    "> social, and project local. These forces are probably in tension, and should be\n"
    "> called out as such. The language in this section is value-neutral. It is simply\n"
    "> describing facts.\n\n## Decision\n\nWhat is the change that we’re proposing and/or doing?"
    "\n\n## Consequences\n\nConsequences here...\n"
)
_MADR_TEMPLATE = (
    "# {short title of solved problem and solution}\n\n* Status: accepted\n\n"
    "## Context and Problem Statement\n\n{Describe the context and problem statement.\n"
    "Always try thinking from end user point of view.}\n\n## Considered Options\n\n"
    "* {title of option 1}\n* {title of option 2}\n\n## Decision Outcome\n\n"
    'Chosen option: "{title of option 1}", because {justification. e.g., only option, which '
    "meets k.o. criterion decision driver | which resolves force {force} | … | comes out best "
    "(see below)}.\n"
)
_LOG4BRAINS_TEMPLATE = (
    "# [short title of solved problem and solution]\n\n- Status: accepted\n\n"
    "## Context and Problem Statement\n\n[Describe the context and problem statement, e.g., in "
    "free form using two to three sentences.]\n\n## Considered Options\n\n- [option 1]\n"
    '- [option 2]\n\n## Decision Outcome\n\nChosen option: "[option 1]", because '
    "[justification. e.g., only option, which meets k.o. criterion decision driver | which "
    "resolves force force | … | comes out best (see below)].\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            _ADR_TOOLS_TEMPLATE,
            [(9, "ADR202", "Context"), (13, "ADR202", "Decision"), (17, "ADR202", "Consequences")],
        ),
        (
            _NYGARD_ARTICLE,
            [(9, "ADR202", "Context"), (16, "ADR202", "Decision"), (20, "ADR202", "Consequences")],
        ),
        (
            _MADR_TEMPLATE,
            [
                (1, "ADR104", "{short title of solved problem and solution}"),
                (5, "ADR202", "Context and Problem Statement"),
                (10, "ADR202", "Considered Options"),
                (15, "ADR202", "Decision Outcome"),
            ],
        ),
        (
            _LOG4BRAINS_TEMPLATE,
            [
                (1, "ADR104", "[short title of solved problem and solution]"),
                (5, "ADR202", "Context and Problem Statement"),
                (9, "ADR202", "Considered Options"),
                (14, "ADR202", "Decision Outcome"),
            ],
        ),
        (_ADR_TOOLS_TEMPLATE.replace("# 2. Use S3", "# NUMBER. TITLE"), None),
    ],
    ids=["adr-tools", "nygard", "madr", "log4brains", "adr-tools-title"],
)
def test_other_formats_template_text_is_a_placeholder(
    tmp_path: Path, text: str, expected: list[tuple[int, str, str]] | None
) -> None:
    """ADR202/ADR104: the template text of adr-tools, Nygard's article, MADR and log4brains
    left in an ADR is a placeholder, as adr-tool's own templates' text is."""
    findings = run(make_log(tmp_path, {"0002-use-s3.md": text}, adopted=False), "ADR104", "ADR2")
    found = [(f.line, f.code, f.message) for f in findings]
    if expected is None:  # the adr-tools title placeholder
        assert (1, "ADR104") == found[0][:2]
        assert "'NUMBER. TITLE' is the template's placeholder" in found[0][2]
        return
    assert [(line, code) for line, code, _ in expected] == [(f[0], f[1]) for f in found]
    for (_, _, words), (_, _, message) in zip(expected, found, strict=True):
        assert words in message
