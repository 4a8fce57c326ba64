"""Checks of the Constraints: measured figures (ADR501), an invariant (ADR502), a named rule
(ADR503), and a plan to test the latency target (ADR514)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import figures, measured
from .flags import answered, flag, not_applicable, opening, start_of
from .text import affirmed
from .vocabulary import INVARIANTS, REGULATIONS, TEST_PLANS, VAGUE_AMOUNTS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .flags import Flag
    from .record import Item, Record
    from .vocabulary import Vocabulary

# The quantitative constraints, each with an answer that measures it.
QUANTITIES = {
    "Users": "'40,000 shoppers a day, 300 at peak, in the EU'",
    "Data volume": "'2 GB today, growing 1 GB a month'",
    "Latency": "'p99 under 200 ms for a search'",
}


def _constraint(record: Record, label: str) -> Item | None:
    """The constraint's item when it holds an answer that is not "n/a, because ..."."""
    item = record.item("constraints", label)
    if item is None or not answered(item.answer) or not_applicable(item.answer):
        return None
    return item


def unmeasured(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A quantitative constraint (Users, Data volume, Latency) gives no measured figure."""
    for label, example in QUANTITIES.items():
        item = _constraint(record, label)
        if item is None or measured(item.answer.text, plain_counts=label == "Users"):
            continue
        answer = item.answer
        vague = VAGUE_AMOUNTS.find(answer.text)
        bare = [figure for figure in figures(answer.text) if figure.kind == "plain"]
        if vague:
            start, end = vague[0].start, vague[0].end
            found = f'says "{answer.quote(start, end)}", which is not a measured figure'
        elif bare:
            start, end = bare[0].start, bare[0].end
            found = f'gives "{answer.quote(start, end)}" without a unit'
        else:
            start = start_of(answer)
            found = f'("{opening(answer)}") gives no measured figure'
        yield flag(
            "ADR501",
            answer,
            start,
            f"Constraints: '{label}' {found}: write the number with its unit, e.g. {example}",
        )


def no_invariant(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """Consistency names no invariant: nothing that must never be lost or duplicated, no
    bound on staleness."""
    item = _constraint(record, "Consistency")
    if item is None:
        return
    text = item.answer.text
    if INVARIANTS.find(text) or any(f.kind == "duration" for f in measured(text)):
        return
    yield flag(
        "ADR502",
        item.answer,
        start_of(item.answer),
        f"Constraints: 'Consistency' (\"{opening(item.answer)}\") names no invariant: say what "
        "must never be lost or duplicated, or how stale a read may be, e.g. 'a paid order is "
        "never lost; stock counts may lag by up to 30 s'",
    )


def no_rule(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """Regulatory names no rule (a law, standard, audit, retention or residency rule), and is
    not "none, because ..."."""
    item = _constraint(record, "Regulatory")
    if item is None or REGULATIONS.find(item.answer.text):
        return
    yield flag(
        "ADR503",
        item.answer,
        start_of(item.answer),
        f"Constraints: 'Regulatory' (\"{opening(item.answer)}\") names no rule: name the law, "
        "standard, audit, retention or residency rule that applies, e.g. 'GDPR: customer "
        "data stays in the EU; invoices kept 10 years', or write 'none, because ...'",
    )


def untested_latency(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A latency target with a figure, and no load test, benchmark or capacity test planned
    anywhere in the ADR."""
    item = _constraint(record, "Latency")
    if item is None:
        return
    targets = [f for f in measured(item.answer.text) if f.kind == "duration"]
    if not targets:
        return
    if any(affirmed(TEST_PLANS, part.body) for part in record.parts.values()):
        return
    target = targets[0]
    yield flag(
        "ADR514",
        item.answer,
        target.start,
        f"Constraints: 'Latency' sets a target (\"{item.answer.quote(target.start, target.end)}"
        '") but no load test, benchmark or capacity test is planned anywhere: plan one, e.g. '
        "in Consequences: 'a k6 load test at twice today's peak runs before launch'",
    )
