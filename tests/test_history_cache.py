"""The history kept by commit in `.git/adr-tool/`: an unmoved HEAD reads no `git log`, a HEAD
moved forward reads only the new commits, anything else reads it all; always the same history
as without the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adr_tool import history as history_module
from adr_tool.config import discover
from adr_tool.history import read_history
from adr_tool.store import load_log

from .conftest import adr, commit, git, write


@pytest.fixture
def logs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The revisions of every `git log` the history ran."""
    seen: list[str] = []
    original = history_module._Records._log

    def counting(self: history_module._Records, revisions: str) -> list[history_module.Record]:
        seen.append(revisions)
        return original(self, revisions)

    monkeypatch.setattr(history_module._Records, "_log", counting)
    return seen


def events(repo: Path, cached: bool = True) -> list[tuple[str, ...]]:
    previous = os.environ.pop("ADR_NO_CACHE", None)
    if not cached:
        os.environ["ADR_NO_CACHE"] = "1"
    try:
        config = discover(repo)
        log = load_log(config).log
        found = read_history(repo, log, config.statuses)
    finally:
        os.environ.pop("ADR_NO_CACHE", None)
        if previous is not None:
            os.environ["ADR_NO_CACHE"] = previous
    return [
        (e.date, str(e.number), e.title, e.kind, e.author, e.commit, e.detail)
        for e in found.events()
    ]


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_an_unmoved_head_reads_no_git_log(story: Path, logs: list[str]) -> None:
    first = events(story)
    assert logs == [head(story)]
    assert events(story) == first == events(story, cached=False)
    assert logs == [head(story), head(story)]  # the second read came from the cache; the
    # third, without it, ran git log again
    assert list((story / ".git" / "adr-tool").glob("history-*.json"))


def test_new_commits_are_read_alone(story: Path, logs: list[str]) -> None:
    events(story)
    old = head(story)
    assert 0 == adr("accept", "3").exit_code  # no change: already accepted
    assert 0 == adr("new", "Use Azure", "--no-input").exit_code
    commit(story, "propose Azure", "2026-04-01", "Bo Chen")
    assert 0 == adr("reject", "4").exit_code
    commit(story, "reject Azure", "2026-04-02", "Ana Silva")
    logs.clear()
    found = events(story)
    assert logs == [f"{old}..{head(story)}"]
    assert found == events(story, cached=False)
    assert ("rejected", "Ana Silva") in {(e[3], e[4]) for e in found}


@pytest.mark.parametrize(
    "rewrite",
    ["amend", "reset back", "other branch", "merge", "rename", "damaged cache", "renumber"],
)
def test_rewritten_history_is_read_again(story: Path, logs: list[str], rewrite: str) -> None:
    events(story)
    old = head(story)
    if rewrite == "amend":
        git(story, "commit", "--quiet", "--amend", "-m", "GCS supersedes S3 (reworded)")
    elif rewrite == "reset back":
        git(story, "reset", "--quiet", "--hard", "HEAD~2")
    elif rewrite == "other branch":
        git(story, "checkout", "--quiet", "-b", "side", "HEAD~3")
        assert 0 == adr("deprecate", "2").exit_code
        commit(story, "deprecate S3 on a side branch", "2026-05-01", "Bo Chen")
    elif rewrite == "merge":
        git(story, "checkout", "--quiet", "-b", "side", "HEAD~1")
        write(story / "docs/adr/0002-use-s3.md", "---\nstatus: deprecated\n---\n# Use S3\n")
        commit(story, "deprecate S3", "2026-05-01", "Bo Chen")
        git(story, "checkout", "--quiet", "main")
        git(story, "merge", "--quiet", "--no-edit", "-X", "ours", "side")
    elif rewrite == "rename":
        git(story, "mv", "docs/adr/0003-use-gcs.md", "docs/adr/0003-use-google-storage.md")
        commit(story, "rename", "2026-05-01", "Cy Diaz")
    elif rewrite == "damaged cache":
        (path,) = (story / ".git" / "adr-tool").glob("history-*.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["commits"][0][3][0] = ["only", "three", "parts"]
        path.write_text(json.dumps(data), encoding="utf-8")
    elif rewrite == "renumber":
        assert 0 == adr("renumber", "2", "--to", "9").exit_code
        commit(story, "renumber", "2026-05-01", "Ana Silva")
    logs.clear()
    assert events(story) == events(story, cached=False)
    if rewrite in ("rename", "renumber"):
        assert logs[0] == f"{old}..{head(story)}"  # moved forward: the new commit alone
    else:
        assert logs[0] == head(story)  # the whole history again
    logs.clear()
    events(story)
    assert logs == []  # and then from the cache


def test_a_shallow_clone_keeps_no_history_cache(story: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "2", f"file://{story}", str(clone))
    assert events(clone) == events(clone, cached=False)
    assert not list((clone / ".git").glob("adr-tool/history-*.json"))


def test_adr_log_output_is_the_same_from_the_cache(story: Path) -> None:
    cold = adr("log").stdout
    assert cold == adr("log").stdout == adr("log", env={"ADR_NO_CACHE": "1"}).stdout
    assert "superseded by 0003" in cold
