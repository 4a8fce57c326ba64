"""The quality rules (ADR5xx) turned on over real decision logs: counts per rule, and the
findings themselves to read (docs/lint-quality.md publishes the counts and the precision).

    .venv/bin/python -m bench.quality                 # counts per rule and corpus
    .venv/bin/python -m bench.quality --show ADR509   # every finding of one rule, in context

Each corpus is copied to a temporary folder first (the corpora are read-only) and linted as
an older log (no `.adr.toml`), with every quality rule turned on for every template.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from adr_tool.config import Config, QualitySettings
from adr_tool.lint import Selection, lint
from adr_tool.lint.quality.rules import CODES

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("ADR_CORPORA", ROOT.parent / "shared" / "corpora"))
TODAY = dt.date(2026, 1, 15)


def folders(corpora: Path) -> list[Path]:
    """Every log of the corpora (the top folder of nested ones: a log reads its sub-folders),
    and this project's own docs/adr."""
    found = {
        path.parent
        for path in corpora.rglob("*.md")
        if not path.name.startswith("SOURCE") and path.parent != corpora
    }
    top = [folder for folder in found if not any(other in folder.parents for other in found)]
    return [*sorted(top), ROOT / "docs" / "adr"]


def findings(folder: Path, work: Path) -> list[tuple[str, int, str, str]]:
    """(file, line, code, message) of every quality finding on a copy of `folder`."""
    copy = work / "log"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(folder, copy)
    everything = QualitySettings(other_templates=("quality",))
    config = Config(root=work, directory=copy, quality=everything)
    found = lint(config, None, TODAY, Selection(select=("quality",)))
    return [(str(f.path.relative_to(copy)), f.line, f.code, f.message) for f in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("--show", metavar="CODE", help="print every finding of this rule")
    args = parser.parse_args(argv)
    os.environ["ADR_NO_CACHE"] = "1"
    totals: Counter[str] = Counter()
    files = 0
    with tempfile.TemporaryDirectory() as temporary:
        for folder in folders(CORPORA):
            found = findings(folder, Path(temporary))
            files += sum(1 for path in folder.rglob("*.md") if not path.name.startswith("SOURCE"))
            counts = Counter(code for _, _, code, _ in found)
            totals += counts
            name = str(folder.relative_to(CORPORA)) if CORPORA in folder.parents else "docs/adr"
            if args.show:
                for path, line, code, message in found:
                    if code == args.show:
                        print(f"{name}/{path}:{line}: {message}")
            else:
                summary = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
                print(f"{name}: {summary or 'none'}")
    if not args.show:
        print(f"\n{files} files; " + ", ".join(f"{code} {totals[code]}" for code in CODES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
