"""Passages of an answer with their place in the file, and the words and phrases in them.

Everything here is linear in the length of the text: words are found by one regular
expression without nested repetition, phrases by a table lookup per word, comments and code
blocks by `str.find`. A passage keeps its original length (comments and code are blanked
with spaces, line breaks kept), so that an offset always points at the same place in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[^\W_]+")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Between two words: punctuation that ends a clause, or a line that starts a list item or a
# paragraph. A negation or a phrase never reaches across it.
_HARD_GAP = re.compile(r"[.,;:!?()\[\]{}|—–]|\n[ \t]*(?:[-*+>]|\d+[.)]|\n)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")
_NOT_SPACE = re.compile(r"[^\n]")
# Link targets and bare addresses: `[Source](https://…/best-practices.html)` argues nothing.
_ADDRESS = re.compile(r"\]\([^()\s]*\)|<?https?://[^\s<>()\[\]]*>?")


def entries(*lines: str) -> tuple[str, ...]:
    """A word list written as comma-separated text (an entry may hold several words)."""
    return tuple(entry.strip() for line in lines for entry in line.split(",") if entry.strip())


@dataclass(frozen=True)
class Passage:
    """Text that starts at `line`:`column` of a file; later lines start at column 1."""

    text: str
    line: int = 1
    column: int = 1

    def where(self, offset: int) -> tuple[int, int]:
        """The file line and column of `offset` in the text."""
        offset = max(0, min(offset, len(self.text)))
        newline = self.text.rfind("\n", 0, offset)
        if newline < 0:
            return self.line, self.column + offset
        return self.line + self.text.count("\n", 0, offset), offset - newline

    def part(self, start: int, end: int) -> Passage:
        """The passage of text[start:end], placed where it is in the file."""
        line, column = self.where(start)
        return Passage(self.text[start:end], line, column)

    def quote(self, start: int, end: int, limit: int = 60) -> str:
        """The words at start:end on one line, shortened to `limit` characters."""
        words = " ".join(self.text[start:end].split())
        return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"

    @property
    def words(self) -> tuple[Word, ...]:
        return words(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Word(NamedTuple):
    """One word (letters and digits), lower case, with where it is in its passage."""

    text: str
    start: int
    end: int
    after_break: bool  # a clause boundary lies between the word before and this one


class Span(NamedTuple):
    """Where a phrase was found: offsets in the text and indexes in its words."""

    start: int
    end: int
    first: int
    stop: int  # index of the word after the phrase


def blank_markup(text: str) -> str:
    """`text` with HTML comments, fenced code blocks, link targets and web addresses replaced
    by spaces (lines kept)."""
    if "<!--" in text:
        text = _blank_comments(text)
    if "```" in text or "~~~" in text:
        text = blank_code(text)
    if "](" in text or "://" in text:
        text = _ADDRESS.sub(_blank_address, text)
    return text


def _blank_address(found: re.Match[str]) -> str:
    chunk = found.group()
    return "]" + " " * (len(chunk) - 1) if chunk.startswith("](") else " " * len(chunk)


def _spaces(chunk: str) -> str:
    return _NOT_SPACE.sub(" ", chunk)


def _blank_comments(text: str) -> str:
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3  # an open comment hides the rest, as in HTML
        parts += [text[position:start], _spaces(text[start:stop])]
        position = stop
    parts.append(text[position:])
    return "".join(parts)


def blank_code(text: str) -> str:
    """`text` with its fenced code blocks replaced by spaces (line breaks kept)."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        found = _FENCE.match(line)
        if fence is None and found:
            fence = found.group(1)
        elif fence is not None and found and found.group(1)[0] == fence[0]:
            if len(found.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
        elif fence is None:
            continue
        lines[index] = " " * len(line)
    return "\n".join(lines)


@lru_cache(maxsize=512)
def words(text: str) -> tuple[Word, ...]:
    """The words of `text` in order, each marked when a clause boundary comes before it."""
    found: list[Word] = []
    previous = 0
    for match in _WORD.finditer(text):
        start = match.start()
        hard = not found or _hard_gap(text, previous, start)
        found.append(Word(match.group().casefold(), start, match.end(), hard))
        previous = match.end()
    return tuple(found)


def _hard_gap(text: str, start: int, end: int) -> bool:
    if end - start == 1 and text[start] in ".," and text[start - 1].isdigit():
        return not text[end].isdigit()  # 1,000 and 1.5 are one number
    return _HARD_GAP.search(text, start, end) is not None


@lru_cache(maxsize=512)
def bag(text: str) -> frozenset[str]:
    """The distinct lower-case words of `text` (a quick test before a closer look)."""
    return frozenset(_WORD.findall(text.casefold()))


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The start and end of the sentence (or list item) holding `offset`."""
    start = 0
    for end in _SENTENCE_END.finditer(text, 0, len(text)):
        if end.end() > offset:
            return start, end.start() + 1
        start = end.end()
    return start, len(text)


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences and list items of `text`, as (start, end) offsets."""
    found: list[tuple[int, int]] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if text[start : end.start() + 1].strip():
            found.append((start, end.start() + 1))
        start = end.end()
    if text[start:].strip():
        found.append((start, len(text)))
    return found


def _forms(word: str) -> tuple[str, ...]:
    """A listed word as it may be written: itself and its plural."""
    return (word, word + "s", word + "es")


def _singulars(word: str) -> tuple[str, ...]:
    if word.endswith("es"):
        return (word, word[:-1], word[:-2])
    if word.endswith("s"):
        return (word, word[:-1])
    return (word,)


class Phrases:
    """A word list: each entry one or more words, matched whole, case-insensitively, plural
    or not, hyphens and spaces alike (`real-time` matches `real time`), within one clause."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.entries = tuple(entries)
        table: dict[str, list[tuple[str, ...]]] = {}
        for entry in self.entries:
            key = tuple(word.casefold() for word in _WORD.findall(entry))
            if key:
                table.setdefault(key[0], []).append(key)
        for phrases in table.values():
            phrases.sort(key=len, reverse=True)  # the longest reading wins
        self._table = table
        self._firsts = frozenset(form for first in table for form in _forms(first))

    def __bool__(self) -> bool:
        return bool(self._table)

    def may_occur(self, text: str) -> bool:
        """False when no entry can be in `text` (cheap: one set intersection)."""
        return not self._firsts.isdisjoint(bag(text))

    def find(self, text: str) -> list[Span]:
        """Every entry found in `text`, left to right, without overlaps."""
        if not self.may_occur(text):
            return []
        return self.find_in(words(text))

    def find_in(self, found: Sequence[Word]) -> list[Span]:
        spans: list[Span] = []
        index = 0
        while index < len(found):
            length = self._length_at(found, index)
            if length:
                spans.append(
                    Span(found[index].start, found[index + length - 1].end, index, index + length)
                )
                index += length
            else:
                index += 1
        return spans

    def _length_at(self, found: Sequence[Word], index: int) -> int:
        for first in _singulars(found[index].text):
            for phrase in self._table.get(first, ()):
                if _matches(found, index, phrase):
                    return len(phrase)
        return 0


def _matches(found: Sequence[Word], index: int, phrase: tuple[str, ...]) -> bool:
    if index + len(phrase) > len(found):
        return False
    for offset, wanted in enumerate(phrase):
        word = found[index + offset]
        if offset and word.after_break:
            return False
        if word.text != wanted and word.text not in _forms(wanted):
            return False
    return True


# Words that turn what follows them into something not chosen or not there: "without a
# rewrite", "instead of Kafka", "Postgres over Kafka", "we don't need a queue".
_NEGATORS = frozenset(
    {"no", "not", "never", "without", "nor", "neither", "instead", "rather", "than", "over"}
    | {"avoid", "avoids", "avoiding", "against", "cannot", "t", "unlike", "except"}
    | {"replace", "replaces", "replacing", "remove", "removes", "removing", "drop", "drops"}
    | {"dropping", "retire", "retires", "retiring", "away", "off", "reject", "rejected"}
    | {"rejecting", "discarded", "ruled", "unnecessary", "none", "deprecate", "deprecated"}
    | {"deprecating"}
)
# After a phrase: "a queue is not needed", "Kafka isn't", "Kafka was rejected".
_COPULAS = frozenset({"is", "are", "was", "were", "be", "s"})
_CONTRACTED = frozenset({"isn", "aren", "wasn", "weren", "doesn", "don", "won", "wouldn"})
_AFTER_COPULA = frozenset({"not", "never", "unnecessary", "rejected", "overkill", "ruled"})


def negated(found: Sequence[Word], span: Span, window: int = 4) -> bool:
    """Whether a negation governs the phrase at `span`, within its clause."""
    index = span.first
    for back in range(index - 1, max(-1, index - 1 - window), -1):
        if found[back + 1].after_break:
            break
        if found[back].text in _NEGATORS:
            return True
    for ahead in range(span.stop, min(len(found), span.stop + 3)):
        word = found[ahead]
        if word.after_break:
            break
        if word.text in _CONTRACTED:
            return True
        if (
            word.text in _COPULAS
            and ahead + 1 < len(found)
            and not found[ahead + 1].after_break
            and found[ahead + 1].text in _AFTER_COPULA
        ):
            return True
    return False


def affirmed(phrases: Phrases, passage: Passage) -> list[Span]:
    """The entries of `phrases` in `passage` that no negation governs."""
    spans = phrases.find(passage.text)
    if not spans:
        return []
    found = passage.words
    return [span for span in spans if not negated(found, span)]
