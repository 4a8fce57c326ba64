"""What a quality check reports (`Flag`), and the readings every check shares: is an answer
given at all, is it "n/a" with a reason, and what the decision chose."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..answers import verdict
from .text import plain_words

if TYPE_CHECKING:
    from .record import Record
    from .text import Passage

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class Flag(NamedTuple):
    """One quality finding: where (line and column of the words), what and how to fix it."""

    code: str
    line: int
    column: int
    message: str


def flag(code: str, passage: Passage, offset: int, message: str) -> Flag:
    line, column = passage.where(offset)
    return Flag(code, line, column, message)


def start_of(passage: Passage) -> int:
    """The offset of the first character that is not a space or a Markdown mark."""
    text = passage.text
    return len(text) - len(text.lstrip(" \t\n*_`"))


def answered(passage: Passage) -> bool:
    """Whether the structural rules count it as an answer (not empty, "TBD", a bare "n/a")."""
    return _answered(passage.text)


@lru_cache(maxsize=256)
def _answered(text: str) -> bool:  # several checks ask it of the same answer
    return bool(text.strip()) and verdict(text) is None


def not_applicable(passage: Passage) -> bool:
    """`n/a, because ...`, `not applicable: ...`, `none, because ...`: a reason given."""
    found = plain_words(passage.text)
    if found[:2] in (["n", "a"], ["not", "applicable"]):
        skip = 2
    elif found[:1] in (["na"], ["none"], ["no"], ["nothing"]):
        skip = 1
    else:
        return False
    return len(found) - skip >= 3


def opening(passage: Passage, limit: int = 50) -> str:
    """The first words of a passage, for a message."""
    start = start_of(passage)
    return passage.quote(start, min(len(passage.text), start + limit + 20), limit)


def chosen(record: Record) -> Passage | None:
    """What the decision chose: `Chosen:` (version 2), else the Decision's first paragraph
    (with the list it introduces, when it ends in a colon)."""
    if record.version >= 2:
        item = record.item("decision", "Chosen")
        if item is not None:
            return item.answer if answered(item.answer) else None
    part = record.part("decision")
    if part is None or not answered(part.body):
        return None
    return first_block(part.body)


def first_block(passage: Passage) -> Passage:
    text = passage.text
    start = start_of(passage)
    end = _block_end(text, start)
    if text[start:end].rstrip().endswith(":"):
        end = _block_end(text, end)
    return passage.part(start, end)


def _block_end(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t\n":
        start += 1
    found = _BLANK_LINE.search(text, start)
    return found.start() if found else len(text)
