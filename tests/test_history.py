"""Decision history from one `git log`: adr log, created/updated in JSON, shallow and odd repos."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ADR_BIN, adr, commit, git, write


def test_log_timeline(story: Path) -> None:
    """`adr log` lists events newest first: date, ADR, event, title, author."""
    run = adr("log")
    assert 0 == run.exit_code, run.stderr
    assert [
        "2026-03-01  0002  superseded by 0003  Use S3  (Cy Diaz)",
        "2026-03-01  0003  accepted      Use GCS  (Cy Diaz)",
        "2026-02-15  0002  edited        Use S3  (Cy Diaz)",
        "2026-02-01  0002  accepted      Use S3  (Bo Chen)",
        "2026-01-10  0002  proposed      Use S3  (Ana Silva)",
        "2026-01-05  0001  accepted      Record architecture decisions  (Ana Silva)",
    ] == run.stdout.splitlines()


def test_log_filters_and_json(story: Path) -> None:
    """--adr, --since, --until and --format json select and describe events."""
    events = json.loads(
        adr(
            "log",
            "--adr",
            "2",
            "--since",
            "2026-01-15",
            "--until",
            "2026-02-28",
            "--format",
            "json",
        ).stdout
    )
    assert [("2026-02-15", "edited", "Cy Diaz"), ("2026-02-01", "accepted", "Bo Chen")] == [
        (e["date"][:10], e["event"], e["author"]) for e in events
    ]
    assert {"date", "number", "title", "event", "detail", "author", "commit"} == set(events[0])


def test_show_and_list_carry_git_dates(story: Path) -> None:
    """show and list JSON include created/updated dates and authors from git."""
    shown = json.loads(adr("show", "2", "--format", "json").stdout)
    assert ("2026-01-10T09:00:00+00:00", "Ana Silva") == (
        shown["created"]["date"],
        shown["created"]["author"],
    )
    assert ("2026-03-01T09:00:00+00:00", "Cy Diaz") == (
        shown["updated"]["date"],
        shown["updated"]["author"],
    )
    assert ["Ana Silva", "Bo Chen", "Cy Diaz"] == shown["authors"]
    listed = json.loads(adr("list", "--format", "json").stdout)
    assert "2026-03-01T09:00:00+00:00" == listed[2]["created"]["date"]


def test_renames_are_followed(story: Path) -> None:
    """After renumbering (git mv), the ADR keeps its history from before the rename."""
    assert 0 == adr("renumber", "2", "--to", "9").exit_code
    commit(story, "renumber", "2026-04-01", "Ana Silva")
    events = json.loads(adr("log", "--adr", "9", "--format", "json").stdout)
    assert ["renamed", "superseded", "edited", "accepted", "proposed"] == [
        e["event"] for e in events
    ]


def test_one_git_process(story: Path, tmp_path: Path) -> None:
    """The history read is one `git log` whatever the size of the log (processes counted)."""
    shim = tmp_path / "shim"
    shim.mkdir()
    calls = tmp_path / "calls.txt"
    real_git = subprocess.run(
        ["sh", "-c", "command -v git"], capture_output=True, text=True, check=True
    ).stdout.strip()
    script = shim / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> {calls}\nexec {real_git} "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}"}

    def count() -> list[str]:
        calls.write_text("")
        completed = subprocess.run(
            [str(ADR_BIN), "log"], cwd=story, env=env, capture_output=True, text=True, check=False
        )
        assert 0 == completed.returncode, completed.stderr
        return [line for line in calls.read_text().splitlines() if " log " in f" {line} "]

    small = count()
    for i in range(30):
        write(story / f"docs/adr/{i + 10:04d}-extra.md", "---\nstatus: proposed\n---\n# X\n")
    commit(story, "many", "2026-05-01", "Ana Silva")
    large = count()
    assert 1 == len(small) == len(large), (small, large)


def test_shallow_clone_says_what_it_cannot_know(story: Path, tmp_path: Path) -> None:
    """In a shallow clone, `adr log` works and prints one notice line."""
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{story}", str(clone))
    completed = subprocess.run(
        [str(ADR_BIN), "log"], cwd=clone, capture_output=True, text=True, check=False
    )
    assert 0 == completed.returncode
    assert completed.stderr.startswith("adr: note: shallow clone:")
    assert 1 == len(completed.stderr.splitlines())
    assert "2026-03-01  0003  accepted" in completed.stdout


def test_no_commits_yet(repo: Path) -> None:
    """A repository without commits gives uncommitted ADRs and a notice, not a failure."""
    assert 0 == adr("init").exit_code
    run = adr("log")
    assert 0 == run.exit_code
    assert "adr: note: no commits yet: no history\n" == run.stderr
    assert "uncommitted  0001  -             Record architecture decisions\n" == run.stdout


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside git, log and JSON work without history and say so once."""
    monkeypatch.chdir(tmp_path)
    assert 0 == adr("init").exit_code
    run = adr("show", "1", "--format", "json")
    assert 0 == run.exit_code
    assert run.stderr.startswith("adr: note: not a git repository")
    assert None is json.loads(run.stdout)["created"]


def test_uncommitted_adr_is_listed(story: Path) -> None:
    """An ADR not yet committed shows as uncommitted at the top of the timeline."""
    assert 0 == adr("new", "Use Redis", "--no-input").exit_code
    assert adr("log").stdout.startswith("uncommitted  0004  -             Use Redis\n")
