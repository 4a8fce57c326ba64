"""File names: which files are ADRs, the number a name carries, and safe slugs for new ones."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import AdrError

# Not ADRs, whatever folder they are in (DESIGN.md section 2), except the one Markdown file of a
# folder record (an ADR kept as a folder: `2023-06-30-some-decision/README.md`, images beside it).
NON_ADR_NAMES = frozenset({"readme.md", "index.md", "template.md"})
NON_ADR_FOLDERS = frozenset({"templates"})
RECORD_STEMS = frozenset({"readme", "index"})
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")  # MDX is read as Markdown
# Markups adr-tool does not read: a file in one of them named like a decision is named, not read.
OTHER_MARKUPS = {
    ".rst": "reStructuredText",
    ".rest": "reStructuredText",
    ".adoc": "AsciiDoc",
    ".asciidoc": "AsciiDoc",
    ".txt": "plain text",
    ".org": "Org",
    ".textile": "Textile",
}

CANONICAL = re.compile(r"^(\d{4,})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_NUMBERED = re.compile(r"^(?:adr[-_ ]?)?(\d{1,9})(?:[-_. ]+(.*))?$", re.IGNORECASE)
# log4brains' 20200924-slug, and 2023-06-26-slug (also 2023_06_26_slug, with day and month
# swapped, or no day): the same for file stems and folder names
_DATED = re.compile(
    r"^((?:19|20)\d{2})(?:(\d{2})(\d{2})|[-_](\d{2})(?:[-_](\d{2}))?)[-_ ](.*)$"
)
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


def suffix_of(name: str) -> str:
    """The lower-case suffix (`.md`), or "" for a name without one."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def read_name(name: str) -> NameInfo | None:
    """The number or date a Markdown file name carries; None when the file is not an ADR."""
    suffix = suffix_of(name)
    if suffix not in MARKDOWN_SUFFIXES:
        return None
    stem = name[: -len(suffix)]
    if stem.lower() in RECORD_STEMS or stem.lower() == "template":
        return None
    return read_stem(stem)


def read_stem(stem: str) -> NameInfo | None:
    """The number or date in a file's stem or a folder record's name; None for a template."""
    dated = _DATED.match(stem)
    numbered = _NUMBERED.match(stem)
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
        info = NameInfo(None, None, stem)  # an ADR only if its content says so
    slug = info.slug.lower()
    if slug == "template" or slug.endswith(("-template", "_template")):
        return None
    return info


def other_markup(name: str) -> tuple[str, NameInfo] | None:
    """The markup of a file adr-tool does not read, when its name carries a number or a date
    as a decision's would (`0003-use-kafka.rst`); None for any other file."""
    suffix = suffix_of(name)
    markup = OTHER_MARKUPS.get(suffix)
    if markup is None:
        return None
    info = read_stem(name[: -len(suffix)])
    if info is None or (info.number is None and info.date is None):
        return None
    return markup, info


def record_file(names: list[str]) -> str | None:
    """The one document of a folder record among the names of the files in a folder: its only
    Markdown file when that is a README or index (else, with no Markdown, its only other
    markup named so); None when the folder is not a record."""
    markdown = [name for name in names if suffix_of(name) in MARKDOWN_SUFFIXES]
    documents = markdown or [name for name in names if suffix_of(name) in OTHER_MARKUPS]
    if len(documents) != 1:
        return None
    name = documents[0]
    return name if name[: -len(suffix_of(name))].lower() in RECORD_STEMS else None


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
