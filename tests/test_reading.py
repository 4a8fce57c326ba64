"""What is read is read right (issue 13 §5): whole status paragraphs, template guidance, titles
with numbers, numbers two files share, hybrid files, relation lines of one's own, and import
keeping code, writing no empty front matter and reporting shared numbers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.conftest import adr, git, write

if TYPE_CHECKING:
    from pathlib import Path

_LOG = "doc/adr"


def _log(repo: Path, files: dict[str, str]) -> Path:
    """An adr-tools style log (`.adr-dir`) with these files, committed."""
    write(repo / ".adr-dir", f"{_LOG}\n")
    for name, text in files.items():
        write(repo / _LOG / name, text)
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "log")
    return repo / _LOG


def _nygard(number: int, title: str, status: str, body: str = "x\n") -> str:
    return (
        f"# {number}. {title}\n\nDate: 2020-01-0{number % 9 + 1}\n\n## Status\n\n{status}\n\n"
        f"## Context\n\n{body}\n## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    )


def _records() -> dict[str, dict[str, object]]:
    run = adr("list", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    return {str(r["path"]).rsplit("/", 1)[-1]: r for r in json.loads(run.stdout)}


def _lint(*codes: str) -> list[tuple[str, int, str, str]]:
    run = adr("lint", "--format", "json", "--select", ",".join(codes))
    assert run.exit_code in (0, 1), run.stderr
    return [
        (str(f["path"]).rsplit("/", 1)[-1], f["line"], f["code"], f["message"])
        for f in json.loads(run.stdout)
    ]


# --- a status over several lines --------------------------------------------------------------


def test_a_status_over_several_lines_is_read_whole_and_written_whole(repo: Path) -> None:
    """`Accepted, pending the` / `security review [#41]` is one status: list, import and
    `adr status` read, write and replace all of it."""
    log = _log(
        repo,
        {
            "0001-a.md": _nygard(1, "A", "Accepted, pending the\nsecurity review [#41]"),
            "0002-b.md": _nygard(2, "B", "Accepted\nby the architecture board."),
            "0003-c.md": "# C\n\n* Status: accepted, pending the\n  security review\n"
            "* Date: 2020-01-01\n\n## Context\n\nx\n",
        },
    )
    records = _records()
    assert "Accepted, pending the security review [#41]" == records["0001-a.md"]["status"]
    assert "accepted" == records["0002-b.md"]["status"]  # one word first: the rest is a note
    assert "accepted, pending the security review" == records["0003-c.md"]["status"]
    table = adr("list").stdout.splitlines()
    assert "0001  Accepted, pending the securit…  2020-01-02  A" == table[0]
    assert 0 == adr("status", "1", "rejected").exit_code
    assert "## Status\n\nRejected\n\n## Context" in (log / "0001-a.md").read_text()
    assert 0 == adr("status", "3", "rejected").exit_code
    assert "# C\n\n* Status: Rejected\n* Date:" in (log / "0003-c.md").read_text()
    git(repo, "checkout", "--", ".")
    assert 0 == adr("import", "--force").exit_code
    a, b = (log / "0001-a.md").read_text(), (log / "0002-b.md").read_text()
    assert a.startswith('---\nstatus: "Accepted, pending the security review [#41]"\n')
    assert "security review [#41]\n\n## Context" not in a  # moved whole, not cut
    assert b.startswith('---\nstatus: "accepted"\n')
    assert "## Status\n\nAccepted\nby the architecture board.\n" in b  # the note is kept
    c = (log / "0003-c.md").read_text()
    assert c.startswith('---\nstatus: "accepted, pending the security review"\n')
    assert "security review\n" not in c.split("---\n", 2)[2]


# --- template guidance in the status -----------------------------------------------------------

_GUIDANCE = [
    ("{Proposed|Accepted|Rejected}", "{Proposed|Accepted|Rejected}"),
    (
        '> Accepted or Rejected\n>\n> Valid ADR statuses are: "Proposed", "Accepted", '
        '"Rejected", "Deprecated", "Superseded by ADRzzz".',
        "Accepted or Rejected",
    ),
    (
        "What is the status, such as proposed, accepted, rejected, deprecated, superseded, etc.?",
        "What is the status, such as proposed, accepted, rejected, d…",
    ),
    ("STATUS", "STATUS"),
]


@pytest.mark.parametrize(("guidance", "shown"), _GUIDANCE, ids=["choice", "or", "question", "word"])
def test_template_guidance_in_a_status_section_is_no_status(
    repo: Path, guidance: str, shown: str
) -> None:
    """Guidance left where the status belongs is no status: list shows none, lint says the
    guidance is left, import writes no status and keeps it, `adr accept` replaces it."""
    log = _log(repo, {"0001-a.md": _nygard(1, "A", guidance)})
    assert "" == _records()["0001-a.md"]["status"]
    assert [
        (
            "0001-a.md",
            7,
            "ADR102",
            f"no status: {shown!r} is the template's guidance, not a status; replace it "
            "with one of: proposed, accepted, rejected, deprecated, superseded",
        )
    ] == _lint("ADR102")
    assert 0 == adr("import", "--force").exit_code
    imported = (log / "0001-a.md").read_text()
    assert "status:" not in imported.split("# A")[0]
    assert f"## Status\n\n{guidance}\n" in imported
    assert 0 == adr("accept", "1").exit_code
    assert "accepted" == _records()["0001-a.md"]["status"]


def test_template_guidance_in_bullets_and_front_matter_is_no_status(repo: Path) -> None:
    """MADR's and log4brains' status placeholders, in a bullet or front matter, are no status;
    guidance before a real status is skipped; list lines stay short."""
    _log(
        repo,
        {
            "0001-a.md": "# A\n\n* Status: [proposed | rejected | accepted | deprecated | … | "
            "superseded by [ADR-0005](0005-example.md)]\n\n## Context\n\nx\n",
            "0002-b.md": '---\nstatus: "{proposed | rejected | accepted | deprecated | … | '
            'superseded by ADR-0123}"\ndate: 2020-01-01\n---\n# B\n',
            "0003-c.md": _nygard(3, "C", "{Proposed|Accepted|Rejected}\n\nAccepted"),
        },
    )
    records = _records()
    assert ["", "", "accepted"] == [records[n]["status"] for n in sorted(records)]
    assert ["0001-a.md", "0002-b.md"] == [f[0] for f in _lint("ADR102")]
    table = adr("list").stdout.splitlines()
    assert all(len(line) < 60 for line in table), table


# --- titles -----------------------------------------------------------------------------------


def test_the_number_before_a_title_is_not_part_of_it(repo: Path) -> None:
    """`# ADR 042 Cache warm-up` and `# 7 Retry budget` (in ADR 7) lose the number; a title
    that starts with another number keeps it; import writes the H1 without it."""
    log = _log(
        repo,
        {
            "0042-cache.md": _nygard(42, "x", "Accepted").replace(
                "# 42. x", "# ADR 042 Cache warm-up"
            ),
            "0007-retry.md": _nygard(7, "x", "Accepted").replace("# 7. x", "# 7 Retry budget"),
            "0012-reasons.md": _nygard(12, "x", "Accepted").replace(
                "# 12. x", "# 3 reasons to cache"
            ),
            "0013-adr.md": _nygard(13, "x", "Accepted").replace("# 13. x", "# ADR-13 Use S3"),
        },
    )
    assert {
        "0007-retry.md": "Retry budget",
        "0012-reasons.md": "3 reasons to cache",
        "0013-adr.md": "Use S3",
        "0042-cache.md": "Cache warm-up",
    } == {name: r["title"] for name, r in _records().items()}
    assert 0 == adr("import", "--force").exit_code
    assert "\n# Retry budget\n" in (log / "0007-retry.md").read_text()
    assert "\n# Cache warm-up\n" in (log / "0042-cache.md").read_text()


# --- a number two files share -----------------------------------------------------------------

_BY_NUMBER = [
    ("show", "4"),
    ("show", "4", "--format", "json"),
    ("edit", "4"),
    ("status", "4", "accepted"),
    ("accept", "4"),
    ("reject", "4"),
    ("deprecate", "4"),
    ("supersede", "4", "5"),
    ("supersede", "5", "4"),
    ("link", "4", "amends", "5"),
    ("link", "5", "amends", "4"),
    ("log", "--adr", "4"),
    ("new", "Next", "--no-input", "--supersedes", "4"),
]


@pytest.mark.parametrize("args", _BY_NUMBER, ids=lambda args: " ".join(args))
def test_every_command_refuses_a_number_two_files_share(repo: Path, args: tuple[str, ...]) -> None:
    """A command given a number two files share names both and the fix, changes nothing, and
    never picks one of them."""
    log = _log(
        repo,
        {
            "0004-a.md": _nygard(4, "A", "Proposed"),
            "0004-b.md": _nygard(4, "B", "Proposed").replace("2020-01-05", "2021-01-01"),
            "0005-c.md": _nygard(5, "C", "Accepted"),
        },
    )
    before = {path.name: path.read_bytes() for path in log.iterdir()}
    run = adr(*args, env={"EDITOR": "true"})
    assert 2 == run.exit_code
    assert (
        "adr: 2 ADRs have number 4 (0004-a.md, 0004-b.md); give each its own number, "
        "e.g. `adr renumber 4 --file 0004-b.md`\n"
    ) == run.stderr
    assert "" == run.stdout
    assert before == {path.name: path.read_bytes() for path in log.iterdir()}
    fixed = adr("renumber", "4", "--file", "0004-b.md")
    assert 0 == fixed.exit_code, fixed.stderr
    assert "A" == json.loads(adr("show", "4", "--format", "json").stdout)["title"]


def test_folder_records_that_share_a_number_are_named_by_their_folders(repo: Path) -> None:
    """Two folder records with one number: commands name their folders, and the suggested
    `adr renumber N --file FOLDER` works."""
    log = _log(
        repo,
        {
            "0004-a/README.md": _nygard(4, "A", "Accepted"),
            "0004-b/README.md": _nygard(4, "B", "Accepted").replace("2020-01-05", "2021-01-01"),
        },
    )
    run = adr("show", "4")
    assert 2 == run.exit_code
    assert (
        "adr: 2 ADRs have number 4 (0004-a, 0004-b); give each its own number, "
        "e.g. `adr renumber 4 --file 0004-b`\n"
    ) == run.stderr
    fixed = adr("renumber", "4", "--file", "0004-b")
    assert 0 == fixed.exit_code, fixed.stderr
    assert (log / "0005-b/README.md").is_file()


# --- front matter and a Status section --------------------------------------------------------


def test_front_matter_and_a_status_section_never_disagree(repo: Path) -> None:
    """In a file with both, the front matter is the status: `adr accept` and `supersede`
    write the section's status word too, lint reports a section that disagrees, and a
    section of free text is left as written."""
    hybrid = (
        "---\nstatus: proposed\ndate: 2020-01-01\n---\n# A\n\n## Status\n\n{word}\n\n"
        "## Context\n\nx\n"
    )
    log = _log(
        repo,
        {
            "0001-a.md": hybrid.format(word="Proposed"),
            "0002-b.md": hybrid.format(word="Proposed, pending review").replace("# A", "# B"),
            "0003-c.md": hybrid.format(word="> Proposed").replace("# A", "# C"),
        },
    )
    assert 0 == adr("accept", "1").exit_code
    assert 0 == adr("accept", "2").exit_code
    assert 0 == adr("supersede", "3", "1").exit_code
    a, b, c = ((log / name).read_text() for name in ("0001-a.md", "0002-b.md", "0003-c.md"))
    assert a.startswith('---\nstatus: "accepted"\n') and "## Status\n\nAccepted\n" in a
    assert "## Status\n\nProposed, pending review\n" in b  # free text: not adr-tool's to edit
    assert "## Status\n\n> Superseded\n" in c
    assert [] == [f for f in _lint("ADR102") if f[0] != "0002-b.md"]
    (log / "0001-a.md").write_text(a.replace("## Status\n\nAccepted", "## Status\n\nRejected"))
    assert [
        (
            "0001-a.md",
            10,
            "ADR102",
            "the Status section says 'Rejected' but the front matter says 'accepted'; the "
            "front matter is the status: `adr status 1 accepted` writes both, or edit the "
            "section",
        )
    ] == [f for f in _lint("ADR102") if f[0] == "0001-a.md"]


# --- import keeps what is not metadata --------------------------------------------------------


def test_import_keeps_code_blocks_byte_for_byte_and_writes_no_empty_front_matter(
    repo: Path,
) -> None:
    """Blank lines inside fenced code (Go, Mermaid) survive import; a file with no metadata
    gets no front matter block; prose keeps its own blank lines."""
    go = "```go\nfunc a() {\n\n\n\treturn\n}\n```\n"
    mermaid = "~~~mermaid\ngraph TD\n\n\n  A-->B\n~~~\n"
    log = _log(
        repo,
        {
            "0001-a.md": _nygard(1, "A", "Accepted", body=f"x\n\n{go}\n\n\ny\n"),
            "0002-b.md": f"# 2. B\n\nSome text.\n\n{mermaid}",
        },
    )
    run = adr("import", "--force")
    assert 0 == run.exit_code, run.stderr
    assert (
        '---\nstatus: "accepted"\ndate: 2020-01-02\ntemplate: nygard\n---\n# A\n\n'
        f"## Context\n\nx\n\n{go}\n\n\ny\n\n## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    ) == (log / "0001-a.md").read_text()
    assert f"# B\n\nSome text.\n\n{mermaid}" == (log / "0002-b.md").read_text()


def test_import_renumber_rewrites_every_link_to_a_renamed_file(repo: Path) -> None:
    """After `import --renumber`, links to renamed files resolve from ADRs, a README and notes
    in a sub-folder (CRLF and a BOM kept): inline, with a title, in <...>, with an anchor, as a
    reference definition; links in code are left as written; lint then finds no link to a
    missing file."""
    names = ("20200101-use-s3.md", "20200202-use-gcs.md")
    link_forms = (
        f'[S3]({names[0]}), [S3](./{names[0]} "the S3 one"), [S3](<{names[0]}>), '
        f"[S3]({names[0]}#context)\n\n[s3]: {names[0]}\n\n`[code]({names[0]})`\n\n"
        f"```\n[fenced]({names[0]})\n```\n"
    )
    log = _log(
        repo,
        {
            names[0]: "# Use S3\n\n- Status: accepted\n- Date: 2020-01-01\n\n## Context\n\nx\n",
            names[1]: "# Use GCS\n\n- Status: accepted\n- Date: 2020-02-02\n\n"
            f"## Context\n\nSee {link_forms}",
            "README.md": f"# Decisions\n\n{link_forms}",
            "notes/plan.md": f"# Plan\n\n[S3](../{names[0]})\n",
        },
    )
    (log / "notes/crlf.md").write_bytes(f"\ufeff# CRLF\r\n\r\n[S3](../{names[0]})\r\n".encode())
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "crlf")
    run = adr("import", "--renumber")
    assert 0 == run.exit_code, run.stderr
    new = "0001-use-s3.md"
    expected = (
        f'[S3]({new}), [S3]({new} "the S3 one"), [S3](<{new}>), [S3]({new}#context)\n\n'
        f"[s3]: {new}\n\n`[code]({names[0]})`\n\n```\n[fenced]({names[0]})\n```\n"
    )
    assert f"# Decisions\n\n{expected}" == (log / "README.md").read_text()
    assert (log / "0002-use-gcs.md").read_text().endswith(f"See {expected}")
    assert f"# Plan\n\n[S3](../{new})\n" == (log / "notes/plan.md").read_text()
    assert (
        f"\ufeff# CRLF\r\n\r\n[S3](../{new})\r\n".encode() == (log / "notes/crlf.md").read_bytes()
    )
    assert [] == _lint("ADR310")


def test_renumber_rewrites_links_in_every_markdown_file_of_the_folder(repo: Path) -> None:
    """`adr renumber` makes links follow in other ADRs (with their `N. Title` label), pages
    beside them and notes in a sub-folder; a file it cannot read is named, not skipped."""
    log = _log(
        repo,
        {
            "0004-a.md": _nygard(4, "A", "Accepted"),
            "0005-b.md": _nygard(5, "B", "Accepted", body="See [4. A](0004-a.md#context).\n"),
            "overview.md": "# Log\n\n- [4. A](0004-a.md)\n",
            "notes/plan.md": "[A](../0004-a.md)\n",
        },
    )
    (log / "notes/index.md").write_bytes(b"caf\xe9 [A](../0004-a.md)\n")
    run = adr("renumber", "4", "--to", "9")
    assert 0 == run.exit_code, run.stderr
    assert "adr: doc/adr/notes/index.md: not UTF-8, its links are not rewritten\n" == run.stderr
    assert "See [9. A](0009-a.md#context).\n" in (log / "0005-b.md").read_text()
    assert "# Log\n\n- [9. A](0009-a.md)\n" == (log / "overview.md").read_text()
    assert "[A](../0009-a.md)\n" == (log / "notes/plan.md").read_text()


def test_import_reports_numbers_two_files_share_with_the_command_that_fixes_them(
    repo: Path,
) -> None:
    """Import renames but never renumbers a shared number: it names the files and the
    `adr renumber` that gives the later one its own number, and that command works."""
    _log(
        repo,
        {
            "ADR025-remove-papertrail.md": _nygard(25, "Remove PaperTrail", "Accepted"),
            "ADR025-use-aasm.md": _nygard(25, "Use AASM", "Accepted").replace(
                "2020-01-08", "2024-02-05"
            ),
        },
    )
    run = adr("import", "--renumber")
    assert 0 == run.exit_code, run.stderr
    assert (
        "  number used twice: 2 ADRs have number 25 (0025-remove-papertrail.md, "
        "0025-use-aasm.md); give each its own number, e.g. `adr renumber 25 --file "
        "0025-use-aasm.md`\n"
    ) in run.stdout
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "imported")
    assert 0 == adr("renumber", "25", "--file", "0025-use-aasm.md").exit_code
    assert {"Remove PaperTrail": 25, "Use AASM": 26} == {
        r["title"]: r["number"] for r in _records().values()
    }


# --- relation lines with names of one's own ---------------------------------------------------


def test_relation_lines_with_names_of_ones_own_are_typed_links(repo: Path) -> None:
    """`adr link 5 "Depends on" 4 "Is depended on by"` as adr-tools writes it: two typed links,
    each the other's reverse, in list, graph and lint; import keeps them; `adr link` knows
    the pair; a phrase before a link to no ADR stays prose."""
    log = _log(
        repo,
        {
            "0004-cache.md": _nygard(4, "Cache", "Accepted").replace(
                "Accepted\n", "Accepted\n\nIs depended on by [5. Retry](0005-retry.md)\n"
            ),
            "0005-retry.md": _nygard(5, "Retry", "Accepted").replace(
                "Accepted\n",
                "Accepted\n\nDepends on [4. Cache](0004-cache.md)\n\n"
                "See also [the notes](notes.md)\n",
            ),
            "0006-queue.md": _nygard(6, "Queue", "Accepted"),
        },
    )
    records = _records()
    assert {"is-depended-on-by": [5]} == records["0004-cache.md"]["links"]
    assert {"depends-on": [4]} == records["0005-retry.md"]["links"]
    assert "  adr5 -.->|depends-on| adr4" in adr("graph").stdout
    assert [] == _lint("ADR302", "ADR304", "ADR308")
    assert 0 == adr("site", "-o", str(repo.parent / "site")).exit_code
    page = next((repo.parent / "site").rglob("*0004*.html")).read_text()
    assert '<span class="relation">is depended on by</span>' in page
    assert 0 == adr("link", "6", "depends-on", "4").exit_code
    assert "Is depended on by [6. Queue](0006-queue.md)" in (log / "0004-cache.md").read_text()
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "link")
    assert 0 == adr("import").exit_code
    assert "links: {is-depended-on-by: [5, 6]}\n" in (log / "0004-cache.md").read_text()
    retry = (log / "0005-retry.md").read_text()
    assert "links: {depends-on: [4]}\n" in retry
    assert "See also [the notes](notes.md)\n" in retry
    assert {"is-depended-on-by": [5, 6]} == _records()["0004-cache.md"]["links"]
    assert [] == _lint("ADR302", "ADR304", "ADR308")
