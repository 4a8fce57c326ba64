"""The render cache of `adr site`: each ADR body's HTML from the last build, so that a rebuild
renders only the ADRs whose text changed.

It is kept in the repository's git folder (`.git/adr-tool/renders-*.lines`, beside the file
cache), never in the site folder: whoever can write the site folder (a shared web root, a CI
cache restored between jobs) must not choose what the next build publishes or copies. Whoever
can write `.git` can already run code through its hooks, so an entry there is not signed; it is
checked all the same: its shape, and that every image it names is an image file inside the
project published under the name `site_data.media_target` gives it. An entry that fails any
check is rendered again; outside git or with ADR_NO_CACHE=1 every body is rendered.

The file is a header line, then one line per render: its key (a sha256 in hex of the code,
the page names, the ADR's path and body), a space, and the JSON of [media, html]. It is read
and written one line at a time: a log of 10,000 ADRs makes a cache of tens of MB.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import markdown, site_data
from .site_data import image_source, link_target, media_target

if TYPE_CHECKING:
    from .model import Adr
    from .site_data import SiteData

HEADER = b"adr site: renders, one per line, format 2\n"
_KEY = 64  # characters in a key: a sha256 in hex


class RenderCache:
    """The renders of the last build at `location`, and this build's, which replace them when
    the build ends well. Only the old keys and where their lines start are held; a render is
    read back when it is used."""

    def __init__(self, location: Path | None, data: SiteData) -> None:
        self.data = data
        names = json.dumps(sorted((str(k), v) for k, v in data.pages.items()))
        code = b"".join(Path(m.__file__ or "").read_bytes() for m in (markdown, site_data))
        salt = f"{hashlib.sha256(code).hexdigest()}\0{data.config.index_path}\0{names}"
        self.salted = hashlib.sha256(salt.encode())  # hashed once; each body continues a copy
        self.location = location.with_suffix(".lines") if location is not None else None
        location = self.location
        self.old = _open_regular(location) if location is not None else None
        self.lines: dict[bytes, int] = {}  # key -> offset of its line in `old`
        self.new: IO[bytes] | None = None
        self.temporary = ""  # the file `new` writes, which replaces `location` at the end
        if self.old is not None and self.old.readline() == HEADER:
            offset = len(HEADER)
            for line in self.old:
                self.lines[line[:_KEY]] = offset
                offset += len(line)
        if location is not None:
            self.new, self.temporary = _start(location)

    def __enter__(self) -> RenderCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.old is not None:
            self.old.close()
        if self.new is None or self.location is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written is no error
            self.new.close()
            if kind is None:
                os.replace(self.temporary, self.location)
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)

    def render(self, adr: Adr, body: str) -> tuple[str, dict[Path, str]]:
        hasher = self.salted.copy()
        hasher.update(f"\0{adr.path}\0{body}".encode())
        key = hasher.hexdigest().encode()
        line, found = self._line(key)
        if found is not None:
            html, used = found
        else:
            used = {}
            html = markdown.render(body, link=partial(link_target, self.data, adr),
                                   image=partial(image_source, self.data, adr, used),
                                   mdx=adr.path.suffix.lower() == ".mdx")
            entry = json.dumps([[[str(k), v] for k, v in used.items()], html])
            line = b"%s %s\n" % (key, entry.encode())
        self._keep(line)
        return html, used

    def _keep(self, line: bytes) -> None:
        if self.new is None:
            return
        try:
            self.new.write(line)
        except OSError:  # a full disk: this build goes on without a cache
            with contextlib.suppress(OSError):
                self.new.close()
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)
            self.new = None

    def _line(self, key: bytes) -> tuple[bytes, tuple[str, dict[Path, str]] | None]:
        """The old cache's line for `key` and its render, if it has one that passes the checks."""
        offset = self.lines.get(key)
        if self.old is None or offset is None:
            return b"", None
        self.old.seek(offset)
        line = self.old.readline()
        if not line.endswith(b"\n"):
            return b"", None
        try:
            entry = json.loads(line[_KEY + 1 :])
        except (ValueError, RecursionError):
            return b"", None
        found = self._checked(entry)
        return (line, found) if found is not None else (b"", None)

    def _checked(self, entry: Any) -> tuple[str, dict[Path, str]] | None:
        """[media, html] as the render gave them, or None for anything else: a pair that is
        not an image of the project under its own site name is never copied."""
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], str):
            return None
        media, html = entry
        used: dict[Path, str] = {}
        for pair in media if isinstance(media, list) else [None]:
            if not (isinstance(pair, list) and len(pair) == 2
                    and all(isinstance(part, str) for part in pair)):
                return None
            source = Path(pair[0])
            if not source.is_absolute() or media_target(self.data, source) != pair[1]:
                return None
            used[source] = pair[1]
        return html, used


def _open_regular(location: Path) -> IO[bytes] | None:
    """The file at `location` if it is a regular file (not a link, a pipe or a device)."""
    try:
        fd = os.open(location, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def _start(location: Path) -> tuple[IO[bytes] | None, str]:
    """A temporary file beside `location` holding the header, and its name; (None, "") if it
    cannot be made."""
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".renders-", dir=location.parent)
    except OSError:
        return None, ""
    handle = os.fdopen(fd, "wb")
    try:
        handle.write(HEADER)
    except OSError:
        with contextlib.suppress(OSError):
            handle.close()
        os.unlink(name)
        return None, ""
    return handle, name
