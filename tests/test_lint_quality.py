"""The quality rules (ADR5xx) as functions on in-memory ADRs: each rule finds what it must, points
at the words, and stays silent on the hard cases (tests/quality_cases.py holds the ADRs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adr_tool.config import QualitySettings
from adr_tool.lint.quality.flags import Flag
from adr_tool.lint.quality.judge import CHECKS, judge, judge_answer
from adr_tool.lint.quality.record import from_answers, from_markdown
from adr_tool.lint.quality.vocabulary import Vocabulary
from adr_tool.templates import Answer
from tests.quality_cases import NON_TRIGGERS, TRIGGERS, Case


def _vocabulary(case: Case) -> Vocabulary:
    """The defaults, with the case's `detection` and word lists (`stack`, ...)."""
    given = dict(case.settings)
    detection = bool(given.pop("detection", True))
    words = tuple((key, tuple(map(str, value))) for key, value in given.items())  # type: ignore[call-overload]
    return Vocabulary.from_settings(QualitySettings(detection=detection, words=words))


def _flags(case: Case, code: str) -> list[Flag]:
    return judge(from_markdown(case.text, case.version), _vocabulary(case), [code])


def _cases(table: dict[str, list[Case]]) -> list[tuple[str, Case]]:
    return [(code, case) for code, cases in sorted(table.items()) for case in cases]


def _id(value: object) -> str:
    return value if isinstance(value, str) else ""


def test_every_rule_has_three_cases_each_way() -> None:
    """Each rule has at least three ADRs that trigger it and three that must not."""
    assert sorted(CHECKS) == sorted(TRIGGERS) == sorted(NON_TRIGGERS)
    assert all(len(TRIGGERS[code]) >= 3 and len(NON_TRIGGERS[code]) >= 3 for code in CHECKS)


@pytest.mark.parametrize(("code", "case"), _cases(TRIGGERS), ids=_id)
def test_rule_finds_it_and_points_at_the_words(code: str, case: Case) -> None:
    """The rule reports the ADR once or more, and its first finding's line and column are where
    the quoted words are, and its message quotes them (ADR517 points at the status)."""
    found = _flags(case, code)
    assert found, case.text
    _, line, column, message = found[0]
    lines = case.text.split("\n")
    assert lines[line - 1][column - 1 :].casefold().startswith(case.points_at.casefold()), (
        lines[line - 1],
        column,
    )
    if code != "ADR517":
        assert case.points_at.casefold() in message.casefold(), message


@pytest.mark.parametrize(("code", "case"), _cases(NON_TRIGGERS), ids=_id)
def test_rule_stays_silent_on_the_hard_cases(code: str, case: Case) -> None:
    """Number words, ranges, units, negations, the team's stack, a stated async need and the
    like are not findings."""
    assert [] == _flags(case, code)


def test_one_answer_is_judged_alone() -> None:
    """`adr new` can judge one answer as it is typed: a vague constraint, fields of a failure
    mode, a vague signal; lines and columns count within the answer."""
    vocabulary = Vocabulary.from_settings(QualitySettings())
    constraints = {"Users": "lots", "Latency": "p99 under 80 ms"}
    assert [("ADR501", 1, 1)] == [
        f[:3] for f in judge_answer("Constraints", constraints, vocabulary)
    ]
    failure = {"10x traffic.Users see": "slow pages", "10x traffic.Mitigation": "it scales"}
    assert [("ADR508", 1, 1), ("ADR508", 1, 1)] == [
        f[:3] for f in judge_answer("Failure modes", failure, vocabulary)
    ]
    vague = judge_answer("Revisit when", {"Signal": "later"}, vocabulary)
    assert ["ADR510"] == [f.code for f in vague]
    assert [] == judge_answer("Revisit when", {"Signal": "p99 above 300 ms"}, vocabulary)


def test_answers_of_a_whole_adr_are_judged_like_its_file() -> None:
    """The answers `adr new` holds give the same codes as the file they would fill."""
    answers: dict[str, Answer] = {
        "Options considered": ["Boring option: Postgres", "Cassandra"],
        "Decision": {"Chosen": "Kafka"},
    }
    vocabulary = Vocabulary.from_settings(QualitySettings())
    assert ["ADR505", "ADR506", "ADR512"] == sorted(
        f.code for f in judge(from_answers(answers), vocabulary)
    )


def test_list_rules_explains_each_check_by_its_docstring() -> None:
    """What `adr lint --list-rules` shows for each quality rule is its check's docstring."""
    from adr_tool.lint.quality.rules import EXPLANATIONS

    assert {code: " ".join((check.__doc__ or "").split()) for code, check in CHECKS.items()} == {
        code: text for code, text in EXPLANATIONS.items() if code in CHECKS
    }


@given(st.text(max_size=300))
def test_words_are_where_the_text_says(text: str) -> None:
    """The fast split finds the same words as the word pattern, each at its place in the
    text, and the quick word set holds exactly those words."""
    from adr_tool.lint.quality.text import _WORD, bag, words

    found = words(text)
    expected = [match for match in _WORD.finditer(text)]
    assert [m.group().casefold() for m in expected] == found.texts
    if len(text.casefold()) == len(text):
        places = list(zip(found.starts, found.ends, strict=True))
        assert [(m.start(), m.end()) for m in expected] == places
    assert frozenset(_WORD.findall(text.casefold())) == bag(text)
