"""The built wheel carries the built-in templates and works on its own, away from the source."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV, ROOT

pytestmark = pytest.mark.slow

TEMPLATE_NAMES = ["constraint-first", "lightweight", "madr", "nygard"]
SHIPPED = [*TEMPLATE_NAMES, "versions/constraint-first-1"]  # an earlier version, for its ADRs


@dataclass(frozen=True)
class Installed:
    """A wheel built from the checkout and a fresh venv with only that wheel installed."""

    wheel: Path
    venv: Path
    env: dict[str, str]

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def adr(self) -> Path:
        return self.venv / "bin" / "adr"


def run(*args: str | Path, cwd: Path, env: dict[str, str],
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a command with stdin closed; fails the test with its output when it fails."""
    completed = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, capture_output=True, text=True,
                               timeout=timeout, check=False)
    assert 0 == completed.returncode, (
        f"{' '.join(map(str, args))} exited with {completed.returncode}\n"
        f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    )
    return completed


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel with pip, then install it into a new venv (dependencies from the index)."""
    base = tmp_path_factory.mktemp("packaging")
    home = base / "home"
    home.mkdir()
    # Module scope runs before conftest's per-test isolation, so isolate here the same way:
    # a throwaway home (pip cache included), pinned git identity and dates, and nothing that
    # could point Python back at the checkout.
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "ADR_DIR", "GIT_DIR",
                          "GIT_WORK_TREE", "GIT_INDEX_FILE", "NO_COLOR")}
    env.update(GIT_ENV, HOME=str(home), PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               GIT_CONFIG_NOSYSTEM="1")
    dist = base / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT, cwd=base, env=env)
    wheels = sorted(dist.glob("*.whl"))
    assert 1 == len(wheels), wheels
    venv = base / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=base, env=env)
    run(venv / "bin" / "python", "-m", "pip", "install", wheels[0], cwd=base, env=env)
    return Installed(wheels[0], venv, env)


def test_wheel_contains_the_builtin_templates(installed: Installed) -> None:
    """Each built-in template, and each earlier version kept for its ADRs, is in the wheel
    under adr_tool/templates/, byte for byte."""
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
        shipped = sorted(name for name in names if name.startswith("adr_tool/templates/"))
        assert sorted(f"adr_tool/templates/{name}.md" for name in SHIPPED) == shipped
        for name in SHIPPED:
            source = (ROOT / "templates" / f"{name}.md").read_bytes()
            assert source == wheel.read(f"adr_tool/templates/{name}.md"), name
    assert "adr_tool/__main__.py" in names


def test_installed_wheel_works_outside_the_checkout(installed: Installed, tmp_path: Path) -> None:
    """The venv's adr, importing only from the venv, runs init, new, templates and -m."""
    project = tmp_path / "project"
    project.mkdir()
    env = {**installed.env, "HOME": str(tmp_path)}
    run("git", "init", "--quiet", "--initial-branch=main", cwd=project, env=env)

    where = run(installed.python, "-c",
                "import adr_tool, importlib.resources as r; print(adr_tool.__file__); "
                "print((r.files('adr_tool') / 'templates').is_dir())",
                cwd=project, env=env).stdout.splitlines()
    module = Path(where[0]).resolve()
    assert installed.venv.resolve() in module.parents, module
    assert ROOT not in module.parents, module
    assert "True" == where[1]  # the templates come from the package, not a checkout fallback

    init = run(installed.adr, "init", cwd=project, env=env)
    assert ["created .adr.toml", "created docs/adr/0001-record-architecture-decisions.md"] == (
        init.stdout.splitlines())

    new = run(installed.adr, "new", "Use S3 for invoices", "--no-input", cwd=project, env=env)
    assert ["docs/adr/0002-use-s3-for-invoices.md"] == new.stdout.splitlines()
    text = (project / "docs" / "adr" / "0002-use-s3-for-invoices.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert ["# Use S3 for invoices", "## Context", "## Constraints", "## Options considered",
            "## Decision", "## Trade-offs", "## Failure modes", "## Consequences",
            "## Revisit when"] == headings
    assert "template: constraint-first" in text.splitlines()

    listed = run(installed.adr, "templates", cwd=project, env=env).stdout.splitlines()
    assert TEMPLATE_NAMES == [line[2:].split()[0] for line in listed]
    assert ["* constraint-first"] == [line[:18] for line in listed if line.startswith("*")]

    usage = run(installed.python, "-m", "adr_tool", "--help", cwd=project, env=env).stdout
    assert "Usage: adr [OPTIONS] COMMAND [ARGS]..." == usage.splitlines()[0]
    for command in ("init", "new", "list", "show", "edit", "templates"):
        assert f"  {command} " in usage, command
