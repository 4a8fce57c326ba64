"""`--commit`: commit exactly the files a command touched, with plain `git` processes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import AdrError, UsageError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--commit needs git, and git is not installed") from None


def author_name(start: Path) -> str | None:
    """The name git would record as the author of a commit made in `start` (its
    configuration or GIT_AUTHOR_NAME), or None when git has none or is not installed."""
    try:
        completed = subprocess.run(
            ["git", "var", "GIT_AUTHOR_IDENT"], cwd=start, capture_output=True, text=True,
            check=False,
        )
    except OSError:
        return None
    name = completed.stdout.split(" <", 1)[0].strip() if completed.returncode == 0 else ""
    return name or None


def work_tree(start: Path) -> Path:
    """The root of the git work tree holding `start`; an error outside git."""
    completed = _git(start, "rev-parse", "--show-toplevel")
    if completed.returncode != 0:
        raise UsageError(f"--commit: {start} is not inside a git repository")
    return Path(completed.stdout.strip())


def check_clean(directory: Path, paths: list[Path]) -> Path:
    """The work tree's root; refuses before writing when a file we will touch already has
    staged changes."""
    root = work_tree(directory)
    if not paths:
        return root
    relative = [str(path.resolve().relative_to(root.resolve())) for path in paths]
    staged = _git(root, "diff", "--cached", "--name-only", "-z", "--", *relative)
    if staged.returncode != 0:  # no commits yet: everything staged counts
        staged = _git(root, "ls-files", "--cached", "-z", "--", *relative)
    names = [name for name in staged.stdout.split("\0") if name]
    if names:
        raise UsageError(
            f"--commit: {names[0]} has staged changes of its own; commit or "
            "unstage them first (nothing was written)"
        )
    return root


def commit(root: Path, paths: list[Path], message: str) -> None:
    """Commit exactly `paths` (other staged changes stay staged)."""
    relative = [str(path.resolve().relative_to(root.resolve())) for path in paths]
    added = _git(root, "add", "--", *relative)
    if added.returncode != 0:
        raise AdrError(f"git add failed: {added.stderr.strip()}")
    done = _git(root, "commit", "--quiet", "-m", message, "--only", "--", *relative)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise AdrError(
            f"git commit failed: {detail[-1] if detail else 'no output'} (the files were written)"
        )
