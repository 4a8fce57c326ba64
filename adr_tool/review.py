"""What needs a lead's attention (`adr review`): pure rules over the log and its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import iso_date

if TYPE_CHECKING:
    from .history import History
    from .model import Adr, DecisionLog


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    reason: str  # review-due, review-soon, stale-proposal, references-superseded, unchanged
    detail: str


def _date(text: str | None) -> dt.date | None:
    return iso_date(text) if text else None  # ISO, with a time after it allowed (git dates)


def _created(adr: Adr, history: History | None) -> dt.date | None:
    file_history = history.of(adr.path) if history else None
    if file_history and file_history.created:
        return _date(file_history.created.date)
    return _date(adr.date)


def _updated(adr: Adr, history: History | None) -> dt.date | None:
    file_history = history.of(adr.path) if history else None
    if file_history and file_history.updated:
        return _date(file_history.updated.date)
    return _date(adr.date)


def review(
    log: DecisionLog,
    history: History | None,
    today: dt.date,
    within_days: int,
    stale_days: int,
    unchanged_since: dt.date | None = None,
) -> list[Item]:
    """Every ADR that needs a look, and why, in number order."""
    items: list[Item] = []
    for adr in log:
        review_by = _date(adr.review_by)
        if review_by and review_by <= today:
            items.append(
                Item(adr.number, adr.title, "review-due", f"review-by {review_by} has passed")
            )
        elif review_by and review_by <= today + dt.timedelta(days=within_days):
            items.append(
                Item(
                    adr.number,
                    adr.title,
                    "review-soon",
                    f"review-by {review_by} is within {within_days} days",
                )
            )
        created = _created(adr, history)
        if adr.status == "proposed" and created and (today - created).days > stale_days:
            items.append(
                Item(
                    adr.number,
                    adr.title,
                    "stale-proposal",
                    f"proposed since {created}, over {stale_days} days",
                )
            )
        if adr.status == "accepted" and not adr.superseded_by:
            for relation, number in adr.links:
                other = log.find(number)
                if other is not None and other.status == "superseded":
                    items.append(
                        Item(
                            adr.number,
                            adr.title,
                            "references-superseded",
                            f"{relation.replace('-', ' ')} {number:04d}, which is superseded",
                        )
                    )
        updated = _updated(adr, history)
        if unchanged_since and updated and updated < unchanged_since:
            items.append(Item(adr.number, adr.title, "unchanged", f"unchanged since {updated}"))
    return items
