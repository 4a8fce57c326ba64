"""File rules (ADR1xx): can the file be read, and does it state a status, a date and a title?"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..conflicts import conflict_line
from ..dates import iso_date, readable_date, timestamp_like
from ..formats import body_status
from ..naming import CANONICAL, file_name
from .answers import is_placeholder
from .base import Hit, file_rule, key_line, log_rule, status_line, title_line
from .sections import broken_templates

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .base import LintContext, Target

_DATE_KEYS = ("date", "review-by")
_DATE_WORD = re.compile(r"date|last modified|日期", re.IGNORECASE)
_TITLE_PLACEHOLDERS = frozenset({"title", "number. title"})  # adr-tools' template


@log_rule("ADR100", "file")
def unreadable_file(ctx: LintContext) -> Iterator[Hit]:
    """The file cannot be read: not UTF-8, binary, not a regular file, over 5 MB, or leads out
    (and a project template that cannot be read or parsed)."""
    for error in [*ctx.unreadable(), *broken_templates(ctx)]:
        if error.path is not None:
            yield Hit(Path(error.path), error.line or 1, error.message)


@log_rule("ADR106", "file")
def not_read(ctx: LintContext) -> Iterator[Hit]:
    """A file named like a decision is in a markup adr-tool does not read (reStructuredText,
    AsciiDoc, plain text): it is in no list, index or site, but its number stays taken."""
    for unread in ctx.loaded.unread:
        if ctx.wanted is None or unread.path.resolve() in ctx.wanted:
            yield Hit(unread.path, 1, unread.message)


@file_rule("ADR101", "file")
def unparsable_front_matter(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The front matter is not valid YAML, or holds a value that cannot be read (2022-21-11)."""
    document = target.document
    for problem in document.problems:
        if problem.code == "ADR101":
            yield Hit(document.path, problem.line, problem.message)
    for key in _DATE_KEYS:
        raw = _front_text(target, key)
        if raw is not None and timestamp_like(raw) and iso_date(raw) is None:
            yield Hit(
                document.path,
                key_line(document, key),
                f"front matter {key}: {raw} is not a real date, and YAML readers refuse it; "
                "write one such as 2026-11-23",
            )


def _front_text(target: Target, key: str) -> str | None:
    value = target.document.metadata.get(key)
    return None if value is None or value == "" else str(value)


@file_rule("ADR102", "file")
def bad_status(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The status is missing, or is not one of the configured statuses."""
    adr, document = target.adr, target.document
    for problem in document.problems:
        if problem.code == "ADR102":
            yield Hit(document.path, problem.line, problem.message)
    if any(problem.code == "ADR102" for problem in document.problems):
        return
    allowed = ", ".join(ctx.config.statuses)
    if adr.status and adr.status not in ctx.config.statuses:
        yield Hit(
            document.path,
            status_line(target),
            f"unknown status {adr.status!r}; use one of: {allowed} (or list it under "
            "`statuses` in .adr.toml)",
        )
    elif not adr.status and (ctx.adopted or adr.format != "front-matter"):
        where = "in the front matter" if document.front_matter else "in a Status section"
        yield Hit(document.path, status_line(target), f"no status: state one {where} ({allowed})")
    stated = body_status(document) if "status" in document.metadata and adr.status else None
    if stated is not None and stated[0].lower() != adr.status.lower():
        yield Hit(
            document.path,
            stated[1],
            f"the Status section says {stated[0]!r} but the front matter says {adr.status!r}; "
            f"the front matter is the status: `adr status {adr.number} {adr.status}` "
            "writes both, or edit the section",
        )


@file_rule("ADR103", "file")
def bad_date(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The date (or review-by) is missing from an ADR of ours, or is not a date."""
    adr, document = target.adr, target.document
    for key in _DATE_KEYS:
        raw = _front_text(target, key)
        if raw is not None and not timestamp_like(raw) and iso_date(raw) is None:
            yield Hit(
                document.path,
                key_line(document, key),
                f"{key} {raw!r} is not a date such as 2026-11-23",
            )
    if "date" in document.metadata:
        if adr.date is None and ctx.adopted:
            yield Hit(document.path, key_line(document, "date"), "date is empty")
        return
    if adr.date is not None and not readable_date(adr.date):
        yield Hit(document.path, _date_line(target), f"date {adr.date!r} is not a date")
    elif adr.date is None and ctx.adopted and adr.format in ("adr-tool", "front-matter"):
        yield Hit(
            document.path,
            key_line(document, "status") if document.front_matter else 1,
            "no date: add `date: YYYY-MM-DD` (the day of the last status change)",
        )


def _date_line(target: Target) -> int:
    for number, line in target.document.preamble():
        if _DATE_WORD.search(line) and ":" in line:
            return number
    return title_line(target)


@file_rule("ADR104", "file")
def missing_title(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """There is no `# Title` line (H1), or it is empty."""
    document = target.document
    h1 = document.h1
    if h1 is not None:
        if not h1.text.strip():
            yield Hit(document.path, h1.line, "the H1 title is empty: name the decision")
        elif _placeholder_title(h1.text):
            yield Hit(
                document.path,
                h1.line,
                f"the H1 title {h1.text.strip()!r} is the template's placeholder: "
                "name the decision",
            )
        return
    front_title = document.metadata.get("title")
    if isinstance(front_title, str) and front_title.strip() and not ctx.adopted:
        return  # formats that keep the title in front matter (Jekyll, shopware)
    last_line = document.body_start + max(len(document.body_lines), 1) - 1
    yield Hit(
        document.path,
        min(document.body_start, last_line),
        "no `# Title` line: the body starts with the decision's title as an H1",
    )


def _placeholder_title(text: str) -> bool:
    """`{short title of solved problem and solution}`, `[...]`, `NUMBER. TITLE`."""
    stripped = text.strip()
    if stripped[:1] in "{[.…":
        return is_placeholder(stripped)
    return stripped.casefold() in _TITLE_PLACEHOLDERS


@file_rule("ADR105", "file")
def bad_file_name(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The file name is not `NNNN-slug.md`, or a folder record's not `NNNN-slug` (checked where
    the project keeps an .adr.toml)."""
    adr = target.adr
    name = adr.record.name if adr.in_folder else adr.path.stem
    suffix = "" if adr.in_folder else adr.path.suffix.lower()
    canonical = CANONICAL.match(name + ".md") and not adr.number_derived  # not a date
    if not ctx.adopted or (canonical and suffix in ("", ".md", ".mdx")):
        return
    wanted = file_name(adr.number, adr.title)
    if adr.in_folder:  # a folder record keeps its folder: the folder is what is named
        what, wanted = "folder name is not NNNN-slug", wanted.removesuffix(".md")
    else:
        keep = ".mdx" if suffix == ".mdx" else ".md"  # MDX stays MDX for its site generator
        what, wanted = "file name is not NNNN-slug.md", wanted.removesuffix(".md") + keep
    yield Hit(adr.path, 1, f"{what}: rename it to {wanted}")


@file_rule("ADR108", "file")
def conflict_markers(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A git conflict marker (`<<<<<<<`, `|||||||`, `>>>>>>>`) is left in the file."""
    document = target.document
    line = conflict_line(document.text)
    if line is not None:
        yield Hit(
            document.path,
            line,
            "a git conflict marker is left here: resolve the conflict (keep one side, or both "
            "merged) and remove the markers",
        )
