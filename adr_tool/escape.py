"""Text read from ADR files, made safe for each place it is shown.

Titles, tags, statuses, relation names and file names are written by anyone who can open a pull
request. Printed raw, an escape sequence in them clears the screen, sets the window title or
writes the clipboard (OSC 52); in Mermaid, DOT or Markdown a quote or a line break in them adds
lines or attributes of its own. Every output escapes them here, for its own syntax (the site's
HTML goes through `html.escape` where it is built).
"""

from __future__ import annotations

import json
import re
from typing import Any

# What a terminal obeys instead of showing: C0 controls, DEL, C1 controls (CSI is U+009B), and
# the Unicode controls that reorder the text around them (bidi marks, embeddings, overrides,
# isolates). `terminal` keeps tabs and line ends, and a carriage return that ends a CRLF line.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_TERMINAL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
# What JSON may hold raw but a terminal (or a JavaScript string) would not take as text.
_JSON_RAW = re.compile(rf"[\x7f-\x9f{_BIDI}\u2028\u2029]")
# Mermaid decodes `#code;` and `#name;` entities in labels (its own escapes: a `\` is text),
# so a `#` or `;` of the text is written as an entity too, as are the quote that would end the
# label, the brackets of HTML, `&` of HTML entities and the backtick of Markdown labels.
_MERMAID = str.maketrans(
    {'"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", ";": "#59;", "&": "#38;", "`": "#96;"}
)
_RELATION = re.compile(r"[a-z][a-z0-9-]*")  # a relation name that every format takes as it is


def terminal(text: str) -> str:
    """`text` as it may be printed: each control character a terminal would obey is shown as
    its escape (`\\x1b`, `\\u202e`); tabs and line ends are kept."""
    return _TERMINAL.sub(_visible, text)


def one_line(text: str) -> str:
    """`text` as one line: blanks and line breaks become single spaces, controls are shown."""
    return _CONTROL.sub(_visible, " ".join(text.split()))


def _visible(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def json_text(data: Any) -> str:
    """`data` as indented JSON whose strings hold nothing a terminal obeys (C1 controls and
    bidi controls are written as `\\u` escapes: the same JSON value)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def plain_relation(name: str) -> bool:
    """Whether a relation name is a lower-case word (`amends`, `relates-to`)."""
    return _RELATION.fullmatch(name) is not None


def mermaid_label(text: str) -> str:
    """Text for inside a quoted Mermaid label: one line, with Mermaid's entities for what its
    parser would read (`"`, `#`, `;`, `<`, `>`, `&`, `` ` ``)."""
    return one_line(text).translate(_MERMAID)


def dot_string(text: str) -> str:
    """Text for inside a quoted DOT string: one line, backslashes and quotes escaped (so no
    `\\N`-style escape and no attribute can be written from it)."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def markdown_text(text: str) -> str:
    """Text that stays text in Markdown, in a table cell or a link label: one line, no HTML,
    no link, no column of its own."""
    return (
        one_line(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )
