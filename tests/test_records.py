"""Every file in the ADR folder is read, or named: folder records (`2023-06-30-x/README.md`,
images beside them), MDX, and decisions in other markups (reStructuredText, AsciiDoc, text)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import adr, commit, git, write
from tests.site_sample import PNG

KAFKA = (
    "# Use Kafka\n\nStatus: accepted\n\n![Event flow](flow.png)\n\n"
    "See [S3](../2023_05_02_use_s3/index.md).\n"
)
S3 = "---\nstatus: proposed\n---\n# Use S3\n\nBuckets for invoices.\n"
RECORD = (
    "---\nstatus: accepted\ndate: 2023-01-01\n---\n# Record decisions\n\n"
    "Next: [Kafka](../2023-06-30-use-kafka/).\n"
)
RST_NAME = "reStructuredText"
RST = "Decision {n}\n==========\n\n:Status: Accepted\n"
NOT_READ = (
    "not read: reStructuredText, and adr-tool reads Markdown (.md, .mdx) only; convert it to "
    "Markdown (pandoc -t gfm), or move it out of the ADR folder"
)


def _folder_log(repo: Path) -> Path:
    """A log kept in folders: a numbered one, two dated ones (one with underscores), a dated
    file, and a folder of assets that is no record; committed. Returns the ADR folder."""
    folder = repo / "docs/decisions"
    write(folder / "2023-06-30-use-kafka/README.md", KAFKA)
    (folder / "2023-06-30-use-kafka/flow.png").write_bytes(PNG)
    write(folder / "2023_05_02_use_s3/index.md", S3)
    write(folder / "0001-record-decisions/README.md", RECORD)
    write(folder / "2023-03-01-use-python.md", "# Use Python\n\nStatus: accepted\n")
    write(folder / "assets/README.md", "# Assets\n\nLogos for the slides.\n")
    commit(repo, "decisions in folders", "2026-01-10", "Ana Silva")
    return folder


def _listed(*args: str) -> list[tuple[int, str, str, str]]:
    run = adr(*args, "list", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    return [(r["number"], r["title"], r["date"], r["path"]) for r in json.loads(run.stdout)]


def test_folder_records_are_read_and_ordered_by_date(repo: Path) -> None:
    """A folder holding one README.md or index.md is an ADR; dated ones, folders or files, are
    numbered after the highest number in order of date, then name."""
    _folder_log(repo)
    assert [
        (1, "Record decisions", "2023-01-01", "docs/decisions/0001-record-decisions/README.md"),
        (2, "Use Python", "2023-03-01", "docs/decisions/2023-03-01-use-python.md"),
        (3, "Use S3", "2023-05-02", "docs/decisions/2023_05_02_use_s3/index.md"),
        (4, "Use Kafka", "2023-06-30", "docs/decisions/2023-06-30-use-kafka/README.md"),
    ] == _listed()
    shown = adr("show", "4")
    assert (0, KAFKA) == (shown.exit_code, shown.stdout)


def test_lint_and_index_handle_folder_records(repo: Path) -> None:
    """Lint names a folder record's folder when it is not NNNN-slug; the index links its file."""
    _folder_log(repo)
    write(repo / ".adr.toml", 'directory = "docs/decisions"\n')
    lint = adr("lint", "--select", "ADR105")
    assert (
        "docs/decisions/2023-06-30-use-kafka/README.md:1:1: ADR105 folder name is not NNNN-slug: "
        "rename it to 0004-use-kafka"
    ) in lint.stdout.splitlines()
    assert "0001-record-decisions" not in lint.stdout
    assert 0 == adr("index").exit_code
    index = (repo / "docs/decisions/README.md").read_text()
    assert "| [0004 Use Kafka](2023-06-30-use-kafka/README.md) | accepted | 2023-06-30 |" in index
    assert "Assets" not in index


def test_new_takes_a_number_after_folder_records(repo: Path) -> None:
    """`adr new` never takes the number of a folder record, here or on the base branch."""
    write(repo / ".adr.toml", 'directory = "docs/adr"\n')
    write(repo / "docs/adr/0007-use-kafka/README.md", "---\nstatus: accepted\n---\n# Use Kafka\n")
    write(repo / "docs/adr/0009-use-s3/README.md", "---\nstatus: accepted\n---\n# Use S3\n")
    commit(repo, "two folder records", "2026-01-10", "Ana Silva")
    git(repo, "checkout", "--quiet", "-b", "feature")
    git(repo, "rm", "--quiet", "-r", "docs/adr/0009-use-s3")
    commit(repo, "drop 9 on the branch", "2026-01-11", "Ana Silva")
    run = adr("new", "Use Redis", "--no-input")
    assert (0, "docs/adr/0010-use-redis.md\n") == (run.exit_code, run.stdout)


def test_renumber_moves_the_folder_with_its_images(repo: Path) -> None:
    """Renumbering a folder record renames its folder; links to it and into it follow."""
    folder = repo / "docs/adr"
    write(repo / ".adr.toml", 'directory = "docs/adr"\n')
    kafka = "---\nstatus: accepted\n---\n# Use Kafka\n\n![f](flow.png)\n"
    write(folder / "0002-use-kafka/README.md", kafka)
    (folder / "0002-use-kafka/flow.png").write_bytes(PNG)
    write(
        folder / "0003-use-s3.md",
        "---\nstatus: accepted\n---\n# Use S3\n\nAfter [2. Use Kafka](0002-use-kafka/README.md), "
        "see ![its flow](0002-use-kafka/flow.png).\n",
    )
    commit(repo, "log", "2026-01-10", "Ana Silva")
    run = adr("renumber", "2", "--to", "5")
    assert 0 == run.exit_code, run.stderr
    assert not (folder / "0002-use-kafka").exists()
    assert PNG == (folder / "0005-use-kafka/flow.png").read_bytes()
    assert "![f](flow.png)" in (folder / "0005-use-kafka/README.md").read_text()
    text = (folder / "0003-use-s3.md").read_text()
    assert "[5. Use Kafka](0005-use-kafka/README.md), see ![its flow](0005-use-kafka/flow.png)" in (
        text
    )
    assert [5] == [n for n, title, _d, _p in _listed() if title == "Use Kafka"]
    staged = git(repo, "diff", "--cached", "--name-status", "-M").splitlines()
    assert "R100\tdocs/adr/0002-use-kafka/flow.png\tdocs/adr/0005-use-kafka/flow.png" in staged


def test_renumber_never_moves_a_folder_onto_another(repo: Path) -> None:
    """A folder record is never renamed over a folder that has its new name, even an empty one."""
    folder = repo / "docs/adr"
    write(repo / ".adr.toml", 'directory = "docs/adr"\n')
    write(folder / "0002-use-kafka/README.md", "---\nstatus: accepted\n---\n# Use Kafka\n")
    (folder / "0005-use-kafka").mkdir()
    run = adr("renumber", "2", "--to", "5")
    assert (2, "adr: 0005-use-kafka already exists\n") == (run.exit_code, run.stderr)
    assert (folder / "0002-use-kafka/README.md").is_file()
    assert [] == list((folder / "0005-use-kafka").iterdir())


def test_links_to_a_record_folder_are_relations(repo: Path) -> None:
    """adr-tools relation lines that link to a record's folder (`../0002-use-gcs/`) resolve:
    supersession is two-sided and lint finds no broken reference."""
    folder = repo / "docs/adr"
    write(folder / "0001-use-s3/README.md", (
        "# 1. Use S3\n\nDate: 2020-01-01\n\n## Status\n\n"
        "Superseded by [2. Use GCS](../0002-use-gcs/)\n"
    ))
    write(folder / "0002-use-gcs/README.md", (
        "# 2. Use GCS\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n"
        "Supersedes [1. Use S3](../0001-use-s3/README.md)\n"
    ))
    shown = json.loads(adr("show", "1", "--format", "json").stdout)
    assert ("superseded", [2]) == (shown["status"], shown["superseded-by"])
    lint = adr("lint", "--select", "ADR3")
    assert (0, "") == (lint.exit_code, lint.stdout)


def _lines(folder: Path) -> set[str]:
    """Every non-blank body line of every Markdown file under `folder`, links blanked."""
    lines: set[str] = set()
    for path in folder.rglob("*.md"):
        text = path.read_text()
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        for line in body.splitlines():
            if line.strip():
                lines.add(re.sub(r"\]\([^)]*\)", "]()", line))
    return lines


def test_import_keeps_folder_records_as_folders(repo: Path) -> None:
    """`adr import --renumber` keeps each folder record a folder, renamed NNNN-slug, with its
    images and links; dates from folder names move into front matter."""
    folder = _folder_log(repo)
    before = _lines(folder)
    run = adr("import", "--renumber")
    assert 0 == run.exit_code, run.stderr
    renamed = "renamed docs/decisions/2023-06-30-use-kafka -> docs/decisions/0004-use-kafka"
    assert renamed in run.stdout.splitlines()
    assert PNG == (folder / "0004-use-kafka/flow.png").read_bytes()
    kafka = (folder / "0004-use-kafka/README.md").read_text()
    assert "![Event flow](flow.png)" in kafka and "[S3](../0003-use-s3/index.md)" in kafka
    record = (folder / "0001-record-decisions/README.md").read_text()
    assert "Next: [Kafka](../0004-use-kafka/)." in record
    assert [(3, "Use S3", "2023-05-02", "docs/decisions/0003-use-s3/index.md")] == [
        row for row in _listed() if row[0] == 3
    ]
    lost = before - _lines(folder) - {"Status: accepted"}
    assert set() == lost


def test_import_can_make_folder_records_files(repo: Path) -> None:
    """`--folder-records files` makes each record a file beside its folder; its images stay
    and its links, and links to it, still lead where they did."""
    folder = _folder_log(repo)
    before = _lines(folder)
    run = adr("import", "--renumber", "--folder-records", "files")
    assert 0 == run.exit_code, run.stderr
    kafka = (folder / "0004-use-kafka.md").read_text()
    assert "![Event flow](2023-06-30-use-kafka/flow.png)" in kafka
    assert (folder / "2023-06-30-use-kafka/flow.png").is_file()
    assert "[S3](0003-use-s3.md)" in kafka
    assert "Next: [Kafka](0004-use-kafka.md)." in (folder / "0001-record-decisions.md").read_text()
    assert not (folder / "2023_05_02_use_s3").exists()  # emptied folders go
    assert [1, 2, 3, 4] == [row[0] for row in _listed()]
    assert [] == [row for row in _listed() if "README" in row[3] or "index.md" in row[3]]
    assert set() == before - _lines(folder) - {"Status: accepted"}


def test_site_pages_folder_records_with_their_images(repo: Path) -> None:
    """The site gives a folder record a page named after its folder, copies its image, and
    leads links to its folder to that page."""
    _folder_log(repo)
    out = repo.parent / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    page = (out / "adr/2023-06-30-use-kafka.html").read_text()
    assert 'src="../media/docs/decisions/2023-06-30-use-kafka/flow.png"' in page
    assert PNG == (out / "media/docs/decisions/2023-06-30-use-kafka/flow.png").read_bytes()
    assert '<a href="2023-05-02-use-s3.html">S3</a>' in page
    record = (out / "adr/0001-record-decisions.html").read_text()
    assert '<a href="2023-06-30-use-kafka.html">Kafka</a>' in record


MDX = """---
status: accepted
date: 2024-02-01
---
import Tabs from '@theme/Tabs';
export const legacy = `
# Old title
`;

:::note Draft
# Not the title

## Status

proposed, until the review
:::

# Use MDX for decisions

<Chart
  title="latency"
/>

## Context

:::warning Careful
The **old** site breaks on JSX.
:::
"""


def test_mdx_is_read_as_markdown_around_jsx_and_admonitions(repo: Path) -> None:
    """An .mdx ADR is listed with its own title and status; headings inside an export or an
    admonition are neither its title nor its sections; show prints it verbatim."""
    write(repo / "docs/adr/0001-use-mdx.mdx", MDX)
    assert [(1, "Use MDX for decisions", "2024-02-01", "docs/adr/0001-use-mdx.mdx")] == _listed()
    run = adr("show", "1")
    assert (0, MDX.rstrip("\n") + "\n") == (run.exit_code, run.stdout)
    write(repo / "docs/adr/0002-use-nygard.mdx", MDX.replace("status: accepted\n", "").replace(
        "## Context", "## Status\n\nAccepted\n\n## Context"
    ))
    assert "accepted" == json.loads(adr("show", "2", "--format", "json").stdout)["status"]
    write(repo / "docs/adr/0003-use-bullets.mdx", (
        "# Use bullets\n\n:::note\n* Status: draft\n:::\n\n* Status: accepted\n"
    ))
    assert "accepted" == json.loads(adr("show", "3", "--format", "json").stdout)["status"]


def test_site_shows_admonitions_as_boxes_and_jsx_as_code(repo: Path) -> None:
    """The site renders `:::warning` as a box of its kind and JSX as code, never as `:::` text."""
    write(repo / "docs/adr/0001-use-mdx.mdx", MDX)
    out = repo.parent / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    page = (out / "adr/0001-use-mdx.html").read_text()
    assert (
        '<aside class="admonition admonition-warning">\n<p class="admonition-title">Careful</p>\n'
        "<p>The <strong>old</strong> site breaks on JSX.</p>\n</aside>"
    ) in page
    chart = "&lt;Chart\n  title=&quot;latency&quot;\n/&gt;\n"
    assert f'<pre><code class="language-jsx">{chart}</code></pre>' in page
    assert ":::" not in page


def _rst_log(repo: Path) -> Path:
    folder = repo / "docs/adr"
    for number in (1, 2, 3):
        write(folder / f"000{number}-decision-{number}.rst", RST.format(n=number))
    write(folder / "notes.txt", "Meeting notes, not a decision.\n")
    commit(repo, "rst decisions", "2026-01-10", "Ana Silva")
    return folder


def test_new_in_a_folder_of_rst_decisions_takes_a_free_number(repo: Path) -> None:
    """`adr new` beside 0001-0003 .rst decisions writes 0004, not a second 0001."""
    _rst_log(repo)
    run = adr("new", "Use Kafka", "--no-input")
    assert 0 == run.exit_code, run.stderr
    assert "docs/adr/0004-use-kafka.md\n" == run.stdout


def test_list_and_show_name_each_file_not_read(repo: Path) -> None:
    """Each decision in another markup is one stderr line, then one summary line; files not
    named like decisions (notes.txt) are not mentioned."""
    _rst_log(repo)
    write(repo / "docs/adr/0004-use-kafka.md", "---\nstatus: accepted\n---\n# Use Kafka\n")
    run = adr("list")
    expected = [f"adr: docs/adr/000{n}-decision-{n}.rst: {NOT_READ}" for n in (1, 2, 3)]
    expected.append("adr: 3 files not read (reStructuredText): see adr lint")
    assert (0, expected) == (run.exit_code, run.stderr.splitlines())
    assert expected == adr("show", "4").stderr.splitlines()
    write(repo / "docs/adr/0005-use-redis.adoc", "= Use Redis\n")
    assert "adr: 4 files not read (1 AsciiDoc, 3 reStructuredText): see adr lint" == (
        adr("list").stderr.splitlines()[-1]
    )


def test_lint_names_each_file_not_read(repo: Path) -> None:
    """Lint reports ADR106 once for each decision it cannot read, and exits 1."""
    _rst_log(repo)
    write(repo / "docs/adr/2021-04-01-use-s3.txt", "Use S3\n")
    run = adr("lint", "--select", "ADR106")
    assert 1 == run.exit_code
    assert [
        f"docs/adr/0001-decision-1.rst:1:1: ADR106 {NOT_READ}",
        f"docs/adr/0002-decision-2.rst:1:1: ADR106 {NOT_READ}",
        f"docs/adr/0003-decision-3.rst:1:1: ADR106 {NOT_READ}",
        f"docs/adr/2021-04-01-use-s3.txt:1:1: ADR106 {NOT_READ.replace(RST_NAME, 'plain text')}",
    ] == run.stdout.splitlines()


def test_renumber_and_import_never_take_a_number_of_another_markup(repo: Path) -> None:
    """Renumber refuses, and import --renumber skips, numbers that .rst decisions use (here
    not yet committed, so that the working tree alone says so)."""
    folder = repo / "docs/adr"
    write(folder / "0007-use-kafka.md", "---\nstatus: accepted\n---\n# Use Kafka\n")
    write(folder / "2020-03-01-use-s3.md", "# Use S3\n\nStatus: accepted\n")
    commit(repo, "markdown decisions", "2026-01-11", "Ana Silva")
    for number in (1, 2, 3, 8):
        write(folder / f"000{number}-decision-{number}.rst", RST.format(n=number))
    refused = adr("renumber", "7", "--to", "2")
    assert (2, "adr: number 2 is already used in the log") == (
        refused.exit_code,
        refused.stderr.splitlines()[-1],
    )
    run = adr("import", "--renumber", "--force")
    assert 0 == run.exit_code, run.stderr
    assert "renamed docs/adr/2020-03-01-use-s3.md -> docs/adr/0009-use-s3.md" in run.stdout
    assert "4 skipped" in run.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001-decision-1.rst",
        "0002-decision-2.rst",
        "0003-decision-3.rst",
        "0007-use-kafka.md",
        "0008-decision-8.rst",
        "0009-use-s3.md",
    ]
