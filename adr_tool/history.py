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
from typing import TYPE_CHECKING, Any, TypeGuard

from .cache import cache_file, code_digest, read_salted, write_salted
from .formats import status_in_lines

if TYPE_CHECKING:
    from .model import DecisionLog

_FORMAT_VERSION = 1  # of the records kept in the cache
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


# One commit as the history keeps it: hash, author date, author, and each file it changed in
# the folder as [path before, path after, kind, detail] (paths as they were in that commit).
Record = list[Any]


class _GitFailed(Exception):
    """git could not tell the history; the message is the notice to show."""


def read_history(root: Path, log: DecisionLog, statuses: tuple[str, ...]) -> History:
    """The history of every ADR in `log`, from one `git log` in the repository at `root`.

    What `git log` said is kept in the cache by commit: when HEAD has only moved forward
    since, only the new commits are read; when it has not moved, none are.
    """
    if not (root / ".git").exists():
        return History(notice="not a git repository: no history (dates are the files' own)")
    try:
        import git
    except ImportError:
        return History(notice="git is not installed: no history")
    folder = log.directory.resolve().relative_to(root.resolve()).as_posix() or "."
    shallow = (root / ".git" / "shallow").exists()
    try:
        records = _Records(git.Git(str(root)), folder, statuses).read(
            None if shallow else cache_file(log.directory, "history")
        )
    except _GitFailed as failure:
        return History(notice=str(failure))
    history = _History(root, log)
    for record in records:
        history.add(record)
    result = history.result()
    if shallow:
        result.notice = (
            "shallow clone: commits before the clone's depth are missing, so "
            "created dates and first authors may be too recent"
        )
    return result


class _Records:
    """Every commit that touched the folder, newest first: from git, or from the cache."""

    def __init__(self, runner: Any, folder: str, statuses: tuple[str, ...]) -> None:
        self.runner, self.folder, self.statuses = runner, folder, statuses
        self.salt = f"{_FORMAT_VERSION} {code_digest()} {statuses!r} {folder}"

    def read(self, store: Path | None) -> list[Record]:
        head = self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        if head is None:
            raise _GitFailed("no commits yet: no history")
        cached = read_salted(store, self.salt) if store is not None else {}
        old, records = cached.get("head"), cached.get("commits")
        if isinstance(old, str) and _well_formed(records):
            if old == head:
                return records
            if self._only_added(old, head):
                return self._keep(store, head, self._log(f"{old}..{head}") + records)
        return self._keep(store, head, self._log(head))

    def _keep(self, store: Path | None, head: str, records: list[Record]) -> list[Record]:
        if store is not None:
            write_salted(store, self.salt, {"head": head, "commits": records})
        return records

    def _only_added(self, old: str, head: str) -> bool:
        """Whether HEAD descends from `old` by commits that merge nothing: then the history
        is the new commits' on top of the old, exactly as one `git log` would give it."""
        if self._git("merge-base", "--is-ancestor", old, head) is None:
            return False  # rewritten (amend, rebase), another branch, or `old` is gone
        return self._git("rev-list", "--merges", "-n", "1", f"{old}..{head}") == ""

    def _git(self, *args: str) -> str | None:
        """A short git command's output, None when it fails."""
        import git

        try:
            return str(self.runner.execute(["git", *args])).strip()
        except git.GitCommandError:
            return None

    def _log(self, revisions: str) -> list[Record]:
        import git

        command = ["git", "-c", "core.quotePath=false", "log", "--no-color", "--no-ext-diff",
                   "-M", "-p", "--unified=6", f"--format={_FORMAT}", revisions, "--", self.folder]
        # Read the output as it comes, one commit at a time: at 10,000 ADRs it is tens of MB.
        process = self.runner.execute(command, as_process=True)
        records: list[Record] = []
        lines: list[str] = []
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace").removesuffix("\n")
            if line.startswith(_RECORD):
                if lines:
                    records.append(self._record(lines))
                lines = [line[1:]]
            else:
                lines.append(line)
        if lines:
            records.append(self._record(lines))
        try:
            process.wait()
        except git.GitCommandError as error:
            raise _GitFailed(f"git log failed: {str(error.stderr).strip()[:200]}") from None
        return records

    def _record(self, lines: list[str]) -> Record:
        """One commit: its header line (hash, date, author, email), then its diff."""
        commit, date, author, _email = [*lines[0].split(_FIELD), "", "", "", ""][:4]
        changes = [
            [diff.old, diff.new, *_classify(diff, self.statuses)]
            for diff in _split_diff("\n".join(lines[1:]))
        ]
        return [commit, date, author, changes]


def _well_formed(records: object) -> TypeGuard[list[Record]]:
    """Whether cached records have the shape `_Records._record` gives them."""
    if not isinstance(records, list):
        return False
    for record in records:
        if not (isinstance(record, list) and len(record) == 4 and isinstance(record[3], list)):
            return False
        if not all(isinstance(part, str) for part in record[:3]):
            return False
        for change in record[3]:
            if not (isinstance(change, list) and len(change) == 4):
                return False
            if not all(isinstance(part, str | None) for part in change[:2]):
                return False
            if not all(isinstance(part, str) for part in change[2:]):
                return False
    return True


def _classify(diff: _FileDiff, statuses: tuple[str, ...]) -> tuple[str, str]:
    if diff.old is None:  # a new file: its whole text is in the diff
        return (status_in_lines(diff.new_lines, statuses) or "created"), "created"
    new_status = status_in_lines(diff.new_lines, statuses)
    old_status = status_in_lines(diff.old_lines, statuses)
    if new_status and new_status != old_status:
        return new_status, f"from {old_status}" if old_status else ""
    if diff.old != diff.new and not diff.changed:
        return "renamed", f"from {Path(diff.old or '').name}"
    return "edited", ""


class _History:
    """Walks commits newest first, following renames back to each ADR's current path."""

    def __init__(self, root: Path, log: DecisionLog) -> None:
        self.root = root.resolve()
        prefix = str(self.root) + os.sep  # the log's paths lie under it: no resolve() per ADR
        self.adrs = {
            (str(adr.path)[len(prefix) :] if str(adr.path).startswith(prefix)
             else os.path.relpath(adr.path, self.root)).replace(os.sep, "/"): adr
            for adr in log
        }
        self.alias = {path: path for path in self.adrs}  # path at that commit -> current path
        self.files: dict[str, FileHistory] = {}
        self.timeline: list[Event] = []

    def add(self, record: Record) -> None:
        commit, date, author, changes = record
        for old, new, kind, detail in changes:
            path_then = new or old
            if path_then is None or path_then not in self.alias:
                continue  # a file that is gone now, or not an ADR
            current = self.alias[path_then]
            adr = self.adrs[current]
            if old and new and old != new:
                self.alias[old] = current  # older commits name it by its old path
            event = Event(date, adr.number, adr.title, kind, author, commit, detail)
            self.files.setdefault(current, FileHistory()).events.append(event)
            self.timeline.append(event)

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
