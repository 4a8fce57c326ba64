"""The floor for reading a log: a plain Python pass that reads and parses every ADR once.

Run as a script (`python bench/floor.py FOLDER`) so that it imports nothing of adr-tool or of the
benchmark: it reads each `*.md` file, loads its YAML front matter with the C loader when there is
one, and collects its headings. Whatever `adr` does on top of this is the tool's own cost.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_all(folder: Path) -> int:
    """Read and parse every ADR under `folder`; returns how many headings were found."""
    headings = 0
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end != -1:
                yaml.load(text[4:end], Loader=_LOADER)  # a safe loader
                body = text[end + 5 :]
        headings += sum(1 for line in body.splitlines() if line.startswith("#"))
    return headings


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/floor.py FOLDER", file=sys.stderr)
        return 2
    print(read_all(Path(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
