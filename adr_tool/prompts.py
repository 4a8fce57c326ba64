"""The interactive `adr new`: the only importer of questionary.

Questions are generated from the template; the answers come back as a plain dict that
`scaffold` turns into a file. Any ^C (questionary's `ask()` returning None) raises Aborted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import questionary

from .errors import Aborted
from .escape import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Adr
    from .templates import Answer, SectionSpec, Template


def _ask(question: Any) -> Any:
    try:
        answer = question.ask()
    except EOFError:  # ^D on an empty line: the user is leaving, as with ^C
        answer = None
    if answer is None:
        raise Aborted()
    return answer


def _hint(guidance: str) -> str:
    return f" ({one_line(guidance)})" if guidance else ""


def ask_new(template: Template, title: str | None, log: Sequence[Adr]) -> dict[str, Any]:
    """Ask everything a new ADR needs: title, sections, tags, decision makers, supersedes."""
    if not title:
        title = _ask(
            questionary.text(
                "Title of the decision:",
                validate=lambda text: bool(text.strip()) or "A decision needs a title",
            )
        )
    sections: dict[str, Answer] = {}
    for spec in template.sections:
        if spec.min_items:
            sections[spec.title] = _ask_entries(spec)
        elif spec.items or spec.optional_items:
            sections[spec.title] = _ask_items(spec)
        else:
            optional = "" if spec.required else " [optional]"
            sections[spec.title] = _ask(
                questionary.text(f"{one_line(spec.title)}{optional}:{_hint(spec.guidance)}")
            )
    tags = _ask(questionary.text("Tags (comma-separated):"))
    makers = _ask(questionary.text("Decision makers (comma-separated):"))
    supersedes: list[int] = []
    if log:
        choices = [
            questionary.Choice(
                one_line(f"{adr.number:04d} {adr.title} [{adr.status or '?'}]"), value=adr.number
            )
            for adr in log
        ]
        supersedes = _ask(
            questionary.checkbox("Does it supersede earlier ADRs? (space to pick)", choices=choices)
        )
    return {
        "title": title,
        "sections": sections,
        "tags": [t.strip() for t in tags.split(",") if t.strip()],
        "decision-makers": [m.strip() for m in makers.split(",") if m.strip()],
        "supersedes": supersedes,
    }


def _ask_items(spec: SectionSpec) -> dict[str, str]:
    """Each labelled item in turn; an item with fields is asked field by field
    (`Failure modes - Database slow - Mitigation:`), keyed `Item.Field`."""
    items: dict[str, str] = {}
    for label in (*spec.items, *spec.optional_items):
        optional = " [optional]" if label in spec.optional_items else ""
        situation = spec.item_guidance.get(label, "")  # "The database answers ten times ..."
        for key in [f"{label}.{field}" for field in spec.fields] or [label]:
            guidance = spec.item_guidance.get(key, "") if key != label else situation
            if key != label and situation:
                guidance = f"{situation} {guidance}".strip()
            asked = one_line(f"{spec.title} - {key.replace('.', ' - ')}")  # a template's words
            question = f"{asked}{optional}:{_hint(guidance)}"
            items[key] = _ask(questionary.text(question))
    return items


def _ask_entries(spec: SectionSpec) -> list[str]:
    """A list section (the options): its labelled entries first (`Boring option: ...`), then
    one entry per line until a blank one, at least `min_items` in all."""
    entries: list[str] = []
    for label in spec.items:
        guidance = spec.item_guidance.get(label, "")
        asked = one_line(f"{spec.title} - {label}")  # a project template's words, shown as text
        answer = _ask(questionary.text(f"{asked}:{_hint(guidance)}")).strip()
        if answer:
            entries.append(f"{label}: {answer}")
    questionary.print(f"{one_line(spec.title)}{_hint(spec.guidance)}", style="bold")
    while True:
        suffix = "" if len(entries) >= spec.min_items else f", at least {spec.min_items}"
        entry = _ask(questionary.text(f"  {len(entries) + 1}. (blank to finish{suffix}):"))
        if not entry.strip():
            return entries
        entries.append(entry.strip())


def confirm_write(path_hint: str) -> bool:
    return bool(_ask(questionary.confirm(f"Write {path_hint}?", default=True)))
