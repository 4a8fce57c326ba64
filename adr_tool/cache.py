"""What reading and linting each ADR found, kept between runs, so that a hook on every commit
reads only the files that changed (as ruff and mypy keep theirs).

One JSON file per ADR folder, in the repository's git folder (`.git/adr-tool/`), never in the
work tree. A file whose size, inode and change times are those recorded is not read at all;
any other file is read, and its entry is used if the bytes are the same (a `git checkout` that
touched it, or a cache restored into a fresh clone in CI), so parsing and the rules are skipped.
Times vouch for the bytes only for a file that had not changed in the two seconds before it was
recorded: a second change within the clock's resolution could leave the times as they were.
Entries also depend on adr-tool's own code and the settings; anything unreadable or unexpected
in the cache means "not cached", never an error. `ADR_NO_CACHE=1` turns the cache off.
`cache_file`, `read_salted` and `write_salted` serve the history's cache (history.py) too.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .formats import Metadata, Reference

if TYPE_CHECKING:
    from .config import Config

FORMAT = 2  # bump when the layout of an entry changes
MAX_CACHE_BYTES = 256 * 1024 * 1024  # a cache past this is not read (10,000 ADRs: tens of MB)
_SETTLE_NS = 2_000_000_000  # files younger than this are read every time
_PACKAGE = Path(__file__).resolve().parent

StatKey = tuple[int, int, int, int]


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class FileCache:
    """Per-file entries, by path under the folder: [stat key, whether that key can be trusted,
    digest of the bytes, metadata (None: not an ADR), findings digest, findings]."""

    def __init__(self, location: Path | None, salt: str, folder: Path) -> None:
        self.location = location
        self._salt = salt
        self._prefix = str(folder) + os.sep
        self._entries: dict[str, list[Any]] = {}
        self._seen: set[str] = set()  # entries found current in this run
        self._dirty = False
        if location is not None:
            files = read_salted(location, salt).get("files")
            self._entries = files if isinstance(files, dict) else {}

    @classmethod
    def open(cls, config: Config) -> FileCache:
        """The cache of `config`'s ADR folder; a disabled one outside git or with ADR_NO_CACHE."""
        location = cache_file(config.directory, "files")
        salt = f"{FORMAT} {code_digest()} {config.statuses!r}" if location is not None else ""
        return cls(location, salt, config.directory)

    @property
    def enabled(self) -> bool:
        return self.location is not None

    def unchanged(self, path: Path, key: StatKey) -> tuple[Metadata | None] | None:
        """(metadata,) when the file's state is the one recorded, settled: no need to read it."""
        entry = self._entry(path)
        if entry is None or not entry[1] or tuple(entry[0]) != key:
            return None
        return self._current(path, entry)

    def same_bytes(self, path: Path, key: StatKey, data: bytes) -> tuple[Metadata | None] | None:
        """(metadata,) when the file holds the bytes recorded (touched, checked out again, or a
        cache restored into a fresh clone); its new state is recorded."""
        entry = self._entry(path)
        if entry is None or entry[2] != _bytes_digest(data):
            return None
        found = self._current(path, entry)
        if found is not None:
            entry[0], entry[1] = list(key), _settled(key)
            self._dirty = True
        return found

    def record_metadata(self, path: Path, key: StatKey, data: bytes, meta: Metadata | None) -> None:
        if not self.enabled:
            return
        name = self._name(path)
        self._seen.add(name)
        recorded = None if meta is None else _metadata_data(meta)
        self._entries[name] = [list(key), _settled(key), _bytes_digest(data), recorded, None, None]
        self._dirty = True

    def findings(self, path: Path, digest: str) -> Any:
        """The findings recorded for this file under `digest` (of what they depend on)."""
        name = self._name(path)
        entry = self._entries.get(name) if name in self._seen else None  # current entries only
        return entry[5] if entry is not None and entry[4] == digest else None

    def record_findings(self, path: Path, digest: str, findings: Any) -> None:
        name = self._name(path)
        entry = self._entries.get(name) if name in self._seen else None
        if entry is not None:
            entry[4], entry[5] = digest, findings
            self._dirty = True

    def save(self) -> None:
        """Write the entries of the files seen in this run, if anything changed; never fails."""
        if self.location is None:
            return
        stale = self._entries.keys() - self._seen
        if not self._dirty and not stale:
            return
        for name in stale:  # deleted, renamed or changed files
            del self._entries[name]
        write_salted(self.location, self._salt, {"files": self._entries})
        self._dirty = False

    def _entry(self, path: Path) -> list[Any] | None:
        if not self.enabled:
            return None
        entry = self._entries.get(self._name(path))
        if not isinstance(entry, list) or len(entry) != 6 or not isinstance(entry[0], list):
            return None  # damage, of any shape: read the file
        return entry

    def _current(self, path: Path, entry: list[Any]) -> tuple[Metadata | None] | None:
        try:
            found = (None if entry[3] is None else _metadata(entry[3]),)
        except (KeyError, TypeError, ValueError):
            return None
        self._seen.add(self._name(path))
        return found

    def _name(self, path: Path) -> str:
        text = str(path)  # paths under the folder, as `store.adr_files` lists them: no relpath
        return text[len(self._prefix) :] if text.startswith(self._prefix) else text


def _bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _settled(key: StatKey) -> bool:
    """Whether the file's times can vouch for its bytes: not changed in the last two seconds."""
    _, mtime, ctime, _ = key
    return time.time_ns() - max(mtime, ctime) > _SETTLE_NS


def cache_file(directory: Path, kind: str) -> Path | None:
    """Where the cache of `kind` for this ADR folder lives; None outside git or with
    ADR_NO_CACHE set (then nothing is cached)."""
    if os.environ.get("ADR_NO_CACHE", "") not in ("", "0"):
        return None
    git_dir = _git_dir(directory)
    if git_dir is None:
        return None
    name = hashlib.blake2b(str(directory).encode(), digest_size=8).hexdigest()
    return git_dir / "adr-tool" / f"{kind}-{name}.json"


def read_salted(location: Path, salt: str) -> dict[str, Any]:
    """The data of a cache file written with this salt; empty when absent, damaged or stale."""
    data = _read_json(location)
    if not isinstance(data, dict) or data.get("salt") != salt:
        return {}
    return data


def _read_json(location: Path) -> Any:
    """The JSON of a cache file; None when it is absent, damaged, nested too deep, a link, not
    a regular file (a pipe would block, a device never end) or over MAX_CACHE_BYTES."""
    if _linked_folder(location):
        return None
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(location, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return None
            raw = handle.read(MAX_CACHE_BYTES + 1)
        except OSError:
            return None
    if len(raw) > MAX_CACHE_BYTES:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError, MemoryError):  # not JSON, or nested thousands deep
        return None


def _linked_folder(location: Path) -> bool:
    """Whether the cache's folder is a link: then the cache is neither read nor written (it
    could lead anywhere)."""
    return location.parent.is_symlink()


def write_salted(location: Path, salt: str, data: dict[str, Any]) -> None:
    """Replace the cache file in one rename; a cache that cannot be written is no error."""
    if _linked_folder(location):
        return
    with contextlib.suppress(OSError):
        location.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{location.stem}-", dir=location.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"salt": salt, **data}, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, location)
        except OSError:
            os.unlink(temporary)
            raise


def _git_dir(directory: Path) -> Path | None:
    """The git folder of the repository holding `directory` (a worktree's own), if any."""
    for folder in (directory, *directory.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # a worktree or submodule: `gitdir: <path>`
            try:
                text = dot_git.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir:"):
                return (folder / text[len("gitdir:") :].strip()).resolve()
            return None
    return None


@functools.cache
def code_digest() -> str:
    """Changes whenever adr-tool's code or built-in templates change (a new version, an edit)."""
    parts: list[str] = []
    for folder in code_folders():
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".py", ".md")):
                    info = entry.stat()
                    parts.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(sorted(parts)).encode(), digest_size=8).hexdigest()


def code_folders() -> list[str]:
    """The package's folders and the built-in templates', sub-folders included (a rule in a
    sub-package changes findings as much as one at the top)."""
    found: list[str] = []
    for top in (_PACKAGE, _PACKAGE.parent / "templates"):
        for folder, children, _ in os.walk(top):
            children[:] = [name for name in children if name != "__pycache__"]
            found.append(folder)
    return found


def _metadata_data(meta: Metadata) -> dict[str, Any]:
    return {
        "title": meta.title,
        "title_line": meta.title_line,
        "status": meta.status,
        "date": meta.date,
        "tags": meta.tags,
        "decision_makers": meta.decision_makers,
        "references": [
            [r.relation, r.number, r.target, r.line, r.loose] for r in meta.references
        ],
        "review_by": meta.review_by,
        "template": meta.template,
        "format": meta.format,
        "file_links": meta.file_links,
    }


def _metadata(data: Any) -> Metadata:
    """The metadata an entry recorded; a ValueError for any value of another type, so that a
    damaged or hand-made entry is read again from the file instead of believed."""
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    references = data["references"]
    if not isinstance(references, list):
        raise ValueError("references: not a list")
    return Metadata(
        title=_optional(data["title"], str),
        title_line=_line(data["title_line"], optional=True),
        status=_typed(data["status"], str),
        date=_optional(data["date"], str),
        tags=_texts(data["tags"]),
        decision_makers=_texts(data["decision_makers"]),
        references=[_reference(item) for item in references],
        review_by=_optional(data["review_by"], str),
        template=_optional(data["template"], str),
        format=_typed(data["format"], str),
        file_links=[_file_link(item) for item in _typed(data["file_links"], list)],
    )


def _reference(item: Any) -> Reference:
    relation, number, target, line, loose = item  # a ValueError or TypeError if not five
    if number is not None and abs(_typed(number, int)) > 999_999_999:
        raise ValueError("an ADR number of more than nine digits")
    return Reference(
        _typed(relation, str), number, _optional(target, str), _line(line), _flag(loose)
    )


def _file_link(item: Any) -> tuple[int, str]:
    line, target = item  # a ValueError or TypeError if not two
    return (_line(line), _typed(target, str))


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"{type(value).__name__} where bool belongs")


def _typed(value: Any, kind: type[Any]) -> Any:
    if isinstance(value, kind) and not isinstance(value, bool):
        return value
    raise ValueError(f"{type(value).__name__} where {kind.__name__} belongs")


def _optional(value: Any, kind: type[Any]) -> Any:
    return None if value is None else _typed(value, kind)


def _texts(value: Any) -> list[str]:
    return [_typed(item, str) for item in _typed(value, list)]


def _line(value: Any, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if _typed(value, int) < 1:
        raise ValueError("lines count from 1")
    return value
