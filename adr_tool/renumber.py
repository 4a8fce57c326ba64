"""`adr renumber`: move an ADR to a free number and rewrite every reference to it.

Everything is planned first (the new name, the new text of every file that refers to the
ADR); applying renames the file, writes the references, and undoes both on failure.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import front_matter, links
from .errors import AdrError, UsageError
from .lifecycle import Change, apply
from .store import other_markdown, write_atomic

if TYPE_CHECKING:
    from .document import Document
    from .model import Adr
    from .store import LoadedLog



@dataclass(frozen=True)
class Plan:
    adr: Adr
    target: Path
    number: int
    changes: list[Change]
    unread: tuple[Path, ...] = ()  # Markdown files beside the ADRs that could not be read


def new_name(name: str, number: int) -> str:
    """The file name with its number replaced, keeping prefix and width: ADR004-x -> ADR007-x."""
    match = re.match(r"^(\D*?)(\d+)", name)
    if match is None:
        return f"{number:04d}-{name}"
    digits = len(match.group(2))
    return f"{match.group(1)}{number:0{digits}d}{name[match.end() :]}"


def plan(
    loaded: LoadedLog, number: int, to: int, file: Path | None = None, index: Path | None = None
) -> Plan:
    """The renumbering of ADR `number` to `to`; `index`, the generated index (written anew
    afterwards, so not rewritten here)."""
    candidates = [adr for adr in loaded.log if adr.number == number]
    if file is not None:  # a path, or the bare name of a file in the log
        bare = len(file.parts) == 1
        candidates = [
            adr
            for adr in candidates
            if adr.path.resolve() == file.resolve() or (bare and adr.path.name == file.name)
        ]
    if not candidates:
        raise AdrError(
            f"no ADR number {number} in {loaded.log.directory}" + (f" at {file}" if file else "")
        )
    if len(candidates) > 1:
        names = ", ".join(adr.path.name for adr in candidates)
        raise UsageError(
            f"{len(candidates)} ADRs have number {number} ({names}); choose one with --file"
        )
    adr = candidates[0]
    if adr.number_derived:
        raise UsageError(f"{adr.path.name} has no number in its name; run `adr import` first")
    if to in loaded.log.numbers():
        raise UsageError(f"number {to} is already used in the log")
    target = adr.path.with_name(new_name(adr.path.name, to))
    if target.exists():
        raise UsageError(f"{target.name} already exists")
    changes: list[Change] = []
    unique = sum(1 for other in loaded.log if other.number == number) == 1
    for other in loaded.log:
        document = loaded.documents[other.path]
        before = ("\ufeff" if document.bom else "") + document.text
        after = _rewrite_links(document, other, adr, target, number, to)
        if unique and other is not adr:
            after = _rewrite_front_matter(after, document, number, to)
        if other is adr:
            after = re.sub(rf"(?m)^(# ){number}\. ", rf"\g<1>{to}. ", after, count=1)
        if after != before:
            changes.append(Change(other.path, before, after))
    unread: list[Path] = []
    for path in other_markdown(loaded.log):  # a README, notes: their links follow too
        if index is not None and os.path.normpath(path) == os.path.normpath(index):
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            unread.append(path)
            continue
        after = _links_followed(text, path.parent, adr, target, number, to)
        if after != text:
            changes.append(Change(path, text, after))
    return Plan(adr, target, to, changes, tuple(unread))


def _rewrite_front_matter(text: str, document: Document, old: int, new: int) -> str:
    meta = document.metadata
    updates: dict[str, front_matter.Value] = {}
    for key in ("supersedes", "superseded-by"):
        values = meta.get(key)
        if isinstance(values, list) and old in values:
            updates[key] = [new if v == old else v for v in values]
    links = meta.get("links")
    if isinstance(links, dict) and any(isinstance(v, list) and old in v for v in links.values()):
        updates["links"] = {
            str(k): [new if n == old else n for n in v if isinstance(n, int)]
            for k, v in links.items()
            if isinstance(v, list)
        }
    if not updates:
        return text
    prefix = "\ufeff" if text.startswith("\ufeff") else ""
    return prefix + front_matter.set_keys(text.removeprefix("\ufeff"), updates)


def _rewrite_links(
    document: Document, source: Adr, adr: Adr, target: Path, old: int, new: int
) -> str:
    text = ("\ufeff" if document.bom else "") + document.text
    return _links_followed(text, source.path.parent, adr, target, old, new)


def _links_followed(text: str, folder: Path, adr: Adr, target: Path, old: int, new: int) -> str:
    """Relative Markdown links to the renamed file (outside code), and their `N. Title` labels."""
    moved = os.path.normpath(adr.path)

    def follow(label: str | None, href: str) -> tuple[str | None, str] | None:
        path = links.local_path(href)
        if path is None or os.path.normpath(folder / path) != moved:
            return None
        anchor = href[href.index("#") :] if "#" in href else ""
        relative = Path(os.path.relpath(target, folder)).as_posix() + anchor
        return (re.sub(rf"^{old}\. ", f"{new}. ", label) if label else label), relative

    return links.rewrite(text, follow)


def apply_plan(root: Path, plan: Plan) -> list[Path]:
    """Rename the file, then write the references; undo the rename if a write fails."""
    from .branches import move

    changes = [
        Change(plan.target if c.path == plan.adr.path else c.path, c.before, c.after)
        for c in plan.changes
    ]
    move(root, plan.adr.path, plan.target)
    try:
        written = apply(changes)
    except AdrError:
        move(root, plan.target, plan.adr.path)
        raise
    return written


def restore(root: Path, plan: Plan) -> None:
    """Undo an applied plan (used when a later step, such as the index, fails)."""
    from .branches import move

    for change in plan.changes:
        path = plan.target if change.path == plan.adr.path else change.path
        write_atomic(path, change.before)
    move(root, plan.target, plan.adr.path)
