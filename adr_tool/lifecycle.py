"""Status changes, supersession and typed links across files: every file changes, or none.

Each operation computes the new text of every file it touches first (`Change`), then `apply`
writes them one by one and, if a write fails, puts back the ones already written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import edits
from .conflicts import refuse_conflicted
from .errors import AdrError, UsageError
from .store import write_atomic

if TYPE_CHECKING:
    from .config import Config
    from .model import Adr
    from .store import LoadedLog


@dataclass(frozen=True)
class Change:
    path: Path
    before: str
    after: str


def apply(changes: list[Change]) -> list[Path]:
    """Write every change; on a failure restore those already written and re-raise.

    A file that holds a git conflict marker is not edited (nor is any other): which side of
    the conflict a line belongs to is for a person to decide.
    """
    for change in changes:
        if change.after != change.before:
            refuse_conflicted(change.before, change.path)
    written: list[Change] = []
    try:
        for change in changes:
            if change.after != change.before:
                write_atomic(change.path, change.after)
                written.append(change)
    except AdrError:
        for change in reversed(written):
            write_atomic(change.path, change.before)
        raise
    return [change.path for change in written]


def _before(loaded: LoadedLog, adr: Adr) -> str:
    document = loaded.documents[adr.path]
    return ("\ufeff" if document.bom else "") + document.text


def set_status(
    loaded: LoadedLog, config: Config, number: int, status: str, date: str
) -> list[Change]:
    wanted = status.lower()
    if wanted not in config.statuses:
        raise UsageError(f"unknown status {status!r}; allowed: {', '.join(config.statuses)}")
    adr = loaded.log.get(number)
    document = loaded.documents[adr.path]
    return [Change(adr.path, _before(loaded, adr), edits.set_status(document, wanted, date))]


def _legacy_link(source: Adr, target: Adr) -> str:
    """`[3. Use GCS](0003-use-gcs.md)`: how adr-tools links one ADR to another."""
    relative = Path(os.path.relpath(target.path, source.path.parent)).as_posix()
    return f"[{target.number}. {target.title}]({relative})"


def supersede(loaded: LoadedLog, old_number: int, new_number: int, date: str) -> list[Change]:
    """OLD becomes superseded by NEW; NEW records that it supersedes OLD."""
    if old_number == new_number:
        raise UsageError(f"ADR {old_number} cannot supersede itself")
    log = loaded.log
    old, new = log.get(old_number), log.get(new_number)
    if _reaches(log_edges(loaded), old_number, new_number):
        raise UsageError(
            f"ADR {old_number:04d} already (indirectly) supersedes "
            f"{new_number:04d}; superseding back would make a cycle"
        )
    old_text = edits.mark_superseded(
        loaded.documents[old.path],
        date,
        _plus(old.superseded_by, new_number),
        _legacy_link(old, new),
    )
    changes = [Change(old.path, _before(loaded, old), old_text)]
    if old_number not in new.supersedes:
        new_text = edits.add_relation(
            loaded.documents[new.path],
            "supersedes",
            _plus(new.supersedes, old_number),
            _legacy_link(new, old),
        )
        changes.append(Change(new.path, _before(loaded, new), new_text))
    return changes


def link(loaded: LoadedLog, config: Config, first: int, relation: str, second: int) -> list[Change]:
    """A typed relation and its declared reverse, written on both sides."""
    if relation in ("supersedes", "superseded-by"):
        raise UsageError("use `adr supersede OLD NEW` for supersession: it also sets the status")
    reverse = config.relations.get(relation)
    if reverse is None:
        known = ", ".join(sorted(config.relations))
        raise UsageError(
            f"unknown relation {relation!r}; known: {known} (add a pair under [links] in .adr.toml)"
        )
    if first == second:
        raise UsageError(f"ADR {first} cannot be linked to itself")
    a, b = loaded.log.get(first), loaded.log.get(second)
    changes = []
    for source, name, target in ((a, relation, b), (b, reverse, a)):
        current = [n for rel, n in source.links if rel == name]
        if target.number in current:
            continue
        text = edits.add_relation(
            loaded.documents[source.path],
            name,
            [*current, target.number],
            _legacy_link(source, target),
        )
        changes.append(Change(source.path, _before(loaded, source), text))
    return changes


def supersede_from_new(config: Config, new_path: Path, olds: list[int], date: str) -> None:
    """After `adr new --supersedes`: mark the old ADRs; if that fails, remove the new file."""
    from .store import load_log

    try:
        loaded = load_log(config)
        new = next(adr for adr in loaded.log if adr.path == new_path)
        changes = [change for old in olds for change in supersede(loaded, old, new.number, date)]
        apply([change for change in changes if change.path != new_path])
    except BaseException:
        new_path.unlink(missing_ok=True)
        raise


def log_edges(loaded: LoadedLog) -> dict[int, set[int]]:
    """new -> the ADRs it supersedes, from both sides of every recorded supersession."""
    edges: dict[int, set[int]] = {}
    for adr in loaded.log:
        edges.setdefault(adr.number, set()).update(adr.supersedes)
        for successor in adr.superseded_by:
            edges.setdefault(successor, set()).add(adr.number)
    return edges


def _reaches(edges: dict[int, set[int]], start: int, goal: int) -> bool:
    seen: set[int] = set()
    stack = [start]
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, ()))
    return False


def _plus(numbers: tuple[int, ...], number: int) -> list[int]:
    return [*numbers, number] if number not in numbers else list(numbers)
