"""Every `adr` command by name: the module under adr_tool/cli/ that defines it, its short help.

The group's commands (`LazyCommands`) import a command's module the first time the command is
looked up, to run it or show its own help; `adr --help` lists the commands from this table and
imports none of them. tests/test_startup.py checks the table against the commands themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import click


class CommandEntry(NamedTuple):
    module: str  # under adr_tool.cli
    short_help: str  # the first sentence of the command's help, as click shortens it


COMMANDS: dict[str, CommandEntry] = {
    "accept": CommandEntry("change", "Mark an ADR accepted (`adr status N accepted`)."),
    "deprecate": CommandEntry("change", "Mark an ADR deprecated (`adr status N deprecated`)."),
    "edit": CommandEntry("browse", "Open an ADR in $VISUAL or $EDITOR."),
    "graph": CommandEntry("browse", "Print the graph of supersede and link relations."),
    "hook": CommandEntry(
        "check",
        "Install adr-tool as a plain git hook (for teams without the pre-commit framework).",
    ),
    "import": CommandEntry(
        "adopt",
        "Convert an adr-tools, MADR, log4brains or pyadr log to adr-tool's format, in place.",
    ),
    "index": CommandEntry(
        "change", "Write the Markdown index of the log (default <adr-dir>/README.md)."
    ),
    "init": CommandEntry("create", "Start a decision log: .adr.toml, the ADR folder and ADR 0001."),
    "link": CommandEntry(
        "change", "Link two ADRs with a typed relation; the reverse is written on the other side."
    ),
    "lint": CommandEntry(
        "check", "Check the ADRs and the log: exit 1 on errors, 0 when clean (or only warnings)."
    ),
    "list": CommandEntry("browse", "List the ADRs of the log, in number order."),
    "log": CommandEntry(
        "browse",
        "The decision timeline from git, newest first: who proposed, accepted, superseded what.",
    ),
    "new": CommandEntry("create", "Write a new ADR from a template and print its path."),
    "reject": CommandEntry("change", "Mark an ADR rejected (`adr status N rejected`)."),
    "renumber": CommandEntry(
        "change", "Move an ADR to a free number and rewrite every reference to it."
    ),
    "review": CommandEntry(
        "browse",
        "What needs a lead's attention: reviews due, stale proposals, links to superseded ADRs.",
    ),
    "show": CommandEntry("browse", "Print one ADR."),
    "site": CommandEntry(
        "publish", "Write the decision log as a static website that needs no network to view."
    ),
    "status": CommandEntry(
        "change", "Set an ADR's status (one of the configured statuses) and today's date."
    ),
    "supersede": CommandEntry(
        "change", "Mark OLD superseded by NEW, writing both files (or neither)."
    ),
    "templates": CommandEntry(
        "browse",
        "List the templates: the built-ins and the project's own (<adr-dir>/templates/).",
    ),
}


class LazyCommands(MutableMapping[str, "click.Command"]):
    """The group's commands: the names of the table, each module imported on first lookup.

    Importing a module registers its commands here (`@cli.command()`); a command that is not in
    the table is refused then, so the table cannot fall behind the modules.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded and name in COMMANDS:
            importlib.import_module(f"{__package__}.{COMMANDS[name].module}")
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in COMMANDS:
            raise RuntimeError(f"add the command {name!r} to COMMANDS in {__name__}")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("the commands are fixed by COMMANDS")

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)
