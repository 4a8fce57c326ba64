"""The quality rules as lint rules: each ADR of the constraint-first template (version 1 or
2) is read once into a record and judged by every check; ADRs of other templates only when
`other-templates` under [quality] turns them on. Findings are warnings unless `errors`
under [quality] names them."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import ConfigError
from ..base import FileCheck, Hit, file_rule, status_line
from ..sections import choose, find_section
from . import suppressions
from .judge import CHECKS, FREE_PROSE, judge
from .record import read
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...config import Config
    from ..base import Finding, LintContext, Target

TEMPLATE = "constraint-first"
CODES = (*CHECKS, suppressions.CODE)


def _applicable(ctx: LintContext, target: Target) -> tuple[tuple[str, ...], int]:
    """The codes that judge this file, and the version of the template it was written with
    (0: another template, read as free prose)."""
    template = choose(ctx, target).template
    if template is None:
        return (), 0
    if template.name == TEMPLATE:
        version = target.document.metadata.get("template-version", 1)
        return tuple(CHECKS), version if isinstance(version, int) else 1
    other = ctx.config.quality.other_templates
    if other is False:
        return (), 0
    if other is True:
        return FREE_PROSE, 0
    return tuple(code for code in CHECKS if any(_matches(s, code) for s in other)), 0


def _matches(selector: str, code: str) -> bool:
    lowered = selector.strip().lower()
    return lowered in ("quality", "all") or code.lower().startswith(lowered)


def vocabulary(ctx: LintContext) -> Vocabulary:
    """The project's word lists, built once a run."""
    found = ctx.cache.get("quality-vocabulary")
    if not isinstance(found, Vocabulary):
        found = ctx.cache["quality-vocabulary"] = Vocabulary.from_settings(ctx.config.quality)
    return found


def _hits(ctx: LintContext, target: Target) -> dict[str, list[Hit]]:
    """Every quality finding of one file by code (judged once, on the first rule's call)."""
    key = ("quality", target.adr.path)
    found = ctx.cache.get(key)
    if not isinstance(found, dict):
        found = ctx.cache[key] = _judge(ctx, target)
    return found


def _judge(ctx: LintContext, target: Target) -> dict[str, list[Hit]]:
    codes, version = _applicable(ctx, target)
    if not codes:
        return {}
    adr = target.adr
    accepted_alone = adr.status == "accepted" and not adr.decision_makers
    record = read(
        lambda title: find_section(ctx, target, title),
        version,
        adr.status,
        adr.decision_makers,
        status_line(target) if accepted_alone else 1,
    )
    flags = judge(record, vocabulary(ctx), codes)
    allowed = suppressions.allowances(target.document.text)
    if allowed:
        flags = suppressions.apply(flags, allowed, codes, CHECKS)
    grouped: dict[str, list[Hit]] = {}
    for code, line, column, message in flags:
        grouped.setdefault(code, []).append(Hit(adr.path, line, message, column))
    return grouped


def _rule(code: str, explanation: str) -> FileCheck:
    def check(ctx: LintContext, target: Target) -> Iterator[Hit]:
        yield from _hits(ctx, target).get(code, ())

    check.__doc__ = " ".join(explanation.split())  # --list-rules shows the first line
    check.__name__ = f"quality_{code}"
    return check


for _code, _check in CHECKS.items():
    file_rule(_code, "quality", "warning")(_rule(_code, _check.__doc__ or ""))
file_rule(suppressions.CODE, "quality", "warning")(
    _rule(
        suppressions.CODE,
        "An `adr: allow` comment gives no reason, names a rule that is not a quality rule, "
        "or allows what nothing finds.",
    )
)


def promote(findings: list[Finding], config: Config) -> list[Finding]:
    """The findings, with the quality codes that `errors` under [quality] names as errors."""
    selectors = config.quality.errors
    if not selectors:
        return findings
    for selector in selectors:
        if not any(_matches(selector, code) for code in CODES):
            raise ConfigError(
                f"unknown quality rule {selector!r} in `errors` under [quality]: give codes "
                "such as ADR501, prefixes such as ADR50, or quality",
                config.source,
            )
    chosen = {code for code in CODES if any(_matches(s, code) for s in selectors)}
    return [
        replace(finding, severity="error") if finding.code in chosen else finding
        for finding in findings
    ]
