"""What the pages of the site share: the log, each ADR's page name, history and relations,
and where links and images in an ADR lead on the site (pure, but for checking that an image
file exists)."""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .boundary import leads_outside
from .naming import MARKDOWN_SUFFIXES

if TYPE_CHECKING:
    from .config import Config
    from .history import History
    from .model import Adr, DecisionLog

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class SiteData:
    """What every page needs: the log, where each ADR's page is, its history and relations."""

    log: DecisionLog
    config: Config
    history: History
    pages: dict[Path, str]  # ADR path -> page file name under adr/

    def __post_init__(self) -> None:
        self.by_number: dict[int, Adr] = {}
        for adr in self.log:
            self.by_number.setdefault(adr.number, adr)
        self.root = self.config.root.resolve()
        self.by_file = {normal(adr.path): self.pages[adr.path] for adr in self.log}
        # a link to the folder of a folder record leads to its page too
        self.by_folder = {
            normal(adr.record): self.pages[adr.path] for adr in self.log if adr.in_folder
        }
        known = {normal(path): found for path, found in self.history.files.items()}
        self.files = {adr.path: known.get(normal(adr.path)) for adr in self.log}
        self.incoming: dict[int, list[tuple[str, int]]] = {}
        for adr in self.log:
            for old in adr.supersedes:
                self.incoming.setdefault(old, []).append(("superseded-by", adr.number))
            for new in adr.superseded_by:
                self.incoming.setdefault(new, []).append(("supersedes", adr.number))
            for relation, other in adr.links:
                reverse = self.config.relations.get(relation, relation)
                self.incoming.setdefault(other, []).append((reverse, adr.number))

    def relations(self, adr: Adr) -> list[tuple[str, int]]:
        """(relation, number) both ways: what this ADR says and what the others say of it."""
        own = [("supersedes", n) for n in adr.supersedes]
        own += [("superseded-by", n) for n in adr.superseded_by]
        own += list(adr.links)
        found: list[tuple[str, int]] = []
        for pair in [*own, *self.incoming.get(adr.number, [])]:
            if pair not in found and pair[1] != adr.number:
                found.append(pair)
        return found

    def successors(self, adr: Adr) -> list[int]:
        return [n for relation, n in self.relations(adr) if relation == "superseded-by"]


def normal(path: Path) -> Path:
    """The absolute path with `..` folded, without the cost of resolving links."""
    return Path(os.path.normpath(path.absolute()))


def link_target(data: SiteData, adr: Adr, href: str) -> str:
    """Where a link in `adr` leads on the site: `.md` links to ADRs become their pages."""
    if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
        return href
    target, _, fragment = href.partition("#")
    anchor = f"#{fragment}" if fragment else ""
    if not target.lower().endswith(MARKDOWN_SUFFIXES):
        folder = data.by_folder.get(normal(adr.path.parent / urllib.parse.unquote(target)))
        return href if folder is None else folder + anchor
    path = normal(adr.path.parent / urllib.parse.unquote(target))
    if path in data.by_file:
        return data.by_file[path] + anchor
    if path == normal(data.config.index_path) or (
        path.parent == normal(data.log.directory) and path.name.lower() in ("readme.md",
                                                                           "index.md")
    ):
        return "../index.html"
    return href


def image_source(data: SiteData, adr: Adr, used: dict[Path, str], source: str) -> str | None:
    """The site path of a local image (recorded in `used` for copying); None for anything
    else, such as a remote image or a file outside the project."""
    if source.startswith("data:image/"):
        return source
    if not source or source.startswith(("/", "#")) or _SCHEME.match(source):
        return None
    target = urllib.parse.unquote(source.split("#", 1)[0].split("?", 1)[0])
    path = normal(adr.path.parent / target)
    published = media_target(data, path)
    if published is None:
        return None
    used[path] = published
    return "../" + urllib.parse.quote(published)


def media_target(data: SiteData, path: Path) -> str | None:
    """Where the image file at `path` (absolute, `..` folded) is published: `media/` and its
    path in the project; None for what is not an image file or is outside the project."""
    if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
        return None
    try:
        relative = path.relative_to(data.root).as_posix()
    except ValueError:
        return None  # outside the project: never copied
    if leads_outside(path, data.root) or path != normal(path):
        return None  # a link pointing out of the project: never followed
    return f"media/{relative}"


def page_names(log: DecisionLog) -> dict[Path, str]:
    """A unique, URL-safe page file name for every ADR, from its file name."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for adr in log:
        name = adr.record.name if adr.in_folder else adr.path.stem  # a record: its folder's
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]
        base = base or f"{adr.number:04d}"
        if not base[:1].isdigit():
            base = f"{adr.number:04d}-{base}"
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        names[adr.path] = f"{name}.html"
    return names
