"""Run one command and report its wall time and peak memory: `launch.py REPORT -- ARGV...`.

The runner starts this small script (`python -I -S`), which starts the command and waits for it
with `wait4`. Measuring from here rather than from the runner matters for memory: Linux counts
the memory a process had before `exec` in its peak, and a child forked from the runner would
inherit the runner's tens of MB. This script holds about 8 MB, the floor of the figures.

The report is one line, `SECONDS PEAK_KB EXIT_CODE CPU_SECONDS` (CPU: user and system time of
the command and its children, which a busy machine disturbs less than wall time); the
command's standard streams are this script's own.
"""

import os
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: launch.py REPORT -- ARGV...", file=sys.stderr)
        return 2
    report, command = argv[0], argv[2:]
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="ascii") as handle:
        cpu = usage.ru_utime + usage.ru_stime
        handle.write(f"{elapsed:.6f} {usage.ru_maxrss} {code} {cpu:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
