"""Docs guard: every command is documented, and docs/commands.md is its real --help."""

from __future__ import annotations

import click
import pytest

from adr_tool.cli import cli
from tests.conftest import ROOT, adr

COMMANDS_DOC = ROOT / "docs" / "commands.md"


def _all_commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(cli.commands.items()):
        found.append((name,))
        if isinstance(command, click.Group):
            found.extend((name, sub) for sub in sorted(command.commands))
    return found


def _commands_markdown() -> str:
    parts = ["# Commands", "", "Generated from `--help` by `pytest --regen-golden`; "
             "a test fails when it drifts.", "", "## adr", "", "```text",
             adr("--help", env={"COLUMNS": "100"}).stdout.rstrip(), "```"]
    for words in _all_commands():
        run = adr(*words, "--help", env={"COLUMNS": "100"})
        parts += ["", f"## adr {' '.join(words)}", "", "```text", run.stdout.rstrip(), "```"]
    return "\n".join(parts) + "\n"


def test_commands_doc_is_current(request: pytest.FixtureRequest) -> None:
    """docs/commands.md holds every command's current --help."""
    expected = _commands_markdown()
    if request.config.getoption("--regen-golden"):
        COMMANDS_DOC.write_text(expected, encoding="utf-8")
    assert expected == COMMANDS_DOC.read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    """README.md starts with `make demo` and `make test`."""
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head


def test_docs_links_resolve() -> None:
    """Relative links in README.md and docs/*.md point at files that exist."""
    import re

    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)#\s]+)\)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_own_decision_log_index_is_current() -> None:
    """This project's own ADRs (docs/adr, kept with adr-tool) have a current index."""
    run = adr("--dir", str(ROOT / "docs" / "adr"), "index", "--check")
    assert 0 == run.exit_code, run.stdout
