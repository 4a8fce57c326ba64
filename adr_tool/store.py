"""The ADR folder on disk: list and read its files, and write them without ever losing one.

Writes build the whole text first, go to a temporary file in the same folder and are renamed
into place. A new ADR is created exclusively under a lock on the folder, so that two `adr new`
running at once get two numbers and never overwrite each other.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .boundary import OUTSIDE, leads_outside
from .cache import FileCache, stat_key
from .config import repository_root
from .dates import written_date_iso
from .document import Document, decode, parse
from .errors import AdrError
from .formats import Metadata, Reference, read_metadata
from .model import Adr, DecisionLog, record_of
from .naming import (
    NON_ADR_FOLDERS,
    OTHER_MARKUPS,
    NameInfo,
    check_number,
    file_name,
    other_markup,
    read_name,
    read_stem,
    record_file,
    suffix_of,
)

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
    unread: list[Unread] = field(default_factory=list)  # decisions in other markups, named

    def not_read_summary(self) -> str:
        """"12 files not read (reStructuredText): see adr lint", or "" when all were read."""
        kinds = Counter(unread.markup for unread in self.unread)
        if not kinds:
            return ""
        total = sum(kinds.values())
        noun = "file" if total == 1 else "files"
        if len(kinds) == 1:
            described = next(iter(kinds))
        else:
            described = ", ".join(f"{count} {markup}" for markup, count in sorted(kinds.items()))
        return f"{total} {noun} not read ({described}): see adr lint"

    def taken_numbers(self) -> set[int]:
        """Every number in use: the log's (derived ones too), and every file's or folder's in
        the ADR folder, whatever its markup and whether it could be read or not."""
        return self.log.numbers() | taken_numbers(self.log.directory)


@dataclass(frozen=True)
class Unread:
    """A decision adr-tool does not read (written in another markup), named instead."""

    path: Path
    markup: str  # "reStructuredText"
    info: NameInfo

    @property
    def message(self) -> str:
        return (
            f"not read: {self.markup}, and adr-tool reads Markdown (.md, .mdx) only; "
            "convert it to Markdown (pandoc -t gfm), or move it out of the ADR folder"
        )


@dataclass
class FolderScan:
    """Every file of the ADR folder that is or may be a decision: the Markdown files (a folder
    record's README.md among them) with what their names say, and those in other markups."""

    files: list[tuple[Path, NameInfo]]
    unread: list[Unread]
    links: list[Path] = field(default_factory=list)  # links to folders: never followed

    def numbers(self) -> set[int]:
        """Every number a file or folder of the ADR folder uses, whatever its markup."""
        found = {info.number for _, info in self.files if info.number is not None}
        return found | {u.info.number for u in self.unread if u.info.number is not None}


def adr_files(directory: Path) -> list[tuple[Path, NameInfo]]:
    """Every ADR file under `directory` (sub-folders included, `templates/` and dot-folders not)."""
    return scan_folder(directory).files


def scan_folder(directory: Path) -> FolderScan:
    """Walk the ADR folder once: its Markdown files, its folder records, what is not read, and
    the links to folders (`templates/` too), which are not followed."""
    if not directory.exists():
        raise AdrError(f"the ADR folder {directory} does not exist: run `adr init`")
    if not directory.is_dir():
        raise AdrError(f"the ADR folder {directory} is a file, not a folder")
    scan = FolderScan([], [])
    for folder, subfolders, names in os.walk(directory):
        base = Path(folder)
        scan.links.extend(base / name for name in subfolders  # `templates/` too: read from there
                          if not name.startswith(".") and (base / name).is_symlink())
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and name.lower() not in NON_ADR_FOLDERS
        )
        record = record_file(names) if base != directory else None
        for name in sorted(names):
            if name == record:
                _add_record(scan, base, name)
                continue
            info = read_name(name)
            if info is not None:
                scan.files.append((base / name, info))
                continue
            unread = other_markup(name)
            if unread is not None:
                scan.unread.append(Unread(base / name, *unread))
    return scan


def _add_record(scan: FolderScan, folder: Path, name: str) -> None:
    """A folder record: its id comes from the folder's name, its text from its one document."""
    info = read_stem(folder.name)
    if info is None:
        return  # a folder named like a template
    markup = OTHER_MARKUPS.get(suffix_of(name))
    if markup is None:
        scan.files.append((folder / name, info))
    elif info.number is not None or info.date is not None:
        scan.unread.append(Unread(folder / name, markup, info))


def _read_error(error: OSError, path: Path) -> AdrError:
    """The operating system's error about reading `path`, as one line naming it."""
    if isinstance(error, FileNotFoundError):
        return AdrError("does not exist", path)
    if isinstance(error, PermissionError):
        return AdrError("cannot be read: permission denied", path)
    if isinstance(error, IsADirectoryError):
        return AdrError("is a folder, not a file", path)
    return AdrError(f"cannot be read: {error.strerror}", path)


def file_state(path: Path, root: Path) -> os.stat_result:
    """The state of an ADR file (through a link that stays inside the repository `root`),
    checked to be a readable-sized regular file."""
    try:  # a plain try, not a context manager: this runs once per file of the log
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            if leads_outside(path, root):
                raise AdrError(OUTSIDE, path)
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


def read_document(path: Path, root: Path) -> Document:
    """Read and parse one file (`root`: the repository, see boundary.py); an unreadable file
    is an AdrError naming it."""
    file_state(path, root)
    return parse_bytes(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The bytes of an ADR file whose state was checked; errors name the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _read_error(error, path) from None
    if b"\x00" in data:  # anywhere: text after 8 KB would otherwise carry it into the index
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AdrError("is a binary file, not Markdown (it holds a NUL byte)", path, line)
    return data


def parse_bytes(data: bytes, path: Path) -> Document:
    document = parse(decode(data, path), path)
    document.bom = data.startswith(b"\xef\xbb\xbf")
    return document


class Documents(Mapping[Path, Document]):
    """The parsed file of each ADR of the log, read on first use: a run that finds everything
    it needs in the cache reads none, and lint lets each go once its rules have run."""

    def __init__(self, statuses: tuple[str, ...], root: Path) -> None:
        self._statuses = statuses
        self._root = root
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
            document = read_document(path, self._root)
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
    scan = scan_folder(config.directory)
    root = repository_root(config)
    cache = FileCache.open(config)
    documents = Documents(config.statuses, root)
    links = [*scan.links, *([config.index_path] if config.index_path.is_symlink() else [])]
    unreadable = [AdrError(OUTSIDE, link) for link in links if leads_outside(link, root)]
    pending: list[tuple[Adr, list[Reference]]] = []
    order: dict[Path, tuple[str, str]] = {}  # date, then name: how unnumbered files are numbered
    index = os.path.normpath(config.index_path)  # paths are compared as text: no resolve()
    for path, info in scan.files:
        if str(path) == index and (leads_outside(path, root) or _is_index(path)):
            continue  # the generated index is never an ADR, whatever its name
        try:
            key = stat_key(file_state(path, root))
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
            name = record_of(path).name
            order[path] = (info.date or written_date_iso(meta.date) or "9999", name)
    cache.save()
    _number_unnumbered(pending, order, scan.numbers())
    by_path = {os.path.normpath(adr.path): adr.number for adr, _ in pending}
    by_path |= {  # a link to the folder of a folder record leads to it too
        os.path.normpath(adr.record): adr.number for adr, _ in pending if adr.in_folder
    }
    adrs = [_resolve(adr, refs, by_path) for adr, refs in pending]
    log = DecisionLog(config.directory, adrs)
    return LoadedLog(log, documents, unreadable, cache, scan.unread)


def _is_index(path: Path) -> bool:
    """Whether the file at the configured index path is an index (ours, or with a region):
    any other file there, such as an ADR, is read as what it is."""
    from .index import has_region, is_ours

    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    return is_ours(text) or has_region(text)


def _adr(path: Path, info: NameInfo, meta: Metadata) -> Adr:
    status = meta.status
    record = record_of(path)
    if not status and record.parent.name.lower().lstrip("_") == "superseded":
        status = "superseded"  # logs that mark supersession by moving files (shopware)
    return Adr(
        number=info.number if info.number is not None else 0,
        title=meta.title or info.slug.replace("-", " ").replace("_", " ").strip() or record.stem,
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
    pending: list[tuple[Adr, list[Reference]]],
    order: dict[Path, tuple[str, str]],
    taken: set[int],
) -> None:
    """Files and folder records named by date (log4brains) get numbers after the highest one
    any file or folder uses, in order of date, then name."""
    highest = max(taken, default=0)
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


LOCK_TIMEOUT_SECONDS = 30.0  # how long a writer waits for another; $ADR_LOCK_TIMEOUT overrides
STALE_SECONDS = 60  # a temporary file this old belongs to a writer that was killed
_TEMPORARY_PREFIX, _TEMPORARY_SUFFIX = ".adr-", ".tmp"
_held: dict[str, int] = {}  # folders this process holds the lock on, and how many times


@contextlib.contextmanager
def folder_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on the ADR folder for a whole read-modify-write.

    Every command that writes takes it before it reads the log, so no two writers decide on
    the same state. Re-entrant within a process. A writer waits at most LOCK_TIMEOUT_SECONDS
    for another, then stops with one line. On the first acquisition it removes temporary
    files left by writers that were killed.
    """
    key = str(directory.resolve())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = _lock(directory)
    _held[key] = 1
    try:
        remove_stale_temporaries(directory)
        yield
    finally:
        del _held[key]
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


def _lock(directory: Path) -> int | None:
    """The folder's descriptor, locked; None where the system has no folder locks."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: exclusive creation still protects files
        return None
    try:
        fd = os.open(directory, os.O_RDONLY)
    except FileNotFoundError:
        raise AdrError(f"the ADR folder {directory} does not exist: run `adr init`") from None
    except OSError as error:
        raise AdrError(f"cannot be locked for writing: {error.strerror}", directory) from None
    timeout = _lock_timeout()
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise AdrError(
                    f"another adr command has been writing here for over {timeout:g} s; "
                    "run this again when it has finished (or raise $ADR_LOCK_TIMEOUT)",
                    directory,
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        except OSError:  # a file system without locks (some network mounts): go unlocked
            return fd


def _lock_timeout() -> float:
    text = os.environ.get("ADR_LOCK_TIMEOUT", "")
    try:
        value = float(text) if text else LOCK_TIMEOUT_SECONDS
    except ValueError:
        raise AdrError(f"$ADR_LOCK_TIMEOUT {text!r} is not a number of seconds") from None
    return max(value, 0.0)


def remove_stale_temporaries(directory: Path, recursive: bool = True) -> None:
    """Delete our own temporary files (`.adr-*.tmp`) older than a minute in `directory` (and
    its sub-folders): a writer killed between writing one and renaming it leaves it behind."""
    oldest = time.time() - STALE_SECONDS
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = [name for name in subfolders if recursive and not name.startswith(".")]
        for name in names:
            if name.startswith(_TEMPORARY_PREFIX) and name.endswith(_TEMPORARY_SUFFIX):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    info = os.lstat(path)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < oldest:
                        os.unlink(path)


def new_file_mode() -> int:
    """The mode a new file gets: read and write for all, less the umask (as `touch` does)."""
    mask = os.umask(0o022)  # the only way to read the umask is to set it
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (bytes exactly as given) in one rename; never a half file.

    A file that exists keeps its mode; a new one gets the umask's.
    """
    if path.is_symlink():
        raise AdrError("is a symbolic link; adr-tool does not write through links", path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    except OSError as error:
        raise AdrError(f"cannot be written: {error.strerror}", path) from None
    temporary = _write_temporary(path.parent, text, mode)
    try:
        os.replace(temporary, path)
    except OSError as error:
        _discard(temporary)
        raise AdrError(f"cannot be written: {error.strerror}", path) from None


def create_exclusive(path: Path, text: str) -> None:
    """Create `path` whole, failing if it exists: written aside, then moved into place."""
    temporary = _write_temporary(path.parent, text, new_file_mode())
    try:
        _move(temporary, path)
    except FileExistsError:
        raise AdrError("already exists; adr-tool never overwrites an ADR", path) from None
    except OSError as error:
        raise AdrError(f"cannot be created: {error.strerror}", path) from None
    finally:
        _discard(temporary)


def move_exclusive(source: Path, target: Path) -> None:
    """Rename `source` to `target`, refusing when `target` exists: never replaces a file."""
    try:
        if source.name.lower() == target.name.lower() and _same_file(source, target):
            source.rename(target)  # a change of case on a case-insensitive file system
        else:
            _move(source, target)
    except FileExistsError:
        raise AdrError(
            f"cannot be renamed to {target.name}: that name is taken; nothing was replaced",
            source,
        ) from None
    except OSError as error:
        raise AdrError(f"cannot be renamed to {target.name}: {error.strerror}", source) from None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def _move(source: Path, target: Path) -> None:
    """Move `source` to `target`; FileExistsError if `target` exists, which is never replaced.

    A hard link cannot replace anything, so the file is linked under its new name and the old
    name removed. A folder (a folder record) is claimed by creating it, then renamed over that
    empty claim. Where hard links are refused (file systems without them, protected links
    to another user's file), the new name is first claimed by creating it exclusively, and
    only that empty claim is renamed over.
    """
    if stat.S_ISDIR(os.lstat(source).st_mode):  # a folder record: claim the name, then move
        target.mkdir(0o700)  # FileExistsError when taken; only an empty folder is renamed over
        try:
            source.rename(target)
        except OSError:
            with contextlib.suppress(OSError):
                target.rmdir()  # our own empty claim
            raise
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            os.replace(source, target)
        except OSError:
            _discard(target)  # our own empty claim
            raise
        return
    try:
        os.unlink(source)
    except OSError:
        _discard(target)  # the second name we just made: the file stays where it was
        raise


def taken_numbers(directory: Path) -> set[int]:
    """Every number a file or folder in the ADR folder carries, whatever its markup and whether
    it can be read or not."""
    return scan_folder(directory).numbers()


def create_numbered(config: Config, title: str, text: str, also_taken: Iterable[int] = ()) -> Path:
    """Claim the next free number and write the new ADR there; returns its path."""
    directory = config.directory
    with folder_lock(directory):
        number = next_free_number(taken_numbers(directory), also_taken)
        path = directory / file_name(number, title)
        create_exclusive(path, text)
    return path


def next_free_number(*taken: Iterable[int]) -> int:
    """The highest number taken plus one; an error past the largest a file name can carry."""
    highest = max((number for numbers in taken for number in numbers), default=0)
    return check_number(highest + 1)


def _write_temporary(folder: Path, text: str, mode: int) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=_TEMPORARY_PREFIX, suffix=_TEMPORARY_SUFFIX, dir=folder)
    except FileNotFoundError:
        raise AdrError("does not exist", folder) from None
    except PermissionError:
        raise AdrError("is not writable: permission denied", folder) from None
    except OSError as error:
        raise AdrError(f"cannot be written to: {error.strerror}", folder) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                os.fchmod(handle.fileno(), mode)
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
