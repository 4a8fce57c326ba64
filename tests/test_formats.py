"""Reading the formats of DESIGN.md section 3, on small cases and on the real corpora."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest

from adr_tool.config import Config
from adr_tool.store import load_log
from tests.conftest import CORPORA, adr, write

if TYPE_CHECKING:
    from pathlib import Path

CASES = {
    "adr-tools": (
        "# 2. Use S3\n\nDate: 2017-06-30\n\n## Status\n\nSuperseded by "
        "[3. Use GCS](0003-use-gcs.md)\n\n## Context\n\nx\n",
        ("Use S3", "superseded", "2017-06-30"),
    ),
    "superceded misspelt": (
        "# 2. Use S3\n\nDate: 2017-06-30\n\n## Status\n\nSuperceded by "
        "[3. Use GCS](0003-use-gcs.md)\n",
        ("Use S3", "superseded", "2017-06-30"),
    ),
    "madr 2 bullets": (
        "# Use S3\n\n* Status: accepted\n* Date: 2020-01-02\n\n## Context and Problem Statement\n",
        ("Use S3", "accepted", "2020-01-02"),
    ),
    "log4brains": (
        "# Use S3\n\n- Status: superseded by [20201016-x](0003-use-gcs.md)\n- Date: 2020-09-26\n",
        ("Use S3", "superseded", "2020-09-26"),
    ),
    "madr 4 front matter": (
        '---\nstatus: "superseded by ADR-0003"\ndate: 2024-01-02\n---\n# Use S3\n',
        ("Use S3", "superseded", "2024-01-02"),
    ),
    "unknown status kept verbatim": (
        "---\nstatus: Approved\n---\n# Use S3\n",
        ("Use S3", "Approved", None),
    ),
    "emoji status": (
        "# Use S3\n\nDate: 05/02/2018\n\n## Status\n\n✅ Accepted\n",
        ("Use S3", "accepted", "05/02/2018"),
    ),
    "upper case, status after decision": (
        "# Architecture Decision Record: Use S3\n\n## Decision\n\nx\n\n## Status\n\nPROPOSED\n",
        ("Use S3", "proposed", None),
    ),
    "dated status history": (
        "# 1. 使用 S3\n\n日期: 2017/11/22\n\n## 状态\n\n2017-11-22 提议\n\n2017-11-26 完成\n",
        ("使用 S3", "完成", "2017-11-22"),
    ),
    "bold bullets": (
        "# Use S3\n\n* **Status:** Active\n* **Last Modified:** 2023-06-29\n",
        ("Use S3", "Active", "2023-06-29"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_known_formats(tmp_path: Path, case: str) -> None:
    """Title, status and date are read from each format as it is written."""
    text, expected = CASES[case]
    write(tmp_path / "0002-use-s3.md", text)
    write(
        tmp_path / "0003-use-gcs.md",
        "# 3. Use GCS\n\nDate: 2018-01-01\n\n## Status\n\n"
        "Accepted\n\nSupersedes [2. Use S3](0002-use-s3.md)\n",
    )
    log = load_log(Config(root=tmp_path, directory=tmp_path)).log
    first = log.get(2)
    assert expected == (first.title, first.status, first.date)


def test_supersede_links_resolve_by_file(tmp_path: Path) -> None:
    """Links in an adr-tools status section become numbers, both ways."""
    text, _ = CASES["adr-tools"]
    write(tmp_path / "0002-use-s3.md", text)
    write(
        tmp_path / "0003-use-gcs.md",
        "# 3. Use GCS\n\n## Status\n\nAccepted\n\nSupersedes [2. Use S3](0002-use-s3.md)\n",
    )
    log = load_log(Config(root=tmp_path, directory=tmp_path)).log
    assert ((3,), (2,)) == (log.get(2).superseded_by, log.get(3).supersedes)


def test_broken_link_is_kept_for_lint(tmp_path: Path) -> None:
    """A link to a missing file is not resolved by guessing; it is kept as broken."""
    write(tmp_path / "0002-use-s3.md", "# Use S3\n\n## Status\n\nSuperseded by [x](0009-gone.md)\n")
    adr_ = load_log(Config(root=tmp_path, directory=tmp_path)).log.get(2)
    assert ((), (("superseded-by", "0009-gone.md", 5),)) == (adr_.superseded_by, adr_.broken_refs)


def test_unnumbered_files_need_metadata(tmp_path: Path) -> None:
    """A file with no number in its name is an ADR only if it states a status or date."""
    write(tmp_path / "0001-a.md", "# A\n")
    write(tmp_path / "use-b.md", "# B\n\n* **Status:** Active\n")
    write(tmp_path / "SOURCE.md", "# Where this came from\n")
    log = load_log(Config(root=tmp_path, directory=tmp_path)).log
    assert [(1, "A"), (2, "B")] == [(a.number, a.title) for a in log]


def test_numbers_sort_as_integers(tmp_path: Path) -> None:
    """ADR 10000 sorts after 9999 and 1001, never between 1000 and 1001 (a peer's bug)."""
    for number in (1000, 1001, 9999, 10000):
        write(tmp_path / f"{number:04d}-a.md", "# A\n")
    log = load_log(Config(root=tmp_path, directory=tmp_path)).log
    assert [1000, 1001, 9999, 10000] == [a.number for a in log]
    assert 10001 == log.next_number()


def corpus_folders() -> list[Path]:
    assert CORPORA.is_dir(), f"the shared corpora are expected at {CORPORA} (or $ADR_CORPORA)"
    folders = {
        p.parent
        for p in CORPORA.rglob("*.md")
        if not p.name.startswith("SOURCE") and p.parent != CORPORA
    }
    return sorted(folders)


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_every_corpus_lists_and_shows(tmp_path: Path, folder: Path) -> None:
    """`adr list` and `adr show` read every folder of the corpora without a traceback; a
    number two files share is refused with both named, never answered with one of them."""
    copy = tmp_path / "log"
    shutil.copytree(folder, copy)
    run = adr("--dir", str(copy), "list", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    records = json.loads(run.stdout)
    assert records, "every corpus folder holds ADRs"
    assert all(record["title"] for record in records)
    step = max(1, len(records) // 5)
    for record in records[::step]:  # a sample across the log: first, middle, last
        shown = adr("--dir", str(copy), "show", str(record["number"]), "--format", "json")
        same_number = [r["path"] for r in records if r["number"] == record["number"]]
        if len(same_number) > 1:
            assert 2 == shown.exit_code
            assert all(path.rsplit("/", 1)[-1] in shown.stderr for path in same_number)
            continue
        assert 0 == shown.exit_code, shown.stderr
        assert [json.loads(shown.stdout)["path"]] == same_number


def _corpus(name: str, tmp_path: Path) -> dict[int, dict[str, object]]:
    copy = tmp_path / "log"
    shutil.copytree(CORPORA / name, copy)
    run = adr("--dir", str(copy), "list", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    return {r["number"]: r for r in json.loads(run.stdout)}


@pytest.mark.parametrize(
    ("folder", "number", "title", "status", "date"),
    [
        (
            "alphagov__govuk-aws/docs/architecture/decisions",
            2,
            "Hosting Platforms",
            "accepted",
            "2017-06-30",
        ),
        (
            "alphagov__govuk-aws/docs/architecture/decisions",
            3,
            "Networking Outline",
            "Partly superseded",
            "2017-06-30",
        ),
        ("alphagov__forms/ADR", 4, "Store form schemas in an API", "superseded", "2022-02-18"),
        (
            "ministryofjustice__cloud-platform/architecture-decision-record",
            10,
            "Migrate from live-0 to live-1 Cluster",
            "accepted",
            "28/02/2019",
        ),
        (
            "ministryofjustice__cloud-platform/architecture-decision-record",
            21,
            "Multi-cluster",
            "superseded",
            "2021-05-11",
        ),
        (
            "JabRef__jabref/docs/decisions",
            45,
            "Use `--input` Flag Consistently for Reading Input Files",
            "superseded",
            None,
        ),
        (
            "EasyPost__easy-ui/documentation/decisions",
            1,
            "Use CSS Modules as styling library",
            "accepted",
            "2023-02-03",
        ),
        ("kumahq__kuma/docs/madr/decisions", 1, "Adopt MADR", "accepted", None),
        ("arachne-framework__architecture", 2, "Configuration", "proposed", None),
        ("phodal__adr/docs/adr", 1, "编写完整的单元测试", "完成", "2017-11-22"),
        (
            "thomvaill__log4brains/docs/adr",
            4,
            "Use the ADR number as its unique ID",
            "superseded",
            "2020-09-26",
        ),
    ],
)
def test_corpus_facts(
    tmp_path: Path, folder: str, number: int, title: str, status: str, date: str | None
) -> None:
    """Number, title, status and date are what the original files say."""
    record = _corpus(folder, tmp_path)[number]
    assert (title, status, date) == (record["title"], record["status"], record["date"])


def test_corpus_relations(tmp_path: Path) -> None:
    """Supersede links of real logs resolve to numbers; a broken one resolves to nothing."""
    govuk = _corpus("alphagov__govuk-aws/docs/architecture/decisions", tmp_path / "a")
    assert [15] == govuk[4]["superseded-by"]
    jabref = _corpus("JabRef__jabref/docs/decisions", tmp_path / "b")
    assert ([57], [45]) == (jabref[45]["superseded-by"], jabref[57]["supersedes"])
    forms = _corpus("alphagov__forms/ADR", tmp_path / "c")
    assert [] == forms[4]["superseded-by"]  # its link points at a file that does not exist


def test_shopware_superseded_folder(tmp_path: Path) -> None:
    """A log that marks supersession by folder (`_superseded/`) reads those as superseded."""
    records = _corpus("shopware__shopware/adr", tmp_path)
    superseded = [r for r in records.values() if str(r["path"]).startswith("_superseded/")]
    assert 4 == len(superseded)
    assert {"superseded"} == {r["status"] for r in superseded}
