"""Finding the ADR folder and reading `.adr.toml` (DESIGN.md section 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from adr_tool.config import discover
from adr_tool.errors import ConfigError
from tests.conftest import adr, write

if TYPE_CHECKING:
    from pathlib import Path


def test_discovery_from_a_subfolder(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands work from any subfolder of the repository."""
    deep = initialised / "src" / "pkg"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    run = adr("list", "--format", "paths")
    assert 0 == run.exit_code, run.stderr
    assert "../../docs/adr/0001-record-architecture-decisions.md\n" == run.stdout


def test_adr_dir_pointer(repo: Path) -> None:
    """adr-tools' `.adr-dir` names the folder when there is no `.adr.toml`."""
    write(repo / ".adr-dir", "doc/arch\n")
    write(
        repo / "doc" / "arch" / "0001-a.md", "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"
    )
    write(repo / "docs" / "adr" / "0001-other.md", "# Other\n")
    assert repo / "doc" / "arch" == discover(repo).directory


@pytest.mark.parametrize(
    "folder", ["docs/adr", "doc/adr", "docs/decisions", "docs/architecture/decisions"]
)
def test_conventional_folders(repo: Path, folder: str) -> None:
    """Without configuration, the conventional folders are found."""
    (repo / folder).mkdir(parents=True)
    assert (repo / folder).resolve() == discover(repo).directory


def test_no_folder_is_one_line(repo: Path) -> None:
    """Without any log, the error says what to do, with exit code 2."""
    run = adr("list")
    assert 2 == run.exit_code
    assert run.stderr.startswith("adr: no ADR folder found from ")
    assert run.stderr.rstrip().endswith("run `adr init`, or point at one with --dir")
    assert 1 == len(run.stderr.splitlines())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'directory = "docs/adr"\ncolour = "red"\n',
            ".adr.toml:2: unknown key 'colour'; known keys: base-branch, default-status, "
            "directory, index, links, lint, quality, statuses, template",
        ),
        (
            'directory = "docs/adr"\nstatuses = "accepted"\n',
            ".adr.toml:2: statuses must be a list of strings",
        ),
        ('directory = "docs/adr\n', ".adr.toml:1: invalid TOML: Illegal character '\\n'"),
        (
            'directory = "../../elsewhere"\n',
            ".adr.toml:1: '../../elsewhere' is outside the project folder",
        ),
        (
            'default-status = "draft"\n',
            ".adr.toml:1: default-status 'draft' is not one of: proposed, accepted, rejected, "
            "deprecated, superseded",
        ),
        (
            '[lint]\nstale-proposal-days = "soon"\n',
            ".adr.toml:2: stale-proposal-days must be a whole number of days",
        ),
        (
            '[lint]\nselct = ["ADR1"]\n',
            ".adr.toml:2: unknown key 'selct' in [lint]; known: ignore, select, "
            "stale-proposal-days",
        ),
    ],
)
def test_bad_config_is_one_line(repo: Path, text: str, expected: str) -> None:
    """Each problem in `.adr.toml` is one line naming the file, the line and the key."""
    write(repo / ".adr.toml", text)
    run = adr("list")
    assert 2 == run.exit_code
    assert 1 == len(run.stderr.splitlines())
    assert run.stderr.startswith(f"adr: {expected}"), run.stderr


def test_config_values(repo: Path) -> None:
    """Statuses, relations and the index path come from the file."""
    write(
        repo / ".adr.toml",
        'directory = "decisions"\nstatuses = ["Draft", "Final"]\n'
        'index = "decisions/INDEX.md"\n[links]\nrefines = "refined-by"\n',
    )
    config = discover(repo)
    assert ("draft", "final") == config.statuses
    assert "draft" == config.default_status
    assert repo.resolve() / "decisions" / "INDEX.md" == config.index_path
    assert "refined-by" == config.relations["refines"]
    assert "refines" == config.relations["refined-by"]


def test_dir_option_and_environment(repo: Path, tmp_path: Path) -> None:
    """`--dir` and `$ADR_DIR` point at a folder directly, bypassing discovery."""
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "0004-b.md", "---\nstatus: accepted\n---\n# B\n")
    assert "0004" in adr("--dir", str(elsewhere), "list").stdout
    assert "0004" in adr("list", env={"ADR_DIR": str(elsewhere)}).stdout


def test_config_error_type(repo: Path) -> None:
    """Configuration problems are ConfigErrors (exit code 2)."""
    write(repo / ".adr.toml", "template = 3\n")
    with pytest.raises(ConfigError) as raised:
        discover(repo)
    assert "template must be a string, not int" == raised.value.message
