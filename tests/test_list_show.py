"""`adr list`, `adr show`, `adr edit`, and the one-line errors of the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from tests.conftest import adr, run_process, write

if TYPE_CHECKING:
    from pathlib import Path

RECORD_KEYS = {
    "number",
    "title",
    "status",
    "date",
    "path",
    "tags",
    "decision-makers",
    "supersedes",
    "superseded-by",
    "links",
    "review-by",
    "template",
    "format",
    "created",
    "updated",
    "authors",
}


def _log(root: Path) -> None:
    adr_dir = root / "docs/adr"
    write(
        adr_dir / "0002-use-s3.md",
        "---\nstatus: superseded\ndate: 2026-01-02\n"
        "tags: [storage]\nsuperseded-by: [3]\n---\n# Use S3\n",
    )
    write(
        adr_dir / "0003-use-gcs.md",
        "---\nstatus: accepted\ndate: 2026-01-03\n"
        "tags: [storage, cloud]\nsupersedes: [2]\nlinks: {amends: [1]}\n---\n# Use GCS\n",
    )
    write(adr_dir / "README.md", "# Index\n")
    write(adr_dir / "index.md", "# Index\n")
    write(adr_dir / "template.md", "# Template\n")


def test_list_table(initialised: Path) -> None:
    """The table shows number, status, date, title and tags, in number order."""
    _log(initialised)
    run = adr("list")
    assert 0 == run.exit_code, run.stderr
    assert [
        "0001  accepted    2026-01-15  Record architecture decisions  [process]",
        "0002  superseded  2026-01-02  Use S3  [storage]",
        "0003  accepted    2026-01-03  Use GCS  [storage, cloud]",
    ] == run.stdout.splitlines()


def test_list_filters(initialised: Path) -> None:
    """--status and --tag narrow the list (case-insensitive)."""
    _log(initialised)
    assert "0003" == adr("list", "--status", "ACCEPTED", "--tag", "storage").stdout[:4]
    assert 1 == len(adr("list", "--tag", "cloud").stdout.splitlines())
    assert "" == adr("list", "--status", "rejected").stdout


def test_list_json_records(initialised: Path) -> None:
    """JSON records carry the front-matter names plus number, title and path."""
    _log(initialised)
    records = json.loads(adr("list", "--format", "json").stdout)
    assert [1, 2, 3] == [r["number"] for r in records]
    assert all(RECORD_KEYS == set(r) for r in records)
    gcs = records[2]
    assert {
        "title": "Use GCS",
        "status": "accepted",
        "date": "2026-01-03",
        "path": "docs/adr/0003-use-gcs.md",
        "supersedes": [2],
        "links": {"amends": [1]},
    } == {k: gcs[k] for k in ("title", "status", "date", "path", "supersedes", "links")}
    assert [3] == records[1]["superseded-by"]


def test_list_paths(initialised: Path) -> None:
    """--format paths prints one path per ADR; README, index and template are not ADRs."""
    _log(initialised)
    assert [
        "docs/adr/0001-record-architecture-decisions.md",
        "docs/adr/0002-use-s3.md",
        "docs/adr/0003-use-gcs.md",
    ] == adr("list", "--format", "paths").stdout.splitlines()


def test_show_markdown_and_json(initialised: Path) -> None:
    """show prints the file as written, or a JSON record with the body."""
    _log(initialised)
    path = initialised / "docs/adr/0003-use-gcs.md"
    assert path.read_text() == adr("show", "3").stdout
    assert path.read_text() == adr("show", "0003").stdout
    data = json.loads(adr("show", "ADR-3", "--format", "json").stdout)
    assert ("Use GCS", "# Use GCS\n") == (data["title"], data["body"])


def test_unknown_number_is_one_line(initialised: Path) -> None:
    """An unknown ADR number is one line on stderr and exit 1."""
    run = adr("show", "42")
    assert 1 == run.exit_code
    assert f"adr: no ADR number 42 in {initialised / 'docs/adr'}\n" == run.stderr


def test_not_a_number(initialised: Path) -> None:
    """References are by number only: a file-name fragment is a usage error."""
    run = adr("show", "use-s3")
    assert 2 == run.exit_code
    assert "'use-s3' is not an ADR number" in run.stderr


def test_unreadable_file_is_reported_and_the_rest_listed(initialised: Path) -> None:
    """A non-UTF-8 file and a FIFO are one warning line each; the others are still listed."""
    (initialised / "docs/adr/0005-latin1.md").write_bytes(b"# Caf\xe9\n")
    os.mkfifo(initialised / "docs/adr/0006-pipe.md")
    run = adr("list")
    assert 0 == run.exit_code
    assert [
        "adr: docs/adr/0005-latin1.md:1: not valid UTF-8 (byte 0xe9); re-save the file as UTF-8",
        "adr: docs/adr/0006-pipe.md: is not a regular file (a pipe or a device?)",
    ] == run.stderr.splitlines()
    assert "0001" in run.stdout


def test_edit_uses_visual_then_editor(initialised: Path) -> None:
    """`adr edit N` runs $VISUAL (before $EDITOR) on the ADR's file."""
    script = write(initialised / "ed.py", "import sys\nopen(sys.argv[1], 'a').write('x\\n')\n")
    run = adr("edit", "1", env={"VISUAL": f"{sys.executable} {script}", "EDITOR": "false"})
    assert 0 == run.exit_code, run.stderr
    assert (
        (initialised / "docs/adr/0001-record-architecture-decisions.md").read_text().endswith("x\n")
    )


def test_edit_without_editor(initialised: Path) -> None:
    """Without $VISUAL or $EDITOR, edit says which variable to set."""
    run = adr("edit", "1")
    assert (2, "adr: set $VISUAL or $EDITOR to open 0001-record-architecture-decisions.md\n") == (
        run.exit_code,
        run.stderr,
    )


def test_debug_shows_traceback(initialised: Path) -> None:
    """--debug adds the traceback; without it there is none."""
    plain = run_process("show", "42", cwd=initialised)
    debug = run_process("--debug", "show", "42", cwd=initialised)
    assert "Traceback" not in plain.stderr
    assert 1 == len(plain.stderr.splitlines())
    assert "Traceback" in debug.stderr
    assert 1 == debug.returncode


def test_python_dash_m() -> None:
    """`python -m adr_tool --help` works and shows an example."""
    completed = subprocess.run(
        [sys.executable, "-m", "adr_tool", "--help"], capture_output=True, text=True, check=False
    )
    assert 0 == completed.returncode
    assert "Example:" in completed.stdout


def test_every_command_has_help_with_an_example() -> None:
    """Each command's --help includes an example."""
    from adr_tool.cli import cli

    for name in cli.commands:
        run = adr(name, "--help")
        assert 0 == run.exit_code, name
        assert "Example:" in run.stdout, name


def test_no_color(initialised: Path) -> None:
    """NO_COLOR keeps escape codes out even when colour would be forced."""
    run = adr("list", env={"NO_COLOR": "1"})
    assert "\x1b[" not in run.stdout


def test_lint_and_help_stay_light() -> None:
    """`adr --help` and `adr list` import neither git, questionary nor markdown-it."""
    code = (
        "import sys\nfrom adr_tool.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'git', 'questionary', 'prompt_toolkit', 'markdown_it'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "[]" == completed.stdout.strip().splitlines()[-1]
