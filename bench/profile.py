"""Profile one `adr` command on a generated log with cProfile: where does the time go?

    python -m bench.profile --size 10000 -- index
    python -m bench.profile --size 1000 -- lint FILE      # FILE: the middle ADR's path
    python -m bench.profile --size 10000 -- show N        # N: the middle ADR's number

It prints the functions with the most time of their own, and adr-tool's functions by
cumulative time, and keeps the raw profile (for snakeviz or `python -m pstats`) in bench/logs.
"""

from __future__ import annotations

import argparse
import io
import pstats
import re
import subprocess
import sys

from .generate import FORMATS, LOGS, cached_log
from .run import child_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="adr-tool")
    parser.add_argument("--top", type=int, default=25, help="rows per table (default 25)")
    parser.add_argument("command", nargs="+", help="the `adr` arguments, after --")
    args = parser.parse_args(argv)
    repo, manifest = cached_log(args.size, args.fmt)
    middle = manifest.middle
    replacements = {"FILE": f"{manifest.directory}/{middle['file']}", "N": str(middle["number"])}
    command = [replacements.get(word, word) for word in args.command]
    name = re.sub(r"[^A-Za-z0-9]+", "-", " ".join(args.command)).strip("-")
    output = LOGS / f"profile-{args.fmt}-{args.size}-{name}.prof"
    completed = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "adr_tool", *command],
        cwd=repo,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        check=False,
    )
    print(
        f"adr {' '.join(command)} on {args.size:,} ADRs ({args.fmt}): exit "
        f"{completed.returncode}; profile in {output}"
    )
    for order, restriction in (("tottime", ""), ("cumulative", "adr_tool")):
        buffer = io.StringIO()
        stats = pstats.Stats(str(output), stream=buffer)
        stats.sort_stats(order).print_stats(restriction, args.top)
        text = buffer.getvalue()
        print(f"\n--- by {order}{' (adr_tool only)' if restriction else ''}")
        print(text[text.find("   ncalls") :].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
