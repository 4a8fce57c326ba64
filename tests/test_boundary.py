"""Nothing outside the repository is read (boundary.py): ADR files, folders, templates, the
answers file, the index, `--dir`, `.adr.toml` and its `directory` that lead out of the
repository through a link are refused with one line naming them; the rest of the log works,
and links that stay inside keep working."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import adr, commit, git, write

SECRET = "token-4e1d9c-never-shown"
ADR_FILE = f"---\nstatus: accepted\ndate: 2026-01-01\n---\n# {SECRET}\n\n## Context\n\n{SECRET}\n"
OUTSIDE = "leads outside the repository (directly or through a link); adr-tool reads nothing there"
# Every reading command, and what it is given.
READERS = [
    ["list"],
    ["list", "--format", "json"],
    ["show", "1"],
    ["show", "1", "--format", "json"],
    ["lint"],
    ["graph"],
    ["log"],
    ["review"],
    ["index", "--check"],
    ["templates"],
]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A folder outside the repository holding a credentials-like file and an ADR-like one."""
    folder = tmp_path / "outside"
    write(folder / "credentials", f"aws_secret_access_key = {SECRET}\n")
    write(folder / "0009-outside.md", ADR_FILE)
    write(folder / "templates" / "evil.md", f"---\nname: evil\nsections: [Context]\n---\n"
          f"# Title\n\n## Context\n\n<!-- {SECRET} -->\n")
    return folder


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text


def _everything_under(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


LINKS = {  # name in the ADR folder -> what it points to, under the `secret` folder
    "0003-passwd.md": "credentials",
    "0004-adr.md": "0009-outside.md",
    "sub": ".",  # a folder of ADRs
    "templates": "templates",
}


@pytest.mark.parametrize("name", sorted(LINKS))
def test_a_link_out_of_the_repository_is_one_line_and_never_read(
    initialised: Path, secret: Path, name: str
) -> None:
    """Each reader names the link in one line, shows the rest of the log, never the secret."""
    link = initialised / "docs" / "adr" / name
    link.symlink_to(secret / LINKS[name])
    expected = f"adr: docs/adr/{name}: {OUTSIDE}\n"
    for args in READERS:
        run = adr(*args)
        _no_secret(run.stdout, run.stderr)
        if args[0] == "lint":
            assert f"docs/adr/{name}:1:1: ADR100 {OUTSIDE}\n" == run.stdout
        elif args[0] != "templates":
            assert expected == run.stderr.splitlines(keepends=True)[0], args
    assert 0 == adr("show", "1").exit_code
    assert ["0001"] == [line[:4] for line in adr("list").stdout.splitlines()]
    named = adr("lint", f"docs/adr/{name}")
    assert (1, f"docs/adr/{name}:1:1: ADR100 {OUTSIDE}\n") == (named.exit_code, named.stdout)


def test_a_link_out_of_the_repository_stays_out_of_the_site(
    initialised: Path, secret: Path
) -> None:
    """The site names the links in one line each and publishes no byte of their targets."""
    folder = initialised / "docs" / "adr"
    for name, target in LINKS.items():
        (folder / name).symlink_to(secret / target)
    out = initialised.parent / "site"
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    assert 4 == run.stderr.count(OUTSIDE)
    assert ["0001-record-architecture-decisions.html"] == [p.name for p in (out / "adr").iterdir()]
    _no_secret(_everything_under(out))


def test_links_inside_the_repository_keep_working(initialised: Path) -> None:
    """An ADR that links to a file elsewhere in the repository is read, shown and linted."""
    write(initialised / "shared" / "0002-shared.md", ADR_FILE.replace(SECRET, "Shared"))
    (initialised / "docs/adr/0002-shared.md").symlink_to("../../shared/0002-shared.md")
    (initialised / "docs/adr/templates").symlink_to("../../shared")
    run = adr("list")
    assert ("", ["0001", "0002"]) == (run.stderr, [line[:4] for line in run.stdout.splitlines()])
    assert "# Shared" in adr("show", "2").stdout
    assert "ADR100" not in adr("lint", "docs/adr/0002-shared.md").stdout


def test_a_template_file_out_of_the_repository_is_refused(initialised: Path, secret: Path) -> None:
    """A project template that links out is one line for `templates` and `new`; lint holds an
    ADR naming it to nothing it read."""
    templates = initialised / "docs" / "adr" / "templates"
    templates.mkdir()
    (templates / "evil.md").symlink_to(secret / "templates" / "evil.md")
    expected = f"adr: docs/adr/templates/evil.md: {OUTSIDE}\n"
    for args in (["templates"], ["new", "X", "--no-input", "--template", "evil"]):
        run = adr(*args)
        assert (1, expected) == (run.exit_code, run.stderr)
    write(initialised / "docs/adr/0002-x.md", "---\nstatus: accepted\ntemplate: evil\n---\n# X\n")
    run = adr("lint", "docs/adr/0002-x.md")
    assert (
        f"docs/adr/0002-x.md:3:1: ADR206 template 'evil' cannot be used: "
        f"{initialised}/docs/adr/templates/evil.md: {OUTSIDE}\n"
    ) == run.stdout.splitlines(keepends=True)[-1]
    _no_secret(run.stdout, run.stderr)


def test_an_answers_file_out_of_the_repository_is_refused(initialised: Path, secret: Path) -> None:
    """`adr new --answers` refuses a file outside the repository, named or linked: no ADR."""
    write(secret / "answers.yaml", f"title: Use Redis\nsections:\n  Context: {SECRET}\n")
    (initialised / "answers.yaml").symlink_to(secret / "answers.yaml")
    for given, shown in ((str(secret / "answers.yaml"), "../outside/answers.yaml"),
                         ("answers.yaml", "answers.yaml")):
        run = adr("new", "--no-input", "--answers", given)
        assert (1, f"adr: {shown}: {OUTSIDE}\n") == (run.exit_code, run.stderr)
    assert ["0001-record-architecture-decisions.md"] == sorted(
        p.name for p in (initialised / "docs/adr").glob("*.md")
    )


def test_an_index_out_of_the_repository_is_refused(initialised: Path, secret: Path) -> None:
    """An index that links out is neither diffed, rewritten nor judged; lint names it."""
    (initialised / "docs/adr/README.md").symlink_to(secret / "credentials")
    for args in (["index", "--check"], ["index"]):
        run = adr(*args)
        _no_secret(run.stdout, run.stderr)
        first, last = run.stderr.splitlines()
        assert (f"adr: docs/adr/README.md: {OUTSIDE}", "") == (first, run.stdout)
        assert last.startswith("adr: docs/adr/README.md: is outside the project folder")
    run = adr("lint")
    assert f"docs/adr/README.md:1:1: ADR100 {OUTSIDE}\n" == run.stdout
    assert f"aws_secret_access_key = {SECRET}\n" == (secret / "credentials").read_text()


def test_dir_out_of_the_repository_is_refused(initialised: Path, secret: Path) -> None:
    """`--dir` and `$ADR_DIR` naming a link that leads out of the repository are refused."""
    (initialised / "docs" / "elsewhere").symlink_to(secret)
    expected = f"adr: docs/elsewhere: --dir {OUTSIDE}\n"
    for run in (adr("--dir", "docs/elsewhere", "list"),
                adr("list", env={"ADR_DIR": "docs/elsewhere"})):
        assert (2, "", expected) == (run.exit_code, run.stdout, run.stderr)


@pytest.mark.parametrize("case", [".adr.toml", ".adr-dir", "docs/adr", "directory"])
def test_settings_leading_out_of_the_repository_are_refused(
    repo: Path, secret: Path, case: str
) -> None:
    """`.adr.toml`, `.adr-dir`, a conventional folder or the configured directory that lead
    out of the repository through a link are one line, exit 2, and nothing is read."""
    (secret / "settings.toml").write_text('directory = "."\n')
    (secret / "pointer").write_text(f"{SECRET}\n")  # main printed it in its error
    if case == ".adr.toml":
        (repo / ".adr.toml").symlink_to(secret / "settings.toml")
    elif case == ".adr-dir":
        (repo / ".adr-dir").symlink_to(secret / "pointer")
    elif case == "docs/adr":
        (repo / "docs").mkdir()
        (repo / "docs/adr").symlink_to(secret)
    else:
        write(repo / ".adr.toml", 'directory = "decisions"\n')
        (repo / "decisions").symlink_to(secret)
    run = adr("list")
    assert (2, "") == (run.exit_code, run.stdout)
    assert 1 == len(run.stderr.splitlines())
    assert OUTSIDE in run.stderr or "is outside the project folder" in run.stderr
    _no_secret(run.stderr)


def test_outside_git_the_project_folder_is_the_boundary(tmp_path: Path, secret: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without git, the folder holding `.adr.toml` is the repository: a link out of it is
    refused, one to another of its folders works."""
    project = tmp_path / "project"
    write(project / ".adr.toml", 'directory = "adr"\n')
    write(project / "notes" / "0002-notes.md", ADR_FILE.replace(SECRET, "Notes"))
    (project / "adr").mkdir()
    (project / "adr" / "0002-notes.md").symlink_to(project / "notes" / "0002-notes.md")
    (project / "adr" / "0003-out.md").symlink_to(secret / "0009-outside.md")
    monkeypatch.chdir(project)
    run = adr("list")
    assert f"adr: adr/0003-out.md: {OUTSIDE}\n" == run.stderr
    assert ["0002"] == [line[:4] for line in run.stdout.splitlines()]


def test_a_link_loop_is_one_line(initialised: Path) -> None:
    """A link to itself is one line, not a crash; the rest of the log works."""
    (initialised / "docs/adr/0002-loop.md").symlink_to("0002-loop.md")
    run = adr("list")
    assert "adr: docs/adr/0002-loop.md: cannot be read: Too many levels of symbolic links\n" == (
        run.stderr
    )
    assert 0 == run.exit_code


def test_a_committed_link_out_is_refused_in_a_fresh_clone(
    initialised: Path, secret: Path, tmp_path: Path
) -> None:
    """A link committed to git (as a pull request brings it) is refused in the clone too."""
    (initialised / "docs/adr/0003-passwd.md").symlink_to(secret / "credentials")
    commit(initialised, "a hostile link", "2026-01-10", "Eve Mallory")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(initialised), str(clone))
    assert (clone / "docs/adr/0003-passwd.md").is_symlink()
    run = adr("--dir", str(clone / "docs/adr"), "list", "--format", "json")
    assert [1] == [record["number"] for record in json.loads(run.stdout)]
    assert run.stderr.endswith(f"docs/adr/0003-passwd.md: {OUTSIDE}\n")
    assert os.path.realpath(clone / "docs/adr/0003-passwd.md") == str(secret / "credentials")
