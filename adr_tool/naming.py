"""File names: which files are ADRs, the number a name carries, and safe slugs for new ones."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import AdrError

# Not ADRs, whatever folder they are in (DESIGN.md section 2).
NON_ADR_NAMES = frozenset({"readme.md", "index.md", "template.md"})
NON_ADR_FOLDERS = frozenset({"templates"})

CANONICAL = re.compile(r"^(\d{4,})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_NUMBERED = re.compile(r"^(?:adr[-_ ]?)?(\d{1,9})(?:[-_. ]+(.*))?\.md$", re.IGNORECASE)
# log4brains' 20200924-slug.md, and 2023-06-26-slug.md (also with day and month swapped, or no day)
_DATED = re.compile(r"^((?:19|20)\d{2})(?:(\d{2})(\d{2})|-(\d{2})(?:-(\d{2}))?)[-_ ](.*)\.md$")
_SLUG_MAX = 60
# The largest number a file name is read with (nine digits, as _NUMBERED and `adr` arguments
# take): a file numbered past it would not be read as that number, so none is ever written.
MAX_NUMBER = 999_999_999


@dataclass(frozen=True)
class NameInfo:
    """What a file name says: a number, or a date (log4brains and friends), and the slug.

    A name with neither is read as an ADR only when its content states a status or a date.
    """

    number: int | None
    date: str | None
    slug: str


def read_name(name: str) -> NameInfo | None:
    """The number or date a file name carries; None when the file is not an ADR."""
    lowered = name.lower()
    if not lowered.endswith(".md") or lowered in NON_ADR_NAMES:
        return None
    dated = _DATED.match(name)
    numbered = _NUMBERED.match(name)
    if dated:
        year, month, day = (
            dated.group(1),
            dated.group(2) or dated.group(4),
            dated.group(3) or dated.group(5),
        )
        date = "-".join(part for part in (year, month, day) if part)
        info = NameInfo(None, date, dated.group(6))
    elif numbered:
        info = NameInfo(int(numbered.group(1)), None, numbered.group(2) or "")
    else:
        info = NameInfo(None, None, name[:-3])  # an ADR only if its content says so
    slug = info.slug.lower()
    if slug == "template" or slug.endswith(("-template", "_template")):
        return None
    return info


def slugify(title: str) -> str:
    """A lower-case ASCII slug: never a path, never empty, whatever the title holds."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _SLUG_MAX:
            break
        slug = candidate
    return slug or (words[0][:_SLUG_MAX] if words else "decision")


def file_name(number: int, title: str) -> str:
    return f"{number:04d}-{slugify(title)}.md"


def check_number(number: int) -> int:
    """`number`, if a file name can carry it; an error saying what to do otherwise."""
    if number > MAX_NUMBER:
        raise AdrError(
            f"ADR number {number} is past {MAX_NUMBER}, the largest adr-tool reads from a "
            "file name; renumber the ADRs with the highest numbers (`adr renumber N --to M`)"
        )
    return number
