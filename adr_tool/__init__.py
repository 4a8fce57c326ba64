"""adr-tool: Architecture Decision Records that start from constraints."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Read lazily: package metadata costs a few milliseconds that `adr lint` should not pay.
    if name == "__version__":
        from importlib.metadata import version

        return version("adr-tool")
    raise AttributeError(name)
