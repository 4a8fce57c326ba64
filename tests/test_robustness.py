"""Bad input, faults and concurrency: one line or a finding, never a traceback, nothing lost."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ADR_BIN, adr, fail_adr_writes, write

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
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_never_crash_any_reader(initialised: Path, case: str) -> None:
    """list, show, index, graph, log and review survive each bad file; the good ADR stays."""
    folder = _log(initialised)
    (folder / "0003-bad.md").write_bytes(BAD_FILES[case])
    for args in (
        ["list"],
        ["list", "--format", "json"],
        ["show", "2"],
        ["index"],
        ["graph"],
        ["log"],
        ["review"],
    ):
        run = adr(*args)
        assert run.exit_code in (0, 1), (args, run.stderr)
        assert "Traceback" not in run.stderr + run.stdout
        assert all(line.startswith("adr: ") for line in run.stderr.splitlines()), run.stderr
    assert GOOD == (folder / "0002-good.md").read_text()
    assert not (initialised / "pwned").exists()


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
            "## Revisit when\n\n<!-- Which signal (a metric, a date, an event) "
            "tells us to reopen this decision? -->\n"
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
