"""The `adr` command line: options in, one call into the core, text out.

Heavy modules (git, questionary, markdown-it) are imported inside the commands that use them,
so that `adr lint` and `adr --help` start fast. Errors from the core reach the user as one
line here, and only here; `--debug` adds the traceback.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import commit as commit_module
from .errors import EXIT_BUG, EXIT_INTERRUPTED, Aborted, AdrError, UsageError

if TYPE_CHECKING:
    from .config import Config
    from .model import Adr, DecisionLog
    from .store import LoadedLog

STATUS_COLOURS = {
    "accepted": "green",
    "proposed": "yellow",
    "rejected": "red",
    "deprecated": "magenta",
    "superseded": "bright_black",
}


class _Failure(click.ClickException):
    """An AdrError at the boundary: one line on stderr, the error's own exit code."""

    def __init__(self, error: AdrError) -> None:
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code  # type: ignore[misc]  # click reads it per instance

    def show(self, file: Any = None) -> None:
        from .report import display_path

        error = self.error
        if error.path is not None:
            where = display_path(Path(error.path))
            where = where if error.line is None else f"{where}:{error.line}"
            text = f"{where}: {error.message}"
        else:
            text = error.message
        click.echo(f"adr: {text}", err=True)


class _AdrGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except AdrError as error:
            if debug:
                traceback.print_exc()
            raise _Failure(error) from error
        except KeyboardInterrupt:
            click.echo("adr: interrupted: nothing more was written", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if debug:
                raise
            click.echo(
                f"adr: internal error ({type(error).__name__}: {error}); this is a bug "
                "in adr-tool: rerun with --debug and report the traceback",
                err=True,
            )
            ctx.exit(EXIT_BUG)


@dataclass
class _State:
    directory: Path | None
    debug: bool

    def config(self) -> Config:
        from .config import discover

        return discover(Path.cwd(), self.directory)

    def load(self) -> tuple[Config, LoadedLog]:
        from .store import load_log

        config = self.config()
        loaded = load_log(config)
        for error in loaded.unreadable:
            _Failure(error).show()
        return config, loaded


class _AdrNumber(click.ParamType):  # type: ignore[type-arg]  # generic in click >= 8.2 only
    """An ADR number: `7`, `0007` or `ADR-7`; never a file name or a part of one."""

    name = "NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"(?:adr[-_ ]?)?0*(\d{1,9})", str(value).strip(), re.IGNORECASE)
        if match is None:
            self.fail(f"{value!r} is not an ADR number (such as 12 or 0012)", param, ctx)
        return int(match.group(1))


ADR_NUMBER = _AdrNumber()


def _colour() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def _echo(text: str = "", err: bool = False) -> None:
    click.echo(text, err=err, color=_colour())


def _state(ctx: click.Context) -> _State:
    state = ctx.find_object(_State)
    assert state is not None
    return state


def _fail(message: str) -> NoReturn:
    raise UsageError(message)


_F = TypeVar("_F", bound=Callable[..., Any])


def _format_option(*choices: str) -> Callable[[_F], _F]:
    """`--format` with these choices, the first being the default."""
    return click.option("--format", "output_format", type=click.Choice(list(choices)),
                        default=choices[0], show_default=True)


def _diff(before: str, after: str, shown: str, old_label: str = "", new_label: str = "") -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 old_label or shown, new_label or shown)
    return "".join(lines).rstrip("\n")


def _commit_option(function: _F) -> _F:
    return click.option("--commit", is_flag=True,
                        help="Commit exactly the files this command changed.")(function)


@click.group(cls=_AdrGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--dir",
    "directory",
    envvar="ADR_DIR",
    type=click.Path(path_type=Path),
    help="The ADR folder to use, bypassing discovery (also $ADR_DIR).",
)
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.version_option(package_name="adr-tool", prog_name="adr")
@click.pass_context
def cli(ctx: click.Context, directory: Path | None, debug: bool) -> None:
    """Architecture Decision Records that start from constraints.

    \b
    Example:
      adr init
      adr new "Use PostgreSQL for the order store"
      adr list --status accepted
    """
    ctx.obj = _State(directory, debug)


@cli.command()
@click.option(
    "--template",
    "template_name",
    default=None,
    help="Template for ADR 0001 and the project default (constraint-first).",
)
@click.option("--date", "date", default=None, help="Date of ADR 0001 (default: today).")
@click.pass_context
def init(ctx: click.Context, template_name: str | None, date: str | None) -> None:
    """Start a decision log: .adr.toml, the ADR folder and ADR 0001.

    The folder is docs/adr unless the global --dir names another. An existing log is never
    touched.

    \b
    Example:
      adr init
      adr --dir docs/decisions init --template madr
    """
    from . import scaffold, templates
    from .config import DEFAULT_DIRECTORY, DEFAULT_TEMPLATE, find_root

    state = _state(ctx)
    root = find_root(Path.cwd().resolve())
    directory = DEFAULT_DIRECTORY
    if state.directory is not None:
        directory = os.path.relpath(state.directory.resolve(), root)
    template = templates.load(template_name or DEFAULT_TEMPLATE, None)
    config_path, first = scaffold.init_log(
        root, directory, template, scaffold.check_date(date, "--date") if date else None
    )
    from .report import display_path

    _echo(f"created {display_path(config_path)}")
    _echo(f"created {display_path(first)}")


@cli.command()
@click.argument("title", required=False)
@click.option("--no-input", is_flag=True, help="Never prompt; take everything from options.")
@click.option("-t", "--template", "template_name", help="Template name (default: configured).")
@click.option("--status", help="Initial status (default: the configured default-status).")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="SECTION=TEXT",
    help='Answer a section: "Context=...", "Constraints.Latency=...". Repeatable; '
    "each --set adds one entry to a list section such as the options.",
)
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path),
    help="A YAML file with title, sections and metadata.",
)
@click.option("--supersedes", multiple=True, type=ADR_NUMBER, help="An ADR this one replaces.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--decision-maker", "decision_makers", multiple=True, help="A decision maker.")
@click.option("--date", help="Date to record (default: today).")
@click.option("--review-by", help="Date by which the decision should be reviewed.")
@click.option("--edit", is_flag=True, help="Open the new file in $VISUAL or $EDITOR.")
@_commit_option
@click.pass_context
def new(
    ctx: click.Context,
    title: str | None,
    no_input: bool,
    template_name: str | None,
    status: str | None,
    assignments: tuple[str, ...],
    answers_file: Path | None,
    supersedes: tuple[int, ...],
    tags: tuple[str, ...],
    decision_makers: tuple[str, ...],
    date: str | None,
    review_by: str | None,
    edit: bool,
    commit: bool,
) -> None:
    """Write a new ADR from a template and print its path.

    On a terminal it asks each section's question; with --no-input, or without a terminal,
    it takes the answers from options and never waits for input.

    \b
    Example:
      adr new "Use PostgreSQL for the order store"
      adr new "Use S3 for invoices" --no-input --tag storage \\
        --set "Context=Invoices must be kept seven years." \\
        --set "Options considered=S3" --set "Options considered=Postgres large objects" \\
        --set "Constraints.Latency=n/a, because invoices are fetched in batches"
    """
    from . import scaffold, templates
    from .report import display_path

    config, loaded = _state(ctx).load()
    data: dict[str, Any] = {}
    if answers_file is not None:
        data = scaffold.read_answers(answers_file)
    template = templates.load(
        template_name or data.get("template") or config.template, config.directory
    )
    sections = scaffold.sections_from_answers(data, answers_file) if answers_file else {}
    for assignment in assignments:
        scaffold.parse_set(assignment, template, sections)
    chosen_status = status or str(data.get("status") or config.default_status)
    if chosen_status.lower() not in config.statuses:
        _fail(f"unknown status {chosen_status!r}; allowed: {', '.join(config.statuses)}")
    interactive = not no_input and sys.stdin.isatty() and sys.stdout.isatty()
    answers: dict[str, Any] = {}
    if interactive:
        from . import prompts

        answers = prompts.ask_new(template, title or data.get("title"), loaded.log.adrs)
        for name, value in answers["sections"].items():
            sections.setdefault(name, value)
    final_title = title or answers.get("title") or data.get("title")
    if not final_title:
        _fail('a title is required: adr new "Use PostgreSQL for orders" --no-input')
    all_supersedes = [
        *supersedes,
        *_numbers(data.get("supersedes")),
        *answers.get("supersedes", []),
    ]
    for number in all_supersedes:
        loaded.log.get(number)
    draft = scaffold.Draft(
        title=scaffold.check_title(str(final_title)),
        template=template,
        status=chosen_status.lower(),
        date=scaffold.check_date(date or str(data.get("date") or scaffold.today()), "--date"),
        tags=[*tags, *map(str, data.get("tags") or []), *answers.get("tags", [])],
        decision_makers=[
            *decision_makers,
            *map(str, data.get("decision-makers") or []),
            *answers.get("decision-makers", []),
        ],
        supersedes=list(dict.fromkeys(all_supersedes)),
        review_by=scaffold.check_date(review_by or str(data["review-by"]), "--review-by")
        if review_by or data.get("review-by")
        else None,
        sections=sections,
    )
    if interactive:
        from . import prompts

        _echo()
        _echo(draft.render())
        if not prompts.confirm_write(
            f"ADR {loaded.log.next_number():04d} to {display_path(config.directory)}"
        ):
            raise Aborted()
    superseded = [loaded.log.get(number).path for number in draft.supersedes]
    root = commit_module.check_clean(config.directory, superseded) if commit else None
    _ref, on_base = _base_numbers(config)
    path = scaffold.write_new(config, draft, on_base)
    if draft.supersedes:
        from . import lifecycle

        lifecycle.supersede_from_new(config, path, draft.supersedes, draft.date)
    _echo(display_path(path))
    if edit:
        _open_editor(path)
    if root is not None:
        number = path.name.split("-", 1)[0]
        commit_module.commit(root, [path, *superseded], f"ADR {number}: {draft.title}")


def _numbers(value: Any) -> list[int]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [ADR_NUMBER.convert(item, None, None) for item in items]


@cli.command(name="list")
@click.option("--status", "statuses", multiple=True, help="Only ADRs with this status.")
@click.option("--tag", "tags", multiple=True, help="Only ADRs with this tag.")
@_format_option("table", "json", "paths")
@click.pass_context
def list_command(
    ctx: click.Context, statuses: tuple[str, ...], tags: tuple[str, ...], output_format: str
) -> None:
    """List the ADRs of the log, in number order.

    \b
    Example:
      adr list --status accepted --tag storage
      adr list --format json
    """
    from . import report

    config, loaded = _state(ctx).load()
    adrs = loaded.log.filter(statuses, tags)
    if output_format == "json":
        history = _history(config, loaded.log)
        records = [report.with_history(report.record(adr, config.root), history.of(adr.path))
                   for adr in adrs]
        _echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif output_format == "paths":
        for adr in adrs:
            _echo(report.display_path(adr.path))
    else:
        _print_table(report.table(adrs))


def _print_table(rows: list[tuple[str, str, str, str, str]]) -> None:
    if not rows:
        return
    status_width = max(len(row[1]) for row in rows)
    date_width = max(len(row[2]) for row in rows)
    for number, status, date, title, tags in rows:
        coloured = click.style(status.ljust(status_width), fg=STATUS_COLOURS.get(status))
        suffix = f"  [{tags}]" if tags else ""
        _echo(f"{number}  {coloured}  {date.ljust(date_width)}  {title}{suffix}")


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@_format_option("markdown", "json")
@click.pass_context
def show(ctx: click.Context, number: int, output_format: str) -> None:
    """Print one ADR.

    \b
    Example:
      adr show 12
      adr show 12 --format json
    """
    from . import report

    config, loaded = _state(ctx).load()
    adr = loaded.log.get(number)
    document = loaded.documents[adr.path]
    if output_format == "json":
        data = report.with_history(report.record(adr, config.root),
                                   _history(config, loaded.log).of(adr.path))
        data["body"] = "\n".join(document.body_lines).strip("\n") + "\n"
        _echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _echo(document.text.rstrip("\n"))


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.pass_context
def edit(ctx: click.Context, number: int) -> None:
    """Open an ADR in $VISUAL or $EDITOR.

    \b
    Example:
      EDITOR=nano adr edit 12
    """
    _config, loaded = _state(ctx).load()
    _open_editor(loaded.log.get(number).path)


def _open_editor(path: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        _fail(f"set $VISUAL or $EDITOR to open {path.name}")
    try:
        completed = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot run the editor {editor!r}: {error}") from None
    if completed.returncode != 0:
        raise AdrError(f"the editor {editor!r} exited with {completed.returncode}", path)


def _write_changes(config: Config, changes: list[Any], commit: bool, message: str) -> None:
    """Apply the changes of a lifecycle command (all or none), report, and commit if asked."""
    from . import lifecycle
    from .report import display_path

    root = commit_module.check_clean(config.directory, [c.path for c in changes]) if commit \
        else None
    written = lifecycle.apply(changes)
    if not written:
        _echo("nothing to change: the log already says so")
        return
    for path in written:
        _echo(f"updated {display_path(path)}")
    if root is not None:
        commit_module.commit(root, written, message)


def _change_status(ctx: click.Context, number: int, status: str, commit: bool) -> None:
    from . import lifecycle, scaffold

    config, loaded = _state(ctx).load()
    changes = lifecycle.set_status(loaded, config, number, status, scaffold.today())
    adr = loaded.log.get(number)
    _write_changes(config, changes, commit, f"ADR {number:04d}: {status.lower()} ({adr.title})")


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.argument("status")
@_commit_option
@click.pass_context
def status(ctx: click.Context, number: int, status: str, commit: bool) -> None:
    """Set an ADR's status (one of the configured statuses) and today's date.

    Only the status and date change; the rest of the file is kept byte for byte.

    \b
    Example:
      adr status 12 accepted
      adr status 12 deprecated --commit
    """
    _change_status(ctx, number, status, commit)


def _shortcut(name: str, status_word: str) -> None:
    @cli.command(name=name, help=f"""Mark an ADR {status_word} (`adr status N {status_word}`).

    \b
    Example:
      adr {name} 12
    """)
    @click.argument("number", type=ADR_NUMBER)
    @_commit_option
    @click.pass_context
    def command(ctx: click.Context, number: int, commit: bool) -> None:
        _change_status(ctx, number, status_word, commit)


_shortcut("accept", "accepted")
_shortcut("reject", "rejected")
_shortcut("deprecate", "deprecated")


@cli.command()
@click.argument("old", type=ADR_NUMBER)
@click.argument("new", type=ADR_NUMBER)
@_commit_option
@click.pass_context
def supersede(ctx: click.Context, old: int, new: int, commit: bool) -> None:
    """Mark OLD superseded by NEW, writing both files (or neither).

    \b
    Example:
      adr supersede 3 12
    """
    from . import lifecycle, scaffold

    config, loaded = _state(ctx).load()
    changes = lifecycle.supersede(loaded, old, new, scaffold.today())
    _write_changes(config, changes, commit, f"ADR {new:04d} supersedes ADR {old:04d}")


@cli.command()
@click.argument("first", type=ADR_NUMBER)
@click.argument("relation")
@click.argument("second", type=ADR_NUMBER)
@_commit_option
@click.pass_context
def link(ctx: click.Context, first: int, relation: str, second: int, commit: bool) -> None:
    """Link two ADRs with a typed relation; the reverse is written on the other side.

    Relations: amends/amended-by, relates-to, and the pairs under [links] in .adr.toml.

    \b
    Example:
      adr link 12 amends 5
    """
    from . import lifecycle

    config, loaded = _state(ctx).load()
    changes = lifecycle.link(loaded, config, first, relation, second)
    _write_changes(config, changes, commit, f"ADR {first:04d} {relation} ADR {second:04d}")


@cli.command()
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 with a diff when the index is out of date.")
@_commit_option
@click.pass_context
def index(ctx: click.Context, check: bool, commit: bool) -> None:
    """Write the Markdown index of the log (default <adr-dir>/README.md).

    \b
    Example:
      adr index
      adr index --check   # in CI: fails when someone forgot to regenerate it
    """
    from .index import render_index
    from .report import display_path
    from .store import write_atomic

    config, loaded = _state(ctx).load()
    target = config.index_path
    wanted = render_index(loaded.log, config)
    try:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise AdrError(f"cannot read the index: {error}", target) from None
    shown = display_path(target)
    if check:
        if current == wanted:
            _echo(f"{shown} is up to date")
            return
        _echo(_diff(current, wanted, shown, f"{shown} (on disk)", f"{shown} (adr index)"))
        _echo(f"adr: {shown} is out of date: run `adr index`", err=True)
        ctx.exit(1)
    if current == wanted:
        _echo(f"{shown} is up to date")
        return
    root = commit_module.check_clean(config.directory, [target]) if commit else None
    write_atomic(target, wanted)
    _echo(f"wrote {shown}")
    if root is not None:
        commit_module.commit(root, [target], "Update the ADR index")


@cli.command()
@_format_option("mermaid", "dot")
@click.pass_context
def graph(ctx: click.Context, output_format: str) -> None:
    """Print the graph of supersede and link relations.

    \b
    Example:
      adr graph --format dot | dot -Tsvg > decisions.svg
    """
    from . import graph as graph_module

    config, loaded = _state(ctx).load()
    render = graph_module.dot if output_format == "dot" else graph_module.mermaid
    _echo(render(loaded.log, config.relations).rstrip("\n"))


def _history(config: Config, log: DecisionLog) -> Any:
    """The git history of the log (one `git log`); its notice, if any, goes to stderr."""
    from .config import find_root
    from .history import read_history

    history = read_history(find_root(config.directory), log, config.statuses)
    if history.notice:
        _echo(f"adr: note: {history.notice}", err=True)
    return history


def _iso_option(text: str | None, option: str) -> Any:
    import datetime as dt

    from .scaffold import check_date

    return dt.date.fromisoformat(check_date(text, option)) if text else None


@cli.command(name="log")
@click.option("--since", help="Only events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this date (YYYY-MM-DD).")
@click.option("--adr", "number", type=ADR_NUMBER, help="Only this ADR's events.")
@_format_option("text", "json")
@click.pass_context
def log_command(ctx: click.Context, since: str | None, until: str | None, number: int | None,
                output_format: str) -> None:
    """The decision timeline from git, newest first: who proposed, accepted, superseded what.

    \b
    Example:
      adr log --since 2026-01-01
      adr log --adr 12 --format json
    """
    config, loaded = _state(ctx).load()
    history = _history(config, loaded.log)
    start, end = _iso_option(since, "--since"), _iso_option(until, "--until")
    events = [
        e for e in history.events()
        if (number is None or e.number == number)
        and (start is None or e.date[:10] >= start.isoformat())
        and (end is None or e.date[:10] <= end.isoformat())
    ]
    uncommitted = [adr for adr in loaded.log if history.of(adr.path) is None
                   and (number is None or adr.number == number)]
    if output_format == "json":
        data = [{"date": e.date, "number": e.number, "title": e.title, "event": e.kind,
                 "detail": _event_detail(e, loaded.log), "author": e.author, "commit": e.commit}
                for e in events]
        data = [{"date": None, "number": a.number, "title": a.title, "event": "uncommitted",
                 "detail": "", "author": None, "commit": None} for a in uncommitted] + data
        _echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for adr in uncommitted:
        _echo(f"{'uncommitted':10}  {adr.number:04d}  {'-':12}  {adr.title}")
    for e in events:
        detail = _event_detail(e, loaded.log)
        what = f"{e.kind} {detail}".strip() if e.kind == "superseded" else e.kind
        _echo(f"{e.date[:10]}  {e.number:04d}  {what:12}  {e.title}  ({e.author})")


def _event_detail(event: Any, log: DecisionLog) -> str:
    if event.kind == "superseded":
        adr = log.find(event.number)
        if adr is not None and adr.superseded_by:
            return "by " + ", ".join(f"{n:04d}" for n in adr.superseded_by)
    return str(event.detail)


@cli.command()
@click.option("--within", "within_days", type=click.IntRange(min=0), default=30,
              show_default=True, help="Also list reviews due within this many days.")
@click.option("--unchanged-since", help="Also list ADRs not changed since this date.")
@_format_option("text", "json")
@click.option("--fail-on-due", is_flag=True, help="Exit 1 when anything needs attention.")
@click.pass_context
def review(ctx: click.Context, within_days: int, unchanged_since: str | None,
           output_format: str, fail_on_due: bool) -> None:
    """What needs a lead's attention: reviews due, stale proposals, links to superseded ADRs.

    \b
    Example:
      adr review --within 60
      adr review --unchanged-since 2025-01-01 --format json
    """
    import datetime as dt

    from . import review as review_module
    from .scaffold import today

    config, loaded = _state(ctx).load()
    history = _history(config, loaded.log)
    items = review_module.review(loaded.log, history, dt.date.fromisoformat(today()),
                                 within_days, config.stale_proposal_days,
                                 _iso_option(unchanged_since, "--unchanged-since"))
    if output_format == "json":
        _echo(json.dumps([{"number": i.number, "title": i.title, "reason": i.reason,
                           "detail": i.detail} for i in items], indent=2, ensure_ascii=False))
    else:
        for item in items:
            _echo(f"{item.number:04d}  {item.reason:21}  {item.title}: {item.detail}")
        if not items:
            _echo("nothing needs review")
    if items and fail_on_due:
        ctx.exit(1)


def _base_numbers(config: Config) -> tuple[str | None, dict[int, list[str]]]:
    """The base branch and the numbers its ADR folder uses (empty outside git)."""
    from . import branches
    from .config import find_root

    root = find_root(config.directory)
    ref = branches.base_ref(root, config.base_branch)
    return ref, (branches.numbers_on(root, ref, config.directory) if ref else {})


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.option("--to", "to", type=ADR_NUMBER, help="The new number (default: the next free one, "
              "counting the base branch).")
@click.option("--file", "file", type=click.Path(path_type=Path),
              help="Which file, when two ADRs share the number.")
@click.option("--dry-run", is_flag=True, help="Print the changes; write nothing.")
@click.pass_context
def renumber(ctx: click.Context, number: int, to: int | None, file: Path | None,
             dry_run: bool) -> None:
    """Move an ADR to a free number and rewrite every reference to it.

    The file is renamed (with `git mv` when tracked); front-matter lists, relative links and
    the index follow.

    \b
    Example:
      adr renumber 5            # after a collision with the base branch
      adr renumber 5 --to 9 --dry-run
    """
    from . import renumber as renumber_module
    from .config import find_root
    from .report import display_path

    config, loaded = _state(ctx).load()
    ref, on_base = _base_numbers(config)
    if to is None:
        to = loaded.log.next_number(on_base)
    elif to in on_base:
        _fail(f"number {to} is already used on {ref} by {on_base[to][0]}")
    plan = renumber_module.plan(loaded, number, to, file)
    rename = f"{display_path(plan.adr.path)} -> {display_path(plan.target)}"
    if dry_run:
        _echo(f"would rename {rename}")
        for change in plan.changes:
            shown = display_path(change.path)
            _echo(_diff(change.before, change.after, shown))
        if config.index_path.exists():
            _echo(f"would regenerate {display_path(config.index_path)}")
        return
    root = find_root(config.directory)
    written = renumber_module.apply_plan(root, plan)
    _echo(f"renamed {rename}")
    for path in written:
        if path != plan.target:
            _echo(f"updated {display_path(path)}")
    if config.index_path.exists():
        try:
            _write_index(config)
        except AdrError:
            renumber_module.restore(root, plan)
            raise


def _write_index(config: Config) -> None:
    from .index import render_index
    from .report import display_path
    from .store import load_log, write_atomic

    write_atomic(config.index_path, render_index(load_log(config).log, config))
    _echo(f"updated {display_path(config.index_path)}")


@cli.command(name="import")
@click.option("--from", "forced", type=click.Choice(["adr-tools", "madr", "log4brains", "pyadr",
              "front-matter"]), help="Read every file as this format instead of detecting it.")
@click.option("--map-status", "status_map", multiple=True, metavar="OLD=NEW",
              help="Map a status outside the configured set (repeatable).")
@click.option("--renumber", is_flag=True,
              help="Rename files that are not NNNN-slug.md (dates, ADR012-, 012_) to that form.")
@click.option("--dry-run", is_flag=True, help="Print a summary and a diff; write nothing.")
@click.option("--force", is_flag=True,
              help="Write even though the ADR folder has uncommitted changes.")
@click.pass_context
def import_command(ctx: click.Context, forced: str | None, status_map: tuple[str, ...],
                   renumber: bool, dry_run: bool, force: bool) -> None:
    """Convert an adr-tools, MADR, log4brains or pyadr log to adr-tool's format, in place.

    Metadata moves into front matter; every other line of every body is kept. With
    uncommitted changes in the ADR folder it only shows what it would do (see --force).

    \b
    Example:
      adr import --dry-run
      adr import --renumber --map-status Approved=accepted
    """
    from . import importer
    from .config import find_root
    from .report import display_path

    config, loaded = _state(ctx).load()
    mapping: dict[str, str] = {}
    for item in status_map:
        old, separator, new = item.partition("=")
        if not separator or not old.strip() or new.strip().lower() not in config.statuses:
            allowed = ", ".join(config.statuses)
            _fail(f"--map-status {item!r}: use OLD=NEW with NEW one of {allowed}")
        mapping[old.strip()] = new.strip().lower()
    root = find_root(config.directory)
    if not dry_run and not force and _uncommitted(root, config.directory):
        dry_run = True
        _echo(f"adr: {display_path(config.directory)} has uncommitted changes: showing what "
              "would change (commit first, or pass --force)", err=True)
    plan = importer.plan_import(loaded, config, forced, mapping, renumber)
    report = plan.report
    counts: dict[str, int] = {}
    for kind in report.detected.values():
        counts[kind] = counts.get(kind, 0) + 1
    _echo("detected: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    if dry_run:
        for change in plan.changes:
            shown = display_path(change.path)
            _echo(_diff(change.before, change.after, shown))
        for source, target in plan.renames:
            _echo(f"would rename {display_path(source)} -> {display_path(target)}")
    else:
        importer.apply_import(root, plan)
        for source, target in plan.renames:
            _echo(f"renamed {display_path(source)} -> {display_path(target)}")
    verb = "would convert" if dry_run else "converted"
    _echo(f"{verb} {len(report.converted)} files, {len(report.unchanged)} unchanged, "
          f"{len(report.skipped)} skipped, {len(plan.renames)} renamed")
    for line in report.skipped:
        _echo(f"  skipped {line}")
    for status_word, paths in sorted(report.verbatim_statuses.items()):
        _echo(f"  status kept verbatim: {status_word!r} in {len(paths)} files "
              f"(map it with --map-status '{status_word}=...')")
    for path, date in report.verbatim_dates:
        _echo(f"  date kept verbatim: {display_path(path)}: {date!r}")
    for path, link in report.broken_links:
        _echo(f"  broken link kept: {display_path(path)}: {link}")


def _uncommitted(root: Path, directory: Path) -> bool:
    if not (root / ".git").exists():
        return False
    completed = subprocess.run(["git", "status", "--porcelain", "--", str(directory)], cwd=root,
                               capture_output=True, text=True, check=False)
    return completed.returncode == 0 and bool(completed.stdout.strip())


@cli.command(name="site")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the site to (new, empty, or a site built before).")
@click.option("--serve", is_flag=True,
              help="Serve the site on 127.0.0.1 and rebuild it when an ADR changes; "
              "Ctrl-C stops (exit 0).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port for --serve (0: any free port).")
@click.pass_context
def site_command(ctx: click.Context, output: Path | None, serve: bool, port: int) -> None:
    """Write the decision log as a static website that needs no network to view.

    An index with status and tag filters and search, one page per ADR, a timeline from git
    and a graph of supersede and link relations. Open index.html from disk or put the folder
    on any static web server. With --serve and no -o, the site lives in a temporary folder.

    \b
    Example:
      adr site -o site && xdg-open site/index.html
      adr site --serve --port 8080
    """
    import tempfile
    import time

    from . import site as site_module

    if output is None and not serve:
        _fail("give the folder to write with -o DIR, or use --serve")
    out = (output or Path(tempfile.mkdtemp(prefix="adr-site-"))).resolve()
    state = _state(ctx)

    def build() -> Path:
        started = time.monotonic()
        config, loaded = state.load()
        result = site_module.build(loaded, config, _history(config, loaded.log), out)
        _echo(f"wrote {out} ({result.pages} ADR pages; {result.written} files changed, "
              f"{result.unchanged} unchanged, {result.removed} removed) "
              f"in {time.monotonic() - started:.1f}s")
        return config.directory

    try:
        directory = build()
        if serve:
            from .site_serve import serve as serve_site

            serve_site(out, port, [directory], build, _echo)
        else:
            _echo(f"open {out / 'index.html'}")
    finally:
        if output is None:
            site_module.clear(out)


@cli.command(name="templates")
@_format_option("table", "json")
@click.pass_context
def templates_command(ctx: click.Context, output_format: str) -> None:
    """List the templates: the built-ins and the project's own (<adr-dir>/templates/).

    \b
    Example:
      adr templates
      adr new "Title" --template madr
    """
    from . import templates
    from .config import DEFAULT_TEMPLATE

    try:
        config = _state(ctx).config()
        directory: Path | None = config.directory
        default = config.template
    except AdrError:
        directory, default = None, DEFAULT_TEMPLATE  # outside a project: the built-ins
    found = templates.available(directory)
    if output_format == "json":
        _echo(
            json.dumps(
                [
                    {
                        "name": t.name,
                        "description": t.description,
                        "origin": t.origin,
                        "default": name == default,
                        "sections": [
                            {
                                "title": s.title,
                                "required": s.required,
                                "items": list(s.items),
                                "min-items": s.min_items,
                            }
                            for s in t.sections
                        ],
                    }
                    for name, t in found.items()
                ],
                indent=2,
            )
        )
        return
    width = max(len(name) for name in found)
    for name, template in found.items():
        marker = "*" if name == default else " "
        origin = "" if template.origin == "built-in" else f" ({template.origin})"
        _echo(f"{marker} {name.ljust(width)}  {template.description}{origin}")


@cli.command(name="lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: `path:line:col: CODE message`; json: one object per finding; "
    "github: workflow annotations.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes (ADR201), prefixes (ADR2) or families (content), "
    "comma-separated; replaces `select` of [lint].",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Skip these rules (added to `ignore` of [lint]).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--base", "base", metavar="REF",
              help="Also report ADRs added on this branch whose number REF already uses "
              "(ADR309).")
@click.option("--list-rules", is_flag=True, help="Print every rule's code and meaning, then exit.")
@click.pass_context
def lint_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    base: str | None,
    list_rules: bool,
) -> None:
    """Check the ADRs and the log: exit 1 on errors, 0 when clean (or only warnings).

    Rules come in four families: file (ADR1xx), content (ADR2xx: the sections, constraints,
    options and failure modes of the ADR's template), log (ADR3xx) and time (ADR4xx,
    warnings). Given PATHS (as a pre-commit hook passes them), the file, content and time
    rules run on those ADRs and the log rules on the whole log.

    \b
    Example:
      adr lint
      adr lint docs/adr/0007-use-s3.md --format github
      adr lint --select content,ADR301 --ignore ADR205 --strict
      adr lint --base origin/main   # in CI: numbers taken on the base branch
    """
    import datetime as dt

    from .errors import EXIT_FINDINGS
    from .lint import RULES, Selection, lint, output
    from .scaffold import today

    if list_rules:
        for code, rule in sorted(RULES.items()):
            _echo(f"{code}  {rule.family:<7}  {rule.severity:<7}  {rule.explanation}")
        return
    config = _state(ctx).config()
    selection = Selection.build(config, select, ignore)
    findings = lint(
        config, list(paths) if paths else None, dt.date.fromisoformat(today()), selection
    )
    if base is not None and selection.wants("ADR309"):
        findings = sorted([*findings, *_base_collisions(config, base)],
                          key=lambda f: (str(f.path), f.line, f.column, f.code))
    rendered = output.render(findings, output_format)
    if rendered:
        click.echo(rendered, nl=False)
    if findings and output_format == "text":
        _echo(f"adr lint: {output.summary(findings)}", err=True)
    if any(finding.severity == "error" for finding in findings) or (strict and findings):
        ctx.exit(EXIT_FINDINGS)


def _base_collisions(config: Config, ref: str) -> list[Any]:
    """ADR309: an ADR added on this branch whose number `ref` already gives to another file."""
    from . import branches
    from .config import find_root
    from .lint import Finding
    from .store import adr_files

    root = find_root(config.directory)
    if not (root / ".git").exists():
        raise UsageError("--base needs a git repository")
    numbered = [(info.number, path) for path, info in adr_files(config.directory)
                if info.number is not None]
    return [
        Finding(path, 1, 1, "ADR309", "error",
                f"number {number} is also used on {ref} by {other}: renumber this ADR with "
                f"`adr renumber {number} --to {free}`")
        for number, path, other, free in branches.collisions(root, ref, numbered,
                                                             config.directory)
    ]


@cli.group(name="hook")
def hook_group() -> None:
    """Install adr-tool as a plain git hook (for teams without the pre-commit framework).

    \b
    Example:
      adr hook install
      adr hook install --force
    """


@hook_group.command(name="install")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a pre-commit hook that adr-tool did not write (kept as pre-commit.orig).",
)
def hook_install(force: bool) -> None:
    """Write the git pre-commit hook that runs `adr lint` on the staged ADRs.

    The hook calls the Python that installed adr-tool and honours core.hooksPath. Running
    it again updates our own hook; a hook someone else wrote is left alone without --force.

    \b
    Example:
      adr hook install
      git commit   # now refused while a staged ADR has lint errors
    """
    from . import hooks
    from .report import display_path

    installed = hooks.install(Path.cwd(), force=force)
    _echo(f"installed {display_path(installed.path)}")
    if installed.backup is not None:
        _echo(f"the hook that was there is kept as {display_path(installed.backup)}")


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # `adr list | head` ends quietly, as git does, instead of a BrokenPipeError.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(prog_name="adr")


if TYPE_CHECKING:
    _unused: tuple[Adr, DecisionLog]
