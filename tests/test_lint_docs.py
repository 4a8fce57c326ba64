"""Every lint rule is documented on its family's page, with what it catches and how to fix it."""

from __future__ import annotations

import re

import pytest

from adr_tool.lint import FAMILIES, RULES
from tests.conftest import ROOT


@pytest.mark.parametrize("family", FAMILIES)
def test_family_page_lists_every_code(family: str) -> None:
    """docs/lint-<family>.md has a table row for each code of the family, and no other."""
    page = (ROOT / "docs" / f"lint-{family}.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (ADR\d{3}) \|([^|]+)\|([^|]+)\|$", page, re.MULTILINE)
    expected = sorted(code for code, rule in RULES.items() if rule.family == family)
    assert expected == [code for code, _, _ in rows]
    for _, catches, fix in rows:
        assert catches.strip() and fix.strip()


def test_hooks_file_offers_both_hooks() -> None:
    """.pre-commit-hooks.yaml at the root offers adr-lint and adr-index, documented in hooks.md."""
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert ("adr lint", True) == (by_id["adr-lint"]["entry"], by_id["adr-lint"]["pass_filenames"])
    assert ("adr index", False) == (
        by_id["adr-index"]["entry"],
        by_id["adr-index"]["pass_filenames"],
    )
    assert {"python"} == {hook["language"] for hook in hooks}
    guide = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert "adr-lint" in guide and "adr-index" in guide and "adr hook install" in guide
