"""The `adr` command group and what its commands share: one-line errors, the exit codes,
the options every command declares the same way.

The group imports a command's module only when that command is looked up (commands.py), and
heavy modules (git, questionary, markdown-it) are imported inside the commands that use them,
so that `adr lint` and `adr --help` start fast. Errors from the core reach the user as one
line here, and only here; `--debug` adds the traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..errors import EXIT_BUG, EXIT_INTERRUPTED, AdrError, UsageError
from ..escape import one_line, terminal
from .commands import COMMANDS, LazyCommands

if TYPE_CHECKING:
    from ..config import Config
    from ..model import DecisionLog
    from ..store import LoadedLog

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
        from ..report import display_path

        error = self.error
        if error.path is not None:
            where = display_path(Path(error.path))
            where = where if error.line is None else f"{where}:{error.line}"
            text = f"{where}: {error.message}"
        else:
            text = error.message
        click.echo(f"adr: {one_line(text)}", err=True)  # a file's name or text, shown safely


class _AdrGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except AdrError as error:
            if debug:
                import traceback

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
                f"adr: internal error ({type(error).__name__}: {one_line(str(error))}); this is "
                "a bug in adr-tool: rerun with --debug and report the traceback",
                err=True,
            )
            ctx.exit(EXIT_BUG)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list as click writes it, from the table: no command module is imported."""
        from gettext import gettext

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=entry.short_help).get_short_help_str(limit))
            for name, entry in sorted(COMMANDS.items())
        ]
        with formatter.section(gettext("Commands")):  # click's own wording, translated as it is
            formatter.write_dl(rows)


class _State:
    """What the group's options give every command (a plain class: dataclasses cost 1 ms)."""

    def __init__(self, directory: Path | None, debug: bool) -> None:
        self.directory = directory
        self.debug = debug
        self._locks: contextlib.ExitStack | None = None

    def config(self) -> Config:
        from ..config import discover

        return discover(Path.cwd(), self.directory)

    def load(self, write: bool = False) -> tuple[Config, LoadedLog]:
        """The configuration and the log; with `write`, read under the folder's write lock,
        which is then held until `unlock` or the end of the command. The relations in force
        are those declared and those the log writes both ways (`model.paired_relations`)."""
        from dataclasses import replace

        from ..model import paired_relations
        from ..store import load_log, remove_stale_temporaries

        config = self.config()
        if write:
            self.lock(config.directory)
            index_folder = config.index_path.parent
            if config.directory not in (index_folder, *index_folder.parents):
                remove_stale_temporaries(index_folder, recursive=False)
        loaded = load_log(config)
        for error in loaded.unreadable:
            show_error(error)
        for unread in loaded.unread:  # decisions in other markups: named, never silently left
            show_error(AdrError(unread.message, unread.path))
        if loaded.unread:
            echo(f"adr: {loaded.not_read_summary()}", err=True)
        return replace(config, relations=paired_relations(loaded.log, config.relations)), loaded

    def lock(self, directory: Path) -> None:
        """Take the write lock on the ADR folder for the rest of the command."""
        from ..store import folder_lock

        if self._locks is None:
            self._locks = contextlib.ExitStack()
            click.get_current_context().call_on_close(self.unlock)
        self._locks.enter_context(folder_lock(directory))

    def unlock(self) -> None:
        """Let other writers in: before a commit, whose hooks may run adr themselves."""
        if self._locks is not None:
            self._locks.close()


def show_error(error: AdrError) -> None:
    """One line on stderr for a problem that does not stop the command."""
    _Failure(error).show()


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


def colour() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def echo(text: str = "", err: bool = False) -> None:
    """Print for a person: every command's output goes through here, so a title, tag or file
    name holding an escape sequence is shown as `\\x1b`, never obeyed by the terminal."""
    click.echo(terminal(text), err=err, color=colour())


def context_state(ctx: click.Context) -> _State:
    state = ctx.find_object(_State)
    assert state is not None
    return state


def fail(message: str) -> NoReturn:
    raise UsageError(message)


_F = TypeVar("_F", bound=Callable[..., Any])


def format_option(*choices: str) -> Callable[[_F], _F]:
    """`--format` with these choices, the first being the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
    )


def diff_text(before: str, after: str, shown: str, old_label: str = "", new_label: str = "") -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        old_label or shown,
        new_label or shown,
    )
    return "".join(lines).rstrip("\n")


def commit_option(function: _F) -> _F:
    return click.option(
        "--commit", is_flag=True, help="Commit exactly the files this command changed."
    )(function)


@click.group(
    cls=_AdrGroup,
    commands=LazyCommands(),
    context_settings={"help_option_names": ["-h", "--help"]},
)
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


def history_of(config: Config, log: DecisionLog) -> Any:
    """The git history of the log (one `git log`); its notice, if any, goes to stderr."""
    from ..config import find_root
    from ..history import read_history

    history = read_history(find_root(config.directory), log, config.statuses)
    if history.notice:
        echo(f"adr: note: {history.notice}", err=True)
    return history


def iso_option(text: str | None, option: str) -> Any:
    import datetime as dt

    from ..scaffold import check_date

    return dt.date.fromisoformat(check_date(text, option)) if text else None


def base_numbers(config: Config) -> tuple[str | None, dict[int, list[str]]]:
    """The base branch and the numbers its ADR folder uses (empty outside git)."""
    from .. import branches
    from ..config import find_root

    root = find_root(config.directory)
    ref = branches.base_ref(root, config.base_branch)
    return ref, (branches.numbers_on(root, ref, config.directory) if ref else {})


def open_editor(path: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        fail(f"set $VISUAL or $EDITOR to open {path.name}")
    try:
        import shlex
        import subprocess

        completed = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot run the editor {editor!r}: {error}") from None
    if completed.returncode != 0:
        raise AdrError(f"the editor {editor!r} exited with {completed.returncode}", path)


def main() -> None:
    """Run the click group; `adr_tool.cli.main` answers the top-level help before this."""
    import gc
    import signal

    # A command is a short-lived process that allocates much and frees little: the cycle
    # collector's passes over 10,000 parsed ADRs cost a tenth of the run; make them rarer.
    gc.set_threshold(100_000, 50, 100)
    if hasattr(signal, "SIGPIPE"):
        # `adr list | head` ends quietly, as git does, instead of a BrokenPipeError.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(prog_name="adr")
