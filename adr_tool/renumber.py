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
from .conflicts import refuse_conflicted
from .errors import AdrError, UsageError
from .lifecycle import Change, apply
from .model import record_of
from .store import other_markdown, write_atomic

if TYPE_CHECKING:
    from .document import Document
    from .model import Adr
    from .store import LoadedLog



@dataclass(frozen=True)
class Plan:
    adr: Adr
    target: Path  # the ADR's file after the move (`0007-x/README.md` for a folder record)
    number: int
    changes: list[Change]
    unread: tuple[Path, ...] = ()  # Markdown files beside the ADRs that could not be read

    @property
    def moves(self) -> tuple[Path, Path]:
        """What is renamed: the file, or the whole folder of a folder record."""
        return self.adr.record, record_of(self.target)


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
            if adr.path.resolve() == file.resolve()
            or adr.record.resolve() == file.resolve()
            or (bare and file.name in (adr.path.name, adr.record.name))
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
    refuse_conflicted(loaded.documents[adr.path].text, adr.path)  # its name may be in conflict
    if adr.number_derived:
        raise UsageError(f"{adr.path.name} has no number in its name; run `adr import` first")
    if to in loaded.taken_numbers():  # by an ADR, or any file in the folder, read or not
        raise UsageError(f"number {to} is already used in the log")
    moved = adr.record.with_name(new_name(adr.record.name, to))  # a folder record's folder
    if moved.exists():
        raise UsageError(f"{moved.name} already exists")
    target = moved / adr.path.name if adr.in_folder else moved
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
        after = _links_followed(text, path.parent, path.parent, adr, target, number, to)
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
    return prefix + front_matter.set_keys(text.removeprefix("\ufeff"), updates, document.path)


def _rewrite_links(
    document: Document, source: Adr, adr: Adr, target: Path, old: int, new: int
) -> str:
    text = ("\ufeff" if document.bom else "") + document.text
    home = target.parent if source is adr else source.path.parent  # where the text will be
    return _links_followed(text, source.path.parent, home, adr, target, old, new)


def _links_followed(
    text: str, folder: Path, home: Path, adr: Adr, target: Path, old: int, new: int
) -> str:
    """Relative links to the renamed ADR (its file, or a folder record's folder and anything in
    it), outside code, and their `N. Title` labels; the text is in `folder`, and will be in
    `home`."""
    moved = adr.record.resolve()

    def follow(label: str | None, href: str) -> tuple[str | None, str] | None:
        path = links.local_path(href)
        destination = (
            _moved_to((folder / path).resolve(), moved, record_of(target)) if path else None
        )
        if path is None or destination is None:
            return None
        relative = Path(os.path.relpath(destination, home)).as_posix()
        relative += "/" if path.endswith("/") else ""
        anchor = href[href.index("#") :] if "#" in href else ""
        return (re.sub(rf"^{old}\. ", f"{new}. ", label) if label else label), relative + anchor

    return links.rewrite(text, follow)


def _moved_to(linked: Path, moved: Path, target: Path) -> Path | None:
    """Where a link's target is after `moved` becomes `target`: the file itself, or the folder
    of a folder record and anything in it (its images); None for anything else."""
    if linked == moved:
        return target
    if moved in linked.parents:
        return target / linked.relative_to(moved)
    return None


def apply_plan(root: Path, plan: Plan) -> list[Path]:
    """Rename the file, then write the references; undo the rename if a write fails."""
    from .branches import move

    changes = [
        Change(plan.target if c.path == plan.adr.path else c.path, c.before, c.after)
        for c in plan.changes
    ]
    source, target = plan.moves
    move(root, source, target)
    try:
        written = apply(changes)
    except AdrError:
        move(root, target, source)
        raise
    return written


def restore(root: Path, plan: Plan) -> None:
    """Undo an applied plan (used when a later step, such as the index, fails)."""
    from .branches import move

    for change in plan.changes:
        path = plan.target if change.path == plan.adr.path else change.path
        write_atomic(path, change.before)
    source, target = plan.moves
    move(root, target, source)
