"""One reading of an ADR against its template, shared by the content rules (built once a file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .answers import content_lines, verdict_of_lines
from .lists import count_entries, items
from .sections import choose, find_section, template_text

if TYPE_CHECKING:
    from ..document import Section
    from ..templates import SectionSpec, Template
    from .base import LintContext, Target


@dataclass(frozen=True)
class Part:
    """A required section of the template, and what the file holds for it."""

    spec: SectionSpec
    section: Section | None
    problem: str | None = None  # why the section is not answered (items are judged apart)
    items: dict[str, tuple[int, str]] = field(default_factory=dict)  # label -> line, answer
    words: frozenset[str] = frozenset()  # the template's own text in the section


@dataclass(frozen=True)
class Review:
    template: Template | None
    parts: tuple[Part, ...] = ()

    def present(self) -> list[tuple[Part, Section]]:
        return [(part, part.section) for part in self.parts if part.section is not None]


def review(ctx: LintContext, target: Target) -> Review:
    """The file's required sections and items, judged once (cached per file)."""
    key = ("review", target.adr.path)
    found = ctx.cache.get(key)
    if not isinstance(found, Review):
        found = ctx.cache[key] = _review(ctx, target)
    return found


def _review(ctx: LintContext, target: Target) -> Review:
    template = choose(ctx, target).template
    if template is None:
        return Review(None)
    parts = []
    for spec in template.sections:
        if not spec.required:
            continue
        section = find_section(ctx, target, spec.title)
        if section is None:
            parts.append(Part(spec, None))
            continue
        words = template_text(ctx, template, spec.title)
        lines = content_lines(section.lines)
        problem: str | None
        if not lines:
            guidance = any("<!--" in line for line in section.lines)
            problem = "holds only the template's guidance: answer it" if guidance else "is empty"
        else:
            problem = None if spec.items else verdict_of_lines(lines, words)
        found = items(section) if spec.items and lines else {}
        parts.append(Part(spec, section, problem, found, words))
    return Review(template, tuple(parts))


def entries(part: Part) -> int:
    """How many entries (options) the part's section lists."""
    return count_entries(part.section) if part.section is not None else 0
