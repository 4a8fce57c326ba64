"""`adr import`: adopt a log written with another tool."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path


from .app import (
    cli,
    context_state,
    diff_text,
    echo,
    fail,
)


@cli.command(name="import")
@click.option(
    "--from",
    "forced",
    type=click.Choice(["adr-tools", "madr", "log4brains", "pyadr", "front-matter"]),
    help="Read every file as this format instead of detecting it.",
)
@click.option(
    "--map-status",
    "status_map",
    multiple=True,
    metavar="OLD=NEW",
    help="Map a status outside the configured set (repeatable).",
)
@click.option(
    "--renumber",
    is_flag=True,
    help="Rename files that are not NNNN-slug.md (dates, ADR012-, 012_) to that form.",
)
@click.option(
    "--folder-records",
    type=click.Choice(["folders", "files"]),
    default="folders",
    show_default=True,
    help="ADRs kept as folders (NNNN-slug/README.md): keep them, or make each a file "
    "beside its folder (images stay, links follow).",
)
@click.option("--dry-run", is_flag=True, help="Print a summary and a diff; write nothing.")
@click.option(
    "--force", is_flag=True, help="Write even though the ADR folder has uncommitted changes."
)
@click.pass_context
def import_command(
    ctx: click.Context,
    forced: str | None,
    status_map: tuple[str, ...],
    renumber: bool,
    folder_records: str,
    dry_run: bool,
    force: bool,
) -> None:
    """Convert an adr-tools, MADR, log4brains or pyadr log to adr-tool's format, in place.

    Metadata moves into front matter; every other line of every body is kept. With
    uncommitted changes in the ADR folder it only shows what it would do (see --force).

    \b
    Example:
      adr import --dry-run
      adr import --renumber --map-status Approved=accepted
    """
    from .. import importer
    from ..config import find_root
    from ..report import display_path

    config, loaded = context_state(ctx).load(write=not dry_run)
    mapping: dict[str, str] = {}
    for item in status_map:
        old, separator, new = item.partition("=")
        if not separator or not old.strip() or new.strip().lower() not in config.statuses:
            allowed = ", ".join(config.statuses)
            fail(f"--map-status {item!r}: use OLD=NEW with NEW one of {allowed}")
        mapping[old.strip()] = new.strip().lower()
    root = find_root(config.directory)
    if not dry_run and not force and _uncommitted(root, config.directory):
        dry_run = True
        echo(
            f"adr: {display_path(config.directory)} has uncommitted changes: showing what "
            "would change (commit first, or pass --force)",
            err=True,
        )
    plan = importer.plan_import(
        loaded, config, forced, mapping, renumber, folders_as_files=folder_records == "files"
    )
    report = plan.report
    counts: dict[str, int] = {}
    for kind in report.detected.values():
        counts[kind] = counts.get(kind, 0) + 1
    echo("detected: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    if dry_run:
        for change in plan.changes:
            shown = display_path(change.path)
            echo(diff_text(change.before, change.after, shown))
        for source, target in plan.renames:
            echo(f"would rename {display_path(source)} -> {display_path(target)}")
    else:
        importer.apply_import(root, plan)
        for source, target in plan.renames:
            echo(f"renamed {display_path(source)} -> {display_path(target)}")
    verb = "would convert" if dry_run else "converted"
    echo(
        f"{verb} {len(report.converted)} files, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped, {len(plan.renames)} renamed"
    )
    for line in report.skipped:
        echo(f"  skipped {line}")
    for status_word, paths in sorted(report.verbatim_statuses.items()):
        echo(
            f"  status kept verbatim: {status_word!r} in {len(paths)} files "
            f"(map it with --map-status '{status_word}=...')"
        )
    for path, date in report.verbatim_dates:
        echo(f"  date kept verbatim: {display_path(path)}: {date!r}")
    for path, link in report.broken_links:
        echo(f"  broken link kept: {display_path(path)}: {link}")
    for message in report.shared_numbers:
        echo(f"  number used twice: {message}")


def _uncommitted(root: Path, directory: Path) -> bool:
    if not (root / ".git").exists():
        return False
    import subprocess

    completed = subprocess.run(
        ["git", "status", "--porcelain", "--", str(directory)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.returncode == 0 and bool(completed.stdout.strip())
