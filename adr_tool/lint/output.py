"""Findings as text (`path:line:col: CODE message`), JSON, or GitHub workflow annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..escape import json_text
from ..report import display_path

if TYPE_CHECKING:
    from pathlib import Path

    from .base import Finding

FORMATS = ("text", "json", "github")


def _ordered(findings: list[Finding], base: Path | None) -> list[tuple[str, Finding]]:
    shown = [(display_path(finding.path, base), finding) for finding in findings]
    return sorted(shown, key=lambda pair: (pair[0], pair[1].line, pair[1].column, pair[1].code))


def render(findings: list[Finding], output_format: str, base: Path | None = None) -> str:
    """The findings in one of FORMATS, sorted by path and line ("" for text when clean)."""
    ordered = _ordered(findings, base)
    if output_format == "json":
        records = [
            {
                "path": path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
            }
            for path, f in ordered
        ]
        return json_text(records) + "\n"
    if output_format == "github":
        return "".join(
            f"::{f.severity} file={_property(path)},line={f.line},col={f.column},"
            f"title={f.code}::{_data(f.message)}\n"
            for path, f in ordered
        )
    return "".join(f"{path}:{f.line}:{f.column}: {f.code} {f.message}\n" for path, f in ordered)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def summary(findings: list[Finding]) -> str:
    """`3 errors, 1 warning in 2 files` (for stderr), or `no findings`."""
    if not findings:
        return "no findings"
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    files = len({f.path for f in findings})
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return f"{', '.join(parts)} in {files} file{'s' * (files != 1)}"
