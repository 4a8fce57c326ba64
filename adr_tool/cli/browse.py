"""Commands that read the log: list, show, edit, graph, log, review, templates."""

from __future__ import annotations

import json  # loaded anyway: the cache of the log is JSON
from typing import TYPE_CHECKING, Any

import click

from ..errors import AdrError
from ..escape import json_text, one_line

if TYPE_CHECKING:
    from pathlib import Path

    from ..model import DecisionLog

from .app import (
    ADR_NUMBER,
    STATUS_COLOURS,
    _Failure,
    cli,
    colour,
    context_state,
    echo,
    format_option,
    history_of,
    iso_option,
    open_editor,
)


@cli.command(name="list")
@click.option("--status", "statuses", multiple=True, help="Only ADRs with this status.")
@click.option("--tag", "tags", multiple=True, help="Only ADRs with this tag.")
@format_option("table", "json", "paths")
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
    from .. import report

    config, loaded = context_state(ctx).load()
    adrs = loaded.log.filter(statuses, tags)
    if output_format == "json":
        history = history_of(config, loaded.log)
        records = [
            report.with_history(report.record(adr, config.root), history.of(adr.path))
            for adr in adrs
        ]
        echo(json_text(records))
    elif output_format == "paths":
        for adr in adrs:
            echo(report.display_path(adr.path))
    else:
        _print_table(report.table(adrs))


def _print_table(rows: list[tuple[str, str, str, str, str]]) -> None:
    if not rows:
        return
    rows = [(n, one_line(s), one_line(d), one_line(t), one_line(g)) for n, s, d, t, g in rows]
    status_width = max(len(row[1]) for row in rows)
    date_width = max(len(row[2]) for row in rows)
    for number, status, date, title, tags in rows:
        coloured = click.style(status.ljust(status_width), fg=STATUS_COLOURS.get(status))
        suffix = f"  [{tags}]" if tags else ""
        line = f"{number}  {coloured}  {date.ljust(date_width)}  {title}{suffix}"
        click.echo(line, color=colour())  # escaped above: echo's escaping would take the colour


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@format_option("markdown", "json")
@click.pass_context
def show(ctx: click.Context, number: int, output_format: str) -> None:
    """Print one ADR.

    \b
    Example:
      adr show 12
      adr show 12 --format json
    """
    from .. import report

    config, loaded = context_state(ctx).load()
    adr = loaded.log.get(number)
    document = loaded.documents[adr.path]
    if output_format == "json":
        data = report.with_history(
            report.record(adr, config.root), history_of(config, loaded.log).of(adr.path)
        )
        data["body"] = "\n".join(document.body_lines).strip("\n") + "\n"
        echo(json_text(data))
    else:
        echo(document.text.rstrip("\n"))


@cli.command()
@click.argument("number", type=ADR_NUMBER)
@click.pass_context
def edit(ctx: click.Context, number: int) -> None:
    """Open an ADR in $VISUAL or $EDITOR.

    \b
    Example:
      EDITOR=nano adr edit 12
    """
    _config, loaded = context_state(ctx).load()
    open_editor(loaded.log.get(number).path)


@cli.command()
@format_option("mermaid", "dot")
@click.pass_context
def graph(ctx: click.Context, output_format: str) -> None:
    """Print the graph of supersede and link relations.

    \b
    Example:
      adr graph --format dot | dot -Tsvg > decisions.svg
    """
    from .. import graph as graph_module

    config, loaded = context_state(ctx).load()
    render = graph_module.dot if output_format == "dot" else graph_module.mermaid
    echo(render(loaded.log, config.relations).rstrip("\n"))


@cli.command(name="log")
@click.option("--since", help="Only events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this date (YYYY-MM-DD).")
@click.option("--adr", "number", type=ADR_NUMBER, help="Only this ADR's events.")
@format_option("text", "json")
@click.pass_context
def log_command(
    ctx: click.Context, since: str | None, until: str | None, number: int | None, output_format: str
) -> None:
    """The decision timeline from git, newest first: who proposed, accepted, superseded what.

    \b
    Example:
      adr log --since 2026-01-01
      adr log --adr 12 --format json
    """
    config, loaded = context_state(ctx).load()
    if number is not None:
        loaded.log.get(number)  # one ADR, not two that share the number, nor none
    history = history_of(config, loaded.log)
    start, end = iso_option(since, "--since"), iso_option(until, "--until")
    events = [
        e
        for e in history.events()
        if (number is None or e.number == number)
        and (start is None or e.date[:10] >= start.isoformat())
        and (end is None or e.date[:10] <= end.isoformat())
    ]
    uncommitted = [
        adr
        for adr in loaded.log
        if history.of(adr.path) is None and (number is None or adr.number == number)
    ]
    if output_format == "json":
        data = [
            {
                "date": e.date,
                "number": e.number,
                "title": e.title,
                "event": e.kind,
                "detail": _event_detail(e, loaded.log),
                "author": e.author,
                "commit": e.commit,
            }
            for e in events
        ]
        data = [
            {
                "date": None,
                "number": a.number,
                "title": a.title,
                "event": "uncommitted",
                "detail": "",
                "author": None,
                "commit": None,
            }
            for a in uncommitted
        ] + data
        echo(json_text(data))
        return
    for adr in uncommitted:
        echo(f"{'uncommitted':10}  {adr.number:04d}  {'-':12}  {one_line(adr.title)}")
    for e in events:
        detail = _event_detail(e, loaded.log)
        what = f"{e.kind} {detail}".strip() if e.kind == "superseded" else e.kind
        echo(f"{e.date[:10]}  {e.number:04d}  {what:12}  {one_line(e.title)}  ({e.author})")


def _event_detail(event: Any, log: DecisionLog) -> str:
    if event.kind == "superseded":
        adr = log.find(event.number)
        if adr is not None and adr.superseded_by:
            return "by " + ", ".join(f"{n:04d}" for n in adr.superseded_by)
    return str(event.detail)


@cli.command()
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Also list reviews due within this many days.",
)
@click.option("--unchanged-since", help="Also list ADRs not changed since this date.")
@format_option("text", "json")
@click.option("--fail-on-due", is_flag=True, help="Exit 1 when anything needs attention.")
@click.pass_context
def review(
    ctx: click.Context,
    within_days: int,
    unchanged_since: str | None,
    output_format: str,
    fail_on_due: bool,
) -> None:
    """What needs a lead's attention: reviews due, stale proposals, links to superseded ADRs.

    \b
    Example:
      adr review --within 60
      adr review --unchanged-since 2025-01-01 --format json
    """
    import datetime as dt

    from .. import review as review_module
    from ..scaffold import today

    config, loaded = context_state(ctx).load()
    history = history_of(config, loaded.log)
    items = review_module.review(
        loaded.log,
        history,
        dt.date.fromisoformat(today()),
        within_days,
        config.stale_proposal_days,
        iso_option(unchanged_since, "--unchanged-since"),
    )
    if output_format == "json":
        echo(
            json_text(
                [
                    {"number": i.number, "title": i.title, "reason": i.reason, "detail": i.detail}
                    for i in items
                ]
            )
        )
    else:
        for item in items:
            echo(f"{item.number:04d}  {item.reason:21}  {one_line(item.title)}: {item.detail}")
        if not items:
            echo("nothing needs review")
    if items and fail_on_due:
        ctx.exit(1)


@cli.command(name="templates")
@format_option("table", "json")
@click.pass_context
def templates_command(ctx: click.Context, output_format: str) -> None:
    """List the templates: the built-ins and the project's own (<adr-dir>/templates/).

    \b
    Example:
      adr templates
      adr new "Title" --template madr
    """
    from .. import templates
    from ..config import DEFAULT_TEMPLATE, repository_root

    try:
        config = context_state(ctx).config()
        directory: Path | None = config.directory
        default, root = config.template, repository_root(config)
    except AdrError:
        directory, default, root = None, DEFAULT_TEMPLATE, None  # outside a project
    broken: dict[str, AdrError] = {}
    found = templates.available(directory, root, broken)
    for error in broken.values():  # one line each, exit 1; the others are listed
        _Failure(error).show()
    if output_format == "json":
        echo(
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
    else:
        width = max(len(name) for name in found)
        for name, template in found.items():
            marker = "*" if name == default else " "
            origin = "" if template.origin == "built-in" else f" ({template.origin})"
            echo(f"{marker} {name.ljust(width)}  {one_line(template.description)}{origin}")
    if broken:
        ctx.exit(1)
