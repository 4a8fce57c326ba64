"""Many writers at once, as real processes: every change lands, every relation has both sides,
no ADR is lost or numbered twice."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from adr_tool.config import discover
from adr_tool.store import load_log
from tests.conftest import start_process, write

if TYPE_CHECKING:
    from pathlib import Path

    from adr_tool.model import DecisionLog

# The lock's bound is not under test here: a loaded machine must not turn a wait into a failure.
PATIENT = {"ADR_LOCK_TIMEOUT": "600"}
ROUNDS = 10
WRITERS = 16


def _adr(title: str) -> str:
    return f'---\nstatus: "proposed"\ndate: 2026-01-01\ntags: []\n---\n# {title}\n\nBody.\n'


def _all_at_once(cwd: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Start every command, then wait for all: exit code, stdout, stderr of each."""
    processes = [start_process(*command, cwd=cwd, env=PATIENT) for command in commands]
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        results.append((process.returncode, stdout, stderr))
    return results


def _log(root: Path) -> DecisionLog:
    return load_log(discover(root)).log


def _one_sided(log: DecisionLog) -> list[str]:
    """Every relation whose other side is missing, in words."""
    reverse = {"amends": "amended-by", "amended-by": "amends", "relates-to": "relates-to"}
    found = []
    for adr in log:
        for old in adr.supersedes:
            if adr.number not in log.get(old).superseded_by:
                found.append(f"{adr.number} supersedes {old}")
        for new in adr.superseded_by:
            if adr.number not in log.get(new).supersedes:
                found.append(f"{adr.number} superseded by {new}")
        for relation, other in adr.links:
            if (reverse[relation], adr.number) not in log.get(other).links:
                found.append(f"{adr.number} {relation} {other}")
    return found


def test_sixteen_mixed_writers_lose_nothing(initialised: Path) -> None:
    """Ten rounds of 16 writers at once (supersede, link, status, new, new --supersedes,
    index) on overlapping ADRs: every command exits 0, its change is there, and every
    relation is two-sided (main lost supersedes and left links one-sided)."""
    folder = initialised / "docs/adr"
    rng = random.Random(13)
    per_round = 12  # existing ADRs each round works on
    for n in range(2, 2 + ROUNDS * per_round):
        write(folder / f"{n:04d}-adr-{n}.md", _adr(f"ADR {n}"))
    for round_number in range(ROUNDS):
        first = 2 + round_number * per_round
        hub, a, b, c, d, s1, s2, s3, z, w, x, y = range(first, first + per_round)
        commands = [
            ["supersede", str(a), str(hub)],
            ["supersede", str(b), str(hub)],
            ["supersede", str(c), str(hub)],
            ["supersede", str(a), str(d)],
            ["link", str(hub), "amends", str(w)],
            ["link", str(s1), "amends", str(w)],
            ["link", str(s2), "relates-to", str(hub)],
            ["link", str(x), "amends", str(y)],
            ["accept", str(s1)],
            ["reject", str(s2)],
            ["status", str(s3), "deprecated"],
            ["new", f"Round {round_number} plain", "--no-input"],
            ["new", f"Round {round_number} first", "--no-input", "--supersedes", str(z)],
            ["new", f"Round {round_number} second", "--no-input", "--supersedes", str(z)],
            ["new", f"Round {round_number} third", "--no-input", "--supersedes", str(z)],
            ["index"],
        ]
        assert WRITERS == len(commands)
        rng.shuffle(commands)
        results = _all_at_once(initialised, commands)
        assert [0] * WRITERS == [code for code, _, _ in results], results
        log = _log(initialised)
        assert [] == _one_sided(log)
        assert (set(), {a, b, c}) == (
            {n for n in (a, b, c) if hub not in log.get(n).superseded_by},
            set(log.get(hub).supersedes),
        )
        assert {hub, d} == set(log.get(a).superseded_by)
        assert {("amended-by", hub), ("amended-by", s1)} == set(log.get(w).links)
        assert {("amends", y)} == set(log.get(x).links)
        assert ("accepted", "rejected", "deprecated") == (
            log.get(s1).status,
            log.get(s2).status,
            log.get(s3).status,
        )
        assert {("amends", w)} == set(log.get(s1).links)
        assert {("relates-to", hub)} == set(log.get(s2).links)
        news = [adr for adr in log if adr.title.startswith(f"Round {round_number} ")]
        assert 4 == len(news)
        successors = sorted(adr.number for adr in news if adr.supersedes == (z,))
        assert (3, successors) == (len(successors), sorted(log.get(z).superseded_by))
        assert "superseded" == log.get(z).status
    numbers = [adr.number for adr in _log(initialised)]
    assert len(numbers) == len(set(numbers))
    assert not list(folder.glob(".adr-*"))


def test_eight_new_supersedes_of_one_adr_list_all_eight(initialised: Path) -> None:
    """Eight `adr new --supersedes 2` at once: ADR 2 lists all eight successors (main: 6)."""
    write(initialised / "docs/adr/0002-old.md", _adr("Old"))
    results = _all_at_once(
        initialised,
        [["new", f"Successor {i}", "--no-input", "--supersedes", "2"] for i in range(8)],
    )
    assert [0] * 8 == [code for code, _, _ in results], results
    log = _log(initialised)
    successors = sorted(adr.number for adr in log if adr.supersedes == (2,))
    assert list(range(3, 11)) == successors
    assert successors == sorted(log.get(2).superseded_by)


def test_concurrent_renumbers_of_same_titled_adrs_lose_none(initialised: Path) -> None:
    """Two, then four, `adr renumber` at once on ADRs with the same title: each ADR keeps its
    text under its own new number (main: two took the same name and one was lost)."""
    folder = initialised / "docs/adr"
    for count in (2, 4, 4):
        for path in folder.glob("*-same.md"):
            path.unlink()
        texts = {n: _adr("Same") + f"\nText of {n}.\n" for n in range(2, 2 + count)}
        for n, text in texts.items():
            write(folder / f"{n:04d}-same.md", text)
        results = _all_at_once(initialised, [["renumber", str(n)] for n in texts])
        assert [0] * count == [code for code, _, _ in results], results
        moved = {int(path.name[:4]): path.read_text() for path in folder.glob("*-same.md")}
        assert list(range(2 + count, 2 + 2 * count)) == sorted(moved)
        assert sorted(texts.values()) == sorted(moved.values())


def test_init_at_once_twice_makes_one_log(repo: Path) -> None:
    """Two `adr init` at once: one writes the log, the other refuses; nothing is half made."""
    results = _all_at_once(repo, [["init"], ["init"]])
    assert [0, 1] == sorted(code for code, _, _ in results), results
    assert ["0001-record-architecture-decisions.md"] == sorted(
        path.name for path in (repo / "docs/adr").iterdir()
    )
    assert (repo / ".adr.toml").read_text().startswith("# adr-tool configuration")
