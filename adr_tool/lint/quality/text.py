"""Passages of an answer with their place in the file, and the words and phrases in them.

Everything here is linear in the length of the text: words are found by one regular
expression without nested repetition, phrases by a table lookup per word, comments and code
blocks by `str.find`. A passage keeps its original length (comments and code are blanked
with spaces, line breaks kept), so that an offset always points at the same place in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple, overload

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_WORD = re.compile(r"[^\W_]+")
_SPLIT_WORDS = re.compile(r"([^\W_]+)")
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
    def words(self) -> Words:
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


class Words:
    """The words of a text, as parallel lists (built by C-level splitting: a 3 KB answer is
    split in microseconds); `words[i]` gives one `Word`."""

    __slots__ = ("breaks", "ends", "starts", "texts")

    def __init__(
        self, texts: list[str], starts: list[int], ends: list[int], breaks: frozenset[int]
    ) -> None:
        self.texts, self.starts, self.ends, self.breaks = texts, starts, ends, breaks

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Word: ...
    @overload
    def __getitem__(self, index: slice) -> Words: ...
    def __getitem__(self, index: int | slice) -> Word | Words:
        if isinstance(index, slice):
            first = range(len(self.texts))[index]
            start = first.start if first else 0
            return Words(
                self.texts[index],
                self.starts[index],
                self.ends[index],
                frozenset(i - start for i in self.breaks if i - start in range(len(first))),
            )
        if index < 0:
            index += len(self.texts)
        return Word(self.texts[index], self.starts[index], self.ends[index], self.broken(index))

    def __iter__(self) -> Iterator[Word]:
        return (self[index] for index in range(len(self.texts)))

    def broken(self, index: int) -> bool:
        """Whether a clause boundary comes before word `index` (always before the first)."""
        return index == 0 or index in self.breaks


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
def words(text: str) -> Words:
    """The words of `text` in order, each marked when a clause boundary comes before it."""
    folded = text.casefold()
    if len(folded) != len(text):
        folded = text  # "ß" -> "ss" would move every offset: fold word by word below
    parts = _SPLIT_WORDS.split(folded)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts)))
    texts = parts[1::2]
    if folded is text:
        texts = [word.casefold() for word in texts]
    starts, ends = offsets[0:-1:2], offsets[1::2]
    breaks = {0}
    for found in _HARD_GAP.finditer(text):
        index = bisect_right(starts, found.start())
        if index < len(starts) and not (
            starts[index] - found.start() == 1 and _in_number(text, found.start())
        ):
            breaks.add(index)
    return Words(texts, starts, ends, frozenset(breaks))


def _in_number(text: str, position: int) -> bool:
    """Whether the `.` or `,` at `position` sits between two digits (1,000 and 1.5)."""
    return (
        text[position] in ".,"
        and position > 0
        and text[position - 1].isdigit()
        and text[position + 1 : position + 2].isdigit()
    )


def plain_words(text: str) -> list[str]:
    """The lower-case words of `text` in order, without positions (cheap, for short texts)."""
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=512)
def bag(text: str) -> frozenset[str]:
    """The distinct lower-case words of `text` (a quick test before a closer look)."""
    return frozenset(_tokens(text))


def _tokens(text: str) -> list[str]:
    """The lower-case words of `text` in order. Splitting at spaces after mapping punctuation
    to spaces is four times faster than the word pattern; the pattern still decides when a
    piece holds some other character."""
    folded = text.casefold()
    pieces = folded.translate(_PUNCTUATION).split()
    if all(map(str.isalnum, pieces)):
        return pieces
    return _WORD.findall(folded)


_PUNCTUATION = str.maketrans(
    dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„‚–—…·•§¶†‡°′″¡¿", " ")
)


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
        # By each phrase's longest word (the rarest in prose), the phrases it holds: a text
        # holds a phrase only if its words hold every word of it, which one set test and a
        # few lookups decide before the text is split into positioned words.
        keys: dict[str, list[tuple[str, ...]]] = {}
        for phrases in table.values():
            for phrase in phrases:
                for form in _forms(max(phrase, key=len)):
                    keys.setdefault(form, []).append(phrase)
        self._keys = keys
        self._key_set = frozenset(keys)

    def __bool__(self) -> bool:
        return bool(self._table)

    def may_occur(self, text: str) -> bool:
        """False when no entry can be in `text`: no entry has all its words there."""
        return self._held_by(bag(text))

    def _held_by(self, present: frozenset[str]) -> bool:
        for key in self._key_set.intersection(present):
            for phrase in self._keys[key]:
                if all(w in present or w + "s" in present or w + "es" in present for w in phrase):
                    return True
        return False

    def windows(self, text: str) -> list[tuple[int, int]]:
        """Stretches of `text` around each place its entries' rarest words occur (merged), so
        that a long text is split into words only where an entry may be."""
        folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
        present = sorted(self._key_set.intersection(bag(text)), key=len, reverse=True)
        stretches: list[tuple[int, int]] = []
        for key in present:
            position = folded.find(key)
            while position >= 0:
                start = max(0, position - _WINDOW)
                if start:  # begin at a word's start
                    start = max(start, folded.find(" ", start) + 1)
                stretches.append((start, min(len(text), position + len(key) + _WINDOW)))
                position = folded.find(key, position + len(key))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(stretches):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def find(self, text: str) -> list[Span]:
        """Every entry found in `text`, left to right, without overlaps."""
        if not self.may_occur(text):
            return []
        return self.find_in(words(text))

    def find_in(self, found: Words) -> list[Span]:
        spans: list[Span] = []
        texts, firsts = found.texts, self._firsts
        index = 0
        while index < len(texts):
            length = self._length_at(found, index) if texts[index] in firsts else 0
            if length:
                spans.append(
                    Span(found.starts[index], found.ends[index + length - 1], index, index + length)
                )
                index += length
            else:
                index += 1
        return spans

    def _length_at(self, found: Words, index: int) -> int:
        for first in _singulars(found.texts[index]):
            for phrase in self._table.get(first, ()):
                if _matches(found, index, phrase):
                    return len(phrase)
        return 0


def _matches(found: Words, index: int, phrase: tuple[str, ...]) -> bool:
    if index + len(phrase) > len(found.texts):
        return False
    for offset, wanted in enumerate(phrase):
        word = found.texts[index + offset]
        if offset and index + offset in found.breaks:
            return False
        if word != wanted and word not in _forms(wanted):
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


def negated(found: Words, span: Span, window: int = 4) -> bool:
    """Whether a negation governs the phrase at `span`, within its clause."""
    texts, breaks = found.texts, found.breaks
    for back in range(span.first - 1, max(-1, span.first - 1 - window), -1):
        if back + 1 in breaks:
            break
        if texts[back] in _NEGATORS:
            return True
    for ahead in range(span.stop, min(len(texts), span.stop + 3)):
        if ahead in breaks:
            break
        if texts[ahead] in _CONTRACTED:
            return True
        if (
            texts[ahead] in _COPULAS
            and ahead + 1 < len(texts)
            and ahead + 1 not in breaks
            and texts[ahead + 1] in _AFTER_COPULA
        ):
            return True
    return False


def affirmed(phrases: Phrases, passage: Passage) -> list[Span]:
    """The entries of `phrases` in `passage` that no negation governs, at their offsets in
    the passage (their word indexes count within the stretch of text read around them)."""
    text = passage.text
    if len(text) <= _WINDOW * 2:
        spans = phrases.find(text)
        found = words(text) if spans else None
        return [span for span in spans if found is not None and not negated(found, span)]
    if not phrases.may_occur(text):
        return []
    kept: list[Span] = []
    for start, end in phrases.windows(text):
        stretch = words(text[start:end])
        for span in phrases.find_in(stretch):
            if not negated(stretch, span):
                kept.append(span._replace(start=span.start + start, end=span.end + start))
    return sorted(set(kept), key=lambda span: span.start)


_WINDOW = 120  # characters read on each side of a phrase's rarest word: its clause and more
