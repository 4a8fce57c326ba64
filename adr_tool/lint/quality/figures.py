"""Measured figures: a number (digits or words, a range, `1.5k`) with its unit or counted noun.

`40,000 shoppers`, `p99 150 ms`, `€600/month`, `two hundred requests a second`, `10-20 GB`,
`under a second` and `sub-second` are figures; `lots`, `high`, `real-time`, `thousands` and a
bare `200` are not. Dates (`2027-06-30`, `Q3 2027`, `every quarter`) are read here too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .text import bag, entries, words

if TYPE_CHECKING:
    from .text import Words

_NUMBER_WORDS = frozenset(
    entries(
        "zero, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, "
        "thirteen, fourteen, fifteen, sixteen, seventeen, eighteen, nineteen, twenty, thirty, "
        "forty, fifty, sixty, seventy, eighty, ninety, hundred, thousand, million, billion, "
        "trillion, dozen, half"
    )
)
_MAGNITUDES = frozenset({"k", "m", "mm", "b", "bn", "thousand", "million", "billion", "trillion"})
_ARTICLE_UNITS = frozenset(
    entries(
        "second, minute, hour, day, week, month, year, quarter, millisecond, hundred, thousand, "
        "million, billion, trillion, dozen, gigabyte, terabyte, megabyte"
    )
)
DURATIONS = frozenset(
    entries(
        "ns, µs, us, ms, msec, millisecond, milliseconds, s, sec, secs, second, seconds, min, "
        "mins, minute, minutes, h, hr, hrs, hour, hours, day, days, week, weeks, month, months, "
        "quarter, quarters, year, years, yr, yrs"
    )
)
_MULTIPLIERS = frozenset({"x", "times", "fold"})
_PERCENT = frozenset({"percent", "pct"})
# Words after a number that are not what it counts: "2 or 3", "10 of them", "5 to 10".
_NOT_NOUNS = frozenset(
    entries(
        "and, or, to, the, a, an, of, is, are, was, were, be, at, in, on, by, for, with, from, "
        "than, more, less, fewer, over, under, about, around, roughly, approximately, nearly, "
        "almost, up, down, it, this, that, these, those, we, they, as, if, so, but, per, st, nd, "
        "rd, th"
    )
)
_CURRENCY_SIGNS = frozenset("€$£¥₹")
_CURRENCY_WORDS = frozenset({"eur", "usd", "gbp", "chf", "jpy"})
_PERCENTILE = re.compile(r"p\d{2,3}")
_FIGURE_PHRASES = (("sub", "second"), ("sub", "millisecond"), ("single", "digit"))
_PHRASE_STARTS = frozenset(first for first, *_ in _FIGURE_PHRASES)
_ARTICLES = frozenset({"a", "an", "every", "each"})
_DIGIT = re.compile(r"\d")
_MONTHS = frozenset(
    entries(
        "january, february, march, april, june, july, august, september, october, november, "
        "december, jan, feb, apr, jun, jul, aug, sep, sept, oct, nov, dec"
    )
)
_PERIODS = frozenset(
    entries(
        "daily, weekly, monthly, quarterly, yearly, annually, annual, biannually, fortnightly"
    )
)
_QUARTER = re.compile(r"q[1-4]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_DATE = re.compile(r"\d{4}-\d\d(?:-\d\d)?")
_SUFFIX = re.compile(r"\d+(\D*)")


class Figure(NamedTuple):
    """A number with what it measures, at text[start:end]."""

    start: int
    end: int
    kind: str  # duration, size, count, rate, money, percent, multiplier, or plain (no unit)
    unit: str


_SIZES = frozenset(
    entries(
        "b, byte, bytes, kb, mb, gb, tb, pb, kib, mib, gib, tib, pib, kilobyte, kilobytes, "
        "megabyte, megabytes, gigabyte, gigabytes, terabyte, terabytes, petabyte, petabytes"
    )
)


def _kind(unit: str) -> str:
    if unit in DURATIONS:
        return "duration"
    if unit in _SIZES:
        return "size"
    if unit in _MULTIPLIERS:
        return "multiplier"
    if unit in _PERCENT or unit == "%":
        return "percent"
    return "count"


def figures(text: str) -> list[Figure]:
    """Every number in `text` with the unit or noun that follows it (kind "plain" if none)."""
    if not _may_hold_a_number(text):
        return []
    found = words(text)
    texts = found.texts
    result: list[Figure] = []
    index = 0
    while index < len(texts):
        end_of_number = _number_at(found, index, text) if _may_start(texts[index]) else None
        if end_of_number is None:
            phrase = _figure_phrase(found, index) if texts[index] in _PHRASE_STARTS else 0
            if phrase:
                end = found.ends[index + phrase - 1]
                result.append(Figure(found.starts[index], end, "duration", "second"))
                index += phrase
            else:
                index += 1
            continue
        figure = _measure(found, index, end_of_number, text)
        if _per(texts[index], figure, result, text):
            figure = figure._replace(kind="rate")  # "40 previews a minute": how often
        result.append(figure)
        index = end_of_number
    return result


def _per(first: str, figure: Figure, before: list[Figure], text: str) -> bool:
    """`a minute` right after a figure (`40 previews a minute`) says how often, not how long."""
    if (first not in _ARTICLES and first != "per") or not before:
        return False
    return not text[before[-1].end : figure.start].strip()


def _may_hold_a_number(text: str) -> bool:
    """False when `text` has no digit, number word, figure phrase or `a second`."""
    if _DIGIT.search(text):
        return True
    present = bag(text)
    if not present.isdisjoint(_NUMBER_WORDS) or not present.isdisjoint(_PHRASE_STARTS):
        return True
    return not present.isdisjoint(_ARTICLES) and not present.isdisjoint(_ARTICLE_UNITS)


def _may_start(word: str) -> bool:
    return word[0].isdigit() or word in _NUMBER_WORDS or word in _ARTICLES


def _figure_phrase(found: Words, index: int) -> int:
    for phrase in _FIGURE_PHRASES:
        stop = index + len(phrase)
        if tuple(found.texts[index:stop]) == phrase and not any(
            found.broken(i) for i in range(index + 1, stop)
        ):
            return len(phrase)
    return 0


def _is_number_word(found: Words, index: int) -> bool:
    texts = found.texts
    word = texts[index]
    if word in _NUMBER_WORDS:
        return word != "one" or texts[index + 1 : index + 2] != ["of"]  # "one of the options"
    if word in _ARTICLES and index + 1 < len(texts):
        return not found.broken(index + 1) and texts[index + 1] in _ARTICLE_UNITS
    return False


def _number_at(found: Words, index: int, text: str) -> int | None:
    """The index after the number that starts at `index` (digits, words, a range), or None."""
    texts, starts, ends = found.texts, found.starts, found.ends
    if not (texts[index][0].isdigit() or _is_number_word(found, index)):
        return None
    stop = index + 1
    while stop < len(texts) and not found.broken(stop):
        following = texts[stop]
        if following[0].isdigit() and starts[stop] - ends[stop - 1] <= 1:
            stop += 1  # 1,000 / 1.5k / 10-20 written without spaces
        elif _is_number_word(found, stop) or following in _MAGNITUDES:
            stop += 1  # two hundred thousand, 2 million
        elif (
            following in ("to", "and", "or")
            and stop + 1 < len(texts)
            and texts[stop + 1][0].isdigit()
            and not found.broken(stop + 1)
        ):
            stop += 2  # a range: 10 to 20
        else:
            break
    return stop


def _measure(found: Words, first: int, stop: int, text: str) -> Figure:
    texts = found.texts
    start, end = found.starts[first], found.ends[stop - 1]
    written = _SUFFIX.fullmatch(texts[stop - 1])
    suffix = written.group(1) if written else ""  # 50ms, 2gb, 10x, 5k
    before = text[max(0, start - 2) : start].strip()
    if before[-1:] in _CURRENCY_SIGNS or (first and texts[first - 1] in _CURRENCY_WORDS):
        return Figure(start, end, "money", before[-1:] or texts[first - 1])
    if suffix and suffix not in _MAGNITUDES:
        return Figure(start, end, _kind(suffix), suffix)
    if text[end : end + 1] == "%" or text[end : end + 2] == " %":
        return Figure(start, end + 1, "percent", "%")
    if text[end : end + 1] in _CURRENCY_SIGNS:
        return Figure(start, end + 1, "money", text[end])
    unit_index, rate = stop, False
    if unit_index < len(texts) and texts[unit_index] == "per":
        unit_index, rate = unit_index + 1, True  # "1,000 per second": a rate
    if unit_index < len(texts) and not found.broken(unit_index):
        unit = texts[unit_index]
        if unit[0].isalpha() and unit not in _NOT_NOUNS:
            kind = "count" if rate else _kind(unit)
            return Figure(start, found.ends[unit_index], kind, unit)
    return Figure(start, end, "plain", "")


def measured(text: str, plain_counts: bool = False) -> list[Figure]:
    """The figures of `text` that measure something: with a unit or noun, not a multiplier
    (`10x` says how much more, not how much); `plain_counts` also takes bare numbers."""
    return [
        figure
        for figure in figures(text)
        if figure.kind != "multiplier" and (plain_counts or figure.kind != "plain")
    ]


def has_date(text: str) -> bool:
    """A date, a month, a quarter, a year or a period (`every quarter`, `annually`)."""
    if _ISO_DATE.search(text):
        return True
    for word in words(text).texts:
        if word in _MONTHS or word in _PERIODS:
            return True
        if _QUARTER.fullmatch(word) or _YEAR.fullmatch(word):
            return True
    return False


def percentile(word: str) -> bool:
    """p50, p95, p99, p999: a latency measure that the next number belongs to."""
    return _PERCENTILE.fullmatch(word) is not None
