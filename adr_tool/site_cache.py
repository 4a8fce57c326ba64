"""The render cache of `adr site`: each ADR body's HTML from the last build, kept in the
site's marker file, so that a rebuild renders only the ADRs whose text changed.

The file is a header line, then one line per render: its key (a sha256 in hex of the code,
the page names, the ADR's path and body), a space, and the JSON of [media, html]. It is read
and written one line at a time: a log of 10,000 ADRs makes a cache of tens of MB.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import markdown, site_data
from .site_data import image_source, link_target

if TYPE_CHECKING:
    from collections.abc import Callable

    from .model import Adr
    from .site_data import SiteData

HEADER = b"adr site: renders, one per line\n"
_KEY = 64  # characters in a key: a sha256 in hex


class RenderCache:
    """The renders of the last build at `path`, and `fresh`, where this build's go: a body
    whose text, path and the log's page names are unchanged is not rendered again. Only the
    old keys and where their lines start are held; a render is read back when it is used."""

    def __init__(self, path: Path, data: SiteData, fresh: Callable[[bytes], object]) -> None:
        self.data = data
        self.fresh = fresh
        names = json.dumps(sorted((str(k), v) for k, v in data.pages.items()))
        code = b"".join(Path(m.__file__ or "").read_bytes() for m in (markdown, site_data))
        salt = f"{hashlib.sha256(code).hexdigest()}\0{data.config.index_path}\0{names}"
        self.salted = hashlib.sha256(salt.encode())  # hashed once; each body continues a copy
        self.old: IO[bytes] | None = None
        self.lines: dict[bytes, int] = {}  # key -> offset of its line in `old`
        with contextlib.suppress(OSError):
            self.old = path.open("rb")
            if self.old.readline() == HEADER:
                offset = len(HEADER)
                for line in self.old:
                    self.lines[line[:_KEY]] = offset
                    offset += len(line)
        fresh(HEADER)

    def __enter__(self) -> RenderCache:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.old is not None:
            self.old.close()

    def render(self, adr: Adr, body: str) -> tuple[str, dict[Path, str]]:
        hasher = self.salted.copy()
        hasher.update(f"\0{adr.path}\0{body}".encode())
        key = hasher.hexdigest().encode()
        line, found = self._line(key)
        if found is not None and all(src.is_file() for src in found[1]):
            html, used = found
        else:
            used = {}
            html = markdown.render(body, link=partial(link_target, self.data, adr),
                                   image=partial(image_source, self.data, adr, used),
                                   mdx=adr.path.suffix.lower() == ".mdx")
            entry = json.dumps([[[str(k), v] for k, v in used.items()], html])
            line = b"%s %s\n" % (key, entry.encode())
        self.fresh(line)
        return html, used

    def _line(self, key: bytes) -> tuple[bytes, tuple[str, dict[Path, str]] | None]:
        """The old cache's line for `key` and its render, if it has a readable one."""
        offset = self.lines.get(key)
        if self.old is None or offset is None:
            return b"", None
        self.old.seek(offset)
        line = self.old.readline()
        if not line.endswith(b"\n"):
            return b"", None
        try:
            media, html = json.loads(line[_KEY + 1 :])
            return line, (str(html), {Path(src): str(dst) for src, dst in media})
        except (ValueError, TypeError):
            return b"", None
