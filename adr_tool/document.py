"""One file's text -> front matter, headings and sections, with file line numbers.

Headings are found by a line scanner: fenced code blocks are skipped, ATX and setext headings
are both seen. Reading is tolerant: what cannot be understood becomes a `Problem` that lint
reports, so that `list` and `show` still work on a log with a broken file in it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ORDERED_ITEM = re.compile(r"\d+[.)] ")
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


@functools.cache
def _safe_loader() -> Any:
    """PyYAML's safe loader, stricter where ADR front matter needs it (built on first use:
    most front matter takes the fast path, and `adr lint FILE` should not pay for PyYAML).

    Dates stay text (so `2022-21-11` is a finding, not a crash), `0012` is twelve (not octal
    ten), and a key given twice is an error instead of silently taking the last value.
    """
    import yaml

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
    if "\r" not in text:
        return lines  # the usual case: no line to trim
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
    scanned: list[Heading] | None = None  # all headings, scanned the first time they are asked
    title_scan: list[Heading] | None = None  # the first H1 alone, when that is all that was asked
    problems: list[Problem] = field(default_factory=list)
    by_level: dict[int, list[Section]] = field(default_factory=dict, repr=False)  # sections()

    @property
    def h1(self) -> Heading | None:
        if self.scanned is None:  # the title alone: scan no further than the first H1
            if self.title_scan is None:
                lines = self._scanned_lines()
                self.title_scan = _scan_headings(lines, self.body_start, h1_only=True)
            return next(iter(self.title_scan), None)
        return next((h for h in self.scanned if h.level == 1), None)

    @property
    def headings(self) -> list[Heading]:
        """Every heading outside code fences; computed once, on first use (`adr lint FILE`
        and `adr list` on our own format never need them)."""
        if self.scanned is None:
            self.scanned = _scan_headings(self._scanned_lines(), self.body_start)
        return self.scanned

    def _scanned_lines(self) -> list[str]:
        """The body as the heading scanner sees it: in MDX, JSX and admonitions blanked."""
        if self.path.suffix.lower() != ".mdx":
            return self.body_lines
        kinds = mdx_kinds(self.body_lines)
        return [line if not kind else "" for line, kind in zip(self.body_lines, kinds, strict=True)]

    def sections(self, level: int = 2) -> list[Section]:
        """The sections opened by headings of `level` (the H2s of an ADR); computed once."""
        if level not in self.by_level:
            self.by_level[level] = self._sections(level)
        return self.by_level[level]

    def _sections(self, level: int) -> list[Section]:
        opened: list[tuple[Heading, int]] = []  # each heading, and the line its section ends at
        ends_at = self.body_start + len(self.body_lines)
        for heading in reversed(self.headings):  # one pass, from the end
            if heading.level == level:
                opened.append((heading, ends_at))
            if heading.level <= level:
                ends_at = heading.line
        lines, first = self.body_lines, self.body_start
        return [
            Section(heading, tuple(lines[heading.line + 1 - first : end - first]), heading.line + 1)
            for heading, end in reversed(opened)
        ]

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
        lines = self._scanned_lines()  # in MDX, no metadata is read from JSX or admonitions
        return [
            (self.body_start + i, line)
            for i, line in enumerate(self.body_lines[:stop])
            if lines is self.body_lines or lines[i]
        ]


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
    return document


# The front matter adr-tool writes, and most people write: one `key: value` per line, values
# plain words, quoted strings without escapes, numbers, or flat [lists] and {key: [lists]}.
# Such blocks are read here directly (10x faster than PyYAML's constructor, which costs
# seconds at 10,000 ADRs); anything else goes to PyYAML. The property tests check that the
# two agree.
_FAST_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*$")
_FAST_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*")
_FAST_RESERVED = re.compile(r"(?i)y|n|yes|no|true|false|on|off|null|nan|inf")
_FAST_INT = re.compile(r"[-+]?[0-9]+")
_FAST_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FAST_QUOTED = re.compile(r'"([^"\\]*)"|\'([^\']*)\'')
_FAST_MAP_ENTRY = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(\[[^\[\]{}]*\])\s*(?:,|$)")
_NOT_FAST = object()


def _fast_scalar(text: str) -> object:
    first = text[:1]
    if first in ("'", '"'):
        quoted = _FAST_QUOTED.fullmatch(text)
        if quoted is None:
            return _NOT_FAST
        value = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
        return value if "\n" not in value else _NOT_FAST
    if first.isdigit() or first in ("-", "+"):
        if _FAST_INT.fullmatch(text):
            return int(text, 10)
        if _FAST_DATE.fullmatch(text):
            return text  # dates stay text, as with the YAML loader
        return _NOT_FAST
    if _FAST_WORD.fullmatch(text) and not _FAST_RESERVED.fullmatch(text):
        return text
    return _NOT_FAST


def _fast_list(text: str) -> object:
    inner = text[1:-1].strip()
    if not inner:
        return []
    items = [_fast_scalar(part.strip()) for part in inner.split(",")]
    return _NOT_FAST if any(item is _NOT_FAST for item in items) else items


def _fast_front_matter(source: str) -> dict[str, Any] | None:
    """The block read without PyYAML, or None when it is not of the simple form."""
    data: dict[str, Any] = {}
    for line in source.split("\n"):
        stripped = line.lstrip()
        if not stripped or stripped[0] == "#":
            continue
        match = _FAST_KEY.fullmatch(line)
        if match is None or match.group(1) in data:
            return None
        text = match.group(2) or ""
        if " #" in text or "\t#" in text:
            return None  # trailing comments: let YAML decide what is a comment
        if not text:
            return None  # a nested block follows, or an empty value: YAML's job
        if text.startswith("[") and text.endswith("]"):
            value = _fast_list(text)
        elif text.startswith("{") and text.endswith("}"):
            value = _fast_map(text[1:-1])
        else:
            value = _fast_scalar(text)
        if value is _NOT_FAST:
            return None
        data[match.group(1)] = value
    return data


def _fast_map(inner: str) -> object:
    """`amends: [5], relates-to: [1, 2]`: keys to flat lists, nothing else."""
    result: dict[str, object] = {}
    position = 0
    while position < len(inner):
        entry = _FAST_MAP_ENTRY.match(inner, position)
        if entry is None or entry.group(1) in result:
            return _NOT_FAST
        items = _fast_list(entry.group(2))
        if items is _NOT_FAST:
            return _NOT_FAST
        result[entry.group(1)] = items
        position = entry.end()
    return result if result else _NOT_FAST


def _load_front_matter(source: str, document: Document) -> dict[str, Any]:
    fast = _fast_front_matter(source)
    if fast is not None:
        return fast
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    try:
        data = YAMLHandler().load(source, Loader=_safe_loader())  # python-frontmatter's handler
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


# MDX: import/export statements (up to a blank line), JSX tags of components (`<Tabs>`,
# `<Chart data={x} />`, over several lines until the tag closes) and `:::note` admonitions.
_ESM = re.compile(r"^(?:import|export)[ \t{*]")
_JSX = re.compile(r"^ {0,3}</?(?:[A-Z][\w.]*|>)")
_ADMONITION = re.compile(r"^ {0,3}(:{3,})[ \t]*(.*)$")


def mdx_kinds(lines: list[str]) -> list[str]:
    """What each line of an MDX body is: "" for Markdown, "esm", "jsx", or "admonition" (its
    marker lines and everything inside it). These are kept verbatim and never read as headings
    or sections; code fences outside admonitions are Markdown."""
    kinds: list[str] = []
    fence: str | None = None
    open_admonitions: list[int] = []  # the colon count of each open admonition
    carry = ""  # "esm" or "jsx" while a statement or a tag runs over several lines
    for line in lines:
        stripped = line.strip()
        inside = "admonition" if open_admonitions else ""
        if fence is not None:
            if _closes(line, fence):
                fence = None
            kinds.append(inside)
            continue
        if carry:
            kinds.append(carry)
            ended = not stripped if carry == "esm" else stripped.endswith(">")
            carry = "" if ended else carry
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            colons = len(admonition.group(1))
            if admonition.group(2):
                open_admonitions.append(colons)
            elif open_admonitions and colons >= open_admonitions[-1]:
                open_admonitions.pop()
            kinds.append("admonition")
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = fence_match.group(1)
            kinds.append(inside)
            continue
        if inside:
            kinds.append(inside)
        elif _ESM.match(line):
            kinds.append("esm")
            carry = "esm"
        elif _JSX.match(line):
            kinds.append("jsx")
            carry = "" if stripped.endswith(">") else "jsx"
        else:
            kinds.append("")
    return kinds


def _closes(line: str, fence: str) -> bool:
    match = _FENCE.match(line)
    return bool(
        match
        and match.group(1)[0] == fence[0]
        and len(match.group(1)) >= len(fence)
        and not line.strip()[len(match.group(1)) :].strip()
    )


_MARKERS = frozenset("#`~=-")  # the first characters that can start a fence or a heading


def _scan_headings(lines: list[str], first_line: int, h1_only: bool = False) -> list[Heading]:
    """Headings in order; with `h1_only`, just the first level-1 heading, if any."""
    headings: list[Heading] = []
    fence: str | None = None
    previous_is_paragraph = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped[0] not in _MARKERS:  # most lines: plain text, fast path
            previous_is_paragraph = bool(stripped) and (
                fence is None and not _is_block_start(stripped)
            )
            continue
        first = stripped[0]  # each pattern below can only match after its own first character
        fence_match = _FENCE.match(line) if first in "`~" else None
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
                and not stripped[len(fence_match.group(1)) :].strip()
            ):
                fence = None
            previous_is_paragraph = False
            continue
        if fence_match:
            fence = fence_match.group(1)
            previous_is_paragraph = False
            continue
        atx = _ATX.match(line) if first == "#" else None
        if atx:
            text = strip_comments(atx.group(2) or "").strip()
            if not h1_only or len(atx.group(1)) == 1:
                headings.append(Heading(len(atx.group(1)), text, first_line + index))
                if h1_only:
                    break
            previous_is_paragraph = False
            continue
        setext = _SETEXT.match(line) if first in "=-" and previous_is_paragraph else None
        if setext:
            level = 1 if setext.group(1).startswith("=") else 2
            text = strip_comments(lines[index - 1]).strip()
            if not h1_only or level == 1:
                headings.append(Heading(level, text, first_line + index - 1))
                if h1_only:
                    break
            previous_is_paragraph = False
            continue
        previous_is_paragraph = not _is_block_start(stripped)
    return headings


def _is_block_start(stripped: str) -> bool:
    """Lines that cannot be the text of a setext heading (list items, quotes, tables, HTML)."""
    if stripped.startswith(("- ", "* ", "+ ", ">", "|", "<")):
        return True
    return stripped[0].isdigit() and _ORDERED_ITEM.match(stripped) is not None
