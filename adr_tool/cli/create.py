"""`adr init` and `adr new`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import Aborted
from .app import (
    ADR_NUMBER,
    base_numbers,
    cli,
    commit_option,
    context_state,
    echo,
    fail,
    open_editor,
)


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
    from .. import scaffold, templates
    from ..config import DEFAULT_DIRECTORY, DEFAULT_TEMPLATE, find_root

    state = context_state(ctx)
    root = find_root(Path.cwd().resolve())
    directory = DEFAULT_DIRECTORY
    if state.directory is not None:
        directory = os.path.relpath(state.directory.resolve(), root)
    template = templates.load(template_name or DEFAULT_TEMPLATE, None)
    config_path, first = scaffold.init_log(
        root, directory, template, scaffold.check_date(date, "--date") if date else None
    )
    from ..report import display_path

    echo(f"created {display_path(config_path)}")
    echo(f"created {display_path(first)}")


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
@commit_option
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
    from .. import commit as commit_module
    from .. import scaffold, templates
    from ..boundary import refuse_outside
    from ..config import repository_root
    from ..report import display_path

    config, loaded = context_state(ctx).load()
    repository = repository_root(config)
    data: dict[str, Any] = {}
    if answers_file is not None:
        refuse_outside(answers_file, repository)
        data = scaffold.read_answers(answers_file)
    template = templates.load(
        template_name or data.get("template") or config.template, config.directory, repository
    )
    sections = scaffold.sections_from_answers(data, answers_file) if answers_file else {}
    for assignment in assignments:
        scaffold.parse_set(assignment, template, sections)
    chosen_status = status or str(data.get("status") or config.default_status)
    if chosen_status.lower() not in config.statuses:
        fail(f"unknown status {chosen_status!r}; allowed: {', '.join(config.statuses)}")
    interactive = not no_input and sys.stdin.isatty() and sys.stdout.isatty()
    answers: dict[str, Any] = {}
    if interactive:
        from .. import prompts

        answers = prompts.ask_new(template, title or data.get("title"), loaded.log.adrs)
        for name, value in answers["sections"].items():
            sections.setdefault(name, value)
    final_title = title or answers.get("title") or data.get("title")
    if not final_title:
        fail('a title is required: adr new "Use PostgreSQL for orders" --no-input')
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
        from .. import prompts

        echo()
        echo(draft.render())
        if not prompts.confirm_write(
            f"ADR {loaded.log.next_number(loaded.taken_numbers()):04d} to "
            f"{display_path(config.directory)}"
        ):
            raise Aborted()
    superseded = [loaded.log.get(number).path for number in draft.supersedes]
    root = commit_module.check_clean(config.directory, superseded) if commit else None
    _ref, on_base = base_numbers(config)
    state = context_state(ctx)
    state.lock(config.directory)  # the number, and the superseded ADRs, decided on what is there
    path = scaffold.write_new(config, draft, on_base)
    if draft.supersedes:
        from .. import lifecycle

        lifecycle.supersede_from_new(config, path, draft.supersedes, draft.date)
    state.unlock()  # before the editor and the commit, which may take long or run adr
    echo(display_path(path))
    if edit:
        open_editor(path)
    if root is not None:
        number = path.name.split("-", 1)[0]
        commit_module.commit(root, [path, *superseded], f"ADR {number}: {draft.title}")


def _numbers(value: Any) -> list[int]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [ADR_NUMBER.convert(item, None, None) for item in items]
