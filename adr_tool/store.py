"""The ADR folder on disk: list and read its files, and write them without ever losing one.

Writes build the whole text first, go to a temporary file in the same folder and are renamed
into place. A new ADR is created exclusively under a lock on the folder, so that two `adr new`
running at once get two numbers and never overwrite each other.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .cache import FileCache, stat_key
from .dates import written_date_iso
from .document import Document, decode, parse
from .errors import AdrError
from .formats import Metadata, Reference, read_metadata
from .model import Adr, DecisionLog
from .naming import NON_ADR_FOLDERS, NameInfo, file_name, read_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .config import Config

MAX_FILE_BYTES = 5 * 1024 * 1024  # larger files are reported, not read: no ADR is this long


@dataclass
class LoadedLog:
    """The log, each ADR's parsed document (read on demand), the files that could not be read
    at all, and the cache the log was read through."""

    log: DecisionLog
    documents: Documents
    unreadable: list[AdrError] = field(default_factory=list)
    cache: FileCache | None = None


def adr_files(directory: Path) -> list[tuple[Path, NameInfo]]:
    """Every ADR file under `directory` (sub-folders included, `templates/` and dot-folders not)."""
    if not directory.exists():
        raise AdrError(f"the ADR folder {directory} does not exist: run `adr init`")
    if not directory.is_dir():
        raise AdrError(f"the ADR folder {directory} is a file, not a folder")
    found: list[tuple[Path, NameInfo]] = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and name.lower() not in NON_ADR_FOLDERS
        )
        base = Path(folder)
        for name in sorted(names):
            info = read_name(name)
            if info is not None:
                found.append((base / name, info))
    return found


def _read_error(error: OSError, path: Path) -> AdrError:
    """The operating system's error about reading `path`, as one line naming it."""
    if isinstance(error, FileNotFoundError):
        return AdrError("does not exist", path)
    if isinstance(error, PermissionError):
        return AdrError("cannot be read: permission denied", path)
    if isinstance(error, IsADirectoryError):
        return AdrError("is a folder, not a file", path)
    return AdrError(f"cannot be read: {error.strerror}", path)


def file_state(path: Path) -> os.stat_result:
    """The state of an ADR file (through a link), checked to be a readable-sized regular file."""
    try:  # a plain try, not a context manager: this runs once per file of the log
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            info = path.stat()
    except OSError as error:
        raise _read_error(error, path) from None
    if stat.S_ISDIR(info.st_mode):
        raise AdrError("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise AdrError("is not a regular file (a pipe or a device?)", path)
    if info.st_size > MAX_FILE_BYTES:
        raise AdrError(f"is {info.st_size // 1024 // 1024} MB; an ADR over 5 MB is not read", path)
    return info


def read_document(path: Path) -> Document:
    """Read and parse one file; an unreadable file is an AdrError naming it."""
    file_state(path)
    return parse_bytes(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The bytes of an ADR file whose state was checked; errors name the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _read_error(error, path) from None
    if b"\x00" in data[:8192]:
        raise AdrError("is a binary file, not Markdown", path, 1)
    return data


def parse_bytes(data: bytes, path: Path) -> Document:
    document = parse(decode(data, path), path)
    document.bom = data.startswith(b"\xef\xbb\xbf")
    return document


class Documents(Mapping[Path, Document]):
    """The parsed file of each ADR of the log, read on first use: a run that finds everything
    it needs in the cache reads none, and lint lets each go once its rules have run."""

    def __init__(self, statuses: tuple[str, ...]) -> None:
        self._statuses = statuses
        self._known: dict[Path, Document | None] = {}

    def add(self, path: Path, document: Document | None = None) -> None:
        self._known[path] = document

    def release(self, path: Path) -> None:
        """Forget the parsed file (it is read again if asked for)."""
        if path in self._known:
            self._known[path] = None

    def __getitem__(self, path: Path) -> Document:
        document = self._known[path]
        if document is None:
            document = read_document(path)
            read_metadata(document, self._statuses)  # its problems, as on the first read
            self._known[path] = document
        return document

    def __contains__(self, path: object) -> bool:
        return path in self._known

    def __iter__(self) -> Iterator[Path]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


def load_log(config: Config, keep_documents: bool = False) -> LoadedLog:
    """Read every ADR of the configured folder once, or take what the cache recorded of it.

    The parsed files are let go (and read again when asked for) unless `keep_documents`: a
    command that needs every file's text asks to keep them, others need a few at most.
    """
    files = adr_files(config.directory)
    cache = FileCache.open(config)
    documents = Documents(config.statuses)
    unreadable: list[AdrError] = []
    pending: list[tuple[Adr, list[Reference]]] = []
    order: dict[Path, tuple[str, str]] = {}  # date, then name: how unnumbered files are numbered
    index = os.path.normpath(config.index_path)  # paths are compared as text: no resolve()
    for path, info in files:
        if str(path) == index:
            continue  # the generated index is never an ADR, whatever its name
        try:
            key = stat_key(file_state(path))
            document = None
            recorded = cache.unchanged(path, key)
            if recorded is None:
                data = read_bytes(path)
                recorded = cache.same_bytes(path, key, data)
            if recorded is not None:
                (meta,) = recorded
            else:
                document = parse_bytes(data, path)
                meta = read_metadata(document, config.statuses)
                if info.number is None and info.date is None and not (meta.status or meta.date):
                    meta = None  # notes, SOURCE.md and the like: no number, no date, no status
                cache.record_metadata(path, key, data, meta)
        except AdrError as error:
            unreadable.append(error)
            continue
        if meta is None:
            continue
        documents.add(path, document if keep_documents else None)
        pending.append((_adr(path, info, meta), meta.references))
        if info.number is None:
            order[path] = (info.date or written_date_iso(meta.date) or "9999", path.name)
    cache.save()
    _number_unnumbered(pending, order)
    by_path = {os.path.normpath(adr.path): adr.number for adr, _ in pending}
    adrs = [_resolve(adr, refs, by_path) for adr, refs in pending]
    return LoadedLog(DecisionLog(config.directory, adrs), documents, unreadable, cache)


def _adr(path: Path, info: NameInfo, meta: Metadata) -> Adr:
    status = meta.status
    if not status and path.parent.name.lower().lstrip("_") == "superseded":
        status = "superseded"  # logs that mark supersession by moving files (shopware)
    return Adr(
        number=info.number if info.number is not None else 0,
        title=meta.title or info.slug.replace("-", " ").replace("_", " ").strip() or path.stem,
        path=path,
        status=status,
        date=meta.date or info.date,
        tags=tuple(meta.tags),
        decision_makers=tuple(meta.decision_makers),
        review_by=meta.review_by,
        template=meta.template,
        format=meta.format,
        file_links=tuple(meta.file_links),
        number_derived=info.number is None,
        title_line=meta.title_line,
    )


def _number_unnumbered(
    pending: list[tuple[Adr, list[Reference]]], order: dict[Path, tuple[str, str]]
) -> None:
    """Files named by date (log4brains) get numbers after the highest one, in date order."""
    highest = max((adr.number for adr, _ in pending if not adr.number_derived), default=0)
    unnumbered = sorted(
        (i for i, (adr, _) in enumerate(pending) if adr.number_derived),
        key=lambda i: order[pending[i][0].path],
    )
    for offset, index in enumerate(unnumbered, start=1):
        adr, references = pending[index]
        pending[index] = (replace(adr, number=highest + offset), references)


def _resolve(adr: Adr, references: list[Reference], by_path: dict[str, int]) -> Adr:
    if not references:
        return adr  # most ADRs: no copy
    supersedes: list[int] = []
    superseded_by: list[int] = []
    links: list[tuple[str, int]] = []
    broken: list[tuple[str, str, int]] = []
    loose: list[tuple[str, str, int]] = []
    for ref in references:
        number = ref.number
        if number is None and ref.target is not None:
            target = ref.target.split("#", 1)[0]
            if "%" in target:
                target = unquote(target)
            folder = os.path.dirname(adr.path)  # noqa: PTH120 (text: no Path per link)
            where = os.path.normpath(os.path.join(folder, target)) if target else ""
            number = by_path.get(where)
            if number is None:
                (loose if ref.loose else broken).append((ref.relation, ref.target, ref.line))
                continue
        if number is None:
            continue
        bucket = {"supersedes": supersedes, "superseded-by": superseded_by}.get(ref.relation)
        if bucket is not None:
            if number not in bucket:
                bucket.append(number)
        elif (ref.relation, number) not in links:
            links.append((ref.relation, number))
    return replace(
        adr,
        supersedes=tuple(supersedes),
        superseded_by=tuple(superseded_by),
        links=tuple(links),
        broken_refs=tuple(broken),
        loose_refs=tuple(loose),
    )


@contextlib.contextmanager
def folder_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on the ADR folder for the time it takes to claim a number."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: exclusive creation still protects files
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (bytes exactly as given) in one rename; never a half file."""
    if path.is_symlink():
        raise AdrError("is a symbolic link; adr-tool does not write through links", path)
    temporary = _write_temporary(path.parent, text)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as error:
        _discard(temporary)
        raise AdrError(f"cannot be written: {error.strerror}", path) from None


def create_exclusive(path: Path, text: str) -> None:
    """Create `path` whole, failing if it exists: written aside, then hard-linked into place."""
    temporary = _write_temporary(path.parent, text)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise AdrError("already exists; adr-tool never overwrites an ADR", path) from None
    except OSError as error:
        raise AdrError(f"cannot be created: {error.strerror}", path) from None
    finally:
        _discard(temporary)


def create_numbered(config: Config, title: str, text: str, also_taken: Iterable[int] = ()) -> Path:
    """Claim the next free number and write the new ADR there; returns its path."""
    directory = config.directory
    with folder_lock(directory):
        taken = {info.number for _, info in adr_files(directory) if info.number is not None}
        number = max([0, *taken, *also_taken]) + 1
        path = directory / file_name(number, title)
        create_exclusive(path, text)
    return path


def _write_temporary(folder: Path, text: str) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=".adr-", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise AdrError("does not exist", folder) from None
    except PermissionError:
        raise AdrError("is not writable: permission denied", folder) from None
    except OSError as error:
        raise AdrError(f"cannot be written to: {error.strerror}", folder) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        _discard(Path(name))
        raise AdrError(f"cannot be written to: {error.strerror}", folder) from None
    return Path(name)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def other_markdown(log: DecisionLog) -> list[Path]:
    """Markdown files in the ADR folder and below it that are not ADRs (a README, notes), whose
    links follow a renamed ADR; dot-folders and symbolic links are left alone."""
    adrs = {adr.path for adr in log}
    found: list[Path] = []
    for folder, subfolders, names in os.walk(log.directory):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if name.lower().endswith(".md") and path not in adrs and not path.is_symlink():
                found.append(path)
    return found
