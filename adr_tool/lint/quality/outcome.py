"""Checks of what the decision costs and how it ends: trade-offs that give nothing up
(ADR507), dismissed failure modes (ADR508), scale claims (ADR509), revisit triggers (ADR510),
arguments from fashion (ADR513) and accepted ADRs without decision makers (ADR517)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import has_date, measured
from .flags import answered, flag, not_applicable
from .text import Passage, Phrases, affirmed, entries, sentences, words
from .vocabulary import (
    DISMISSALS,
    GAINS,
    GIVE_UP,
    NOTHING_GIVEN_UP,
    RESCUES,
    SCALE_CLAIMS,
    VAGUE_TRIGGERS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .flags import Flag
    from .record import Item, Record
    from .vocabulary import Vocabulary

_OPENING = 3  # words where "None", "Nothing really" or "N/A" may open the trade-offs
_DETECTION = Phrases(  # a free-text failure mode that says how it is noticed
    entries(
        "alert, alarm, monitor, monitoring, dashboard, metric, page, pager, on call, "
        "health check, error rate, slo, log, logs, p99, p95, latency, detected, detect, notice, "
        "noticed, report, reports, check, checks, probe, uptime, trace, tracing, sentry"
    )
)


def _answer(record: Record, key: str, item: Item | None) -> Passage | None:
    """The labelled item's answer (version 2), else the section's text; None if unanswered."""
    part = record.part(key)
    if record.version >= 2 and item is not None:
        passage = item.answer
    elif part is not None:
        passage = part.body
    else:
        return None
    return passage if answered(passage) else None


def nothing_given_up(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """The trade-offs give up nothing ("None", "no downsides", only gains)."""
    item = record.item("trade-offs", "We give up") if record.version >= 2 else None
    passage = _answer(record, "trade-offs", item)
    if passage is None:
        return
    spans = _nothing(passage)
    if spans is not None:
        start, end = spans
        yield flag(
            "ADR507",
            passage,
            start,
            f'Trade-offs: "{passage.quote(start, end)}" gives nothing up, and every choice '
            "costs something: write what we give up and what we get for it, e.g. 'We give up "
            "writes in two regions; we get transactions and one database to run'",
        )
        return
    if item is None and not affirmed(GIVE_UP, passage):
        gains = affirmed(GAINS, passage)
        if gains:
            yield flag(
                "ADR507",
                passage,
                gains[0].start,
                f'Trade-offs: lists only gains ("{passage.quote(gains[0].start, gains[0].end)}'
                "\"), nothing given up: write what the choice costs us, e.g. 'We give up "
                "writes in two regions for transactions'",
            )


def _nothing(passage: Passage) -> tuple[int, int] | None:
    """Where the text says it gives nothing up: "no downsides" or "only benefits" anywhere,
    or an opening "None", "Nothing" or "N/A" that stands alone (not "None of ...")."""
    text = passage.text
    if not NOTHING_GIVEN_UP.may_occur(text):
        return None
    for span in affirmed(NOTHING_GIVEN_UP, passage):
        if text[span.start : span.end].casefold().startswith(("no ", "only ")):
            return span.start, span.end
    found = words(text[:200])  # the opening words are all this looks at
    spans = NOTHING_GIVEN_UP.find_in(found[:_OPENING])
    if spans and spans[0].first == 0:
        stop = spans[0].stop
        if stop >= len(found) or found[stop].after_break:
            bounds = sentences(text)
            return spans[0].start, bounds[0][1] if bounds else spans[0].end
    return None


def dismissed_failure(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A failure mode is dismissed ("unlikely", "it scales") or has no mitigation; where the
    project asks for it (`detection`), no detection signal."""
    part = record.part("failure modes")
    for item in part.items if part is not None else ():
        if not item.label or not _written(item):
            continue
        if item.fields:
            yield from _fielded(item, vocabulary)
            continue
        dismissal = _dismissal(item.answer)
        if dismissal is not None:
            yield _dismissed(item, item.answer, dismissal)
        elif record.version >= 2 and vocabulary.detection and _unwatched(item.answer):
            yield _undetected(item)


def _written(item: Item) -> bool:
    """Whether anything is answered: the item's own line or one of its fields (an unfilled
    skeleton is for ADR204 to report)."""
    if item.fields:
        return answered(item.lead) or any(answered(found.answer) for found in item.fields)
    return answered(item.answer)


def _unwatched(answer: Passage) -> bool:
    """A free-text answer (no fields) that says nothing of how the failure is noticed."""
    return not not_applicable(answer) and not _DETECTION.find(answer.text)


def _fielded(item: Item, vocabulary: Vocabulary) -> Iterator[Flag]:
    mitigation = item.field("Mitigation")
    if mitigation is None or not answered(mitigation.answer):
        yield flag(
            "ADR508",
            _label_of(mitigation or item),
            0,
            f"Failure modes: '{item.label}' has no mitigation: say what we do when it happens, "
            "e.g. '  - Mitigation: reads time out after 300 ms and show the cached page'",
        )
    else:
        dismissal = _dismissal(mitigation.answer)
        if dismissal is not None:
            yield _dismissed(item, mitigation.answer, dismissal)
    detected = item.field("Detected by")
    if vocabulary.detection and (detected is None or not answered(detected.answer)):
        yield _undetected(item, detected)


def _dismissed(item: Item, passage: Passage, span: tuple[int, int]) -> Flag:
    return flag(
        "ADR508",
        passage,
        span[0],
        f"Failure modes: '{item.label}' is dismissed (\"{passage.quote(*span)}\"): say what "
        "users see and how we mitigate it, e.g. 'the connection pool runs out first; we shed "
        "load with 503s and add a read replica'",
    )


def _label_of(item: Item) -> Passage:
    """Where an item's label is: what a finding about its missing answer points at."""
    return Passage(item.label, item.line, item.column)


def _undetected(item: Item, detected: Item | None = None) -> Flag:
    return flag(
        "ADR508",
        _label_of(detected or item),
        0,
        f"Failure modes: '{item.label}' names no detection signal: add '  - Detected by: the "
        "p99 latency alert on the orders dashboard' (or set detection = false under "
        "[quality] in .adr.toml, e.g. for a command-line tool without alerts)",
    )


def _dismissal(passage: Passage) -> tuple[int, int] | None:
    """The first dismissal in the text, unless a "but ..." or "if it does ..." follows it."""
    spans = DISMISSALS.find(passage.text)
    if not spans:
        return None
    first = spans[0]
    rescued = [span for span in RESCUES.find(passage.text) if span.start > first.end]
    return None if rescued else (first.start, first.end)


def scale_claim(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A scale claim ("millions", "must scale", "future-proof", "will not scale") with no
    measured figure for today's demand in the same section."""
    for key, part in record.parts.items():
        if key == "constraints":
            continue  # its figures are ADR501's
        claims = affirmed(SCALE_CLAIMS, part.body)
        if not claims:
            continue
        inside = [(c.start, c.end) for c in claims]
        figures = [
            figure
            for figure in measured(part.body.text)
            if not any(start <= figure.start < end for start, end in inside)
        ]
        if figures:
            continue
        claim = claims[0]
        yield flag(
            "ADR509",
            part.body,
            claim.start,
            f'{part.title}: claims "{part.body.quote(claim.start, claim.end)}" with no measured '
            "figure for today's demand in this section: put today's number beside it, e.g. "
            "'1,200 orders a day today; the forecast is ten times that in two years'",
        )


def vague_trigger(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """The revisit trigger cannot be evaluated ("if needed", "later", "never", "periodically")."""
    passage = _answer(record, "revisit", record.item("revisit", "Signal"))
    if passage is None:
        return
    vague = VAGUE_TRIGGERS.find(passage.text)
    if not vague or measured(passage.text) or has_date(passage.text):
        return
    yield flag(
        "ADR510",
        passage,
        vague[0].start,
        f'Revisit when: "{passage.quote(vague[0].start, vague[0].end)}" cannot be evaluated: '
        "name a metric and its threshold, a date or an event, e.g. 'p99 above 300 ms for a "
        "week, the contract renewal on 2027-06-30, or a second region'",
    )


def fashion(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """An argument from fashion in Decision or Trade-offs ("industry best practice",
    "modern", "state of the art", "everyone uses it")."""
    for key in ("decision", "trade-offs"):
        part = record.part(key)
        if part is None:
            continue
        for span in affirmed(vocabulary.fashion, part.body):
            if _in_heading(part.body.text, span.start):
                continue  # "### Best practices" names a topic, it argues nothing
            yield flag(
                "ADR513",
                part.body,
                span.start,
                f'{part.title}: "{part.body.quote(span.start, span.end)}" argues from fashion, '
                "not from a constraint: say which constraint it serves, e.g. 'because it keeps "
                "p99 under 100 ms at 3,000 writes a second'",
            )


def _in_heading(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start : line_start + 4].lstrip().startswith("#")


def no_decision_makers(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """An accepted ADR names no decision makers."""
    if record.status == "accepted" and not record.decision_makers:
        yield flag(
            "ADR517",
            Passage("", record.status_line, 1),
            0,
            "accepted, but no decision makers are named: add them to the front matter, e.g. "
            "'decision-makers: [Ana Silva, Bo Chen]'",
        )
