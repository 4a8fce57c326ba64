"""The commit refused: `adr hook install` (plain git) and the pre-commit framework, for real."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from adr_tool.hooks import MARKER
from tests.conftest import ROOT, adr, git, run_process, write
from tests.lint_support import good_adr

if TYPE_CHECKING:
    from pathlib import Path

BAD = "docs/adr/0002-use-s3.md"


def _commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    """`git add -A` and a real `git commit`, hooks and all."""
    git(repo, "add", "-A")
    return subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def _refused_then_accepted(repo: Path) -> None:
    """Commit a skeleton ADR (refused with path:line findings), fill it, commit again."""
    assert 0 == run_process("new", "Use S3", "--no-input", cwd=repo).returncode
    refused = _commit(repo, "Add an unfilled ADR")
    assert 0 != refused.returncode
    output = refused.stdout + refused.stderr
    assert f"{BAD}:9:1: ADR202 section 'Context' holds only the template's guidance" in output
    assert "nothing to commit" not in output
    write(repo / BAD, good_adr(title="Use S3", status="proposed", date="2026-01-15"))
    accepted = _commit(repo, "Add a filled ADR")
    assert 0 == accepted.returncode, accepted.stdout + accepted.stderr
    assert "Add a filled ADR\n" == git(repo, "log", "-1", "--format=%s")


def test_plain_git_hook_refuses_then_accepts(initialised: Path) -> None:
    """`adr hook install` writes an executable hook that lints the staged ADRs on commit."""
    run = adr("hook", "install")
    assert (0, "installed .git/hooks/pre-commit\n") == (run.exit_code, run.stdout)
    hook = initialised / ".git" / "hooks" / "pre-commit"
    text = hook.read_text()
    assert MARKER in text and f"ADR_PYTHON={sys.executable}\n" in text
    assert hook.stat().st_mode & stat.S_IXUSR
    assert 0 == _commit(initialised, "Start the log").returncode
    _refused_then_accepted(initialised)


def test_plain_git_hook_skips_commits_without_markdown(initialised: Path) -> None:
    """A commit that stages no Markdown is not linted, even with a broken ADR in the tree."""
    assert 0 == adr("hook", "install").exit_code
    assert 0 == _commit(initialised, "Start the log").returncode
    write(initialised / BAD, "# Unfinished\n")
    git(initialised, "add", "-A")
    git(initialised, "reset", "-q", BAD)
    write(initialised / "src/app.py", "print('hi')\n")
    git(initialised, "add", "src/app.py")
    completed = subprocess.run(
        ["git", "commit", "-q", "-m", "Code only"],
        cwd=initialised,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr


def test_reinstall_and_foreign_hook(initialised: Path) -> None:
    """Our own hook is replaced quietly; a foreign one only with --force, and kept aside."""
    assert 0 == adr("hook", "install").exit_code
    assert 0 == adr("hook", "install").exit_code
    hook = initialised / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho theirs\n")
    run = adr("hook", "install")
    assert 1 == run.exit_code
    assert (
        "adr: .git/hooks/pre-commit: a pre-commit hook that adr-tool did not write is already "
        "there; rerun with --force to replace it (it is kept as pre-commit.orig)\n" == run.stderr
    )
    assert "#!/bin/sh\necho theirs\n" == hook.read_text()
    forced = adr("hook", "install", "--force")
    assert 0 == forced.exit_code
    assert forced.stdout.endswith("kept as .git/hooks/pre-commit.orig\n")
    assert MARKER in hook.read_text()
    assert "#!/bin/sh\necho theirs\n" == hook.with_name("pre-commit.orig").read_text()


def test_hooks_path_is_honoured(initialised: Path) -> None:
    """With core.hooksPath set, the hook goes where git will look for it."""
    git(initialised, "config", "core.hooksPath", ".githooks")
    run = adr("hook", "install")
    assert "installed .githooks/pre-commit\n" == run.stdout
    assert MARKER in (initialised / ".githooks" / "pre-commit").read_text()


def test_hook_install_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a repository there is nowhere to install: one line, exit 1."""
    monkeypatch.chdir(tmp_path)
    run = adr("hook", "install")
    assert 1 == run.exit_code
    assert run.stderr.startswith("adr: ") and 1 == len(run.stderr.splitlines())


def _snapshot_of_checkout(target: Path) -> str:
    """This checkout as it is now (tracked and new files, ignored ones left out), committed in
    a repository of its own: pre-commit installs hooks from a commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    target.mkdir()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q", "--initial-branch=main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


@pytest.mark.slow
def test_pre_commit_framework_refuses_then_accepts(
    initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real pre-commit framework runs our `adr-lint` hook from this checkout on commit."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs the project as a git checkout")
    rev = _snapshot_of_checkout(tmp_path / "adr-tool")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    write(
        initialised / ".pre-commit-config.yaml",
        f"repos:\n- repo: {tmp_path / 'adr-tool'}\n  rev: {rev}\n  hooks:\n  - id: adr-lint\n",
    )
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=initialised,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert 0 == installed.returncode, installed.stderr
    first = _commit(initialised, "Start the log")
    assert 0 == first.returncode, first.stdout + first.stderr
    _refused_then_accepted(initialised)


def test_plain_git_hook_reads_names_git_would_quote(initialised: Path) -> None:
    """Staged names with a quote, a tab or a newline reach lint whole (NUL-separated): good
    ADRs commit, a bad one is refused by name (main's hook split or quoted such names, and
    every such commit failed)."""
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace("ignore = []", 'ignore = ["ADR105"]'))
    assert 0 == adr("hook", "install").exit_code
    assert 0 == _commit(initialised, "Start the log").returncode
    names = ['0002-say-"hi".md', "0003-a\ttab.md", "0004-a\nnewline.md", "0005-back\\slash.md"]
    for number, name in enumerate(names, start=2):
        text = good_adr(title=f"Decision {number}", status="proposed", date="2026-01-15")
        write(initialised / "docs/adr" / name, text)
    accepted = _commit(initialised, "Odd names")
    assert 0 == accepted.returncode, accepted.stdout + accepted.stderr
    assert sorted(names) == sorted(
        name.removeprefix("docs/adr/")
        for name in git(initialised, "ls-files", "-z", "docs/adr").split("\0")
        if name and "record-architecture" not in name
    )
    write(initialised / 'docs/adr/0006-say-"no".md', "# Unfinished\n")
    refused = _commit(initialised, "An unfinished ADR")
    assert 0 != refused.returncode
    assert 'docs/adr/0006-say-"no".md:' in refused.stdout + refused.stderr
