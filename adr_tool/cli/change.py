"""Commands that change ADRs: status and its shortcuts, supersede, link, index, renumber."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import AdrError

if TYPE_CHECKING:
    from ..config import Config

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


def _write_changes(config: Config, changes: list[Any], commit: bool, message: str) -> None:
    """Apply the changes of a lifecycle command (all or none), report, and commit if asked."""
    from .. import commit as commit_module
    from .. import lifecycle
    from ..report import display_path

    root = (
        commit_module.check_clean(config.directory, [c.path for c in changes]) if commit else None
    )
    written = lifecycle.apply(changes)
    if not written:
        echo("nothing to change: the log already says so")
        return
    for path in written:
        echo(f"updated {display_path(path)}")
    if root is not None:
        commit_module.commit(root, written, message)


def _change_status(ctx: click.Context, number: int, status: str, commit: bool) -> None:
    from .. import lifecycle, scaffold

    config, loaded = context_state(ctx).load()
    changes = lifecycle.set_status(loaded, config, number, status, scaffold.today())
    adr = loaded.log.get(number)
    _write_changes(config, changes, commit, f"ADR {number:04d}: {status.lower()} ({adr.title})")


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

    config, loaded = context_state(ctx).load()
    changes = lifecycle.supersede(loaded, old, new, scaffold.today())
    _write_changes(config, changes, commit, f"ADR {new:04d} supersedes ADR {old:04d}")


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

    config, loaded = context_state(ctx).load()
    changes = lifecycle.link(loaded, config, first, relation, second)
    _write_changes(config, changes, commit, f"ADR {first:04d} {relation} ADR {second:04d}")


@cli.command()
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 with a diff when the index is out of date."
)
@commit_option
@click.pass_context
def index(ctx: click.Context, check: bool, commit: bool) -> None:
    """Write the Markdown index of the log (default <adr-dir>/README.md).

    \b
    Example:
      adr index
      adr index --check   # in CI: fails when someone forgot to regenerate it
    """
    from .. import commit as commit_module
    from ..index import render_index
    from ..report import display_path
    from ..store import write_atomic

    config, loaded = context_state(ctx).load()
    target = config.index_path
    wanted = render_index(loaded.log, config)
    try:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise AdrError(f"cannot read the index: {error}", target) from None
    shown = display_path(target)
    if check:
        if current == wanted:
            echo(f"{shown} is up to date")
            return
        echo(diff_text(current, wanted, shown, f"{shown} (on disk)", f"{shown} (adr index)"))
        echo(f"adr: {shown} is out of date: run `adr index`", err=True)
        ctx.exit(1)
    if current == wanted:
        echo(f"{shown} is up to date")
        return
    root = commit_module.check_clean(config.directory, [target]) if commit else None
    write_atomic(target, wanted)
    echo(f"wrote {shown}")
    if root is not None:
        commit_module.commit(root, [target], "Update the ADR index")


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

    config, loaded = context_state(ctx).load()
    ref, on_base = base_numbers(config)
    if to is None:
        to = loaded.log.next_number(on_base)
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
    from ..index import render_index
    from ..report import display_path
    from ..store import load_log, write_atomic

    write_atomic(config.index_path, render_index(load_log(config).log, config))
    echo(f"updated {display_path(config.index_path)}")
