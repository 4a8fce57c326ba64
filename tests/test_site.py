"""`adr site`: the pages, escaping of every field, relations, git dates, incremental builds,
the corpora, and `--serve` as a real process (the browser tests are in test_site_browser.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from adr_tool.graph import Edge
from adr_tool.model import Adr, DecisionLog
from adr_tool.site_data import page_names
from adr_tool.site_graph import place
from bench import site as bench_site
from tests.conftest import CORPORA, adr, write
from tests.site_sample import (
    HOSTILE_MAKERS,
    HOSTILE_TAGS,
    HOSTILE_TITLE,
    Served,
    build_sample,
    serve,
)
from tests.test_formats import corpus_folders

PAGES = {
    1: "0001-record-architecture-decisions.html",
    2: "0002-store-blobs-in-s3.html",
    3: "0003-store-blobs-in-gcs.html",
    4: "0004-handle-bold.html",
    5: "0005-use-jenkins-for-ci.html",
}


@pytest.fixture
def sample(repo: Path) -> Path:
    """The sample log of tests/site_sample.py in the test repository."""
    build_sample(repo)
    return repo


@pytest.fixture
def site(sample: Path) -> Path:
    """The sample log built into <repo>/../site."""
    out = sample.parent / "site"
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    return out


def page(site: Path, number: int) -> str:
    return (site / "adr" / PAGES[number]).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The visible text of a page, as a reader sees it (tags dropped, entities decoded)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


class Elements(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_site_writes_every_page(site: Path) -> None:
    """Index, timeline, graph, one page per ADR, the assets and the copied image."""
    expected = {
        ".adr-site", "index.html", "timeline.html", "graph.html", "assets/site.css",
        "assets/site.js", "assets/icon.svg", "assets/search-index.js",
        "media/docs/adr/images/diagram.png",
        *(f"adr/{name}" for name in PAGES.values()),
    }
    actual = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert expected == actual
    assert (site / "media/docs/adr/images/diagram.png").read_bytes().startswith(b"\x89PNG")


def test_site_output_line(sample: Path) -> None:
    """The command says what it wrote and where to open it."""
    run = adr("site", "-o", "../site")
    assert 0 == run.exit_code, run.stderr
    out = (sample.parent / "site").resolve()
    assert [
        f"wrote {out} (5 ADR pages; 14 files changed, 0 unchanged, 0 removed) in ",
        f"open {out / 'index.html'}",
    ] == [re.sub(r"in [\d.]+s$", "in ", line) for line in run.stdout.splitlines()]


def test_no_markup_from_any_field(site: Path) -> None:
    """Hostile titles, tags, names and bodies give no element, attribute or script of theirs."""
    allowed_scripts = {"assets/search-index.js", "assets/site.js"}
    for path in site.rglob("*.html"):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in {"b", "iframe"}, (path.name, tag)
            assert tag != "img" or str(attrs["src"]).startswith("../media/"), (path.name, attrs)
            assert tag != "div" or set(attrs) <= {"class"}, (path.name, attrs)
            assert not [name for name in attrs if name.startswith("on")], (path.name, attrs)
            if tag == "script":
                assert str(attrs["src"]).lstrip("./") in allowed_scripts
            for value in attrs.values():
                assert "javascript:" not in (value or "")
    shown = text_of(page(site, 4))
    assert HOSTILE_TITLE in shown
    assert all(tag in shown for tag in HOSTILE_TAGS)
    assert HOSTILE_MAKERS[0] in shown
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(2)>" in shown
    index = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert HOSTILE_TITLE in index and HOSTILE_TAGS[1] in index


def test_every_page_has_the_policy(site: Path) -> None:
    """Each page carries the Content-Security-Policy and loads only local files."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "default-src 'none'; script-src 'self'; style-src 'self'" in html
        assert not re.search(r"""(?:src|href)="(?:https?:)?//(?!cdn\.example\.com/logo)""", html)
        assert "<style" not in html and " style=" not in html


def test_links_and_images_rewritten(site: Path) -> None:
    """A relative .md link leads to the ADR page; the local image is copied; a remote one is
    a link, not an image."""
    html = page(site, 3)
    assert '<a href="0002-store-blobs-in-s3.html#context">S3 decision</a>' in html
    assert '<img src="../media/docs/adr/images/diagram.png" alt="Storage diagram"' in html
    assert 'href="https://cdn.example.com/logo.png" class="remote-image">image: Vendor logo' in html
    assert "<table>" in html


def test_banner_links_the_successor(site: Path) -> None:
    """A superseded ADR names its successor in a banner; a deprecated one says so."""
    assert (
        '<p class="banner" role="note">This decision was superseded by '
        '<a href="0003-store-blobs-in-gcs.html">0003 Store blobs in GCS</a>.</p>'
    ) in page(site, 2)
    assert "This decision is deprecated." in text_of(page(site, 5))
    assert 'class="banner"' not in page(site, 3)


def test_relations_both_ways(site: Path) -> None:
    """Each side shows the relation, including one the other file does not repeat."""
    assert "Relations supersedes 0002 Store blobs in S3" in text_of(page(site, 3))
    assert "Relations superseded by 0003 Store blobs in GCS" in text_of(page(site, 2))
    assert "Relations amends 0001 Record architecture decisions" in text_of(page(site, 5))
    assert "Relations amended by 0005 Use Jenkins for CI" in text_of(page(site, 1))


def test_dates_and_authors_from_git(site: Path) -> None:
    """Created and updated come from the one git history read, with the authors."""
    shown = text_of(page(site, 2))
    assert (
        "Created 2026-01-05 by Ana Silva Updated 2026-03-01 by Cy Diaz "
        "Authors Ana Silva, Bo Chen, Cy Diaz"
    ) in shown
    assert (
        "History 2026-03-01 superseded by 0003 Store blobs in GCS Cy Diaz "
        "2026-02-01 accepted from proposed Bo Chen 2026-01-05 created as proposed Ana Silva"
    ) in shown


def test_timeline_and_graph(site: Path) -> None:
    """The timeline lists the events of `adr log` by month; the graph is an SVG of links."""
    timeline = text_of((site / "timeline.html").read_text(encoding="utf-8"))
    assert "2026-03 2026-03-12 0004" in timeline
    assert "2026-02 2026-02-01 0002 Store blobs in S3 accepted from proposed Bo Chen" in timeline
    graph = (site / "graph.html").read_text(encoding="utf-8")
    assert 2 == graph.count('<path class="edge ')
    assert 1 == graph.count("edge-supersedes")
    assert 4 == graph.count('<a class="node')
    assert f'href="adr/{PAGES[3]}"' in graph
    assert "1 decision without relations is not drawn." in text_of(graph)


def test_search_index(site: Path) -> None:
    """The search index is a script assigning one entry per index row, with the body text."""
    script = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.ADR_SEARCH = "
    assert script.startswith(prefix) and script.endswith(";\n")
    entries = json.loads(script[len(prefix) : -2])
    assert 5 == len(entries)
    assert {"s": "superseded", "g": ["storage"]} == {k: entries[1][k] for k in ("s", "g")}
    assert "lifecycle rules" in entries[1]["x"]
    assert "<" not in script


def test_rebuild_writes_only_changes(sample: Path, site: Path) -> None:
    """A second build changes nothing; an edit rewrites that page; a deleted ADR's page goes."""
    assert "0 files changed, 14 unchanged, 0 removed" in adr("site", "-o", str(site)).stdout
    adr_file = sample / "docs/adr/0003-store-blobs-in-gcs.md"
    adr_file.write_text(adr_file.read_text() + "\nA new paragraph about egress.\n")
    run = adr("site", "-o", str(site))
    assert "2 files changed, 12 unchanged, 0 removed" in run.stdout  # the page, the index js
    assert "A new paragraph about egress." in page(site, 3)
    (sample / "docs/adr/0005-use-jenkins-for-ci.md").unlink()
    run = adr("site", "-o", str(site))
    assert ", 1 removed)" in run.stdout
    assert not (site / "adr" / PAGES[5]).exists()


def renders(repo: Path) -> Path:
    """The render cache of the sample's ADR folder, in .git/adr-tool."""
    (found,) = (repo / ".git" / "adr-tool").glob("renders-*.lines")
    return found


@pytest.mark.parametrize("damage", ["old format", "truncated", "bad line", "link", "pipe"])
def test_damaged_render_cache_is_rendered_again(sample: Path, site: Path, damage: str) -> None:
    """A render cache of an older format, cut short, with a broken line, or replaced by a link
    or a pipe costs renders, never wrong pages: the rebuild gives the same files and a cache
    equal to a fresh one."""
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    cache_path = renders(sample)
    cache = cache_path.read_bytes()
    first, second = cache.split(b"\n")[1:3]
    cache_path.unlink()
    if damage == "link":
        cache_path.symlink_to(sample / "docs/adr/0001-record-architecture-decisions.md")
    elif damage == "pipe":
        os.mkfifo(cache_path)
    else:
        cache_path.write_bytes({
            "old format": b'{"written-by": "adr site", "renders": {}}\n',
            "truncated": cache[: len(cache) // 2],
            "bad line": cache.replace(second, second[:65] + b"[1, 2, 3]").replace(
                first, first[:40]),
        }[damage])
    run = adr("site", "-o", str(site))
    assert 0 == run.exit_code, run.stderr
    assert "0 files changed, 14 unchanged, 0 removed" in run.stdout
    assert before == {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert cache == renders(sample).read_bytes()


def test_unwritable_streamed_file_is_one_line_error(site: Path) -> None:
    """A streamed file that cannot be put in place is a one-line error naming it, and its
    temporary file is removed."""
    index = site / "assets" / "search-index.js"
    index.unlink()
    index.mkdir()
    run = adr("site", "-o", str(site))
    assert 1 == run.exit_code
    assert "adr: ../site/assets/search-index.js: cannot be written: Is a directory\n" == run.stderr
    assert [] == list(site.rglob(".adr-*.tmp"))


def test_refuses_a_folder_it_did_not_write(sample: Path) -> None:
    """A non-empty folder without the marker, or a file, is refused with exit 2."""
    write(sample / "notes" / "keep.txt", "mine")
    run = adr("site", "-o", "notes")
    assert 2 == run.exit_code
    assert (
        "adr: notes: is not empty and was not written by `adr site`; give a new or empty folder\n"
        == run.stderr
    )
    assert "mine" == (sample / "notes" / "keep.txt").read_text()
    assert 2 == adr("site", "-o", "docs").exit_code


def test_output_folder_required(sample: Path) -> None:
    """Without -o (and without --serve) the command says what to give."""
    run = adr("site")
    assert 2 == run.exit_code
    assert "adr: give the folder to write with -o DIR, or use --serve\n" == run.stderr


def test_site_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside git the site is built with a notice, and pages say they are not committed."""
    folder = tmp_path / "adr"
    write(folder / "0001-only.md", "---\nstatus: accepted\n---\n# Only\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    run = adr("--dir", str(folder), "site", "-o", "out")
    assert 0 == run.exit_code, run.stderr
    assert "adr: note: not a git repository: no history" in run.stderr
    assert "History not committed to git yet" in text_of(
        (tmp_path / "out/adr/0001-only.html").read_text()
    )


def test_layered_layout() -> None:
    """Columns follow the older neighbours; a chain gives one column per step."""
    found = [Edge(2, "supersedes", 1), Edge(3, "supersedes", 2), Edge(4, "amends", 1)]
    assert {1: (0, 0), 2: (1, 0), 4: (1, 1), 3: (2, 0)} == place(found)


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_site_from_every_corpus(tmp_path: Path, folder: Path) -> None:
    """Every folder of the shared corpora builds into a site with one page per ADR."""
    copy = tmp_path / "log"
    shutil.copytree(folder, copy)
    records = json.loads(adr("--dir", str(copy), "list", "--format", "json").stdout)
    run = adr("--dir", str(copy), "site", "-o", str(tmp_path / "site"))
    assert 0 == run.exit_code, run.stderr
    pages = list((tmp_path / "site" / "adr").glob("*.html"))
    assert len(records) == len(pages)
    assert len(records) == (tmp_path / "site/index.html").read_text().count("<tr data-i=")


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@pytest.fixture
def served(sample: Path) -> Iterator[Served]:
    """`adr site --serve --port 0` running in the sample repository."""
    with serve(sample) as running:
        yield running


def test_serve_rebuilds_on_change(sample: Path, served: Served) -> None:
    """The server answers on 127.0.0.1, shows an edit within seconds, and Ctrl-C exits 0."""
    process, base = served.process, served.url
    assert "Store blobs in GCS" in _fetch(base + "index.html")
    adr_file = sample / "docs/adr/0003-store-blobs-in-gcs.md"
    adr_file.write_text(adr_file.read_text().replace("# Store blobs in GCS", "# Keep blobs in GCS"))
    deadline = time.monotonic() + 20
    while "Keep blobs in GCS" not in _fetch(base + "index.html"):
        assert time.monotonic() < deadline, "the served index never showed the edit"
        time.sleep(0.3)
    assert "Keep blobs in GCS" in _fetch(base + f"adr/{PAGES[3]}")
    process.send_signal(signal.SIGINT)
    assert 0 == process.wait(timeout=10)
    assert process.stdout is not None
    assert "stopped" in process.stdout.read()


def test_serve_stops_on_sigterm(served: Served) -> None:
    """SIGTERM stops the server as Ctrl-C does, and its temporary site is removed."""
    process, base, folder = served.process, served.url, served.folder
    assert "Decision graph" in _fetch(base + "graph.html")
    assert (folder / "index.html").is_file()
    process.terminate()
    assert 0 == process.wait(timeout=10)
    assert not folder.exists()


def test_images_outside_the_project_are_not_copied(sample: Path, tmp_path: Path) -> None:
    """An image path leading out of the project, directly or through a link, is never copied."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not for the site")
    folder = sample / "docs" / "adr"
    (folder / "images" / "escape.png").symlink_to(secret)
    write(folder / "0006-escape.md", "---\nstatus: proposed\n---\n# Escape\n\n"
          "![up](../../../secret.png) ![link](images/escape.png)\n")
    out = sample.parent / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    copied = sorted(p.name for p in (out / "media").rglob("*") if p.is_file())
    assert ["diagram.png"] == copied
    html = (out / "adr" / "0006-escape.html").read_text()
    assert "<img" not in html and "image: up" in html and "image: link" in html


def test_page_names_are_unique() -> None:
    """Two files with one name (in two folders) or odd characters get distinct, plain names."""
    log = DecisionLog(Path("/log"), [
        Adr(1, "A", Path("/log/a/0001-same.md")),
        Adr(1, "B", Path("/log/b/0001-same.md")),
        Adr(7, "C", Path("/log/Über Ideas!.md")),
    ])
    assert ["0001-same.html", "0001-same-2.html", "0007-ber-ideas.html"] == list(
        page_names(log).values()
    )


def test_bench_site_times_three_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m bench.site` builds a generated log three times and prints a table."""
    assert 0 == bench_site.main(["--size", "20", "--logs", str(tmp_path)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("adr site on 20 ADRs")
    assert ["first build (empty folder)", "rebuild, nothing changed",
            "rebuild after editing one ADR"] == [line.split(" | ")[0][2:] for line in lines[3:]]
