"""What every lint rule shares: the finding, the registry of rules, and what a rule looks at.

A rule is a small function with a stable code and a one-line docstring that explains it. A
file rule looks at one ADR (`Target`) at a time; a log rule looks at the whole log. Rules
yield `Hit`s (where and what); the runner adds the code and severity from the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from ..document import split_lines

if TYPE_CHECKING:
    import datetime as dt

    from ..config import Config
    from ..document import Document
    from ..errors import AdrError
    from ..model import Adr, DecisionLog
    from ..store import LoadedLog

Severity = Literal["error", "warning"]
FAMILIES = ("file", "content", "log", "time")


@dataclass(frozen=True)
class Finding:
    """One defect at one place: `path:line:col: CODE message`."""

    path: Path
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        if self.severity not in ("error", "warning"):
            raise ValueError(f"severity must be error or warning, not {self.severity!r}")
        if self.line < 1 or self.column < 1:
            raise ValueError("lines and columns count from 1")


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the runner turns it into a `Finding` with the rule's code."""

    path: Path
    line: int
    message: str
    column: int = 1


@dataclass(frozen=True)
class Target:
    """One ADR whose file, content and time rules run: its metadata and its parsed file (read
    when a rule first looks at it: findings taken from the cache need no file)."""

    adr: Adr
    documents: Mapping[Path, Document]

    @property
    def document(self) -> Document:
        return self.documents[self.adr.path]


@dataclass
class LintContext:
    """Everything a rule may look at; nothing here reads a file after it is built."""

    config: Config
    loaded: LoadedLog
    targets: list[Target]
    today: dt.date
    adopted: bool  # the project keeps an `.adr.toml`: our own conventions apply in full
    wanted: set[Path] | None = None  # resolved paths given on the command line, else all
    cache: dict[object, object] = field(default_factory=dict)
    log_dependent: set[Path] = field(default_factory=set)  # findings that depend on other files
    front_lines: dict[tuple[Path, str], int | None] = field(default_factory=dict)

    def front_line(self, target: Target, key: str) -> int | None:
        """The line of a front-matter key, None when absent. Remembered by the cache for the
        keys time rules need, since those rules run every time and should not read the file."""
        where = (target.adr.path, key)
        if where not in self.front_lines:
            document = target.document
            self.front_lines[where] = key_line(document, key) if key in document.metadata else None
        return self.front_lines[where]

    def forget(self, path: Path) -> None:
        """Drop what was kept about one file once its rules have run."""
        for kind in ("review", "outline", "template"):
            self.cache.pop((kind, path), None)

    @property
    def log(self) -> DecisionLog:
        return self.loaded.log

    @cached_property
    def by_number(self) -> dict[int, list[Adr]]:
        grouped: dict[int, list[Adr]] = {}
        for adr in self.log:
            grouped.setdefault(adr.number, []).append(adr)
        return grouped

    def unreadable(self) -> list[AdrError]:
        errors = self.loaded.unreadable
        if self.wanted is None:
            return list(errors)
        wanted = self.wanted
        return [e for e in errors if e.path is not None and Path(e.path) in wanted]


FileCheck: TypeAlias = Callable[[LintContext, Target], Iterable[Hit]]
LogCheck: TypeAlias = Callable[[LintContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    family: str
    severity: Severity
    file_check: FileCheck | None = None
    log_check: LogCheck | None = None

    @property
    def explanation(self) -> str:
        check = self.file_check or self.log_check
        doc = (check.__doc__ or "").strip() if check else ""
        return doc.splitlines()[0] if doc else ""


RULES: dict[str, Rule] = {}


def file_rule(
    code: str, family: str, severity: Severity = "error"
) -> Callable[[FileCheck], FileCheck]:
    """Register a rule that runs once per ADR file."""

    def register(check: FileCheck) -> FileCheck:
        _add(Rule(code, family, severity, file_check=check))
        return check

    return register


def log_rule(
    code: str, family: str, severity: Severity = "error"
) -> Callable[[LogCheck], LogCheck]:
    """Register a rule that runs once on the whole log."""

    def register(check: LogCheck) -> LogCheck:
        _add(Rule(code, family, severity, log_check=check))
        return check

    return register


def _add(rule: Rule) -> None:
    if rule.code in RULES:
        raise ValueError(f"rule code {rule.code} registered twice")
    if rule.family not in FAMILIES or not re.fullmatch(r"ADR\d{3}", rule.code):
        raise ValueError(f"bad rule {rule.code} ({rule.family})")
    RULES[rule.code] = rule


def key_line(document: Document, key: str) -> int:
    """The file line of a front-matter key (the first line of the front matter if absent)."""
    if document.front_matter is None:
        return 1
    first, last = document.front_matter
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:")
    lines = split_lines(document.text)
    for number in range(first + 1, min(last, len(lines) + 1)):
        if pattern.match(lines[number - 1]):
            return number
    return first + 1 if last > first + 1 else first


def title_line(target: Target) -> int:
    """Where to point at a defect of the whole file: its H1, else line 1."""
    return target.adr.title_line or 1


def label(adr: Adr) -> str:
    return f"{adr.number:04d}"


_STATUS_WORD = re.compile(r"^\s*(?:[*-]\s+)?(?:\*\*)?status\b", re.IGNORECASE)
_STATUS_HEADINGS = ("status", "状态", "statut", "estado")


def status_line(target: Target) -> int:
    """Where the status is stated (or belongs): its front-matter key, bullet or section."""
    document = target.document
    body = _body_status(document)
    if "status" in document.metadata or (document.front_matter and not body):
        return key_line(document, "status")
    return body or title_line(target)


def _body_status(document: Document) -> int | None:
    for number, line in document.preamble():
        if _STATUS_WORD.match(line):
            return number
    for heading in document.headings:
        if heading.level == 2 and heading.text.casefold() in _STATUS_HEADINGS:
            return heading.line
    return None
