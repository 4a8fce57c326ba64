"""`adr index` and `adr graph`: golden output, determinism, --check, every corpus."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CORPORA, adr, write


def _sample(root: Path) -> None:
    d = root / "docs/adr"
    write(
        d / "0002-use-s3.md",
        "---\nstatus: superseded\ndate: 2026-01-02\ntags: [storage]\n"
        'superseded-by: [4]\n---\n# Use S3 | "blobs" <fast>\n',
    )
    write(
        d / "0003-use-kafka.md",
        "---\nstatus: proposed\ndate: 2026-01-03\n"
        "links: {amends: [1]}\n---\n# Use Kafka [events]\n",
    )
    write(
        d / "0004-use-gcs.md",
        "---\nstatus: accepted\ndate: 2026-01-04\ntags: [storage, cloud]"
        "\nsupersedes: [2]\nlinks: {relates-to: [3]}\n---\n# Use GCS\n",
    )
    write(
        d / "0001-record-architecture-decisions.md",
        "---\nstatus: accepted\ndate: 2026-01-01\n"
        "links: {amended-by: [3]}\n---\n# Record architecture decisions\n",
    )
    write(
        d / "0003-use-kafka.md",
        (d / "0003-use-kafka.md")
        .read_text()
        .replace("links: {amends: [1]}", "links: {amends: [1], relates-to: [4]}"),
    )


def test_index_golden(repo: Path, golden: Callable[[str, str], None]) -> None:
    """The index: summary, table with linked titles and relations in words, Mermaid graph."""
    _sample(repo)
    run = adr("index")
    assert 0 == run.exit_code, run.stderr
    assert "wrote docs/adr/README.md\n" == run.stdout
    golden("index.md", (repo / "docs/adr/README.md").read_text())


def test_graph_golden(repo: Path, golden: Callable[[str, str], None]) -> None:
    """`adr graph` prints Mermaid or DOT with one edge per relation."""
    _sample(repo)
    golden("graph.mmd", adr("graph").stdout)
    golden("graph.dot", adr("graph", "--format", "dot").stdout)


def test_index_is_deterministic_and_checkable(repo: Path) -> None:
    """The same log gives the same bytes; --check is 0 when current, 1 with a diff when stale."""
    _sample(repo)
    adr("index")
    index = repo / "docs/adr/README.md"
    first = index.read_bytes()
    assert "docs/adr/README.md is up to date\n" == adr("index").stdout
    assert first == index.read_bytes()
    assert 0 == adr("index", "--check").exit_code
    assert 0 == adr("accept", "3").exit_code
    stale = adr("index", "--check")
    assert 1 == stale.exit_code
    assert "adr: docs/adr/README.md is out of date: run `adr index`\n" == stale.stderr
    assert "-| [0003 Use Kafka \\[events\\]](0003-use-kafka.md) | proposed |" in stale.stdout
    assert "+| [0003 Use Kafka \\[events\\]](0003-use-kafka.md) | accepted |" in stale.stdout
    assert first == index.read_bytes()


def test_configured_index_path(repo: Path) -> None:
    """`index` in .adr.toml moves the file; links stay relative to it."""
    write(repo / ".adr.toml", 'directory = "docs/adr"\nindex = "docs/DECISIONS.md"\n')
    _sample(repo)
    assert 0 == adr("index").exit_code
    text = (repo / "docs/DECISIONS.md").read_text()
    assert "[0004 Use GCS](adr/0004-use-gcs.md)" in text
    assert 4 == len(adr("list").stdout.splitlines())


def test_index_of_an_adr_tools_log(repo: Path) -> None:
    """adr-tools statuses and "Superceded by" links index correctly."""
    write(repo / ".adr-dir", "doc/adr\n")
    write(
        repo / "doc/adr/0001-a.md",
        "# 1. A\n\nDate: 2017-01-01\n\n## Status\n\nSuperceded by [2. B](0002-b.md)\n",
    )
    write(
        repo / "doc/adr/0002-b.md",
        "# 2. B\n\nDate: 2017-01-02\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
    )
    assert 0 == adr("index").exit_code
    text = (repo / "doc/adr/README.md").read_text()
    assert (
        "| [0001 A](0001-a.md) | superseded | 2017-01-01 |  | superseded by [0002 B]"
        "(0002-b.md) |" in text
    )
    assert "adr2 -->|supersedes| adr1" in text


def _folders() -> list[Path]:
    assert CORPORA.is_dir(), f"the shared corpora are expected at {CORPORA} (or $ADR_CORPORA)"
    return sorted(
        {
            p.parent
            for p in CORPORA.rglob("*.md")
            if not p.name.startswith("SOURCE") and p.parent != CORPORA
        }
    )


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_index_every_corpus(tmp_path: Path, folder: Path) -> None:
    """The index builds over every corpus folder without a traceback, with every ADR in it."""
    copy = tmp_path / "log"
    shutil.copytree(folder, copy)
    (copy / "README.md").unlink(missing_ok=True)
    run = adr("--dir", str(copy), "index")
    assert 0 == run.exit_code, run.stderr
    text = (copy / "README.md").read_text()
    listed = adr("--dir", str(copy), "list", "--format", "paths").stdout.splitlines()
    assert len(listed) == text.count("\n| [")
    assert 0 == adr("--dir", str(copy), "index", "--check").exit_code
