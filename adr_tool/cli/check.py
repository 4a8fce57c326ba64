"""`adr lint` and `adr hook install`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError
from ..escape import terminal

if TYPE_CHECKING:
    from ..config import Config

from .app import (
    cli,
    context_state,
    echo,
)


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
@click.option(
    "--base",
    "base",
    metavar="REF",
    help="Also report ADRs added on this branch whose number REF already uses (ADR309).",
)
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

    from ..errors import EXIT_FINDINGS
    from ..lint import RULES, Selection, lint, output
    from ..scaffold import today

    if list_rules:
        for code, rule in sorted(RULES.items()):
            echo(f"{code}  {rule.family:<7}  {rule.severity:<7}  {rule.explanation}")
        return
    config = context_state(ctx).config()
    selection = Selection.build(config, select, ignore)
    findings = lint(
        config, list(paths) if paths else None, dt.date.fromisoformat(today()), selection
    )
    if base is not None and selection.wants("ADR309"):
        findings = sorted(
            [*findings, *_base_collisions(config, base)],
            key=lambda f: (str(f.path), f.line, f.column, f.code),
        )
    rendered = output.render(findings, output_format)
    if rendered:
        click.echo(terminal(rendered), nl=False)  # file names are shown escaped, as messages
    if findings and output_format == "text":
        echo(f"adr lint: {output.summary(findings)}", err=True)
    if any(finding.severity == "error" for finding in findings) or (strict and findings):
        ctx.exit(EXIT_FINDINGS)


def _base_collisions(config: Config, ref: str) -> list[Any]:
    """ADR309: an ADR added on this branch whose number `ref` already gives to another file."""
    from .. import branches
    from ..config import find_root
    from ..lint import Finding
    from ..store import adr_files

    root = find_root(config.directory)
    if not (root / ".git").exists():
        raise UsageError("--base needs a git repository")
    numbered = [
        (info.number, path) for path, info in adr_files(config.directory) if info.number is not None
    ]
    return [
        Finding(
            path,
            1,
            1,
            "ADR309",
            "error",
            f"number {number} is also used on {ref} by {other}: renumber this ADR with "
            f"`adr renumber {number} --to {free}`",
        )
        for number, path, other, free in branches.collisions(root, ref, numbered, config.directory)
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
    from .. import hooks
    from ..report import display_path

    installed = hooks.install(Path.cwd(), force=force)
    echo(f"installed {display_path(installed.path)}")
    if installed.backup is not None:
        echo(f"the hook that was there is kept as {display_path(installed.backup)}")
