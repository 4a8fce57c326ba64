"""Create logs and ADRs: `adr init` and `adr new`, as plain functions (no terminal here)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import first_adr, front_matter
from .config import CONFIG_NAME, DEFAULT_DIRECTORY, Config, render_default
from .errors import AdrError, UsageError
from .store import create_exclusive, create_numbered, folder_lock
from .templates import Answer, Template, fill

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path


def today() -> str:
    """Today's date, or the one SOURCE_DATE_EPOCH pins (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


@dataclass
class Draft:
    """Everything `adr new` needs to write a file; the number is chosen when it is written."""

    title: str
    template: Template
    status: str
    date: str = field(default_factory=today)
    tags: list[str] = field(default_factory=list)
    decision_makers: list[str] = field(default_factory=list)
    supersedes: list[int] = field(default_factory=list)
    review_by: str | None = None
    sections: dict[str, Answer] = field(default_factory=dict)

    def render(self) -> str:
        fields: dict[str, front_matter.Value] = {"status": self.status, "date": self.date}
        if self.decision_makers:
            fields["decision-makers"] = self.decision_makers
        fields["tags"] = self.tags
        if self.supersedes:
            fields["supersedes"] = self.supersedes
        if self.review_by:
            fields["review-by"] = self.review_by
        fields["template"] = self.template.name
        return front_matter.render(fields) + fill(self.template, self.title, self.sections)


def check_title(title: str) -> str:
    """A title is data: any text on one line, but not nothing, no control characters (they
    would make the file binary) and no HTML comment (Markdown would hide it)."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UsageError("the title is empty; give the decision a name")
    bad = next((c for c in cleaned if unicodedata.category(c) in ("Cc", "Cs")), None)
    if bad is not None:
        raise UsageError(f"the title contains the control character U+{ord(bad):04X}")
    if "<!--" in cleaned:
        raise UsageError("the title contains `<!--`, which Markdown would hide")
    return cleaned


def check_date(text: str, option: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date such as 2026-11-23") from None


def parse_set(assignment: str, template: Template, sections: dict[str, Answer]) -> None:
    """Apply one `--set "Section=text"` or `--set "Section.Item=text"` to `sections`.

    A list section (one with a minimum of items, such as the options) gains an item per --set.
    """
    key, separator, text = assignment.partition("=")
    if not separator:
        raise UsageError(f"--set {assignment!r} needs the form SECTION=TEXT or SECTION.ITEM=TEXT")
    section_name, _, item = key.strip().partition(".")
    spec = template.section(section_name.strip())
    if spec is None:
        names = ", ".join(s.title for s in template.sections)
        raise UsageError(
            f"--set: template {template.name!r} has no section "
            f"{section_name.strip()!r}; its sections: {names}"
        )
    title = spec.title
    if item:
        existing = sections.get(title)
        items = existing if isinstance(existing, dict) else {}
        items[item.strip()] = text
        sections[title] = items
    elif spec.min_items:
        existing = sections.get(title)
        sections[title] = [*(existing if isinstance(existing, list) else []), text]
    else:
        sections[title] = text


def read_answers(path: Path) -> dict[str, Any]:
    """An answers file: YAML with `title`, `sections` and any of the metadata keys."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("answers file does not exist", path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read answers file: {error}", path) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise UsageError(f"answers file is not valid YAML: {error.problem}", path, line) from None
    except yaml.YAMLError as error:
        raise UsageError(f"answers file is not valid YAML: {error}", path) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError("answers file must be a mapping (title:, sections:, tags:, ...)", path)
    known = {
        "title",
        "status",
        "date",
        "tags",
        "decision-makers",
        "supersedes",
        "review-by",
        "template",
        "sections",
    }
    unknown = sorted(set(map(str, data)) - known)
    if unknown:
        raise UsageError(f"answers file has unknown keys {unknown}; known: {sorted(known)}", path)
    return data


def sections_from_answers(data: Mapping[str, Any], path: Path) -> dict[str, Answer]:
    raw = data.get("sections") or {}
    if not isinstance(raw, dict):
        raise UsageError("`sections` must map section titles to answers", path)
    sections: dict[str, Answer] = {}
    for title, value in raw.items():
        if isinstance(value, str):
            sections[str(title)] = value
        elif isinstance(value, list):
            sections[str(title)] = [str(v) for v in value]
        elif isinstance(value, dict):
            sections[str(title)] = {str(k): "" if v is None else str(v) for k, v in value.items()}
        elif value is not None:
            sections[str(title)] = str(value)
    return sections


def write_new(config: Config, draft: Draft, also_taken: Iterable[int] = ()) -> Path:
    """Write the draft under the next free number; returns the new file's path."""
    return create_numbered(config, draft.title, draft.render(), also_taken)


def init_log(
    root: Path,
    directory: str = DEFAULT_DIRECTORY,
    template: Template | None = None,
    date: str | None = None,
) -> tuple[Path, Path]:
    """Create `.adr.toml`, the ADR folder and ADR 0001; refuses to touch an existing log."""
    config_path = root / CONFIG_NAME
    adr_directory = (root / directory).resolve()
    if root.resolve() not in (adr_directory, *adr_directory.parents):
        raise UsageError(f"--dir {directory!r} is outside {root}")
    _refuse_existing_log(config_path, adr_directory)
    if template is None:
        raise UsageError("init needs a template")
    answers = first_adr.ANSWERS.get(template.name)
    if answers is None:
        raise UsageError(
            f"init can write ADR 0001 with a built-in template only "
            f"({', '.join(first_adr.ANSWERS)}), not {template.name!r}"
        )
    try:
        adr_directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AdrError(f"cannot create the ADR folder: {error.strerror}", adr_directory) from None
    relative = adr_directory.relative_to(root.resolve()).as_posix()
    draft = Draft(
        first_adr.TITLE,
        template,
        status="accepted",
        date=date or today(),
        tags=["process"],
        sections=dict(answers),
    )
    first = adr_directory / "0001-record-architecture-decisions.md"
    with folder_lock(adr_directory):
        _refuse_existing_log(config_path, adr_directory)  # again: another init may have won
        create_exclusive(config_path, render_default(relative, template.name))
        try:
            create_exclusive(first, draft.render())
        except AdrError:
            with contextlib.suppress(OSError):  # ours, a moment old: init is whole or nothing
                config_path.unlink()
            raise
    return config_path, first


def _refuse_existing_log(config_path: Path, adr_directory: Path) -> None:
    if config_path.exists():
        raise AdrError(
            f"{CONFIG_NAME} already exists: this project already keeps a log", config_path
        )
    if adr_directory.exists() and any(adr_directory.glob("*.md")):
        raise AdrError(
            "already holds Markdown files: adr-tool will not write over a log; "
            "use `adr import` to adopt it",
            adr_directory,
        )
