"""Key edits find the real top-level key, whatever YAML form the other values take: a line
inside a multi-line value is never edited as if it were a key."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml

from adr_tool.front_matter import Value, set_keys
from tests.conftest import adr, write

if TYPE_CHECKING:
    from pathlib import Path

BODY = "# Cache warm-up\n\n## Context\n\nstatus: not front matter either.\n"

# Each front matter, with a value that spans lines and holds `status:` text where it can.
FORMS = {
    "double-quoted, column 0": 'notes: "multi\nstatus: fake"\nstatus: proposed\n',
    "double-quoted, indented": 'notes: "multi\n  status: fake"\nstatus: proposed\n',
    "single-quoted": "notes: 'multi\nstatus: fake'\nstatus: proposed\n",
    "plain, several lines": "notes: first\n  second\nstatus: proposed\n",
    "literal block": "notes: |\n  status: fake\n  date: 1999-01-01\nstatus: proposed\n",
    "folded block": "notes: >-\n  status: fake\n\n  more\nstatus: proposed\n",
    "kept block": "notes: |+\n  status: fake\n\n\nstatus: proposed\n",
    "flow list over lines": "tags: [a,\nstatus: b]\nstatus: proposed\n",
    "flow map over lines": "owner: {team: a,\n  status: fake}\nstatus: proposed\n",
    "nested mapping": "review:\n  status: pending\n  date: 1999-01-01\nstatus: proposed\n",
    "explicit key": "? status\n: proposed\ndate: 2026-01-01\n",
    "quoted key": '"status": proposed\n',
    "value on the next line": "status:\n  proposed\ndate: 2026-01-01\n",
    "no status yet": 'notes: "a\nstatus: fake"\n',
    "trailing comment": "status: proposed # the author's\nnotes: 'x\n  status: y'\n",
}


def _front(text: str) -> dict[str, object]:
    """The front matter as YAML reads it, every scalar as text."""
    block = text.split("---\n", 2)[1]
    loaded = yaml.load(block, Loader=yaml.BaseLoader)  # every scalar as text, no objects
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize("form", sorted(FORMS))
def test_accept_edits_only_the_real_status_key(initialised: Path, form: str) -> None:
    """`adr accept` changes the status and date keys and nothing else: every other value
    reads the same, the body is byte for byte the same."""
    text = f"---\n{FORMS[form]}---\n{BODY}"
    path = write(initialised / "docs/adr/0002-cache-warm-up.md", text)
    run = adr("accept", "2")
    assert 0 == run.exit_code, run.stderr
    after = path.read_text()
    expected = {**_front(text), "status": "accepted", "date": "2026-01-15"}
    assert expected == _front(after)
    assert after.endswith(f"---\n{BODY}")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_set_keys_touches_only_the_keys_it_sets(form: str) -> None:
    """set_keys on each form: the keys set read as set, every other key as before."""
    text = f"---\n{FORMS[form]}---\n{BODY}"
    updates: dict[str, Value] = {"status": "rejected", "supersedes": [3], "links": {"amends": [4]}}
    after = set_keys(text, updates)
    expected = {**_front(text), "status": "rejected", "supersedes": ["3"]}
    expected["links"] = {"amends": ["4"]}
    assert expected == _front(after)
    assert after.endswith(f"---\n{BODY}")


def test_link_rewrites_a_links_map_that_spans_lines(initialised: Path) -> None:
    """A `links:` flow map over two lines is replaced whole, not one of its lines."""
    front = 'status: "proposed"\nlinks: {relates-to: [1],\n  amended-by: [1]}\nnotes: keep\n'
    path = write(initialised / "docs/adr/0002-x.md", f"---\n{front}---\n# X\n")
    run = adr("link", "2", "amends", "1")
    assert 0 == run.exit_code, run.stderr
    assert {"relates-to": ["1"], "amended-by": ["1"], "amends": ["1"]} == _front(
        path.read_text()
    )["links"]
    assert "keep" == _front(path.read_text())["notes"]


def test_front_matter_yaml_cannot_read_is_not_edited(initialised: Path) -> None:
    """Invalid YAML in the front matter: one line naming the file and line, nothing edited."""
    text = '---\nstatus: proposed\nnotes: [unclosed\ndate: 2026-01-01\n---\n# X\n'
    path = write(initialised / "docs/adr/0002-x.md", text)
    run = adr("accept", "2")
    assert 1 == run.exit_code
    assert run.stderr.startswith("adr: docs/adr/0002-x.md:")
    assert "the front matter is not valid YAML" in run.stderr.splitlines()[-1]
    assert text == path.read_text()
