"""Numbers on the base branch, so that two branches never both add ADR 0012.

Plain `git` processes, a few per command: `adr new` and `adr renumber` ask the base branch
which numbers it already uses.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from .naming import other_markup, read_name, read_stem, record_file

if TYPE_CHECKING:
    from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return None
    return completed.stdout if completed.returncode == 0 else None


def _exists(root: Path, ref: str) -> bool:
    return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is not None


def base_ref(root: Path, configured: str | None) -> str | None:
    """`base-branch` from .adr.toml, else the upstream, else origin/main or main."""
    if not (root / ".git").exists():
        return None
    if configured:
        return configured if _exists(root, configured) else None
    upstream = _git(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    if upstream and upstream.strip():
        return upstream.strip()
    return next((ref for ref in ("origin/main", "main") if _exists(root, ref)), None)


def numbers_on(root: Path, ref: str, directory: Path) -> dict[int, list[str]]:
    """Number -> file names of the ADRs in `directory` on `ref` (empty if it has none)."""
    folder = directory.resolve().relative_to(root.resolve()).as_posix()
    listing = _git(
        root, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z", ref, "--", folder
    )
    by_folder: dict[str, list[str]] = {}
    for path in (listing or "").split("\0"):
        if path:
            parent, _, name = path.rpartition("/")
            by_folder.setdefault(parent, []).append(name)
    found: dict[int, list[str]] = {}
    for parent, names in by_folder.items():
        top = parent in (folder, "")  # the ADR folder itself is never a record
        record = None if top else record_file(names)  # a folder record's one file
        for name in names:
            if name == record:
                name = parent.rsplit("/", 1)[-1]
                info = read_stem(name)
            else:
                unread = other_markup(name)  # decisions in other markups keep their numbers too
                info = read_name(name) or (unread[1] if unread else None)
            if info is not None and info.number is not None:
                found.setdefault(info.number, []).append(name)
    return found


def is_tracked(root: Path, path: Path) -> bool:
    return _git(root, "ls-files", "--error-unmatch", "--", str(path)) is not None


def move(root: Path, source: Path, target: Path) -> None:
    """`git mv` when the file is tracked, a plain rename otherwise."""
    tracked = (root / ".git").exists() and is_tracked(root, source)
    if tracked and _git(root, "mv", "--", str(source), str(target)) is not None:
        return
    source.rename(target)


def collisions(root: Path, ref: str, adrs: list[tuple[int, Path]],
               directory: Path) -> list[tuple[int, Path, str, int]]:
    """ADRs added on this branch whose number `ref` already gives to another file.

    `adrs` are (number, path) in the working tree; returns (number, path, the other file's
    name on `ref`, the next number free on both sides).
    """
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        from .errors import UsageError

        raise UsageError(f"--base {ref!r} is not a branch or commit in this repository")
    on_ref = numbers_on(root, ref, directory)
    names_on_ref = {name for names in on_ref.values() for name in names}
    free = max([0, *on_ref, *(number for number, _ in adrs)]) + 1
    found: list[tuple[int, Path, str, int]] = []
    for number, path in sorted(adrs):
        others = [name for name in on_ref.get(number, []) if name != path.name]
        if others and path.name not in names_on_ref:
            found.append((number, path, others[0], free))
            free += 1
    return found
