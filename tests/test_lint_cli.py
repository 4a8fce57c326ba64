"""`adr lint` on the command line: exit codes, output formats, rule selection and file paths."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import adr, write
from tests.lint_support import good_adr

if TYPE_CHECKING:
    from pathlib import Path

SKELETON = "docs/adr/0002-use-s3.md"


def test_fresh_log_is_clean(initialised: Path) -> None:
    """A log just made by `adr init` lints clean: exit 0, nothing printed."""
    run = adr("lint")
    assert (0, "", "") == (run.exit_code, run.stdout, run.stderr)


@pytest.mark.parametrize("template", ["madr", "nygard", "lightweight"])
def test_fresh_log_of_every_template_is_clean(repo: Path, template: str) -> None:
    """ADR 0001 of every built-in template passes lint."""
    assert 0 == adr("init", "--template", template).exit_code
    run = adr("lint")
    assert (0, "") == (run.exit_code, run.stdout)


def test_unfilled_skeleton_is_refused(initialised: Path) -> None:
    """`adr new --no-input` leaves the template's questions: lint refuses it (exit 1)."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    run = adr("lint")
    assert 1 == run.exit_code
    lines = run.stdout.splitlines()
    assert (
        f"{SKELETON}:10:1: ADR202 section 'Context' holds only the template's guidance: "
        "answer it" == lines[0]
    )
    assert f"{SKELETON}:20:3: ADR204 Constraints: 'Latency' is empty" in lines
    assert {"ADR202", "ADR204"} == {line.split()[1] for line in lines}
    assert "adr lint: 16 errors in 1 file\n" == run.stderr


def test_filled_adr_passes(initialised: Path) -> None:
    """An ADR that answers every question passes."""
    write(initialised / "docs/adr/0002-use-s3-for-invoices.md", good_adr())
    assert 0 == adr("lint").exit_code


def test_json_format(initialised: Path) -> None:
    """--format json prints one object per finding with the six fields."""
    write(initialised / "docs/adr/0002-a.md", good_adr(title="A", status="Approved"))
    run = adr("lint", "--format", "json")
    assert 1 == run.exit_code
    assert [
        {
            "path": "docs/adr/0002-a.md",
            "line": 2,
            "column": 1,
            "code": "ADR102",
            "severity": "error",
            "message": "unknown status 'Approved'; use one of: proposed, accepted, rejected, "
            "deprecated, superseded (or list it under `statuses` in .adr.toml)",
        }
    ] == json.loads(run.stdout)
    assert "" == run.stderr


def test_json_when_clean(initialised: Path) -> None:
    """--format json prints an empty list for a clean log."""
    run = adr("lint", "--format", "json")
    assert (0, []) == (run.exit_code, json.loads(run.stdout))


def test_github_format(initialised: Path) -> None:
    """--format github prints workflow annotations, warnings as warnings."""
    extra = "decision-makers: [Ana Silva]\nreview-by: 2025-01-15\n"
    write(initialised / "docs/adr/0002-a.md", good_adr(title="A", extra=extra))
    run = adr("lint", "--format", "github")
    assert 0 == run.exit_code
    assert (
        "::warning file=docs/adr/0002-a.md,line=5,col=1,title=ADR401::review-by 2025-01-15 "
        "passed 365 days ago: review the decision and set the next review-by, or supersede it\n"
        == run.stdout
    )


def test_warnings_exit_0_unless_strict(initialised: Path) -> None:
    """Warnings alone exit 0; --strict makes them exit 1."""
    write(initialised / "docs/adr/0002-a.md", good_adr(title="A", extra="review-by: 2025-01-15\n"))
    assert 0 == adr("lint").exit_code
    assert 1 == adr("lint", "--strict").exit_code


def test_select_and_ignore(initialised: Path) -> None:
    """--select keeps only the named rules (codes, prefixes, families); --ignore drops some."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    assert {"ADR204"} == _codes(adr("lint", "--select", "ADR204"))
    assert {"ADR202"} == _codes(adr("lint", "--select", "content", "--ignore", "ADR204"))
    assert {"ADR202", "ADR204"} == _codes(adr("lint", "--select", "ADR2,ADR3"))
    assert 0 == adr("lint", "--ignore", "ADR202", "--ignore", "ADR204").exit_code


def test_lint_table_of_the_configuration(initialised: Path) -> None:
    """`[lint]` select and ignore in .adr.toml choose the rules; --select replaces select."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace("ignore = []", 'ignore = ["ADR204"]'))
    assert {"ADR202"} == _codes(adr("lint"))
    config.write_text(config.read_text().replace("select = []", 'select = ["ADR204"]'))
    assert 0 == adr("lint").exit_code  # selected, then ignored
    assert {"ADR202"} == _codes(adr("lint", "--select", "ADR202"))


def _codes(run: object) -> set[str]:
    stdout = getattr(run, "stdout", "")
    return {line.split()[1] for line in stdout.splitlines()}


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ("--select", "ADR999"),
            "adr: unknown rule 'ADR999' given to --select/--ignore: give codes such as ADR201, "
            "prefixes such as ADR2, or families (file, content, log, time, quality); "
            "`adr lint --list-rules` lists them\n",
        ),
        (("--format", "xml"), None),
        (("no-such-file.md",), "adr: no-such-file.md: no such file or folder\n"),
    ],
)
def test_usage_errors_exit_2(initialised: Path, args: tuple[str, ...], stderr: str | None) -> None:
    """Bad options, unknown rules and missing paths are usage errors (exit 2)."""
    run = adr("lint", *args)
    assert 2 == run.exit_code
    if stderr is not None:
        assert stderr == run.stderr


def test_bad_lint_table_exits_2(initialised: Path) -> None:
    """An unknown rule in [lint] is a configuration error naming .adr.toml (exit 2)."""
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace("ignore = []", 'ignore = ["ADR9"]'))
    run = adr("lint")
    assert 2 == run.exit_code
    assert run.stderr.startswith("adr: .adr.toml: unknown rule 'ADR9' in [lint]")


def test_unknown_default_template_exits_2(initialised: Path) -> None:
    """A configured default template that does not exist is a configuration error (exit 2)."""
    first = initialised / "docs/adr/0001-record-architecture-decisions.md"
    first.write_text(first.read_text().replace("template: constraint-first\n", ""))
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace('template = "constraint-first"', 'template = "x"'))
    run = adr("lint")
    assert (2, "adr: .adr.toml: no template named 'x' (the `template` of .adr.toml)\n") == (
        run.exit_code,
        run.stderr,
    )


def test_no_log_exits_2(repo: Path) -> None:
    """Outside any decision log, lint is a configuration error (exit 2)."""
    run = adr("lint")
    assert 2 == run.exit_code
    assert run.stderr.startswith("adr: no ADR folder found")


def test_paths_limit_file_rules_but_not_log_rules(initialised: Path) -> None:
    """Given files, content rules run on them only, and log rules on the whole log."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    extra = "decision-makers: [Ana Silva]\nsupersedes: [1]\n"
    good = write(initialised / "docs/adr/0003-b.md", good_adr(title="B", extra=extra))
    run = adr("lint", str(good.relative_to(initialised)))
    assert 1 == run.exit_code
    assert [
        "docs/adr/0001-record-architecture-decisions.md:2:1: ADR303 0003 says it supersedes "
        "0001, but 0001 does not say it is superseded by 0003",
        "docs/adr/0001-record-architecture-decisions.md:2:1: ADR305 superseded by 0003, but its "
        "status is 'accepted': set it to superseded",
    ] == run.stdout.splitlines()


def test_paths_outside_the_log_are_ignored(initialised: Path) -> None:
    """Markdown outside the ADR folder (a hook passes every staged .md) is not linted."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    readme = write(initialised / "README.md", "# Project\n")
    run = adr("lint", str(readme))
    assert (0, "") == (run.exit_code, run.stdout)


def test_folder_path(initialised: Path) -> None:
    """A folder names every ADR below it."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    run = adr("lint", "docs")
    assert 1 == run.exit_code
    assert {SKELETON} == {line.split(":")[0] for line in run.stdout.splitlines()}


def test_works_from_a_subfolder(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths print relative to the working folder."""
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    monkeypatch.chdir(initialised / "docs" / "adr")
    run = adr("lint", "--select", "ADR202")
    assert run.stdout.startswith("0002-use-s3.md:10:1: ADR202 ")


def test_list_rules() -> None:
    """--list-rules prints each code with its family, severity and one-line explanation."""
    run = adr("lint", "--list-rules")
    assert 0 == run.exit_code
    lines = run.stdout.splitlines()
    assert lines[0].startswith("ADR100  file     error    The file cannot be read")
    assert any(line.startswith("ADR401  time     warning  ") for line in lines)


def test_lint_imports_nothing_heavy(initialised: Path) -> None:
    """`adr lint` and `adr --help` import neither gitpython, questionary nor markdown-it."""
    code = (
        "import sys\nfrom adr_tool.cli import cli\n"
        "for args in (['lint'], ['--help'], ['lint', 'docs/adr']):\n"
        "    try:\n        cli(args)\n    except SystemExit:\n        pass\n"
        "heavy = {'git', 'questionary', 'prompt_toolkit', 'markdown_it'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=initialised, capture_output=True, text=True, check=False
    )
    assert "[]" == completed.stdout.strip().splitlines()[-1], completed.stderr
