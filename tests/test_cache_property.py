"""Whatever happens to the files between runs, a run through the cache finds exactly what a run
without it finds: the same log and the same findings."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adr_tool import cache as cache_module
from adr_tool.config import Config, load
from adr_tool.lint import Selection, lint
from adr_tool.store import load_log

from .lint_support import TODAY, good_adr, make_log

if TYPE_CHECKING:
    from adr_tool.lint import Finding

GOOD = good_adr("Use S3 for invoices")
GAPPY = GOOD.replace("Storage costs exceed 100 euros a month.", "TBD")  # ADR202
VARIANTS: list[str | bytes] = [  # pairs of the same size: an edit the times must reveal
    GOOD,
    good_adr("Use S3 for invoices", status="approved"),  # as long as "accepted": ADR102
    GAPPY,
    GAPPY.replace("TBD", "Yes"),  # answered
    good_adr("Use S3 for invoices", status="proposed", date="2020-01-01"),  # stale (ADR402)
    good_adr("Use S3 for invoices", extra="supersedes: [9]\n"),  # a missing ADR (ADR302)
    good_adr("Use S3 for invoices", extra="review-by: 2025-01-01\n"),  # review due (ADR401)
    "# 3. Use Kafka\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
    "",
    b"---\nstatus: accepted\n---\n# Caf\xe9\n",  # not UTF-8: unreadable
    GOOD.replace("## Decision\n", "## Decisions made\n"),
    # no template named, no Constraints: a finding under constraint-first, none under nygard
    GOOD.replace("template: constraint-first\n", "").replace("## Constraints", "Constraints:"),
]
SETTINGS = [
    "",
    '[lint]\nignore = ["ADR202"]\n',
    "[lint]\nstale-proposal-days = 100000\n",
    'statuses = ["proposed", "accepted", "approved", "superseded"]\n',
    'template = "nygard"\n',  # another default template for files that name none
    '[quality]\nfashion-words = ["cheap"]\n',  # "cheap, durable storage": ADR513
    "[quality]\nother-templates = true\n",  # the adr-tools ADR: ADR517 (no decision makers)
]

FILES = st.integers(1, 3)
OPERATIONS = st.one_of(
    st.tuples(st.just("write"), FILES, st.integers(0, 3)),  # the same-size pairs, often
    st.tuples(st.just("write"), FILES, st.integers(0, len(VARIANTS) - 1)),
    st.tuples(st.just("touch"), FILES, st.just(0)),
    st.tuples(st.just("delete"), FILES, st.just(0)),
    st.tuples(st.just("rename"), FILES, st.integers(1, 4)),
    st.tuples(st.just("settings"), st.just(0), st.integers(0, len(SETTINGS) - 1)),
)


def _apply(config: Config, operation: tuple[str, int, int]) -> None:
    kind, number, value = operation
    folder = config.directory
    path = folder / f"{number:04d}-use-s3-for-invoices.md"
    if kind == "write":
        content = VARIANTS[value]
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    elif kind == "touch" and path.exists():
        os.utime(path)
    elif kind == "delete" and path.exists():
        path.unlink()
    elif kind == "rename" and path.exists():
        path.rename(folder / f"{value:04d}-moved-here.md")
    elif kind == "settings" and config.source is not None:
        config.source.write_text(f'directory = "docs/adr"\n{SETTINGS[value]}', encoding="utf-8")


Found = tuple[list[str], list["Finding"]]  # the log's ADRs, and what lint finds


def _both(config: Config) -> tuple[Found, Found]:
    """What is found through the cache, and without it."""

    if config.source is not None:
        config = load(config.source)  # the settings as they are now

    def once() -> Found:
        adrs = [repr(adr) for adr in load_log(config).log]
        return adrs, lint(config, None, TODAY, Selection())

    cached = once()
    with mock.patch.dict(os.environ, {"ADR_NO_CACHE": "1"}):
        fresh = once()
    return cached, fresh


@settings(
    max_examples=int(os.environ.get("CACHE_EXAMPLES", "60" if os.environ.get("CI") else "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=6), adopted=st.booleans())
@example(operations=[("write", 1, 1)], adopted=True)  # accepted -> approved, same size
@example(operations=[("write", 2, 3), ("write", 2, 2)], adopted=False)  # TBD -> Yes -> TBD
@example(operations=[("write", 3, len(VARIANTS) - 1), ("settings", 0, 4)], adopted=True)
@example(operations=[("settings", 0, 5), ("settings", 0, 0)], adopted=True)  # [quality] words
@example(operations=[("write", 3, 7), ("settings", 0, 6)], adopted=True)  # other templates
def test_the_cache_never_changes_what_is_found(
    operations: list[tuple[str, int, int]], adopted: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache_module, "_SETTLE_NS", 0):
        root = Path(folder)
        subprocess.run(["git", "init", "--quiet", str(root)], check=True)
        config = make_log(
            root,
            {"0001-use-s3-for-invoices.md": GOOD, "0002-use-s3-for-invoices.md": GAPPY},
            adopted=adopted,
        )
        cached, fresh = _both(config)
        assert cached == fresh
        for operation in operations:
            _apply(config, operation)
            cached, fresh = _both(config)  # the first run of each pair goes through the cache
            assert cached == fresh, operation
            assert _both(config)[0] == fresh  # and so does the next, from what the last wrote
