"""The pure core: one decision (`Adr`) and the log of them (`DecisionLog`).

Nothing here reads files, talks to git or knows about the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import AdrError
from .naming import RECORD_STEMS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from pathlib import Path

DEFAULT_STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
SUPERSEDED = "superseded"

# Each typed relation and its reverse. `supersedes` is kept apart because it changes statuses.
DEFAULT_RELATIONS: Mapping[str, str] = {
    "amends": "amended-by",
    "amended-by": "amends",
    "relates-to": "relates-to",
}


@dataclass(frozen=True)
class Adr:
    """One decision as read from its file, whatever format it was written in."""

    number: int
    title: str
    path: Path
    status: str = ""  # lower-case when it is a known word, else kept verbatim ("" when absent)
    date: str | None = None  # ISO date when it could be read as one, else the text as written
    tags: tuple[str, ...] = ()
    decision_makers: tuple[str, ...] = ()
    supersedes: tuple[int, ...] = ()
    superseded_by: tuple[int, ...] = ()
    links: tuple[tuple[str, int], ...] = ()  # (relation, number), e.g. ("amends", 5)
    review_by: str | None = None
    template: str | None = None
    format: str = "adr-tool"  # which of the formats of DESIGN.md sections 2 and 3 it was read as
    number_derived: bool = False  # True when the file name has no number (log4brains dates)
    title_line: int | None = None  # file line of the H1, for findings
    broken_refs: tuple[tuple[str, str, int], ...] = ()  # (relation, target as written, line)

    @property
    def slug_name(self) -> str:
        return self.path.name

    @property
    def record(self) -> Path:
        """What the decision is on disk: its file, or the folder of a folder record."""
        return record_of(self.path)

    @property
    def in_folder(self) -> bool:
        """Whether the decision is a folder record (`0007-x/README.md`, images beside it)."""
        return self.path.stem.lower() in RECORD_STEMS

    def links_by_relation(self) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for relation, number in self.links:
            grouped.setdefault(relation, []).append(number)
        return grouped

    def label(self) -> str:
        return f"{self.number:04d} {self.title}"


def record_of(path: Path) -> Path:
    """The file, or for the README.md (index.md) of a folder record, its folder: such a file
    is in the log only as the one Markdown file of a folder record."""
    return path.parent if path.stem.lower() in RECORD_STEMS else path


@dataclass
class DecisionLog:
    """Every ADR of one folder, ordered by number (numbers compared as integers, never as text)."""

    directory: Path
    adrs: list[Adr] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.adrs.sort(key=lambda adr: (adr.number, adr.path.name))
        self._by_number: dict[int, Adr] = {}
        for adr in self.adrs:
            self._by_number.setdefault(adr.number, adr)  # the first of duplicates

    def __iter__(self) -> Iterator[Adr]:
        return iter(self.adrs)

    def __len__(self) -> int:
        return len(self.adrs)

    def numbers(self) -> set[int]:
        return set(self._by_number)

    def next_number(self, also_taken: Iterable[int] = ()) -> int:
        """The highest number in use (here or in `also_taken`) plus one."""
        return max([0, *self.numbers(), *also_taken]) + 1

    def find(self, number: int) -> Adr | None:
        return self._by_number.get(number)

    def get(self, number: int) -> Adr:
        """The ADR with this number; an error naming the folder when there is none."""
        adr = self.find(number)
        if adr is None:
            raise AdrError(f"no ADR number {number} in {self.directory}")
        return adr

    def filter(self, statuses: Iterable[str] = (), tags: Iterable[str] = ()) -> list[Adr]:
        wanted_statuses = {status.lower() for status in statuses}
        wanted_tags = {tag.lower() for tag in tags}
        return [
            adr
            for adr in self.adrs
            if (not wanted_statuses or adr.status.lower() in wanted_statuses)
            and (not wanted_tags or wanted_tags & {tag.lower() for tag in adr.tags})
        ]
