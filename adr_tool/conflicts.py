"""Git's conflict markers left in a file: lint reports them, and no command edits such a file."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

# `<<<<<<< ours`, `||||||| base`, `>>>>>>> theirs`: seven characters at the start of a line,
# then a space or the line's end. A `=======` line alone is a setext heading's underline; in a
# conflict it always follows a `<<<<<<<`, which is found first.
_MARKER = re.compile(r"^(?:<{7}|\|{7}|>{7})(?:[ \t]|\r?$)", re.MULTILINE)


def conflict_line(text: str) -> int | None:
    """The file line of the first conflict marker in `text`, or None when it has none."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "|||||||" not in text:
        return None  # the usual case, found by a fast substring search
    match = _MARKER.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def refuse_conflicted(text: str, path: Path) -> None:
    """An error naming the line when `text`, the content of `path`, is left in a conflict:
    which side a line belongs to is for a person to decide, not for an edit to guess."""
    line = conflict_line(text)
    if line is not None:
        raise AdrError(
            "holds a git conflict marker; resolve the conflict first (nothing was changed)",
            path,
            line,
        )
