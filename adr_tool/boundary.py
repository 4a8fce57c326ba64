"""The repository's boundary: no file adr-tool reads, and no folder it reads from, may lead
out of the repository (docs/guarantees.md, "Nothing outside the repository is read").

The repository is the git work tree that holds the log; outside git, the folder that holds
`.adr.toml` (or, with neither, the ADR folder itself). A symbolic link inside it keeps working
while its target is inside it too; one that leads out is refused with one line naming it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

OUTSIDE = "leads outside the repository (directly or through a link); adr-tool reads nothing there"


def leads_outside(path: Path, root: Path) -> bool:
    """Whether `path`, its links followed, is outside the folder `root` (a resolved path)."""
    real = os.path.realpath(path)
    top = os.fspath(root)
    return real != top and not real.startswith(top.rstrip(os.sep) + os.sep)


def refuse_outside(path: Path, root: Path) -> None:
    """An AdrError naming `path` when it leads outside `root`."""
    if leads_outside(path, root):
        raise AdrError(OUTSIDE, path)
