"""Shared fixtures: real git repositories in tmp_path with pinned identities and dates."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings as hypothesis_settings

from adr_tool.cli import cli

ROOT = Path(__file__).resolve().parent.parent
# CI clones the project with shared/ beside it; ADR_CORPORA points elsewhere when it is not.
CORPORA = Path(os.environ.get("ADR_CORPORA", ROOT.parent / "shared" / "corpora"))
ADR_BIN = Path(sys.executable).parent / "adr"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ana Silva",
    "GIT_AUTHOR_EMAIL": "ana@example.com",
    "GIT_COMMITTER_NAME": "Ana Silva",
    "GIT_COMMITTER_EMAIL": "ana@example.com",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "SOURCE_DATE_EPOCH": "1768471200",  # 2026-01-15: what adr-tool takes as today in tests
}


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real home folder or git config; dates are pinned."""
    home = tmp_path_factory.mktemp("home")
    templates = tmp_path_factory.mktemp("git-templates")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(templates))
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    for key in (
        "ADR_DIR",
        "VISUAL",
        "EDITOR",
        "NO_COLOR",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
    ):
        monkeypatch.delenv(key, raising=False)


def git(cwd: Path, *args: str) -> str:
    """Run real git and return its output; fails the test loudly when git fails."""
    completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def commit(repo: Path, message: str, date: str, author: str) -> None:
    """Commit everything with a pinned date and author (`Ana Silva` -> ana@example.com)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": f"{author.split()[0].lower()}@example.com",
        "GIT_AUTHOR_DATE": f"{date}T09:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{date}T09:00:00+00:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "--quiet", "-m", message], cwd=repo, check=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository, and the working folder set to it."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "--quiet", "--initial-branch=main")
    monkeypatch.chdir(path)
    return path


@dataclass
class Run:
    """The outcome of one `adr` command: exit code, stdout and stderr apart."""

    exit_code: int
    stdout: str
    stderr: str
    result: Result


def adr(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
    """Invoke the CLI in-process through click's CliRunner, as a user would type it."""
    result = CliRunner().invoke(
        cli, list(args), input=input, env=env, prog_name="adr", catch_exceptions=True
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        import traceback

        traceback.print_exception(result.exception)
    return Run(result.exit_code, result.stdout, result.stderr, result)


@pytest.fixture
def initialised(repo: Path) -> Path:
    """A repository after `adr init`: .adr.toml, docs/adr and ADR 0001."""
    run = adr("init")
    assert run.exit_code == 0, run.stderr
    return repo


@pytest.fixture
def story(repo: Path) -> Path:
    """A log with history: proposed by Ana, accepted by Bo, superseded by Cy's ADR 3."""
    assert 0 == adr("init").exit_code
    commit(repo, "init", "2026-01-05", "Ana Silva")
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    commit(repo, "propose S3", "2026-01-10", "Ana Silva")
    assert 0 == adr("accept", "2").exit_code
    commit(repo, "accept S3", "2026-02-01", "Bo Chen")
    (repo / "docs/adr/0002-use-s3.md").write_text(
        (repo / "docs/adr/0002-use-s3.md").read_text() + "\nA clarification.\n"
    )
    commit(repo, "edit S3", "2026-02-15", "Cy Diaz")
    assert (
        0
        == adr(
            "new", "Use GCS", "--no-input", "--status", "accepted", "--supersedes", "2"
        ).exit_code
    )
    commit(repo, "GCS supersedes S3", "2026-03-01", "Cy Diaz")
    return repo


def fail_adr_writes(monkeypatch: pytest.MonkeyPatch, error: OSError, at: int = 0) -> list[str]:
    """Make the `at`-th rename of a written ADR file into place raise `error` (every one when
    `at` is 0); other writes, such as the cache in .git, go through. Returns the ADR files
    renamed into place (or tried), in order."""
    real = os.replace
    calls: list[str] = []

    def failing(source: str, target: str | Path) -> None:
        if str(target).endswith(".md"):
            calls.append(str(target))
            if at in (0, len(calls)):
                raise error
        real(source, target)

    monkeypatch.setattr("adr_tool.store.os.replace", failing)
    return calls


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_process(
    *args: str, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed `adr` as a real process, stdin closed so it can never wait on input."""
    return subprocess.run(
        [str(ADR_BIN), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        check=False,
    )


def start_process(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """The installed `adr` started as a real process (stdin closed), not waited for."""
    return subprocess.Popen(
        [str(ADR_BIN), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def corpora() -> Iterator[Path]:
    assert CORPORA.is_dir(), f"the shared corpora are expected at {CORPORA}"
    yield CORPORA


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden/ (review the diff).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it with --regen-golden."""

    def check(name: str, actual: str) -> None:
        path = ROOT / "tests" / "golden" / name
        if request.config.getoption("--regen-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.is_file(), f"no golden file {path}: run pytest --regen-golden"
        assert path.read_text(encoding="utf-8") == actual

    return check


# Property tests: a quick run by default, a long one in CI (`CI=true`), the seed always shown.
hypothesis_settings.register_profile("dev", max_examples=150, deadline=None, print_blob=True)
hypothesis_settings.register_profile("ci", max_examples=1500, deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")
