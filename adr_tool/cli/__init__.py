"""The `adr` command line: options in, one call into the core, text out.

`app` holds the click group and what commands share; `commands` names every command and the
module that defines it, imported only when the command is used. `main`, the console script,
answers `adr`, `adr -h` and `adr --help` from help.txt, click's rendering stored ahead of time
(`pytest --regen-golden` rewrites it), without importing click: `import click` alone costs
about 4x a bare Python start, the whole budget of `adr --help` (issue 5).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing's, which type checkers know; `typing` costs 10 ms to import
if TYPE_CHECKING:
    from typing import NoReturn

    from .app import cli

__all__ = ["cli", "main"]

HELP_FILE = os.path.join(os.path.dirname(__file__), "help.txt")  # noqa: PTH120 (pathlib: 4 ms)
HELP_WIDTH = 80  # the terminal columns from which click renders help exactly as help.txt


def __getattr__(name: str) -> object:
    # `cli` is the click group: importing this package for `main` must not import click.
    if name == "cli":
        from .app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The `adr` console script and `python -m adr_tool`."""
    code = _print_stored_help(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .app import main as run

    run()


def _print_stored_help(args: list[str]) -> int | None:
    """Print help.txt where and as click would print its help, and return click's exit code.

    None when click must answer: other arguments, shell completion, a terminal narrower than
    HELP_WIDTH (click wraps to it), no help.txt, or text that click might encode differently.
    """
    if args in (["-h"], ["--help"]):
        stream, code = sys.stdout, 0
    elif not args:
        stream, code = sys.stderr, 2  # no command: click's usage error, whose message is the help
    else:
        return None
    if stream is None or os.environ.get("_ADR_COMPLETE") or terminal_columns() < HELP_WIDTH:
        return None
    try:
        with open(HELP_FILE, encoding="utf-8") as file:
            text = file.read()
    except OSError:
        return None
    if not text.isascii():  # click re-encodes for a stream that claims ASCII; ASCII is safe
        return None
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _end_by_broken_pipe()
    return code


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, which click reads, without shutil's 10 ms import."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _end_by_broken_pipe() -> NoReturn:
    """End as the click path does (app.main restores SIGPIPE): killed quietly by the signal."""
    import signal

    if not hasattr(signal, "SIGPIPE"):
        sys.exit(1)  # click's own answer to a broken pipe where there is no SIGPIPE
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGPIPE)
    raise SystemExit(128 + signal.SIGPIPE)  # not reached: the signal ends the process
