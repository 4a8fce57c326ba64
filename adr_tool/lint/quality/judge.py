"""The quality checks by code, run on a whole record or on one answer of `adr new`."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from . import choice, constraints, outcome
from .record import from_answers

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from ...templates import Answer
    from .flags import Flag
    from .record import Record
    from .vocabulary import Vocabulary

Check: TypeAlias = "Callable[[Record, Vocabulary], Iterator[Flag]]"

CHECKS: dict[str, Check] = {
    "ADR501": constraints.unmeasured,
    "ADR502": constraints.no_invariant,
    "ADR503": constraints.no_rule,
    "ADR504": choice.unweighed_boring,
    "ADR505": choice.unexplained_boring,
    "ADR506": choice.needless_queue,
    "ADR507": outcome.nothing_given_up,
    "ADR508": outcome.dismissed_failure,
    "ADR509": outcome.scale_claim,
    "ADR510": outcome.vague_trigger,
    "ADR511": choice.placeholder_option,
    "ADR512": choice.unlisted_choice,
    "ADR513": outcome.fashion,
    "ADR514": constraints.untested_latency,
    "ADR515": choice.incremental_skipped,
    "ADR516": choice.lone_abstraction,
    "ADR517": outcome.no_decision_makers,
}
# What runs on ADRs of other templates (MADR, Nygard, adr-tools, imported logs) when
# `other-templates = true`: the rules that read only labelled items, metadata or a narrow
# phrase in a section of their own. The rules that read a Decision's free prose (504, 505,
# 506, 509, 513, 515, 516) misread it too often there (docs/lint-quality.md has the counts).
FREE_PROSE: tuple[str, ...] = (
    "ADR501", "ADR502", "ADR503", "ADR507", "ADR508", "ADR510", "ADR511", "ADR514", "ADR517"
)
# What one answer can be judged on alone, while `adr new` asks the next question; the others
# need the whole ADR (the options, the choice, every section).
ONE_ANSWER: tuple[str, ...] = (
    "ADR501",
    "ADR502",
    "ADR503",
    "ADR507",
    "ADR508",
    "ADR509",
    "ADR510",
    "ADR511",
    "ADR513",
)


def judge(record: Record, vocabulary: Vocabulary, codes: Iterable[str] | None = None) -> list[Flag]:
    """The findings of the checks `codes` (every check when None) on `record`."""
    wanted = CHECKS if codes is None else {code: CHECKS[code] for code in codes if code in CHECKS}
    return [found for check in wanted.values() for found in check(record, vocabulary)]


def judge_answer(
    section: str, answer: Answer, vocabulary: Vocabulary, version: int = 2
) -> list[Flag]:
    """The findings on one section's answer alone (as `adr new` holds it: text, a list of
    entries, or labelled items with `Item.Field` keys); lines count from the answer's start."""
    record: Record = from_answers({section: answer}, version)
    return judge(record, vocabulary, ONE_ANSWER)


def judge_answers(
    answers: Mapping[str, Answer], vocabulary: Vocabulary, version: int = 2
) -> list[Flag]:
    """The findings on every answer given so far, the whole-ADR checks included."""
    return judge(from_answers(answers, version), vocabulary)
