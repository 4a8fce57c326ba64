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

from . import links
from .document import Document, Problem, strip_comments
from .naming import read_name

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
    r"(super(?:seded by|ceded by|sedes|cedes)|amend(?:ed by|s)|relate(?:s|d) to)\s*:?\s*(.*)$",
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
    r"^(?:(?:ADR|AD)[-_ ]?\d+(?:[ \t]*[:.\-–][ \t]*|[ \t]+)|\d+[ \t]*[.:)\-–][ \t]+"
    r"|architecture decision record[ \t]*:[ \t]*)",
    re.IGNORECASE,
)
# `# 7 Retry budget`: the number is a prefix only when it is the file's own number.
_BARE_NUMBER = re.compile(r"(\d+)[ \t]+(?=\S)")

# The words templates offer as the choice of a status: text that offers several is guidance.
_STATUS_WORDS = frozenset(
    {"proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "approved"}
)
_WORDS = re.compile(r"[^\W\d_]+")
_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,5}")  # `Depends on`, `Is depended on by`
_ORDERED_ITEM = re.compile(r"\d+[.)] ")

_RELATION_NAMES = {
    "superseded by": "superseded-by",
    "superceded by": "superseded-by",
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "amended by": "amended-by",
    "amends": "amends",
    "relates to": "relates-to",
    "related to": "relates-to",
}


@dataclass(frozen=True)
class Reference:
    """A relation as written: to a number, or to a file relative to the ADR."""

    relation: str
    number: int | None = None
    target: str | None = None
    line: int = 1
    loose: bool = False  # a phrase of the writer's own: a relation only if the file is an ADR


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
    guidance: tuple[str, int] | None = None  # template guidance found where the status belongs
    file_links: list[tuple[int, str]] = field(default_factory=list)  # relative .md and images


def read_metadata(document: Document, statuses: tuple[str, ...]) -> Metadata:
    meta = Metadata()
    front = document.metadata
    h1 = document.h1
    if h1 is not None and h1.text:
        meta.title, meta.title_line = _clean_title(h1.text, document), h1.line
    elif isinstance(front.get("title"), str) and front["title"].strip():
        meta.title, meta.title_line = front["title"].strip(), 2
    _read_front_matter(front, meta, statuses, document)
    if "status" not in front:
        _read_body_metadata(document, meta, statuses)
    elif meta.date is None:
        meta.date = _find_date_line(document)
    meta.file_links = [(n, t) for n, t in links.targets(document.text) if links.is_checked(t)]
    if meta.guidance is not None and not meta.status:
        text, line = meta.guidance
        document.problems.append(
            Problem(
                "ADR102",
                f"no status: {shorten(text)!r} is the template's guidance, not a status; "
                f"replace it with one of: {', '.join(statuses)}",
                line,
            )
        )
    return meta


def _clean_title(text: str, document: Document) -> str:
    """The title without the number adr-tools and others put before it (`# 12. Use S3`)."""
    cleaned = _TITLE_PREFIX.sub("", text, count=1).strip()
    if cleaned == text.strip() and text[:1].isdigit():
        bare = _BARE_NUMBER.match(text)
        info = read_name(document.path.name) if bare else None
        if bare and info is not None and info.number == int(bare.group(1)):
            cleaned = text[bare.end() :].strip()
    return cleaned or text


def shorten(text: str, limit: int = 60) -> str:
    """The text, cut to `limit` characters with `…` when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
    preamble = document.preamble()
    for index, (line_number, line) in enumerate(preamble):
        bullet = _STATUS_BULLET.match(line)
        if bullet and not meta.status:
            meta.format = "madr" if line.lstrip().startswith("*") else "log4brains"
            more = [text.strip() for _, text in bullet_continuation(preamble, index)]
            text = " ".join([bullet.group(1).strip(), *more])
            meta.status = _status_from_text(text, meta, statuses, line_number)
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
            meta.references += relation_line(line, links_section.first_line + offset)


def bullet_continuation(preamble: list[tuple[int, str]], index: int) -> list[tuple[int, str]]:
    """The lines after the `Status:` bullet at `index` that continue its text (`Accepted,
    pending the` / `  security review`): up to a blank line, a new item or a `Key:` line.
    A status of one word (`Accepted`) is never continued."""
    bullet = _STATUS_BULLET.match(preamble[index][1])
    if bullet is None or one_word(bullet.group(1).strip()):
        return []
    found: list[tuple[int, str]] = []
    for number, line in preamble[index + 1 :]:
        text = line.strip()
        head, colon, _ = text.partition(":")
        is_key = bool(colon) and _PHRASE.fullmatch(head.replace("*", "").strip()) is not None
        if not text or text.startswith(("#", "<")) or _starts_item(text) or is_key:
            break
        found.append((number, line))
    return found


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


_Statement = tuple[int, str, list[Reference]]  # section offset, text, relations it states


@dataclass(frozen=True)
class StatusSpan:
    """A paragraph of a Status section (relation lines apart): its text and section offsets."""

    text: str
    first: int  # offset of its first line in the section's lines
    last: int  # offset of its last line
    guidance: bool  # template guidance, not a status


def status_spans(lines: tuple[str, ...] | list[str]) -> list[StatusSpan]:
    """The paragraphs of a Status section that are not relation lines, in order.

    A paragraph is read whole (`Accepted, pending the` / `security review`), except when its
    first line is one word (`Accepted`): that word is the status and the lines after it are a
    note. A blank line, a `>` line, a list item or a relation line ends a paragraph.
    """
    return _spans(_statements(lines, 0))


def _statements(lines: tuple[str, ...] | list[str], first_line: int) -> list[_Statement]:
    """Each line of a Status section: its text without quote marks, and its relations."""
    found: list[_Statement] = []
    for offset, line in enumerate(lines):
        text = line.strip()
        if text[:1] == ">" or "<!--" in text:
            text = _unquoted(strip_comments(text).strip())
        found.append((offset, text, relation_line(text, first_line + offset) if text else []))
    return found


def _spans(statements: list[_Statement]) -> list[StatusSpan]:
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for offset, text, references in statements:
        if not text or references or _starts_item(text):
            paragraphs.append([])  # a paragraph ends here
        if text and not references:
            paragraphs[-1].append((offset, text))
    spans: list[StatusSpan] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        if len(paragraph) > 1 and one_word(paragraph[0][1]):  # a one-word status, then a note
            parts = [paragraph[:1], paragraph[1:]]
        else:
            parts = [paragraph]
        for part in parts:
            text = " ".join(text for _, text in part) if len(part) > 1 else part[0][1]
            spans.append(StatusSpan(text, part[0][0], part[-1][0], is_guidance(text)))
    return spans


def body_status(document: Document) -> tuple[str, int] | None:
    """In a file with front matter, the one status word its body's Status section states
    (`Proposed`), and the file line it is on; None when there is none, or free text."""
    if document.front_matter is None or not _may_have_status_heading(document):
        return None  # the usual file of ours: no headings scanned
    section = document.section(*_STATUS_HEADINGS)
    spans = [s for s in status_spans(section.lines) if not s.guidance] if section else []
    if section is None or not spans or spans[0].first != spans[0].last:
        return None
    word = _clean_status(spans[0].text)
    return (word, section.first_line + spans[0].first) if one_word(word) else None


def _may_have_status_heading(document: Document) -> bool:
    """A cheap look (one pass in C) before a scan of the headings: does the body name it?"""
    body = "\n".join(document.body_lines).casefold()
    return any(word in body for word in _STATUS_HEADINGS)


def _unquoted(text: str) -> str:
    """The text of a line without its blockquote markers (`> > Accepted` -> `Accepted`)."""
    while text.startswith(">"):
        text = text[1:].lstrip()
    return text


def one_word(line: str) -> bool:
    """`Accepted` or `✅ Accepted.`, but not `Accepted,` (which the next line continues)."""
    if line.isalpha():
        return True  # the usual case
    word = _clean_status(line)
    return bool(word) and len(word.split()) == 1 and not line.endswith((",", ";", ":", "-"))


def _starts_item(text: str) -> bool:
    return text.startswith(("- ", "* ", "+ ")) or _ORDERED_ITEM.match(text) is not None


def _status_from_section(
    lines: tuple[str, ...], first_line: int, meta: Metadata, statuses: tuple[str, ...]
) -> str:
    statements = _statements(lines, first_line)
    superseded = False
    for _, _, references in statements:
        for reference in references:
            meta.references.append(reference)
            superseded = superseded or reference.relation == "superseded-by"
    if superseded:
        return "superseded"
    # A dated history ("2017-11-22 proposed", "2017-11-26 done") ends with the current status.
    kept = [text for _, text, references in statements if text and not references]
    dated = [_LEADING_DATE.sub("", line) for line in kept if _LEADING_DATE.match(line)]
    if dated:
        return _status_from_text(dated[-1], meta, statuses, first_line)
    spans = _spans(statements)
    chosen = next((span for span in spans if not span.guidance), None)
    if chosen is None:
        if spans:
            meta.guidance = (spans[0].text, first_line + spans[0].first)
        return ""
    return _status_from_text(chosen.text, meta, statuses, first_line + chosen.first)


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


def relation_line(line: str, line_number: int) -> list[Reference]:
    """The relations one line of a Status or Links section states: the known phrases, and
    any other short phrase before links to Markdown files, as adr-tools' `adr link 5 "Depends
    on" 4 "Is depended on by"` writes them (`Depends on [4. Cache](0004-cache.md)`)."""
    if _RELATION.search(line) is not None:
        return relations_in_line(line, line_number)  # known words: never a phrase of one's own
    if "](" not in line:
        return []  # no link: no relation (most lines)
    text = _undecorated(strip_comments(line)).strip()
    bracket = text.find("[")
    phrase = text[:bracket].strip().rstrip(":").rstrip() if bracket > 0 else ""
    if not _PHRASE.fullmatch(phrase) or phrase.casefold() in _STATUS_WORDS:
        return []
    rest = text[bracket:]
    targets = [target for _, target in _LINK.findall(rest)]
    leftover = _LINK.sub(" ", rest).replace(",", " ").replace(";", " ").rstrip(".").split()
    if not targets or any(word != "and" for word in leftover):
        return []
    if not all("://" not in t and t.split("#", 1)[0].lower().endswith(".md") for t in targets):
        return []
    relation = "-".join(phrase.casefold().split())
    return [Reference(relation, target=t, line=line_number, loose=True) for t in targets]


def is_guidance(text: str) -> bool:
    """Whether status text is a template's guidance rather than a status: a question, a
    choice (`{Proposed|Accepted|Rejected}`, `Accepted or Rejected`), a list of the statuses to
    choose from, or the placeholder `STATUS`."""
    if text.isalpha():  # `accepted`: the usual case, one word
        return text.casefold() == "status"
    if text.rstrip().endswith("?") or "|" in text:
        return True
    words = _WORDS.findall(text.casefold())
    named = {word for word in words if word in _STATUS_WORDS}
    if not words:
        return False
    if len(named) >= 4 or set(words) == {"status"}:
        return True
    return len(named) >= 2 and all(word in _STATUS_WORDS or word == "or" for word in words)


def _clean_status(text: str) -> str:
    cleaned = strip_comments(text).replace("**", "").replace("`", "").strip()
    return _undecorated(cleaned).strip()


def _status_from_text(text: str, meta: Metadata, statuses: tuple[str, ...], line: int) -> str:
    """The status word: lower-case when it is a configured status, else the text as written."""
    cleaned = _clean_status(text)
    if is_guidance(cleaned):
        meta.guidance = (cleaned, line)
        return ""
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
