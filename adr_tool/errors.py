"""One base error carrying a path and line, and the single table of exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1  # lint found errors, or the user asked for something that is not there
EXIT_USAGE = 2  # bad options or a bad configuration
EXIT_INTERRUPTED = 130  # ^C, or an interactive flow cancelled
EXIT_BUG = 3  # an unexpected error inside adr-tool: please report it (--debug shows where)


class AdrError(Exception):
    """A problem the user can fix, shown as one line: ``path:line: message``."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(AdrError):
    """The configuration cannot be used (bad `.adr.toml`, no ADR folder)."""

    exit_code = EXIT_USAGE


class UsageError(AdrError):
    """The command was asked for something that makes no sense."""

    exit_code = EXIT_USAGE


class Aborted(AdrError):
    """The user cancelled an interactive flow: nothing was written."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, message: str = "aborted: nothing was written") -> None:
        super().__init__(message)
