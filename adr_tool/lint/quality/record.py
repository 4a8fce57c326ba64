"""An ADR as the quality rules read it: its parts (sections), their labelled items and list
entries, each a `Passage` that knows where it is in the file.

A record is built from a parsed file (`read`), from Markdown text (`from_markdown`, for tests
and tools), or from the answers `adr new` collects (`from_answers`, one answer at a time
while the engineer types). Labels match case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..titles import normalise
from .text import Passage, blank_markup

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ...document import Section
    from ...templates import Answer

# Each part the rules read, by key, and the section titles that hold it (older formats'
# names are matched by the section finder: Considered Options, Decision Outcome, ...).
PART_TITLES: dict[str, tuple[str, ...]] = {
    "context": ("Context",),
    "constraints": ("Constraints",),
    "options": ("Options considered",),
    "decision": ("Decision",),
    "trade-offs": ("Trade-offs", "Tradeoffs"),
    "failure modes": ("Failure modes",),
    "consequences": ("Consequences",),
    "revisit": ("Revisit when",),
}
_BULLET = re.compile(r"( *)(?:[-*+]|\d{1,9}[.)])[ \t]+")
_SUBHEADING = re.compile(r" {0,3}#{3,6}[ \t]+")
_MARKS = "*_` \t"


@dataclass(frozen=True)
class Item:
    """A list entry or `###` sub-section: its label (`Users`, or "" when it has none), the
    text after the label, and its own labelled fields (`  - Mitigation: ...`)."""

    label: str
    line: int
    column: int
    answer: Passage  # after the label's colon, continuation lines and fields included
    lead: Passage  # the answer up to its first field
    fields: tuple[Item, ...] = ()

    @property
    def key(self) -> str:
        return normalise(self.label)

    def field(self, label: str) -> Item | None:
        wanted = normalise(label)
        return next((found for found in self.fields if found.key == wanted), None)


@dataclass(frozen=True)
class Part:
    """One section: where its heading is, its whole text, its entries in order."""

    key: str
    title: str
    line: int
    body: Passage
    items: tuple[Item, ...] = ()

    def item(self, label: str) -> Item | None:
        wanted = normalise(label)
        return next((found for found in self.items if found.key == wanted), None)


@dataclass(frozen=True)
class Record:
    """What the rules read of one ADR. `version`: 2 for constraint-first version 2, 1 for
    version 1, 0 for an ADR of another template (free prose)."""

    version: int
    parts: Mapping[str, Part] = field(default_factory=dict)
    status: str = ""
    decision_makers: tuple[str, ...] = ()
    status_line: int = 1

    def part(self, key: str) -> Part | None:
        return self.parts.get(key)

    def item(self, key: str, label: str) -> Item | None:
        part = self.parts.get(key)
        return part.item(label) if part is not None else None


def read(
    find: Callable[[str], Section | None],
    version: int,
    status: str = "",
    decision_makers: tuple[str, ...] = (),
    status_line: int = 1,
) -> Record:
    """The record of a parsed file; `find` gives the section of a title (or None)."""
    parts: dict[str, Part] = {}
    for key, titles in PART_TITLES.items():
        section = next((s for s in map(find, titles) if s is not None), None)
        if section is not None:
            parts[key] = part_of(key, section)
    return Record(version, parts, status, decision_makers, status_line)


def from_markdown(text: str, version: int = 2, status: str = "") -> Record:
    """The record of an ADR's Markdown text (front matter is read for status and makers)."""
    from ...document import parse
    from ..base import key_line
    from ..sections import Outline

    document = parse(text, Path("adr.md"))
    outline = Outline(document)
    makers = document.metadata.get("decision-makers") or ()
    return read(
        lambda title: outline.find(title, lenient=version == 0),
        version,
        status or str(document.metadata.get("status", "")),
        tuple(map(str, makers)) if isinstance(makers, list) else (),
        key_line(document, "status"),
    )


def from_answers(answers: Mapping[str, Answer], version: int = 2) -> Record:
    """The record of the answers `adr new` collects, keyed as in templates.fill; positions
    are within each answer (line 1, column 1 is its first character)."""
    parts: dict[str, Part] = {}
    titles = {normalise(t): key for key, names in PART_TITLES.items() for t in names}
    for title, answer in answers.items():
        key = titles.get(normalise(title))
        if key is None:
            continue
        if isinstance(answer, dict):
            parts[key] = _answered_items(key, title, answer)
        elif isinstance(answer, list):
            items = tuple(_entry(Passage(text)) for text in answer)
            parts[key] = Part(key, title, 1, Passage("\n".join(answer)), items)
        else:
            parts[key] = Part(key, title, 1, Passage(answer))
    return Record(version, parts)


def _answered_items(key: str, title: str, answer: Mapping[str, str]) -> Part:
    fields: dict[str, list[Item]] = {}
    for label, text in answer.items():
        parent, dot, name = label.partition(".")
        if dot:
            fields.setdefault(normalise(parent), []).append(_item(name, Passage(text)))
    items = tuple(
        _item(label, Passage(text), tuple(fields.get(normalise(label), ())))
        for label, text in answer.items()
        if "." not in label
    )
    known = {item.key for item in items}
    items += tuple(  # fields given for an item whose own line was not answered
        _item(parent, Passage(""), tuple(found))
        for parent, found in fields.items()
        if parent not in known
    )
    return Part(key, title, 1, Passage("\n".join(answer.values())), items)


def _item(label: str, answer: Passage, fields: tuple[Item, ...] = ()) -> Item:
    return Item(label, answer.line, answer.column, answer, answer, fields)


def _entry(text: Passage) -> Item:
    """An option typed as `Label: text` or as plain text."""
    label, rest = _label(text.text)
    if label is None:
        return _item("", text)
    return _item(label, text.part(rest, len(text.text)))


def part_of(key: str, section: Section) -> Part:
    """The part of one section: its text with comments and code blanked, and its entries."""
    body = Passage(blank_markup("\n".join(section.lines)), section.first_line, 1)
    return Part(key, section.title, section.heading.line, body, _items(body))


def _label(text: str) -> tuple[str | None, int]:
    """`Label: rest` -> (label, offset of rest); a label is a few words before a colon."""
    start = len(text) - len(text.lstrip(_MARKS))
    colon = -1
    for mark in (":", "："):
        found = text.find(mark, start, start + 80)
        if found >= 0 and (colon < 0 or found < colon):
            colon = found
    if colon < 0:
        return None, 0
    label = text[start:colon].strip(_MARKS)
    if not label or len(label.split()) > 6 or "://" in text[colon : colon + 3]:
        return None, 0
    if any(mark in label for mark in "*_`[]()"):
        return None, 0
    rest = colon + 1
    while rest < len(text) and text[rest] in "*_":
        rest += 1  # **Label:** rest
    return label, rest


@dataclass
class _Open:
    """An entry being read: where its label and its answer start, the fields seen so far."""

    label: str
    offset: int
    answer: int
    heading: bool
    fields: list[tuple[str, int, int, int]] = field(default_factory=list)
    # each field: its label, its line's start, where its label and its answer start


def _items(body: Passage) -> tuple[Item, ...]:
    """Top-level list entries and `###` sub-sections; nested labelled bullets are fields."""
    items: list[Item] = []
    current: _Open | None = None
    offset = 0
    for line in body.text.split("\n"):
        heading = _SUBHEADING.match(line)
        bullet = _BULLET.match(line) if heading is None else None
        if heading is not None:
            if current is not None:
                items.append(_close(body, current, offset))
            title = line[heading.end() :].strip().rstrip("#").strip()
            current = _Open(title, offset + heading.end(), offset + len(line), heading=True)
        elif bullet is not None:
            start = offset + bullet.end()
            label, after = _label(line[bullet.end() :])
            if len(bullet.group(1)) <= 1 and (current is None or not current.heading):
                if current is not None:
                    items.append(_close(body, current, offset))
                current = _Open(label or "", start, start + after, heading=False)
            elif label is not None and current is not None:
                current.fields.append((label, offset, start, start + after))
        offset += len(line) + 1
    if current is not None:
        items.append(_close(body, current, len(body.text)))
    return tuple(items)


def _close(body: Passage, entry: _Open, end: int) -> Item:
    line, column = body.where(entry.offset)
    starts = [line_start for _, line_start, _, _ in entry.fields] + [end]
    fields = tuple(
        _field(body, label, offset, answer, starts[index + 1])
        for index, (label, _, offset, answer) in enumerate(entry.fields)
    )
    answer = body.part(entry.answer, end)
    lead = body.part(entry.answer, starts[0]) if entry.fields else answer
    return Item(entry.label, line, column, answer, lead, fields)


def _field(body: Passage, label: str, offset: int, answer: int, end: int) -> Item:
    line, column = body.where(offset)
    text = body.part(answer, end)
    return Item(label, line, column, text, text)


def entry_name(item: Item) -> Passage:
    """The name of an option: its label, else its text up to the first `:`, `,`, `;`, `(`,
    ` - ` or sentence end (`PostgreSQL (the boring option): ...` -> `PostgreSQL`)."""
    if item.label and normalise(item.label) != "boring option":
        return Passage(item.label, item.line, item.column)
    text = item.answer.text
    start = len(text) - len(text.lstrip())
    end = len(text)
    for mark in (":", ",", ";", "(", " - ", " – ", " — ", ". ", "\n"):
        found = text.find(mark, start)
        if 0 <= found < end:
            end = found
    return item.answer.part(start, end)
