"""`adr hook install`: a plain git pre-commit hook for teams without the pre-commit framework.

The hook is a short shell script that runs `python -m adr_tool.hooks` with the interpreter that
installed adr-tool: that asks git for the Markdown files staged for the commit, NUL-separated
(so no name is quoted or split, whatever characters it holds), and lints them. It carries a
marker line, so that installing again replaces our own hook but never a hook someone else
wrote (unless forced, and then the old one is kept next to it).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import AdrError
from .store import move_exclusive, new_file_mode, write_atomic

if TYPE_CHECKING:
    from pathlib import Path

MARKER = "# adr-tool pre-commit hook"
BACKUP_SUFFIX = ".orig"

_TEMPLATE = """\
#!/bin/sh
{marker}: written by `adr hook install`; run it again to update, delete this file to remove.
# Lints the ADRs staged for this commit (and the whole decision log) with the Python that
# installed adr-tool. Skip it once with `git commit --no-verify`.
ADR_PYTHON={python}
if [ ! -x "$ADR_PYTHON" ]; then
    echo "adr-tool hook: $ADR_PYTHON is gone; reinstall adr-tool and run 'adr hook install'," >&2
    echo "or commit with --no-verify" >&2
    exit 1
fi
exec "$ADR_PYTHON" -m adr_tool.hooks
"""


@dataclass(frozen=True)
class Installed:
    path: Path
    backup: Path | None = None  # where a foreign hook was moved with --force


def render(python: str) -> str:
    """The hook script for this interpreter."""
    return _TEMPLATE.format(marker=MARKER, python=shlex.quote(python))


def hooks_folder(cwd: Path) -> Path:
    """The repository's hooks folder (`core.hooksPath` honoured), from git itself."""
    completed = _git(cwd, "rev-parse", "--git-path", "hooks")
    if completed.returncode != 0:
        raise AdrError(
            f"{cwd} is not inside a git repository: run `git init` first, or use the "
            "pre-commit framework (docs/hooks.md)"
        )
    return (cwd / os.fsdecode(completed.stdout.strip())).resolve()


def install(cwd: Path, force: bool = False, python: str = sys.executable) -> Installed:
    """Write the pre-commit hook; refuse to replace a foreign hook unless `force`."""
    folder = hooks_folder(cwd)
    path = folder / "pre-commit"
    backup: Path | None = None
    if (path.exists() or path.is_symlink()) and not _ours(path):
        if not force:
            raise AdrError(
                "a pre-commit hook that adr-tool did not write is already there; "
                "rerun with --force to replace it (it is kept as pre-commit.orig)",
                path,
            )
        backup = _free_name(path)
        move_exclusive(path, backup)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AdrError(f"cannot create the hooks folder: {error.strerror}", folder) from None
    write_atomic(path, render(python))
    mode = new_file_mode()
    path.chmod(mode | (mode & 0o444) >> 2)  # executable by whoever may read it
    return Installed(path, backup)


def _free_name(path: Path) -> Path:
    """`pre-commit.orig`, or `pre-commit.orig.2`, ... when that is taken: no hook is lost."""
    candidate = path.with_name(path.name + BACKUP_SUFFIX)
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}{BACKUP_SUFFIX}.{number}")
    return candidate


def _ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def staged_markdown(cwd: Path) -> list[str]:
    """The Markdown files staged for the commit (added, copied, modified or renamed), relative
    to the top of the work tree, read NUL-separated as git writes them with -z."""
    staged = ("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--", *_MARKDOWN)
    completed = _git(cwd, *staged)
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip().splitlines()
        raise AdrError(f"git cannot list the staged files: {detail[-1] if detail else '?'}")
    return [os.fsdecode(name) for name in completed.stdout.split(b"\0") if name]


_MARKDOWN = ("*.md", "*.mdx", "*.markdown")  # what adr-tool reads (naming.MARKDOWN_SUFFIXES)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise AdrError(f"cannot run git: {error.strerror}; is git installed?") from None


def run_hook() -> None:
    """What the installed hook runs: `adr lint` on the staged Markdown files, if any."""
    from pathlib import Path

    try:
        files = staged_markdown(Path.cwd())
    except AdrError as error:
        print(f"adr: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    if not files:
        return
    from .cli import main

    sys.argv = ["adr", "lint", "--", *files]
    main()


if __name__ == "__main__":
    run_hook()
