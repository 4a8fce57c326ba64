"""Generate decision logs with realistic git history, quickly, through `git fast-import`.

A log of N ADRs gets about 0.32 N commits (3,200 for 10,000) spread over seven years: ADRs are
added in batches (most as proposals), later commits accept or reject them, deprecate old ones,
and new ADRs supersede or amend older ones, changing both files in the same commit as `adr new
--supersedes` does. The same size gives the same decisions in both formats:

- `adr-tool`: our format (DESIGN.md section 2), `docs/adr/NNNN-slug.md` with front matter and a
  constraint-first body, `.adr.toml` at the root;
- `adr-tools`: `doc/adr/NNNN-slug.md` as adr-tools writes it (`# N. Title`, `Date:`, a
  `## Status` paragraph with `Superseded by [N. Title](file.md)` lines), `.adr-dir` at the root.

The whole history is one fast-import stream; `git reset --hard` then materialises the work
tree. `cached_log` keeps each log under bench/logs/FORMAT-SIZE with a manifest of the final
state, so that reruns cost nothing.

    python -m bench.generate --size 1000 --format adr-tools --out /tmp/log
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import text

FORMATS = ("adr-tool", "adr-tools")
SIZES = (100, 1_000, 10_000)
GENERATOR_VERSION = 1  # bump when the generated logs change, to invalidate the cache
COMMITS_PER_ADR = 0.32
LOGS = Path(__file__).resolve().parent / "logs"
DIRECTORIES = {"adr-tool": "docs/adr", "adr-tools": "doc/adr"}
START = int(dt.datetime(2017, 1, 9, 9, 0, tzinfo=dt.UTC).timestamp())
SPAN_SECONDS = 7 * 365 * 24 * 3600

AUTHORS = (
    ("Ana Silva", "ana@example.com", "+0100"),
    ("Bo Chen", "bo@example.com", "+0800"),
    ("Chidi Okafor", "chidi@example.com", "+0100"),
    ("Dana Levi", "dana@example.com", "+0200"),
    ("Eero Virtanen", "eero@example.com", "+0200"),
    ("Fatima Zahra", "fatima@example.com", "+0000"),
    ("Gabriel Souza", "gabriel@example.com", "-0300"),
    ("Hana Sato", "hana@example.com", "+0900"),
    ("Ivan Petrov", "ivan@example.com", "+0300"),
    ("Jamie Walker", "jamie@example.com", "-0500"),
    ("Kiri Ngata", "kiri@example.com", "+1200"),
    ("Lena Fischer", "lena@example.com", "+0100"),
)

ADR_TOML = """\
# adr-tool configuration; every key is described in docs/configuration.md of adr-tool
directory = "docs/adr"
template = "constraint-first"
statuses = ["proposed", "accepted", "rejected", "deprecated", "superseded"]
default-status = "proposed"
# base-branch = "origin/main"   # numbering checks; default: the upstream of the current branch
# index = "docs/adr/README.md"

[lint]
select = []          # rule codes or prefixes to run (empty: all)
ignore = []          # rule codes or prefixes to skip
stale-proposal-days = 30

[links]
# refines = "refined-by"   # extra typed relations, each with its reverse
"""

REVERSE = {"amends": "amended-by", "amended-by": "amends"}


@dataclass
class Decision:
    """One ADR as the simulation knows it: its final state once the history has run."""

    number: int
    title: str
    slug: str
    status: str
    date: str  # of the last status change
    created: str
    tags: list[str]
    makers: list[str]
    body: str  # everything after the metadata: constraint-first or adr-tools sections
    supersedes: list[int] = field(default_factory=list)
    superseded_by: list[int] = field(default_factory=list)
    links: dict[str, list[int]] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return f"{self.number:04d}-{self.slug}.md"


@dataclass(frozen=True)
class Manifest:
    """What a generated log holds: enough for the runner and the tests to check it."""

    size: int
    format: str
    directory: str  # the ADR folder, relative to the repository
    commits: int
    adrs: list[dict[str, Any]]
    seconds: float
    version: int = GENERATOR_VERSION

    @property
    def middle(self) -> dict[str, Any]:
        """An ADR in the middle of the log, for `adr show N` and `adr lint FILE`."""
        return self.adrs[len(self.adrs) // 2]

    def to_json(self) -> str:
        data = {
            "version": self.version,
            "size": self.size,
            "format": self.format,
            "directory": self.directory,
            "commits": self.commits,
            "seconds": round(self.seconds, 2),
            "adrs": self.adrs,
        }
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> Manifest:
        data = json.loads(raw)
        return cls(
            size=int(data["size"]),
            format=str(data["format"]),
            directory=str(data["directory"]),
            commits=int(data["commits"]),
            adrs=list(data["adrs"]),
            seconds=float(data["seconds"]),
            version=int(data["version"]),
        )


def _slug(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words)[:60].rstrip("-")


def _flow(values: list[Any]) -> str:
    return "[" + ", ".join(str(value) for value in values) + "]"


def render_adr_tool(decision: Decision) -> str:
    """Front matter in the key order `adr` writes, then the body (H1 and sections)."""
    lines = ["---", f'status: "{decision.status}"', f"date: {decision.date}"]
    if decision.makers:
        lines.append(f"decision-makers: {_flow(decision.makers)}")
    lines.append(f"tags: {_flow(decision.tags)}")
    if decision.supersedes:
        lines.append(f"supersedes: {_flow(decision.supersedes)}")
    if decision.superseded_by:
        lines.append(f"superseded-by: {_flow(decision.superseded_by)}")
    if decision.links:
        pairs = ", ".join(f"{key}: {_flow(value)}" for key, value in decision.links.items())
        lines.append(f"links: {{{pairs}}}")
    lines += ["template: constraint-first", "---", decision.body]
    return "\n".join(lines)


def render_adr_tools(decision: Decision, log: dict[int, Decision]) -> str:
    """As adr-tools writes it: `# N. Title`, `Date:`, then the Status paragraph and its links."""

    def link(phrase: str, number: int) -> str:
        other = log[number]
        return f"{phrase} [{other.number}. {other.title}]({other.file_name})"

    status_lines: list[str] = []
    if decision.superseded_by:
        status_lines += [link("Superseded by", n) for n in decision.superseded_by]
    else:
        status_lines.append(decision.status.capitalize())
    status_lines += [link("Supersedes", n) for n in decision.supersedes]
    for relation, numbers in decision.links.items():
        phrase = relation.replace("-", " ").capitalize()
        status_lines += [link(phrase, n) for n in numbers]
    parts = [
        f"# {decision.number}. {decision.title}",
        "",
        f"Date: {decision.created}",  # adr-tools writes the date once, at creation
        "",
        "## Status",
        "",
        "\n\n".join(status_lines),
        "",
        decision.body,
    ]
    return "\n".join(parts)


class _Stream:
    """A fast-import stream written straight into git's standard input as commits are made."""

    def __init__(self, sink: IO[bytes]) -> None:
        self.sink = sink
        self.commits = 0

    def commit(
        self, when: int, author: tuple[str, str, str], message: str, files: dict[str, str]
    ) -> None:
        name, email, zone = author
        who = f"{name} <{email}> {when} {zone}"
        encoded = message.encode()
        chunks = [
            f"commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {len(encoded)}\n".encode()
            + encoded
            + b"\n"
        ]
        for path, content in sorted(files.items()):
            data = content.encode()
            chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        chunks.append(b"\n")
        self.sink.write(b"".join(chunks))
        self.commits += 1

    def close(self) -> None:
        self.sink.write(b"done\n")
        self.sink.close()


class _Simulation:
    """Plays the history of one log commit by commit and writes it into a stream."""

    def __init__(self, size: int, fmt: str, seed: int, stream: _Stream) -> None:
        self.size, self.fmt = size, fmt
        self.rng = random.Random(seed)
        self.log: dict[int, Decision] = {}
        self.pending: list[int] = []  # proposals not yet decided
        self.stream = stream
        self.now = START
        self.directory = DIRECTORIES[fmt]

    def _date(self) -> str:
        return dt.datetime.fromtimestamp(self.now, dt.UTC).date().isoformat()

    def _render(self, decision: Decision) -> str:
        if self.fmt == "adr-tool":
            return render_adr_tool(decision)
        return render_adr_tools(decision, self.log)

    def commit(
        self, message: str, changed: set[int], extra: dict[str, str] | None = None, step: int = 0
    ) -> None:
        files = dict(extra or {})
        for number in changed:
            decision = self.log[number]
            files[f"{self.directory}/{decision.file_name}"] = self._render(decision)
        self.stream.commit(self.now, self.rng.choice(AUTHORS), message, files)
        self.now += step

    def _new_decision(self, number: int) -> Decision:
        rng = self.rng
        title, domain, thing, tech = text.title(rng)
        if self.fmt == "adr-tool":
            body = text.constraint_first_body(rng, title, domain, thing, tech)
        else:
            body = text.adr_tools_sections(rng, domain, thing, tech)
        return Decision(
            number=number,
            title=title,
            slug=_slug(title),
            status="proposed" if rng.random() < 0.7 else "accepted",
            date=self._date(),
            created=self._date(),
            tags=sorted(rng.sample(text.TAGS, rng.randint(1, 2))),
            makers=[name for name, _, _ in rng.sample(AUTHORS, rng.randint(1, 2))],
            body=body,
        )

    def _supersede(self, new: Decision, changed: set[int]) -> None:
        candidates = [
            n
            for n in rng_window(self.rng, new.number - 1)
            if self.log[n].status == "accepted" and not self.log[n].superseded_by
        ]
        if not candidates:
            return
        old = self.log[self.rng.choice(candidates)]
        old.status, old.date = "superseded", self._date()
        old.superseded_by.append(new.number)
        new.supersedes.append(old.number)
        changed.add(old.number)

    def _amend(self, new: Decision, changed: set[int]) -> None:
        target = self.rng.randint(1, new.number - 1)
        other = self.log[target]
        new.links.setdefault("amends", []).append(target)
        other.links.setdefault("amended-by", []).append(new.number)
        changed.add(target)

    def add_batch(self, first: int, count: int, step: int) -> None:
        changed: set[int] = set()
        for number in range(first, first + count):
            decision = self._new_decision(number)
            self.log[number] = decision
            changed.add(number)
            if number > 5:
                roll = self.rng.random()
                if roll < 0.12:
                    self._supersede(decision, changed)
                elif roll < 0.18:
                    self._amend(decision, changed)
            if decision.status == "proposed":
                self.pending.append(number)
        if count == 1:
            decision = self.log[first]
            verb = f"supersedes ADR {decision.supersedes[0]:04d}: " if decision.supersedes else ""
            message = f"ADR {first:04d}: {verb}{decision.title}"
        else:
            message = f"ADRs {first:04d}-{first + count - 1:04d}: {self.log[first].title}, ..."
        self.commit(message, changed, step=step)

    def decide(self, step: int) -> None:
        """Accept or reject a few pending proposals (oldest first), and maybe deprecate one."""
        changed: set[int] = set()
        words: list[str] = []
        take = min(len(self.pending), self.rng.randint(1, 8))
        for number in self.pending[:take]:
            decision = self.log[number]
            if decision.status != "proposed":
                continue  # superseded while it was still a proposal
            decision.status = "rejected" if self.rng.random() < 0.1 else "accepted"
            decision.date = self._date()
            changed.add(number)
            words.append(f"{decision.status[:-2]} ADR {number:04d}")
        del self.pending[:take]
        if self.rng.random() < 0.15 and self.log:
            number = self.rng.randint(1, len(self.log))
            decision = self.log[number]
            if decision.status == "accepted":
                decision.status, decision.date = "deprecated", self._date()
                changed.add(number)
                words.append(f"deprecate ADR {number:04d}")
        if not changed:
            number = self.rng.randint(1, len(self.log))
            first = self.log[number]
            second = self.rng.randint(1, len(self.log))
            taken = first.links.get("amends", []) + first.links.get("amended-by", [])
            if second != number and second not in taken:
                first.links.setdefault("amends", []).append(second)
                self.log[second].links.setdefault("amended-by", []).append(number)
                changed |= {number, second}
                words.append(f"ADR {number:04d} amends ADR {second:04d}")
        if changed:
            message = "; ".join(words) if words else "Update ADRs"
            self.commit(message[0].upper() + message[1:], changed, step=step)


def rng_window(rng: random.Random, highest: int) -> list[int]:
    """Up to ten earlier numbers, recent ones more likely: what a new ADR tends to replace."""
    picks = {max(1, highest - int(rng.expovariate(1 / max(1.0, highest / 4)))) for _ in range(10)}
    return sorted(picks)


def _batches(rng: random.Random, size: int, count: int) -> list[int]:
    count = max(1, min(count, size))
    cuts = sorted(rng.sample(range(1, size), count - 1)) if count > 1 else []
    edges = [0, *cuts, size]
    return [b - a for a, b in itertools.pairwise(edges)]


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    return env


def _git(cwd: Path, *args: str, data: bytes | None = None) -> None:
    completed = subprocess.run(
        ["git", "-c", "core.autocrlf=false", *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        env=_git_env(),
        check=False,
    )
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"git {' '.join(args)} failed in {cwd}: {message}")


def _play(sim: _Simulation) -> None:
    """The whole history: a set-up commit, then batches of new ADRs and decisions, interleaved."""
    rng, size = sim.rng, sim.size
    commits = max(4, round(size * COMMITS_PER_ADR))
    batches = _batches(rng, size, max(2, round(commits * 0.6)))
    decides = max(1, commits - len(batches) - 1)
    kinds = ["add"] * (len(batches) - 1) + ["decide"] * decides
    rng.shuffle(kinds)
    kinds = ["add", *kinds]  # the first commit after the set-up adds ADRs
    step = SPAN_SECONDS // (len(kinds) + 1)
    setup = {"README.md": "# Example service\n\nDecisions live in the ADR folder.\n"}
    if sim.fmt == "adr-tool":
        setup[".adr.toml"] = ADR_TOML
    else:
        setup[".adr-dir"] = DIRECTORIES[sim.fmt] + "\n"
    sim.commit("Start the decision log", set(), setup, step=step)
    first = 1
    batch_sizes = iter(batches)
    for kind in kinds:
        jitter = int(step * rng.uniform(0.2, 1.8))
        if kind == "add":
            count = next(batch_sizes)
            sim.add_batch(first, count, jitter)
            first += count
        else:
            sim.decide(jitter)


def build_log(size: int, fmt: str, dest: Path, seed: int | None = None) -> Manifest:
    """Create a git repository at `dest` (which must not exist) holding a log of `size` ADRs.

    The stream goes to `git fast-import` while it is being made, so Python and git overlap.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if size < 2:
        raise ValueError("a log needs at least 2 ADRs")
    started = time.perf_counter()
    dest.mkdir(parents=True)
    _git(dest, "init", "--quiet", "--initial-branch=main")
    with tempfile.TemporaryFile() as errors:
        importer = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done"],
            cwd=dest,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=_git_env(),
        )
        assert importer.stdin is not None
        stream = _Stream(importer.stdin)
        sim = _Simulation(size, fmt, seed if seed is not None else size, stream)
        try:
            _play(sim)
            stream.close()
        except BrokenPipeError:
            pass  # git stopped reading: its exit code and message tell why
        finally:
            code = importer.wait()
        if code != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise RuntimeError(f"git fast-import failed in {dest}: {message}")
    _git(dest, "reset", "--hard", "--quiet", "main")
    adrs = [
        {
            "number": d.number,
            "title": d.title,
            "file": d.file_name,
            "status": d.status,
            "date": d.date if fmt == "adr-tool" else d.created,
            "supersedes": d.supersedes,
            "superseded-by": d.superseded_by,
            "links": d.links,
        }
        for d in sorted(sim.log.values(), key=lambda d: d.number)
    ]
    return Manifest(
        size=size,
        format=fmt,
        directory=DIRECTORIES[fmt],
        commits=stream.commits,
        adrs=adrs,
        seconds=time.perf_counter() - started,
    )


def cached_log(size: int, fmt: str, root: Path = LOGS) -> tuple[Path, Manifest]:
    """The repository of a generated log, built once and reused while the generator is unchanged.

    The manifest is written last, so an interrupted build is rebuilt next time.
    """
    home = root / f"{fmt}-{size}"
    manifest_path = home / "manifest.json"
    repo = home / "repo"
    if manifest_path.is_file() and repo.is_dir():
        try:
            manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"))
        except (ValueError, KeyError):
            manifest = None
        if manifest is not None and manifest.version == GENERATOR_VERSION:
            return repo, manifest
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    manifest = build_log(size, fmt, repo)
    manifest_path.write_text(manifest.to_json(), encoding="utf-8")
    return repo, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", type=int, default=100, help="number of ADRs (default 100)")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="adr-tool")
    parser.add_argument("--out", type=Path, help="a new folder (default: the cache in bench/logs)")
    parser.add_argument("--seed", type=int, help="random seed (default: the size)")
    args = parser.parse_args(argv)
    if args.out is None:
        repo, manifest = cached_log(args.size, args.fmt)
    else:
        if args.out.exists():
            parser.error(f"{args.out} exists; give a new folder")
        repo, manifest = args.out, build_log(args.size, args.fmt, args.out, args.seed)
    print(
        f"{repo}: {manifest.size} ADRs ({manifest.format}), {manifest.commits} commits, "
        f"built in {manifest.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
