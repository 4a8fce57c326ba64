"""Time `adr site` on a generated log: a first build, a rebuild with nothing changed, and a
rebuild after editing one ADR (what `adr site --serve` does on each save).

    python -m bench.site                 # 1,000 ADRs
    python -m bench.site --size 10000

Each build runs as its own process; the table gives wall time and the CPU time of the process
and its children (git included), which is the fairer number on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import LOGS, cached_log


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--logs", type=Path, default=LOGS, help="where generated logs are kept")
    args = parser.parse_args(argv)
    cached, manifest = cached_log(args.size, "adr-tool", args.logs)
    adr = str(Path(sys.executable).parent / "adr")
    with tempfile.TemporaryDirectory(prefix="adr-bench-site-") as root:
        repo = Path(root) / "repo"  # a copy: the edit below never touches the cached log
        shutil.copytree(cached, repo, symlinks=True)
        out = Path(root) / "site"
        command = [adr, "site", "-o", str(out)]
        rows = [("first build (empty folder)", _timed(command, repo))]
        rows.append(("rebuild, nothing changed", _timed(command, repo)))
        edited = repo / manifest.directory / manifest.middle["file"]
        edited.write_bytes(edited.read_bytes() + b"\nOne more paragraph.\n")
        rows.append(("rebuild after editing one ADR", _timed(command, repo)))
        size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    print(f"adr site on {args.size:,} ADRs ({manifest.commits:,} commits); site {size_mb:.1f} MB")
    print("| build | wall | CPU |\n| --- | --- | --- |")
    for label, (wall, cpu) in rows:
        print(f"| {label} | {wall:.2f} s | {cpu:.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
