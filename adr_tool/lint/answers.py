"""Is a section or a labelled item answered? Empty, guidance only, "TBD" and placeholders are not.

"n/a" is an answer only with its reason: `n/a, because ...`, `n/a: ...`, `N/A - reason`.
"""

from __future__ import annotations

import re

from ..document import strip_comments
from .foreign_text import is_template_text, may_be_template_text

# Words that hold a place for an answer; on their own they answer nothing.
_UNANSWERED = frozenset(
    {"n/a", "na", "n.a", "n.a.", "tbd", "tba", "tbc", "todo", "to do", "fixme", "xxx", "wip"}
    | {"-", "--", "---", "—", "–", "?", "??", "???", "...", "…", "."}
)
_NOT_YET = re.compile(r"^(?:tbd|tba|tbc|todo|fixme|xxx)\b", re.IGNORECASE)
_NOT_APPLICABLE = re.compile(r"^n\.?/?a\.?(?=$|[\s,.:;(\-–—])[\s,.:;(\-–—]*(.*)$", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^(?:\{\{?[^{}]*\}\}?|\[[^\]]*\](?!\()|\.\.\.|…|lorem ipsum.*)$", re.IGNORECASE
)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MARKUP = re.compile(r"\*\*|__|`")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")


def content_lines(lines: tuple[str, ...] | list[str]) -> list[str]:
    """The lines that say something: no guidance comments, blank lines or sub-headings."""
    text = "\n".join(lines)
    if "<!--" in text:
        text = strip_comments(text)
    found = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not (stripped[0] == "#" and _HEADING.match(line)):
            found.append(stripped)
    return found


def plain(text: str) -> str:
    """One line of words, without comments, list markers or bold/code marks."""
    if "<!--" in text:
        text = strip_comments(text)
    text = " ".join(_LIST_MARKER.sub("", line) for line in text.split("\n"))
    if "*" in text or "_" in text or "`" in text:
        text = _MARKUP.sub("", text)
    return " ".join(text.split())


def is_placeholder(line: str) -> bool:
    """`{describe it}`, `[option 1]`, `{{ STATUS }}`, `...`: text left for the writer to replace."""
    return _placeholder(plain(line))


def _placeholder(words: str, template_text: frozenset[str] = frozenset()) -> bool:
    return (
        words in template_text
        or _PLACEHOLDER.fullmatch(words) is not None
        or is_template_text(words)
    )


def verdict(text: str, template_text: frozenset[str] = frozenset()) -> str | None:
    """Why `text` does not answer the question, or None when it does."""
    return verdict_of_lines(content_lines([text]), template_text)


def verdict_of_lines(lines: list[str], template_text: frozenset[str] = frozenset()) -> str | None:
    """`verdict` of lines already through `content_lines` (a section's, read once)."""
    first = plain(lines[0]) if lines else ""
    if not first and len(lines) <= 1:
        return "is empty"
    lowered = first.casefold()
    if len(lines) == 1 and (lowered in _UNANSWERED or lowered.rstrip(".!") in _UNANSWERED):
        if _NOT_APPLICABLE.match(first):
            return f"says only {first!r}: give the reason, such as 'n/a, because ...'"
        return f"says only {first!r}: answer it, or write 'n/a, because ...'"
    if _NOT_APPLICABLE.match(first):
        words = plain("\n".join(lines))
        not_applicable = _NOT_APPLICABLE.match(words)
        reason = not_applicable.group(1).strip() if not_applicable else ""
        if not re.search(r"[^\W\d_]{2,}", reason) or verdict(reason) is not None:
            return f"says only {words!r}: give the reason, such as 'n/a, because ...'"
        return None
    if _NOT_YET.match(first):
        return f"is not decided yet ({first!r}): answer it before the ADR is committed"
    if _placeholder(first, template_text) and all(
        _placeholder(plain(line), template_text) for line in lines[1:]
    ):
        return f"still holds placeholder text {first!r}: replace it with the answer"
    if len(lines) > 1 and may_be_template_text(first) and is_template_text(plain("\n".join(lines))):
        return f"still holds placeholder text {first!r}: replace it with the answer"
    return None
