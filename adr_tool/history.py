"""Decision history from git: one `git log` pass over the ADR folder (the only git importer).

One process reads every commit that touched the folder, with renames and diffs. From it each
ADR gets its first commit, its last change, its authors, and every status change: which
commit moved it from proposed to accepted, who, and when. Never one git process per file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import status_in_lines

if TYPE_CHECKING:
    from .model import DecisionLog

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = f"{_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%ae"


@dataclass(frozen=True)
class Event:
    """One change to one ADR: created, a new status, a rename, or an edit."""

    date: str  # ISO 8601 author date
    number: int
    title: str
    kind: str  # "proposed", "accepted", "superseded", ..., "created", "edited", "renamed"
    author: str
    commit: str
    detail: str = ""


@dataclass
class FileHistory:
    events: list[Event] = field(default_factory=list)  # newest first

    @property
    def created(self) -> Event | None:
        return self.events[-1] if self.events else None

    @property
    def updated(self) -> Event | None:
        return self.events[0] if self.events else None

    @property
    def authors(self) -> list[str]:
        return sorted({event.author for event in self.events})


@dataclass
class History:
    files: dict[Path, FileHistory] = field(default_factory=dict)  # by absolute current path
    notice: str | None = None  # what the history cannot tell, in one line
    timeline: list[Event] = field(default_factory=list)  # in git's order, newest first

    def of(self, path: Path) -> FileHistory | None:
        return self.files.get(path)  # the log's paths are absolute under the resolved folder

    def events(self) -> list[Event]:
        """Every event of the log, newest first."""
        return sorted(self.timeline, key=lambda e: e.date, reverse=True)  # stable: git's order


@dataclass
class _FileDiff:
    old: str | None
    new: str | None
    old_lines: list[str] = field(default_factory=list)  # context and removed lines
    new_lines: list[str] = field(default_factory=list)  # context and added lines
    changed: bool = False


def read_history(root: Path, log: DecisionLog, statuses: tuple[str, ...]) -> History:
    """The history of every ADR in `log`, from one `git log` in the repository at `root`."""
    if not (root / ".git").exists():
        return History(notice="not a git repository: no history (dates are the files' own)")
    try:
        import git
    except ImportError:
        return History(notice="git is not installed: no history")
    folder = log.directory.resolve().relative_to(root.resolve()).as_posix() or "."
    command = ["git", "-c", "core.quotePath=false", "log", "--no-color", "--no-ext-diff", "-M",
               "-p", "--unified=6", f"--format={_FORMAT}", "--", folder]
    history = _History(root, log, statuses)
    # Read the output as it comes, one commit at a time: at 10,000 ADRs it is tens of MB.
    process = git.Git(str(root)).execute(command, as_process=True)
    record: list[str] = []
    for raw in process.stdout:
        line = raw.decode("utf-8", "replace").removesuffix("\n")
        if line.startswith(_RECORD):
            if record:
                history.add_commit("\n".join(record))
            record = [line[1:]]
        else:
            record.append(line)
    if record:
        history.add_commit("\n".join(record))
    try:
        process.wait()
    except git.GitCommandError as error:
        if "does not have any commits" in str(error.stderr):
            return History(notice="no commits yet: no history")
        return History(notice=f"git log failed: {str(error.stderr).strip()[:200]}")
    result = history.result()
    if (root / ".git" / "shallow").exists():
        result.notice = (
            "shallow clone: commits before the clone's depth are missing, so "
            "created dates and first authors may be too recent"
        )
    return result


class _History:
    """Walks commits newest first, following renames back to each ADR's current path."""

    def __init__(self, root: Path, log: DecisionLog, statuses: tuple[str, ...]) -> None:
        self.root = root.resolve()
        self.statuses = statuses
        prefix = str(self.root) + os.sep  # the log's paths lie under it: no resolve() per ADR
        self.adrs = {
            (str(adr.path)[len(prefix) :] if str(adr.path).startswith(prefix)
             else os.path.relpath(adr.path, self.root)).replace(os.sep, "/"): adr
            for adr in log
        }
        self.alias = {path: path for path in self.adrs}  # path at that commit -> current path
        self.files: dict[str, FileHistory] = {}
        self.timeline: list[Event] = []

    def add_commit(self, record: str) -> None:
        """One commit: its header line (hash, date, author, email), then its diff."""
        header, _, diff = record.partition("\n")
        commit, date, author, _email = [*header.split(_FIELD), "", "", "", ""][:4]
        for file_diff in _split_diff(diff):
            self._add_file(file_diff, commit, date, author)

    def _add_file(self, diff: _FileDiff, commit: str, date: str, author: str) -> None:
        path_then = diff.new or diff.old
        if path_then is None or path_then not in self.alias:
            return  # a file that is gone now, or not an ADR
        current = self.alias[path_then]
        adr = self.adrs[current]
        if diff.old and diff.new and diff.old != diff.new:
            self.alias[diff.old] = current  # older commits name it by its old path
        kind, detail = self._classify(diff)
        event = Event(date, adr.number, adr.title, kind, author, commit, detail)
        self.files.setdefault(current, FileHistory()).events.append(event)
        self.timeline.append(event)

    def _classify(self, diff: _FileDiff) -> tuple[str, str]:
        if diff.old is None:  # a new file: its whole text is in the diff
            return (status_in_lines(diff.new_lines, self.statuses) or "created"), "created"
        new_status = status_in_lines(diff.new_lines, self.statuses)
        old_status = status_in_lines(diff.old_lines, self.statuses)
        if new_status and new_status != old_status:
            return new_status, f"from {old_status}" if old_status else ""
        if diff.old != diff.new and not diff.changed:
            return "renamed", f"from {Path(diff.old or '').name}"
        return "edited", ""

    def result(self) -> History:
        files = {self.root / path: history for path, history in self.files.items()}
        return History(files, timeline=self.timeline)


def _split_diff(diff: str) -> list[_FileDiff]:
    found: list[_FileDiff] = []
    current: _FileDiff | None = None
    in_hunk = False
    for line in diff.split("\n"):
        if line.startswith("diff --git "):
            current = _FileDiff(None, None)
            found.append(current)
            in_hunk = False
            match = re.match(r'^diff --git "?a/(.*?)"? "?b/(.*?)"?$', line)
            if match:
                current.old, current.new = match.group(1), match.group(2)
            continue
        if current is None:
            continue
        if not in_hunk:
            if line.startswith("new file mode"):
                current.old = None
            elif line.startswith("deleted file mode"):
                current.new = None
            elif line.startswith("rename from "):
                current.old = line[len("rename from ") :]
            elif line.startswith("rename to "):
                current.new = line[len("rename to ") :]
            elif line.startswith("@@"):
                in_hunk = True
            continue
        if line.startswith("@@"):
            continue
        if line.startswith("+"):
            current.new_lines.append(line[1:])
            current.changed = True
        elif line.startswith("-"):
            current.old_lines.append(line[1:])
            current.changed = True
        elif line.startswith(" "):
            current.old_lines.append(line[1:])
            current.new_lines.append(line[1:])
    return found
