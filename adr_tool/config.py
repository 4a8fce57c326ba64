"""Find the ADR folder and read `.adr.toml` (DESIGN.md section 4)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .boundary import OUTSIDE, leads_outside
from .errors import ConfigError
from .model import DEFAULT_RELATIONS, DEFAULT_STATUSES

if TYPE_CHECKING:
    from collections.abc import Mapping

CONFIG_NAME = ".adr.toml"
ADR_TOOLS_POINTER = ".adr-dir"
DEFAULT_DIRECTORY = "docs/adr"
CONVENTIONAL_FOLDERS = ("docs/adr", "doc/adr", "docs/decisions", "docs/architecture/decisions")
DEFAULT_TEMPLATE = "constraint-first"

_TOP_KEYS = {
    "directory",
    "template",
    "statuses",
    "default-status",
    "base-branch",
    "index",
    "lint",
    "links",
}
_LINT_KEYS = {"select", "ignore", "stale-proposal-days"}


@dataclass(frozen=True)
class Config:
    """Where the log is and how the project wants it kept."""

    root: Path  # the folder holding `.adr.toml` (or the repository root)
    directory: Path  # absolute path of the ADR folder
    template: str = DEFAULT_TEMPLATE
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    default_status: str = "proposed"
    base_branch: str | None = None
    index: Path | None = None  # absolute; None means <directory>/README.md
    lint_select: tuple[str, ...] = ()
    lint_ignore: tuple[str, ...] = ()
    stale_proposal_days: int = 30
    relations: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_RELATIONS))
    source: Path | None = None  # the file the settings came from, if any

    @property
    def index_path(self) -> Path:
        return self.index or self.directory / "README.md"


def find_root(start: Path) -> Path:
    """The enclosing git work tree, else `start` itself."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def repository_root(config: Config) -> Path:
    """The folder no input may lead out of (boundary.py): the git work tree holding the log,
    or outside git the folder holding `.adr.toml`."""
    return find_root(config.root.resolve())


def discover(start: Path, explicit_directory: Path | None = None) -> Config:
    """The configuration that applies at `start`, walking up to the repository root."""
    if explicit_directory is not None:
        return _explicit(explicit_directory)
    start = start.resolve()
    config = _find_config(start)
    if config is None:
        raise ConfigError(
            f"no ADR folder found from {start}: run `adr init`, or point at one with --dir"
        )
    return config


def _explicit(directory: Path) -> Config:
    """`--dir`: settings from the `.adr.toml` above the folder as named (not above the cwd, not
    above a link's target); a folder that leads out of its repository is refused."""
    named = Path(os.path.abspath(directory))  # noqa: PTH100 (lexical: no link followed)
    config = _find_config(named)
    root = find_root(config.root if config is not None else named).resolve()
    resolved = named.resolve()
    if leads_outside(resolved, root):
        raise ConfigError(f"--dir {OUTSIDE}", directory)
    base = config or Config(root=root, directory=resolved)
    return replace(base, directory=resolved)


def _find_config(start: Path) -> Config | None:
    """The first of `.adr.toml`, `.adr-dir` or a conventional folder, up to the repository root."""
    for folder in (start, *start.parents):
        config_file = folder / CONFIG_NAME
        if config_file.is_file():
            return load(_within(config_file, folder))
        pointer = folder / ADR_TOOLS_POINTER
        if pointer.is_file():
            directory = _read_pointer(_within(pointer, folder), folder)
            return Config(root=folder, directory=directory, source=pointer)
        found = next((folder / c for c in CONVENTIONAL_FOLDERS if (folder / c).is_dir()), None)
        if found is not None:
            return Config(root=folder, directory=_within(found, folder))
        if (folder / ".git").exists():
            return None  # never escape the repository
    return None


def _within(path: Path, folder: Path) -> Path:
    """`path`, found in `folder`, unless it is a link leading out of the repository."""
    if leads_outside(path, find_root(folder).resolve()):
        raise ConfigError(OUTSIDE, path)
    return path


def _read_pointer(pointer: Path, root: Path) -> Path:
    try:
        text = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read it: {error}", pointer) from None
    if not text:
        raise ConfigError("is empty; it should hold the ADR folder's path", pointer, 1)
    return _inside(root, text, pointer, 1)


def _inside(root: Path, relative: str, source: Path, line: int | None) -> Path:
    path = (root / relative).resolve()
    if path != root.resolve() and root.resolve() not in path.parents:
        raise ConfigError(f"{relative!r} is outside the project folder {root}", source, line)
    return path


def load(path: Path) -> Config:
    """Read and check one `.adr.toml`; every problem is one line naming the key."""
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", path) from None
    except OSError as error:
        raise ConfigError(f"cannot read it: {error.strerror}", path) from None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(
            f"invalid TOML: {message}", path, int(match.group(1)) if match else None
        ) from None
    return _from_table(data, path, raw)


def _from_table(data: dict[str, Any], path: Path, raw: str) -> Config:
    check = _Checker(path, raw)
    for key in data:
        if key not in _TOP_KEYS:
            check.fail(key, f"unknown key {key!r}; known keys: {', '.join(sorted(_TOP_KEYS))}")
    root = path.parent
    directory = _inside(
        root, check.text(data, "directory", DEFAULT_DIRECTORY), path, check.line_of("directory")
    )
    statuses = tuple(s.lower() for s in check.texts(data, "statuses", list(DEFAULT_STATUSES)))
    if not statuses:
        check.fail("statuses", "statuses must name at least one status")
    default_status = check.text(data, "default-status", statuses[0]).lower()
    if default_status not in statuses:
        check.fail(
            "default-status",
            f"default-status {default_status!r} is not one of: {', '.join(statuses)}",
        )
    index = data.get("index")
    lint = check.table(data, "lint")
    for key in lint:
        if key not in _LINT_KEYS:
            check.fail(
                key, f"unknown key {key!r} in [lint]; known: {', '.join(sorted(_LINT_KEYS))}"
            )
    days = lint.get("stale-proposal-days", 30)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        check.fail("stale-proposal-days", "stale-proposal-days must be a whole number of days")
    relations = dict(DEFAULT_RELATIONS)
    for name, reverse in check.table(data, "links").items():
        if not isinstance(reverse, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", name + reverse):
            check.fail(
                name,
                f"[links] {name} must name its reverse as a lower-case word, "
                'such as `refines = "refined-by"`',
            )
        relations[name] = reverse
        relations[reverse] = name
    return Config(
        root=root,
        directory=directory,
        template=check.text(data, "template", DEFAULT_TEMPLATE),
        statuses=statuses,
        default_status=default_status,
        base_branch=check.text(data, "base-branch", "") or None,
        index=None
        if index is None
        else _inside(root, check.text(data, "index", ""), path, check.line_of("index")),
        lint_select=tuple(check.texts(lint, "select", [])),
        lint_ignore=tuple(check.texts(lint, "ignore", [])),
        stale_proposal_days=days,
        relations=relations,
        source=path,
    )


def key_line(path: Path, key: str) -> int | None:
    """The line of `key = ...` in a configuration file, for an error that names it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _Checker(path, raw).line_of(key)


class _Checker:
    """Type checks that fail with the line of the offending key."""

    def __init__(self, path: Path, raw: str) -> None:
        self.path = path
        self.lines = raw.splitlines()

    def line_of(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[{re.escape(key)}\]")
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), None)

    def fail(self, key: str, message: str) -> None:
        raise ConfigError(message, self.path, self.line_of(key))

    def text(self, table: dict[str, Any], key: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"{key} must be a string, not {type(value).__name__}")
        return str(value)

    def texts(self, table: dict[str, Any], key: str, default: list[str]) -> list[str]:
        value = table.get(key, default)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(key, f"{key} must be a list of strings")
        return list(value)

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, f"[{key}] must be a table")
        return dict(value)


def render_default(directory: str = DEFAULT_DIRECTORY, template: str = DEFAULT_TEMPLATE) -> str:
    """The `.adr.toml` that `adr init` writes: every key with its default, explained."""
    statuses = ", ".join(f'"{s}"' for s in DEFAULT_STATUSES)
    return f"""\
# adr-tool configuration; every key is described in docs/configuration.md of adr-tool
directory = "{directory}"
template = "{template}"
statuses = [{statuses}]
default-status = "proposed"
# base-branch = "origin/main"   # numbering checks; default: the upstream of the current branch
# index = "{directory}/README.md"

[lint]
select = []          # rule codes or prefixes to run (empty: all)
ignore = []          # rule codes or prefixes to skip
stale-proposal-days = 30

[links]
# refines = "refined-by"   # extra typed relations, each with its reverse
"""
