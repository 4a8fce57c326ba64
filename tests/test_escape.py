"""No script runs and no markup is injected: text from ADR files is escaped for every output
(terminal, JSON, Mermaid, DOT, the Markdown index, the site's HTML)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adr_tool.escape import dot_string, json_text, markdown_text, mermaid_label, one_line, terminal
from tests.conftest import adr, commit, write

# Hostile text of each kind: terminal escapes (clear screen, window title, OSC 52 clipboard,
# C1 CSI, a bidi override), markup (HTML, a Markdown link, a table pipe), Mermaid and DOT syntax
# (quotes, entities, statement separators, a `click` line), and a line break.
ESC = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;cHduZWQ=\x07\x9b31m\u202e"
TITLE = f'Use "S3" <img src=x onerror=alert(1)> [x](javascript:alert(1)) | #35; #hash; a;b {ESC}'
RELATION = 'x"];\n  click adr2 "javascript:alert(1)" %% <img src=x onerror=alert(1)>'
# Every raw character a terminal would obey: C0 but tab and newline, DEL, C1, bidi controls.
RAW_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _hostile_log(root: Path) -> Path:
    """ADR 2 with a hostile title, tag and relation name, linked to ADR 3."""
    folder = root / "docs/adr"
    write(
        folder / "0002-hostile.md",
        "---\nstatus: accepted\ndate: 2026-01-01\n"
        f"tags: [{json.dumps(ESC + '<b>tag</b>')}]\n"
        f"links: {{{json.dumps(RELATION)}: [3]}}\n---\n# {TITLE}\n\n## Context\n\nText.\n",
    )
    write(folder / "0003-plain.md", "---\nstatus: accepted\ndate: 2026-01-02\n---\n# Plain\n")
    return folder


def test_terminal_shows_controls_and_keeps_lines() -> None:
    """Controls become visible escapes; tabs, newlines and CRLF line ends stay."""
    assert "a\\x1b[2Jb\\x9b\\u202e\tc\r\nd\\re\n" == terminal("a\x1b[2Jb\x9b\u202e\tc\r\nd\re\n")


def test_one_line_flattens_and_shows_controls() -> None:
    """Line breaks and blank runs become one space; controls are shown."""
    assert "a b \\x1b]0;x\\x07 c\\u2066" == one_line("a\n\n b  \x1b]0;x\x07\tc\u2066")


def test_json_text_is_the_same_value_without_raw_controls() -> None:
    """JSON output escapes C1 and bidi controls as \\u: json.loads gives back the same text."""
    text = json_text({"title": TITLE})
    assert not RAW_CONTROL.search(text)
    assert {"title": TITLE} == json.loads(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Use C# #35; #hash; a;b", "Use C#35; #35;35#59; #35;hash#59; a#59;b"),
        (
            '"quoted" <b>&amp;</b> `code`',
            "#quot;quoted#quot; #lt;b#gt;#38;amp#59;#lt;/b#gt; #96;code#96;",
        ),
        ("two\nlines", "two lines"),
    ],
)
def test_mermaid_label(text: str, label: str) -> None:
    """`#` and `;` are Mermaid's entities `#35;` and `#59;`, so `#35;` in a title stays
    `#35;`; quotes, HTML brackets, `&` and backticks are entities too; one line."""
    assert label == mermaid_label(text)


def test_dot_string_and_markdown_text() -> None:
    """DOT: backslashes and quotes escaped; Markdown: no HTML, link or column; both one line."""
    assert 'a \\"b\\" \\\\N c' == dot_string('a "b" \\N\nc')
    assert "&lt;img> \\[x\\](y) \\| \\\\x1b" == markdown_text("<img> [x](y) | \x1b")


def test_graph_outputs_keep_their_own_syntax(initialised: Path) -> None:
    """Mermaid and DOT from a hostile title and relation name: every line is one node or one
    edge of the expected shape, so no `click`, link or attribute can be written from a file."""
    _hostile_log(initialised)
    mermaid = adr("graph").stdout.splitlines()
    assert (
        '  adr2["0002 Use #quot;S3#quot; #lt;img src=x onerror=alert(1)#gt; '
        "[x](javascript:alert(1))"
        " | #35;35#59; #35;hash#59; a#59;b \\x1b[2J\\x1b]0#59;owned\\x07\\x1b]52#59;c#59;cHduZWQ="
        '\\x07\\x9b31m\\u202e"]'
    ) in mermaid
    assert (
        '  adr2 -.->|"x#quot;]#59; click adr2 #quot;javascript:alert(1)#quot; %% '
        '#lt;img src=x onerror=alert(1)#gt;"| adr3'
    ) in mermaid
    node = re.compile(r'  adr\d+\["[^"\n]*"\]')
    edge = re.compile(r'  adr\d+ -\.?->\|(?:[a-z][a-z0-9-]*|"[^"\n]*")\| adr\d+')
    for line in mermaid[2:]:
        assert node.fullmatch(line) or edge.fullmatch(line), line
    dot = adr("graph", "--format", "dot").stdout.splitlines()
    statement = re.compile(
        r'  adr\d+(?: -> adr\d+)? \[label="(?:[^"\\\n]|\\.)*"(?:, style=dashed)?\];'
    )
    for line in dot[3:-1]:
        assert statement.fullmatch(line), line
    assert "javascript" in "\n".join(dot)  # kept as text, inside its label


def test_index_keeps_every_label_text(initialised: Path) -> None:
    """The Markdown index shows the hostile title, tag and relation as text: no HTML tag, no
    link of their own, no extra column or line."""
    _hostile_log(initialised)
    assert 0 == adr("index").exit_code
    index = (initialised / "docs/adr/README.md").read_text()
    row = next(line for line in index.splitlines() if line.startswith("| [0002"))
    assert (
        '| [0002 Use "S3" &lt;img src=x onerror=alert(1)> \\[x\\](javascript:alert(1)) \\| #35; '
        "#hash; a;b \\\\x1b\\[2J\\\\x1b\\]0;owned\\\\x07\\\\x1b\\]52;c;cHduZWQ=\\\\x07\\\\x9b31m"
        "\\\\u202e](0002-hostile.md) | accepted | 2026-01-01 | \\\\x1b\\[2J\\\\x1b\\]0;owned"
        '\\\\x07\\\\x1b\\]52;c;cHduZWQ=\\\\x07\\\\x9b31m\\\\u202e&lt;b>tag&lt;/b> | x"\\]; click '
        'adr2 "javascript:alert(1)" %% &lt;img src=x onerror=alert(1)> '
        "[0003 Plain](0003-plain.md) |"
    ) == row
    assert "<img" not in index and "<b>" not in index
    assert not RAW_CONTROL.search(index)


def test_odd_relation_names_are_a_lint_finding(initialised: Path) -> None:
    """A relation name that is not a lower-case word is reported, on the `links:` line."""
    _hostile_log(initialised)
    run = adr("lint", "--select", "ADR308", "--format", "json")
    findings = json.loads(run.stdout)
    assert [
        (
            "docs/adr/0002-hostile.md",
            5,
            'relation name \'x"];\\n click adr2 "javascript:alert(1)" %% <img src=x '
            "onerror=alert(1)>' is not a lower-case word such as `amends`: rename it (other "
            "names are shown escaped, never as they are)",
        )
    ] == [(f["path"], f["line"], f["message"]) for f in findings if f["code"] == "ADR308"]


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "paths"],
        ["list", "--format", "json"],
        ["show", "2"],
        ["show", "2", "--format", "json"],
        ["log"],
        ["log", "--format", "json"],
        ["review", "--unchanged-since", "2027-01-01"],
        ["review", "--format", "json", "--unchanged-since", "2027-01-01"],
        ["lint"],
        ["lint", "--format", "json"],
        ["lint", "--format", "github"],
        ["graph"],
        ["graph", "--format", "dot"],
        ["index", "--check"],
        ["import", "--dry-run", "--force"],
        ["accept", "9"],
    ],
    ids=" ".join,
)
def test_no_output_holds_a_raw_control(initialised: Path, args: list[str]) -> None:
    """Titles, tags, file names and relation names with escape sequences are shown escaped by
    every command, in every format, errors included: the terminal obeys none of them."""
    folder = _hostile_log(initialised)
    write(folder / f"0004-{ESC}.md", f"---\nstatus: proposed\n---\n# Named {ESC}\n")
    commit(initialised, "hostile", "2026-01-10", "Ana Silva")
    run = adr(*args)
    assert "internal error" not in run.stderr
    assert not RAW_CONTROL.search(run.stdout + run.stderr), (run.stdout + run.stderr)[-500:]
    if args[0] not in ("import", "accept"):  # these print no title here
        assert "\\x1b" in run.stdout + run.stderr or "\\u001b" in run.stdout


def test_list_shows_the_title_escaped(initialised: Path) -> None:
    """`adr list`: the row of the hostile ADR, escapes shown, colours still its own."""
    _hostile_log(initialised)
    rows = adr("list", "--status", "accepted").stdout.splitlines()
    assert (
        '0002  accepted  2026-01-01  Use "S3" <img src=x onerror=alert(1)> '
        "[x](javascript:alert(1))"
        " | #35; #hash; a;b \\x1b[2J\\x1b]0;owned\\x07\\x1b]52;c;cHduZWQ=\\x07\\x9b31m\\u202e"
        "  [\\x1b[2J\\x1b]0;owned\\x07\\x1b]52;c;cHduZWQ=\\x07\\x9b31m\\u202e<b>tag</b>]"
    ) == rows[1]


def test_site_pages_escape_every_label(initialised: Path, tmp_path: Path) -> None:
    """The site's pages show the hostile title, tag and relation as text (no tag of theirs;
    control characters reach the HTML as they are, where a browser obeys none)."""
    _hostile_log(initialised)
    out = tmp_path / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    pages = "\n".join(path.read_text() for path in out.rglob("*.html"))
    assert "<img src=x" not in pages and "<b>tag" not in pages
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages
