"""Lint on the real logs of ../shared/corpora: no traceback anywhere, and the known defects."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest

from adr_tool.lint import RULES
from tests.conftest import CORPORA, adr

if TYPE_CHECKING:
    from pathlib import Path


def _folders() -> list[Path]:
    """Every folder of the corpora that holds ADRs (sub-logs included)."""
    return sorted(
        {
            path.parent
            for path in CORPORA.rglob("*.md")
            if not path.name.startswith("SOURCE") and path.parent != CORPORA
        }
    )


def _lint(folder: Path, tmp_path: Path, *args: str) -> list[dict[str, object]]:
    copy = tmp_path / "log"
    shutil.copytree(folder, copy)
    run = adr("--dir", str(copy), "lint", "--format", "json", *args)
    assert run.exit_code in (0, 1), run.stderr
    assert "" == run.stderr
    findings: list[dict[str, object]] = json.loads(run.stdout)
    for finding in findings:
        finding["path"] = str(finding["path"]).split("/log/", 1)[-1]
    return findings


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_every_corpus_lints_without_a_traceback(tmp_path: Path, folder: Path) -> None:
    """Every folder is linted to the end: exit 0 or 1, JSON findings of known rules."""
    findings = _lint(folder, tmp_path)
    for finding in findings:
        assert finding["code"] in RULES
        assert isinstance(finding["line"], int) and finding["line"] >= 1


def _codes(findings: list[dict[str, object]], code: str) -> list[tuple[object, object]]:
    return [(f["path"], f["line"]) for f in findings if f["code"] == code]


def test_forms_duplicates_and_broken_supersede_link(tmp_path: Path) -> None:
    """alphagov/forms: numbers 25 and 41 are used twice; ADR004 links a file that is not there."""
    findings = _lint(CORPORA / "alphagov__forms" / "ADR", tmp_path)
    assert [
        ("ADR025-remove-papertrail.md", 1),
        ("ADR025-use-aasm-to-manage-form-state.md", 1),
        ("ADR041-grant-review-apps-workflow-pull-request-write-access.md", 1),
        ("ADR041-use-activerecord-encryption.md", 1),
    ] == _codes(findings, "ADR301")
    broken = [f for f in findings if f["code"] == "ADR302"]
    assert [
        {
            "path": "ADR004-store-form-schemas-in-an-api.md",
            "line": 7,
            "column": 1,
            "code": "ADR302",
            "severity": "error",
            "message": "superseded-by ADR045-use-forms-api.md: no such file in the log",
        }
    ] == broken


def test_kuma_duplicates(tmp_path: Path) -> None:
    """kumahq/kuma: numbers 95, 96, 100 and 103 are each used by two files."""
    findings = _lint(CORPORA / "kumahq__kuma" / "docs" / "madr" / "decisions", tmp_path)
    duplicated = sorted({str(path).split("-", 1)[0] for path, _ in _codes(findings, "ADR301")})
    assert ["095", "096", "100", "103"] == duplicated
    assert 8 == len(_codes(findings, "ADR301"))


def test_legacy_logs_are_not_asked_to_rename(tmp_path: Path) -> None:
    """Names of older tools (ADRnnn-, dates) are not findings in a log without .adr.toml."""
    findings = _lint(CORPORA / "alphagov__forms" / "ADR", tmp_path)
    assert [] == _codes(findings, "ADR105")


def test_arachne_is_clean(tmp_path: Path) -> None:
    """A tidy Nygard-style log (arachne) has no error findings but three links to files that
    are not there (`module-loading.md` for `adr-004-module-loading.md`)."""
    findings = _lint(CORPORA / "arachne-framework__architecture", tmp_path, "--strict")
    assert [
        ("adr-006-core-runtime.md", 56, "ADR310"),
        ("adr-006-core-runtime.md", 58, "ADR310"),
        ("adr-008-abstract-modules.md", 28, "ADR310"),
    ] == [(f["path"], f["line"], f["code"]) for f in findings if f["severity"] == "error"]
