"""The CLI starts and initialises a log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.conftest import adr

if TYPE_CHECKING:
    from pathlib import Path


def test_init_then_list(initialised: Path) -> None:
    """After `adr init`, `adr list` shows ADR 0001 as accepted."""
    run = adr("list")
    assert run.exit_code == 0
    assert "0001  accepted  2026-01-15  Record architecture decisions" in run.stdout
