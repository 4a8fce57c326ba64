"""Templates: Markdown files whose own front matter declares the sections an ADR must have.

A template's body is the skeleton of a new ADR. Each section holds its guidance as an HTML
comment (the interactive flow asks it as the question); a section with labelled items holds
one `- Label: <!-- guidance -->` line per item. Filling a template replaces guidance with
answers and keeps everything that was not answered, so lint can point at what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .boundary import refuse_outside
from .document import parse, split_lines, strip_comments
from .errors import AdrError

if TYPE_CHECKING:
    from collections.abc import Mapping

Answer: TypeAlias = str | list[str] | dict[str, str]
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_ITEM_LINE = re.compile(r"^(\s*[-*]\s+)(?:\*\*)?([^:*]+?)(?:\*\*)?:(.*)$")


@dataclass(frozen=True)
class SectionSpec:
    title: str
    required: bool = True
    items: tuple[str, ...] = ()  # labelled items that must each be answered
    min_items: int = 0  # list entries the section must hold (options)
    guidance: str = ""
    item_guidance: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    sections: tuple[SectionSpec, ...]
    body: str
    origin: str  # "built-in" or the project file it came from

    def section(self, title: str) -> SectionSpec | None:
        wanted = title.casefold()
        return next((s for s in self.sections if s.title.casefold() == wanted), None)


def _builtin_files() -> dict[str, str]:
    """Name -> text of the shipped templates, from the wheel or from a source checkout."""
    packaged = resources.files("adr_tool") / "templates"
    if packaged.is_dir():
        return {
            entry.name[:-3]: entry.read_text(encoding="utf-8")
            for entry in packaged.iterdir()
            if entry.name.endswith(".md")
        }
    checkout = Path(__file__).resolve().parent.parent / "templates"
    return {path.stem: path.read_text(encoding="utf-8") for path in checkout.glob("*.md")}


def available(adr_directory: Path | None, root: Path | None = None) -> dict[str, Template]:
    """Every template by name: the built-ins, overridden or extended by `<adr-dir>/templates/`
    (whose files must not lead out of the repository `root`, by default the ADR folder)."""
    found = {
        name: parse_template(text, name, "built-in") for name, text in _builtin_files().items()
    }
    if adr_directory is not None:
        for path in project_files(adr_directory, root or adr_directory):
            found[path.stem] = read_project_template(path, root or adr_directory)
    return dict(sorted(found.items()))


def project_files(adr_directory: Path, root: Path) -> list[Path]:
    """The files of `<adr-dir>/templates/`; an AdrError if that folder leads out of `root`."""
    folder = adr_directory / "templates"
    if not folder.is_dir():
        return []
    refuse_outside(folder, root.resolve())
    return sorted(folder.glob("*.md"))


def read_project_template(path: Path, root: Path) -> Template:
    """A project template; an AdrError naming it if it leads out of `root` or cannot be read."""
    refuse_outside(path, root.resolve())
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AdrError(f"cannot read template: {error}", path) from None
    return parse_template(text, path.stem, str(path))


def load(name: str, adr_directory: Path | None, root: Path | None = None) -> Template:
    templates = available(adr_directory, root)
    if name not in templates:
        raise AdrError(f"no template named {name!r}; available: {', '.join(templates)}")
    return templates[name]


def parse_template(text: str, name: str, origin: str) -> Template:
    document = parse(text, Path(origin))
    where = Path(origin) if origin != "built-in" else Path(f"templates/{name}.md")
    if document.problems:
        problem = document.problems[0]
        raise AdrError(problem.message, where, problem.line)
    meta = document.metadata
    declared = meta.get("sections")
    if not isinstance(declared, list) or not declared:
        raise AdrError("template front matter must list its `sections`", where, 1)
    guidance = _guidance_by_section(document)
    specs = tuple(_section_spec(entry, guidance, where) for entry in declared)
    body = "\n".join(document.body_lines) + "\n"
    return Template(
        str(meta.get("name", name)), str(meta.get("description", "")), specs, body, origin
    )


def _section_spec(
    entry: Any, guidance: dict[str, tuple[str, dict[str, str]]], where: Path
) -> SectionSpec:
    if isinstance(entry, str):
        entry = {"title": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
        raise AdrError(f"each section needs a title, not {entry!r}", where)
    title = entry["title"]
    text, items_guidance = guidance.get(title.casefold(), ("", {}))
    items = entry.get("items", [])
    min_items = entry.get("min-items", 0)
    if not isinstance(items, list) or not isinstance(min_items, int):
        raise AdrError(f"section {title!r}: items must be a list and min-items a number", where)
    return SectionSpec(
        title=title,
        required=bool(entry.get("required", True)),
        items=tuple(str(i) for i in items),
        min_items=min_items,
        guidance=text,
        item_guidance=items_guidance,
    )


def _guidance_by_section(document: Any) -> dict[str, tuple[str, dict[str, str]]]:
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for section in document.sections():
        section_guidance = ""
        items: dict[str, str] = {}
        for line in section.lines:
            item = _ITEM_LINE.match(line)
            comment = _COMMENT.search(line)
            if item and not strip_comments(item.group(3)).strip():
                items[item.group(2).strip()] = comment.group(1).strip() if comment else ""
            elif comment and not section_guidance:
                section_guidance = " ".join(comment.group(1).split())
        found[section.title.casefold()] = (section_guidance, items)
    return found


def fill(template: Template, title: str, answers: Mapping[str, Answer]) -> str:
    """The body of a new ADR: the template with its H1 set to `title` and answers in place."""
    document = parse(template.body, Path(template.origin))
    lines = list(document.body_lines)
    replaced: list[tuple[int, int, list[str]]] = []
    h1 = document.h1
    if h1 is None:
        raise AdrError("template has no `# Title` line", Path(template.origin))
    replaced.append((h1.line - 1, h1.line, [heading(title)]))
    lookup = {key.casefold(): value for key, value in answers.items()}
    for section in document.sections():
        answer = lookup.get(section.title.casefold())
        if answer is None or answer == "" or answer == [] or answer == {}:
            continue
        start = section.first_line - 1
        stop = start + len(section.lines)
        replaced.append((start, stop, _render_section(section.lines, answer)))
    for start, stop, new in sorted(replaced, reverse=True):
        lines[start:stop] = new
    return "\n".join(lines).rstrip("\n") + "\n"


def heading(title: str) -> str:
    """`# title`, with an explicit closing `#` when the title itself ends in `#`s after a
    space, which Markdown would otherwise take as the closing sequence."""
    text = _one_line(title)
    if re.search(r"(?:^|[ \t])#+$", text):
        return f"# {text} #"
    return f"# {text}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _render_section(original: tuple[str, ...], answer: Answer) -> list[str]:
    if isinstance(answer, dict):
        return _render_items(original, answer)
    if isinstance(answer, list):
        body = [line for item in answer for line in _bullet(item)]
    else:
        body = split_lines(answer.strip("\n"))
    return ["", *body, ""]


def _bullet(text: str) -> list[str]:
    first, *rest = split_lines(text.strip()) or [""]
    return [f"- {first}", *(f"  {line}" if line else "" for line in rest)]


def _render_items(original: tuple[str, ...], answers: dict[str, str]) -> list[str]:
    lookup = {label.casefold(): text for label, text in answers.items() if text.strip()}
    rendered: list[str] = []
    seen: set[str] = set()
    for line in original:
        item = _ITEM_LINE.match(line)
        label = item.group(2).strip() if item else ""
        if item and label.casefold() in lookup:
            first, *rest = split_lines(lookup[label.casefold()].strip())
            rendered.append(f"{item.group(1)}{label}: {first}")
            rendered.extend(f"  {extra}" if extra else "" for extra in rest)
            seen.add(label.casefold())
        elif _COMMENT.fullmatch(line.strip()) and lookup:
            continue  # the section's guidance goes once it is answered
        else:
            rendered.append(line)
    extras = [
        f"- {label}: {' '.join(text.split())}"
        for label, text in answers.items()
        if label.casefold() not in seen and text.strip()
    ]  # items the template lacks
    while rendered and rendered[-1] == "":
        rendered.pop()
    while len(rendered) > 1 and rendered[0] == "" and rendered[1] == "":
        rendered.pop(0)
    return [*rendered, *extras, ""]
