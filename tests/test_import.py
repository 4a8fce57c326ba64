"""`adr import`: every corpus converts in place without losing a line of any body."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPORA, adr, git, write

_META = re.compile(
    r"^\s*(?:[*-]\s+)?(?:\*\*)?(status|date|last modified|deciders|"
    r"decision[- ]makers|tags|日期)(?:\*\*)?\s*[:：]",
    re.IGNORECASE,
)
_RELATION = re.compile(r"(superseded by|superceded by|supersedes|amended by|amends)", re.IGNORECASE)


def _folders() -> list[Path]:
    assert CORPORA.is_dir(), f"the shared corpora are expected at {CORPORA} (or $ADR_CORPORA)"
    return sorted(
        {
            p.parent
            for p in CORPORA.rglob("*.md")
            if not p.name.startswith("SOURCE") and p.parent != CORPORA
        }
    )


def _body_lines(text: str) -> list[str]:
    """Lines after the front matter, without the H1 (which import rewrites on purpose)."""
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        lines = lines[end + 1 :]
    h1 = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    return [line for i, line in enumerate(lines) if i != h1]


def _unlinked(line: str) -> str:
    """The line with link targets blanked (inline and reference definitions): renaming
    rewrites targets, never words."""
    line = re.sub(r"^( {0,3}\[[^\]]+\]:)[ \t]*\S+", r"\1", line)
    return re.sub(r"\]\([^)\s]*\)", "]()", line)


def _is_metadata(line: str, status: str) -> bool:
    text = re.sub(r"^[^\w\[]+", "", line.strip()).strip().strip("*`").strip()
    return (
        not text
        or bool(_META.match(line))
        or bool(_RELATION.search(line))
        or text.casefold() in {"status", "状态", status.casefold()}
        or _words(text) == _words(_unlinked(status))
    )


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", _unlinked(text).casefold()))


def _code_blocks(text: str) -> list[str]:
    """The fenced code blocks of a text, byte for byte."""
    return re.findall(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1[ \t]*$", text, re.M | re.S)


def _broken(path: Path, text: str) -> set[str]:
    """The relative links of a file (inline or reference definitions, outside fenced code)
    that lead to no file."""
    found = set()
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    targets = re.findall(r"\]\(<?([^)\s>]+)", prose)
    targets += re.findall(r"^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", prose, re.M)
    for target in targets:
        local = target.split("#", 1)[0]
        outside = not local or "://" in local or local.startswith(("/", "mailto:"))
        if not outside and not (path.parent / local).exists():
            found.add(target)
    return found


def _records(directory: Path) -> dict[str, list[tuple[object, ...]]]:
    run = adr("--dir", str(directory), "list", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    found: dict[str, list[tuple[object, ...]]] = {}
    for r in json.loads(run.stdout):
        found.setdefault(str(r["number"]), []).append(
            (r["title"], _unlinked(r["status"]), tuple(r["supersedes"]), tuple(r["superseded-by"]))
        )
    return {number: sorted(rows, key=str) for number, rows in found.items()}


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_import_every_corpus(tmp_path: Path, folder: Path) -> None:
    """Import keeps every body line but metadata, and number, title, status and relations;
    code blocks byte for byte; writes no empty front matter; links follow renamed files."""
    repo = tmp_path / "repo"
    log = repo / "log"
    shutil.copytree(folder, log)
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "original")
    before_records = _records(log)
    before_files = {
        p.relative_to(repo).as_posix(): p.read_text(encoding="utf-8") for p in log.rglob("*.md")
    }
    status_of = {
        r["path"]: r["status"]
        for r in json.loads(adr("--dir", str(log), "list", "--format", "json").stdout)
    }
    broken_before = {name: _broken(repo / name, text) for name, text in before_files.items()}
    run = adr("--dir", str(log), "import", "--renumber")
    assert 0 == run.exit_code, run.stderr
    assert before_records == _records(log)
    renamed = {
        Path(old).resolve().relative_to(repo).as_posix(): Path(new)
        .resolve()
        .relative_to(repo)
        .as_posix()
        for old, new in re.findall(r"^renamed (.+) -> (.+)$", run.stdout, re.M)
    }
    for name, before in before_files.items():
        after_path = repo / renamed.get(name, name)
        assert after_path.is_file(), name
        after = after_path.read_text(encoding="utf-8")
        old = Counter(map(_unlinked, _body_lines(before)))
        new = Counter(map(_unlinked, _body_lines(after)))
        status = status_of.get(name, "")
        lost = [line for line in (old - new).elements() if not _is_metadata(line, status)]
        added = [line for line in (new - old).elements() if line.strip()]
        assert [] == lost, name
        assert [] == added, name
        assert _code_blocks(before) == _code_blocks(after), name  # blank lines included
        assert not re.match(r"\ufeff?---\r?\n(?:\s*\r?\n)*---", after), name  # no empty block
        assert _broken(after_path, after) <= broken_before[name], name  # links follow renames


def test_dry_run_is_the_default_with_uncommitted_changes(repo: Path) -> None:
    """With uncommitted changes in the ADR folder, import only shows a diff."""
    write(repo / ".adr-dir", "doc/adr\n")
    path = write(
        repo / "doc/adr/0001-a.md",
        "# 1. A\n\nDate: 2017-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
    )
    run = adr("import")
    assert 0 == run.exit_code
    assert "has uncommitted changes: showing what would change" in run.stderr
    assert '+status: "accepted"\n' in run.stdout
    assert "# 1. A\n" in path.read_text()


def test_adr_tools_file_converted(repo: Path) -> None:
    """An adr-tools file gets front matter; Date line and Status section go; the rest stays."""
    write(repo / ".adr-dir", "doc/adr\n")
    write(
        repo / "doc/adr/0001-a.md",
        "# 1. A\n\nDate: 2017-01-01\n\n## Status\n\n"
        "Superseded by [2. B](0002-b.md)\n\n## Context\n\nx  \n",
    )
    write(
        repo / "doc/adr/0002-b.md",
        "# 2. B\n\nDate: 28/02/2019\n\n## Status\n\n✅ Accepted\n\n"
        "Supersedes [1. A](0001-a.md)\n\n## Context\n\n```\n# not a heading\n```\n",
    )
    assert 0 == adr("import", "--force").exit_code
    assert (
        '---\nstatus: "superseded"\ndate: 2017-01-01\nsuperseded-by: [2]\n'
        "template: nygard\n---\n# A\n\n## Context\n\nx  \n"
    ) == (repo / "doc/adr/0001-a.md").read_text()
    assert (
        '---\nstatus: "accepted"\ndate: 2019-02-28\nsupersedes: [1]\ntemplate: nygard\n---\n'
        "# B\n\n## Context\n\n```\n# not a heading\n```\n"
    ) == (repo / "doc/adr/0002-b.md").read_text()


def test_crlf_bom_and_madr_front_matter(repo: Path) -> None:
    """CRLF and a BOM survive; MADR `deciders` and `superseded by ADR-N` become our keys."""
    write(repo / ".adr-dir", "docs/decisions\n")
    (repo / "docs/decisions").mkdir(parents=True, exist_ok=True)
    (repo / "docs/decisions/0001-a.md").write_bytes(
        b'\xef\xbb\xbf---\r\nstatus: "superseded by ADR-0002"\r\ndeciders: Ana, Bo\r\n'
        b"nav_order: 0032\r\n---\r\n# A\r\n\r\nBody\r\n"
    )
    write(repo / "docs/decisions/0002-b.md", "---\nstatus: accepted\n---\n# B\n")
    run = adr("import", "--force")
    assert 0 == run.exit_code, run.stderr
    assert (
        b'\xef\xbb\xbf---\r\nstatus: "superseded"\r\ndecision-makers: [Ana, Bo]\r\n'
        b"superseded-by: [2]\r\nnav_order: 0032\r\n---\r\n# A\r\n\r\nBody\r\n"
    ) == (repo / "docs/decisions/0001-a.md").read_bytes()


def test_renumber_dated_names_and_rewrite_links(repo: Path) -> None:
    """log4brains' dated names get numbers in date order; links to them are rewritten."""
    write(repo / ".adr-dir", "docs/adr\n")
    write(
        repo / "docs/adr/20200926-b.md",
        "# B\n\n- Status: superseded by [A](20201016-a.md)\n"
        "- Date: 2020-09-26\n\n## Context\n\nx\n",
    )
    write(
        repo / "docs/adr/20201016-a.md",
        "# A\n\n- Status: accepted\n- Date: 2020-10-16\n\n"
        "## Links\n\n- Supersedes [B](20200926-b.md)\n",
    )
    write(repo / "docs/adr/index.md", "See [A](20201016-a.md).\n")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "log4brains")
    run = adr("import", "--renumber", "--map-status", "accepted=accepted")
    assert 0 == run.exit_code, run.stderr
    assert {"0001-b.md", "0002-a.md", "index.md"} == {p.name for p in (repo / "docs/adr").iterdir()}
    a = (repo / "docs/adr/0002-a.md").read_text()
    assert a.startswith(
        '---\nstatus: "accepted"\ndate: 2020-10-16\nsupersedes: [1]\n'
        "template: madr\n---\n# A\n\n## Links\n\n- Supersedes [B](0001-b.md)\n"
    )
    assert "See [A](0002-a.md).\n" == (repo / "docs/adr/index.md").read_text()
    assert "docs/adr/20201016-a.md -> docs/adr/0002-a.md" in git(repo, "status", "--porcelain")


def test_broken_links_and_unknown_statuses_are_reported(repo: Path) -> None:
    """A link to a missing file stays in the text and is reported, as are unknown statuses."""
    write(repo / ".adr-dir", "ADR\n")
    path = write(
        repo / "ADR/ADR004-a.md",
        "# ADR004: A\n\nDate: 2022-02-18\n\n## Status\n\n"
        "Superseded by [AD045: X](ADR045-gone.md)\n",
    )
    write(repo / "ADR/ADR005-b.md", "# ADR005: B\n\nDate: 2022-02-18\n\n## Status\n\nPending\n")
    run = adr("import", "--force")
    assert 0 == run.exit_code, run.stderr
    assert "broken link kept: ADR/ADR004-a.md: superseded-by ADR045-gone.md" in run.stdout
    assert "status kept verbatim: 'Pending' in 1 files" in run.stdout
    assert "Superseded by [AD045: X](ADR045-gone.md)" in path.read_text()
    mapped = adr("import", "--force", "--map-status", "Pending=proposed")
    assert 0 == mapped.exit_code
    assert 'status: "proposed"' in (repo / "ADR/ADR005-b.md").read_text()


def test_map_status_must_name_a_status(repo: Path) -> None:
    """--map-status NEW must be a configured status."""
    write(repo / "docs/adr/0001-a.md", "# A\n")
    run = adr("import", "--map-status", "Approved=ok")
    assert 2 == run.exit_code
    assert "--map-status 'Approved=ok': use OLD=NEW" in run.stderr
