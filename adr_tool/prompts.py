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
    from .templates import Answer, Template


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
        name = one_line(spec.title)  # a project template's words, shown as text
        if spec.items:
            items: dict[str, str] = {}
            for label in spec.items:
                guidance = spec.item_guidance.get(label, "")
                question = f"{name} - {one_line(label)}:{_hint(guidance)}"
                items[label] = _ask(questionary.text(question))
            sections[spec.title] = items
        elif spec.min_items:
            entries: list[str] = []
            questionary.print(f"{name}{_hint(spec.guidance)}", style="bold")
            while True:
                suffix = "" if len(entries) >= spec.min_items else f", at least {spec.min_items}"
                entry = _ask(questionary.text(f"  {len(entries) + 1}. (blank to finish{suffix}):"))
                if not entry.strip():
                    break
                entries.append(entry.strip())
            sections[spec.title] = entries
        else:
            optional = "" if spec.required else " [optional]"
            sections[spec.title] = _ask(
                questionary.text(f"{name}{optional}:{_hint(spec.guidance)}")
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


def confirm_write(path_hint: str) -> bool:
    return bool(_ask(questionary.confirm(f"Write {path_hint}?", default=True)))
