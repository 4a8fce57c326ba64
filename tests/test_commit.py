"""`--commit`: exactly the touched files are committed, in real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import adr, git, write


def _committed(repo: Path) -> Path:
    assert 0 == adr("init").exit_code
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "init")
    return repo


def _last_commit_files(repo: Path) -> list[str]:
    return git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n")


def test_new_commit(repo: Path) -> None:
    """`adr new --commit` commits the new file alone, leaving other staged work staged."""
    _committed(repo)
    write(repo / "other.txt", "unrelated\n")
    git(repo, "add", "other.txt")
    run = adr("new", "Use S3", "--no-input", "--commit")
    assert 0 == run.exit_code, run.stderr
    assert ["ADR 0002: Use S3", "", "docs/adr/0002-use-s3.md", ""] == _last_commit_files(repo)
    assert "A  other.txt\n" == git(repo, "status", "--porcelain")


def test_supersede_commit_has_both_files(repo: Path) -> None:
    """supersede --commit commits both changed files in one commit."""
    _committed(repo)
    adr("new", "Use S3", "--no-input", "--commit")
    adr("new", "Use GCS", "--no-input", "--commit")
    run = adr("supersede", "2", "3", "--commit")
    assert 0 == run.exit_code, run.stderr
    assert [
        "ADR 0003 supersedes ADR 0002",
        "",
        "docs/adr/0002-use-s3.md",
        "docs/adr/0003-use-gcs.md",
        "",
    ] == _last_commit_files(repo)
    assert "" == git(repo, "status", "--porcelain")


def test_status_link_and_index_commit(repo: Path) -> None:
    """status, link and index each commit what they wrote."""
    _committed(repo)
    adr("new", "Use S3", "--no-input", "--commit")
    assert 0 == adr("accept", "2", "--commit").exit_code
    assert "ADR 0002: accepted (Use S3)" == _last_commit_files(repo)[0]
    assert 0 == adr("link", "2", "amends", "1", "--commit").exit_code
    assert [
        "ADR 0002 amends ADR 0001",
        "",
        "docs/adr/0001-record-architecture-decisions.md",
        "docs/adr/0002-use-s3.md",
        "",
    ] == _last_commit_files(repo)
    assert 0 == adr("index", "--commit").exit_code
    assert ["Update the ADR index", "", "docs/adr/README.md", ""] == _last_commit_files(repo)


def test_refuses_unrelated_staged_changes(repo: Path) -> None:
    """A touched file with staged changes of its own is refused before anything is written."""
    _committed(repo)
    first = repo / "docs/adr/0001-record-architecture-decisions.md"
    first.write_text(first.read_text() + "\nA staged edit.\n")
    git(repo, "add", str(first))
    before = first.read_bytes()
    run = adr("deprecate", "1", "--commit")
    assert 2 == run.exit_code
    assert (
        "adr: --commit: docs/adr/0001-record-architecture-decisions.md has staged changes "
        "of its own; commit or unstage them first (nothing was written)\n" == run.stderr
    )
    assert before == first.read_bytes()


def test_commit_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--commit outside a git repository is a one-line usage error."""
    monkeypatch.chdir(tmp_path)
    assert 0 == adr("init").exit_code
    run = adr("new", "X", "--no-input", "--commit")
    assert 2 == run.exit_code
    assert "is not inside a git repository" in run.stderr
