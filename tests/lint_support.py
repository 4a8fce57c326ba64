"""Tiny decision logs for the lint tests: a good ADR to start from, and a way to lint a log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from adr_tool.config import CONFIG_NAME, Config, load, render_default
from adr_tool.lint import Finding, Selection, lint

if TYPE_CHECKING:
    from pathlib import Path

TODAY = dt.date(2026, 1, 15)  # the date conftest pins through SOURCE_DATE_EPOCH

GOOD_BODY = """\
# {title}

## Context

Invoices must be kept for seven years, and auditors ask for them a few times a year.

## Constraints

- Users: 200 staff in the EU, a few auditors.
- Data volume: 2 GB a year, 15 GB in seven years.
- Latency: n/a, because invoices are fetched in nightly batches.
- Consistency: an invoice is never lost once it is stored.
- Regulatory: GDPR, and seven years of retention.

## Options considered

- S3 (the boring option): cheap and durable.
- Postgres large objects: one service less, but heavy backups.

## Decision

S3, because the retention constraint favours cheap, durable storage.

## Trade-offs

We give up writing an invoice and its row in one transaction, for cost and durability.

## Failure modes

- Database slow: uploads do not touch the database.
- A dependency down: an S3 outage queues uploads on disk for an hour.
- 10x traffic: S3 scales; the upload workers scale out.

## Consequences

We run a lifecycle policy and watch the bucket's costs.

## Revisit when

Storage costs exceed 100 euros a month.
"""


def good_adr(
    title: str = "Use S3 for invoices",
    status: str = "accepted",
    date: str = "2026-01-10",
    extra: str = "",
    body: str | None = None,
) -> str:
    """A constraint-first ADR that passes every rule; `extra` adds front-matter lines."""
    front = f'---\nstatus: "{status}"\ndate: {date}\n{extra}template: constraint-first\n---\n'
    return front + (body if body is not None else GOOD_BODY).format(title=title)


def make_log(
    root: Path,
    files: dict[str, str | bytes],
    adopted: bool = True,
    settings: str = "",
) -> Config:
    """Write `files` into `root/docs/adr`; with `adopted`, an `.adr.toml` (default, or
    `directory` plus `settings`)."""
    directory = root / "docs" / "adr"
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if not adopted:
        return Config(root=root, directory=directory)
    text = f'directory = "docs/adr"\n{settings}' if settings else render_default()
    (root / CONFIG_NAME).write_text(text, encoding="utf-8")
    return load(root / CONFIG_NAME)


def run(config: Config, *codes: str, paths: list[Path] | None = None) -> list[Finding]:
    """The findings of the rules `codes` (all rules when none is given)."""
    return lint(config, paths, TODAY, Selection(select=codes))


def where(findings: list[Finding]) -> list[tuple[str, int, str]]:
    """(file name, line, code) of each finding: what most tests compare."""
    return [(f.path.name, f.line, f.code) for f in findings]
