"""`adr site`: the decision log as a static website that needs no network to view.

The layout of the output folder:

    index.html  timeline.html  graph.html      the index (filters, search), timeline, graph
    adr/NNNN-slug.html                         one page per ADR
    assets/site.css  site.js  search-index.js  style, behaviour, the prebuilt search index
    assets/icon.svg                            the page icon
    media/...                                  images the ADRs show, copied from the project
    .adr-site                                  marks the folder as ours; keeps renders

A build writes only the files whose bytes changed and removes pages of ADRs that are gone, so
a rebuild after editing one ADR rewrites little. The folder must be new, empty, or a site
built before: `adr site` never writes into a folder it did not make.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from . import markdown
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
OWN_FOLDERS = ("adr", "assets", "media")
ASSETS = ("site.css", "site.js", "icon.svg")
_MARKUP = str.maketrans(dict.fromkeys("`*_#>|[]()!~-", " "))  # and "<!--": not words


@dataclass(frozen=True)
class BuildResult:
    pages: int  # ADR pages
    written: int  # files whose bytes changed
    unchanged: int
    removed: int


def build(loaded: LoadedLog, config: Config, history: History, out: Path) -> BuildResult:
    """Write the site for `loaded` into `out`; only changed files are rewritten.

    One ADR at a time: its document is read, rendered, written and let go; the render cache
    and the search index are streamed to disk as they grow, never held whole."""
    writer = _Writer(_prepare(out, config))
    data = SiteData(loaded.log, config, history, page_names(loaded.log))
    media: dict[Path, str] = {}
    with (
        writer.stream(MARKER) as renders,
        writer.stream("assets/search-index.js") as search,
        RenderCache(writer.out / MARKER, data, renders) as cache,
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
    for source, target in sorted(media.items()):
        writer.copy(source, target)
    removed = writer.prune()
    return BuildResult(len(loaded.log), writer.written, writer.unchanged, removed)


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
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            "is not empty and was not written by `adr site`; give a new or empty folder", out
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AdrError(f"cannot be created: {error.strerror}", out) from None
    return out


class _Writer:
    """Writes files under one folder when their bytes change, and remembers what it wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.kept: set[Path] = set()
        self.written = 0
        self.unchanged = 0

    def text(self, relative: str, content: str) -> None:
        self._bytes(self.out / relative, content.encode("utf-8"))

    def pieces(self, relative: str, pieces: Iterable[str]) -> None:
        """Write a large file as it is produced, a piece at a time."""
        with self.stream(relative) as write:
            for piece in pieces:
                write(piece.encode("utf-8"))

    def copy(self, source: Path, relative: str) -> None:
        try:
            data = source.read_bytes()
        except OSError as error:
            raise AdrError(f"cannot be copied into the site: {error.strerror}", source) from None
        self._bytes(self.out / relative, data)

    @contextlib.contextmanager
    def stream(self, relative: str) -> Iterator[Callable[[bytes], object]]:
        """A file written as it is produced (the block calls `write(data)`): into a temporary
        file, which replaces `relative` at the end if its bytes differ, or is dropped."""
        path = self.out / relative
        self.kept.add(path)
        with _write_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".adr-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:

                def write(data: bytes) -> None:
                    with _write_errors(path):
                        handle.write(data)

                yield write
                with _write_errors(path):
                    handle.flush()
            with _write_errors(path):
                if path.is_file() and filecmp.cmp(name, path, shallow=False):
                    self.unchanged += 1
                    return
                os.chmod(name, new_file_mode())
                os.replace(name, path)
                self.written += 1
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)

    def _bytes(self, path: Path, data: bytes) -> None:
        self.kept.add(path)
        try:
            if path.read_bytes() == data:
                self.unchanged += 1
                return
        except OSError:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".adr-", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(name, new_file_mode())
            os.replace(name, path)
        except OSError as error:
            raise AdrError(f"cannot be written: {error.strerror}", path) from None
        self.written += 1

    def prune(self) -> int:
        """Remove files under our own folders that this build did not write."""
        removed = 0
        for folder in OWN_FOLDERS:
            for path in sorted((self.out / folder).rglob("*"), reverse=True):
                if path.is_dir() and not path.is_symlink():
                    if not any(path.iterdir()):
                        path.rmdir()
                elif path not in self.kept:
                    path.unlink()
                    removed += 1
        return removed


@contextlib.contextmanager
def _write_errors(path: Path) -> Iterator[None]:
    """An OSError in the block as the one-line error that `path` cannot be written."""
    try:
        yield
    except OSError as error:
        raise AdrError(f"cannot be written: {error.strerror}", path) from None


def clear(out: Path) -> None:
    """Remove a site folder made for `--serve` alone."""
    shutil.rmtree(out, ignore_errors=True)
