"""Create logs and ADRs: `adr init` and `adr new`, as plain functions (no terminal here)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import first_adr, front_matter
from .config import CONFIG_NAME, DEFAULT_DIRECTORY, Config, render_default
from .document import YamlProblem, load_yaml
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
        if self.template.version > 1:
            fields["template-version"] = self.template.version
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
    if spec.min_items:  # a list section: a labelled --set adds a labelled entry
        existing = sections.get(title)
        entries = [*(existing if isinstance(existing, list) else []), _entry(item, text)]
        sections[title] = sorted(entries, key=lambda entry: _labelled_first(entry, spec.items))
    elif item:
        existing = sections.get(title)
        items = existing if isinstance(existing, dict) else {}
        items[".".join(part.strip() for part in item.split("."))] = text
        sections[title] = items
    else:
        sections[title] = text


def _entry(label: str, text: str) -> str:
    return f"{label.strip()}: {text}" if label.strip() else text


def _labelled_first(entry: str, labels: tuple[str, ...]) -> int:
    """The template's labelled entries (`Boring option: ...`) come first, in its order."""
    label = entry.partition(":")[0].strip().casefold()
    order = [known.casefold() for known in labels]
    return order.index(label) if label in order else len(order)


MAX_ANSWERS_BYTES = 1024 * 1024  # an answers file is a page of text: more is a mistake
_ANSWER_KEYS = (
    "title",
    "status",
    "date",
    "tags",
    "decision-makers",
    "supersedes",
    "review-by",
    "template",
    "sections",
)


def read_answers(path: Path) -> dict[str, Any]:
    """An answers file: YAML with `title`, `sections` and any of the metadata keys, read with
    the hardened loader (document.load_yaml) and each value checked for its type; a problem is
    one line naming the file and the key's line."""
    text = _answers_text(path)
    try:
        data = load_yaml(text, "answers file", 1)
    except YamlProblem as problem:
        raise UsageError(problem.message, path, problem.line) from None
    for key in data:
        if key not in _ANSWER_KEYS:
            raise UsageError(
                f"answers file has an unknown key {key!r}; known: {', '.join(_ANSWER_KEYS)}",
                path,
                _line_of(text, key),
            )
    return {key: _checked_answer(key, value, path, text) for key, value in data.items()}


def _answers_text(path: Path) -> str:
    """The answers file's text, read up to MAX_ANSWERS_BYTES (a pipe is fine, `/dev/zero` is
    not read forever)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise UsageError("answers file does not exist", path) from None
    except OSError as error:
        raise UsageError(f"cannot read answers file: {error.strerror}", path) from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise UsageError(f"answers file is over {MAX_ANSWERS_BYTES // 1024} KB", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("answers file is not valid UTF-8", path) from None


def _checked_answer(key: str, value: Any, path: Path, text: str) -> Any:
    """`value` of `key` in the form `adr new` uses, or a UsageError at the key's line."""

    def refuse(what: str) -> UsageError:
        return UsageError(f"{key} must be {what}, not {_shown(value)}", path, _line_of(text, key))

    if value is None:
        return None
    if key in ("title", "status", "template"):
        if not isinstance(value, str):
            raise refuse("text")
        return value
    if key in ("date", "review-by"):
        if not isinstance(value, str) or not _is_iso_date(value):
            raise refuse("a date such as 2026-11-23")
        return value
    if key in ("tags", "decision-makers"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(_is_word(item) for item in items):
            raise refuse("a list of words, such as [storage, api]")
        return [str(item) for item in items]
    if key == "supersedes":
        items = value if isinstance(value, list) else [value]
        numbers = [_adr_number(item) for item in items]
        if None in numbers:
            raise refuse("a list of ADR numbers, such as [3, 12]")
        return numbers
    if not isinstance(value, dict) or not all(
        _is_word(title) and _is_section_answer(answer) for title, answer in value.items()
    ):
        raise refuse("a mapping of section titles to text, lists or labelled items")
    return value


def _is_word(value: Any) -> bool:
    """Text, or a number written where text goes (`tags: [2024]`)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _is_section_answer(value: Any, depth: int = 0) -> bool:
    """Text, a list of entries, or labelled items whose answers may have fields of their own
    (`Failure modes: {Database slow: {Mitigation: ...}}`): two levels of labels at most."""
    if value is None or _is_word(value):
        return True
    if isinstance(value, list):
        return depth == 0 and all(_is_word(item) for item in value)
    if isinstance(value, dict) and depth < 2:
        return all(_is_word(k) and _is_section_answer(v, depth + 1) for k, v in value.items())
    return False


def _adr_number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    match = re.fullmatch(r"(?:adr[-_ ]?)?0*(\d{1,9})", str(value).strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def _is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut short."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _line_of(text: str, key: str) -> int | None:
    """The line of the first `key:` of the file (quoted or not, at any indent), for messages."""
    for number, line in enumerate(text.split("\n"), start=1):
        rest = line.lstrip(" \t\"'")
        if rest.startswith(key) and rest[len(key) :].lstrip("\"' \t").startswith(":"):
            return number
    return None


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
            sections[str(title)] = _flat_items(value)
        elif value is not None:
            sections[str(title)] = str(value)
    return sections


def _flat_items(value: Mapping[Any, Any], parent: str = "") -> dict[str, str]:
    """Labelled items of an answers file; the fields of an item, given as a mapping under
    it, become `Item.Field` keys (`Database slow: {Mitigation: ...}`)."""
    flat: dict[str, str] = {}
    for key, text in value.items():
        label = f"{parent}.{key}" if parent else str(key)
        if isinstance(text, dict):
            flat.update(_flat_items(text, label))
        else:
            flat[label] = "" if text is None else str(text)
    return flat


def write_new(config: Config, draft: Draft, also_taken: Iterable[int] = ()) -> Path:
    """Write the draft under the next free number; returns the new file's path."""
    return create_numbered(config, draft.title, draft.render(), also_taken)


def init_log(
    root: Path,
    directory: str = DEFAULT_DIRECTORY,
    template: Template | None = None,
    date: str | None = None,
    decision_makers: Iterable[str] = (),
) -> tuple[Path, Path]:
    """Create `.adr.toml`, the ADR folder and ADR 0001 (accepted, by `decision_makers`);
    refuses to touch an existing log."""
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
        decision_makers=list(decision_makers),
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
