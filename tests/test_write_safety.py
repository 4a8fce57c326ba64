"""Writes never replace a file they did not mean to, wait for each other, and leave files
readable by whom the umask allows: moves, creates, the lock, temporaries, modes, numbers."""

from __future__ import annotations

import errno
import os
import stat
import time
from typing import TYPE_CHECKING

import pytest

from adr_tool.errors import AdrError
from adr_tool.store import folder_lock, move_exclusive
from tests.conftest import adr, commit, git, run_process, start_process, write

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

LATIN1 = b"# 3. L\xe9gacy decision\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"
DATED = "---\nstatus: accepted\ndate: 2020-03-01\n---\n# Legacy\n"
OURS = '---\nstatus: "proposed"\ndate: 2026-01-01\n---\n# {title}\n\n## Context\n\nKeep me.\n'


def _adr_tools(number: int, title: str) -> str:
    return f"# {number}. {title}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture
def legacy_log(repo: Path) -> Path:
    """An adr-tools log with a Latin-1 ADR 3 and a dated file, committed."""
    write(repo / ".adr-dir", "doc/adr\n")
    folder = repo / "doc/adr"
    write(folder / "0001-a.md", _adr_tools(1, "A"))
    write(folder / "0002-b.md", _adr_tools(2, "B"))
    (folder / "0003-legacy.md").write_bytes(LATIN1)
    write(folder / "2020-03-01-legacy.md", DATED)
    commit(repo, "legacy log", "2026-01-02", "Ana Silva")
    return folder


def test_import_renumber_never_replaces_an_unreadable_adr(legacy_log: Path) -> None:
    """The dated file is numbered after every file's number, readable or not; the Latin-1 ADR
    keeps its name and bytes (main renamed the dated file onto it)."""
    run = adr("import", "--renumber", "--force")
    assert 0 == run.exit_code, run.stderr
    assert LATIN1 == (legacy_log / "0003-legacy.md").read_bytes()
    assert ["0001-a.md", "0002-b.md", "0003-legacy.md", "0004-legacy.md"] == sorted(
        _files(legacy_log)
    )
    assert "# Legacy\n" in (legacy_log / "0004-legacy.md").read_text()


def test_a_move_refuses_an_existing_target(tmp_path: Path) -> None:
    """move_exclusive onto an existing file is one line and changes neither file."""
    source = write(tmp_path / "0002-a.md", "source\n")
    target = write(tmp_path / "0003-a.md", "target\n")
    with pytest.raises(AdrError) as raised:
        move_exclusive(source, target)
    assert "cannot be renamed to 0003-a.md: that name is taken; nothing was replaced" == str(
        raised.value.message
    )
    assert ("source\n", "target\n") == (source.read_text(), target.read_text())


@pytest.mark.parametrize("occupied", ["empty folder", "folder", "file"])
def test_a_folder_move_refuses_an_existing_target(tmp_path: Path, occupied: str) -> None:
    """A folder record moved onto a name that is taken (even by an empty folder, which a plain
    rename would replace) is one line, and both stay as they were."""
    source = write(tmp_path / "0002-a" / "README.md", "source\n")
    target = tmp_path / "0003-a"
    if occupied == "file":
        write(target, "target\n")
    else:
        target.mkdir()
        if occupied == "folder":
            write(target / "README.md", "target\n")
    before = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*"))
    with pytest.raises(AdrError, match="that name is taken; nothing was replaced"):
        move_exclusive(source.parent, target)
    assert before == sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*"))
    assert "source\n" == source.read_text()


def test_a_folder_move_to_a_free_name_moves_everything(tmp_path: Path) -> None:
    """A folder record moved to a free name arrives whole, with the files beside its README."""
    source = write(tmp_path / "0002-a" / "README.md", "source\n")
    write(tmp_path / "0002-a" / "flow.png", "png")
    move_exclusive(source.parent, tmp_path / "0003-a")
    assert ["0003-a", "0003-a/README.md", "0003-a/flow.png"] == sorted(
        str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*")
    )


def test_a_move_without_hard_links_still_replaces_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where hard links are refused, the name is claimed exclusively first: an existing
    target is still refused, a free one gets the file."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("adr_tool.store.os.link", refuse)
    source = write(tmp_path / "0002-a.md", "source\n")
    target = write(tmp_path / "0003-a.md", "target\n")
    with pytest.raises(AdrError):
        move_exclusive(source, target)
    assert ("source\n", "target\n") == (source.read_text(), target.read_text())
    free = tmp_path / "0004-a.md"
    move_exclusive(source, free)
    assert (False, "source\n") == (source.exists(), free.read_text())


def test_renumber_moves_a_tracked_file_with_its_staged_state(initialised: Path) -> None:
    """A tracked ADR is renamed in git's index too (as `git mv` would), without `git mv`."""
    write(initialised / "docs/adr/0002-x.md", OURS.format(title="X"))
    commit(initialised, "x", "2026-01-02", "Ana Silva")
    run = adr("renumber", "2", "--to", "7")
    assert 0 == run.exit_code, run.stderr
    status = git(initialised, "status", "--porcelain")
    assert "R  docs/adr/0002-x.md -> docs/adr/0007-x.md\n" in status


def test_renumber_never_takes_the_number_of_an_unreadable_file(initialised: Path) -> None:
    """A Latin-1 ADR 3 holds its number: `--to 3` is refused, the default skips it."""
    folder = initialised / "docs/adr"
    write(folder / "0002-x.md", OURS.format(title="X"))
    (folder / "0003-x.md").write_bytes(LATIN1)
    refused = adr("renumber", "2", "--to", "3")
    assert (2, "adr: number 3 is already used in the log\n") == (
        refused.exit_code,
        refused.stderr.splitlines(keepends=True)[-1],
    )
    moved = adr("renumber", "2")
    assert 0 == moved.exit_code, moved.stderr
    assert LATIN1 == (folder / "0003-x.md").read_bytes()
    assert "# X\n" in (folder / "0004-x.md").read_text()


@pytest.mark.parametrize(
    "command", [["renumber", "2", "--to", "9"], ["import", "--renumber", "--force"]]
)
def test_a_read_only_file_system_is_one_line(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Renames and writes on a read-only file system (EROFS injected at every call that
    writes: CI runs as root) give one line, exit 1, and change nothing (main: exit 3)."""
    folder = initialised / "docs/adr"
    write(folder / "0002-x.md", OURS.format(title="X"))
    write(folder / "ADR-5-y.md", OURS.format(title="Y"))
    before = _files(folder)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    for name in ("link", "replace", "rename", "unlink"):
        monkeypatch.setattr(f"adr_tool.store.os.{name}", read_only)
    monkeypatch.setattr("adr_tool.store.tempfile.mkstemp", read_only)
    run = adr(*command)
    assert 1 == run.exit_code
    assert 1 == len(run.stderr.splitlines()), run.stderr
    assert "Read-only file system" in run.stderr and "internal error" not in run.stderr
    assert before == _files(folder)


@pytest.fixture
def held_lock(initialised: Path) -> Iterator[Path]:
    """The ADR folder's write lock, held by this test process as another writer would."""
    folder = initialised / "docs/adr"
    with folder_lock(folder):
        yield folder


def test_a_writer_waits_a_bounded_time_then_says_so(held_lock: Path) -> None:
    """While another writer holds the lock too long, a write command stops with one line."""
    before = _files(held_lock)
    completed = run_process(
        "accept", "1", cwd=held_lock.parent.parent, env={"ADR_LOCK_TIMEOUT": "1"}
    )
    assert (
        1,
        "adr: docs/adr: another adr command has been writing here for over 1 s; run this "
        "again when it has finished (or raise $ADR_LOCK_TIMEOUT)\n",
    ) == (completed.returncode, completed.stderr)
    assert before == _files(held_lock)


@pytest.mark.parametrize(
    "command",
    [
        ["new", "X", "--no-input"],
        ["status", "1", "rejected"],
        ["accept", "1"],
        ["supersede", "1", "2"],
        ["link", "1", "amends", "2"],
        ["renumber", "2", "--to", "5"],
        ["import", "--force"],
        ["index"],
    ],
)
def test_every_write_command_takes_the_lock(initialised: Path, command: list[str]) -> None:
    """Each write command waits for the lock held by another writer (and gives up with the
    one line), instead of writing beside it."""
    assert 0 == adr("new", "Second", "--no-input").exit_code
    folder = initialised / "docs/adr"
    with folder_lock(folder):
        before = _files(folder)
        completed = run_process(*command, cwd=initialised, env={"ADR_LOCK_TIMEOUT": "0.5"})
        after = _files(folder)
    assert 1 == completed.returncode, completed.stdout + completed.stderr
    assert "another adr command has been writing here" in completed.stderr
    assert before == after


def test_a_waiting_writer_goes_on_when_the_lock_is_let_go(initialised: Path) -> None:
    """A writer that finds the lock taken waits, then writes once the other has finished."""
    folder = initialised / "docs/adr"
    with folder_lock(folder):
        process = start_process("reject", "1", cwd=initialised)
        time.sleep(0.5)  # not a timed assertion: the writer must simply be waiting by now
        assert process.poll() is None
    stdout, stderr = process.communicate(timeout=60)
    assert (0, "updated docs/adr/0001-record-architecture-decisions.md\n") == (
        process.returncode,
        stdout,
    ), stderr
    assert 'status: "rejected"' in (folder / "0001-record-architecture-decisions.md").read_text()


def _age(path: Path, seconds: int) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_stale_temporaries_are_removed_and_never_listed(initialised: Path) -> None:
    """A temporary file left by a killed writer is never read as an ADR; the next write
    command removes it once it is over a minute old, and leaves a fresh one alone."""
    folder = initialised / "docs/adr"
    stale = write(folder / ".adr-k1ll3d.tmp", OURS.format(title="Half written"))
    nested = write(folder / "sub" / ".adr-0ld.tmp", OURS.format(title="Half written"))
    fresh = write(folder / ".adr-wr1t1ng.tmp", OURS.format(title="Being written"))
    other = write(folder / ".adr-notes.txt", "not ours\n")
    _age(stale, 120)
    _age(nested, 120)
    _age(other, 120)
    listed = adr("list", "--format", "json")
    linted = adr("lint")
    assert "written" not in listed.stdout + listed.stderr
    assert ".adr-" not in linted.stdout + linted.stderr
    assert 0 == adr("accept", "1").exit_code
    assert (False, False, True, True) == (
        stale.exists(),
        nested.exists(),
        fresh.exists(),
        other.exists(),
    )


@pytest.fixture
def umask_027() -> Iterator[None]:
    """The process umask set to 027 (group may read, others nothing) for the test."""
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_honour_the_umask(repo: Path, umask_027: None) -> None:
    """Every file adr-tool creates gets 0666 less the umask (main made each one 0600)."""
    assert 0 == adr("init").exit_code
    assert 0 == adr("new", "Use S3", "--no-input").exit_code
    assert 0 == adr("index").exit_code
    assert 0 == adr("hook", "install").exit_code
    assert 0 == adr("site", "-o", "site").exit_code
    created = {
        ".adr.toml": _mode(repo / ".adr.toml"),
        "0001": _mode(repo / "docs/adr/0001-record-architecture-decisions.md"),
        "0002": _mode(repo / "docs/adr/0002-use-s3.md"),
        "README.md": _mode(repo / "docs/adr/README.md"),
        "hook": _mode(repo / ".git/hooks/pre-commit"),
    }
    assert {
        ".adr.toml": 0o640,
        "0001": 0o640,
        "0002": 0o640,
        "README.md": 0o640,
        "hook": 0o750,
    } == created
    site_modes = {_mode(path) for path in (repo / "site").rglob("*") if path.is_file()}
    assert {0o640} == site_modes


def test_rewritten_and_renamed_files_keep_their_mode(repo: Path, umask_027: None) -> None:
    """A status change, a link, a renumber and an import keep each file's own mode."""
    assert 0 == adr("init").exit_code
    folder = repo / "docs/adr"
    write(folder / "0002-x.md", OURS.format(title="X")).chmod(0o664)
    write(folder / "0003-y.md", OURS.format(title="Y")).chmod(0o604)
    write(folder / "ADR-7-z.md", OURS.format(title="Z")).chmod(0o644)
    commit(repo, "three", "2026-01-02", "Ana Silva")
    assert 0 == adr("accept", "2").exit_code
    assert 0 == adr("link", "2", "amends", "3").exit_code
    assert 0 == adr("renumber", "3", "--to", "5").exit_code
    commit(repo, "changes", "2026-01-03", "Ana Silva")
    assert 0 == adr("import", "--renumber").exit_code
    assert (0o664, 0o604, 0o644) == (
        _mode(folder / "0002-x.md"),
        _mode(folder / "0005-y.md"),
        _mode(folder / "0007-z.md"),
    )


def test_no_number_past_999999999_is_written(initialised: Path) -> None:
    """After ADR 999999999 there is no number a file name can carry: one line, no file
    (main wrote 1000000000-a.md, read back as unnumbered, and the next `new` the same)."""
    folder = initialised / "docs/adr"
    write(folder / "999999999-last.md", OURS.format(title="Last"))
    before = _files(folder)
    expected = (
        "adr: ADR number 1000000000 is past 999999999, the largest adr-tool reads from a file "
        "name; renumber the ADRs with the highest numbers (`adr renumber N --to M`)\n"
    )
    for command in (["new", "A", "--no-input"], ["renumber", "1"]):
        run = adr(*command)
        assert (1, expected) == (run.exit_code, run.stderr), command
    write(folder / "2020-01-01-dated.md", DATED)
    before["2020-01-01-dated.md"] = (folder / "2020-01-01-dated.md").read_bytes()
    imported = adr("import", "--renumber", "--force")
    assert (1, expected) == (imported.exit_code, imported.stderr)
    assert before == _files(folder)


CONFLICTED = """\
---
status: "proposed"
date: 2026-01-01
---
# Conflicted

## Context

<<<<<<< HEAD
Ours.
=======
Theirs.
>>>>>>> feature
"""


@pytest.mark.parametrize(
    "command",
    [
        ["accept", "2"],
        ["supersede", "2", "1"],
        ["link", "1", "amends", "2"],
        ["new", "X", "--no-input", "--supersedes", "2"],
        ["renumber", "2", "--to", "4"],
    ],
)
def test_write_commands_refuse_a_file_with_conflict_markers(
    initialised: Path, command: list[str]
) -> None:
    """No command edits a file left in a merge conflict: one line naming path:line, and no
    file changes (main edited a line inside the conflict)."""
    folder = initialised / "docs/adr"
    write(folder / "0002-conflicted.md", CONFLICTED)
    write(folder / "0003-links.md", OURS.format(title="L") + "\nSee [2](0002-conflicted.md).\n")
    before = _files(folder)
    run = adr(*command)
    assert (
        1,
        "adr: docs/adr/0002-conflicted.md:9: holds a git conflict marker; resolve the "
        "conflict first (nothing was changed)\n",
    ) == (run.exit_code, run.stderr)
    assert before == _files(folder)


def test_import_refuses_a_file_with_conflict_markers(repo: Path) -> None:
    """`adr import` converts nothing while one file it would convert is in a conflict."""
    write(repo / ".adr-dir", "doc/adr\n")
    folder = repo / "doc/adr"
    write(folder / "0001-a.md", _adr_tools(1, "A"))
    write(folder / "0002-b.md", _adr_tools(2, "B") + "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n")
    before = _files(folder)
    run = adr("import", "--force")
    assert (
        1,
        "adr: doc/adr/0002-b.md:8: holds a git conflict marker; resolve the conflict first "
        "(nothing was changed)\n",
    ) == (run.exit_code, run.stderr)
    assert before == _files(folder)


def test_stale_temporaries_beside_an_index_outside_the_folder_are_removed(
    initialised: Path,
) -> None:
    """With the index outside the ADR folder, a stale temporary beside it goes too; other
    folders are not searched."""
    config = initialised / ".adr.toml"
    config.write_text(
        config.read_text().replace('# index = "docs/adr/README.md"', 'index = "docs/INDEX.md"')
    )
    beside = write(initialised / "docs/.adr-0ld.tmp", "half an index\n")
    elsewhere = write(initialised / "docs/other/.adr-0ld.tmp", "not searched\n")
    _age(beside, 120)
    _age(elsewhere, 120)
    assert 0 == adr("index").exit_code
    assert (False, True) == (beside.exists(), elsewhere.exists())
    assert (initialised / "docs/INDEX.md").is_file()


def test_init_that_fails_at_adr_0001_leaves_no_configuration(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When ADR 0001 cannot be created (disk full), `.adr.toml` is removed again: one line,
    and a second `adr init` can start afresh."""
    real_link = os.link

    def full_for_adrs(source: str, target: str | Path, **kwargs: object) -> None:
        if str(target).endswith(".md"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr("adr_tool.store.os.link", full_for_adrs)
    run = adr("init")
    assert (
        1,
        "adr: docs/adr/0001-record-architecture-decisions.md: cannot be created: No space "
        "left on device\n",
    ) == (run.exit_code, run.stderr)
    assert (False, []) == ((repo / ".adr.toml").exists(), list((repo / "docs/adr").iterdir()))
    monkeypatch.setattr("adr_tool.store.os.link", real_link)
    assert 0 == adr("init").exit_code
