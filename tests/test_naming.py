"""File names: which files are ADRs, their numbers, and safe slugs for any title."""

from __future__ import annotations

import pytest

from adr_tool.naming import file_name, read_name, slugify


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Use PostgreSQL for the order store", "use-postgresql-for-the-order-store"),
        ("../../etc/passwd", "etc-passwd"),
        ("R&D", "r-d"),
        ("A|B", "a-b"),
        ("Café décision", "cafe-decision"),
        ("🚀🔥", "decision"),
        ("使用 PostgreSQL", "postgresql"),
        ("数据库选择", "decision"),
        ("$(rm -rf ~); `reboot`", "rm-rf-reboot"),
        ("a" * 80, "a" * 60),
        ("word " * 30, "-".join(["word"] * 12)),
    ],
)
def test_slugify(title: str, expected: str) -> None:
    """Any title gives a lower-case ASCII slug that is never a path and never empty."""
    assert expected == slugify(title)


def test_file_name_pads_and_keeps_five_digits() -> None:
    """Numbers are zero-padded to four digits, and ADR 10000 keeps all five."""
    assert "0007-use-s3.md" == file_name(7, "Use S3")
    assert "10000-use-s3.md" == file_name(10000, "Use S3")


@pytest.mark.parametrize(
    ("name", "number", "date"),
    [
        ("0002-use-s3.md", 2, None),
        ("10000-five-digits.md", 10000, None),
        ("000_workspaces_implementation.md", 0, None),
        ("ADR004-store-form-schemas-in-an-api.md", 4, None),
        ("adr-002-configuration.md", 2, None),
        ("20200924-use-markdown.md", None, "2020-09-24"),
        ("2023-06-26-recording-architecture-decisions.md", None, "2023-06-26"),
        ("2022-21-11-replace-drop-shadow.md", None, "2022-21-11"),
        ("use-condens.md", None, None),
    ],
)
def test_read_name(name: str, number: int | None, date: str | None) -> None:
    """Numbers and dates are read from the forms real logs use."""
    info = read_name(name)
    assert info is not None
    assert (number, date) == (info.number, info.date)


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "index.md",
        "template.md",
        "000-template.md",
        "notes.txt",
        "YYYY-MM-DD-template.md",
    ],
)
def test_non_adr_names(name: str) -> None:
    """README, index and template files are never ADRs (a peer listed them)."""
    assert read_name(name) is None
