"""Log rules (ADR3xx) and time rules (ADR4xx), each on a tiny log with and without the defect."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from adr_tool.index import render_index
from adr_tool.store import load_log
from tests.lint_support import good_adr, make_log, run, where

if TYPE_CHECKING:
    from pathlib import Path


def _adr(title: str, status: str = "accepted", extra: str = "", date: str = "2026-01-10") -> str:
    return good_adr(title=title, status=status, extra=extra, date=date)


def test_duplicate_number(tmp_path: Path) -> None:
    """ADR301: every file that shares a number is named, with the others that carry it."""
    config = make_log(
        tmp_path,
        {"0002-a.md": _adr("A"), "0002-b.md": _adr("B"), "0003-c.md": _adr("C")},
    )
    findings = run(config, "ADR301")
    assert [("0002-a.md", 1, "ADR301"), ("0002-b.md", 1, "ADR301")] == where(findings)
    assert "number 2 is also used by 0002-b.md: renumber one of them" == findings[0].message


def test_unique_numbers(tmp_path: Path) -> None:
    """ADR301: distinct numbers, gaps included, are fine."""
    assert [] == run(make_log(tmp_path, {"0002-a.md": _adr("A"), "0009-b.md": _adr("B")}), "ADR301")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"0002-a.md": _adr("A", "accepted", "supersedes: [9]\n")}, [("0002-a.md", 4, "ADR302")]),
        (
            {"0002-a.md": _adr("A", "accepted", "links: {amends: [7]}\n")},
            [("0002-a.md", 4, "ADR302")],
        ),
        (
            {"0002-a.md": "# 2. A\n\n## Status\n\nSuperseded by [9. Gone](0009-gone.md)\n"},
            [("0002-a.md", 5, "ADR302")],
        ),
        ({"0002-a.md": _adr("A", "accepted", "links: {amends: [2]}\n")}, []),
    ],
)
def test_missing_reference(tmp_path: Path, files: dict[str, str | bytes], expected: object) -> None:
    """ADR302: a supersede or link to an ADR (number or file) that is not in the log."""
    assert expected == where(run(make_log(tmp_path, files), "ADR302"))


def test_one_sided_supersede(tmp_path: Path) -> None:
    """ADR303: the old ADR does not name its successor, reported on the old one."""
    config = make_log(
        tmp_path,
        {
            "0002-old.md": _adr("Old", "superseded"),
            "0003-new.md": _adr("New", "accepted", "supersedes: [2]\n"),
        },
    )
    findings = run(config, "ADR303")
    assert [("0002-old.md", 2, "ADR303")] == where(findings)
    assert (
        "0003 says it supersedes 0002, but 0002 does not say it is superseded by 0003"
        == findings[0].message
    )


def test_one_sided_supersede_from_the_old_side(tmp_path: Path) -> None:
    """ADR303: an adr-tools "Superseded by" link without the new ADR's "Supersedes"."""
    config = make_log(
        tmp_path,
        {
            "0002-old.md": "# 2. Old\n\n## Status\n\nSuperseded by [3. New](0003-new.md)\n",
            "0003-new.md": "# 3. New\n\n## Status\n\nAccepted\n",
        },
        adopted=False,
    )
    assert [("0003-new.md", 3, "ADR303")] == where(run(config, "ADR303"))


def test_two_sided_supersede(tmp_path: Path) -> None:
    """ADR303/ADR305: both sides and the status agree."""
    config = make_log(
        tmp_path,
        {
            "0002-old.md": _adr("Old", "superseded", "superseded-by: [3]\n"),
            "0003-new.md": _adr("New", "accepted", "supersedes: [2]\n"),
        },
    )
    assert [] == run(config, "log")


def test_one_sided_link(tmp_path: Path) -> None:
    """ADR304: `amends` without `amended-by` on the other side."""
    config = make_log(
        tmp_path,
        {"0002-a.md": _adr("A"), "0003-b.md": _adr("B", "accepted", "links: {amends: [2]}\n")},
    )
    findings = run(config, "ADR304")
    assert [("0002-a.md", 2, "ADR304")] == where(findings)
    assert "0003 amends 0002, but 0002 does not say amended-by 0003" == findings[0].message


def test_two_sided_link(tmp_path: Path) -> None:
    """ADR304: a link and its declared reverse."""
    config = make_log(
        tmp_path,
        {
            "0002-a.md": _adr("A", "accepted", "links: {amended-by: [3]}\n"),
            "0003-b.md": _adr("B", "accepted", "links: {amends: [2]}\n"),
        },
    )
    assert [] == run(config, "ADR304")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"0002-a.md": _adr("A", "superseded")}, ["status is superseded, but no ADR"]),
        (
            {
                "0002-a.md": _adr("A", "accepted", "superseded-by: [3]\n"),
                "0003-b.md": _adr("B", "accepted", "supersedes: [2]\n"),
            },
            ["superseded by 0003, but its status is 'accepted': set it to superseded"],
        ),
        ({"0002-a.md": _adr("A", "Partly superseded")}, []),
        ({"0002-a.md": _adr("A", "accepted")}, []),
    ],
)
def test_status_contradicts_links(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[str]
) -> None:
    """ADR305: superseded without a successor, or a successor without the status."""
    messages = [f.message for f in run(make_log(tmp_path, files), "ADR305")]
    assert len(expected) == len(messages)
    assert all(m.startswith(e) for e, m in zip(expected, messages, strict=True))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "0002-a.md": _adr("A", "superseded", "supersedes: [3]\nsuperseded-by: [3]\n"),
                "0003-b.md": _adr("B", "superseded", "supersedes: [2]\nsuperseded-by: [2]\n"),
            },
            ["supersede cycle: 0002 -> 0003 -> 0002"],
        ),
        (
            {"0002-a.md": _adr("A", "superseded", "supersedes: [2]\nsuperseded-by: [2]\n")},
            ["supersede cycle: 0002 -> 0002"],
        ),
        (
            {
                "0002-a.md": _adr("A", "superseded", "superseded-by: [3]\n"),
                "0003-b.md": _adr("B", "superseded", "supersedes: [2]\nsuperseded-by: [4]\n"),
                "0004-c.md": _adr("C", "accepted", "supersedes: [3]\n"),
            },
            [],
        ),
    ],
)
def test_supersede_cycle(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[str]
) -> None:
    """ADR306: a cycle of supersession is reported once; a chain is fine."""
    assert expected == [f.message for f in run(make_log(tmp_path, files), "ADR306")]


def test_stale_index(tmp_path: Path) -> None:
    """ADR307: a generated index that no longer matches the log; a current one is fine."""
    config = make_log(tmp_path, {"0001-a.md": _adr("A")})
    index = config.index_path
    index.write_text(render_index(load_log(config).log, config), encoding="utf-8")
    assert [] == run(config, "ADR307")
    (config.directory / "0002-b.md").write_text(_adr("B"), encoding="utf-8")
    findings = run(config, "ADR307")
    assert [("README.md", 1, "ADR307")] == [(f.path.name, 1, f.code) for f in findings]
    assert "the index is out of date: run `adr index`" == findings[0].message


def test_no_index_or_a_hand_written_one_is_not_stale(tmp_path: Path) -> None:
    """ADR307: an index never generated (absent, or a README someone wrote) is not judged."""
    config = make_log(tmp_path, {"0001-a.md": _adr("A")})
    assert [] == run(config, "ADR307")
    config.index_path.write_text("# Our decisions\n\nSee the files.\n", encoding="utf-8")
    assert [] == run(config, "ADR307")


def test_unknown_relation(tmp_path: Path) -> None:
    """ADR308: a link relation that `[links]` does not declare and the log does not write
    back; a declared one, or a pair the two ADRs write both ways, is fine."""
    files: dict[str, str | bytes] = {
        "0002-a.md": _adr("A", "accepted", "links: {refined-by: [3]}\n"),
        "0003-b.md": _adr("B", "accepted", "links: {refines: [4]}\n"),
        "0004-c.md": _adr("C", "accepted"),
    }
    findings = run(make_log(tmp_path / "a", files), "ADR308")
    assert [("0002-a.md", 4, "ADR308"), ("0003-b.md", 4, "ADR308")] == where(findings)
    files["0003-b.md"] = _adr("B", "accepted", "links: {refines: [2]}\n")
    assert [] == run(make_log(tmp_path / "b", files), "ADR3")
    declared = make_log(tmp_path / "c", files, settings='[links]\nrefines = "refined-by"\n')
    assert [] == run(declared, "ADR3")


@pytest.mark.parametrize(
    ("review_by", "status", "expected"),
    [
        ("2025-12-01", "accepted", ["review-by 2025-12-01 passed 45 days ago"]),
        ("2026-01-15", "accepted", []),
        ("2027-01-01", "accepted", []),
        ("2025-12-01", "superseded", []),
    ],
)
def test_review_due(tmp_path: Path, review_by: str, status: str, expected: list[str]) -> None:
    """ADR401 (warning): a review-by date in the past, unless the decision is closed."""
    config = make_log(tmp_path, {"0002-a.md": _adr("A", status, f"review-by: {review_by}\n")})
    findings = run(config, "ADR401")
    assert len(expected) == len(findings)
    for wanted, finding in zip(expected, findings, strict=True):
        assert finding.message.startswith(wanted)
        assert ("warning", 4) == (finding.severity, finding.line)


@pytest.mark.parametrize(
    ("date", "settings", "expected"),
    [
        ("2025-11-01", "", ["proposed since 2025-11-01, 75 days ago (stale-proposal-days is 30)"]),
        ("2026-01-01", "", []),
        ("2025-11-01", "[lint]\nstale-proposal-days = 90\n", []),
        ("2025-11-01", "[lint]\nstale-proposal-days = 0\n", []),
    ],
)
def test_stale_proposal(tmp_path: Path, date: str, settings: str, expected: list[str]) -> None:
    """ADR402 (warning): a proposal older than `stale-proposal-days` (0 turns it off)."""
    config = make_log(tmp_path, {"0002-a.md": _adr("A", "proposed", date=date)}, settings=settings)
    findings = run(config, "ADR402")
    assert len(expected) == len(findings)
    for wanted, finding in zip(expected, findings, strict=True):
        assert finding.message.startswith(wanted)
        assert ("warning", 3) == (finding.severity, finding.line)


def test_links_to_missing_files(tmp_path: Path) -> None:
    """ADR310: relative links and images to files that are not there, outside code; URLs,
    absolute paths, anchors, files that exist and paths leaving the repository (also
    through a symbolic link) are not reported, nor a broken relation line twice."""
    root, outside = tmp_path / "repo", tmp_path / "outside"
    outside.mkdir()
    (outside / "there.md").write_text("# There\n")
    notes = (
        "\n## Notes\n\n"
        "[B](0002-b.md), [gone](0009-gone.md#context)\n\n[s3]: <missing file.md>\n\n"
        "![flow](img/flow.png) ![none](img/none.png) [url](https://example.com/x.md)\n\n"
        "[abs](/docs/x.md) [anchor](#context) `[code](nope.md)` [up](../../../outside/x.md)\n\n"
        "[linked](linked/x.md) [linked there](linked/there.md) [folder](img/)\n\n"
        "```\n[fenced](nope-either.md)\n```\n"
    )
    files: dict[str, str | bytes] = {
        "0001-a.md": good_adr("A") + notes,
        "0002-b.md": good_adr("B"),
        "0003-c.md": "# 3. C\n\nDate: 2026-01-10\n\n## Status\n\n"
        "Superseded by [9. Gone](0009-gone.md)\n",
        "img/flow.png": b"\x89PNG",
    }
    config = make_log(root, files)
    (root / "docs/adr/linked").symlink_to(outside, target_is_directory=True)
    findings = run(config, "ADR310", "ADR302")
    body = good_adr("A").count("\n") + 4  # the line of the first link
    missing = "no such file; fix the link or add the file"
    assert [
        ("0001-a.md", body, "ADR310", f"0009-gone.md#context: {missing}"),
        ("0001-a.md", body + 2, "ADR310", f"missing file.md: {missing}"),
        ("0001-a.md", body + 4, "ADR310", f"img/none.png: {missing}"),
        ("0003-c.md", 7, "ADR302", "superseded-by 0009-gone.md: no such file in the log"),
    ] == [(f.path.name, f.line, f.code, f.message) for f in findings]
