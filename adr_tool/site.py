"""`adr site`: the decision log as a static website that needs no network to view.

The layout of the output folder:

    index.html  timeline.html  graph.html      the index (filters, search), timeline, graph
    adr/NNNN-slug.html                         one page per ADR
    assets/site.css  site.js  search-index.js  style, behaviour, the prebuilt search index
    assets/icon.svg                            the page icon
    media/...                                  images the ADRs show, copied from the project
    .adr-site                                  marks the folder as ours

A build writes only the files whose bytes changed and removes pages of ADRs that are gone, so
a rebuild after editing one ADR rewrites little. The folder must be new, empty, or a site
built before: `adr site` never writes into a folder it did not make. Nothing in the folder is
believed: the renders of the last build are kept in `.git/adr-tool` (site_cache.py), and links
inside the folder are replaced, never followed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import stat
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from . import markdown, site_media
from .cache import cache_file
from .errors import AdrError, UsageError
from .site_cache import RenderCache
from .site_data import SiteData, page_names
from .site_graph import graph_page
from .site_pages import adr_page, index_page, timeline_page
from .store import new_file_mode

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from pathlib import Path

    from .config import Config
    from .history import History
    from .model import Adr
    from .store import LoadedLog

MARKER = ".adr-site"
MARKER_TEXT = b"adr site: this folder is a site written by `adr site`, which rewrites it\n"
OWN_FOLDERS = ("adr", "assets", "media")
ASSETS = ("site.css", "site.js", "icon.svg")
_MARKUP = str.maketrans(dict.fromkeys("`*_#>|[]()!~-", " "))  # and "<!--": not words


@dataclass(frozen=True)
class BuildResult:
    pages: int  # ADR pages
    written: int  # files whose bytes changed
    unchanged: int
    removed: int
    skipped: tuple[AdrError, ...] = ()  # images left out of the site, each with its reason


def build(loaded: LoadedLog, config: Config, history: History, out: Path) -> BuildResult:
    """Write the site for `loaded` into `out`; only changed files are rewritten.

    One ADR at a time: its document is read, rendered, written and let go; the search index is
    streamed to disk as it grows, never held whole. The marker goes first, so that a build
    that fails half-way (a full disk) leaves a folder the next build takes up again."""
    with _Writer(_prepare(out, config)) as writer:
        writer.data(MARKER, MARKER_TEXT)
        data = SiteData(loaded.log, config, history, page_names(loaded.log))
        media: dict[Path, str] = {}
        with (
            writer.stream("assets/search-index.js") as search,
            RenderCache(cache_file(config.directory, "renders"), data) as cache,
        ):
            search(b"window.ADR_SEARCH = [")
            for count, adr in enumerate(loaded.log):
                document = loaded.documents[adr.path]
                h1 = document.h1.line - document.body_start if document.h1 else None
                body = _body(document.body_lines, h1)
                loaded.documents.release(adr.path)  # all held at once, they are the whole log
                html, used = cache.render(adr, body)
                media.update(used)
                writer.text(f"adr/{data.pages[adr.path]}", adr_page(data, adr, html))
                search(b"," * (count > 0) + _search_entry(adr, body))
            search(b"];\n")
        writer.pieces("index.html", index_page(data))
        writer.pieces("timeline.html", timeline_page(data))
        writer.text("graph.html", graph_page(data))
        for name in ASSETS:
            asset = resources.files("adr_tool").joinpath("site_assets", name)
            writer.text(f"assets/{name}", asset.read_text(encoding="utf-8"))
        skipped: list[AdrError] = []
        for source, target in sorted(media.items()):
            try:
                content = _media(source)
            except AdrError as error:  # one image: left out, said in one line
                skipped.append(error)
                continue
            writer.data(target, content)
        removed = writer.prune()
        return BuildResult(len(loaded.log), writer.written, writer.unchanged, removed,
                           tuple(skipped))


def _media(source: Path) -> bytes:
    """The bytes an image is published with: as they are, or an SVG made inert."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise AdrError(f"cannot be copied into the site: {error.strerror}", source) from None
    return site_media.clean_svg(data, source) if source.suffix.lower() == ".svg" else data


def _body(lines: list[str], h1_index: int | None) -> str:
    """The body without its H1 (the page shows the title) and, for setext, its underline."""
    if h1_index is None or not 0 <= h1_index < len(lines):
        return "\n".join(lines) + "\n"
    drop = 1
    following = lines[h1_index + 1] if h1_index + 1 < len(lines) else ""
    if following.strip() and set(following.strip()) == {"="}:
        drop = 2
    return "\n".join(lines[:h1_index] + lines[h1_index + drop :]) + "\n"


def _search_entry(adr: Adr, body: str) -> bytes:
    """Status, tags, and each distinct word of the number, title, tags and text, lower case
    (the search matches each typed word inside these words, so repeats add nothing)."""
    text = f"{adr.number:04d} {adr.number} {adr.title} {' '.join(adr.tags)} "
    text += markdown.strip_comments(body).replace("<!--", " ").translate(_MARKUP)
    words = " ".join(dict.fromkeys(text.casefold().split()))
    entry = {"s": adr.status or "no status", "g": list(adr.tags), "x": words}
    return json.dumps(entry, separators=(",", ":")).replace("<", "\\u003c").encode()


def _prepare(out: Path, config: Config) -> Path:
    """`out`, made if missing; an error when it holds files that are not a site of ours."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise UsageError("is a file; give a folder for the site", out)
    if out == config.directory.resolve() or out in config.directory.resolve().parents:
        raise UsageError("holds the ADR folder; write the site to a folder of its own", out)
    if out.is_dir() and any(out.iterdir()) and not _is_marker(out / MARKER):
        raise UsageError(
            "is not empty and was not written by `adr site`; give a new or empty folder", out
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AdrError(f"cannot be created: {error.strerror}", out) from None
    return out


def _is_marker(path: Path) -> bool:
    """Whether `path` is our marker: a regular file, not a link to one."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


class _Writer:
    """Writes files under one folder when their bytes change, and remembers what it wrote.

    Whoever can write the site folder (a shared web root, a CI cache restored between jobs)
    must not steer the build: every step goes through a handle of the folder it acts in, opened
    without following links, so a link found inside the site is removed and replaced, never
    written through, and the prune never descends into one. A failed write leaves no file."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.kept: set[str] = set()
        self.written = 0
        self.unchanged = 0
        with _write_errors(out):
            self._folders = {"": os.open(out, _FOLDER)}

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self._folders.values():
            os.close(fd)

    def text(self, relative: str, content: str) -> None:
        self.data(relative, content.encode("utf-8"))

    def pieces(self, relative: str, pieces: Iterable[str]) -> None:
        """Write a large file as it is produced, a piece at a time."""
        with self.stream(relative) as write:
            for piece in pieces:
                write(piece.encode("utf-8"))

    def data(self, relative: str, data: bytes) -> None:
        """Write `relative` unless it already holds exactly `data`."""
        folder, name = self._place(relative)
        with _write_errors(self.out / relative):
            if _holds(self._folder(folder), name, data):
                self.unchanged += 1
                return
        with self.stream(relative) as write:
            write(data)

    @contextlib.contextmanager
    def stream(self, relative: str) -> Iterator[Callable[[bytes], object]]:
        """A file written as it is produced (the block calls `write(data)`): into a temporary
        file beside it, which replaces `relative` at the end if its bytes differ, or is dropped."""
        folder, name = self._place(relative)
        path = self.out / relative
        with _write_errors(path):
            where = self._folder(folder)
            temporary, fd = _temporary(where)
        try:
            with _write_errors(path), os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), new_file_mode())

                def write(data: bytes) -> None:
                    with _write_errors(path):
                        handle.write(data)

                yield write
            with _write_errors(path):
                if _same(where, temporary, name):
                    self.unchanged += 1
                    return
                os.replace(temporary, name, src_dir_fd=where, dst_dir_fd=where)
                self.written += 1
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=where)

    def _place(self, relative: str) -> tuple[str, str]:
        """(folder, name) of a path the build writes, checked to stay inside the site."""
        parts = relative.split("/")
        if relative.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise AdrError("is not a path inside the site; nothing was written there", relative)
        self.kept.add(relative)
        return "/".join(parts[:-1]), parts[-1]

    def _folder(self, relative: str) -> int:
        """A handle of the site's folder `relative`, made if missing; a link in its place is
        removed (never followed) and a real folder made."""
        if relative in self._folders:
            return self._folders[relative]
        parent_name, _, name = relative.rpartition("/")
        parent = self._folder(parent_name)
        try:
            fd = os.open(name, _FOLDER, dir_fd=parent)
        except FileNotFoundError:
            os.mkdir(name, dir_fd=parent)
            fd = os.open(name, _FOLDER, dir_fd=parent)
        except NotADirectoryError:
            if not stat.S_ISLNK(os.lstat(name, dir_fd=parent).st_mode):
                raise
            os.unlink(name, dir_fd=parent)
            os.mkdir(name, dir_fd=parent)
            fd = os.open(name, _FOLDER, dir_fd=parent)
        self._folders[relative] = fd
        return fd

    def prune(self) -> int:
        """Remove what this build did not write under our own folders (links as links, never
        followed), and temporary files a killed build left at the top."""
        root = self._folders[""]
        removed = 0
        for entry in _entries(root):
            if entry.name in OWN_FOLDERS or _TEMPORARY.fullmatch(entry.name):
                removed += self._prune(root, entry, entry.name)
        return removed

    def _prune(self, parent: int, entry: os.DirEntry[str], relative: str) -> int:
        if not entry.is_dir(follow_symlinks=False):
            if relative in self.kept:
                return 0
            with _write_errors(self.out / relative):
                os.unlink(entry.name, dir_fd=parent)
            return 1
        with _write_errors(self.out / relative):
            fd = os.open(entry.name, _FOLDER, dir_fd=parent)
        try:
            removed = sum(self._prune(fd, inner, f"{relative}/{inner.name}")
                          for inner in _entries(fd))
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):  # only an empty folder goes
            os.rmdir(entry.name, dir_fd=parent)
        return removed


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # a pipe put in the site never blocks us
_TEMPORARY = re.compile(r"\.adr-[a-z0-9_]+\.tmp")


def _entries(folder: int) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return list(entries)


def _temporary(folder: int) -> tuple[str, int]:
    """A new temporary file in `folder`: (its name, an open handle)."""
    while True:
        name = f".adr-{secrets.token_hex(6)}.tmp"
        try:
            return name, os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                 0o644, dir_fd=folder)
        except FileExistsError:
            continue


def _holds(folder: int, name: str, data: bytes) -> bool:
    """Whether `name` is a regular file (not a link) holding exactly `data`."""
    try:
        fd = os.open(name, _FILE, dir_fd=folder)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and (
            handle.read() == data)


def _same(folder: int, temporary: str, name: str) -> bool:
    """Whether `name` is a regular file (not a link) with the bytes of `temporary`."""
    try:
        fd = os.open(name, _FILE, dir_fd=folder)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as old, open(temporary, "rb", opener=_opener(folder)) as new:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != os.fstat(new.fileno()).st_size:
            return False
        while chunk := new.read(1 << 20):
            if old.read(len(chunk)) != chunk:
                return False
        return True


def _opener(folder: int) -> Callable[[str, int], int]:
    return lambda name, flags: os.open(name, flags | os.O_NOFOLLOW, dir_fd=folder)


@contextlib.contextmanager
def _write_errors(path: Path | str) -> Iterator[None]:
    """An OSError in the block as the one-line error that `path` cannot be written."""
    try:
        yield
    except OSError as error:
        raise AdrError(f"cannot be written: {error.strerror}", path) from None


def clear(out: Path) -> None:
    """Remove a site folder made for `--serve` alone."""
    shutil.rmtree(out, ignore_errors=True)
