"""Relative links in Markdown text, outside code: listed for lint, rewritten when files move.

Inline links and images (`[text](target "title")`, `<target with spaces>` too) and reference
definitions (`[id]: target`) are links; text in fenced code blocks and `code spans` is not.
Pure text in, text out; the one function that looks at the disk (`exists_within`) never
looks outside the folder it is given.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

# Each pattern is linear: every quantifier is bounded by a character the next part cannot take.
_INLINE = re.compile(
    r"(?:\[(?P<label>[^\[\]\n]*))?\]\((?P<target><[^<>\n]*>|[^\s()<>]+)"
    r"(?:[ \t]+(?:(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))[ \t]*)?)?\)"
)
_DEFINITION = re.compile(r"(?m)^ {0,3}\[[^\[\]\n]+\]:[ \t]*(?P<target><[^<>\n]*>|[^\s<>]+)")
_FENCE = re.compile(r"(?m)^ {0,3}(`{3,}|~{3,})([^\n]*)$")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
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
    code = _code_ranges(text)
    starts = [start for start, _ in code]
    found = [(m, True) for m in _INLINE.finditer(text)]
    found += [(m, False) for m in _DEFINITION.finditer(text)]
    kept = []
    for match, inline in sorted(found, key=lambda pair: pair[0].start()):
        position = match.start("target")
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < code[index][1]:
            continue
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if any(s <= position - line_start < e for s, e in _spans(line)):
            continue
        kept.append((match, inline))
    return kept


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
        label = match.group("label") if inline else None
        written = match.group("target")
        answer = change(label, _bare(written))
        if answer is None:
            continue
        new_label, new_target = answer
        if written.startswith("<") or " " in new_target:
            new_target = f"<{new_target}>"
        if label is not None and new_label is not None:
            pieces += [text[position : match.start("label")], new_label]
            position = match.end("label")
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


def exists_within(root: Path, path: Path, hops: int = 0) -> bool | None:
    """Whether `path` (absolute, normalised) exists, looking at nothing outside `root`: each
    symbolic link on the way is read, never followed out; None when one leads outside (or
    links loop), since what is there is not ours to judge."""
    if hops > 40 or (path != root and root not in path.parents):
        return None
    current = root
    parts = path.relative_to(root).parts
    for index, part in enumerate(parts):
        current = current / part
        try:
            info = current.lstat()
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode):
            try:
                pointed = current.readlink()
            except OSError:
                return False
            leads = Path(os.path.normpath(current.parent / pointed / Path(*parts[index + 1 :])))
            return exists_within(root, leads, hops + 1)
    return True
