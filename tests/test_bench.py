"""The benchmark's generator and runner still work (no timing is asserted here: see bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import generate, run
from tests.conftest import adr, git


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, generate.Manifest]]:
    """A 20-ADR log in each format, built once for the module."""
    root = tmp_path_factory.mktemp("bench-logs")
    built = {}
    for fmt in generate.FORMATS:
        repo = root / fmt
        built[fmt] = (repo, generate.build_log(20, fmt, repo))
    return built


def _expected(manifest: generate.Manifest) -> list[dict[str, object]]:
    return [
        {
            "number": entry["number"],
            "title": entry["title"],
            "status": entry["status"],
            "date": entry["date"],
            "supersedes": entry["supersedes"],
            "superseded-by": entry["superseded-by"],
            "links": entry["links"],
        }
        for entry in manifest.adrs
    ]


@pytest.mark.parametrize("fmt", generate.FORMATS)
def test_generated_log_reads_back_as_generated(
    logs: dict[str, tuple[Path, generate.Manifest]], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`adr list --format json` reads all 20 ADRs with the statuses and relations generated."""
    repo, manifest = logs[fmt]
    monkeypatch.chdir(repo)
    result = adr("list", "--format", "json")
    assert 0 == result.exit_code, result.stderr
    keys = ("number", "title", "status", "date", "supersedes", "superseded-by", "links")
    listed = [{key: record[key] for key in keys} for record in json.loads(result.stdout)]
    assert _expected(manifest) == listed
    assert {"proposed", "accepted", "superseded"} <= {entry["status"] for entry in listed}
    assert any(entry["supersedes"] for entry in listed)
    assert any(entry["links"] for entry in listed)


@pytest.mark.parametrize("fmt", generate.FORMATS)
def test_generated_log_has_history(
    logs: dict[str, tuple[Path, generate.Manifest]], fmt: str
) -> None:
    """Commits spread over years, a clean work tree, and the folder each format expects."""
    repo, manifest = logs[fmt]
    commits = int(git(repo, "rev-list", "--count", "main").strip())
    assert manifest.commits == commits
    assert commits > 1
    years = set(git(repo, "log", "--format=%ad", "--date=format:%Y").split())
    assert len(years) > 2
    assert "" == git(repo, "status", "--porcelain")
    marker = ".adr.toml" if fmt == "adr-tool" else ".adr-dir"
    assert (repo / marker).is_file()
    assert 20 == len(list((repo / manifest.directory).glob("*.md")))
    if fmt == "adr-tools":
        assert "doc/adr\n" == (repo / ".adr-dir").read_text()
        first = (repo / manifest.directory / manifest.adrs[0]["file"]).read_text()
        assert first.startswith(f"# 1. {manifest.adrs[0]['title']}\n\nDate: ")


def test_generation_is_deterministic_and_cached(tmp_path: Path) -> None:
    """The same size gives the same history; the cache reuses a finished log."""
    first = tmp_path / "one"
    second = tmp_path / "two"
    generate.build_log(12, "adr-tool", first)
    generate.build_log(12, "adr-tool", second)
    assert git(first, "rev-parse", "main") == git(second, "rev-parse", "main")
    repo, manifest = generate.cached_log(12, "adr-tools", tmp_path / "cache")
    (repo / "left-by-a-run").touch()
    again, cached = generate.cached_log(12, "adr-tools", tmp_path / "cache")
    assert repo == again
    assert (manifest.adrs, manifest.commits) == (cached.adrs, cached.commits)
    assert (again / "left-by-a-run").exists()  # reused, not rebuilt


def test_launcher_reports_exit_code_and_memory(tmp_path: Path) -> None:
    """bench/launch.py runs a command and reports its exit code and a peak memory figure."""
    env = run.child_env()
    result = run.run_once((sys.executable, "-c", "import sys; sys.exit(3)"), tmp_path, env)
    assert 3 == result.code
    assert result.peak_kb > 0
    assert result.cpu >= 0


def test_floor_reads_a_generated_log(logs: dict[str, tuple[Path, generate.Manifest]]) -> None:
    """bench/floor.py reads every file of a log: 8 headings in each constraint-first ADR."""
    repo, manifest = logs["adr-tool"]
    completed = subprocess.run(
        [sys.executable, str(run.BENCH / "floor.py"), manifest.directory],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    assert 20 * 9 == int(completed.stdout)


def test_report_renders_budgets_from_results(
    logs: dict[str, tuple[Path, generate.Manifest]], tmp_path: Path
) -> None:
    """The report marks a missed budget as FAIL and keeps hand-written notes around its markers."""
    repo, manifest = logs["adr-tool"]
    report = run.Report([1_000], {1_000: 5})
    report.startup["python -c pass"] = run.Result(
        "python -c pass", [0.02], [9000], [0.02], ours=False
    )
    report.startup["adr --help"] = run.Result("adr --help", [0.05], [20000], [0.05])
    log = run.Log(manifest, repo)
    log.results["adr lint FILE"] = run.Result(
        "adr lint FILE", [0.5, 0.4, 0.6], [30000] * 3, [0.5, 0.4, 0.5]
    )
    log.results["adr log"] = run.Result("adr log", skipped="no `adr log` in this build yet")
    report.logs[(1_000, "adr-tool")] = log
    text = report.markdown()
    assert "| adr lint FILE | 0.500 s | 0.400 s | 0.500 s | 29 | < 0.3 s | **FAIL** |" in text
    assert "skipped: no `adr log` in this build yet" in text
    assert report.failed()
    output = tmp_path / "RESULTS.md"
    output.write_text(f"# Mine\n\n{run.BEGIN}\nold\n{run.END}\n\n## Notes\n\nkept\n")
    run.write_results(output, text)
    written = output.read_text()
    assert written.startswith("# Mine\n\n")
    assert written.endswith("## Notes\n\nkept\n")
    assert "old" not in written


def test_adr_tools_is_found_only_when_it_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our own `adr` shadows adr-tools' name: a script that dispatches to adr-* is adr-tools."""
    ours = tmp_path / "ours" / "adr"
    ours.parent.mkdir()
    ours.write_text("#!/usr/bin/env python\nfrom adr_tool.cli import main\n")
    theirs = tmp_path / "theirs" / "adr"
    theirs.parent.mkdir()
    theirs.write_text('#!/bin/bash\nadr_bin_dir=/usr/libexec/adr-tools\n"$adr_bin_dir"/adr-"$1"\n')
    monkeypatch.delenv("ADR_TOOLS", raising=False)
    monkeypatch.setenv("PATH", str(ours.parent))
    assert run.find_adr_tools(ours) is None
    monkeypatch.setenv("PATH", f"{ours.parent}:{theirs.parent}")
    assert theirs == run.find_adr_tools(ours)
    monkeypatch.setenv("ADR_TOOLS", str(ours))
    assert ours == run.find_adr_tools(ours)
