"""The site's output folder is not trusted: what anyone put there (a forged render cache,
links in place of folders and files) never makes `adr site` write, delete, copy or publish
anything it would not on a fresh folder; a full disk is one line, leaves nothing, and the
next build works."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import adr
from tests.site_sample import build_sample

SECRET = "secret-7f3a-not-for-the-site"
SCRIPT = "<script>alert('forged')</script>"


@pytest.fixture
def sample(repo: Path) -> Path:
    """The sample log of tests/site_sample.py in the test repository."""
    build_sample(repo)
    return repo


def _build(repo: Path, out: Path) -> Path:
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    return out


@pytest.fixture
def site(sample: Path) -> Path:
    """The sample site as a build leaves it in <tmp>/site."""
    return _build(sample, sample.parent / "site")


@pytest.fixture
def fresh(sample: Path, tmp_path: Path) -> dict[str, bytes]:
    """The files of the sample's site built into a new folder (nothing found there before)."""
    return _files(_build(sample, tmp_path / "fresh"))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _tree(folder: Path) -> dict[str, bytes]:
    """Every entry under `folder`, links as their target's name (never followed)."""
    return {
        p.relative_to(folder).as_posix(): (
            str(p.readlink()).encode() if p.is_symlink() else p.read_bytes() if p.is_file() else b""
        )
        for p in sorted(folder.rglob("*"))
    }


def _forged_lines(sample: Path, site: Path, secret: Path) -> tuple[list[bytes], str]:
    """Render lines with the keys of the last build (they are computable by anyone) whose
    entry copies a secret out of the site, a project file into it, and publishes a script."""
    keys = [line[:64] for line in (site / ".adr-site").read_bytes().split(b"\n")[1:] if line]
    for found in (sample / ".git" / "adr-tool").glob("renders-*"):
        keys += [line[:64] for line in found.read_bytes().split(b"\n")[1:] if line]
    entry = json.dumps([
        [[str(secret), "../../escaped.txt"],
         [str(secret), str(secret.parent / "escaped-absolute.txt")],
         [str(sample / ".adr.toml"), "media/stolen.png"],
         [str(sample / "docs/adr/images/diagram.png"), "media/../../../escaped.png"]],
        f"<p>{SCRIPT}</p>",
    ])
    return [b"%s %s\n" % (key, entry.encode()) for key in keys], entry


def _assert_not_steered(sample: Path, site: Path, fresh: dict[str, bytes]) -> None:
    assert [] == [p for p in sample.parent.rglob("escaped*")]  # tmp_path: all of the test's
    assert fresh == _files(site)


def test_a_forged_cache_in_the_site_folder_is_not_believed(
    sample: Path, site: Path, fresh: dict[str, bytes], tmp_path: Path
) -> None:
    """Render lines written into the site folder's `.adr-site` copy nothing and publish no
    markup: the next build gives the files of a fresh build."""
    secret = tmp_path / "secret.png"
    secret.write_text(SECRET)
    lines, _ = _forged_lines(sample, site, secret)
    (site / ".adr-site").write_bytes(b"adr site: renders, one per line\n" + b"".join(lines))
    run = adr("site", "-o", str(site))
    assert 0 == run.exit_code, run.stderr
    _assert_not_steered(sample, site, fresh)


def test_cached_renders_are_checked_before_use(
    sample: Path, site: Path, fresh: dict[str, bytes], tmp_path: Path
) -> None:
    """Entries of the render cache in .git/adr-tool whose images lead out of the project or
    out of the site, or name another file, are rendered again."""
    secret = tmp_path / "secret.png"
    secret.write_text(SECRET)
    lines, _ = _forged_lines(sample, site, secret)
    (cache,) = (sample / ".git" / "adr-tool").glob("renders-*.lines")
    cache.write_bytes(cache.read_bytes().split(b"\n")[0] + b"\n" + b"".join(lines))
    run = adr("site", "-o", str(site))
    assert 0 == run.exit_code, run.stderr
    _assert_not_steered(sample, site, fresh)
    assert SCRIPT not in "".join(p.read_text() for p in site.rglob("*.html"))


def _plant(site: Path, victim: Path, case: str) -> None:
    """Replace a folder or file of the site with a link to the victim's folder or file."""
    target = site / case
    if target.is_dir():
        for child in sorted(target.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        target.rmdir()
    elif target.exists():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(victim if case.endswith(("/", "assets", "media", "adr", "old"))
                      else victim / "keep.html")


LINKED = [
    "assets",  # written into, then pruned: every victim file deleted (the reported case)
    "media",
    "adr",
    "media/docs/old",  # a link to a folder inside our own folder: pruned as a link
    "index.html",  # a link to a file in place of ours
    "adr/0001-record-architecture-decisions.html",
    "adr/stale.html",  # not ours: the prune removes the link, not its target
]


@pytest.mark.parametrize("case", LINKED)
def test_links_in_the_site_are_never_followed(
    site: Path, fresh: dict[str, bytes], tmp_path: Path, case: str
) -> None:
    """A link in the site folder, to a folder or a file, is replaced by what the build
    writes: nothing is written into, or deleted from, what it points to."""
    victim = tmp_path / "victim"
    victim.mkdir()
    for name in ("keep.html", "site.css", "index.html", "0001-record-architecture-decisions.html"):
        (victim / name).write_text(f"{SECRET} {name}")
    before = _tree(victim)
    _plant(site, victim, case)
    run = adr("site", "-o", str(site))
    assert 0 == run.exit_code, run.stderr
    assert before == _tree(victim)
    assert fresh == _files(site)
    assert [] == [p for p in site.rglob("*") if p.is_symlink()]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Make writes to files under a folder fail with ENOSPC from the `at`-th on, as a disk
    that fills up during the build (every file is written through os.fdopen)."""
    real = os.fdopen

    class Failing:
        def __init__(self, handle: Any, counter: list[int], at: int) -> None:
            self.handle, self.counter, self.at = handle, counter, at

        def write(self, data: bytes) -> int:
            self.counter[0] += 1
            if self.counter[0] >= self.at:
                raise OSError(errno.ENOSPC, "No space left on device")
            return int(self.handle.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.__exit__(*exc)

    def arm(under: Path | None, at: int = 0) -> None:
        """Fail from the `at`-th write under `under` on; None: writes work again."""
        counter = [0]

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real(fd, *args, **kwargs)
            target = str(Path(f"/proc/self/fd/{fd}").readlink())
            writing = "w" in (args[0] if args else kwargs.get("mode", "r"))
            return Failing(handle, counter, at) if writing and target.startswith(
                str(under)) else handle

        monkeypatch.setattr(os, "fdopen", real if under is None else fdopen)

    yield arm


@pytest.mark.parametrize("at", [1, 2, 3, 5, 8, 13, 21])
def test_a_full_disk_is_one_line_and_the_next_build_works(
    sample: Path, fresh: dict[str, bytes], full_disk: Any, at: int
) -> None:
    """Disk full at the `at`-th write of a first build: one line, exit 1, no temporary file
    left, and the next build takes the folder up and gives a whole site."""
    out = sample.parent / "site"
    full_disk(out, at)
    run = adr("site", "-o", str(out))
    full_disk(None)
    assert 1 == run.exit_code
    assert run.stderr.endswith(": cannot be written: No space left on device\n")
    assert 1 == len(run.stderr.splitlines())
    assert [] == [p.name for p in out.rglob(".adr-*.tmp")] + [
        p.name for p in (sample / ".git/adr-tool").glob(".renders-*")]
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    assert fresh == _files(out)


def test_a_full_disk_for_the_render_cache_is_no_error(
    sample: Path, fresh: dict[str, bytes], full_disk: Any
) -> None:
    """A render cache that cannot be written costs renders next time: the site is whole and
    no temporary file is left in .git/adr-tool."""
    out = sample.parent / "site"
    full_disk(sample / ".git" / "adr-tool", 2)
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    assert fresh == _files(out)
    assert [] == list((sample / ".git/adr-tool").glob(".renders-*"))
