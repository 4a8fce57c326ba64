"""Dates as people write them in older ADR formats, read into ISO when unambiguous."""

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


def iso_date(text: str | None) -> str | None:
    """ISO when the written date is unambiguous (2017/11/22, 28/02/2019, November 20, 2024)."""
    if not text:
        return None
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", " ".join(text.split()).strip(" .*_`"))
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
