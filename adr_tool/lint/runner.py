"""Run the chosen rules over a log: file and content rules on the files asked for, log rules
on the whole log. Pure apart from reading the log once; never raises on any file content."""

from __future__ import annotations

import contextlib
import gc
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import CONFIG_NAME
from ..document import split_lines
from ..errors import ConfigError, UsageError
from ..store import load_log
from .base import FAMILIES, RULES, Finding, Hit, LintContext, Rule, Target

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Sequence

    from ..config import Config
    from ..errors import AdrError
    from ..store import LoadedLog


@dataclass(frozen=True)
class Selection:
    """Which rules run: `select` (empty: all) minus `ignore`; codes, prefixes or families."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def build(
        cls, config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()
    ) -> Selection:
        """The [lint] table, with --select replacing its `select` and --ignore adding to it."""
        where = config.source if config.source and config.source.name == CONFIG_NAME else None
        _check(config.lint_select + config.lint_ignore, ConfigError, "in [lint]", where)
        cli_select, cli_ignore = _split(select), _split(ignore)
        _check(cli_select + cli_ignore, UsageError, "given to --select/--ignore", None)
        return cls(cli_select or config.lint_select, config.lint_ignore + cli_ignore)

    def wants(self, code: str) -> bool:
        rule = RULES.get(code)
        family = rule.family if rule else ""
        chosen = not self.select or any(_matches(s, code, family) for s in self.select)
        return chosen and not any(_matches(s, code, family) for s in self.ignore)

    def rules(self) -> list[Rule]:
        return [rule for code, rule in sorted(RULES.items()) if self.wants(code)]


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _matches(selector: str, code: str, family: str) -> bool:
    lowered = selector.strip().lower()
    return lowered in ("all", family) or code.lower().startswith(lowered)


def _check(selectors: Sequence[str], error: type[AdrError], where: str, path: Path | None) -> None:
    for selector in selectors:
        if not any(_matches(selector, code, rule.family) for code, rule in RULES.items()):
            raise error(
                f"unknown rule {selector!r} {where}: give codes such as ADR201, prefixes such "
                f"as ADR2, or families ({', '.join(FAMILIES)}); `adr lint --list-rules` lists them",
                path,
            )


def lint(
    config: Config,
    paths: Sequence[Path] | None,
    today: dt.date,
    selection: Selection | None = None,
) -> list[Finding]:
    """Every finding of the selected rules, in path and line order."""
    with _collector_paused():
        return _lint(config, paths, today, selection)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Lint allocates much and frees little: the cycle collector's passes over a big log's
    objects cost a third of the time, so it waits until the findings are out."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint(
    config: Config,
    paths: Sequence[Path] | None,
    today: dt.date,
    selection: Selection | None,
) -> list[Finding]:
    if not config.directory.is_dir():
        raise ConfigError(f"the ADR folder {config.directory} does not exist: run `adr init`")
    if paths is not None:
        _check_exist(paths)
        if not _touches_log(paths, config):
            return []  # e.g. the hook was given only Markdown files outside the log
    loaded = load_log(config)
    wanted = _wanted(paths, loaded)
    adopted = config.source is not None and config.source.name == CONFIG_NAME
    targets = [
        Target(adr, loaded.documents[adr.path])
        for adr in loaded.log
        if wanted is None or adr.path in wanted
    ]
    ctx = LintContext(config, loaded, targets, today, adopted, wanted)
    selection = selection or Selection()
    findings = _findings(ctx, _hits(ctx, selection))
    findings += [
        Finding(target.adr.path, problem.line, 1, problem.code, "error", _one_line(problem.message))
        for target in targets
        for problem in target.document.problems
        if problem.code not in RULES and selection.wants(problem.code)
    ]  # problems the parser may learn to report before a rule claims their code
    return sorted(dict.fromkeys(findings), key=_order)  # stable: a rule's own order is kept


def _hits(ctx: LintContext, selection: Selection) -> list[tuple[Rule, Hit]]:
    """File rules on each target, log rules once."""
    hits: list[tuple[Rule, Hit]] = []
    for rule in selection.rules():
        if rule.file_check is not None:
            hits += [(rule, hit) for target in ctx.targets for hit in rule.file_check(ctx, target)]
        elif rule.log_check is not None:
            hits += [(rule, hit) for hit in rule.log_check(ctx)]
    return hits


def _findings(ctx: LintContext, hits: list[tuple[Rule, Hit]]) -> list[Finding]:
    """Hits with their rule's code and severity, each line inside its file, on one line."""
    documents = ctx.loaded.documents
    lines = {
        path: max(1, len(split_lines(documents[path].text)))
        for path in {hit.path for _, hit in hits}
        if path in documents
    }
    return [
        Finding(
            hit.path,
            min(hit.line, lines.get(hit.path, hit.line)),
            hit.column,
            rule.code,
            rule.severity,
            _one_line(hit.message),
        )
        for rule, hit in hits
    ]


def _one_line(message: str) -> str:
    """One line of printable text: a finding never moves the cursor or paints the terminal."""
    flat = " ".join(message.split())
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], flat)


def _order(finding: Finding) -> tuple[str, int, int, str]:
    return (str(finding.path), finding.line, finding.column, finding.code)


def _check_exist(paths: Sequence[Path]) -> None:
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")


def _wanted(paths: Sequence[Path] | None, loaded: LoadedLog) -> set[Path] | None:
    """The resolved ADR files that `paths` name (a folder names the ADRs below it)."""
    if paths is None:
        return None
    # The log's paths are already absolute under the resolved ADR folder: no resolve() each.
    known = set(loaded.documents)
    known |= {Path(error.path) for error in loaded.unreadable if error.path}
    wanted: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved.is_dir():
            wanted |= {found for found in known if resolved == found or resolved in found.parents}
        elif resolved in known:
            wanted.add(resolved)
    return wanted


def _touches_log(paths: Sequence[Path], config: Config) -> bool:
    """Whether any path is in the ADR folder, is the index or the configuration."""
    directory = config.directory.resolve()
    special = {config.index_path.resolve()}
    if config.source is not None:
        special.add(config.source.resolve())
    for path in paths:
        resolved = path.resolve()
        if resolved in special or resolved == directory or directory in resolved.parents:
            return True
        if resolved.is_dir() and (resolved in directory.parents):
            return True
    return False
