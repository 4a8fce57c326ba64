"""The per-file cache (`.git/adr-tool/`): a warm run reads no unchanged file and finds exactly
what a run without the cache finds, whatever changed in between."""

from __future__ import annotations

import json
import os
import shutil
from typing import TYPE_CHECKING

import pytest

from adr_tool import cache as cache_module
from adr_tool import store

from .conftest import adr, git, write
from .lint_support import good_adr, make_log

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from adr_tool.document import Document

GAPPY = good_adr("Use Redis for sessions").replace(
    "## Trade-offs\n\nWe give up writing an invoice and its row in one transaction, for cost and "
    "durability.\n",
    "## Trade-offs\n\nTBD\n",
)  # one content finding (ADR202)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (the cache waits two seconds)."""
    monkeypatch.setattr(cache_module, "_SETTLE_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every ADR file read from disk during the test."""
    seen: list[Path] = []
    original = store.read_bytes

    def counting(path: Path) -> bytes:
        seen.append(path)
        return original(path)

    monkeypatch.setattr(store, "read_bytes", counting)
    return seen


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every ADR file parsed during the test."""
    seen: list[Path] = []
    original = store.parse_bytes

    def counting(data: bytes, path: Path) -> Document:
        seen.append(path)
        return original(data, path)

    monkeypatch.setattr(store, "parse_bytes", counting)
    return seen


@pytest.fixture
def log(repo: Path) -> Path:
    make_log(
        repo,
        {
            "0001-use-s3-for-invoices.md": good_adr(),
            "0002-use-redis-for-sessions.md": GAPPY,
            "0003-use-kafka.md": good_adr("Use Kafka", status="proposed", date="2025-06-01"),
        },
    )
    return repo / "docs" / "adr"


def cache_files(repo: Path) -> list[Path]:
    folder = repo / ".git" / "adr-tool"
    return sorted(folder.glob("files-*.json")) if folder.is_dir() else []


def uncached(*args: str) -> str:
    """What the command prints without the cache: the reference a warm run must match."""
    run = adr(*args, env={"ADR_NO_CACHE": "1"})
    return run.stdout + run.stderr


def output(*args: str) -> str:
    run = adr(*args)
    return run.stdout + run.stderr


@pytest.mark.usefixtures("settled")
def test_a_warm_lint_reads_no_file_and_finds_the_same(
    repo: Path, log: Path, reads: list[Path]
) -> None:
    cold = adr("lint")
    assert cold.exit_code == 1
    assert "0002-use-redis-for-sessions.md:" in cold.stdout and "ADR202" in cold.stdout
    assert "ADR402" in cold.stdout  # the stale proposal, a time rule
    assert len(cache_files(repo)) == 1
    assert len(reads) == 3
    reads.clear()
    warm = adr("lint")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    assert reads == []  # the time rule's line came from the cache too
    assert warm.stdout + warm.stderr == uncached("lint")


@pytest.mark.usefixtures("settled")
def test_index_list_and_show_take_metadata_from_the_cache(
    repo: Path, log: Path, reads: list[Path]
) -> None:
    adr("index")
    expected = uncached("list")
    reads.clear()
    assert adr("index", "--check").exit_code == 0
    assert adr("list").stdout == expected
    assert reads == []
    assert "Use Kafka" in adr("show", "3").stdout
    assert reads == [log / "0003-use-kafka.md"]  # show reads the one file it shows


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "change",
    [
        "fix the gap",
        "same size edit",
        "new file",
        "delete",
        "rename",
        "settings",
        "project template",
        "status word",
    ],
)
def test_every_change_is_seen(repo: Path, log: Path, change: str) -> None:
    adr("lint")
    before = output("lint")  # warm
    gappy = log / "0002-use-redis-for-sessions.md"
    if change == "fix the gap":
        write(gappy, good_adr("Use Redis for sessions"))
    elif change == "same size edit":
        text = gappy.read_text(encoding="utf-8")
        gappy.write_text(text.replace("\nTBD\n", "\nYes\n"), encoding="utf-8")  # answered
    elif change == "new file":
        write(log / "0004-use-nats.md", GAPPY.replace("Use Redis for sessions", "Use NATS"))
    elif change == "delete":
        gappy.unlink()
    elif change == "rename":
        gappy.rename(log / "0009-use-redis-for-sessions.md")
    elif change == "settings":
        (repo / ".adr.toml").write_text(
            '[lint]\nignore = ["ADR202"]\nstale-proposal-days = 10000\n', encoding="utf-8"
        )
    elif change == "project template":
        template = good_adr().split("---\n", 2)[2]
        write(
            log / "templates" / "constraint-first.md",
            "---\nsections:\n  - {title: Context, required: true}\n  - {title: Budget, "
            "required: true}\n---\n" + template,
        )
    elif change == "status word":
        text = gappy.read_text(encoding="utf-8")
        gappy.write_text(text.replace('status: "accepted"', 'status: "approved"'), "utf-8")
    warm = output("lint")
    assert warm != before
    assert warm == uncached("lint")
    assert output("lint") == warm  # and again, from the cache written by that run


@pytest.mark.usefixtures("settled")
def test_log_rules_alone_read_no_file_from_a_warm_cache(
    repo: Path, log: Path, reads: list[Path]
) -> None:
    write(log / "0004-use-nats.md", good_adr("Use NATS", extra="supersedes: [9]\n"))
    adr("lint")
    reads.clear()
    run = adr("lint", "--select", "ADR3")
    assert "0004-use-nats.md:4:1: ADR302" in run.stdout  # the line of `supersedes:`
    assert reads == [log / "0004-use-nats.md"]  # the one file a finding points into
    assert run.stdout == adr("lint", "--select", "ADR3", env={"ADR_NO_CACHE": "1"}).stdout


@pytest.mark.usefixtures("settled")
def test_time_rules_judge_by_today_not_by_the_cache(repo: Path, log: Path) -> None:
    write(log / "0004-use-nats.md", good_adr("Use NATS", extra="review-by: 2026-03-01\n"))
    assert "ADR401" not in output("lint")
    later = {"SOURCE_DATE_EPOCH": "1775000000"}  # 2026-03-31
    run = adr("lint", env=later)
    assert "0004-use-nats.md:4:1: ADR401" in run.stdout  # the review-by line, from the cache
    assert run.stdout == adr("lint", env={**later, "ADR_NO_CACHE": "1"}).stdout


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "a list",
        "wrong entries",
        "wrong findings",
        "line zero",
        "wrong metadata",
        "truncated",
    ],
)
def test_a_damaged_cache_is_ignored(repo: Path, log: Path, damage: str) -> None:
    expected = output("lint")
    (path,) = cache_files(repo)
    data = json.loads(path.read_text(encoding="utf-8"))
    if damage == "not json":
        path.write_bytes(b"\xff\x00 not json")
    elif damage == "a list":
        path.write_text("[1, 2]", encoding="utf-8")
    elif damage == "wrong entries":
        data["files"] = {name: [[1, 2], "x", 3] for name in data["files"]}
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "wrong findings":
        for entry in data["files"].values():
            entry[5] = {"hits": [["ADR202", "one", 1]], "lines": {}}
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "line zero":
        for entry in data["files"].values():
            entry[5]["hits"] = [["ADR202", 0, 1, "no line"]]
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "wrong metadata":
        for entry in data["files"].values():
            entry[3] = {"title": 5}
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "truncated":
        path.write_text(path.read_text(encoding="utf-8")[:50], encoding="utf-8")
    assert output("lint") == expected
    assert output("lint") == expected  # the damaged file was replaced


@pytest.mark.usefixtures("settled")
def test_a_cache_that_cannot_be_written_changes_nothing(repo: Path, log: Path) -> None:
    (repo / ".git" / "adr-tool").write_text("a file where the cache folder would be")
    assert output("lint") == uncached("lint")
    assert cache_files(repo) == []


@pytest.mark.usefixtures("settled")
def test_no_cache_outside_git_or_when_turned_off(tmp_path: Path, repo: Path, log: Path) -> None:
    assert adr("lint", env={"ADR_NO_CACHE": "1"}).exit_code == 1
    assert cache_files(repo) == []
    outside = tmp_path / "plain"
    make_log(outside, {"0001-use-s3-for-invoices.md": good_adr()})
    os.chdir(outside)
    assert adr("lint").exit_code == 0
    assert not any(p.name.startswith("files-") for p in tmp_path.rglob("*.json"))


def test_files_changed_in_the_last_two_seconds_are_read_but_not_parsed_again(
    repo: Path, log: Path, reads: list[Path], parses: list[Path]
) -> None:
    cold = output("lint")
    assert len(parses) == 3
    reads.clear()
    parses.clear()
    assert output("lint") == cold
    assert len(reads) == 3  # their times cannot vouch for their bytes yet
    assert parses == []  # but the bytes are those recorded


@pytest.mark.usefixtures("settled")
def test_touched_files_are_read_once_and_not_parsed(
    log: Path, reads: list[Path], parses: list[Path]
) -> None:
    cold = output("lint")
    for path in log.glob("*.md"):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # a checkout rewrote the same bytes
    reads.clear()
    parses.clear()
    assert output("lint") == cold
    assert (len(reads), parses) == (3, [])
    reads.clear()
    assert output("lint") == cold
    assert reads == []  # the new times were recorded


@pytest.mark.usefixtures("settled")
def test_a_cache_restored_into_a_fresh_clone_spares_parsing(
    tmp_path: Path, repo: Path, log: Path, reads: list[Path], parses: list[Path]
) -> None:
    """CI: clone, restore `.git/adr-tool` from the last run, lint."""
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "log")
    clone = tmp_path / "ci" / "checkout"
    git(tmp_path, "clone", "--quiet", str(repo), str(clone))
    os.chdir(clone)
    first = output("lint")
    saved = tmp_path / "saved-cache"
    (clone / ".git" / "adr-tool").rename(saved)
    shutil.rmtree(clone)
    git(tmp_path, "clone", "--quiet", str(repo), str(clone))  # the next CI run, same path
    saved.rename(clone / ".git" / "adr-tool")
    os.chdir(clone)
    reads.clear()
    parses.clear()
    assert output("lint") == first
    assert len(reads) == 3
    assert parses == []


@pytest.mark.usefixtures("settled")
def test_a_worktree_keeps_its_cache_in_its_own_git_folder(
    tmp_path: Path, repo: Path, log: Path
) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "log")
    other = tmp_path / "other"
    git(repo, "worktree", "add", "--quiet", str(other))
    os.chdir(other)
    assert adr("lint").exit_code == 1
    assert list((repo / ".git" / "worktrees").glob("*/adr-tool/files-*.json"))
    assert not (other / ".git").is_dir()


def test_the_cache_lives_in_git_never_in_the_work_tree(
    repo: Path, log: Path, settled: None, reads: Callable[[], None]
) -> None:
    adr("lint")
    assert git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all").count(
        "adr-tool"
    ) == 0


def test_code_digest_covers_every_package_folder() -> None:
    """The code digest reads every folder of the package that holds modules, sub-packages
    such as lint/quality included, so that a change to any rule drops cached findings."""
    from pathlib import Path

    package = Path(cache_module.__file__).resolve().parent
    with_modules = {
        str(folder)
        for folder in {path.parent for path in package.rglob("*.py")}
        if "__pycache__" not in folder.parts
    }
    assert with_modules <= set(cache_module.code_folders())
