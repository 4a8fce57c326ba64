"""The quality rules through `adr lint`: the issue's two ADRs, excellent ADRs, the [quality]
settings, suppressions with reasons, other templates, and the hostile long line."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

from adr_tool.lint.quality.judge import FREE_PROSE
from tests.conftest import ROOT, adr, write
from tests.lint_support import make_log, run, where
from tests.quality_adrs import EXCELLENT, KAFKA, KAFKA_FINDINGS, RABBIT

if TYPE_CHECKING:
    from pathlib import Path

NAME = "0002-the-decision.md"


def _lint_one(tmp_path: Path, text: str, settings: str = "", *codes: str) -> list[tuple[int, str]]:
    config = make_log(tmp_path, {NAME: text}, settings=f"[quality]\n{settings}" if settings else "")
    return [(line, code) for _, line, code in where(run(config, *codes))]


def test_the_kafka_adr_gets_a_finding_for_each_defect(tmp_path: Path) -> None:
    """The issue's Kafka, Cassandra and microservices ADR: one finding per defect, each at
    the line of the words."""
    assert KAFKA_FINDINGS == _lint_one(tmp_path, KAFKA)


def test_the_kafka_adr_messages_quote_the_words(initialised: Path) -> None:
    """Each message quotes what it found and shows a fix, as `path:line:col: CODE message`."""
    write(initialised / "docs/adr" / NAME, KAFKA)
    lines = adr("lint", "--select", "quality").stdout.splitlines()
    assert (
        f"docs/adr/{NAME}:14:10: ADR501 Constraints: 'Users' says \"lots\", which is not a "
        "measured figure: write the number with its unit, e.g. '40,000 shoppers a day, 300 "
        "at peak, in the EU'" in lines
    )
    assert (
        f"docs/adr/{NAME}:37:16: ADR508 Failure modes: '10x traffic' is dismissed (\"it "
        "scales\"): say what users see and how we mitigate it, e.g. 'the connection pool runs "
        "out first; we shed load with 503s and add a read replica'" in lines
    )
    assert f'docs/adr/{NAME}:45:1: ADR510 Revisit when: "If needed" cannot be evaluated' in (
        "\n".join(lines)
    )


def test_the_rabbitmq_adr_gets_adr506_only(tmp_path: Path) -> None:
    """A broker in front of an 80 ms render that the page waits for: ADR506, nothing else."""
    assert [(32, "ADR506")] == _lint_one(tmp_path, RABBIT)


@pytest.mark.parametrize("name", sorted(EXCELLENT))
def test_an_excellent_adr_gets_no_finding_at_all(tmp_path: Path, name: str) -> None:
    """Measured constraints, the boring option weighed, costs written down, failure modes
    designed for: no finding of any rule."""
    assert [] == where(run(make_log(tmp_path, {name: EXCELLENT[name]})))


def test_a_fresh_log_and_the_demo_pass_every_quality_rule(initialised: Path) -> None:
    """ADR 0001 of `adr init` and the `make demo` ADR get no quality finding."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    sets = [
        line.split('--set "', 1)[1].rsplit('"', 1)[0]
        for line in makefile.splitlines()
        if '--set "' in line
    ]
    assert len(sets) >= 20
    args = [arg for value in sets for arg in ("--set", value)]
    made = adr(
        "new",
        "Use PostgreSQL for the order store",
        "--no-input",
        "--decision-maker",
        "Ana Silva",
        *args,
    )
    assert 0 == made.exit_code, made.stderr
    run_lint = adr("lint", "--select", "quality")
    assert (0, "", "") == (run_lint.exit_code, run_lint.stdout, run_lint.stderr)


def test_this_projects_own_log_passes_every_quality_rule() -> None:
    """docs/adr of this project gets no quality finding."""
    found = adr("--dir", str(ROOT / "docs" / "adr"), "lint", "--select", "quality")
    assert (0, "") == (found.exit_code, found.stdout)


def test_quality_findings_are_warnings_unless_errors_or_strict(initialised: Path) -> None:
    """Warnings exit 0; --strict exits 1; `errors` under [quality] makes them errors."""
    write(initialised / "docs/adr" / NAME, KAFKA)
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace("errors = []", 'errors = ["ADR510"]'))
    found = adr("lint", "--select", "quality", "--format", "json")
    records = json.loads(found.stdout)
    assert 1 == found.exit_code
    assert {"ADR510"} == {r["code"] for r in records if r["severity"] == "error"}
    config.write_text(config.read_text().replace('errors = ["ADR510"]', "errors = []"))
    assert 0 == adr("lint", "--select", "quality").exit_code
    assert 1 == adr("lint", "--select", "quality", "--strict").exit_code
    config.write_text(config.read_text().replace("errors = []", 'errors = ["quality"]'))
    records = json.loads(adr("lint", "--select", "quality", "--format", "json").stdout)
    assert {"error"} == {r["severity"] for r in records}


def test_an_unknown_code_in_errors_is_a_configuration_error(initialised: Path) -> None:
    """`errors = ["ADR599"]` is refused with exit 2, naming the code."""
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace("errors = []", 'errors = ["ADR599"]'))
    found = adr("lint")
    assert 2 == found.exit_code
    assert "unknown quality rule 'ADR599' in `errors` under [quality]" in found.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour' in [quality]"),
        ('detection = "yes"\n', "detection must be true or false"),
        ('stack = "Kafka"\n', "stack must be a list of strings"),
        ("other-templates = 3\n", "other-templates must be true, false or a list of codes"),
    ],
)
def test_bad_quality_settings_are_one_line(tmp_path: Path, settings: str, message: str) -> None:
    """A wrong key or type under [quality] is one line naming it, exit 2."""
    make_log(tmp_path, {}, settings="")
    (tmp_path / ".adr.toml").write_text(f'directory = "docs/adr"\n[quality]\n{settings}')
    found = adr("--dir", str(tmp_path / "docs" / "adr"), "lint")
    assert 2 == found.exit_code
    assert message in found.stderr and found.stderr.count("\n") == 1


def test_the_teams_stack_counts_as_boring(tmp_path: Path) -> None:
    """Kafka chosen with no boring option is ADR504, unless `stack` lists Kafka."""
    text = KAFKA.replace("If needed.", "At 5,000 orders a minute.")
    assert (26, "ADR504") in _lint_one(tmp_path / "a", text, "", "ADR504")
    assert [] == _lint_one(
        tmp_path / "b", text, 'stack = ["Kafka", "Cassandra", "microservices"]\n', "ADR504"
    )


def test_extend_adds_words_and_a_key_replaces_them(tmp_path: Path) -> None:
    """`extend-fashion-words` adds a phrase; `fashion-words` replaces the list."""
    text = KAFKA.replace("everyone uses it", "it is hip")
    added = _lint_one(tmp_path / "a", text, 'extend-fashion-words = ["hip"]\n', "ADR513")
    assert [(26, "ADR513"), (27, "ADR513")] == added
    replaced = _lint_one(tmp_path / "b", text, 'fashion-words = ["hip"]\n', "ADR513")
    assert [(27, "ADR513")] == replaced


def test_detection_can_be_turned_off(tmp_path: Path) -> None:
    """Without `detection`, a failure mode need not say how it is detected."""
    text = RABBIT.replace("  - Detected by: the broker health check pages on-call.\n", "")
    assert [(49, "ADR508")] == _lint_one(tmp_path / "a", text, "", "ADR508")
    assert [] == _lint_one(tmp_path / "b", text, "detection = false\n", "ADR508")


def test_a_suppression_keeps_its_reason(tmp_path: Path) -> None:
    """`adr: allow ADR506 because ...` silences ADR506 in that file; without a reason it is
    ADR518; a code that finds nothing there, or is not a quality rule, is ADR518 too."""
    allowed = RABBIT.replace(
        "## Context\n",
        "<!-- adr: allow ADR506 because the reply queue is the team's standard RPC "
        "(ADR 0012) -->\n\n## Context\n",
    )
    assert [] == _lint_one(tmp_path / "a", allowed)
    bare = RABBIT.replace("## Context\n", "<!-- adr: allow ADR506 -->\n\n## Context\n")
    assert [(10, "ADR518")] == _lint_one(tmp_path / "b", bare)
    unused = RABBIT.replace(
        "## Context\n",
        "<!-- adr: allow ADR506, ADR507, ADR201 because we said so -->\n\n## Context\n",
    )
    found = run(make_log(tmp_path / "c", {NAME: unused}))
    assert [(10, "ADR518"), (10, "ADR518")] == [(f.line, f.code) for f in found]
    assert "ADR507` allows what nothing finds here" in found[0].message + found[1].message
    assert "ADR201`: only the quality rules" in found[0].message + found[1].message


def test_a_suppression_in_a_code_block_is_an_example(tmp_path: Path) -> None:
    """`<!-- adr: allow ... -->` inside a fenced code block is text, not a suppression."""
    text = RABBIT.replace(
        "## Context\n", "```\n<!-- adr: allow ADR506 because -->\n```\n\n## Context\n"
    )
    assert [(36, "ADR506")] == _lint_one(tmp_path, text)


MADR = """\
---
status: accepted
template: madr
---
# Use Kafka for events

## Context and Problem Statement

Everyone uses Kafka.

## Considered Options

* Kafka
* Pulsar

## Decision Outcome

Chosen option: "Kafka", because it is modern and industry best practice.
"""


def test_other_templates_are_off_unless_turned_on(tmp_path: Path) -> None:
    """A MADR file gets no quality finding by default; `other-templates = true` runs the
    rules precise on free prose; a list runs exactly those."""
    assert [] == _lint_one(tmp_path / "a", MADR, "", "quality")
    assert [(2, "ADR517")] == _lint_one(tmp_path / "b", MADR, "other-templates = true\n", "quality")
    chosen = _lint_one(tmp_path / "c", MADR, 'other-templates = ["ADR504", "ADR513"]\n', "quality")
    assert [(18, "ADR504"), (18, "ADR513"), (18, "ADR513")] == chosen
    assert "ADR504" not in FREE_PROSE and "ADR517" in FREE_PROSE


def test_select_quality_runs_only_the_family(initialised: Path) -> None:
    """`--select quality` keeps the quality family and nothing else."""
    write(initialised / "docs/adr" / NAME, KAFKA)
    codes = {line.split()[1] for line in adr("lint", "--select", "quality").stdout.splitlines()}
    assert codes and all(code.startswith("ADR5") for code in codes)


def test_version_1_files_keep_passing_the_structural_rules(tmp_path: Path) -> None:
    """An ADR of template version 1 is not asked for the labels of version 2; one that says
    version 2 is; a version the template does not have is ADR206."""
    v1 = EXCELLENT["0004-ship-the-cli-as-a-single-binary.md"]
    assert [] == where(run(make_log(tmp_path / "a", {NAME: v1}), "content"))
    v2 = v1.replace(
        "template: constraint-first\n", "template: constraint-first\ntemplate-version: 2\n"
    )
    codes = [code for _, _, code in where(run(make_log(tmp_path / "b", {NAME: v2}), "content"))]
    assert {"ADR203"} == set(codes) and len(codes) == 6  # Boring option, Chosen, ... Signal
    v9 = v1.replace(
        "template: constraint-first\n", "template: constraint-first\ntemplate-version: 9\n"
    )
    assert [(NAME, 7, "ADR206")] == where(run(make_log(tmp_path / "c", {NAME: v9}), "content"))


def test_a_200_kb_line_does_not_stall_a_rule(tmp_path: Path) -> None:
    """Every section holding a 200 KB line of the shapes the rules parse (numbers, labels,
    negations, comments and links left open) is linted in seconds, not minutes."""
    line = "".join(
        piece * 8_000 for piece in ("1,", "no ", "<!-- ", "](", "- Users: ", "it scales ", "a ")
    )[:200_000]
    text = KAFKA
    for heading in ("## Context\n", "## Decision\n", "## Trade-offs\n", "## Revisit when\n"):
        text = text.replace(heading, f"{heading}\n{line}\n")
    text = text.replace("- Latency: low", f"- Latency: {line}")
    started = time.monotonic()
    found = run(make_log(tmp_path, {NAME: text}), "quality")
    assert time.monotonic() - started < 10  # quadratic work on this line takes minutes
    assert found
