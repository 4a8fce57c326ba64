"""The `adr` command line: options in, one call into the core, text out.

`app` holds the group and what commands share; each other module registers one family of
commands on it when imported here.
"""

from __future__ import annotations

from . import adopt, browse, change, check, create, publish  # noqa: F401 (registers commands)
from .app import cli, main

__all__ = ["cli", "main"]
