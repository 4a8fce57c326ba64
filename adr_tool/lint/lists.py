"""Lists inside a section: labelled items (`- Latency: ...`) and entries (the options)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document import strip_comments
from .answers import is_placeholder, plain
from .titles import normalise

if TYPE_CHECKING:
    from ..document import Section

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Linear on any line. A lazy label before optional blanks (`(.+?)[ \t]*:`) retries the blanks
# from each position of a run, and blanks that can be given back (`[ \t]+` before a label that
# may start with one) retry the label from each: the label here starts and ends with a word,
# and the blanks around it are taken possessively.
_SUBHEADING = re.compile(r" {0,3}#{3,6}[ \t](?=.)")  # its text: see _subheading
_ITEM = re.compile(
    r"^ ?[-*+][ \t]++(?:\*\*|__)?[ \t]*+"
    r"([^:：\n*_ \t](?:[^:：\n*_]*[^:：\n*_ \t])?)[ \t]*+(?:\*\*|__)?[ \t]*+[:：](.*)$"
)
_TOP_BULLET = re.compile(r"^ ?(?:[-*+]|\d+[.)])[ \t]+")
_LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])[ \t]+\S")


def label_only(line: str) -> bool:
    item = _ITEM.match(line)
    return item is not None and not strip_comments(item.group(2)).strip()


def items(section: Section) -> dict[str, tuple[int, str]]:
    """Labelled items (`- Latency: ...`, or `### Latency` sub-sections): label -> line, answer."""
    found: dict[str, tuple[int, str]] = {}
    current: tuple[str, int, list[str]] | None = None
    fence: str | None = None

    def close() -> None:
        if current is not None:
            found.setdefault(current[0], (current[1], "\n".join(current[2])))

    for offset, line in enumerate(section.lines):
        fence_match = _FENCE.match(line)
        if fence is not None or fence_match:
            if fence is None and fence_match:
                fence = fence_match.group(1)
            elif fence is not None and fence_match and fence_match.group(1).startswith(fence):
                fence = None
            if current is not None:
                current[2].append(line)
            continue
        heading = _subheading(line)
        item = _ITEM.match(line)
        if heading is not None or item is not None:
            close()
            label, rest = (heading, "") if heading is not None else _label_and_rest(item)
            current = (normalise(label), section.first_line + offset, [rest] if rest else [])
        elif _TOP_BULLET.match(line):
            close()
            current = None
        elif current is not None:
            current[2].append(line)
    close()
    return found


def _label_and_rest(item: re.Match[str] | None) -> tuple[str, str]:
    return (item.group(1), item.group(2)) if item is not None else ("", "")


def _subheading(line: str) -> str | None:
    """The text of a `### Sub-heading` (levels 3 to 6), None when the line is not one: what
    `[ \t]+(.+?)[ \t#]*$` took after the `#`s, found with str methods in linear time."""
    start = _SUBHEADING.match(line)
    if start is None:
        return None
    rest = line[start.end() :]  # after the first blank
    text = rest.lstrip(" \t")
    return text.rstrip(" \t#") or text[:1] or rest[-1]


def count_entries(section: Section) -> int:
    """Entries of a list section: top-level list items or sub-headings, placeholders left out."""
    bullets: list[tuple[int, str]] = []
    subheadings = 0
    fence: str | None = None
    for line in section.lines:
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1).startswith(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if _SUBHEADING.match(line):  # the same lines as _subheading's
            subheadings += 1
        listed = _LIST_ITEM.match(line)
        if listed and plain(line) and not is_placeholder(line) and not label_only(line):
            bullets.append((len(listed.group(1)), line))
    top = min((indent for indent, _ in bullets), default=0)
    return max(sum(1 for indent, _ in bullets if indent == top), subheadings)
