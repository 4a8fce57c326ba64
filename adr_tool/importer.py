"""`adr import`: convert a log written with adr-tools, MADR, log4brains or pyadr, in place.

Each file is converted on its own: metadata moves into front matter (status, date, decision
makers, tags, relations), the H1 loses its `N.` prefix, and the lines that held the metadata
go; every other line stays exactly as it was, in order. With `renumber`, files whose names are
not `NNNN-slug.md` are renamed and every relative link to them rewritten.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import front_matter, links
from .dates import written_date_iso
from .edits import split_keeping_ends
from .errors import AdrError
from .formats import bullet_continuation, status_spans
from .lifecycle import Change
from .model import shared_number_message
from .naming import CANONICAL, RECORD_STEMS, check_number, slugify
from .store import other_markdown
from .templates import heading

if TYPE_CHECKING:
    from .config import Config
    from .document import Document
    from .model import Adr
    from .store import LoadedLog

FORMATS = ("adr-tools", "madr", "log4brains", "pyadr", "front-matter")
_TEMPLATE_FOR = {"adr-tools": "nygard", "madr": "madr", "log4brains": "madr", "pyadr": "madr"}
_META_LINE = re.compile(
    r"^\s*(?:[*-]\s+)?(?:\*\*)?(status|date|last modified|deciders|decision[- ]makers|tags|日期)"
    r"(?:\*\*)?\s*[:：]",
    re.IGNORECASE,
)
_STATUS_HEADINGS = ("status", "状态", "statut", "estado")
_STATUS_BULLET = re.compile(r"^\s*(?:[*-]\s+)?(?:\*\*)?status(?:\*\*)?\s*:", re.IGNORECASE)


@dataclass
class Report:
    converted: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "path: why"
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    detected: dict[Path, str] = field(default_factory=dict)
    verbatim_statuses: dict[str, list[Path]] = field(default_factory=dict)
    verbatim_dates: list[tuple[Path, str]] = field(default_factory=list)
    broken_links: list[tuple[Path, str]] = field(default_factory=list)
    shared_numbers: list[str] = field(default_factory=list)  # what to do about each


@dataclass
class ImportPlan:
    changes: list[Change]
    renames: list[tuple[Path, Path]]
    report: Report


def detect(adr: Adr, document: Document) -> str:
    """Which format a file is written in, from where it keeps its metadata."""
    if document.front_matter is not None:
        return "adr-tool" if adr.format == "adr-tool" and _is_ours(document) else "front-matter"
    if document.section(*_STATUS_HEADINGS) is not None and adr.format == "adr-tools":
        return "adr-tools"
    if adr.format == "log4brains" or re.match(r"^\d{8}-", adr.path.name):
        return "log4brains"
    if adr.format == "madr":
        return "madr"
    return "adr-tools" if document.section(*_STATUS_HEADINGS) is not None else "front-matter"


def _is_ours(document: Document) -> bool:
    status = document.metadata.get("status")
    return (
        isinstance(status, str)
        and "deciders" not in document.metadata
        and not re.search(r"supersed|;", status, re.IGNORECASE)
    )


def plan_import(
    loaded: LoadedLog,
    config: Config,
    forced: str | None = None,
    status_map: dict[str, str] | None = None,
    renumber: bool = False,
    folders_as_files: bool = False,
) -> ImportPlan:
    report = Report()
    report.skipped = [str(error) for error in loaded.unreadable]
    report.skipped += [f"{unread.path}: {unread.message}" for unread in loaded.unread]
    mapping = {old.lower(): new for old, new in (status_map or {}).items()}
    renames = _renames(loaded, renumber, folders_as_files)
    texts: dict[Path, tuple[str, str]] = {}
    for adr in loaded.log:
        document = loaded.documents[adr.path]
        kind = forced or detect(adr, document)
        report.detected[adr.path] = kind
        before = ("\ufeff" if document.bom else "") + document.text
        untouched = kind == "adr-tool" and adr.status.lower() not in mapping
        if adr.record in renames or adr.path in renames:
            untouched = untouched and not (adr.number_derived and "date" not in document.metadata)
        after = before if untouched else _convert(adr, document, kind, config, mapping, report)
        texts[adr.path] = (before, after)
        for relation, target, _line in adr.broken_refs:
            report.broken_links.append((adr.path, f"{relation} {target}"))
    for path in other_markdown(loaded.log) if renames else []:  # a README links to ADRs too
        try:
            text = path.read_bytes().decode("utf-8")  # as it is: CRLF and a BOM stay
        except (OSError, UnicodeDecodeError) as error:
            reason = "not UTF-8" if isinstance(error, UnicodeDecodeError) else error.strerror
            report.skipped.append(f"{path}: links in it not rewritten ({reason})")
            continue
        texts[path] = (text, text)
    changes: list[Change] = []
    for path, (before, after) in texts.items():
        if renames:
            after = _rewrite_links(after, path, renames)
        (report.converted if after != before else report.unchanged).append(path)
        if after != before:
            changes.append(Change(path, before, after))
    report.unchanged = [p for p in report.unchanged if p in report.detected]
    report.renamed = sorted(renames.items())
    report.shared_numbers = [
        shared_number_message(number, adrs, renames)
        for number, adrs in sorted(loaded.log.shared_numbers().items())
    ]
    return ImportPlan(changes, sorted(renames.items()), report)


def _convert(
    adr: Adr, document: Document, kind: str, config: Config, mapping: dict[str, str], report: Report
) -> str:
    status = mapping.get(adr.status.lower(), adr.status)
    if status and status.lower() not in config.statuses:
        report.verbatim_statuses.setdefault(status, []).append(adr.path)
    date = written_date_iso(adr.date)
    if adr.date and date is None:
        report.verbatim_dates.append((adr.path, adr.date))
    fields: dict[str, front_matter.Value] = {}
    if status:
        fields["status"] = status.lower() if status.lower() in config.statuses else status
    if adr.date:
        fields["date"] = date or adr.date
    if adr.decision_makers:
        fields["decision-makers"] = list(adr.decision_makers)
    if adr.tags:
        fields["tags"] = list(adr.tags)
    if adr.supersedes:
        fields["supersedes"] = list(adr.supersedes)
    if adr.superseded_by:
        fields["superseded-by"] = list(adr.superseded_by)
    if adr.links:
        fields["links"] = adr.links_by_relation()
    if kind in _TEMPLATE_FOR and "template" not in document.metadata:
        fields["template"] = _TEMPLATE_FOR[kind]
    lines = split_keeping_ends(document.text)
    drop = set() if document.front_matter else _metadata_lines(document, kind, adr.status)
    unread = {line for _relation, _target, line in (*adr.broken_refs, *adr.loose_refs)}
    drop -= unread  # broken links, and lines that only look like relations, stay visible
    section = document.section(*_STATUS_HEADINGS)
    if section is not None and any(
        section.first_line <= line < section.first_line + len(section.lines) for line in unread
    ):
        drop -= {
            section.heading.line,
            *range(section.first_line, section.first_line + len(section.lines)),
        }
    h1 = document.h1
    if h1 is not None and adr.title != h1.text:
        index = h1.line - 1
        ending = lines[index][len(lines[index].rstrip("\r\n")) :]
        lines[index] = heading(adr.title) + ending
    body = "".join(_without(lines, drop))
    prefix = "\ufeff" if document.bom else ""
    if document.front_matter is not None:
        if "deciders" in document.metadata:
            fields["deciders"] = None
        return prefix + (front_matter.set_keys(body, fields, adr.path) if fields else body)
    if not fields:
        return prefix + body  # nothing to move into front matter: no empty block
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    return prefix + front_matter.render(fields).replace("\n", newline) + body


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _metadata_lines(document: Document, kind: str, status: str) -> set[int]:
    """File lines that held the metadata now in front matter."""
    drop: set[int] = set()
    preamble = document.preamble()
    if kind != "adr-tools":
        for index, (number, line) in enumerate(preamble):
            if _META_LINE.match(line):
                drop.add(number)
            if _STATUS_BULLET.match(line):  # and the lines its status runs over
                drop |= {more for more, _ in bullet_continuation(preamble, index)}
    else:
        drop |= {
            number
            for number, line in preamble
            if re.match(r"^\s*(date|日期)\s*[:：]", line, re.IGNORECASE)
        }
    section = document.section(*_STATUS_HEADINGS)
    if section is not None and kind not in ("madr", "log4brains", "pyadr"):
        statements = [span.text for span in status_spans(section.lines)]
        if all(_words(text) == _words(status) for text in statements):
            # only the status and relation lines: all of it is front matter now
            drop.add(section.heading.line)
            drop |= {section.first_line + i for i in range(len(section.lines))}
    return drop


def _without(lines: list[str], drop: set[int]) -> list[str]:
    """The lines (file lines from 1) not in `drop`. Where a removed block stood between two
    blank lines, one of them goes too; every other line stays, code blocks byte for byte."""
    kept: list[str] = []
    removed = False  # whether lines were removed since the last kept line
    for number, line in enumerate(lines, 1):
        if number in drop:
            removed = True
            continue
        if removed and kept and not kept[-1].strip() and not line.strip():
            removed = False
            continue  # the blank line after a removed block, when one stands before it
        removed = False
        kept.append(line)
    return kept


def _renames(loaded: LoadedLog, renumber: bool, folders_as_files: bool) -> dict[Path, Path]:
    """What moves where. With `renumber`, files and folder records whose names are not
    NNNN-slug.md (NNNN-slug for a folder) take that name after their (possibly derived)
    number; MDX stays MDX. With `folders_as_files`, the Markdown file of a folder record
    moves beside its folder, named after it (its images stay in the folder).

    A new name is never one that anything in its folder has, whether it could be read or not.
    """
    renames: dict[Path, Path] = {}
    taken: dict[Path, set[str]] = {}  # folder -> every name in it, and the new names given
    for adr in loaded.log:
        record = adr.record
        flatten = adr.in_folder and folders_as_files
        if not (renumber or flatten):
            continue
        names = taken.get(record.parent)
        if names is None:
            names = taken[record.parent] = _names_in(record.parent)
        stem = record.name if adr.in_folder else record.stem
        if adr.in_folder:
            suffix = ".md" if flatten else ""
        else:
            suffix = ".mdx" if record.suffix.lower() == ".mdx" else ".md"
        if renumber and not (CANONICAL.match(stem + ".md") and not adr.number_derived):
            stem = f"{check_number(adr.number):04d}-{slugify(_without_number(stem) or adr.title)}"
        name = stem + suffix
        if name == record.name and not flatten:
            continue
        while name in names:
            name = name.removesuffix(suffix) + "-2" + suffix
        names.add(name)
        renames[adr.path if flatten else record] = record.with_name(name)
    return renames


def _without_number(stem: str) -> str:
    """The name without its leading date or number: the words of its slug."""
    return re.sub(
        r"^\d{4}[-_]?\d{2}[-_]?\d{2}[-_ ]+|^\d{4}[-_]\d{2}[-_ ]+|^(?:adr[-_ ]?)?\d+[-_. ]*",
        "",
        stem,
        count=1,
        flags=re.IGNORECASE,
    )


def _names_in(folder: Path) -> set[str]:
    """Every name in `folder`, read or not: a new name never takes one of them."""
    try:
        return {path.name for path in folder.iterdir()}
    except OSError as error:
        raise AdrError(f"cannot be listed: {error.strerror}", folder) from None


def _rewrite_links(text: str, source: Path, renames: dict[Path, Path]) -> str:
    """Relative links to renamed files (and into renamed folders) follow them, outside code:
    inline links and images, reference definitions, with titles, anchors and `<...>` kept.
    A file that moves out of its folder (a folder record made a file) keeps its links leading
    where they did."""
    resolved = {old.resolve(): new for old, new in renames.items()}
    # a folder record made a file: a link to its folder leads to the file
    flattened = {
        old.parent.resolve(): new
        for old, new in renames.items()
        if old.stem.lower() in RECORD_STEMS
    }
    folder = source.parent.resolve()
    home = (_followed(source.resolve(), resolved) or source).parent  # where the text will be

    def follow(label: str | None, target: str) -> tuple[str | None, str] | None:
        path = links.local_path(target)
        if path is None:
            return None
        linked = (folder / path).resolve()
        moved = flattened.get(linked) or _followed(linked, resolved) or linked
        if moved == linked and home == source.parent:
            return None
        relative = Path(os.path.relpath(moved, home)).as_posix()
        relative += "/" if path.endswith("/") and moved != flattened.get(linked) else ""
        anchor = target[target.index("#") :] if "#" in target else ""
        return label, relative + anchor

    return links.rewrite(text, follow)


def _followed(linked: Path, resolved: dict[Path, Path]) -> Path | None:
    """Where `linked` is after the renames: itself renamed, or inside a renamed folder."""
    for folder in (linked, *linked.parents):
        new = resolved.get(folder)
        if new is not None:
            return new / linked.relative_to(folder) if folder != linked else new
    return None


def apply_import(root: Path, plan: ImportPlan) -> None:
    """Write every converted file, then rename; undo all of it if any step fails."""
    from .branches import move
    from .lifecycle import apply
    from .store import write_atomic

    apply(plan.changes)
    moved: list[tuple[Path, Path]] = []
    try:
        for old, new in plan.renames:
            move(root, old, new)
            moved.append((old, new))
    except AdrError as error:
        for old, new in reversed(moved):
            move(root, new, old)
        for change in plan.changes:
            write_atomic(change.path, change.before)
        raise AdrError(f"{error.message}; the import was undone", error.path) from None
    for old, _new in moved:
        if old.stem.lower() in RECORD_STEMS:  # a folder record made a file: an emptied folder goes
            with contextlib.suppress(OSError):
                old.parent.rmdir()
