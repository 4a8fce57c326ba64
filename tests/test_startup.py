"""Start-up (issue 5): the command table, the lazy group and the stored top-level help.

Timings belong in bench/; these tests check that the fast paths give exactly what click gives.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import signal
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import adr_tool.cli
from adr_tool.cli import HELP_FILE, HELP_WIDTH, cli, terminal_columns
from adr_tool.cli.commands import COMMANDS, LazyCommands
from tests.conftest import ADR_BIN, adr, run_process

# The click path in a real process, never the stored help: what `main` falls back to.
CLICK_MAIN = "from adr_tool.cli.app import main; main()"
COMMAND_MODULES = sorted({f"adr_tool.cli.{entry.module}" for entry in COMMANDS.values()})


def _environment(columns: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    return env if columns is None else {**env, "COLUMNS": columns}


def _run(argv: list[str], columns: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=_environment(columns),
        check=False,
    )


def _python(code: str, *args: str, columns: str | None = None) -> str:
    """Run code in a fresh interpreter and return the last line it prints."""
    completed = _run([sys.executable, "-c", code, *args], columns)
    assert 0 == completed.returncode, completed.stderr
    return completed.stdout.splitlines()[-1]


def test_stored_help_is_clicks_rendering(request: pytest.FixtureRequest) -> None:
    """help.txt is what click prints for `adr --help` on a terminal of 80 columns or more."""
    # Click wraps help to min(columns, 80) - 2; CliRunner would force 80 without terminal_width.
    result = CliRunner().invoke(cli, ["--help"], prog_name="adr", terminal_width=HELP_WIDTH - 2)
    assert 0 == result.exit_code, result.output
    if request.config.getoption("--regen-golden"):
        Path(HELP_FILE).write_text(result.stdout, encoding="utf-8")
    assert result.stdout == Path(HELP_FILE).read_text(encoding="utf-8"), (
        "adr_tool/cli/help.txt is stale: run pytest --regen-golden"
    )


def test_table_gives_each_command_its_module_and_short_help() -> None:
    """Each entry of COMMANDS names the module that defines the command and its short help."""
    for name, entry in COMMANDS.items():
        command = cli.commands[name]
        assert command.callback is not None, name
        assert f"adr_tool.cli.{entry.module}" == command.callback.__module__, name
        assert entry.short_help == command.get_short_help_str(limit=10_000), name


def test_every_command_of_the_modules_is_in_the_table() -> None:
    """Importing every module of adr_tool.cli registers no command missing from COMMANDS."""
    names = [info.name for info in pkgutil.iter_modules(adr_tool.cli.__path__)]
    for name in names:
        importlib.import_module(f"adr_tool.cli.{name}")  # LazyCommands refuses an unknown one
    assert {entry.module for entry in COMMANDS.values()} <= set(names)
    assert sorted(COMMANDS) == sorted(cli.commands)


def test_lazy_commands_refuse_a_command_missing_from_the_table() -> None:
    """A command that is not in COMMANDS cannot be registered, and is never found."""
    commands = LazyCommands()
    with pytest.raises(RuntimeError, match="add the command 'nope' to COMMANDS"):
        commands["nope"] = click.Command("nope")
    assert "nope" not in commands
    with pytest.raises(KeyError):
        commands["nope"]


@pytest.mark.parametrize("width", [50, 60, 78, 100, 120])
def test_command_list_is_the_one_click_writes(width: int) -> None:
    """The group's command list, written from the table, is click's own at any width."""
    ctx = click.Context(cli, info_name="adr")
    ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, clicks)  # loads every command for its short help
    assert clicks.getvalue() == ours.getvalue()


def test_unknown_command_still_gets_a_suggestion() -> None:
    """`adr lnt` suggests lint: click sees every name of the table."""
    run = adr("lnt")
    assert 2 == run.exit_code
    assert "Error: No such command 'lnt'. Did you mean 'lint'?" == run.stderr.splitlines()[-1]


def test_help_of_the_group_and_of_a_command_import_only_what_they_need() -> None:
    """Click's `adr --help` imports no command module, `adr lint --help` only cli/check.py."""
    code = (
        "import sys\nfrom adr_tool.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='adr')\nexcept SystemExit:\n    pass\n"
        f"print(sorted(set({COMMAND_MODULES!r}) & set(sys.modules)))\n"
    )
    assert "[]" == _python(code, "--help")
    assert "['adr_tool.cli.check']" == _python(code, "lint", "--help")


@pytest.mark.parametrize("columns", ["100", "80", "79", "0", "-3", "wide", None])
def test_terminal_columns_are_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """terminal_columns reads COLUMNS and the terminal as shutil.get_terminal_size does."""
    monkeypatch.delenv("COLUMNS", raising=False)
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    assert shutil.get_terminal_size().columns == terminal_columns()


@pytest.mark.parametrize("columns", [None, "120", "79", "50"])
@pytest.mark.parametrize("args", [[], ["-h"], ["--help"]])
def test_top_level_help_is_clicks_output(args: list[str], columns: str | None) -> None:
    """`adr`, `adr -h`, `adr --help` print what click prints, on the same stream, same code."""
    fast = _run([str(ADR_BIN), *args], columns)
    slow = _run([sys.executable, "-c", CLICK_MAIN, *args], columns)
    assert (slow.returncode, slow.stdout, slow.stderr) == (
        fast.returncode,
        fast.stdout,
        fast.stderr,
    )
    assert slow.stdout + slow.stderr != ""


@pytest.mark.parametrize(
    ("args", "columns", "loads_click"),
    [
        ([], None, False),
        (["-h"], None, False),
        (["--help"], "200", False),
        (["--help"], "79", True),  # click wraps to a narrower terminal: it must render
        (["--version"], None, True),
    ],
)
def test_top_level_help_does_not_import_click(
    args: list[str], columns: str | None, loads_click: bool
) -> None:
    """`main` answers the top-level help without importing click, when the text is the same."""
    code = (
        "import sys\nsys.argv = ['adr', *sys.argv[1:]]\nfrom adr_tool.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('click' in sys.modules)\n"
    )
    assert str(loads_click) == _python(code, *args, columns=columns)


@pytest.mark.parametrize(
    "argv", [[str(ADR_BIN), "--help"], [sys.executable, "-c", CLICK_MAIN, "--help"]]
)
def test_help_into_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    """The stored help into a closed pipe dies of SIGPIPE, saying nothing, as click's does."""
    read, write = os.pipe()
    os.close(read)
    try:
        completed = subprocess.run(
            argv,
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    finally:
        os.close(write)
    assert (-signal.SIGPIPE, b"") == (completed.returncode, completed.stderr)


def test_python_dash_m_and_other_commands_still_run(tmp_path: Path) -> None:
    """`python -m adr_tool --help` prints the stored help; --version and a command still run."""
    module = _run([sys.executable, "-m", "adr_tool", "--help"])
    assert (0, Path(HELP_FILE).read_text(encoding="utf-8")) == (module.returncode, module.stdout)
    shown = run_process("--version", cwd=tmp_path)
    assert (0, f"adr, version {version('adr-tool')}\n") == (shown.returncode, shown.stdout)
    lint_help = run_process("lint", "--help", cwd=tmp_path)
    assert 0 == lint_help.returncode
    assert lint_help.stdout.startswith("Usage: adr lint [OPTIONS] [PATHS]...")
    missing = run_process("list", cwd=tmp_path)
    assert 0 != missing.returncode and 1 == len(missing.stderr.splitlines())
