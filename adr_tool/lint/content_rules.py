"""Content rules (ADR2xx): the ADR answers every question of its template.

A section holding only the template's guidance comment, placeholder text, a bare "n/a" or
"TBD" is not answered. "n/a" followed by a reason is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .answers import verdict
from .base import Hit, file_rule, key_line, title_line
from .lists import label_only
from .review import entries, review
from .sections import choose
from .titles import normalise

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .base import LintContext, Target


@file_rule("ADR201", "content")
def missing_section(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A section the ADR's template requires is missing."""
    found = review(ctx, target)
    missing = [part.spec.title for part in found.parts if part.section is None]
    if not missing or found.template is None:
        return
    name = found.template.name
    path, line = target.adr.path, title_line(target)
    if len(missing) == len(found.parts) > 1:
        titles = ", ".join(missing)
        yield Hit(path, line, f"none of the sections of template {name!r} is here: {titles}")
        return
    for title in missing:
        yield Hit(path, line, f"section '## {title}' is missing (template {name!r})")


@file_rule("ADR202", "content")
def empty_section(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A required section is empty, holds only the template's guidance, or placeholder text."""
    for part, section in review(ctx, target).present():
        if part.problem is not None:
            message = f"section '{section.title}' {part.problem}"
            yield Hit(target.adr.path, section.heading.line, message)


@file_rule("ADR203", "content")
def missing_item(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A labelled item the template requires (a constraint, a failure mode) is missing."""
    for part, section in review(ctx, target).present():
        if not part.spec.items or part.problem is not None:
            continue
        for label in part.spec.items:
            if normalise(label) not in part.items:
                yield Hit(
                    target.adr.path,
                    section.heading.line,
                    f"'{label}' is missing from '{section.title}': add `- {label}: ...`",
                )


@file_rule("ADR204", "content")
def unanswered_item(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A required labelled item is empty, bare "n/a" or "TBD", or still a placeholder."""
    for part, section in review(ctx, target).present():
        for label in part.spec.items:
            item = part.items.get(normalise(label))
            problem = verdict(_without_labels(item[1]), part.words) if item is not None else None
            if item is not None and problem is not None:
                message = f"{section.title}: '{label}' {problem}"
                yield Hit(target.adr.path, item[0], message, column=3)


def _without_labels(answer: str) -> str:
    """An item's answer without its unanswered fields (`  - Mitigation:` left empty)."""
    if "\n" not in answer:
        return answer
    return "\n".join(line for line in answer.split("\n") if not label_only(line.strip()))


@file_rule("ADR205", "content")
def too_few_entries(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A list section (the options considered) has fewer entries than the template asks for."""
    found = review(ctx, target)
    for part, section in found.present():
        if not part.spec.min_items or part.problem is not None or found.template is None:
            continue
        count, least = entries(part), part.spec.min_items
        if count == 0 and part.spec.items:
            continue  # only its labels, unanswered: ADR203 and ADR204 say what to write
        if count < least:
            nouns = (
                ("option", "options") if "option" in section.title.lower() else ("entry", "entries")
            )
            yield Hit(
                target.adr.path,
                section.heading.line,
                f"'{section.title}' lists {count} {nouns[count != 1]}; template "
                f"{found.template.name!r} asks for at least {least}, one list item each",
            )


@file_rule("ADR206", "content")
def unknown_template(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The template named in front matter does not exist, cannot be read, or lacks that version."""
    choice = choose(ctx, target)
    if choice.problem is not None:
        yield Hit(target.adr.path, key_line(target.document, choice.key), choice.problem)
