"""Read an ADR's metadata from whichever format it is written in (DESIGN.md sections 2 and 3).

Our own files keep everything in front matter. Older logs keep it in the body: adr-tools'
`Date:` line and `## Status` paragraph, MADR 2's `* Status:` bullets, log4brains' `- Status:`
bullets and `## Links`. Relations found in the body are returned as `Reference`s to files or
numbers; the log resolves them once every file is known.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .document import Document, Problem, strip_comments

_STATUS_HEADINGS = ("status", "状态", "statut", "estado")
_STATUS_BULLET = re.compile(
    r"^\s*(?:[*-]\s+)?(?:\*\*)?status(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*?)(?:\*\*)?\\?$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^\s*(?:[*-]\s+)?(?:\*\*)?(?:date|last modified|日期)(?:\*\*)?\s*[:：]\s*"
    r"(?:\*\*)?\s*(.+?)\\?$",
    re.IGNORECASE,
)
_DECIDERS_BULLET = re.compile(
    r"^\s*[*-]\s+(?:\*\*)?(?:deciders|decision[- ]makers)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+)$",
    re.IGNORECASE,
)
_TAGS_BULLET = re.compile(
    r"^\s*[*-]\s+(?:\*\*)?tags(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+)$", re.IGNORECASE
)
_RELATION = re.compile(  # alternatives by first letters, so a search skips other text fast
    r"(super(?:seded by|ceded by|sedes|cedes)|amend(?:ed by|s)|relates to)\s*:?\s*(.*)$",
    re.IGNORECASE,
)
# Linear on any line: neither the label nor the target runs past the next `[`, where the next
# link could start (else a line of `[](x` repeated is read once from each `[`).
_LINK = re.compile(r"\[([^\[\]]*)\]\(<?([^)\s>\[]+)>?\)")
_ADR_NUMBER = re.compile(r"\bADR[-_ ]?0*(\d{1,9})\b", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+")
_LEADING_MARKS = re.compile(r"[^\w\[(]+")
_TRAILING_MARKS = re.compile(r"[^\w\])]+")  # matched on the reversed text
_TITLE_PREFIX = re.compile(
    r"^(?:(?:ADR|AD)[-_ ]?\d+\s*[:.\-–]\s*|\d+\s*[.:)\-–]\s+|architecture decision record\s*:\s*)",
    re.IGNORECASE,
)

_RELATION_NAMES = {
    "superseded by": "superseded-by",
    "superceded by": "superseded-by",
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "amended by": "amended-by",
    "amends": "amends",
    "relates to": "relates-to",
}


@dataclass(frozen=True)
class Reference:
    """A relation as written: to a number, or to a file relative to the ADR."""

    relation: str
    number: int | None = None
    target: str | None = None
    line: int = 1


@dataclass
class Metadata:
    """Everything about an ADR except its number and path, before references are resolved."""

    title: str | None = None
    title_line: int | None = None
    status: str = ""
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    decision_makers: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    review_by: str | None = None
    template: str | None = None
    format: str = "adr-tool"


def read_metadata(document: Document, statuses: tuple[str, ...]) -> Metadata:
    meta = Metadata()
    front = document.metadata
    h1 = document.h1
    if h1 is not None and h1.text:
        meta.title, meta.title_line = _clean_title(h1.text), h1.line
    elif isinstance(front.get("title"), str) and front["title"].strip():
        meta.title, meta.title_line = front["title"].strip(), 2
    _read_front_matter(front, meta, statuses, document)
    if "status" not in front:
        _read_body_metadata(document, meta, statuses)
    elif meta.date is None:
        meta.date = _find_date_line(document)
    return meta


def _clean_title(text: str) -> str:
    cleaned = _TITLE_PREFIX.sub("", text, count=1).strip()
    return cleaned or text


def _read_front_matter(
    front: dict[str, Any], meta: Metadata, statuses: tuple[str, ...], document: Document
) -> None:
    if not front:
        return
    meta.format = "adr-tool" if "status" in front or "supersedes" in front else "front-matter"
    if "status" in front:
        raw = front["status"]
        if isinstance(raw, str):
            meta.status = _status_from_text(raw, meta, statuses, line=2)
        elif raw is not None:
            document.problems.append(Problem("ADR102", f"status must be text, not {raw!r}", 2))
    meta.date = _text_or_none(front.get("date"))
    meta.review_by = _text_or_none(front.get("review-by"))
    meta.template = _text_or_none(front.get("template"))
    meta.tags = _text_list(front.get("tags"))
    meta.decision_makers = _text_list(front.get("decision-makers", front.get("deciders")))
    for key, relation in (("supersedes", "supersedes"), ("superseded-by", "superseded-by")):
        meta.references += _number_refs(front.get(key), relation, document)
    links = front.get("links")
    if isinstance(links, dict):
        for relation, targets in links.items():
            meta.references += _number_refs(targets, str(relation), document)
    elif links is not None:
        document.problems.append(
            Problem("ADR101", "links must be a mapping such as {amends: [5]}", 2)
        )


def _number_refs(value: Any, relation: str, document: Document) -> list[Reference]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    refs: list[Reference] = []
    for item in items:
        number = _as_number(item)
        if number is None:
            document.problems.append(
                Problem("ADR101", f"{relation} must list ADR numbers, not {item!r}", 2)
            )
        else:
            refs.append(Reference(relation, number=number, line=2))
    return refs


def _as_number(item: Any) -> int | None:
    if isinstance(item, bool):
        return None
    if isinstance(item, int):
        return item if abs(item) <= 999_999_999 else None  # as many digits as text may have
    if isinstance(item, str):
        match = re.fullmatch(r"\s*(?:ADR[-_ ]?)?0*(\d{1,9})\s*", item, re.IGNORECASE)
        if match:
            return int(match.group(1))
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None and str(item).strip()]
    return [str(value)]


def _read_body_metadata(document: Document, meta: Metadata, statuses: tuple[str, ...]) -> None:
    """adr-tools, MADR 2 and log4brains keep status, date and relations in the body."""
    for line_number, line in document.preamble():
        bullet = _STATUS_BULLET.match(line)
        if bullet and not meta.status:
            meta.format = "madr" if line.lstrip().startswith("*") else "log4brains"
            meta.status = _status_from_text(bullet.group(1), meta, statuses, line_number)
            continue
        deciders = _DECIDERS_BULLET.match(line)
        if deciders and not meta.decision_makers:
            meta.decision_makers = _text_list(strip_comments(deciders.group(1)))
            continue
        tags = _TAGS_BULLET.match(line)
        if tags and not meta.tags:
            meta.tags = _text_list(strip_comments(tags.group(1)))
    if meta.date is None:
        meta.date = _find_date_line(document)
    status_section = document.section(*_STATUS_HEADINGS)
    if status_section is not None and not meta.status:
        meta.format = "adr-tools"
        meta.status = _status_from_section(
            status_section.lines, status_section.first_line, meta, statuses
        )
    links_section = document.section("links")
    if links_section is not None:
        for offset, line in enumerate(links_section.lines):
            meta.references += relations_in_line(line, links_section.first_line + offset)


def _find_date_line(document: Document) -> str | None:
    for _, line in document.preamble():
        match = _DATE_LINE.match(line)
        if match:
            return _normalise_date(strip_comments(match.group(1)).strip().strip("*").strip())
    return None


def _normalise_date(text: str) -> str:
    """ISO when the text is an unambiguous date (2017-06-30, 2017/11/22), else as written."""
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            return text
    return text


def _status_from_section(
    lines: tuple[str, ...], first_line: int, meta: Metadata, statuses: tuple[str, ...]
) -> str:
    kept: list[str] = []
    superseded = False
    for offset, line in enumerate(lines):
        text = strip_comments(line).strip()
        if not text:
            continue
        references = relations_in_line(text, first_line + offset)
        if references:
            meta.references += references
            superseded = superseded or any(r.relation == "superseded-by" for r in references)
            continue
        kept.append(text)
    if superseded:
        return "superseded"
    if not kept:
        return ""
    # A dated history ("2017-11-22 proposed", "2017-11-26 done") ends with the current status.
    dated = [_LEADING_DATE.sub("", line) for line in kept if _LEADING_DATE.match(line)]
    chosen = dated[-1] if dated else kept[0]
    return _status_from_text(chosen, meta, statuses, first_line)


def relations_in_line(line: str, line_number: int) -> list[Reference]:
    """`Superseded by [3. Use GCS](0003-use-gcs.md)`, `Amends ADR-0012`, ... in one line."""
    match = _RELATION.search(line)
    if match is None:
        return []
    before = _undecorated(line[: match.start()]).strip()
    if before and not before.lower().endswith(("status", ":")):
        return []  # prose such as "Partly superseded by ..." stays a status, not a relation
    relation = _RELATION_NAMES[match.group(1).lower()]
    rest = match.group(2)
    links = [target for _, target in _LINK.findall(rest) if "://" not in target]
    if links:
        return [Reference(relation, target=target, line=line_number) for target in links]
    numbers = [int(number) for number in _ADR_NUMBER.findall(rest)]
    return [Reference(relation, number=number, line=line_number) for number in numbers]


def _undecorated(text: str) -> str:
    """`text` without the marks and blanks around it (`**Accepted**.` -> `Accepted`). The end
    is matched on the reversed text: a pattern anchored at the end (`[^\\w\\])]+$`) is tried
    from every character of a long run, which is quadratic."""
    start = _LEADING_MARKS.match(text)
    text = text[start.end() :] if start else text
    end = _TRAILING_MARKS.match(text[::-1])
    return text[: len(text) - end.end()] if end else text


def _status_from_text(text: str, meta: Metadata, statuses: tuple[str, ...], line: int) -> str:
    """The status word: lower-case when it is a configured status, else the text as written."""
    cleaned = strip_comments(text).replace("**", "").replace("`", "").strip()
    cleaned = _undecorated(cleaned).strip()
    first, _, rest = cleaned.partition(";")
    references = relations_in_line(first, line)
    if references:
        meta.references += references
        return "superseded" if references[0].relation == "superseded-by" else ""
    if rest:
        meta.references += relations_in_line(rest.strip(), line)
    word = first.strip()
    return word.lower() if word.lower() in statuses else word


# Where a `status:` key and a heading start; their ends are trimmed with str methods (a lazy
# group before optional trailing blanks, `(.*?)\s*#*\s*$`, is cubic on a run of blanks).
_FRONT_STATUS = re.compile(r"status\s*:")
_HEADING = re.compile(r" {0,3}#{1,6}\s")


def status_in_lines(lines: list[str], statuses: tuple[str, ...]) -> str | None:
    """The status a fragment of a file states (a diff hunk, say), or None if it states none.

    Used by history: front-matter `status:`, a `Status:` bullet, or a Status section.
    """
    meta = Metadata()
    for index, line in enumerate(lines):
        front = _FRONT_STATUS.match(line)
        if front:
            value = line[front.end() :].lstrip().partition("#")[0].rstrip()  # no comment
            return _status_from_text(value.strip("\"'"), meta, statuses, 0)
        bullet = _STATUS_BULLET.match(line)
        if bullet and line.lstrip()[:1] in "*-":
            return _status_from_text(bullet.group(1), meta, statuses, 0)
        heading = _HEADING.match(line)
        title = line[heading.end() :].strip().rstrip("#").rstrip() if heading else ""
        if heading and strip_comments(title).strip().lower() in _STATUS_HEADINGS:
            body: list[str] = []
            for later in lines[index + 1 :]:
                if _HEADING.match(later):
                    break
                body.append(later)
            if any(text.strip() for text in body):
                return _status_from_section(tuple(body), 0, meta, statuses)
    return None
