"""`adr init`: the folder, `.adr.toml` and ADR 0001 written in full, never over a log."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from adr_tool.config import discover
from adr_tool.document import parse
from adr_tool.templates import load
from tests.conftest import adr, git, write

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("template", ["constraint-first", "madr", "nygard", "lightweight"])
def test_first_adr_is_written_in_full(repo: Path, template: str) -> None:
    """ADR 0001 fills every required section and item of its template: no guidance is left."""
    run = adr("init", "--template", template)
    assert 0 == run.exit_code, run.stderr
    assert (
        "created .adr.toml\ncreated docs/adr/0001-record-architecture-decisions.md\n" == run.stdout
    )
    path = repo / "docs/adr/0001-record-architecture-decisions.md"
    text = path.read_text()
    assert "<!--" not in text
    document = parse(text, path)
    assert "accepted" == document.metadata["status"]
    assert template == document.metadata["template"]
    spec = load(template, None)
    for section in spec.sections:
        found = document.section(section.title)
        if not section.required:
            continue
        assert found is not None, section.title
        assert found.text(), section.title
        for item in section.items:
            assert f"- {item}:" in found.text(), item
        bullets = [line for line in found.lines if line.startswith("- ")]
        assert len(bullets) >= section.min_items
    assert template == discover(repo).template


def test_init_with_another_folder(repo: Path) -> None:
    """The global --dir chooses the folder, recorded in `.adr.toml`."""
    run = adr("--dir", "decisions", "init")
    assert 0 == run.exit_code, run.stderr
    assert 'directory = "decisions"\n' in (repo / ".adr.toml").read_text()
    assert (repo / "decisions/0001-record-architecture-decisions.md").is_file()


def test_init_never_clobbers(initialised: Path) -> None:
    """A second `adr init` refuses and changes nothing."""
    config = (initialised / ".adr.toml").read_bytes()
    first = initialised / "docs/adr/0001-record-architecture-decisions.md"
    first.write_text("# My own words\n")
    run = adr("init")
    assert 1 == run.exit_code
    assert (
        "adr: .adr.toml: .adr.toml already exists: this project already keeps a log\n" == run.stderr
    )
    assert config == (initialised / ".adr.toml").read_bytes()
    assert "# My own words\n" == first.read_text()


def test_init_refuses_an_existing_log_folder(repo: Path) -> None:
    """An ADR folder that already holds Markdown is left alone, pointing at `adr import`."""
    write(repo / "docs/adr/0001-ours.md", "# Ours\n")
    run = adr("init")
    assert 1 == run.exit_code
    assert "use `adr import` to adopt it" in run.stderr
    assert not (repo / ".adr.toml").exists()
    assert "# Ours\n" == (repo / "docs/adr/0001-ours.md").read_text()


def test_init_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside git, init works in the current folder."""
    monkeypatch.chdir(tmp_path)
    assert 0 == adr("init").exit_code
    assert (tmp_path / ".adr.toml").is_file()


def test_first_adr_names_who_decided(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ADR 0001 names the one who runs init (git's author name), or those --decision-maker
    names, so that it passes ADR517 (an accepted ADR names its decision makers)."""
    assert 0 == adr("init").exit_code
    first = repo / "docs/adr/0001-record-architecture-decisions.md"
    assert ["Ana Silva"] == parse(first.read_text(), first).metadata["decision-makers"]
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "--quiet")
    monkeypatch.chdir(other)
    named = adr("init", "--decision-maker", "Bo Chen", "--decision-maker", "Cy Diaz")
    assert 0 == named.exit_code, named.stderr
    second = other / "docs/adr/0001-record-architecture-decisions.md"
    assert ["Bo Chen", "Cy Diaz"] == parse(second.read_text(), second).metadata["decision-makers"]
