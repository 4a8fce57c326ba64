"""`adr new`, scripted: numbering, answers from flags and files, safe names, no stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from adr_tool.document import parse
from tests.conftest import ADR_BIN, adr, run_process, write

if TYPE_CHECKING:
    from pathlib import Path


def _created(run_stdout: str, root: Path) -> Path:
    path = root / run_stdout.strip()
    assert path.is_file(), run_stdout
    return path


def test_new_prints_path_and_numbers_after_the_highest(initialised: Path) -> None:
    """The number is the highest in the log plus one, gaps and all."""
    write(initialised / "docs/adr/0007-later.md", "---\nstatus: accepted\n---\n# Later\n")
    run = adr("new", "Use S3 for invoices", "--no-input")
    assert 0 == run.exit_code, run.stderr
    assert "docs/adr/0008-use-s3-for-invoices.md\n" == run.stdout


def test_new_after_five_digit_numbers(initialised: Path) -> None:
    """After ADR 10000 comes 10001, not 1001 (numbers compared as integers)."""
    write(initialised / "docs/adr/9999-a.md", "# A\n")
    write(initialised / "docs/adr/10000-b.md", "# B\n")
    run = adr("new", "C", "--no-input")
    assert "docs/adr/10001-c.md\n" == run.stdout


def test_sets_fill_sections_items_and_lists(initialised: Path) -> None:
    """--set fills sections, labelled items (Section.Item) and list sections (one per --set)."""
    run = adr(
        "new",
        "Use S3",
        "--no-input",
        "--tag",
        "storage",
        "--tag",
        "cost",
        "--decision-maker",
        "Ana Silva",
        "--status",
        "accepted",
        "--set",
        "Context=Invoices must be kept\nseven years.",
        "--set",
        "Constraints.Latency=n/a, because invoices are fetched in batches",
        "--set",
        "Options considered=S3",
        "--set",
        "Options considered=Postgres",
        "--review-by",
        "2027-01-15",
    )
    assert 0 == run.exit_code, run.stderr
    text = _created(run.stdout, initialised).read_text()
    assert text.startswith(
        '---\nstatus: "accepted"\ndate: 2026-01-15\ndecision-makers: [Ana Silva]\n'
        "tags: [storage, cost]\nreview-by: 2027-01-15\ntemplate: constraint-first\n"
        "template-version: 2\n---\n"
        "# Use S3\n\n## Context\n\nInvoices must be kept\nseven years.\n\n## Constraints\n"
    )
    assert "- Latency: n/a, because invoices are fetched in batches\n" in text
    assert "## Options considered\n\n- S3\n- Postgres\n\n## Decision\n" in text


def test_answers_file(initialised: Path) -> None:
    """--answers takes a YAML file with the title, the sections and the metadata."""
    answers = write(
        initialised / "answers.yaml",
        """\
title: Use Redis for sessions
tags: [cache]
sections:
  Context: Sessions are lost on deploy.
  Constraints:
    Users: 10,000 at once
    Latency: under 5 ms
  Options considered: [Redis, Postgres]
""",
    )
    run = adr("new", "--no-input", "--answers", str(answers))
    assert 0 == run.exit_code, run.stderr
    path = _created(run.stdout, initialised)
    assert "0002-use-redis-for-sessions.md" == path.name
    document = parse(path.read_text(), path)
    assert ["cache"] == document.metadata["tags"]
    constraints = document.section("Constraints")
    assert constraints is not None
    assert "- Users: 10,000 at once" in constraints.text()


def test_answers_file_with_fields_of_failure_modes(initialised: Path) -> None:
    """An answers file gives a failure mode's fields (users see, mitigation) as a nested map."""
    answers = write(
        initialised / "answers.yaml",
        """\
title: Use Redis for sessions
sections:
  Failure modes:
    Database slow:
      Users see: a login that takes two seconds
      Mitigation: sessions are read from a replica
""",
    )
    run = adr("new", "--no-input", "--answers", str(answers))
    assert 0 == run.exit_code, run.stderr
    path = _created(run.stdout, initialised)
    section = parse(path.read_text(), path).section("Failure modes")
    assert section is not None
    assert "Users see: a login that takes two seconds" in section.text()
    assert "Mitigation: sessions are read from a replica" in section.text()


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "0002-etc-passwd.md"),
        ("R&D budget | Q3", "0002-r-d-budget-q3.md"),
        ("🚀 Launch", "0002-launch.md"),
        ("选择数据库", "0002-decision.md"),
        ("$(touch pwned) `id`", "0002-touch-pwned-id.md"),
        ("[a-z]+ (regex) .*", "0002-a-z-regex.md"),
    ],
)
def test_hostile_titles_stay_inside_and_exact(initialised: Path, title: str, name: str) -> None:
    """Any title gives a file inside the ADR folder, and the H1 keeps the title exactly."""
    run = adr("new", title, "--no-input")
    assert 0 == run.exit_code, run.stderr
    path = _created(run.stdout, initialised)
    assert (initialised / "docs/adr" / name) == path
    assert f"\n# {title}\n" in path.read_text()
    assert not (initialised / "pwned").exists()
    assert title == json.loads(adr("show", "2", "--format", "json").stdout)["title"]


def test_title_is_required_without_a_terminal(initialised: Path) -> None:
    """Scripted `adr new` without a title says how to give one (exit 2)."""
    run = adr("new", "--no-input")
    assert 2 == run.exit_code
    assert run.stderr.startswith("adr: a title is required")


def test_never_waits_on_stdin(initialised: Path) -> None:
    """Without a TTY, `adr new` finishes even though stdin stays open and silent."""
    process = subprocess.Popen(
        [str(ADR_BIN), "new", "No prompts here"],
        cwd=initialised,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert 0 == process.returncode, stderr
    assert "docs/adr/0002-no-prompts-here.md\n" == stdout


def test_unknown_status_lists_allowed(initialised: Path) -> None:
    """A status outside the configured set is refused with the allowed ones."""
    run = adr("new", "X", "--no-input", "--status", "maybe")
    assert 2 == run.exit_code
    assert (
        "adr: unknown status 'maybe'; allowed: proposed, accepted, rejected, deprecated, "
        "superseded\n" == run.stderr
    )
    assert not list((initialised / "docs/adr").glob("0002-*"))


def test_bad_set_names_the_sections(initialised: Path) -> None:
    """--set for a section the template lacks lists the ones it has; nothing is written."""
    run = adr("new", "X", "--no-input", "--set", "Budget=lots")
    assert 2 == run.exit_code
    assert run.stderr.startswith(
        "adr: --set: template 'constraint-first' has no section "
        "'Budget'; its sections: Context, Constraints"
    )
    assert not list((initialised / "docs/adr").glob("0002-*"))


def test_supersedes_must_exist(initialised: Path) -> None:
    """--supersedes a number that is not in the log writes nothing."""
    run = adr("new", "X", "--no-input", "--supersedes", "9")
    assert 1 == run.exit_code
    assert run.stderr.startswith("adr: no ADR number 9 in ")
    assert not list((initialised / "docs/adr").glob("0002-*"))


def test_edit_opens_the_editor(initialised: Path) -> None:
    """--edit runs $EDITOR on the new file."""
    editor = write(
        initialised / "editor.py", "import sys\nopen(sys.argv[1], 'a').write('edited\\n')\n"
    )
    run = adr("new", "X", "--no-input", "--edit", env={"EDITOR": f"{sys.executable} {editor}"})
    assert 0 == run.exit_code, run.stderr
    assert _created(run.stdout, initialised).read_text().endswith("edited\n")


def test_concurrent_new_never_overwrite(initialised: Path) -> None:
    """Eight `adr new` started at once get eight distinct numbers and keep every title."""
    processes = [
        subprocess.Popen(
            [str(ADR_BIN), "new", f"Decision {i}", "--no-input"],
            cwd=initialised,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    outputs = [process.communicate(timeout=60) for process in processes]
    assert [0] * 8 == [process.returncode for process in processes], outputs
    files = sorted((initialised / "docs/adr").glob("*.md"))
    assert 9 == len(files)
    assert list(range(1, 10)) == sorted(int(f.name[:4]) for f in files)
    titles = {f.read_text().split("\n# ", 1)[1].split("\n", 1)[0] for f in files}
    assert {f"Decision {i}" for i in range(8)} <= titles
    assert not list((initialised / "docs/adr").glob(".adr-*"))


def test_new_as_a_process(initialised: Path) -> None:
    """The installed `adr` prints the path and exits 0."""
    completed = run_process("new", "Use S3", "--no-input", cwd=initialised)
    assert (0, "docs/adr/0002-use-s3.md\n") == (completed.returncode, completed.stdout)
