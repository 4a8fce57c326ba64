"""Dates as ADRs write them: ISO in front matter, and what people type in older formats."""

from __future__ import annotations

import datetime as dt
import re

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
    match = _TIMESTAMP.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def readable_date(text: str) -> bool:
    """A date a reader can understand: ISO, or one of the common written forms."""
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", " ".join(text.split()).strip(" .*_`"))
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
    match = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
