"""Dates as ADRs write them: ISO in front matter, and what people type in older formats.

`iso_date` is strict (what lint accepts in front matter); `written_date_iso` reads the loose
forms of older logs (2017/11/22, 28/02/2019, November 20, 2024) when they are unambiguous.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: index
    for index, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def _cleaned(text: str) -> str:
    """One spaced line without markup around it or ordinal suffixes (`1st` -> `1`)."""
    return re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", " ".join(text.split()).strip(" .*_`"))


def written_date_iso(text: str | None) -> str | None:
    """ISO when the written date is unambiguous (2017/11/22, 28/02/2019, November 20, 2024)."""
    if not text:
        return None
    cleaned = _cleaned(text)
    parts: tuple[int, int, int] | None = None
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cleaned):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", cleaned):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        if first > 12 >= second:
            parts = (year, second, first)  # day first
        elif second > 12 >= first:
            parts = (year, first, second)  # month first
    elif (match := re.fullmatch(r"([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", cleaned)) and (
        match[1].lower() in _MONTHS
    ):
        parts = (int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    elif (match := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", cleaned)) and (
        match[2].lower() in _MONTHS
    ):
        parts = (int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    if parts is None:
        return None
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return None


# What YAML 1.1 would load as a timestamp, so what a standard front-matter reader chokes on
# when it is not a real date (`2022-21-11`).
_TIMESTAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}.*)?")
_LOOSE_FORMATS = (
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %Y",
    "%b %Y",
    "%Y-%m",
)


def timestamp_like(text: str) -> bool:
    """Shaped like a YAML timestamp (`2022-21-11` included)."""
    return _TIMESTAMP.fullmatch(text.strip()) is not None


def iso_date(text: str) -> dt.date | None:
    """The date of `2026-11-23` (a time after it is allowed); None for anything else."""
    return _day(_TIMESTAMP.fullmatch(text.strip()))


def readable_date(text: str) -> bool:
    """A date a reader can understand: ISO, or one of the common written forms."""
    cleaned = _cleaned(text)
    if iso_date(cleaned) is not None:
        return True
    for form in _LOOSE_FORMATS:
        try:
            dt.datetime.strptime(cleaned, form)
        except ValueError:
            continue
        return True
    return False


def unambiguous_date(text: str) -> dt.date | None:
    """The day a date names when year, month and day cannot be mixed up (ISO, 2017/11/22)."""
    found = iso_date(text)
    if found is not None:
        return found
    return _day(re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text.strip()))


def _day(match: re.Match[str] | None) -> dt.date | None:
    """The date of a year, month and day matched as three groups; None if there is none."""
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
