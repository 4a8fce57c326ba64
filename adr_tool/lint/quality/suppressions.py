"""`<!-- adr: allow ADR504 because we already run Kafka for payments (ADR 0012) -->`: a
quality finding the authors weighed and accepted, with the reason kept in the record.

The comment is invisible in the rendered ADR and applies to the whole file. A suppression
without a reason, naming a rule that is not a quality rule, or allowing what nothing finds
is itself a finding (ADR518), as ruff reports an unused `noqa`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .flags import Flag
from .text import blank_code

if TYPE_CHECKING:
    from collections.abc import Iterable

CODE = "ADR518"
_ALLOW = re.compile(r"\s*adr\s*:\s*allow\b", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{3}\d{3}")
_REASON = re.compile(r"\s*(?:because\b|--|—|:)\s*", re.IGNORECASE)
_EXAMPLE = "<!-- adr: allow ADR504 because we already run Kafka for payments (ADR 0012) -->"


class Allowance(NamedTuple):
    """One `adr: allow` comment: the codes it names, its reason, where it starts."""

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int


def allowances(text: str, first_line: int = 1) -> list[Allowance]:
    """Every `adr: allow` comment of `text` (outside code blocks); `first_line` is the file
    line of text[0]."""
    if "adr" not in text or "<!--" not in text:
        return []
    text = blank_code(text)
    found: list[Allowance] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        body = text[start + 4 : end]
        position = end + 3
        allow = _ALLOW.match(body)
        if allow is None:
            continue
        codes, reason = _codes_and_reason(body[allow.end() :])
        line = first_line + text.count("\n", 0, start)
        column = start - text.rfind("\n", 0, start)
        found.append(Allowance(codes, reason, line, column))
    return found


def _codes_and_reason(rest: str) -> tuple[tuple[str, ...], str]:
    codes: list[str] = []
    position = 0
    while True:
        while position < len(rest) and rest[position] in " \t\n,":
            position += 1
        code = _CODE.match(rest, position)
        if code is None:
            break
        codes.append(code.group().upper())
        position = code.end()
    reason = _REASON.match(rest, position)
    return tuple(codes), " ".join(rest[reason.end() if reason else position :].split())


def apply(
    flags: Iterable[Flag], found: list[Allowance], ran: Iterable[str], quality: Iterable[str]
) -> list[Flag]:
    """The flags no allowance covers, and ADR518 for each allowance that is not well formed
    or allows what none of the rules that `ran` found."""
    flags = list(flags)
    known, checked = set(quality), set(ran)
    allowed = {code for allowance in found for code in allowance.codes}
    kept = [each for each in flags if each.code not in allowed]
    seen = {each.code for each in flags}
    for allowance in found:
        kept += _problems(allowance, known, checked, seen)
    return kept


def _problems(allowance: Allowance, known: set[str], ran: set[str], seen: set[str]) -> list[Flag]:
    where = (allowance.line, allowance.column)
    if not allowance.codes:
        return [Flag(CODE, *where, f"`adr: allow` names no rule: write {_EXAMPLE}")]
    problems: list[Flag] = []
    for code in allowance.codes:
        if code not in known:
            problems.append(
                Flag(
                    CODE,
                    *where,
                    f"`adr: allow {code}`: only the quality rules ADR501 to ADR517 "
                    "can be allowed in an ADR; others go in `ignore` under [lint] of .adr.toml",
                )
            )
        elif code in ran and code not in seen:
            problems.append(
                Flag(
                    CODE,
                    *where,
                    f"`adr: allow {code}` allows what nothing finds here: remove it",
                )
            )
    if len(allowance.reason) < 3 or not re.search(r"[^\W\d_]{2}", allowance.reason):
        codes = ", ".join(allowance.codes)
        problems.append(
            Flag(
                CODE,
                *where,
                f"`adr: allow {codes}` gives no reason: say why, e.g. {_EXAMPLE}",
            )
        )
    return problems
