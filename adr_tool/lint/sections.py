"""Which template an ADR answers to, and where its sections are.

Our own files name their template in front matter (else the project's default applies).
Older formats answer to the matching built-in: adr-tools to `nygard`, MADR and log4brains to
`madr`; other front matter (Jekyll, MADR 4 without a status) to the template whose required
sections the file matches best. Section titles match case-insensitively, and the names the
same section has in the MADR versions and in a few languages count as the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import templates
from ..config import repository_root
from ..document import parse
from ..errors import AdrError, ConfigError
from .answers import content_lines, plain
from .lists import label_only
from .titles import normalise, title_key, title_keys

if TYPE_CHECKING:
    from ..document import Document, Section
    from ..templates import Template
    from .base import LintContext, Target

_LEGACY = {"adr-tools": "nygard", "madr": "madr", "log4brains": "madr"}


class Outline:
    """The sections of one file by heading level, with their title keys (built once a file)."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._levels: dict[int, list[tuple[frozenset[str], str, Section]]] = {}

    def _at(self, level: int) -> list[tuple[frozenset[str], str, Section]]:
        if level not in self._levels:
            h1 = self._document.h1
            self._levels[level] = [
                (title_keys(section.title), normalise(section.title), section)
                for section in self._document.sections(level)
                if section.heading is not h1
            ]
        return self._levels[level]

    def find(self, title: str, lenient: bool = False) -> Section | None:
        """The H2 section named `title`; `lenient` also looks at other levels (older formats)."""
        wanted = title_key(normalise(title))
        for level in (2, 1, 3, 4, 5, 6) if lenient else (2,):
            for keys, _, section in self._at(level):
                if wanted in keys:
                    return section
        return None

    def quality(self, title: str) -> float:
        """1 for an H2 of exactly that title, less for another name or level, 0 when absent."""
        if any(name == normalise(title) for _, name, _ in self._at(2)):
            return 1.0
        if self.find(title) is not None:
            return 0.75
        return 0.5 if self.find(title, lenient=True) is not None else 0.0


def outline(ctx: LintContext, document: Document) -> Outline:
    key = ("outline", document.path)
    found = ctx.cache.get(key)
    if not isinstance(found, Outline):
        found = ctx.cache[key] = Outline(document)
    return found


def find_section(ctx: LintContext, target: Target, title: str) -> Section | None:
    """The section of `target` named `title` (any heading level in logs of older tools)."""
    return outline(ctx, target.document).find(title, lenient=not ctx.adopted)


@dataclass(frozen=True)
class Choice:
    template: Template | None
    problem: str | None = None  # why the named template cannot be used


def choose(ctx: LintContext, target: Target) -> Choice:
    """The template `target` answers to (cached per file)."""
    key = ("template", target.adr.path)
    if key not in ctx.cache:
        ctx.cache[key] = _choose(ctx, target)
    found = ctx.cache[key]
    assert isinstance(found, Choice)
    return found


def _choose(ctx: LintContext, target: Target) -> Choice:
    usable, broken = _available(ctx)
    adr = target.adr
    if adr.template:
        if adr.template in broken:
            return Choice(None, f"template {adr.template!r} cannot be used: {broken[adr.template]}")
        if adr.template in usable:
            return Choice(usable[adr.template])
        return Choice(
            None, f"no template named {adr.template!r}; available: {', '.join(sorted(usable))}"
        )
    if adr.format in _LEGACY:
        return Choice(usable.get(_LEGACY[adr.format]))
    default = ctx.config.template
    if default not in usable:
        source = ctx.config.source
        where = f" (the `template` of {source.name})" if source else ""
        raise ConfigError(f"no template named {default!r}{where}", source)
    if ctx.adopted:
        return Choice(usable[default])
    best = _best_match(outline(ctx, target.document), usable)
    if best is not None:
        return Choice(best)
    ctx.log_dependent.add(target.adr.path)  # judged by the rest of the log: never cached
    return Choice(_dominant(ctx, usable, default))


def _available(ctx: LintContext) -> tuple[dict[str, Template], dict[str, str]]:
    key = "templates"
    if key not in ctx.cache:
        usable = templates.available(None)
        broken: dict[str, str] = {}
        root = repository_root(ctx.config)
        try:
            files = templates.project_files(ctx.config.directory, root)
        except AdrError:
            files = []  # a folder leading out of the repository: only the built-ins
        for path in files:
            try:
                usable[path.stem] = templates.read_project_template(path, root)
            except AdrError as error:
                broken[path.stem] = str(error)  # a built-in of that name still serves others
        ctx.cache[key] = (usable, broken)
    found = ctx.cache[key]
    assert isinstance(found, tuple)
    return found


def _best_match(found: Outline, usable: dict[str, Template]) -> Template | None:
    """The template whose required sections the file follows best, if it follows any."""

    def score(name: str) -> tuple[float, str]:
        required = [s for s in usable[name].sections if s.required]
        total = sum(found.quality(s.title) for s in required)
        return (total / len(required) if required else 0.0, name)

    best = max(usable, key=score, default=None)
    return usable[best] if best is not None and score(best)[0] > 0 else None


def _dominant(ctx: LintContext, usable: dict[str, Template], default: str) -> Template:
    """The template most files of the log follow: what a file that follows none is held to."""
    key = "dominant-template"
    if key not in ctx.cache:
        counts: Counter[str] = Counter()
        for adr in ctx.log:
            if adr.template in usable:
                counts[str(adr.template)] += 1
            elif adr.format in _LEGACY and _LEGACY[adr.format] in usable:
                counts[_LEGACY[adr.format]] += 1
            elif (match := _best_match(Outline(ctx.loaded.documents[adr.path]), usable)):
                counts[match.name] += 1
        ctx.cache[key] = counts.most_common(1)[0][0] if counts else default
    name = ctx.cache[key]
    assert isinstance(name, str)
    return usable.get(name, usable[default])


def template_text(ctx: LintContext, template: Template, title: str) -> frozenset[str]:
    """The template's own words in a section (placeholders a project template may carry)."""
    key = ("template-text", template.origin, template.name)
    if key not in ctx.cache:
        skeleton = parse(template.body, Path(template.origin))
        ctx.cache[key] = {
            normalise(section.title): frozenset(
                plain(line) for line in content_lines(section.lines) if not label_only(line)
            )
            for section in skeleton.sections()
        }
    by_title = ctx.cache[key]
    assert isinstance(by_title, dict)
    found = by_title.get(normalise(title), frozenset())
    assert isinstance(found, frozenset)
    return found
