"""File rules (ADR1xx), each on a tiny log that has the defect and one that does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from adr_tool.lint import RULES
from tests.lint_support import GOOD_BODY, good_adr, make_log, run, where

if TYPE_CHECKING:
    from pathlib import Path

GOOD: dict[str, str | bytes] = {"0001-use-s3-for-invoices.md": good_adr()}


def test_registry_codes_are_stable_and_explained() -> None:
    """Every rule has a code of its family's hundred and a one-line explanation."""
    hundreds = {"file": "1", "content": "2", "log": "3", "time": "4"}
    for code, rule in RULES.items():
        assert hundreds[rule.family] == code[3], code
        assert rule.explanation and "\n" not in rule.explanation, code
        assert ("warning" if rule.family == "time" else "error") == rule.severity, code


def test_a_good_adr_is_clean(tmp_path: Path) -> None:
    """The reference ADR of these tests passes every rule."""
    assert [] == run(make_log(tmp_path, GOOD))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"# Binary\x00\x01", [("0002-binary.md", 1, "ADR100")]),
        (b"# Caf\xe9\n", [("0002-binary.md", 1, "ADR100")]),
        (b"# Fine\n", []),
    ],
)
def test_unreadable_file(tmp_path: Path, content: bytes, expected: list[object]) -> None:
    """ADR100: a binary or non-UTF-8 file is a finding, not a crash."""
    config = make_log(tmp_path, {**GOOD, "0002-binary.md": content})
    assert expected == where(run(config, "ADR100"))


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("status: [accepted\n", [3]),
        ("date: 2022-21-11\n", [2]),
        ("supersedes: [soon]\n", [2]),
        ("- just a list\n", [2]),
        ("status: accepted\ndate: 2022-11-21\n", []),
    ],
)
def test_unparsable_front_matter(tmp_path: Path, front: str, expected: list[int]) -> None:
    """ADR101: YAML errors and values YAML readers refuse (2022-21-11) alike."""
    text = f"---\n{front}---\n" + GOOD_BODY.format(title="T")
    config = make_log(tmp_path, {"0001-t.md": text}, adopted=False)
    assert expected == [f.line for f in run(config, "ADR101")]


def test_unclosed_front_matter(tmp_path: Path) -> None:
    """ADR101: front matter opened and never closed is reported at line 1."""
    config = make_log(tmp_path, {"0001-t.md": "---\nstatus: accepted\n# T\n"}, adopted=False)
    assert [("0001-t.md", 1, "ADR101")] == where(run(config, "ADR101"))


@pytest.mark.parametrize(
    ("status", "adopted", "expected"),
    [
        ('"Approved"', True, ["unknown status 'Approved'"]),
        ("[accepted]", True, ["status must be text"]),
        ('"accepted"', True, []),
        ('"superseded by ADR-0002"', True, []),
    ],
)
def test_status(tmp_path: Path, status: str, adopted: bool, expected: list[str]) -> None:
    """ADR102: a status outside the configured ones is reported; a known one is not."""
    text = good_adr().replace('status: "accepted"', f"status: {status}")
    config = make_log(tmp_path, {"0001-use-s3-for-invoices.md": text}, adopted=adopted)
    messages = [f.message for f in run(config, "ADR102")]
    assert len(expected) == len(messages)
    for wanted, message in zip(expected, messages, strict=True):
        assert message.startswith(wanted)


def test_missing_status_depends_on_the_format(tmp_path: Path) -> None:
    """ADR102: no status is a finding in adr-tools files, not in MADR 4 front matter."""
    config = make_log(
        tmp_path,
        {
            "0001-a.md": "# 1. A\n\nDate: 2020-01-02\n\n## Status\n\n## Context\n\nx\n",
            "0002-b.md": "---\nnav_order: 2\n---\n# B\n\n## Context and Problem Statement\n",
        },
        adopted=False,
    )
    assert [("0001-a.md", 5, "ADR102")] == where(run(config, "ADR102"))


@pytest.mark.parametrize(
    ("files", "adopted", "expected"),
    [
        ({"0001-a.md": good_adr(date="soon")}, True, [("0001-a.md", 3, "ADR103")]),
        (
            {"0001-a.md": good_adr(extra="review-by: next year\n")},
            True,
            [("0001-a.md", 4, "ADR103")],
        ),
        ({"0001-a.md": good_adr(date="2026-01-10")}, True, []),
        (
            {"0001-a.md": good_adr().replace("date: 2026-01-10\n", "")},
            True,
            [("0001-a.md", 2, "ADR103")],
        ),
        (
            {"0001-a.md": "# 1. A\n\nDate: 2023-07-2i\n\n## Status\n\nAccepted\n"},
            False,
            [("0001-a.md", 3, "ADR103")],
        ),
        ({"0001-a.md": "# 1. A\n\nDate: 28/02/2019\n\n## Status\n\nAccepted\n"}, False, []),
        ({"0001-a.md": "# A\n\n* Status: accepted\n* Date: November 20, 2024\n"}, False, []),
    ],
)
def test_bad_date(
    tmp_path: Path, files: dict[str, str | bytes], adopted: bool, expected: list[object]
) -> None:
    """ADR103: a date that is not one, or none at all in an ADR of ours."""
    assert expected == where(run(make_log(tmp_path, files, adopted=adopted), "ADR103"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("## Context\n\nNo title.\n", [6]),
        ("```\n# Not a heading\n```\n", [6]),
        ("#\n\n## Context\n", [6]),
        ("Use S3\n======\n\n## Context\n", []),
        ("# Use S3\n", []),
    ],
)
def test_missing_title(tmp_path: Path, body: str, expected: list[int]) -> None:
    """ADR104: no H1 (a `#` in a code fence is none; a setext `===` title is one)."""
    text = good_adr(body="") + body
    config = make_log(tmp_path, {"0001-use-s3.md": text})
    assert expected == [f.line for f in run(config, "ADR104")]


def test_title_in_front_matter_is_enough_for_legacy_logs(tmp_path: Path) -> None:
    """ADR104: formats that keep the title in front matter (shopware) are not asked for an H1."""
    text = "---\ntitle: Use S3\ndate: 2022-01-01\n---\n## Context\n\nx\n"
    assert [] == run(make_log(tmp_path, {"2022-01-01-use-s3.md": text}, adopted=False), "ADR104")


@pytest.mark.parametrize(
    ("name", "adopted", "expected"),
    [
        ("7-use-s3.md", True, ["file name is not NNNN-slug.md: rename it to 0007-use-s3.md"]),
        ("0007_Use_S3.md", True, ["file name is not NNNN-slug.md: rename it to 0007-use-s3.md"]),
        ("0007-use-s3.md", True, []),
        ("10000-use-s3.md", True, []),
        ("ADR007-use-s3.md", False, []),
    ],
)
def test_file_name(tmp_path: Path, name: str, adopted: bool, expected: list[str]) -> None:
    """ADR105: names must be NNNN-slug.md where the project keeps an .adr.toml."""
    config = make_log(tmp_path, {name: good_adr(title="Use S3")}, adopted=adopted)
    assert expected == [f.message for f in run(config, "ADR105")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n", [("0002-c.md", 9, "ADR108")]),
        ("<<<<<<< HEAD\r\nours\r\n=======\r\nx\r\n>>>>>>> b\r\n", [("0002-c.md", 9, "ADR108")]),
        ("kept\n>>>>>>> topic\n", [("0002-c.md", 10, "ADR108")]),
        ("<<<<<<<\nours\n|||||||\nbase\n=======\n>>>>>>>\n", [("0002-c.md", 9, "ADR108")]),
        ("Title\n=======\n\nA `<<<<<<< HEAD` in prose; <<<<<<<< eight.\n", []),
    ],
)
def test_conflict_markers(tmp_path: Path, body: str, expected: list[object]) -> None:
    """ADR108: a conflict marker at a line's start is a finding at its line; a setext
    underline, a marker inside a line and eight `<` are not."""
    text = GOOD_BODY.format(title="T").replace("## Context\n\n", f"## Context\n\n{body}", 1)
    front = '---\nstatus: "proposed"\ndate: 2026-01-01\n---\n'
    config = make_log(tmp_path, {**GOOD, "0002-c.md": front + text})
    assert expected == where(run(config, "ADR108"))
