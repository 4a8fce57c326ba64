"""Write YAML front matter the way a person would, and edit keys without touching the rest.

We emit YAML ourselves instead of through a dumper: the output must be stable byte for byte,
keep the key order of DESIGN.md section 2, and read back to exactly the same values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

Value: TypeAlias = str | int | Sequence[str] | Sequence[int] | Mapping[str, Sequence[int]] | None

KEY_ORDER = (
    "status",
    "date",
    "decision-makers",
    "consulted",
    "informed",
    "tags",
    "supersedes",
    "superseded-by",
    "links",
    "review-by",
    "template",
)
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.+/-]*(?: [A-Za-z0-9_.+/-]+)*")
_RESERVED = re.compile(r"(?i)y|n|yes|no|true|false|on|off|null|~|\.nan|\.inf")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters YAML does not allow raw in a double-quoted scalar, and the line breaks it would
# fold (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): all written as \u escapes.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff"
)


def quote(text: str) -> str:
    """A YAML double-quoted scalar for any string (JSON's escapes are valid YAML)."""
    encoded = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def scalar(text: str, in_flow: bool = False) -> str:
    """Plain when it is unambiguous words (`Ana Silva`), quoted otherwise."""
    if (
        _PLAIN.fullmatch(text)
        and not _RESERVED.fullmatch(text)
        and not (in_flow and any(c in text for c in ",[]{}"))
    ):
        return text
    return quote(text)


def render_value(key: str, value: Value) -> str:
    if isinstance(value, bool):
        raise TypeError(f"{key}: booleans are not ADR values")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if key in ("date", "review-by") and _ISO_DATE.fullmatch(value):
            return value
        return quote(value) if key == "status" else scalar(value)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{scalar(k, True)}: {render_value(k, v)}" for k, v in value.items())
        return "{" + inner + "}"
    if value is None:
        return "null"
    items = [str(item) if isinstance(item, int) else scalar(item, True) for item in value]
    return "[" + ", ".join(items) + "]"


def render(fields: Mapping[str, Value]) -> str:
    """The whole front matter block, keys in the standard order, then any others."""
    ordered = [key for key in KEY_ORDER if key in fields]
    ordered += [key for key in fields if key not in KEY_ORDER]
    lines = [f"{key}: {render_value(key, fields[key])}" for key in ordered]
    return "---\n" + "\n".join(lines) + "\n---\n"


def set_keys(text: str, updates: Mapping[str, Value], path: Path | None = None) -> str:
    """`text` with the given front-matter keys set; every other byte is kept.

    A key that exists is replaced where it stands (with its trailing comment); a new key goes
    after the key that precedes it in the standard order. A file without front matter gets
    a new block. Line endings follow the file's own. Keys are found by YAML's own parser, so
    a line inside a multi-line value (`notes: "a⏎status: b"`, a `|` block, a flow list over
    several lines) is never taken for a key; front matter it cannot read is an error naming
    `path` and the line, and nothing is edited.
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    close = _closing_line(lines)
    if close is None:
        block = render({key: value for key, value in updates.items() if value is not None})
        return block.replace("\n", newline) + text
    for key, value in updates.items():
        spans = _key_spans(lines, close, path)
        span = spans.get(key)
        if value is None:
            if span is not None:
                del lines[span[0] : span[1]]
                close -= span[1] - span[0]
            continue
        rendered = f"{key}: {render_value(key, value)}"
        if span is not None:
            comment = _trailing_comment(lines[span[0]]) if span[1] - span[0] == 1 else ""
            own = lines[span[1] - 1][len(lines[span[1] - 1].rstrip("\r\n")) :] or newline
            lines[span[0] : span[1]] = [rendered + comment + own]  # the line keeps its ending
            close -= span[1] - span[0] - 1
        else:
            lines.insert(_insert_position(spans, key), rendered + newline)
            close += 1
    return "".join(lines)


def _closing_line(lines: list[str]) -> int | None:
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return index
    return None


def _key_spans(lines: list[str], close: int, path: Path | None) -> dict[str, tuple[int, int]]:
    """Each top-level key of the front matter (`lines[1:close]`) -> the lines [start, end)
    holding it and its value, as YAML's parser reads them."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose("".join(lines[1:close]), Loader=loader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark else 1
        raise AdrError(
            f"the front matter is not valid YAML ({error.problem}); fix it before adr edits it",
            path,
            line,
        ) from None
    except yaml.YAMLError as error:
        raise AdrError(f"the front matter is not valid YAML ({error})", path, 1) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise AdrError("the front matter is not a mapping of keys; adr cannot edit it", path, 2)
    spans: dict[str, tuple[int, int]] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue  # `[a]: 1`: no key of ours
        key = str(key_node.value)
        if key in spans:
            raise AdrError(
                f"the front matter has the key {key!r} twice; keep one",
                path,
                key_node.start_mark.line + 2,
            )
        start = key_node.start_mark.line + 1
        end_mark = value_node.end_mark
        end = end_mark.line + 1 + (1 if end_mark.column > 0 else 0)
        while end - 1 > start and not lines[end - 1].strip():
            end -= 1  # blank lines after the value belong to no key
        spans[key] = (start, max(end, start + 1))
    return spans


def _trailing_comment(line: str) -> str:
    """The ` # comment` at the end of a one-line value, outside quotes."""
    body = line.rstrip("\r\n")
    quote_char: str | None = None
    for index, char in enumerate(body):
        if quote_char:
            if char == quote_char:
                quote_char = None
        elif char in "\"'":
            quote_char = char
        elif char == "#" and index > 0 and body[index - 1] in " \t":
            start = index
            while start > 0 and body[start - 1] in " \t":
                start -= 1
            return body[start:]
    return ""


def _insert_position(spans: Mapping[str, tuple[int, int]], key: str) -> int:
    """After the last key that comes before `key` in the standard order (else first)."""
    order = {name: rank for rank, name in enumerate(KEY_ORDER)}
    rank = order.get(key, len(KEY_ORDER))
    position = 1
    for name, (_start, end) in spans.items():
        if order.get(name, len(KEY_ORDER)) <= rank:
            position = max(position, end)
    return position
