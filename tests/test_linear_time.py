"""No input stalls a reader: long runs of every kind of character, in every place a reader
looks, are read in linear time by every command (a quadratic pattern takes minutes on them)."""

from __future__ import annotations

import string
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV, ROOT, commit, git, run_process

RUN = 10_000  # characters in each run: linear readers take milliseconds, quadratic ones seconds
BOUND = 120  # seconds for one command over the whole matrix: a linear pass takes about five,
# a quadratic pattern hours (each of its thousands of files takes seconds)

# Every character class, alone and in the pairs that patterns alternate over.
UNITS = [
    " ",
    "\t",
    "\u00a0",
    "0",
    "a",
    "é",
    *string.punctuation,
    *("- ", "* ", "**", "__", " #", "# ", "1.", ". ", ": ", "a ", "a:", "a-", "0-", "\\ "),
    *("[x](", "](", "[](x", "<!--", "-->", "<a ", "```", "| ", "1:", "0_"),
]

BASE = """---
status: "proposed"
date: 2026-01-01
tags: []
template: constraint-first
---
# Base title

## Context

We need it.

## Constraints

- Users: many
- Data volume: small
- Latency: 50 ms
- Consistency: strong
- Regulatory: n/a, because nothing applies

## Options considered

- A
- B

## Decision

We use A.

## Trade-offs

Less of B.

## Failure modes

- Database slow: we wait.
- A dependency down: we retry.
- 10x traffic: we scale.

## Consequences

More A.

## Revisit when

B is cheaper.
"""
LEGACY = "# 1. Old title\n\nDate: 2017-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"
MADR = (
    "# Title\n\n* Status: accepted\n* Deciders: Ana\n* Date: 2017-01-01\n\n"
    "## Context and Problem Statement\n\nText.\n"
)


def _in(base: str, old: str) -> Callable[[str], str]:
    """A place: `old` in `base` replaced by the text made from the run."""
    assert old in base, old

    def place(new: str) -> str:
        return base.replace(old, new, 1)

    return place


def _front(line: str) -> Callable[[str], str]:
    """A place in front matter: one more `key: value` line."""
    return lambda run: BASE.replace("tags: []\n", f"tags: []\n{line.format(run=run)}\n", 1)


# Each place: the run inside a heading, a front-matter key or value, a status line, a list
# item, a table row, a date, a link, a comment, ... of our own format and of the older ones.
PLACES: dict[str, Callable[[str], str]] = {
    "front matter status": lambda r: BASE.replace('status: "proposed"', f"status: x{r}y"),
    "front matter quoted status": lambda r: BASE.replace('"proposed"', f'"x{r}y"'),
    "front matter status alone": lambda r: BASE.replace('status: "proposed"', f"status:{r}"),
    "front matter date": lambda r: BASE.replace("date: 2026-01-01", f"date: 2026-01-01{r}"),
    "front matter date run": lambda r: BASE.replace("date: 2026-01-01", f"date: {r}1"),
    "front matter tags": lambda r: BASE.replace("tags: []", f"tags: [a{r}b]"),
    "front matter plain tags": lambda r: BASE.replace("tags: []", f"tags: a{r}b"),
    "front matter relation name": _front("links: {{a{run}: [1]}}"),
    "front matter relation target": _front("links: {{amends: [1{run}]}}"),
    "front matter title": lambda r: _front("title: x{run}y")(r).replace("# Base title\n", ""),
    "front matter key": _front("x{run}: 1"),
    "front matter line": _front("{run}"),
    "front matter review date": _front("review-by: {run}x"),
    "front matter names": _front("decision-makers: [{run}]"),
    "front matter numbers": _front("supersedes: [{run}1]"),
    "front matter comment": _front("notes: x{run}y  # c"),
    "title": _in(BASE, "# Base title"),
    "title run": lambda r: BASE.replace("# Base title", f"# {r}"),
    "title prefix": lambda r: BASE.replace("# Base title", f"# ADR-1{r}: x"),
    "heading": lambda r: BASE.replace("## Context", f"## Context{r}x"),
    "sub-heading": lambda r: BASE.replace("We need it.", f"### x{r}y"),
    "setext heading": lambda r: BASE.replace("We need it.", f"We need it.\n{r}"),
    "paragraph": lambda r: BASE.replace("We need it.", f"x{r}y"),
    "paragraph run": lambda r: BASE.replace("We need it.", r),
    "item label": lambda r: BASE.replace("- Users:", f"- Users{r}:"),
    "item answer": lambda r: BASE.replace("- Users: many", f"- Users:{r}x"),
    "item run": lambda r: BASE.replace("- Users:", f"- {r}: x\n- Users:"),
    "bold item": lambda r: BASE.replace("- Users:", f"- **Users{r}**: x\n- Users:"),
    "option": lambda r: BASE.replace("- A\n", f"- a{r}b\n"),
    "option run": lambda r: BASE.replace("- A\n", f"-{r}\n"),
    "numbered option": lambda r: BASE.replace("- A\n", f"1.{r}x\n"),
    "table row": lambda r: BASE.replace("We need it.", f"| a{r} | b |\n| - | - |\n| c{r} | d |"),
    "link": lambda r: BASE.replace("We need it.", f"[a{r}](b{r})"),
    "open link": lambda r: BASE.replace("We need it.", f"[x](0001-a.md{r}"),
    "open comment": lambda r: BASE.replace("We need it.", f"<!--{r}"),
    "comment": lambda r: BASE.replace("We need it.", f"<!-- {r} -->"),
    "fence": lambda r: BASE.replace("We need it.", f"```{r}\nx\n```"),
    "failure mode": lambda r: BASE.replace("- Database slow:", f"- Database slow:{r}y"),
    "not applicable": lambda r: BASE.replace("We use A.", f"n/a{r}x"),
    "not decided": lambda r: BASE.replace("We use A.", f"TBD{r}x"),
    "placeholder": lambda r: BASE.replace("We use A.", "{" + r),
    "legacy title": lambda r: LEGACY.replace("# 1. Old title", f"# 1.{r}Old"),
    "legacy date": lambda r: LEGACY.replace("Date: 2017-01-01", f"Date: {r}x"),
    "legacy date run": lambda r: LEGACY.replace("Date: 2017-01-01", f"Date: 2017{r}"),
    "legacy status relation": lambda r: LEGACY.replace("Accepted", f"Superseded by {r}x"),
    "legacy status run": lambda r: LEGACY.replace("Accepted", r),
    "legacy dated status": lambda r: LEGACY.replace("Accepted", f"2017-01-01{r}accepted"),
    "legacy status prose": lambda r: LEGACY.replace("Accepted", f"x{r}superseded by ADR-1"),
    "legacy status link": lambda r: LEGACY.replace("Accepted", f"Amends [x]({r}"),
    "legacy status heading": lambda r: LEGACY.replace("## Status", f"## Status{r}"),
    "bullet status": lambda r: MADR.replace("* Status: accepted", f"* Status: x{r}y"),
    "bullet status run": lambda r: MADR.replace("* Status: accepted", f"* Status{r}"),
    "bullet marker run": lambda r: MADR.replace("* Status: accepted", f"*{r}Status: x"),
    "bold bullet status": lambda r: MADR.replace("* Status: accepted", f"* **Status**:{r}x**"),
    "bullet deciders": lambda r: MADR.replace("* Deciders: Ana", f"* Deciders: {r}"),
    "bullet date": lambda r: MADR.replace("* Date: 2017-01-01", f"* Date:{r}x"),
    "bullet tags": lambda r: MADR.replace("* Deciders: Ana", f"* Tags:{r}x"),
    "links section": lambda r: MADR + f"\n## Links\n\n- Amends {r}[x](y)\n- x{r}Relates to ADR-1\n",
    # MDX (files named .mdx): statements, JSX tags and admonitions
    "mdx statement": lambda r: BASE.replace("We need it.", f"import {r} from 'x'\n"),
    "mdx tag": lambda r: BASE.replace("We need it.", f"<Chart{r} />\n"),
    "mdx admonition": lambda r: BASE.replace("We need it.", f":::note{r}\nText.\n:::{r}\n"),
}


def _run_of(unit: str, length: int = RUN) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _repository(root: Path, files: dict[str, str]) -> Path:
    """A git repository at `root` whose ADR folder holds `files`, committed."""
    git(root, "init", "--quiet", "--initial-branch=main")
    folder = root / "docs" / "adr"
    folder.mkdir(parents=True)
    (root / ".adr.toml").write_text('directory = "docs/adr"\n', encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    commit(root, "hostile", "2026-01-10", "Ana Silva")
    return root


@pytest.fixture(scope="module")
def hostile_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A committed log with one ADR for each place and each unit (about 3,800 files)."""
    texts = [(name, place(_run_of(unit))) for name, place in PLACES.items() for unit in UNITS]
    files = {
        f"{number:04d}-case.{'mdx' if name.startswith('mdx') else 'md'}": text
        for number, (name, text) in enumerate(texts, start=1)
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        for key, value in GIT_ENV.items():
            patch.setenv(key, value)
        yield _repository(tmp_path_factory.mktemp("stalls"), files)


def _command(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `adr` on the log, killed (and the test failed) after BOUND seconds."""
    try:
        return run_process(*args, cwd=root, timeout=BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`adr {' '.join(args)}` ran over {BOUND} s: a reader is not linear")


READERS = [
    ["list"],
    ["lint"],
    ["lint", "docs/adr/0001-case.md", "docs/adr/3000-case.md"],  # as the hook runs it
    ["show", "2000"],
    ["index", "--check"],
    ["graph", "--format", "dot"],
    ["log"],
    ["review"],
    ["import", "--dry-run"],
]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_no_command_stalls_on_long_runs(hostile_log: Path, args: list[str]) -> None:
    """Each reading command reads every place of every file, runs included, in linear time."""
    run = _command(hostile_log, *args)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr


def test_the_issues_example_of_200_000_blanks(repo: Path) -> None:
    """`# x`, then 200,000 spaces or tabs, then `y` (and the same run in a front-matter value,
    a status line, a list item, a table row, a date and a link): read in linear time."""
    places = [
        "title",
        "front matter status",
        "front matter date",
        "bullet status",
        "legacy status relation",
        "item answer",
        "table row",
        "legacy date",
        "link",
    ]
    texts = [PLACES[name](_run_of(blank, 200_000)) for name in places for blank in " \t"]
    _repository(repo, {f"{n:04d}-blank.md": text for n, text in enumerate(texts, start=1)})
    for args in (["list"], ["lint"], ["log"], ["index", "--check"]):
        run = _command(repo, *args)
        assert run.returncode in (0, 1), run.stderr[-2000:]


# Templates, the configuration and answers files are read too: the same runs in their places,
# read by one Python process (killed after BOUND seconds).
TEMPLATE = """---
name: hostile
description: A template.
sections:
  - title: Context
  - title: Constraints
    items: [Users, Latency]
  - title: Options
    min-items: 2
---
# Title

## Context

<!-- What is the problem? -->

## Constraints

- Users: <!-- Who? -->
- Latency: <!-- How fast? -->

## Options

<!-- Two at least. -->
"""
OTHER_PLACES: dict[str, Callable[[str], str]] = {
    "template description": lambda r: TEMPLATE.replace("A template.", f"x{r}y"),
    "template section": lambda r: TEMPLATE.replace("title: Options", f"title: O{r}x"),
    "template item": lambda r: TEMPLATE.replace("[Users, Latency]", f"[U{r}x, Latency]"),
    "template guidance": lambda r: TEMPLATE.replace("What is the problem?", r),
    "template open guidance": lambda r: TEMPLATE.replace("<!-- What is", f"<!--{r}<!-- What is"),
    "template item line": lambda r: TEMPLATE.replace("- Users:", f"- {r}Users:"),
    "template item label": lambda r: TEMPLATE.replace("- Users:", f"- Users{r}:"),
    "template heading": lambda r: TEMPLATE.replace("## Options", f"## Options{r}"),
}
CONFIG_PLACES: dict[str, Callable[[str], str]] = {
    "config value": lambda r: f'directory = "docs/adr{r}"\n',
    "config key": lambda r: f"x{r} = 1\n",
    "config line": lambda r: f"directory = 'docs/adr'\n{r}\n",
    "config status": lambda r: f'statuses = ["a{r}"]\ndefault-status = "b"\n',
    "config relation": lambda r: f'[links]\n"a{r}" = "b"\n',
}
ANSWERS_PLACES: dict[str, Callable[[str], str]] = {
    "answers title": lambda r: f"title: x{r}y\n",
    "answers section": lambda r: f"title: T\nsections:\n  Context: x{r}y\n",
    "answers key": lambda r: f"x{r}: 1\n",
    "answers tags": lambda r: f"title: T\ntags: [a{r}b]\n",
}
_READ_EACH = """
import sys
from pathlib import Path
from adr_tool import config, scaffold, templates
from adr_tool.errors import AdrError

folder = Path(sys.argv[1])
for path in sorted(folder.iterdir()):
    kind = path.name.split("-")[0]
    try:
        if kind == "template":
            templates.parse_template(path.read_text(), path.stem, str(path))
        elif kind == "config":
            config.load(path)
        else:
            scaffold.read_answers(path)
    except AdrError as error:
        str(error)
print("read", len(list(folder.iterdir())))
"""


def test_templates_configuration_and_answers_are_read_in_linear_time(tmp_path: Path) -> None:
    """Project templates, `.adr.toml` and `adr new --answers` files with long runs in each of
    their places are read, or refused in one line, in linear time."""
    groups = {"template": OTHER_PLACES, "config": CONFIG_PLACES, "answers": ANSWERS_PLACES}
    count = 0
    for kind, places in groups.items():
        for place in places.values():
            for unit in UNITS:
                count += 1
                (tmp_path / f"{kind}-{count:05d}").write_text(place(_run_of(unit)), "utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-c", _READ_EACH, str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=BOUND,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading templates, configurations and answers ran over {BOUND} s")
    assert (0, f"read {count}\n") == (done.returncode, done.stdout), done.stderr[-2000:]
