"""`adr review`: reviews due, stale proposals, links to superseded ADRs, unchanged ADRs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import adr, write


def _log(root: Path) -> None:
    d = root / "docs/adr"
    write(
        d / "0002-due.md",
        "---\nstatus: accepted\ndate: 2025-01-01\nreview-by: 2026-01-01\n---\n# Due\n",
    )
    write(
        d / "0003-soon.md",
        "---\nstatus: accepted\ndate: 2025-01-01\nreview-by: 2026-02-01\n---\n# Soon\n",
    )
    write(d / "0004-stale.md", "---\nstatus: proposed\ndate: 2025-11-01\n---\n# Stale\n")
    write(d / "0005-fresh.md", "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Fresh\n")
    write(
        d / "0006-old.md",
        "---\nstatus: superseded\ndate: 2025-01-01\nsuperseded-by: [7]\n"
        "links: {amended-by: [8]}\n---\n# Old\n",
    )
    write(
        d / "0007-new.md", "---\nstatus: accepted\ndate: 2025-06-01\nsupersedes: [6]\n---\n# New\n"
    )
    write(
        d / "0008-amends-old.md",
        "---\nstatus: accepted\ndate: 2025-06-01\nlinks: {amends: [6]}\n---\n# Amends old\n",
    )


def test_review_lists_what_needs_attention(initialised: Path) -> None:
    """Due and soon reviews, stale proposals and links to superseded ADRs, in number order."""
    _log(initialised)
    run = adr("review", "--within", "30")
    assert 0 == run.exit_code, run.stderr
    assert [
        "0002  review-due             Due: review-by 2026-01-01 has passed",
        "0003  review-soon            Soon: review-by 2026-02-01 is within 30 days",
        "0004  stale-proposal         Stale: proposed since 2025-11-01, over 30 days",
        "0008  references-superseded  Amends old: amends 0006, which is superseded",
    ] == run.stdout.splitlines()


def test_review_json_unchanged_and_fail_on_due(initialised: Path) -> None:
    """--unchanged-since adds old ADRs; --fail-on-due exits 1; --format json is data."""
    _log(initialised)
    run = adr(
        "review",
        "--within",
        "0",
        "--unchanged-since",
        "2025-03-01",
        "--format",
        "json",
        "--fail-on-due",
    )
    assert 1 == run.exit_code
    items = json.loads(run.stdout)
    assert {
        (2, "review-due"),
        (2, "unchanged"),
        (3, "unchanged"),
        (4, "stale-proposal"),
        (6, "unchanged"),
        (8, "references-superseded"),
    } == {(i["number"], i["reason"]) for i in items}


def test_review_clean_log(initialised: Path) -> None:
    """A fresh log needs nothing, and exits 0 even with --fail-on-due."""
    run = adr("review", "--fail-on-due")
    assert (0, "nothing needs review\n") == (run.exit_code, run.stdout)
