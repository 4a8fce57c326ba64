"""Branch-safe numbering and `adr renumber`, in real repositories with real branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import adr, fail_adr_writes, git, write


def _commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)


@pytest.fixture
def branched(repo: Path) -> Path:
    """main has ADRs 1-4; branch `feature` starts from main at ADR 2."""
    assert 0 == adr("init").exit_code
    assert 0 == adr("new", "Base", "--no-input").exit_code
    _commit(repo, "base")
    git(repo, "checkout", "--quiet", "-b", "feature")
    git(repo, "checkout", "--quiet", "main")
    assert 0 == adr("new", "Main three", "--no-input").exit_code
    assert 0 == adr("new", "Main four", "--no-input").exit_code
    _commit(repo, "main work")
    git(repo, "checkout", "--quiet", "feature")
    return repo


def test_new_numbers_above_the_base_branch(branched: Path) -> None:
    """On a branch, `adr new` takes the next number above main's, not just the work tree's."""
    run = adr("new", "Feature", "--no-input")
    assert "docs/adr/0005-feature.md\n" == run.stdout


def test_configured_base_branch(branched: Path) -> None:
    """`base-branch` in .adr.toml names the branch to count."""
    git(branched, "branch", "release", "HEAD")
    config = branched / ".adr.toml"
    config.write_text(
        config.read_text().replace('# base-branch = "origin/main"', 'base-branch = "release"')
    )
    assert "docs/adr/0003-feature.md\n" == adr("new", "Feature", "--no-input").stdout


def test_renumber_moves_and_rewrites_references(branched: Path) -> None:
    """renumber: git mv, front-matter references, relative links and the index follow."""
    write(branched / "docs/adr/0003-feature.md", "---\nstatus: proposed\n---\n# Feature\n")
    write(
        branched / "docs/adr/0004-follow-up.md",
        "---\nstatus: proposed\nsupersedes: [3]\nlinks: {amends: [1, 3]}\n---\n# Follow up\n\n"
        "See [3. Feature](0003-feature.md#details) and [the base](0002-base.md).\n",
    )
    (branched / "docs/adr/0003-feature.md").write_text(
        "---\nstatus: superseded\nsuperseded-by: [4]\n---\n# Feature\n"
    )
    assert 0 == adr("index").exit_code
    _commit(branched, "feature work")
    run = adr("renumber", "3")
    assert 0 == run.exit_code, run.stderr
    assert [
        "renamed docs/adr/0003-feature.md -> docs/adr/0005-feature.md",
        "updated docs/adr/0004-follow-up.md",
        "updated docs/adr/README.md",
    ] == run.stdout.splitlines()
    follow_up = (branched / "docs/adr/0004-follow-up.md").read_text()
    assert "supersedes: [5]\nlinks: {amends: [1, 5]}\n" in follow_up
    assert "See [5. Feature](0005-feature.md#details) and [the base](0002-base.md).\n" in follow_up
    assert "R  docs/adr/0003-feature.md -> docs/adr/0005-feature.md" in git(
        branched, "status", "--porcelain"
    )
    assert 0 == adr("index", "--check").exit_code


def test_renumber_dry_run_writes_nothing(branched: Path) -> None:
    """--dry-run prints the rename and the diffs, and changes no file."""
    write(branched / "docs/adr/0003-feature.md", "---\nstatus: proposed\n---\n# Feature\n")
    write(branched / "docs/adr/0004-x.md", "---\nstatus: proposed\nsupersedes: [3]\n---\n# X\n")
    before = {p.name: p.read_bytes() for p in (branched / "docs/adr").iterdir()}
    run = adr("renumber", "3", "--to", "9", "--dry-run")
    assert 0 == run.exit_code, run.stderr
    assert run.stdout.startswith(
        "would rename docs/adr/0003-feature.md -> docs/adr/0009-feature.md\n"
    )
    assert "-supersedes: [3]\n+supersedes: [9]\n" in run.stdout
    assert before == {p.name: p.read_bytes() for p in (branched / "docs/adr").iterdir()}


def test_renumber_refuses_taken_numbers(branched: Path) -> None:
    """A number used in the log, or on the base branch, is refused."""
    write(branched / "docs/adr/0003-feature.md", "---\nstatus: proposed\n---\n# Feature\n")
    write(branched / "docs/adr/0006-local.md", "---\nstatus: proposed\n---\n# Local\n")
    taken_here = adr("renumber", "3", "--to", "6")
    assert (2, "adr: number 6 is already used in the log\n") == (
        taken_here.exit_code,
        taken_here.stderr,
    )
    taken_on_main = adr("renumber", "3", "--to", "4")
    assert "adr: number 4 is already used on main by 0004-main-four.md\n" == taken_on_main.stderr


def test_renumber_failure_undoes_the_rename(
    branched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If rewriting a reference fails, the file gets its old name back and nothing changes."""
    write(branched / "docs/adr/0003-feature.md", "---\nstatus: proposed\n---\n# Feature\n")
    write(branched / "docs/adr/0004-x.md", "---\nstatus: proposed\nsupersedes: [3]\n---\n# X\n")
    _commit(branched, "work")
    before = {p.name: p.read_bytes() for p in (branched / "docs/adr").iterdir()}

    fail_adr_writes(monkeypatch, OSError(28, "No space left on device"))
    run = adr("renumber", "3", "--to", "9")
    assert 1 == run.exit_code
    assert "No space left on device" in run.stderr
    assert before == {p.name: p.read_bytes() for p in (branched / "docs/adr").iterdir()}
    assert "" == git(branched, "status", "--porcelain")


def test_renumber_in_an_adr_tools_log(repo: Path) -> None:
    """In an adr-tools log the H1 number and the `N. Title` link labels follow."""
    write(repo / ".adr-dir", "doc/adr\n")
    write(repo / "doc/adr/0002-a.md", "# 2. A\n\n## Status\n\nSuperseded by [3. B](0003-b.md)\n")
    write(
        repo / "doc/adr/0003-b.md",
        "# 3. B\n\n## Status\n\nAccepted\n\nSupersedes [2. A](0002-a.md)\n",
    )
    assert 0 == adr("renumber", "3", "--to", "7").exit_code
    assert "Superseded by [7. B](0007-b.md)" in (repo / "doc/adr/0002-a.md").read_text()
    assert (repo / "doc/adr/0007-b.md").read_text().startswith("# 7. B\n")
    listed = adr("list").stdout
    assert "0007  accepted" in listed and "0002  superseded" in listed


def _full_adr(title: str) -> str:
    return (f'---\nstatus: "proposed"\ndate: 2026-01-15\ntags: []\ntemplate: nygard\n---\n'
            f"# {title}\n\n## Context\n\nWhy {title}.\n\n## Decision\n\nWe do {title}.\n\n"
            f"## Consequences\n\nSome.\n")


def test_two_branches_adding_the_same_number(repo: Path) -> None:
    """Branch two's 0005 collides with main's: lint --base fails, renumber fixes, merge passes."""
    assert 0 == adr("init", "--template", "nygard").exit_code
    for n in (2, 3, 4):
        write(repo / f"docs/adr/000{n}-base-{n}.md", _full_adr(f"Base {n}"))
    _commit(repo, "base")
    git(repo, "checkout", "--quiet", "-b", "two")
    git(repo, "checkout", "--quiet", "-b", "one", "main")
    write(repo / "docs/adr/0005-use-kafka.md", _full_adr("Use Kafka"))
    _commit(repo, "one adds 0005")
    git(repo, "checkout", "--quiet", "main")
    git(repo, "merge", "--quiet", "--ff-only", "one")
    git(repo, "checkout", "--quiet", "two")
    write(repo / "docs/adr/0005-use-nats.md", _full_adr("Use NATS"))
    _commit(repo, "two adds 0005")

    clash = adr("lint", "--base", "main")
    assert 1 == clash.exit_code
    assert "docs/adr/0005-use-nats.md:1:1: ADR309 number 5 is also used on main by " \
           "0005-use-kafka.md: renumber this ADR with `adr renumber 5 --to 6`\n" == clash.stdout

    assert 0 == adr("renumber", "5").exit_code
    _commit(repo, "renumber")
    assert 0 == adr("lint", "--base", "main").exit_code
    git(repo, "checkout", "--quiet", "main")
    git(repo, "merge", "--quiet", "--no-edit", "two")
    merged = adr("lint")
    assert 0 == merged.exit_code, merged.stdout
    assert {"0005-use-kafka.md", "0006-use-nats.md"} <= {
        p.name for p in (repo / "docs/adr").iterdir()}


def test_lint_base_must_exist(initialised: Path) -> None:
    """An unknown --base is a usage error."""
    run = adr("lint", "--base", "nope")
    assert (2, "adr: --base 'nope' is not a branch or commit in this repository\n") == (
        run.exit_code, run.stderr)
