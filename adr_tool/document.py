"""One file's text -> front matter, headings and sections, with file line numbers.

Headings are found by a line scanner: fenced code blocks are skipped, ATX and setext headings
are both seen. Reading is tolerant: what cannot be understood becomes a `Problem` that lint
reports, so that `list` and `show` still work on a log with a broken file in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FM_CLOSE = ("---", "...")


@dataclass(frozen=True)
class Problem:
    """Something in a file that could not be read as intended; lint turns it into a finding."""

    code: str
    message: str
    line: int = 1


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # without the #'s and without HTML comments
    line: int  # 1-based line in the file


@dataclass(frozen=True)
class Section:
    """A heading and the body lines under it, up to the next heading of the same or higher level."""

    heading: Heading
    lines: tuple[str, ...]
    first_line: int  # file line of the first content line

    @property
    def title(self) -> str:
        return self.heading.text

    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, stricter where ADR front matter needs it.

    Dates stay text (so `2022-21-11` is a finding, not a crash), `0012` is twelve (not octal
    ten), and a key given twice is an error instead of silently taking the last value.
    """
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[object] = set()
            for key_node, _value in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_decimal_int(self, node: Any) -> int:
            text = str(self.construct_scalar(node)).replace("_", "")
            if re.fullmatch(r"[-+]?0[0-9]+", text):
                return int(text, 10)
            return int(yaml.constructor.SafeConstructor.construct_yaml_int(self, node))

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_decimal_int)

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


_LOADER = _safe_loader()
_HANDLER = YAMLHandler()  # python-frontmatter's YAML handler, with our safe loader


def decode(data: bytes, path: Path) -> str:
    """Strict UTF-8 (a BOM is dropped); a bad byte is an error naming its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AdrError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); re-save the file as UTF-8",
            path,
            line,
        ) from None


def split_lines(text: str) -> list[str]:
    """Lines without their endings; only \\n and \\r\\n end a line, as in editors and git."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def strip_comments(text: str) -> str:
    return _COMMENT.sub("", text)


@dataclass
class Document:
    path: Path
    text: str
    bom: bool = False  # the file started with a UTF-8 byte-order mark (kept on write)
    metadata: dict[str, Any] = field(default_factory=dict)
    front_matter: tuple[int, int] | None = None  # file lines of the opening and closing `---`
    body_start: int = 1  # file line of the first body line
    body_lines: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def h1(self) -> Heading | None:
        return next((h for h in self.headings if h.level == 1), None)

    def sections(self, level: int = 2) -> list[Section]:
        """The sections opened by headings of `level` (the H2s of an ADR)."""
        found: list[Section] = []
        positions = [
            (index, heading)
            for index, heading in enumerate(self.headings)
            if heading.level == level
        ]
        for index, heading in positions:
            end_line = self.body_start + len(self.body_lines)
            for later in self.headings[index + 1 :]:
                if later.level <= level:
                    end_line = later.line
                    break
            start = heading.line + 1 - self.body_start
            stop = end_line - self.body_start
            found.append(Section(heading, tuple(self.body_lines[start:stop]), heading.line + 1))
        return found

    def section(self, *titles: str) -> Section | None:
        """The first section whose title is one of `titles` (case-insensitive)."""
        wanted = {title.casefold() for title in titles}
        for section in self.sections():
            if section.title.casefold() in wanted:
                return section
        return None

    def preamble(self) -> list[tuple[int, str]]:
        """Body lines before the first H2, with their file line numbers."""
        first_h2 = next((h.line for h in self.headings if h.level == 2), None)
        stop = len(self.body_lines) if first_h2 is None else first_h2 - self.body_start
        return [(self.body_start + i, line) for i, line in enumerate(self.body_lines[:stop])]


def parse(text: str, path: Path) -> Document:
    """Split front matter from the body and find the headings; never raises on content."""
    lines = split_lines(text)
    document = Document(path=path, text=text)
    body_index = 0
    if lines and lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _FM_CLOSE), None)
        if close is None:
            document.problems.append(
                Problem("ADR101", "front matter opened with `---` is never closed", 1)
            )
        else:
            document.front_matter = (1, close + 1)
            document.metadata = _load_front_matter("\n".join(lines[1:close]), document)
            body_index = close + 1
    document.body_start = body_index + 1
    document.body_lines = lines[body_index:]
    document.headings = _scan_headings(document.body_lines, document.body_start)
    return document


def _load_front_matter(source: str, document: Document) -> dict[str, Any]:
    try:
        data = _HANDLER.load(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = 2 + (mark.line if mark else 0)
        reason = error.problem or error.context or "invalid YAML"
        document.problems.append(
            Problem("ADR101", f"front matter is not valid YAML: {reason}", line)
        )
        return {}
    except yaml.YAMLError as error:
        document.problems.append(Problem("ADR101", f"front matter is not valid YAML: {error}", 2))
        return {}
    if data is None:
        return {}
    if _shares_nodes(data):
        document.problems.append(
            Problem("ADR101", "front matter uses YAML anchors and aliases; write values out", 2)
        )
        return {}
    if not isinstance(data, dict):
        document.problems.append(
            Problem(
                "ADR101", f"front matter must be a mapping of keys, not {type(data).__name__}", 2
            )
        )
        return {}
    return {str(key): value for key, value in data.items()}


def _shares_nodes(data: Any) -> bool:
    """True when a list or mapping appears twice (an alias): refused, so that a "billion laughs"
    document costs one pass over its distinct nodes and can never be expanded."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def _scan_headings(lines: list[str], first_line: int) -> list[Heading]:
    headings: list[Heading] = []
    fence: str | None = None
    previous_is_paragraph = False
    for index, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
                and not line.strip()[len(fence_match.group(1)) :].strip()
            ):
                fence = None
            previous_is_paragraph = False
            continue
        if fence_match:
            fence = fence_match.group(1)
            previous_is_paragraph = False
            continue
        atx = _ATX.match(line)
        if atx:
            text = strip_comments(atx.group(2) or "").strip()
            headings.append(Heading(len(atx.group(1)), text, first_line + index))
            previous_is_paragraph = False
            continue
        setext = _SETEXT.match(line)
        if setext and previous_is_paragraph:
            level = 1 if setext.group(1).startswith("=") else 2
            text = strip_comments(lines[index - 1]).strip()
            headings.append(Heading(level, text, first_line + index - 1))
            previous_is_paragraph = False
            continue
        stripped = line.strip()
        previous_is_paragraph = bool(stripped) and not _is_block_start(stripped)
    return headings


def _is_block_start(stripped: str) -> bool:
    """Lines that cannot be the text of a setext heading (list items, quotes, tables, HTML)."""
    return stripped.startswith(("- ", "* ", "+ ", ">", "|", "<")) or bool(
        re.match(r"\d+[.)] ", stripped)
    )
