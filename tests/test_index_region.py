"""`adr index` writes only a file of its own or the marked region of a hand-written one, and
never an ADR, a template, the configuration or a file outside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, adr, commit, write

ADR_1 = "docs/adr/0001-record-architecture-decisions.md"
HAND_WRITTEN = "# Our decisions\n\nWe keep one file per decision; ask Ana before adding one.\n"
REFUSAL = (
    "adr: docs/adr/README.md: was not written by adr-tool, so `adr index` leaves it alone: "
    "add the lines <!-- adr-index:start --> and <!-- adr-index:end --> where the table goes, "
    "or choose another file (`index = ` in .adr.toml, or `adr index --output FILE`)\n"
)
ADVICE = "choose a Markdown file of its own, such as docs/adr/README.md"


def _configure_index(repo: Path, value: str) -> None:
    """Put `index = value` at the top of the .adr.toml that `adr init` wrote."""
    config = repo / ".adr.toml"
    config.write_text(f'index = "{value}"\n' + config.read_text())


def test_hand_written_readme_is_refused(initialised: Path) -> None:
    """A README the team wrote is left byte for byte, with one line saying how to choose."""
    readme = write(initialised / "docs/adr/README.md", HAND_WRITTEN)
    run = adr("index")
    assert (1, "", REFUSAL) == (run.exit_code, run.stdout, run.stderr)
    assert HAND_WRITTEN == readme.read_text()


def test_check_on_hand_written_readme_says_the_same(initialised: Path) -> None:
    """`adr index --check` refuses a hand-written README with the same line, exit 1."""
    write(initialised / "docs/adr/README.md", HAND_WRITTEN)
    run = adr("index", "--check")
    assert (1, "", REFUSAL) == (run.exit_code, run.stdout, run.stderr)


def test_marked_region_is_kept_current(initialised: Path) -> None:
    """Between the markers the table is written and renewed; the text around them is kept."""
    before = HAND_WRITTEN + "\n<!-- adr-index:start -->\nold table\n<!-- adr-index:end -->\n"
    after = "\nQuestions go to #architecture.\n"
    readme = write(initialised / "docs/adr/README.md", before + after)
    assert 0 == adr("index").exit_code
    text = readme.read_text()
    assert text.startswith(HAND_WRITTEN + "\n<!-- adr-index:start -->\n\n1 decision: 1 accepted.\n")
    assert text.endswith("\n<!-- adr-index:end -->\n" + after)
    assert "old table" not in text
    assert "[0001 Record architecture decisions](0001-record-architecture-decisions.md)" in text
    assert "docs/adr/README.md is up to date\n" == adr("index").stdout
    assert 0 == adr("index", "--check").exit_code
    assert 0 == adr("new", "Use Kafka", "--no-input").exit_code
    stale = adr("index", "--check")
    assert (1, "adr: docs/adr/README.md is out of date: run `adr index`\n") == (
        stale.exit_code,
        stale.stderr,
    )
    lint = adr("lint", "--select", "ADR307")
    assert "docs/adr/README.md:" in lint.stdout and "ADR307" in lint.stdout
    assert 0 == adr("index").exit_code
    assert "Use Kafka" in readme.read_text()
    assert readme.read_text().startswith(HAND_WRITTEN) and readme.read_text().endswith(after)


def test_unpaired_markers_name_their_line(initialised: Path) -> None:
    """A start marker without an end marker is refused with its line; nothing is written."""
    text = HAND_WRITTEN + "\n<!-- adr-index:start -->\n"
    readme = write(initialised / "docs/adr/README.md", text)
    run = adr("index")
    assert 1 == run.exit_code
    assert (
        "adr: docs/adr/README.md:5: the index region needs <!-- adr-index:start --> and then "
        "<!-- adr-index:end -->, each on a line of its own\n"
    ) == run.stderr
    assert text == readme.read_text()


def test_index_of_an_earlier_version_is_still_ours(initialised: Path) -> None:
    """An index as earlier versions wrote it (the golden file, starting with the generated
    header) is recognised as adr-tool's own and renewed."""
    old = (ROOT / "tests/golden/index.md").read_text()
    readme = write(initialised / "docs/adr/README.md", old)
    run = adr("index")
    assert (0, "wrote docs/adr/README.md\n") == (run.exit_code, run.stdout)
    assert "1 decision: 1 accepted." in readme.read_text()


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (ADR_1, "is an ADR"),
        (".adr.toml", "is the configuration"),
        ("docs/adr/templates/short.md", "is a template"),
        ("docs/adr/template.md", "is a template"),
    ],
)
def test_configured_index_never_lands_on_an_adr_template_or_configuration(
    initialised: Path, value: str, why: str
) -> None:
    """`index =` naming an ADR, a template or .adr.toml is refused on the key's line."""
    target = initialised / value
    if not target.exists():
        write(target, "---\nname: short\n---\n## Context\n")
    _configure_index(initialised, value)
    before = target.read_bytes()
    for args in (("index",), ("index", "--check")):
        run = adr(*args)
        assert (2, f'adr: .adr.toml:1: index = "{value}" {why}: {ADVICE}\n') == (
            run.exit_code,
            run.stderr,
        )
    assert before == target.read_bytes()


def test_output_option_is_checked_the_same_way(initialised: Path) -> None:
    """`--output` writes a new file, and refuses an ADR or a path outside the project."""
    adr_before = (initialised / ADR_1).read_bytes()
    run = adr("index", "--output", ADR_1)
    assert (2, f"adr: --output {ADR_1} is an ADR: {ADVICE}\n") == (run.exit_code, run.stderr)
    assert adr_before == (initialised / ADR_1).read_bytes()
    outside = adr("index", "--output", "../outside.md")
    assert 2 == outside.exit_code
    assert outside.stderr.startswith("adr: --output ../outside.md is outside the project folder")
    assert not (initialised.parent / "outside.md").exists()
    assert 0 == adr("index", "--output", "DECISIONS.md").exit_code
    assert (initialised / "DECISIONS.md").read_text().startswith("<!-- Generated by `adr index`")


def test_renumber_leaves_a_hand_written_readme_alone(initialised: Path) -> None:
    """`adr renumber` renews an index of its own but never rewrites a hand-written README."""
    readme = write(initialised / "docs/adr/README.md", HAND_WRITTEN)
    assert 0 == adr("new", "Use Kafka", "--no-input").exit_code
    commit(initialised, "two ADRs", "2026-01-10", "Ana Silva")
    run = adr("renumber", "2", "--to", "5")
    assert 0 == run.exit_code, run.stderr
    assert "left docs/adr/README.md alone: adr-tool did not write it\n" in run.stdout
    assert HAND_WRITTEN == readme.read_text()


def test_crlf_readme_keeps_its_line_endings(initialised: Path) -> None:
    """A hand-written README with CRLF endings keeps its bytes around the region, which is
    written with CRLF too; an index of ours checked out with CRLF is up to date."""
    intro = b"# Our decisions\r\n\r\nAsk Ana first.\r\n\r\n"
    readme = initialised / "docs/adr/README.md"
    readme.write_bytes(intro + b"<!-- adr-index:start -->\r\n<!-- adr-index:end -->\r\nBye\r\n")
    assert 0 == adr("index").exit_code
    data = readme.read_bytes()
    assert data.startswith(intro + b"<!-- adr-index:start -->\r\n\r\n1 decision")
    assert data.endswith(b"\r\n<!-- adr-index:end -->\r\nBye\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert (0, "docs/adr/README.md is up to date\n") == (
        adr("index", "--check").exit_code,
        adr("index", "--check").stdout,
    )
    readme.unlink()
    assert 0 == adr("index").exit_code
    readme.write_bytes(readme.read_bytes().replace(b"\n", b"\r\n"))
    assert 0 == adr("index", "--check").exit_code
