"""Run the chosen rules over a log: file and content rules on the files asked for, log rules
on the whole log. Pure apart from reading the log once; never raises on any file content."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import CONFIG_NAME
from ..document import split_lines
from ..errors import ConfigError, UsageError
from ..escape import one_line
from ..model import paired_relations
from ..store import load_log
from .base import FAMILIES, RULES, Finding, Hit, LintContext, Rule, Severity, Target
from .quality.rules import promote
from .time_rules import TIME_KEYS

_CODE = re.compile(r"ADR\d{3}")  # what a recorded hit's code looks like

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Sequence

    from ..cache import FileCache
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
    # A whole-log lint keeps the files that reading the log parsed (those the cache could not
    # answer) for the file rules; with paths named, only those files are read again.
    loaded = load_log(config, keep_documents=paths is None)
    config = replace(config, relations=paired_relations(loaded.log, config.relations))
    wanted = _wanted(paths, loaded)
    adopted = config.source is not None and config.source.name == CONFIG_NAME
    targets = [
        Target(adr, loaded.documents)
        for adr in loaded.log
        if wanted is None or adr.path in wanted
    ]
    ctx = LintContext(config, loaded, targets, today, adopted, wanted)
    selection = selection or Selection()
    per_file = _PerFile(ctx, selection, loaded.cache)
    findings: list[Finding] = []
    for target in targets:
        findings += per_file.findings(target)
        ctx.forget(target.adr.path)
        loaded.documents.release(target.adr.path)  # a big log is never held whole
    findings += _findings(ctx, _log_hits(ctx, selection))
    if loaded.cache is not None:
        loaded.cache.save()
    findings = promote(findings, config)  # [quality] errors
    return sorted(dict.fromkeys(findings), key=_order)  # stable: a rule's own order is kept


class _PerFile:
    """File, content and time rules on one ADR at a time. What the file and content rules find
    depends only on the file, its metadata and the settings, so it is kept in the cache; time
    rules depend on today and always run."""

    def __init__(self, ctx: LintContext, selection: Selection, cache: FileCache | None) -> None:
        self.ctx, self.selection = ctx, selection
        self.cache = cache if cache is not None and cache.enabled else None
        file_rules = [rule for _, rule in sorted(RULES.items()) if rule.file_check is not None]
        self.cacheable = [rule for rule in file_rules if rule.family != "time"]
        self.live = [
            rule for rule in file_rules if rule.family == "time" and selection.wants(rule.code)
        ]
        if self.cache is None or not any(selection.wants(r.code) for r in self.cacheable):
            self.cacheable = [rule for rule in self.cacheable if selection.wants(rule.code)]
            self.cache = None  # run what is asked and nothing more
        self.salt = _settings_digest(ctx) if self.cache is not None else ""

    def findings(self, target: Target) -> list[Finding]:
        path = target.adr.path
        cache = self.cache
        digest = _digest(f"{self.salt} {target.adr!r}") if cache is not None else ""
        recorded = _recorded(cache.findings(path, digest)) if cache is not None else None
        if recorded is not None:
            hits, lines = recorded
            self.ctx.front_lines.update({(path, key): lines[key] for key in TIME_KEYS})
        else:
            hits = self._run(target, self.cacheable, whole=True)
            if cache is not None and path not in self.ctx.log_dependent:
                lines = {key: self.ctx.front_line(target, key) for key in TIME_KEYS}
                cache.record_findings(path, digest, {"hits": hits, "lines": lines})
        found = [
            Finding(path, line, column, code, _severity(code), message)
            for code, line, column, message in hits
            if self.selection.wants(code)
        ]
        if self.live:
            found += [
                Finding(path, line, column, code, _severity(code), message)
                for code, line, column, message in self._run(target, self.live, whole=False)
            ]
        return found

    def _run(self, target: Target, rules: list[Rule], whole: bool) -> list[list[Any]]:
        """[code, line, column, message] of each hit. `whole`: the rules that read the file,
        with the parser's own problems and each line kept inside the file."""
        if not rules:
            return []  # e.g. `--select ADR3`: the file need not be read
        hits = [
            (rule.code, hit)
            for rule in rules
            if rule.file_check is not None
            for hit in rule.file_check(self.ctx, target)
        ]
        if not whole:  # time rules: lines from the front matter's keys or the title
            return [[code, hit.line, hit.column, _one_line(hit.message)] for code, hit in hits]
        hits += [  # what the parser found that no rule claims (yet)
            (problem.code, Hit(target.adr.path, problem.line, problem.message))
            for problem in target.document.problems
            if problem.code not in RULES
        ]
        if not hits:
            return []
        last = max(1, len(split_lines(target.document.text)))
        return [
            [code, min(hit.line, last), hit.column, _one_line(hit.message)] for code, hit in hits
        ]


def _recorded(data: Any) -> tuple[list[Any], dict[str, int | None]] | None:
    """The cache's [code, line, column, message] hits and front-matter lines, if well formed
    (anything else is damage: the rules run again)."""
    try:
        hits, lines = data["hits"], data["lines"]
        well_formed = (
            isinstance(hits, list)
            and all(
                isinstance(code, str)
                and _CODE.fullmatch(code) is not None
                and _counted(line)
                and _counted(column)
                and isinstance(message, str)
                for code, line, column, message in hits
            )
            and all(lines[key] is None or _counted(lines[key]) for key in TIME_KEYS)
        )
    except (KeyError, TypeError, ValueError):
        return None
    return (hits, lines) if well_formed else None


def _counted(value: Any) -> bool:
    """A line or column number: a whole number from 1 (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _severity(code: str) -> Severity:
    rule = RULES.get(code)
    return rule.severity if rule is not None else "error"


def _settings_digest(ctx: LintContext) -> str:
    """What file and content findings depend on beyond the file: settings, project templates."""
    folder = ctx.config.directory / "templates"
    states = []
    if folder.is_dir():
        for template in sorted(folder.glob("*.md")):
            with contextlib.suppress(OSError):
                info = template.stat()
                states.append((template.name, info.st_size, info.st_mtime_ns))
    return _digest(f"{ctx.config!r} {ctx.adopted} {states}")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def _log_hits(ctx: LintContext, selection: Selection) -> list[tuple[Rule, Hit]]:
    return [
        (rule, hit)
        for rule in selection.rules()
        if rule.log_check is not None
        for hit in rule.log_check(ctx)
    ]


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
    return one_line(message)


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
    known |= {unread.path for unread in loaded.unread}
    wanted: set[Path] = set()
    for path in paths:
        resolved, named = path.resolve(), _named(path)
        if resolved.is_dir() and not path.is_symlink():
            wanted |= {found for found in known if resolved == found or resolved in found.parents}
        elif named in known:
            wanted.add(named)
        elif resolved in known:
            wanted.add(resolved)
    return wanted


def _named(path: Path) -> Path:
    """The absolute path of the file as named: its folder resolved, a link at the end kept
    (a link is linted as the file it is, whatever it leads to)."""
    return path.absolute().parent.resolve() / path.name


def _touches_log(paths: Sequence[Path], config: Config) -> bool:
    """Whether any path is in the ADR folder, is the index or the configuration."""
    directory = config.directory.resolve()
    special = {config.index_path.resolve()}
    if config.source is not None:
        special.add(config.source.resolve())
    for path in paths:
        resolved = path.resolve()
        if {resolved, _named(path)} & special or directory in _named(path).parents:
            return True
        if resolved == directory or directory in resolved.parents:
            return True
        if resolved.is_dir() and (resolved in directory.parents):
            return True
    return False
