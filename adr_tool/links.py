"""Relative links in Markdown text, outside code: listed for lint, rewritten when files move.

Inline links and images (`[text](target "title")`, `<target with spaces>` too) and reference
definitions (`[id]: target`) are links; text in fenced code blocks and `code spans` is not.
Pure text in, text out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from urllib.parse import unquote

# Each pattern is linear: every quantifier is bounded by a character the next part cannot take.
_INLINE = re.compile(  # from `](`, a literal the engine looks for fast; the label is found apart
    r"\]\((?P<target><[^<>\n]*>|[^\s()<>]+)"
    r"(?:[ \t]+(?:(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))[ \t]*)?)?\)"
)
_DEFINITION = re.compile(r"(?m)^ {0,3}\[[^\[\]\n]+\]:[ \t]*(?P<target><[^<>\n]*>|[^\s<>]+)")
_FENCE = re.compile(r"(?m)^ {0,3}(`{3,}|~{3,})([^\n]*)$")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_AFTER_ALL = float("inf")
_LABEL_MAX = 1000  # a link text longer than this is not looked for (nor rewritten)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico")
CHECKED_SUFFIXES = (".md", ".markdown", *IMAGE_SUFFIXES)

# (label or None, target without <>) -> the new pair, or None to keep the link as written
Rewrite = Callable[[str | None, str], tuple[str | None, str] | None]


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of fenced code blocks, fences included."""
    ranges: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for fence in _FENCE.finditer(text):
        if opened is None:
            opened = fence
        elif (
            fence.group(1)[0] == opened.group(1)[0]
            and len(fence.group(1)) >= len(opened.group(1))
            and not fence.group(2).strip()
        ):
            ranges.append((opened.start(), fence.end()))
            opened = None
    if opened is not None:
        ranges.append((opened.start(), len(text)))  # an unclosed fence runs to the end
    return ranges


def _links(text: str) -> list[tuple[re.Match[str], bool]]:
    """Every link match outside code, in order; the flag says whether it is inline."""
    if "](" not in text and "]:" not in text:
        return []  # most files of a log: nothing to look at
    found = [(m, True) for m in _INLINE.finditer(text)]
    if "]:" in text:
        found += [(m, False) for m in _DEFINITION.finditer(text)]
        found.sort(key=lambda pair: pair[0].start())
    if "`" not in text and "~~~" not in text:
        return found  # no code anywhere: every link counts
    code = _code_ranges(text) if "```" in text or "~~~" in text else []
    starts = [start for start, _ in code]
    newlines = [m.start() for m in re.finditer("\n", text)]
    spans_of_line: dict[int, list[tuple[int, int]]] = {}  # code spans, each line scanned once
    kept = []
    for match, inline in found:
        position = match.start("target")
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < code[index][1]:
            continue
        line = bisect.bisect_left(newlines, position)
        line_start = newlines[line - 1] + 1 if line else 0
        if line not in spans_of_line:
            line_end = newlines[line] if line < len(newlines) else len(text)
            spans_of_line[line] = _spans(text[line_start:line_end])
        if _inside_span(spans_of_line[line], position - line_start):
            continue
        kept.append((match, inline))
    return kept


def _label(text: str, close: int) -> int | None:
    """Where the text of the link whose `]` is at `close` starts (after its `[`), if on one line
    and without brackets."""
    start = text.rfind("[", max(0, close - _LABEL_MAX), close)  # bounded: linear on any text
    between = text[start + 1 : close] if start >= 0 else "\n"
    return start + 1 if "]" not in between and "\n" not in between else None


def _inside_span(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of the (sorted, disjoint) code spans."""
    index = bisect.bisect_right(spans, (offset, _AFTER_ALL)) - 1  # the last span starting there
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _spans(line: str) -> list[tuple[int, int]]:
    if "`" not in line:
        return []
    return [m.span() for m in _CODE_SPAN.finditer(line)]


def _bare(target: str) -> str:
    return target[1:-1] if target.startswith("<") else target


def targets(text: str) -> list[tuple[int, str]]:
    """(line, target as written without <>) of every link outside code, lines from 1."""
    found: list[tuple[int, str]] = []
    line, counted = 1, 0
    for match, _ in _links(text):  # in order: lines are counted once, as they go by
        position = match.start("target")
        line += text.count("\n", counted, position)
        counted = position
        found.append((line, _bare(match.group("target"))))
    return found


def rewrite(text: str, change: Rewrite) -> str:
    """`text` with each link that `change` answers for rewritten; every other byte kept."""
    pieces: list[str] = []
    position = 0
    for match, inline in _links(text):
        label_at = _label(text, match.start()) if inline else None
        label = text[label_at : match.start()] if label_at is not None else None
        written = match.group("target")
        answer = change(label, _bare(written))
        if answer is None:
            continue
        new_label, new_target = answer
        if written.startswith("<") or " " in new_target:
            new_target = f"<{new_target}>"
        if label_at is not None and new_label is not None and position <= label_at:
            pieces += [text[position:label_at], new_label]
            position = match.start()
        pieces += [text[position : match.start("target")], new_target]
        position = match.end("target")
    return "".join([*pieces, text[position:]]) if pieces else text


def local_path(target: str) -> str | None:
    """The file path part of a relative link (`../x.md#y` -> `../x.md`, `%20` decoded); None
    for a URL, a `mailto:`, an absolute path or a bare `#anchor`."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or path.startswith(("/", "\\")) or _SCHEME.match(path):
        return None
    return unquote(path) if "%" in path else path


def is_checked(target: str) -> bool:
    """A link lint checks: a relative link to Markdown or an image."""
    path = local_path(target)
    return path is not None and path.lower().endswith(CHECKED_SUFFIXES)
