"""Time rules (ADR4xx, warnings): decisions due for review, and proposals left waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dates import iso_date, unambiguous_date
from .base import Hit, file_rule, title_line

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .base import LintContext, Target

_CLOSED = ("superseded", "rejected", "deprecated")  # nothing left to review or decide
TIME_KEYS = ("review-by", "date")  # the front-matter lines these rules point at
PROPOSED = "proposed"


@file_rule("ADR401", "time", severity="warning")
def review_due(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """The `review-by` date has passed: review the decision, then set the next date."""
    adr = target.adr
    due = iso_date(adr.review_by) if adr.review_by else None
    if due is None or due >= ctx.today or adr.status in _CLOSED:
        return
    days = (ctx.today - due).days
    yield Hit(
        adr.path,
        ctx.front_line(target, "review-by") or title_line(target),
        f"review-by {due.isoformat()} passed {days} day{'s' if days != 1 else ''} ago: "
        "review the decision and set the next review-by, or supersede it",
    )


@file_rule("ADR402", "time", severity="warning")
def stale_proposal(ctx: LintContext, target: Target) -> Iterator[Hit]:
    """A proposal is older than `stale-proposal-days`: accept it, reject it or close it."""
    adr, limit = target.adr, ctx.config.stale_proposal_days
    if adr.status != PROPOSED or limit <= 0 or adr.date is None:
        return
    since = unambiguous_date(adr.date)
    if since is None:
        return
    age = (ctx.today - since).days
    if age > limit:
        line = ctx.front_line(target, "date")
        yield Hit(
            adr.path,
            line or title_line(target),
            f"proposed since {since.isoformat()}, {age} days ago (stale-proposal-days is "
            f"{limit}): accept or reject it",
        )
