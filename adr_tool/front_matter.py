"""Write YAML front matter the way a person would, and edit keys without touching the rest.

We emit YAML ourselves instead of through a dumper: the output must be stable byte for byte,
keep the key order of DESIGN.md section 2, and read back to exactly the same values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

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
# Characters YAML does not allow raw in a double-quoted scalar.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff"
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
