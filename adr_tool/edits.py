"""Edits to one ADR file in the format it is written in, as text in, text out (pure).

Our format keeps metadata in front matter, edited key by key. adr-tools files keep it in the
`## Status` section and MADR 2 / log4brains files in a `Status:` bullet; those are edited in
their own style, so a legacy log stays a legacy log.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import front_matter
from .formats import body_status, bullet_continuation, status_spans

if TYPE_CHECKING:
    from .document import Document

_STATUS_BULLET = re.compile(
    r"^(\s*(?:[*-]\s+)?(?:\*\*)?status(?:\*\*)?\s*:\s*(?:\*\*)?\s*)(.*?)"
    r"((?:\*\*)?\\?)$",
    re.IGNORECASE,
)
_STATUS_HEADINGS = ("status", "状态", "statut", "estado")
_QUOTE = re.compile(r"[ \t]*(?:>[ \t]?)+")


def phrase(relation: str) -> str:
    """`superseded-by` -> `Superseded by`, as adr-tools writes relations."""
    return relation.replace("-", " ").capitalize()


def style(document: Document) -> str:
    """Where this file keeps its status: "front-matter", "section" or "bullet"."""
    if document.front_matter is not None or not document.text.strip():
        return "front-matter"
    if document.section(*_STATUS_HEADINGS) is not None:
        return "section"
    if any(_STATUS_BULLET.match(line) for _, line in document.preamble()):
        return "bullet"
    return "front-matter"


class _Lines:
    """The file as lines with their endings, edited by file line number (1-based)."""

    def __init__(self, document: Document) -> None:
        self.lines = split_keeping_ends(document.text)
        first = self.lines[0] if self.lines else ""
        self.newline = "\r\n" if first.endswith("\r\n") else "\n"
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += self.newline
        self.prefix = "\ufeff" if document.bom else ""

    def text(self) -> str:
        return self.prefix + "".join(self.lines)

    def get(self, line: int) -> str:
        return self.lines[line - 1].rstrip("\r\n")

    def set(self, line: int, text: str) -> None:
        self.lines[line - 1] = text + self.newline

    def insert(self, line: int, *texts: str) -> None:
        self.lines[line - 1 : line - 1] = [text + self.newline for text in texts]

    def replace(self, first: int, last: int, text: str) -> None:
        """Lines first..last (file lines, inclusive) become the one line `text`."""
        self.lines[first - 1 : last] = [text + self.newline]


def set_status(
    document: Document, status: str, date: str, extra: dict[str, front_matter.Value] | None = None
) -> str:
    """The file with a new status (and date, in front matter) written in its own style."""
    kind = style(document)
    word = status.capitalize()
    if kind == "front-matter":
        prefix = "\ufeff" if document.bom else ""
        return prefix + front_matter.set_keys(
            _body_status_set(document, word),
            {"status": status, "date": date, **(extra or {})},
            document.path,
        )
    lines = _Lines(document)
    if kind == "bullet":
        _replace_bullet(document, lines, word)
        return lines.text()
    _replace_plain_status(document, lines, word)
    return lines.text()


def _body_status_set(document: Document, word: str) -> str:
    """The file's text; where front matter and a body Status section both state the status,
    with the section's status word (`Proposed`) replaced too, so that the two never disagree.
    The front matter is the status; a section of free text is left as written."""
    stated = body_status(document)
    if stated is None:
        return document.text
    lines = split_keeping_ends(document.text)
    index = stated[1] - 1
    ending = lines[index][len(lines[index].rstrip("\r\n")) :]
    lines[index] = _quoted(lines[index], word) + ending
    return "".join(lines)


def split_keeping_ends(text: str) -> list[str]:
    """The lines of `text` with their endings; only \\n ends a line (as `document` counts)."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    return [*lines, pieces[-1]] if pieces[-1] else lines


def mark_superseded(document: Document, date: str, successors: list[int], link: str) -> str:
    """Mark superseded; `link` is `[3. Use GCS](0003-use-gcs.md)` for the legacy styles."""
    kind = style(document)
    if kind == "front-matter":
        return set_status(document, "superseded", date, {"superseded-by": successors})
    lines = _Lines(document)
    if kind == "bullet":
        _replace_bullet(document, lines, f"superseded by {link}")
        return lines.text()
    _replace_plain_status(document, lines, f"Superseded by {link}")
    return lines.text()


def add_relation(document: Document, relation: str, numbers: list[int], link: str) -> str:
    """Record `relation` (supersedes, amends, ...) to the ADRs `numbers` / the one `link` names."""
    kind = style(document)
    if kind == "front-matter":
        prefix = "\ufeff" if document.bom else ""
        if relation in ("supersedes", "superseded-by"):
            return prefix + front_matter.set_keys(document.text, {relation: numbers}, document.path)
        links = _links_with(document, relation, numbers)
        return prefix + front_matter.set_keys(document.text, {"links": links}, document.path)
    lines = _Lines(document)
    entry = f"{phrase(relation)} {link}"
    section = document.section(*_STATUS_HEADINGS) if kind == "section" else None
    if section is None:
        section = document.section("links")
        entry = f"- {entry}"
    if section is None:
        lines.lines.extend(
            [lines.newline, f"## Links{lines.newline}", lines.newline, entry + lines.newline]
        )
        return lines.text()
    last = max(
        (section.first_line + i for i, text in enumerate(section.lines) if text.strip()),
        default=section.heading.line,
    )
    separator = [] if entry.startswith("- ") and last > section.heading.line else [""]
    lines.insert(last + 1, *separator, entry)
    return lines.text()


def _links_with(document: Document, relation: str, numbers: list[int]) -> dict[str, list[int]]:
    current = document.metadata.get("links")
    links: dict[str, list[int]] = {}
    if isinstance(current, dict):
        for name, targets in current.items():
            items = targets if isinstance(targets, list) else [targets]
            links[str(name)] = [int(t) for t in items if isinstance(t, int)]
    links[relation] = numbers
    return links


def _replace_bullet(document: Document, lines: _Lines, text: str) -> None:
    """Put `text` in the `Status:` bullet, in place of its text and the lines continuing it."""
    preamble = document.preamble()
    for index, (line_number, line) in enumerate(preamble):
        match = _STATUS_BULLET.match(line)
        if match:
            continued = bullet_continuation(preamble, index)
            last = continued[-1][0] if continued else line_number
            lines.replace(line_number, last, f"{match.group(1)}{text}{match.group(3)}")
            return
    raise ValueError("no status bullet")  # style() said there is one


def _replace_plain_status(document: Document, lines: _Lines, text: str) -> None:
    """Put `text` where the status stands in the Status section (all its lines), else where
    the template's guidance for it stands, else first in the section."""
    section = document.section(*_STATUS_HEADINGS)
    if section is None:
        raise ValueError("no status section")  # style() said there is one
    spans = status_spans(section.lines)
    span = next((s for s in spans if not s.guidance), spans[0] if spans else None)
    if span is None:
        lines.insert(section.heading.line + 1, "", text)
        return
    first = section.first_line + span.first
    lines.replace(first, section.first_line + span.last, _quoted(lines.get(first), text))


def _quoted(line: str, text: str) -> str:
    """`text` with the blockquote markers of the line it replaces (`> Accepted`)."""
    marker = _QUOTE.match(line)
    return (marker.group(0) if marker else "") + text
