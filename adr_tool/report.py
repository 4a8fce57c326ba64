"""ADRs as data for output: JSON records and table rows (pure; no terminal here)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .formats import shorten

if TYPE_CHECKING:
    from .model import Adr

if TYPE_CHECKING:
    from .history import Event, FileHistory


def display_path(path: Path, base: Path | None = None) -> str:
    """The path relative to `base` (default: the working folder) when it is below it."""
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base) if path.is_absolute() else str(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def record(adr: Adr, root: Path) -> dict[str, Any]:
    """One ADR as a JSON object; the relation keys are the front-matter names."""
    return {
        "number": adr.number,
        "title": adr.title,
        "status": adr.status,
        "date": adr.date,
        "path": display_path(adr.path, root),
        "tags": list(adr.tags),
        "decision-makers": list(adr.decision_makers),
        "supersedes": list(adr.supersedes),
        "superseded-by": list(adr.superseded_by),
        "links": adr.links_by_relation(),
        "review-by": adr.review_by,
        "template": adr.template,
        "format": adr.format,
    }


def with_history(data: dict[str, Any], history: FileHistory | None) -> dict[str, Any]:
    """Add created/updated dates and authors from git (null when git does not know)."""

    def event(e: Event | None) -> dict[str, str] | None:
        return {"date": e.date, "author": e.author, "commit": e.commit} if e else None

    data["created"] = event(history.created) if history else None
    data["updated"] = event(history.updated) if history else None
    data["authors"] = history.authors if history else []
    return data


def table(adrs: list[Adr]) -> list[tuple[str, str, str, str, str]]:
    """Rows of number, status, date, title and tags; a status of many words (kept verbatim)
    is cut in the table, so that one ADR never widens every line (JSON has it whole)."""
    return [
        (
            f"{adr.number:04d}",
            shorten(adr.status, 30) or "-",
            adr.date or "-",
            adr.title,
            ", ".join(adr.tags),
        )
        for adr in adrs
    ]

