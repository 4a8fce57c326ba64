"""Bad input, faults and concurrency: one line or a finding, never a traceback, nothing lost."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ADR_BIN, adr, commit, fail_adr_writes, run_process, write

GOOD = '---\nstatus: "proposed"\ndate: 2026-01-01\n---\n# Good\n\n## Context\n\nKeep me.\n'


def _log(root: Path) -> Path:
    folder = root / "docs/adr"
    write(folder / "0002-good.md", GOOD)
    return folder


BAD_FILES: dict[str, bytes] = {
    "non-utf8": b"# Caf\xe9\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "empty": b"",
    "bom": b"\xef\xbb\xbf---\nstatus: accepted\n---\n# With a BOM\n",
    "crlf": b"---\r\nstatus: accepted\r\n---\r\n# CRLF\r\n\r\nBody\r\n",
    "mixed-endings": b"---\nstatus: accepted\r\n---\n# Mixed\r\nBody\n",
    "list-front-matter": b"---\n- a\n- b\n---\n# List\n",
    "python-tag": b"---\nstatus: !!python/object/apply:os.system ['touch pwned']\n---\n# Tag\n",
    "billion-laughs": (
        b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        b"tags: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n# Bomb\n"
    ),
    "duplicate-keys": b"---\nstatus: accepted\nstatus: rejected\n---\n# Twice\n",
    "invalid-date": b"---\nstatus: accepted\ndate: 2022-21-11\n---\n# Bad date\n",
    "octal-number": b"---\nstatus: superseded\nsuperseded-by: [0012]\n---\n# Octal\n",
    "unclosed-front-matter": b"---\nstatus: accepted\n# Never closed\n",
    "title-is-a-path": b"---\nstatus: accepted\n---\n# ../../etc/passwd\n",
    "title-is-shell": b"---\nstatus: accepted\n---\n# $(touch pwned); `rm -rf ~` | x\n",
    "title-is-regex": b"---\nstatus: accepted\n---\n# ^(a+)+$ [.*]\n",
    # issue 14 section 6: one bad file breaks only itself
    "list-as-key": b"---\nstatus: accepted\n[a]: 1\n---\n# List key\n",
    "complex-key": b"---\nstatus: accepted\n? [a, b]\n: 1\n---\n# Complex key\n",
    "mapping-as-key": b"---\nstatus: accepted\n{a: 1}: x\n---\n# Mapping key\n",
    "list-as-relation": b"---\nstatus: accepted\nlinks: {[x]: y}\n---\n# Nested key\n",
    "null-and-bool-keys": b"---\nstatus: accepted\n~: 1\ntrue: 2\n---\n# Odd keys\n",
    "nested-999-deep": b"---\nstatus: accepted\ntags: " + b"[" * 999 + b"]" * 999 + b"\n---\n# D\n",
    "nested-in-links": b"---\nlinks: {amends: " + b"{a: " * 500 + b"1" + b"}" * 501 + b"\n---\n",
    "5000-digit-number": b"---\nstatus: accepted\nsupersedes: [" + b"9" * 5000 + b"]\n---\n# N\n",
    "huge-hex-number": b"---\nstatus: accepted\nsupersedes: [0x" + b"f" * 5000 + b"]\n---\n# H\n",
    "infinite-number": b"---\nstatus: accepted\nsupersedes: [1e400, .inf, .nan]\n---\n# I\n",
    "ten-digit-number": b"---\nstatus: accepted\nsuperseded-by: [12345678901]\n---\n# T\n",
    "values-of-every-shape": (
        b"---\nstatus: {a: 1}\ndate: [1, 2]\ntags: {a: {b: c}}\nreview-by: [x]\n"
        b"template: {t: 1}\ndecision-makers: {x: [y]}\nlinks: [1, 2]\ntitle: [t]\n---\n# V\n"
    ),
    "relation-of-every-shape": (
        b"---\nstatus: accepted\nlinks: {amends: {x: 1}, 5: [1], ~: [2]}\n---\n"
    ),
    "nul-after-8-kb": b"---\nstatus: accepted\n---\n# NUL\n\n" + b"text\n" * 2000 + b"\x00\n",
    "title-in-front-matter-with-newline": b'---\nstatus: accepted\ntitle: "a\\nb"\n---\nNo H1.\n',
    "relation-name-injection": (
        b'---\nstatus: accepted\nlinks: {"x\\"];\\n  click adr2 \\"javascript:alert(1)": [2],'
        b' "<img src=x onerror=alert(1)>": [2]}\n---\n# Injected relations\n'
    ),
    "escape-sequences-in-title": b"---\nstatus: accepted\ntags: [\"\\e]0;pwned\\a\"]\n---\n"
    b"# \x1b[2J\x1b]52;c;cHduZWQ=\x07 \xc2\x9b31m \xe2\x80\xae title\n",
}


READERS = (
    ["list"],
    ["list", "--format", "json"],
    ["show", "2"],
    ["show", "3"],
    ["show", "3", "--format", "json"],
    ["index"],
    ["index", "--check"],
    ["graph"],
    ["graph", "--format", "dot"],
    ["log"],
    ["log", "--format", "json"],
    ["review"],
    ["lint"],
    ["lint", "docs/adr/0003-bad.md"],
    ["import", "--dry-run"],
)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_never_crash_any_reader(initialised: Path, case: str) -> None:
    """Every reading command survives each bad file (never "internal error", never a
    traceback, never a raw control character); the good ADR is still shown."""
    folder = _log(initialised)
    (folder / "0003-bad.md").write_bytes(BAD_FILES[case])
    commit(initialised, "bad file", "2026-01-10", "Ana Silva")
    for args in READERS:
        run = adr(*args)
        assert run.exit_code in (0, 1), (args, run.stderr)
        assert "Traceback" not in run.stderr + run.stdout
        assert "internal error" not in run.stderr, (args, run.stderr)
        assert all(line.startswith(("adr: ", "adr lint: ")) for line in run.stderr.splitlines())
        assert not _RAW_CONTROL.search(run.stdout + run.stderr), (args, run.stdout)
    assert "Keep me." in adr("show", "2").stdout
    assert GOOD == (folder / "0002-good.md").read_text()
    assert not (initialised / "pwned").exists()


# What no output may hold raw: C0 controls but tab and newline, DEL, C1 controls, bidi controls
_RAW_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def test_octal_looking_numbers_are_decimal(initialised: Path) -> None:
    """`superseded-by: [0012]` means ADR 12, not octal 10."""
    folder = _log(initialised)
    (folder / "0003-bad.md").write_bytes(BAD_FILES["octal-number"])
    record = json.loads(adr("show", "3", "--format", "json").stdout)
    assert [12] == record["superseded-by"]


def test_fifty_megabyte_file_is_refused_quickly(initialised: Path) -> None:
    """A 50 MB file is reported in one line, not read."""
    folder = _log(initialised)
    with open(folder / "0003-huge.md", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    run = adr("list")
    assert 0 == run.exit_code
    assert "adr: docs/adr/0003-huge.md: is 50 MB; an ADR over 5 MB is not read\n" == run.stderr


def test_crlf_and_mixed_endings_survive_a_status_change(initialised: Path) -> None:
    """Changing the status keeps every other byte, CRLF and mixed endings included."""
    folder = _log(initialised)
    path = folder / "0003-mixed.md"
    path.write_bytes(b'---\r\nstatus: "proposed"\r\ndate: 2026-01-01\n---\n# Mixed\r\nBody\n')
    assert 0 == adr("accept", "3").exit_code
    assert (
        b'---\r\nstatus: "accepted"\r\ndate: 2026-01-15\n---\n# Mixed\r\nBody\n'
        == path.read_bytes()
    )


def test_symlink_outside_is_not_written_through(initialised: Path) -> None:
    """An ADR that is a symlink to a file outside the ADR folder is never written (one leading
    out of the repository is not even read: test_boundary.py)."""
    outside = write(initialised / "notes" / "outside.md",
                    '---\nstatus: "proposed"\n---\n# Outside\n')
    (initialised / "docs/adr/0003-link.md").symlink_to(outside)
    run = adr("accept", "3")
    assert 1 == run.exit_code
    assert (
        "adr: docs/adr/0003-link.md: is a symbolic link; adr-tool does not write through "
        "links\n" == run.stderr
    )
    assert '---\nstatus: "proposed"\n---\n# Outside\n' == outside.read_text()


def test_adr_folder_that_is_a_file(repo: Path) -> None:
    """An ADR folder that is a file is one line."""
    write(repo / ".adr.toml", 'directory = "decisions"\n')
    write(repo / "decisions", "not a folder\n")
    run = adr("list")
    assert 1 == run.exit_code
    assert run.stderr.endswith("decisions is a file, not a folder\n")


def test_unreadable_file_and_read_only_folder(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission errors are one line (injected: root ignores file modes, and CI runs as root)."""
    folder = _log(initialised)
    real_read = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "0002-good.md":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    listed = adr("list")
    assert "adr: docs/adr/0002-good.md: cannot be read: permission denied\n" == listed.stderr
    monkeypatch.setattr(Path, "read_bytes", real_read)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("adr_tool.store.tempfile.mkstemp", read_only)
    run = adr("new", "X", "--no-input")
    assert (1, "adr: docs/adr: is not writable: permission denied\n") == (run.exit_code, run.stderr)
    assert not list(folder.glob("0003-*"))


def test_disk_full_is_reported_and_nothing_half_written(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during a write is one line; the file keeps its old content."""
    folder = _log(initialised)

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("adr_tool.store.os.fsync", lambda fd: full(fd, b""))
    run = adr("accept", "2")
    assert (1, "adr: docs/adr: cannot be written to: No space left on device\n") == (
        run.exit_code,
        run.stderr,
    )
    assert GOOD == (folder / "0002-good.md").read_text()
    assert not list(folder.glob(".adr-*"))


@pytest.mark.parametrize("failing_write", [1, 2])
def test_link_failure_at_each_step_leaves_the_log_consistent(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int
) -> None:
    """`adr link` failing at its first or second write changes neither file."""
    folder = _log(initialised)
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    fail_adr_writes(monkeypatch, OSError(5, "Input/output error"), at=failing_write)
    run = adr("link", "2", "amends", "1")
    assert 1 == run.exit_code
    assert before == {p.name: p.read_bytes() for p in folder.glob("*.md")}


def test_import_failure_leaves_the_log_as_it_was(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import whose third write fails restores the two files already written."""
    write(repo / ".adr-dir", "doc/adr\n")
    for n in (1, 2, 3):
        write(repo / f"doc/adr/000{n}-a{n}.md", f"# {n}. A{n}\n\n## Status\n\nAccepted\n")
    before = {p.name: p.read_bytes() for p in (repo / "doc/adr").glob("*.md")}
    fail_adr_writes(monkeypatch, OSError(28, "No space left on device"), at=3)
    assert 1 == adr("import", "--force").exit_code
    assert before == {p.name: p.read_bytes() for p in (repo / "doc/adr").glob("*.md")}


def test_killed_writers_leave_whole_files(initialised: Path) -> None:
    """`adr new` killed at random moments leaves every ADR whole (old or new, never half)."""
    import random
    import signal
    import time

    rng = random.Random(1234)
    for attempt in range(12):
        process = subprocess.Popen(
            [str(ADR_BIN), "new", f"Killed {attempt}", "--no-input"],
            cwd=initialised,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
    for path in sorted((initialised / "docs/adr").glob("*.md"))[1:]:
        text = path.read_text()  # every file that exists is a whole ADR, start to end
        assert text.startswith("---\nstatus: ") and "\n# Killed " in text, path.name
        assert text.endswith(
            "## Revisit when\n\n- Signal: <!-- A metric and its threshold, a date, or a named "
            "event that reopens this decision. -->\n"
        ), path.name
    numbers = [p.name[:4] for p in (initialised / "docs/adr").glob("*.md")]
    assert len(numbers) == len(set(numbers))


def test_two_status_changes_at_once_leave_a_valid_file(initialised: Path) -> None:
    """Two `adr status` on one ADR at the same time: the file is whole, with one of them."""
    folder = _log(initialised)
    for _ in range(5):
        processes = [
            subprocess.Popen(
                [str(ADR_BIN), "status", "2", status],
                cwd=initialised,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for status in ("accepted", "rejected")
        ]
        for process in processes:
            process.wait(timeout=30)
        text = (folder / "0002-good.md").read_text()
        assert text in (
            GOOD.replace('"proposed"', f'"{s}"').replace("2026-01-01", today)
            for s in ("accepted", "rejected")
            for today in ("2026-01-15",)
        ), text


# Caches in .git/adr-tool are damage when they are anything but what adr-tool wrote: ignored,
# never waited on, never read without end, never believed.
CACHE_DAMAGE: dict[str, Callable[[Path], object]] = {
    "not JSON": lambda path: path.write_bytes(b"\xff\x00 not json"),
    "a JSON string": lambda path: path.write_text('"files"'),
    "nested 100,000 deep": lambda path: path.write_text("[" * 100_000 + "]" * 100_000),
    "a pipe": lambda path: os.mkfifo(path),
    "a link to /dev/zero": lambda path: path.symlink_to("/dev/zero"),
    "a link to a folder": lambda path: path.symlink_to(path.parent),
    "a sparse 300 MB file": lambda path: os.truncate(path, 300 * 1024 * 1024),
}


def _cache_file(repo: Path, kind: str) -> Path:
    (path,) = (repo / ".git" / "adr-tool").glob(f"{kind}-*.json")
    return path


def _outputs(repo: Path, env: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    """What `list --format json` (metadata and history) and `lint` (findings) say, as real
    processes: a pipe must never make one wait."""
    return [
        (run.returncode, run.stdout, run.stderr)
        for args in (["list", "--format", "json"], ["lint", "--format", "json"])
        for run in [run_process(*args, cwd=repo, timeout=60, env=env)]
    ]


@pytest.mark.parametrize("kind", ["files", "history"])
@pytest.mark.parametrize("damage", sorted(CACHE_DAMAGE))
def test_a_damaged_cache_is_ignored_and_never_waited_on(
    story: Path, kind: str, damage: str
) -> None:
    """A cache that is not JSON, nested too deep, a pipe, a link to a device or a folder, or
    huge: the commands say exactly what they say without a cache, and replace it."""
    expected = _outputs(story, {"ADR_NO_CACHE": "1"})
    assert expected == _outputs(story)  # the caches are written
    path = _cache_file(story, kind)
    path.unlink()
    if damage == "a sparse 300 MB file":
        path.touch()
    CACHE_DAMAGE[damage](path)
    assert expected == _outputs(story)
    assert path.is_file() and not path.is_symlink()  # replaced by a cache of its own


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    story: Path, tmp_path: Path
) -> None:
    """`.git/adr-tool` a link to a folder elsewhere: no cache is read from it or written to it."""
    expected = _outputs(story, {"ADR_NO_CACHE": "1"})
    _outputs(story)
    elsewhere = tmp_path / "elsewhere"
    (story / ".git" / "adr-tool").rename(elsewhere)
    (story / ".git" / "adr-tool").symlink_to(elsewhere)
    before = {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    for path in elsewhere.iterdir():  # what it holds would change every answer if believed
        path.write_text(path.read_text().replace("Use S3", "Believed"))
    changed = {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    assert expected == _outputs(story)
    assert changed == {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    assert before.keys() == changed.keys()


WRONG_VALUES: list[object] = [None, True, -1, 10**12, 1.5, "x", [[1]], {}]


def _paths_in(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON value (each key of a mapping, each item of a list)."""
    if isinstance(data, dict):
        items: list[tuple[object, object]] = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return []
    found: list[tuple[object, ...]] = []
    for key, value in items:
        found.append((*prefix, key))
        found += _paths_in(value, (*prefix, key))
    return found


def _set(data: object, path: tuple[object, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


@pytest.mark.parametrize(
    ("kind", "entry", "commands"),
    [
        ("files", ("files", "0003-use-gcs.md"), (["list"], ["graph"], ["lint"])),
        ("history", ("commits", 0), (["log"],)),
    ],
)
def test_a_cache_entry_of_the_wrong_type_anywhere_is_not_believed(
    story: Path, kind: str, entry: tuple[object, ...], commands: tuple[list[str], ...]
) -> None:
    """Each value of a real cache entry (an ADR's metadata and findings, a commit) replaced by
    values of each type (none, a bool, a negative, a huge number, text, a list, a mapping):
    never an error; a value of another type than the one written is damage, and the answer is
    the one without cache."""
    expected = [adr(*args, env={"ADR_NO_CACHE": "1"}) for args in commands]
    for args in commands:
        adr(*args)
    path = _cache_file(story, kind)
    real = json.loads(path.read_text(encoding="utf-8"))
    places = [  # the entry of one ADR, or one commit; of each list inside it, the first item
        p
        for p in _paths_in(real)
        if p[: len(entry)] == entry and all(key == 0 for key in _list_keys(p[len(entry) + 1 :]))
    ]
    assert len(places) > 10
    tried = 0
    for place in places:
        original = _get(real, place)
        for wrong in WRONG_VALUES:
            damaged = json.loads(json.dumps(real))
            _set(damaged, place, wrong)
            path.write_text(json.dumps(damaged), encoding="utf-8")
            for args, answer in zip(commands, expected, strict=True):
                run = adr(*args)
                assert run.exit_code in (0, 1) and "internal error" not in run.stderr, place
                if None not in (wrong, original) and type(wrong) is not type(original):
                    assert (answer.stdout, answer.stderr) == (run.stdout, run.stderr), place
            tried += 1
    assert tried == len(places) * len(WRONG_VALUES)


def _list_keys(path: tuple[object, ...]) -> list[object]:
    """The list indexes of a place that come after a mapping key (items of lists in values)."""
    return [
        key
        for before, key in itertools.pairwise(path)
        if isinstance(before, str) and isinstance(key, int)
    ]


def _get(data: object, path: tuple[object, ...]) -> object:
    for key in path:
        data = data[key]  # type: ignore[index]
    return data


BAD_CONFIGS: dict[str, tuple[bytes, str]] = {
    "tables nested 5,000 deep": (
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "adr: .adr.toml: nests tables or arrays too deep to be read\n",
    ),
    "inline tables nested 5,000 deep": (
        b"a = " + b"{b = " * 5000 + b"1" + b"}" * 5000 + b"\n",
        "adr: .adr.toml: nests tables or arrays too deep to be read\n",
    ),
    "2 MB of comments": (
        b'directory = "docs/adr"\n' + b"# x\n" * 500_000,
        "adr: .adr.toml: is over 1024 KB: not a settings file\n",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_a_bad_configuration_is_one_line(initialised: Path, case: str) -> None:
    """A `.adr.toml` nested thousands deep or megabytes long: exit 2 and one line."""
    content, message = BAD_CONFIGS[case]
    (initialised / ".adr.toml").write_bytes(content)
    for args in (["list"], ["lint"], ["new", "X", "--no-input"]):
        run = adr(*args)
        assert (2, message) == (run.exit_code, run.stderr), args


BAD_ANSWERS: dict[str, tuple[str, str]] = {
    "tags that are a number": ("title: T\ntags: 5\n", "2: tags must be a list of words"),
    "a template that is a list": ("title: T\ntemplate: [1]\n", "2: template must be text"),
    "a date that does not exist": ("title: T\ndate: 2026-02-30\n", "2: date must be a date"),
    "a review date that is a list": ("title: T\nreview-by: [1]\n", "2: review-by must be a date"),
    "a title that is a mapping": ("title: {a: 1}\n", "1: title must be text"),
    "a status that is a number": ("title: T\nstatus: 5\n", "2: status must be text"),
    "makers in a mapping": ("title: T\ndecision-makers: {a: b}\n", "2: decision-makers must be"),
    "supersedes that is text": ("title: T\nsupersedes: [abc]\n", "2: supersedes must be a list"),
    "supersedes of ten digits": ("title: T\nsupersedes: [12345678901]\n", "2: supersedes must"),
    "sections that are a list": ("title: T\nsections: [a]\n", "2: sections must be a mapping"),
    "an item that is a list": (
        "title: T\nsections:\n  Constraints:\n    Users: [a]\n",
        "2: sections must be a mapping",
    ),
    "a key that is a list": ("title: T\n[a]: 1\n", "2: answers file is not valid YAML: a key"),
    "an unknown key": ("title: T\ncolour: red\n", "2: answers file has an unknown key 'colour'"),
    "an alias bomb": (
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "tags: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
        "1: answers file uses YAML anchors and aliases",
    ),
    "a python tag": (
        "title: !!python/object/apply:os.system ['touch pwned']\n",
        "1: answers file is not valid YAML",
    ),
    "nested 999 deep": ("title: T\ntags: " + "[" * 999 + "]" * 999 + "\n", "1: answers file nests"),
    "not a mapping": ("- a\n- b\n", "1: answers file must be a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_a_bad_answers_file_is_one_line_naming_its_line(initialised: Path, case: str) -> None:
    """`adr new --answers FILE` with a value of the wrong type, a YAML trick or an unknown key:
    exit 2, one line `path:line: what is wrong`, no ADR written, nothing run."""
    content, message = BAD_ANSWERS[case]
    write(initialised / "answers.yaml", content)
    run = adr("new", "--no-input", "--answers", "answers.yaml")
    assert 2 == run.exit_code
    assert run.stderr.startswith(f"adr: answers.yaml:{message}"), run.stderr
    assert 1 == run.stderr.count("\n")
    assert ["0001-record-architecture-decisions.md"] == [
        p.name for p in (initialised / "docs/adr").glob("*.md")
    ]
    assert not (initialised / "pwned").exists()


def test_an_answers_file_that_never_ends_is_refused(initialised: Path) -> None:
    """An answers file over 1 MB is refused in one line after reading 1 MB; `/dev/zero` is
    refused in one line (it lies outside the repository), never read forever."""
    write(initialised / "answers.yaml", "title: T\n" + "# comment\n" * 200_000)
    run = run_process("new", "--no-input", "--answers", "answers.yaml", cwd=initialised)
    expected = "adr: answers.yaml: answers file is over 1024 KB\n"
    assert (2, expected) == (run.returncode, run.stderr)
    run = run_process("new", "--no-input", "--answers", "/dev/zero", cwd=initialised, timeout=60)
    assert run.returncode in (1, 2) and 1 == run.stderr.count("\n"), run.stderr
    assert ["0001-record-architecture-decisions.md"] == [
        p.name for p in (initialised / "docs/adr").glob("*.md")
    ]


def test_a_good_answers_file_of_every_kind_of_value(initialised: Path) -> None:
    """Numbers where words go, a tag as one word, items left empty: all accepted."""
    write(
        initialised / "answers.yaml",
        "title: Use Redis\nstatus: accepted\ndate: 2026-01-02\ntags: cache\n"
        "decision-makers: [Ana, 2024]\nsupersedes: 1\nreview-by: 2027-01-02\n"
        "sections:\n  Context: 42\n  Constraints:\n    Users: ~\n    Latency: 5\n"
        "  Options considered: [Redis, 7]\n",
    )
    run = adr("new", "--no-input", "--answers", "answers.yaml")
    assert (0, "docs/adr/0002-use-redis.md\n") == (run.exit_code, run.stdout), run.stderr
    text = (initialised / "docs/adr/0002-use-redis.md").read_text()
    assert text.startswith(
        '---\nstatus: "accepted"\ndate: 2026-01-02\ndecision-makers: [Ana, "2024"]\n'
        "tags: [cache]\nsupersedes: [1]\nreview-by: 2027-01-02\n"
    )
    assert "- Latency: 5\n" in text and "- Redis\n- 7\n" in text


def test_a_broken_project_template_breaks_only_itself(initialised: Path) -> None:
    """A project template with a list as a key: one ADR100 finding naming it; `adr templates`
    lists the others (and names it, exit 1); `adr new` with another template works."""
    write(
        initialised / "docs/adr/templates/broken.md",
        "---\nname: broken\n[a]: 1\nsections: [Context]\n---\n# T\n\n## Context\n",
    )
    lint = adr("lint", "--select", "ADR100")
    assert (
        1,
        "docs/adr/templates/broken.md:3:1: ADR100 front matter is not valid YAML: a key must "
        "be a word, not a list or a mapping\n",
    ) == (lint.exit_code, lint.stdout)
    listed = adr("templates")
    assert 1 == listed.exit_code
    assert (
        "adr: docs/adr/templates/broken.md:3: front matter is not valid YAML: a key must be a "
        "word, not a list or a mapping\n"
    ) == listed.stderr
    assert ["constraint-first", "lightweight", "madr", "nygard"] == [
        line[2:].split()[0] for line in listed.stdout.splitlines()
    ]
    assert 0 == adr("new", "Fine", "--no-input", "--template", "madr").exit_code
    refused = adr("new", "Not fine", "--no-input", "--template", "broken")
    assert (1, listed.stderr) == (refused.exit_code, refused.stderr)


def test_a_template_that_is_a_pipe_is_never_waited_on(initialised: Path) -> None:
    """A project template that is a named pipe: one line, never a wait; the others serve."""
    (initialised / "docs/adr/templates").mkdir()
    os.mkfifo(initialised / "docs/adr/templates/pipe.md")
    line = "docs/adr/templates/pipe.md: is not a regular file (a pipe or a device?)"
    lint = run_process("lint", "--select", "ADR100", cwd=initialised, timeout=60)
    assert (1, f"{line.replace(': is', ':1:1: ADR100 is')}\n") == (lint.returncode, lint.stdout)
    listed = run_process("templates", cwd=initialised, timeout=60)
    assert (1, f"adr: {line}\n") == (listed.returncode, listed.stderr)
    created = run_process("new", "Fine", "--no-input", cwd=initialised, timeout=60)
    assert (0, "docs/adr/0002-fine.md\n") == (created.returncode, created.stdout)
