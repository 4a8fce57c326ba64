"""The pure core: one decision (`Adr`) and the log of them (`DecisionLog`).

Nothing here reads files, talks to git or knows about the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import AdrError, UsageError
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
    loose_refs: tuple[tuple[str, str, int], ...] = ()  # relation-shaped lines to no ADR: prose
    file_links: tuple[tuple[int, str], ...] = ()  # (line, target): relative .md links and images

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
        self._shared: dict[int, list[Adr]] = {}  # numbers used by more than one file
        for adr in self.adrs:
            first = self._by_number.setdefault(adr.number, adr)
            if first is not adr:
                self._shared.setdefault(adr.number, [first]).append(adr)

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
        """The ADR with this number; an error naming the folder when there is none, and one
        naming every file when several share it (a command never picks one of them)."""
        adr = self.find(number)
        if adr is None:
            raise AdrError(f"no ADR number {number} in {self.directory}")
        if number in self._shared:
            raise UsageError(shared_number_message(number, self._shared[number]))
        return adr

    def shared_numbers(self) -> dict[int, list[Adr]]:
        """Each number used by more than one file, with those files in log order."""
        return dict(self._shared)

    def filter(self, statuses: Iterable[str] = (), tags: Iterable[str] = ()) -> list[Adr]:
        wanted_statuses = {status.lower() for status in statuses}
        wanted_tags = {tag.lower() for tag in tags}
        return [
            adr
            for adr in self.adrs
            if (not wanted_statuses or adr.status.lower() in wanted_statuses)
            and (not wanted_tags or wanted_tags & {tag.lower() for tag in adr.tags})
        ]


def shared_number_message(
    number: int, adrs: list[Adr], renamed: Mapping[Path, Path] | None = None
) -> str:
    """`2 ADRs have number 4 (...)`: what to do, with the command that moves the later one
    (by date, then name). `renamed`: the names the files are about to have."""
    names = [(renamed or {}).get(adr.record, adr.record).name for adr in adrs]
    later = max(zip(adrs, names, strict=True), key=lambda pair: (pair[0].date or "", pair[1]))
    return (
        f"{len(adrs)} ADRs have number {number} ({', '.join(names)}); give each its own "
        f"number, e.g. `adr renumber {number} --file {later[1]}`"
    )


def paired_relations(log: DecisionLog, declared: Mapping[str, str]) -> dict[str, str]:
    """The declared relations, and the pairs the log itself writes both ways: when ADR 5
    `depends-on` 4 and 4 `is-depended-on-by` 5 (adr-tools' `adr link` with names of one's own),
    each is the other's reverse. A name pairs with the one it meets most often."""
    counts: dict[tuple[str, str], int] = {}
    by_number: dict[int, list[Adr]] = {}
    for adr in log:
        by_number.setdefault(adr.number, []).append(adr)
    for adr in log:
        for relation, number in adr.links:
            if relation in declared:
                continue
            for other in by_number.get(number, []):
                for back, target in other.links:
                    if target == adr.number and back not in declared:
                        pair = (relation, back)
                        counts[pair] = counts.get(pair, 0) + 1
    found = dict(declared)
    for (relation, back), _count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if relation not in found and back not in found:
            found[relation], found[back] = back, relation
    return found
