"""Time `adr` as whole processes on generated logs and write bench/RESULTS.md (`make bench`).

Each command runs as its own process: one warm-up run, then several timed runs; the table gives
the median and the minimum wall time and the peak resident memory that the operating system
reports for the process and its children (`os.wait4`). The floors are timed the same way: a bare
`python -c pass`, a plain Python pass that reads and parses the log, `git log --name-only`. When
adr-tools is installed, its `adr list` and `adr generate toc` run on the adr-tools-format log of
the same size, next to ours.

    python -m bench.run            # 100, 1,000 and 10,000 ADRs; writes bench/RESULTS.md
    python -m bench.run --quick    # 100 and 1,000; writes bench/logs/RESULTS-quick.md

The budgets of DESIGN.md section 11 and issue 5 are checked here, never in a timed test; the
exit code is 1 when one of them is missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .generate import FORMATS, LOGS, SIZES, Manifest, cached_log

if TYPE_CHECKING:
    from collections.abc import Callable

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
LAUNCHER = BENCH / "launch.py"
QUICK_RESULTS = LOGS / "RESULTS-quick.md"
RAW = LOGS / "last-run.json"
BEGIN = "<!-- bench:begin: written by `make bench`; edit only outside these markers -->"
END = "<!-- bench:end -->"
DOCS = PROJECT / "docs" / "performance.md"
SUMMARY_BEGIN = "<!-- bench:summary:begin: written by `make bench` from bench/RESULTS.md -->"
SUMMARY_END = "<!-- bench:summary:end -->"
SLOW_RUN = 5.0  # seconds: a first run this slow is counted, not thrown away as a warm-up
MAX_COMMAND_SECONDS = 90.0  # stop repeating a slow command after about this long

# The budgets of issue 5, on medians.
HELP_RATIO = 4.0  # `adr --help` within 4x of `python -c pass`
LINT_FILE_1K = 0.3
LINT_10K = 2.0
INDEX_10K = 1.5
INDEX_VS_ADR_TOOLS = 100.0  # adr-tools' `generate toc` / our `adr index`, at 1,000 ADRs
MEMORY_MB_10K = 200.0
LINEAR_SLACK = 1.5  # cost per ADR (above start-up) at 10k at most 1.5x that at 1k


@dataclass(frozen=True)
class Task:
    """One command to time, in one folder, and what it needs to be meaningful."""

    label: str
    argv: tuple[str, ...]
    cwd: Path
    expect: frozenset[int] = frozenset({0})
    prepare: Callable[[], None] | None = None  # before each run, untimed
    needs: str | None = None  # an `adr` command that must exist in this build
    ours: bool = True  # an adr-tool command: the memory budget applies
    extra_env: tuple[tuple[str, str], ...] = ()  # e.g. ADR_NO_CACHE=1 for the cold rows


NO_CACHE = (("ADR_NO_CACHE", "1"),)
COLD = " (no cache)"
GIT_FLOOR = "floor: git log --name-only"
# Commands that run `git log -p` over the whole history (with the cache, HEAD has not moved and
# none does). git's own cost per ADR grows with the size of the folder (it compares the
# folder's tree at every commit: the floor's row shows it), so their growth is measured above
# that floor, which the issue sets as the reference.
READS_HISTORY = frozenset({"adr log" + COLD})


@dataclass
class Result:
    """The runs of one task: wall seconds and peak resident KB per run, or why there are none."""

    label: str
    times: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    ours: bool = True
    note: str = ""
    skipped: str | None = None
    error: str | None = None

    @property
    def measured(self) -> bool:
        return bool(self.times) and self.error is None

    def add(self, run: Run) -> None:
        self.times.append(run.seconds)
        self.peaks_kb.append(run.peak_kb)
        self.cpu.append(run.cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else math.nan

    @property
    def minimum(self) -> float:
        return min(self.times)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024


@dataclass
class Log:
    """The results on one generated log."""

    manifest: Manifest
    repo: Path
    results: dict[str, Result] = field(default_factory=dict)


@dataclass
class Verdict:
    budget: str
    measured: str
    passed: bool | None  # None: not measured


def child_env() -> dict[str, str]:
    """The environment of a timed process: no colour, no stray git or adr settings.

    PYTHONDONTWRITEBYTECODE is dropped so that adr-tool's own modules are compiled once and
    then loaded from bytecode, as they are for a user.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key not in {"ADR_DIR", "PYTHONDONTWRITEBYTECODE"}
    }
    env.update(NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", LC_ALL="C.UTF-8")
    return env


@dataclass(frozen=True)
class Run:
    """One run of a command: wall and CPU seconds, peak resident KB, exit code, stderr."""

    seconds: float
    peak_kb: int
    code: int
    cpu: float
    stderr: str


def run_once(argv: tuple[str, ...], cwd: Path, env: dict[str, str]) -> Run:
    """Run a command once: wall and CPU time, peak resident KB (with its children), exit code.

    The command is started by bench/launch.py, which times it and reads its `wait4` figures.
    """
    with tempfile.TemporaryDirectory(prefix="adr-bench-") as scratch:
        report = Path(scratch) / "report"
        out, err = Path(scratch) / "stdout", Path(scratch) / "stderr"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            completed = subprocess.run(
                [sys.executable, "-I", "-S", str(LAUNCHER), str(report), "--", *argv],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                check=False,
            )
        messages = err.read_text(encoding="utf-8", errors="replace")
        if completed.returncode != 0 or not report.is_file():
            raise RuntimeError(f"cannot run {' '.join(argv)}: {messages.strip()}")
        seconds, peak, code, cpu = report.read_text(encoding="ascii").split()
    return Run(float(seconds), int(peak), int(code), float(cpu), messages)


def measure(task: Task, runs: int, env: dict[str, str]) -> Result:
    """One warm-up run, then `runs` timed runs (fewer for a command that takes many seconds)."""
    result = Result(task.label, ours=task.ours)
    wanted = runs
    first = True
    while len(result.times) < wanted:
        if task.prepare is not None:
            task.prepare()
        run = run_once(task.argv, task.cwd, {**env, **dict(task.extra_env)})
        if run.code not in task.expect:
            lines = [line for line in run.stderr.splitlines() if line.strip()]
            result.error = f"exit {run.code}: {lines[-1] if lines else 'no message'}"
            result.add(run)
            return result
        if run.code != 0:
            result.note = (
                f"exit {run.code}: findings"
                if task.label.startswith("adr lint")
                else f"exit {run.code}"
            )
        if first:
            first = False
            if run.seconds < SLOW_RUN:
                continue  # a warm-up: caches, bytecode
            wanted = max(1, min(runs, int(MAX_COMMAND_SECONDS // run.seconds)))
        result.add(run)
    return result


def find_adr_tools(ours: Path) -> Path | None:
    """adr-tools' `adr` script: $ADR_TOOLS, beside `adr-new`, or an `adr` on PATH that is not ours.

    Our own `adr` shadows the name, so a candidate counts only when it is a shell script that
    dispatches to adr-tools' `adr-*` commands.
    """
    explicit = os.environ.get("ADR_TOOLS")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    candidates: list[Path] = []
    adr_new = shutil.which("adr-new")
    if adr_new:
        candidates.append(Path(adr_new).parent / "adr")
    candidates += [Path(folder) / "adr" for folder in os.environ.get("PATH", "").split(os.pathsep)]
    for candidate in candidates:
        if not candidate.is_file() or candidate.resolve() == ours.resolve():
            continue
        try:
            head = candidate.read_bytes()[:2048]
        except OSError:
            continue
        if (
            head.startswith(b"#!")
            and b"adr" in head
            and (b"adr_bin_dir" in head or b"adr-tools" in head)
        ):
            return candidate
    return None


def adr_tools_version(script: Path) -> str:
    completed = (
        subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "adr-tools"],
            capture_output=True,
            text=True,
            check=False,
        )
        if shutil.which("dpkg-query")
        else None
    )
    if completed is not None and completed.returncode == 0 and completed.stdout:
        return f"adr-tools {completed.stdout} ({script})"
    return f"adr-tools ({script})"


def available_commands(adr: Path, env: dict[str, str]) -> set[str]:
    """The commands this build of `adr` offers, read from `adr --help`."""
    completed = subprocess.run(
        [str(adr), "--help"], capture_output=True, text=True, env=env, check=False
    )
    commands: set[str] = set()
    in_commands = False
    for line in completed.stdout.splitlines():
        if line.strip() == "Commands:":
            in_commands = True
        elif in_commands and line.startswith("  ") and line.strip():
            commands.add(line.split()[0])
        elif in_commands and line.strip() and not line.startswith(" "):
            in_commands = False
    return commands


def _remove(path: Path) -> Callable[[], None]:
    def prepare() -> None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    return prepare


def _touch(folder: Path) -> Callable[[], None]:
    """New times on every ADR, same bytes: a checkout, or a fresh clone with a restored cache."""

    def prepare() -> None:
        now = dt.datetime.now().timestamp()
        for path in folder.rglob("*.md"):
            os.utime(path, (now, now))

    return prepare


def index_task(adr: str, log: Log, extra_env: tuple[tuple[str, str], ...] = ()) -> Task:
    """`adr index` run after its output is removed, so that it always writes."""
    return Task(
        "adr index" + (COLD if extra_env == NO_CACHE else ""),
        (adr, "index"),
        log.repo,
        prepare=_remove(log.repo / log.manifest.directory / "README.md"),
        extra_env=extra_env,
    )


def our_tasks(adr: Path, log: Log, site_dir: Path) -> list[Task]:
    """Every measured `adr` command on a log in our format, and the floors."""
    repo, manifest = log.repo, log.manifest
    middle = manifest.middle
    file_path = f"{manifest.directory}/{middle['file']}"
    a = str(adr)
    python = sys.executable
    return [
        Task("adr list --format json", (a, "list", "--format", "json"), repo),
        Task("adr show N", (a, "show", str(middle["number"])), repo),
        index_task(a, log),
        Task("adr index --check", (a, "index", "--check"), repo),
        Task("adr lint FILE", (a, "lint", file_path), repo, frozenset({0, 1}), needs="lint"),
        Task("adr lint", (a, "lint"), repo, frozenset({0, 1}), needs="lint"),
        # The same without the per-file cache: a fresh clone, or every file changed.
        index_task(a, log, extra_env=NO_CACHE),
        Task(
            "adr lint FILE" + COLD,
            (a, "lint", file_path),
            repo,
            frozenset({0, 1}),
            needs="lint",
            extra_env=NO_CACHE,
        ),
        Task(
            "adr lint" + COLD,
            (a, "lint"),
            repo,
            frozenset({0, 1}),
            needs="lint",
            extra_env=NO_CACHE,
        ),
        Task(
            "adr lint (every file touched)",
            (a, "lint"),
            repo,
            frozenset({0, 1}),
            prepare=_touch(repo / manifest.directory),
            needs="lint",
        ),
        Task("adr log", (a, "log"), repo, needs="log"),
        Task("adr log" + COLD, (a, "log"), repo, needs="log", extra_env=NO_CACHE),
        Task(
            "adr site -o DIR",
            (a, "site", "-o", str(site_dir)),
            repo,
            prepare=_remove(site_dir),
            needs="site",
        ),
        Task(
            "floor: Python read+parse",
            (python, str(BENCH / "floor.py"), manifest.directory),
            repo,
            ours=False,
        ),
        Task(
            "floor: git log --name-only",
            ("git", "log", "--name-only", "--format=%H %an %aI", "--", manifest.directory),
            repo,
            ours=False,
        ),
    ]


def adr_tools_tasks(
    adr: Path, tools: Path | None, log: Log, size: int, tools_10k: bool
) -> list[Task]:
    """Ours and adr-tools' commands on the same adr-tools-format log."""
    repo, manifest = log.repo, log.manifest
    a = str(adr)
    tasks = [
        Task("adr list --format json", (a, "list", "--format", "json"), repo),
        index_task(a, log),
        Task("adr show N", (a, "show", str(manifest.middle["number"])), repo),
        index_task(a, log, extra_env=NO_CACHE),
    ]
    if tools is not None:
        tasks.append(Task("adr-tools: adr list", (str(tools), "list"), repo, ours=False))
        if size < 10_000 or tools_10k:
            tasks.append(
                Task(
                    "adr-tools: adr generate toc", (str(tools), "generate", "toc"), repo, ours=False
                )
            )
    return tasks


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _row(result: Result, budget: str = "", verdict: str = "") -> str:
    if result.skipped is not None:
        return f"| {result.label} | — | — | — | — | {budget} | skipped: {result.skipped} |"
    if result.error is not None:
        return (
            f"| {result.label} | {_seconds(result.median)} | — | — | {result.peak_mb:.0f} | "
            f"{budget} | error: {result.error} |"
        )
    note = f" ({result.note})" if result.note else ""
    return (
        f"| {result.label} | {_seconds(result.median)} | {_seconds(result.minimum)} | "
        f"{_seconds(result.cpu_median)} | {result.peak_mb:.0f} | {budget} | {verdict}{note} |"
    )


TABLE_HEAD = [
    "| command | median | min | CPU | peak MB | budget | verdict |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
]


class Report:
    """Collects results, checks the budgets and writes the Markdown."""

    def __init__(self, sizes: list[int], runs: dict[int, int]) -> None:
        self.sizes = sizes
        self.runs = runs
        self.startup: dict[str, Result] = {}
        self.logs: dict[tuple[int, str], Log] = {}
        self.verdicts: list[Verdict] = []
        self.tools_label = "adr-tools: not installed (skipped)"
        self.commit = _git_describe()
        self.machine = _machine()
        self.when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")

    def finish(self) -> None:
        """Note when the measurements ended, and the load then."""
        self.when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        if hasattr(os, "getloadavg"):
            self.machine += f", {os.getloadavg()[0]:.2f} at the end"

    def result(self, size: int, fmt: str, label: str) -> Result | None:
        log = self.logs.get((size, fmt))
        return log.results.get(label) if log else None

    # Budgets -------------------------------------------------------------------------------

    def _budget(self, size: int, fmt: str, label: str) -> tuple[str, str]:
        """The budget cell and verdict cell of one row."""
        result = self.result(size, fmt, label)
        if result is None or not result.measured:
            return "", ""
        limits = {
            (1_000, "adr-tool", "adr lint FILE"): LINT_FILE_1K,
            (10_000, "adr-tool", "adr lint"): LINT_10K,
            (10_000, "adr-tool", "adr index"): INDEX_10K,
        }
        limits |= {(size, fmt, name + COLD): limit for (size, fmt, name), limit in limits.items()}
        parts, verdict = [], "ok"
        limit = limits.get((size, fmt, label))
        if limit is not None:
            parts.append(f"< {limit} s")
            verdict = "pass" if result.median < limit else "**FAIL**"
        if size == 10_000 and result.ours:
            parts.append(f"< {MEMORY_MB_10K:.0f} MB")
            if result.peak_mb >= MEMORY_MB_10K:
                verdict = "**FAIL** (memory)"
            elif verdict == "ok":
                verdict = "pass"
        return "; ".join(parts), verdict

    def check(self) -> None:
        self.verdicts = []
        bare, helped = self.startup.get("python -c pass"), self.startup.get("adr --help")
        if bare and helped and bare.measured and helped.measured:
            ratio = helped.median / bare.median
            self.verdicts.append(
                Verdict(
                    f"`adr --help` within {HELP_RATIO:.0f}x of `python -c pass`",
                    f"{_seconds(helped.median)} = {ratio:.1f}x {_seconds(bare.median)}",
                    ratio <= HELP_RATIO,
                )
            )
        for size, name, limit in (
            (1_000, "adr lint FILE", LINT_FILE_1K),
            (10_000, "adr lint", LINT_10K),
            (10_000, "adr index", INDEX_10K),
        ):
            if size not in self.sizes:
                continue
            for label in (name, name + COLD):  # with the cache, as on every commit; without
                result = self.result(size, "adr-tool", label)
                budget = f"`{label}` on {size:,} ADRs under {limit} s"
                if result is None or not result.measured:
                    why = result.skipped or result.error if result else "not run"
                    self.verdicts.append(Verdict(budget, f"not measured ({why})", None))
                else:
                    self.verdicts.append(
                        Verdict(budget, _seconds(result.median), result.median < limit)
                    )
        if 1_000 in self.sizes:
            theirs = self.result(1_000, "adr-tools", "adr-tools: adr generate toc")
            for label in ("adr index", "adr index" + COLD):
                ours = self.result(1_000, "adr-tools", label)
                budget = (
                    f"`{label}` at least {INDEX_VS_ADR_TOOLS:.0f}x faster than adr-tools' "
                    "`generate toc` (1,000 ADRs, same log)"
                )
                if ours and theirs and ours.measured and theirs.measured:
                    ratio = theirs.median / ours.median
                    self.verdicts.append(
                        Verdict(
                            budget,
                            f"{ratio:.0f}x ({_seconds(theirs.median)} / {_seconds(ours.median)})",
                            ratio >= INDEX_VS_ADR_TOOLS,
                        )
                    )
                else:
                    self.verdicts.append(Verdict(budget, "not measured (adr-tools absent)", None))
        if 10_000 in self.sizes:
            log = self.logs.get((10_000, "adr-tool"))
            ours_results = [r for r in log.results.values() if r.ours and r.measured] if log else []
            if ours_results:
                worst = max(ours_results, key=lambda r: r.peak_mb)
                self.verdicts.append(
                    Verdict(
                        f"memory under {MEMORY_MB_10K:.0f} MB at 10,000 ADRs",
                        f"{worst.peak_mb:.0f} MB at most (`{worst.label}`)",
                        worst.peak_mb < MEMORY_MB_10K,
                    )
                )
        for label, growth in self.scaling().items():
            if growth is None or label.startswith("floor"):
                continue  # the floors are references, not ours to keep linear
            at_1k, at_10k = growth
            self.verdicts.append(
                Verdict(
                    f"`{label}` grows linearly (cost per ADR at 10,000 vs at 1,000"
                    + (", above git's" if label in READS_HISTORY else "")
                    + ")",
                    f"{at_10k * 1000:.3f} vs {at_1k * 1000:.3f} ms per ADR ({at_10k / at_1k:.2f}x)",
                    at_10k <= at_1k * LINEAR_SLACK,
                )
            )

    def _start(self, label: str) -> float:
        """The fixed cost under a command: `adr lint --help` for ours (`adr --help` answers
        without click), a bare start for the floors."""
        if label.startswith("floor: git"):
            return 0.0
        name = "python -c pass" if label.startswith("floor") else "adr lint --help"
        found = self.startup.get(name)
        return found.minimum if found is not None and found.measured else 0.0

    def scaling(self) -> dict[str, tuple[float, float] | None]:
        """Per command: seconds per ADR above its start-up cost, at 1,000 and at 10,000 ADRs.

        Minimum times are used: they are the least disturbed by a busy machine, and at these
        sizes the start-up cost is small next to the work, so the two figures of a linear
        command agree.
        """
        if not all(size in self.sizes for size in (1_000, 10_000)):
            return {}
        growth: dict[str, tuple[float, float] | None] = {}
        for label in self.logs[(1_000, "adr-tool")].results:
            found = [self.result(size, "adr-tool", label) for size in (1_000, 10_000)]
            if not all(r is not None and r.measured for r in found):
                growth[label] = None
                continue
            start = self._start(label)
            t1k, t10k = (r.minimum for r in found if r is not None)
            if label in READS_HISTORY:
                t1k, t10k = t1k - self._git_floor(1_000), t10k - self._git_floor(10_000)
            growth[label] = (max(t1k - start, 1e-9) / 1_000, max(t10k - start, 0.0) / 10_000)
        return growth

    def _git_floor(self, size: int) -> float:
        found = self.result(size, "adr-tool", GIT_FLOOR)
        return found.minimum if found is not None and found.measured else 0.0

    def failed(self) -> bool:
        return any(v.passed is False for v in self.verdicts)

    # Markdown ------------------------------------------------------------------------------

    def markdown(self) -> str:
        self.check()
        runs = ", ".join(f"{self.runs[s]} at {s:,}" for s in self.sizes)
        lines = [
            f"Measured {self.when} on {self.machine}; adr-tool {self.commit}; {self.tools_label}.",
            "",
            f"Each command is a whole process: one warm-up run, then timed runs ({runs}; a "
            f"command slower than {SLOW_RUN:.0f} s counts its first run and stops after about "
            f"{MAX_COMMAND_SECONDS:.0f} s). CPU is the median of user plus system time (a busy "
            "machine inflates wall time more than CPU time). Peak MB is the largest resident "
            "set of the process and its children, from `wait4` in a small launcher (its floor "
            "is about 8 MB). Budgets apply to medians of wall time.",
            "",
            "## Start-up",
            "",
            *TABLE_HEAD,
        ]
        bare = self.startup.get("python -c pass")
        for label, result in self.startup.items():
            budget, verdict = "", ""
            if label == "adr --help" and bare and bare.measured and result.measured:
                budget = f"≤ {HELP_RATIO:.0f}x python -c pass"
                ratio = result.median / bare.median
                verdict = ("pass" if ratio <= HELP_RATIO else "**FAIL**") + f" ({ratio:.1f}x)"
            lines.append(_row(result, budget, verdict))
        for size in self.sizes:
            lines += self._size_section(size)
        lines += self._scaling_section()
        lines += self._budget_section()
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """The short version for docs/performance.md: scaling, adr-tools and the budgets."""
        self.check()
        lines = [
            f"Measured {self.when} on {self.machine}; adr-tool {self.commit}; {self.tools_label}."
        ]
        lines += [
            line.replace("## ", "### ", 1) if line.startswith("## ") else line
            for line in self._scaling_section()
        ]
        if 1_000 in self.sizes:
            ratios = self._ratios(1_000)
            if ratios:
                lines += ["", "### adr-tools, same 1,000-ADR log", *ratios]
        lines += [
            line.replace("## ", "### ", 1) if line.startswith("## ") else line
            for line in self._budget_section()
        ]
        return "\n".join(lines) + "\n"

    def _budget_section(self) -> list[str]:
        lines = ["", "## Budgets", "", "| budget | measured | verdict |", "| --- | --- | --- |"]
        for v in self.verdicts:
            verdict = "not measured" if v.passed is None else "pass" if v.passed else "**FAIL**"
            lines.append(f"| {v.budget} | {v.measured} | {verdict} |")
        return lines

    def _size_section(self, size: int) -> list[str]:
        lines: list[str] = []
        ours = self.logs.get((size, "adr-tool"))
        if ours is None:
            return lines
        lines += [
            "",
            f"## {size:,} ADRs",
            "",
            f"Our format (`{ours.manifest.directory}`, {ours.manifest.commits:,} commits, "
            f"{_log_size(ours.repo / ours.manifest.directory)}); N is "
            f"{ours.manifest.middle['number']}, FILE its file:",
            "",
            *TABLE_HEAD,
        ]
        for label, result in ours.results.items():
            lines.append(_row(result, *self._budget(size, "adr-tool", label)))
        tools = self.logs.get((size, "adr-tools"))
        if tools is not None:
            lines += [
                "",
                f"adr-tools format (`{tools.manifest.directory}`, {tools.manifest.commits:,} "
                f"commits, {_log_size(tools.repo / tools.manifest.directory)}), ours and "
                "adr-tools' on the same log:",
                "",
                *TABLE_HEAD,
            ]
            for label, result in tools.results.items():
                lines.append(_row(result, *self._budget(size, "adr-tools", label)))
            lines += self._ratios(size)
        return lines

    def _ratios(self, size: int) -> list[str]:
        lines: list[str] = []
        for theirs_label, ours_label in (
            ("adr-tools: adr generate toc", "adr index"),
            ("adr-tools: adr generate toc", "adr index" + COLD),
            ("adr-tools: adr list", "adr list --format json"),
        ):
            theirs = self.result(size, "adr-tools", theirs_label)
            ours = self.result(size, "adr-tools", ours_label)
            if theirs and ours and theirs.measured and ours.measured:
                ratio = theirs.median / ours.median
                speed = f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"
                lines.append(
                    f"- ours, `{ours_label}`, is {speed} than adr-tools' "
                    f"`{theirs_label.removeprefix('adr-tools: ')}`."
                )
        return ["", *lines] if lines else []

    def _scaling_section(self) -> list[str]:
        growth = self.scaling()
        if not growth:
            return []
        sizes = [size for size in SIZES if size in self.sizes]
        lines = [
            "",
            "## Scaling (our format)",
            "",
            "Minimum seconds per size, and the cost per ADR above the start-up cost (`adr "
            "lint --help` for our commands, `python -c pass` for the Python floor) at 1,000 and "
            f"at 10,000 ADRs: a linear command keeps the two close (budget: at most "
            f"{LINEAR_SLACK}x). Commands that run `git log -p` over the whole history ("
            + ", ".join(f"`{label}`" for label in sorted(READS_HISTORY))
            + f") are counted above the `{GIT_FLOOR.removeprefix('floor: ')}` floor at the "
            "same size as well: git compares the ADR folder's tree at every commit, so its "
            "own cost per ADR grows with the folder (the floor's row).",
            "",
            "| command | "
            + " | ".join(f"{size:,}" for size in sizes)
            + " | ms per ADR at 1,000 | ms per ADR at 10,000 | growth |",
            "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: | ---: |",
        ]
        for label, pair in growth.items():
            found = [self.result(size, "adr-tool", label) for size in sizes]
            cells = [_seconds(r.minimum) if r and r.measured else "—" for r in found]
            per = (
                [f"{pair[0] * 1000:.3f}", f"{pair[1] * 1000:.3f}", f"{pair[1] / pair[0]:.2f}x"]
                if pair
                else ["—", "—", "—"]
            )
            lines.append(f"| {label} | {' | '.join(cells)} | {' | '.join(per)} |")
        return lines


def save_raw(report: Report, path: Path) -> None:
    """Every run's figures as JSON, so that the Markdown can be written again (--from-json)."""

    def results(found: dict[str, Result]) -> list[dict[str, object]]:
        return [dataclasses.asdict(result) for result in found.values()]

    data = {
        "sizes": report.sizes,
        "runs": {str(size): count for size, count in report.runs.items()},
        "machine": report.machine,
        "when": report.when,
        "commit": report.commit,
        "tools": report.tools_label,
        "startup": results(report.startup),
        "logs": [
            {"size": size, "format": fmt, "repo": str(log.repo), "results": results(log.results)}
            for (size, fmt), log in report.logs.items()
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def load_raw(path: Path) -> Report:
    """A report from the JSON of `save_raw`; the logs' manifests are read from their cache."""
    data = json.loads(path.read_text(encoding="utf-8"))
    report = Report(
        [int(size) for size in data["sizes"]],
        {int(size): int(count) for size, count in data["runs"].items()},
    )
    report.machine, report.commit, report.tools_label = (
        data["machine"],
        data["commit"],
        data["tools"],
    )
    report.when = str(data.get("when", "(unknown)"))
    report.startup = {item["label"]: Result(**item) for item in data["startup"]}
    for entry in data["logs"]:
        repo = Path(entry["repo"])
        manifest = Manifest.from_json((repo.parent / "manifest.json").read_text(encoding="utf-8"))
        log = Log(manifest, repo)
        log.results = {item["label"]: Result(**item) for item in entry["results"]}
        report.logs[(int(entry["size"]), str(entry["format"]))] = log
    return report


def _machine() -> str:
    cores = os.cpu_count() or 0
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=False)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    return (
        f"{platform.system()} {platform.machine()}, {cores} cores, Python "
        f"{platform.python_version()}, {git.stdout.strip()}, load average {load:.2f} at start"
    )


def _git_describe() -> str:
    completed = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.strip() or "(not a git checkout)"


def _log_size(folder: Path) -> str:
    total = sum(entry.stat().st_size for entry in folder.glob("*.md"))
    return f"{total / 1024 / 1024:.1f} MB of Markdown"


def write_summary(path: Path, body: str) -> bool:
    """Replace the block between the summary markers of `path`; False when it has none."""
    if not path.is_file():
        return False
    current = path.read_text(encoding="utf-8")
    if SUMMARY_BEGIN not in current or SUMMARY_END not in current:
        return False
    before = current.split(SUMMARY_BEGIN, 1)[0]
    after = current.split(SUMMARY_END, 1)[1]
    path.write_text(f"{before}{SUMMARY_BEGIN}\n{body}{SUMMARY_END}{after}", encoding="utf-8")
    return True


def write_results(path: Path, body: str) -> None:
    """Replace the generated part of `path`, keeping whatever is written around the markers."""
    before = "# Benchmark results\n\nWritten by `make bench` (see docs/performance.md).\n\n"
    after = (
        "\n## Profiling notes\n\nBefore/after figures of fixes found with the benchmark go "
        "here, by hand.\n"
    )
    if path.is_file():
        current = path.read_text(encoding="utf-8")
        if BEGIN in current and END in current:
            before = current.split(BEGIN, 1)[0]
            after = current.split(END, 1)[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{before}{BEGIN}\n{body}{END}{after}", encoding="utf-8")


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _report_line(size: int, fmt: str, result: Result) -> None:
    if result.skipped:
        state = f"skipped: {result.skipped}"
    elif result.error:
        state = f"error: {result.error}"
    else:
        state = (
            f"median {_seconds(result.median)}, min {_seconds(result.minimum)}, "
            f"CPU {_seconds(result.cpu_median)}, {result.peak_mb:.0f} MB, "
            f"{len(result.times)} runs"
        )
    _progress(f"  {size:>6,} {fmt:<9} {result.label:<30} {state}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 ADRs only")
    parser.add_argument("--sizes", type=int, nargs="+", help="log sizes (default 100 1000 10000)")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 at 10k)")
    parser.add_argument("--output", type=Path, help="the Markdown file to write")
    parser.add_argument(
        "--adr",
        type=Path,
        default=Path(sys.executable).parent / "adr",
        help="our `adr` (default: the one beside this Python)",
    )
    parser.add_argument("--no-adr-tools", action="store_true", help="do not time adr-tools")
    parser.add_argument(
        "--adr-tools-10k",
        action="store_true",
        help="also time adr-tools' `generate toc` on 10,000 ADRs (minutes)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="PATH",
        help=f"measure nothing: write the Markdown again from a raw file ({RAW})",
    )
    args = parser.parse_args(argv)
    if args.from_json is not None:
        report = load_raw(args.from_json)
        return _finish(report, args.output or RESULTS)
    sizes = sorted(args.sizes or ([100, 1_000] if args.quick else list(SIZES)))
    output = args.output or (QUICK_RESULTS if args.quick or args.sizes else RESULTS)
    runs = {size: args.runs or (3 if size >= 10_000 else 5) for size in sizes}
    adr = args.adr.resolve()
    if not adr.is_file():
        parser.error(f"{adr} does not exist: run `make venv` first")
    env = child_env()
    tools = None if args.no_adr_tools else find_adr_tools(adr)
    report = Report(sizes, runs)
    if tools is not None:
        report.tools_label = adr_tools_version(tools)
    elif not args.no_adr_tools:
        _progress("adr-tools is not installed (set ADR_TOOLS to its `adr` script): skipped")
    commands = available_commands(adr, env)

    _progress("generating logs (cached under bench/logs) ...")
    wanted = [(size, fmt) for size in sizes for fmt in FORMATS]
    with ThreadPoolExecutor(max_workers=2) as pool:  # git fast-import runs beside Python
        built = list(pool.map(lambda key: cached_log(key[0], key[1]), wanted))
    for (size, fmt), (repo, manifest) in zip(wanted, built, strict=True):
        report.logs[(size, fmt)] = Log(manifest, repo)
        _progress(f"  {size:>6,} {fmt:<9} {manifest.commits:,} commits at {repo}")

    startup = [
        Task("python -c pass", (sys.executable, "-c", "pass"), PROJECT, ours=False),
        Task("adr --help", (str(adr), "--help"), PROJECT),
        # click and a command's module: the start-up every other command pays
        Task("adr lint --help", (str(adr), "lint", "--help"), PROJECT),
    ]
    for task in startup:
        result = measure(task, max(runs.values()) * 2, env)
        report.startup[task.label] = result
        _report_line(0, "", result)

    with tempfile.TemporaryDirectory(prefix="adr-bench-site-") as site_root:
        for size in sizes:
            jobs = [
                (
                    (size, "adr-tool"),
                    our_tasks(adr, report.logs[(size, "adr-tool")], Path(site_root) / "site"),
                ),
                (
                    (size, "adr-tools"),
                    adr_tools_tasks(
                        adr, tools, report.logs[(size, "adr-tools")], size, args.adr_tools_10k
                    ),
                ),
            ]
            for (_, fmt), tasks in jobs:
                log = report.logs[(size, fmt)]
                for task in tasks:
                    if task.needs is not None and task.needs not in commands:
                        result = Result(
                            task.label,
                            ours=task.ours,
                            skipped=f"no `adr {task.needs}` in this build yet",
                        )
                    else:
                        result = measure(task, runs[size], env)
                    log.results[task.label] = result
                    _report_line(size, fmt, result)

    report.finish()
    save_raw(report, RAW if output == RESULTS else RAW.with_name("last-run-partial.json"))
    return _finish(report, output)


def _finish(report: Report, output: Path) -> int:
    """Write the Markdown (and the summary in docs/ for a full run); 1 when a budget is missed."""
    body = report.markdown()
    write_results(output, body)
    print(body)
    print(f"written to {output}")
    if output == RESULTS and write_summary(DOCS, report.summary()):
        print(f"summary written to {DOCS}")
    if report.failed():
        print("at least one budget was missed: see the Budgets table", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
