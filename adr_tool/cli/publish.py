"""`adr site`: the static decision log."""

from __future__ import annotations

from pathlib import Path

import click

from .app import (
    cli,
    context_state,
    echo,
    fail,
    history_of,
    show_error,
)


@cli.command(name="site")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder to write the site to (new, empty, or a site built before).",
)
@click.option(
    "--serve",
    is_flag=True,
    help="Serve the site on 127.0.0.1 and rebuild it when an ADR changes; Ctrl-C stops (exit 0).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port for --serve (0: any free port).",
)
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

    from .. import site as site_module

    if output is None and not serve:
        fail("give the folder to write with -o DIR, or use --serve")
    out = (output or Path(tempfile.mkdtemp(prefix="adr-site-"))).resolve()
    state = context_state(ctx)

    def build() -> Path:
        started = time.monotonic()
        config, loaded = state.load()
        result = site_module.build(loaded, config, history_of(config, loaded.log), out)
        for error in result.skipped:
            show_error(error)
        echo(
            f"wrote {out} ({result.pages} ADR pages; {result.written} files changed, "
            f"{result.unchanged} unchanged, {result.removed} removed) "
            f"in {time.monotonic() - started:.1f}s"
        )
        return config.directory

    try:
        directory = build()
        if serve:
            from ..site_serve import serve as serve_site

            serve_site(out, port, [directory], build, echo)
        else:
            echo(f"open {out / 'index.html'}")
    finally:
        if output is None:
            site_module.clear(out)
