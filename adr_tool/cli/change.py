"""Commands that change ADRs: status and its shortcuts, supersede, link, index, renumber."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import AdrError

if TYPE_CHECKING:
    from ..config import Config
    from ..store import LoadedLog

from .app import (
    ADR_NUMBER,
    base_numbers,
    cli,
    commit_option,
    context_state,
    diff_text,
    echo,
    fail,
)


def _write_changes(
    ctx: click.Context, config: Config, changes: list[Any], commit: bool, message: str
) -> None:
    """Apply the changes of a lifecycle command (all or none) under the lock its log was read
    under, report, and commit if asked (after the lock is let go: hooks may run adr)."""
    from .. import commit as commit_module
    from .. import lifecycle
    from ..report import display_path

    root = (
        commit_module.check_clean(config.directory, [c.path for c in changes]) if commit else None
    )
    written = lifecycle.apply(changes)
    context_state(ctx).unlock()
    if not written:
        echo("nothing to change: the log already says so")
        return
    for path in written:
        echo(f"updated {display_path(path)}")
    if root is not None:
        commit_module.commit(root, written, message)


def _change_status(ctx: click.Context, number: int, status: str, commit: bool) -> None:
    from .. import lifecycle, scaffold

    config, loaded = context_state(ctx).load(write=True)
    changes = lifecycle.set_status(loaded, config, number, status, scaffold.today())
    adr = loaded.log.get(number)
    message = f"ADR {number:04d}: {status.lower()} ({adr.title})"
    _write_changes(ctx, config, changes, commit, message)


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.argument("status")
@commit_option
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
    @cli.command(
        name=name,
        help=f"""Mark an ADR {status_word} (`adr status N {status_word}`).

    \b
    Example:
      adr {name} 12
    """,
    )
    @click.argument("number", type=ADR_NUMBER)
    @commit_option
    @click.pass_context
    def command(ctx: click.Context, number: int, commit: bool) -> None:
        _change_status(ctx, number, status_word, commit)


_shortcut("accept", "accepted")
_shortcut("reject", "rejected")
_shortcut("deprecate", "deprecated")


@cli.command()
@click.argument("old", type=ADR_NUMBER)
@click.argument("new", type=ADR_NUMBER)
@commit_option
@click.pass_context
def supersede(ctx: click.Context, old: int, new: int, commit: bool) -> None:
    """Mark OLD superseded by NEW, writing both files (or neither).

    \b
    Example:
      adr supersede 3 12
    """
    from .. import lifecycle, scaffold

    config, loaded = context_state(ctx).load(write=True)
    changes = lifecycle.supersede(loaded, old, new, scaffold.today())
    _write_changes(ctx, config, changes, commit, f"ADR {new:04d} supersedes ADR {old:04d}")


@cli.command()
@click.argument("first", type=ADR_NUMBER)
@click.argument("relation")
@click.argument("second", type=ADR_NUMBER)
@commit_option
@click.pass_context
def link(ctx: click.Context, first: int, relation: str, second: int, commit: bool) -> None:
    """Link two ADRs with a typed relation; the reverse is written on the other side.

    Relations: amends/amended-by, relates-to, and the pairs under [links] in .adr.toml.

    \b
    Example:
      adr link 12 amends 5
    """
    from .. import lifecycle

    config, loaded = context_state(ctx).load(write=True)
    changes = lifecycle.link(loaded, config, first, relation, second)
    _write_changes(ctx, config, changes, commit, f"ADR {first:04d} {relation} ADR {second:04d}")


@cli.command()
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 with a diff when the index is out of date."
)
@click.option(
    "--output",
    "output",
    type=click.Path(path_type=Path),
    help="Write this Markdown file instead of the configured index.",
)
@commit_option
@click.pass_context
def index(ctx: click.Context, check: bool, output: Path | None, commit: bool) -> None:
    """Write the Markdown index of the log (default <adr-dir>/README.md).

    It writes only a file of its own, or the marked region of a hand-written one:

    \b
      <!-- adr-index:start -->
      <!-- adr-index:end -->

    \b
    Example:
      adr index
      adr index --check   # in CI: fails when someone forgot to regenerate it
    """
    from .. import commit as commit_module
    from ..index import same, updated
    from ..report import display_path
    from ..store import write_atomic

    config, loaded = context_state(ctx).load(write=not check)
    target = index_target(config, loaded, output)
    current = _read_index(target)
    wanted = updated(current, loaded.log, config, target)
    current = current or ""
    shown = display_path(target)
    if check:
        if same(current, wanted):
            echo(f"{shown} is up to date")
            return
        echo(diff_text(current, wanted, shown, f"{shown} (on disk)", f"{shown} (adr index)"))
        echo(f"adr: {shown} is out of date: run `adr index`", err=True)
        ctx.exit(1)
    if same(current, wanted):
        echo(f"{shown} is up to date")
        return
    root = commit_module.check_clean(config.directory, [target]) if commit else None
    write_atomic(target, wanted)
    context_state(ctx).unlock()
    echo(f"wrote {shown}")
    if root is not None:
        commit_module.commit(root, [target], "Update the ADR index")


def index_target(config: Config, loaded: LoadedLog, output: Path | None = None) -> Path:
    """Where the index goes: `output` or the configured path, checked to be no ADR, template
    or configuration and inside the project; one line saying how to choose otherwise."""
    from ..config import key_line
    from ..errors import ConfigError, UsageError
    from ..index import unfit_target
    from ..report import display_path

    target = Path.cwd() / output if output is not None else config.index_path
    records = [adr.path for adr in loaded.log] + [unread.path for unread in loaded.unread]
    records += [Path(error.path) for error in loaded.unreadable if error.path is not None]
    why = unfit_target(target, config, records)
    if why is None:
        return target
    advice = "choose a Markdown file of its own, such as docs/adr/README.md"
    if output is not None:
        raise UsageError(f"--output {output} {why}: {advice}")
    if config.index is not None and config.source is not None:
        line = key_line(config.source, "index")
        shown = display_path(target, config.root)
        raise ConfigError(f'index = "{shown}" {why}: {advice}', config.source, line)
    raise AdrError(f"{why}; `adr index` cannot write the index there: {advice}", target)


def _read_index(target: Path) -> str | None:
    """The index file's text, None when there is none yet."""
    from ..index import read_index

    try:
        return read_index(target)
    except (OSError, UnicodeDecodeError) as error:
        raise AdrError(f"cannot read the index: {error}", target) from None


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.option(
    "--to",
    "to",
    type=ADR_NUMBER,
    help="The new number (default: the next free one, counting the base branch).",
)
@click.option(
    "--file",
    "file",
    type=click.Path(path_type=Path),
    help="Which file, when two ADRs share the number.",
)
@click.option("--dry-run", is_flag=True, help="Print the changes; write nothing.")
@click.pass_context
def renumber(
    ctx: click.Context, number: int, to: int | None, file: Path | None, dry_run: bool
) -> None:
    """Move an ADR to a free number and rewrite every reference to it.

    The file is renamed (with `git mv` when tracked); front-matter lists, relative links and
    the index follow.

    \b
    Example:
      adr renumber 5            # after a collision with the base branch
      adr renumber 5 --to 9 --dry-run
    """
    from .. import renumber as renumber_module
    from ..config import find_root
    from ..report import display_path
    from ..store import next_free_number

    config, loaded = context_state(ctx).load(write=not dry_run)
    ref, on_base = base_numbers(config)
    if to is None:
        to = next_free_number(loaded.taken_numbers(), on_base)
    elif to in on_base:
        fail(f"number {to} is already used on {ref} by {on_base[to][0]}")
    plan = renumber_module.plan(loaded, number, to, file, config.index_path)
    for path in plan.unread:
        echo(f"adr: {display_path(path)}: not UTF-8, its links are not rewritten", err=True)
    rename = f"{display_path(plan.adr.path)} -> {display_path(plan.target)}"
    if dry_run:
        echo(f"would rename {rename}")
        for change in plan.changes:
            shown = display_path(change.path)
            echo(diff_text(change.before, change.after, shown))
        if config.index_path.exists():
            echo(f"would regenerate {display_path(config.index_path)}")
        return
    root = find_root(config.directory)
    written = renumber_module.apply_plan(root, plan)
    echo(f"renamed {rename}")
    for path in written:
        if path != plan.target:
            echo(f"updated {display_path(path)}")
    if config.index_path.exists():
        try:
            _write_index(config)
        except AdrError:
            renumber_module.restore(root, plan)
            raise


def _write_index(config: Config) -> None:
    """Renew the index after a renumber: a file of ours or a marked region, never another."""
    from ..index import has_region, is_ours, same, updated
    from ..report import display_path
    from ..store import load_log, write_atomic

    loaded = load_log(config)
    target = index_target(config, loaded)
    current = _read_index(target)
    if current is not None and not (is_ours(current) or has_region(current)):
        echo(f"left {display_path(target)} alone: adr-tool did not write it")
        return
    wanted = updated(current, loaded.log, config, target)
    if current is None or not same(current, wanted):
        write_atomic(target, wanted)
        echo(f"updated {display_path(target)}")
