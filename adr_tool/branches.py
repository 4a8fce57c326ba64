"""Numbers on the base branch, so that two branches never both add ADR 0012.

Plain `git` processes, a few per command: `adr new` and `adr renumber` ask the base branch
which numbers it already uses.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from .naming import other_markup, read_name, read_stem, record_file


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


def move(root: Path, source: Path, target: Path) -> None:
    """Rename a file or a folder record without ever replacing anything (see
    `store.move_exclusive`).

    A tracked file's index entries move with it, as `git mv` moves it: what was staged stays
    staged. `git mv` itself is not used: it replaces nothing either, but when it refuses the
    only way on would be a plain rename, which can.
    """
    from .store import move_exclusive

    entries = _index_entries(root, source)
    move_exclusive(source, target)
    if entries:
        old, new = _relative(root, source), _relative(root, target)
        records = ""
        for mode, blob, path in entries:  # a folder's files keep their place inside it
            records += f"{mode} {blob} 0\t{new + path[len(old):]}\0"
            records += f"0 {'0' * len(blob)} 0\t{path}\0"
        with contextlib.suppress(OSError):  # git gone since: the move stands, unstaged
            subprocess.run(
                ["git", "update-index", "-z", "--index-info"],
                cwd=root,
                input=os.fsencode(records),
                capture_output=True,
                check=False,
            )


def _index_entries(root: Path, path: Path) -> list[tuple[str, str, str]]:
    """Mode, blob and path in git's index of the file `path`, or of every file in the folder
    `path`; empty when untracked or when any of them is in a conflict."""
    if not (root / ".git").exists():
        return []
    try:
        completed = subprocess.run(
            ["git", "--literal-pathspecs", "ls-files", "-s", "-z", "--", _relative(root, path)],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return []
    if completed.returncode != 0:
        return []
    entries: list[tuple[str, str, str]] = []  # paths relative to the root, as git writes them
    for record in completed.stdout.split(b"\0"):
        if not record:
            continue
        info, name = record.split(b"\t", 1)
        mode, blob, stage = info.decode("ascii").split()
        if stage != "0":
            return []
        entries.append((mode, blob, os.fsdecode(name)))
    return entries


def _relative(root: Path, path: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


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
