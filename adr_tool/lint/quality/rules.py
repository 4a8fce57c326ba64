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

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...config import Config
    from ..base import Finding, LintContext, Target
    from .vocabulary import Vocabulary

# The checks, their word lists and their record are imported when a file is first judged:
# a hook run that takes every finding from the cache never loads them.
TEMPLATE = "constraint-first"
EXPLANATIONS = {  # what --list-rules shows: each check's docstring, on one line
    "ADR501": "A quantitative constraint (Users, Data volume, Latency) gives no measured figure.",
    "ADR502": (
        "Consistency names no invariant: nothing that must never be lost or duplicated, no "
        "bound on staleness."
    ),
    "ADR503": (
        "Regulatory names no rule (a law, standard, audit, retention or residency rule), and "
        'is not "none, because ...".'
    ),
    "ADR504": "A non-boring part is chosen and no boring option is among the options considered.",
    "ADR505": (
        "A boring option is considered, another is chosen, and nothing says which constraint "
        "the boring one fails."
    ),
    "ADR506": (
        "A queue or broker is introduced with no asynchronous need stated (work that may "
        "finish after the caller has its answer, bursts to absorb, work that takes seconds or"
        " more)."
    ),
    "ADR507": 'The trade-offs give up nothing ("None", "no downsides", only gains).',
    "ADR508": (
        'A failure mode is dismissed ("unlikely", "it scales") or has no mitigation; where '
        "the project asks for it (`detection`), no detection signal."
    ),
    "ADR509": (
        'A scale claim ("millions", "must scale", "future-proof", "will not scale") with no '
        "measured figure for today's demand in the same section."
    ),
    "ADR510": (
        'The revisit trigger cannot be evaluated ("if needed", "later", "never", "periodically").'
    ),
    "ADR511": (
        'An option is a placeholder ("something else", "other", "Option B"), not an alternative.'
    ),
    "ADR512": "The chosen option is not among the options considered (version 2).",
    "ADR513": (
        'An argument from fashion in Decision or Trade-offs ("industry best practice", '
        '"modern", "state of the art", "everyone uses it").'
    ),
    "ADR514": (
        "A latency target with a figure, and no load test, benchmark or capacity test planned"
        " anywhere in the ADR."
    ),
    "ADR515": (
        "A rewrite is chosen and no incremental option (refactor, strangler, phased) was "
        "considered."
    ),
    "ADR516": (
        "An abstraction layer (pluggable, generic, framework, adapter) is chosen with fewer "
        "than two concrete users named."
    ),
    "ADR517": "An accepted ADR names no decision makers.",
    "ADR518": (
        "An `adr: allow` comment gives no reason, names a rule that is not a quality rule, or"
        " allows what nothing finds."
    ),
}
CODES = tuple(EXPLANATIONS)
CHECKED = CODES[:-1]  # ADR518 is the suppressions' own


def _applicable(ctx: LintContext, target: Target) -> tuple[tuple[str, ...], int]:
    """The codes that judge this file, and the version of the template it was written with
    (0: another template, read as free prose)."""
    template = choose(ctx, target).template
    if template is None:
        return (), 0
    if template.name == TEMPLATE:
        version = target.document.metadata.get("template-version", 1)
        return CHECKED, version if isinstance(version, int) else 1
    other = ctx.config.quality.other_templates
    if other is False:
        return (), 0
    if other is True:
        from .judge import FREE_PROSE

        return FREE_PROSE, 0
    return tuple(code for code in CHECKED if any(_matches(s, code) for s in other)), 0


def _matches(selector: str, code: str) -> bool:
    lowered = selector.strip().lower()
    return lowered in ("quality", "all") or code.lower().startswith(lowered)


def vocabulary(ctx: LintContext) -> Vocabulary:
    """The project's word lists, built once a run."""
    from .vocabulary import Vocabulary

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
    from . import suppressions
    from .judge import judge
    from .record import read

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
        flags = suppressions.apply(flags, allowed, codes, CHECKED)
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


for _code, _explanation in EXPLANATIONS.items():
    file_rule(_code, "quality", "warning")(_rule(_code, _explanation))


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
