"""Status changes, supersession and links: byte-for-byte edits, both files or neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from adr_tool.config import discover
from adr_tool.store import load_log
from tests.conftest import adr, fail_adr_writes, write

OURS = """\
---
status: "proposed"   # set by the author
date: 2026-01-01
tags: [storage]
custom-key: keep me
template: nygard
---
# Use S3

## Context

Body text with trailing spaces<SP>
and a `status: accepted` line that is not front matter.
""".replace("<SP>", "   ")


def _ours(root: Path, number: int, title: str, text: str = OURS) -> Path:
    name = f"{number:04d}-{title.lower().replace(' ', '-')}.md"
    return write(root / "docs/adr" / name, text.replace("# Use S3", f"# {title}"))


def test_status_edits_two_keys_and_keeps_every_other_byte(initialised: Path) -> None:
    """`adr status` changes status and date only: comments, order, body and CRLF stay."""
    path = _ours(initialised, 2, "Use S3", OURS.replace("\n", "\r\n"))
    run = adr("status", "2", "accepted")
    assert 0 == run.exit_code, run.stderr
    expected = OURS.replace('"proposed"', '"accepted"').replace("2026-01-01", "2026-01-15")
    assert expected.replace("\n", "\r\n").encode() == path.read_bytes()


def test_shortcuts(initialised: Path) -> None:
    """accept, reject and deprecate set their status."""
    path = _ours(initialised, 2, "Use S3")
    for command, word in (
        ("accept", "accepted"),
        ("reject", "rejected"),
        ("deprecate", "deprecated"),
    ):
        assert 0 == adr(command, "2").exit_code
        assert f'status: "{word}"' in path.read_text()


def test_unknown_status_is_refused(initialised: Path) -> None:
    """A status outside the configuration lists the allowed ones; the file is untouched."""
    path = _ours(initialised, 2, "Use S3")
    run = adr("status", "2", "approved")
    assert 2 == run.exit_code
    assert (
        "adr: unknown status 'approved'; allowed: proposed, accepted, rejected, "
        "deprecated, superseded\n" == run.stderr
    )
    assert OURS == path.read_text()


def test_configured_statuses(initialised: Path) -> None:
    """The status set comes from .adr.toml."""
    config = initialised / ".adr.toml"
    config.write_text(config.read_text().replace('"superseded"]', '"superseded", "on-hold"]'))
    path = _ours(initialised, 2, "Use S3")
    assert 0 == adr("status", "2", "on-hold").exit_code
    assert 'status: "on-hold"' in path.read_text()


def test_supersede_writes_both_sides(initialised: Path) -> None:
    """OLD gets superseded + superseded-by, NEW gets supersedes; several of each allowed."""
    old = _ours(initialised, 2, "Use S3")
    other = _ours(initialised, 3, "Use FTP")
    new = _ours(initialised, 4, "Use GCS")
    assert 0 == adr("supersede", "2", "4").exit_code
    assert 0 == adr("supersede", "3", "4").exit_code
    assert 'status: "superseded"   # set by the author\ndate: 2026-01-15\n' in old.read_text()
    assert "superseded-by: [4]\ncustom-key: keep me\n" in old.read_text()
    assert "superseded-by: [4]" in other.read_text()
    assert "tags: [storage]\nsupersedes: [2, 3]\ncustom-key" in new.read_text()
    records = {a.number: a for a in load_log(discover(initialised)).log}
    assert ((4,), (2, 3), "superseded") == (
        records[2].superseded_by,
        records[4].supersedes,
        records[2].status,
    )


def test_supersede_refuses_a_cycle(initialised: Path) -> None:
    """Superseding back along a chain would make a cycle: refused, nothing written."""
    _ours(initialised, 2, "Use S3")
    _ours(initialised, 3, "Use GCS")
    assert 0 == adr("supersede", "2", "3").exit_code
    before = {p: p.read_bytes() for p in (initialised / "docs/adr").glob("*.md")}
    run = adr("supersede", "3", "2")
    assert 2 == run.exit_code
    assert "would make a cycle" in run.stderr
    assert before == {p: p.read_bytes() for p in (initialised / "docs/adr").glob("*.md")}


def test_second_write_failure_restores_the_first(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing NEW fails after OLD was written, OLD is put back: neither changes."""
    old = _ours(initialised, 2, "Use S3")
    new = _ours(initialised, 3, "Use GCS")
    before = (old.read_bytes(), new.read_bytes())
    calls = fail_adr_writes(monkeypatch, OSError(28, "No space left on device"), at=2)
    run = adr("supersede", "2", "3")
    assert 1 == run.exit_code
    assert (
        "adr: docs/adr/0003-use-gcs.md: cannot be written: No space left on device\n" == run.stderr
    )
    assert 3 == len(calls)  # old written, new failed, old restored
    assert before == (old.read_bytes(), new.read_bytes())
    assert not list((initialised / "docs/adr").glob(".adr-*"))


def test_new_supersedes(initialised: Path) -> None:
    """`adr new --supersedes` writes the new ADR and marks the old one."""
    old = _ours(initialised, 2, "Use S3")
    run = adr("new", "Use GCS", "--no-input", "--supersedes", "2")
    assert 0 == run.exit_code, run.stderr
    new = initialised / run.stdout.strip()
    assert "supersedes: [2]" in new.read_text()
    assert 'status: "superseded"' in old.read_text()
    assert "superseded-by: [3]" in old.read_text()


def test_link_writes_the_reverse(initialised: Path) -> None:
    """`adr link A amends B` writes amends on A and amended-by on B."""
    a = _ours(initialised, 2, "Use S3")
    b = _ours(initialised, 3, "Use GCS")
    assert 0 == adr("link", "3", "amends", "2").exit_code
    assert "links: {amends: [2]}" in b.read_text()
    assert "links: {amended-by: [3]}" in a.read_text()
    assert 0 == adr("link", "3", "relates-to", "1").exit_code
    assert "links: {amends: [2], relates-to: [1]}" in b.read_text()
    first = initialised / "docs/adr/0001-record-architecture-decisions.md"
    assert "links: {relates-to: [3]}" in first.read_text()


def test_project_relations(initialised: Path) -> None:
    """A pair declared under [links] works both ways; an unknown relation is refused."""
    config = initialised / ".adr.toml"
    config.write_text(
        config.read_text().replace('# refines = "refined-by"', 'refines = "refined-by"')
    )
    a = _ours(initialised, 2, "Use S3")
    assert 0 == adr("link", "2", "refines", "1").exit_code
    assert "links: {refines: [1]}" in a.read_text()
    run = adr("link", "2", "breaks", "1")
    assert 2 == run.exit_code
    assert (
        "unknown relation 'breaks'; known: amended-by, amends, refined-by, refines, "
        "relates-to" in run.stderr
    )


def test_references_are_numbers_only(initialised: Path) -> None:
    """`3` never matches `0002-store-blobs-in-s3` (a peer resolved references by substring)."""
    _ours(initialised, 2, "Store blobs in s3")
    run = adr("supersede", "3", "2")
    assert 1 == run.exit_code
    assert run.stderr.startswith("adr: no ADR number 3 in ")


ADR_TOOLS_OLD = "# 2. Use S3\n\nDate: 2017-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
ADR_TOOLS_NEW = "# 3. Use GCS\n\nDate: 2017-01-03\n\n## Status\n\nAccepted\n\n## Context\n\ny\n"


def test_supersede_in_an_adr_tools_log(repo: Path) -> None:
    """An adr-tools log gets adr-tools lines in both files, and no front matter."""
    write(repo / ".adr-dir", "doc/adr\n")
    old = write(repo / "doc/adr/0002-use-s3.md", ADR_TOOLS_OLD)
    new = write(repo / "doc/adr/0003-use-gcs.md", ADR_TOOLS_NEW)
    assert 0 == adr("supersede", "2", "3").exit_code
    assert (
        ADR_TOOLS_OLD.replace("\nAccepted\n", "\nSuperseded by [3. Use GCS](0003-use-gcs.md)\n")
        == old.read_text()
    )
    assert (
        ADR_TOOLS_NEW.replace(
            "\nAccepted\n", "\nAccepted\n\nSupersedes [2. Use S3](0002-use-s3.md)\n"
        )
        == new.read_text()
    )
    records = {a.number: a for a in load_log(discover(repo)).log}
    assert ("superseded", (3,), (2,)) == (
        records[2].status,
        records[2].superseded_by,
        records[3].supersedes,
    )


def test_status_and_link_in_an_adr_tools_log(repo: Path) -> None:
    """Status words and Amends/Amended by lines are written in adr-tools style."""
    write(repo / ".adr-dir", "doc/adr\n")
    old = write(repo / "doc/adr/0002-use-s3.md", ADR_TOOLS_OLD)
    new = write(repo / "doc/adr/0003-use-gcs.md", ADR_TOOLS_NEW)
    assert 0 == adr("deprecate", "2").exit_code
    assert "## Status\n\nDeprecated\n\n## Context" in old.read_text()
    assert 0 == adr("link", "3", "amends", "2").exit_code
    assert "Deprecated\n\nAmended by [3. Use GCS](0003-use-gcs.md)\n" in old.read_text()
    assert "Accepted\n\nAmends [2. Use S3](0002-use-s3.md)\n" in new.read_text()


def test_supersede_in_a_log4brains_log(repo: Path) -> None:
    """log4brains bullets: `- Status: superseded by [..](..)` and `- Supersedes` in Links."""
    write(repo / ".adr-dir", "docs/adr\n")
    old = write(
        repo / "docs/adr/20200101-use-s3.md",
        "# Use S3\n\n- Status: accepted\n- Date: 2020-01-01\n\n## Context\n\nx\n",
    )
    new = write(
        repo / "docs/adr/20200202-use-gcs.md",
        "# Use GCS\n\n- Status: accepted\n- Date: 2020-02-02\n\n## Links\n\n- [a](b)\n",
    )
    assert 0 == adr("supersede", "1", "2").exit_code
    assert "- Status: superseded by [2. Use GCS](20200202-use-gcs.md)\n" in old.read_text()
    assert new.read_text().endswith(
        "## Links\n\n- [a](b)\n- Supersedes [1. Use S3](20200101-use-s3.md)\n"
    )
    records = {a.number: a for a in load_log(discover(repo)).log}
    assert ("superseded", (2,), (1,)) == (
        records[1].status,
        records[1].superseded_by,
        records[2].supersedes,
    )
