"""`adr site` in a real browser: Debian's Chromium, headless, driven by Playwright.

Every page is watched: each request must stay on the site (file:// or the local server), and
no console message, page error or dialog may appear, so a script injected through an ADR, a
blocked asset or a Content-Security-Policy violation fails the test. Chromium is installed by
.ci/run; without it these tests fail with a message saying so, they are never skipped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from tests.conftest import ROOT, adr, commit, git, write
from tests.site_sample import PNG, build_sample, serve

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_2 = "adr/0002-store-blobs-in-s3.html"
PAGE_3 = "adr/0003-store-blobs-in-gcs.html"
PAGE_4 = "adr/0004-handle-bold.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the module, with a home folder of its own."""
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
        "(`apt-get install chromium`, which .ci/run does)"
    )
    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, env={"HOME": str(home)}
        )
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page and everything it did: requests, console messages, errors and dialogs."""

    page: Page
    requests: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)  # console messages, page errors, dialogs

    def rows(self) -> list[str]:
        return [row.inner_text() for row in self.page.locator("#adr-table tbody tr:visible").all()]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page in a fresh context, with listeners on everything it does."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    seen = Watched(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.noise.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: seen.noise.append(f"error: {error}"))

    def dialog(opened: Dialog) -> None:
        seen.noise.append(f"dialog: {opened.message}")
        opened.dismiss()

    page.on("dialog", dialog)
    yield seen
    context.close()


@pytest.fixture
def site(repo: Path) -> Path:
    """The sample log (a supersession, an injected-script ADR, an image) built as a site."""
    build_sample(repo)
    out = repo.parent / "site"
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    return out


def _open(watched: Watched, site: Path, name: str) -> Page:
    watched.page.goto((site / name).as_uri())
    return watched.page


def _only_local(watched: Watched, prefix: str) -> None:
    assert watched.requests, "the page made no request at all"
    assert [] == [url for url in watched.requests if not url.startswith(prefix)]
    assert [] == watched.noise


def test_index_lists_the_adrs(watched: Watched, site: Path) -> None:
    """The index opened from disk lists every ADR with its status, and says how many show."""
    page = _open(watched, site, "index.html")
    rows = watched.rows()
    assert 5 == len(rows)
    assert rows[1].split("\t")[:3] == ["0002", "Store blobs in S3", "superseded"]
    assert "5 of 5 shown" == page.locator("#count").inner_text()
    _only_local(watched, site.as_uri())


def test_status_and_tag_filters_narrow(watched: Watched, site: Path) -> None:
    """Choosing a status, then a tag, leaves only the matching ADRs."""
    page = _open(watched, site, "index.html")
    page.select_option("#status-filter", "accepted")
    assert ["0001", "0003"] == [row.split("\t")[0] for row in watched.rows()]
    page.select_option("#tag-filter", "storage")
    assert ["0003"] == [row.split("\t")[0] for row in watched.rows()]
    page.select_option("#status-filter", "")
    assert ["0002", "0003"] == [row.split("\t")[0] for row in watched.rows()]
    assert "2 of 5 shown" == page.locator("#count").inner_text()
    _only_local(watched, site.as_uri())


def test_search_narrows(watched: Watched, site: Path) -> None:
    """A word found only in one ADR's body leaves that ADR; a word in none leaves none."""
    page = _open(watched, site, "index.html")
    page.fill("#search", "lifecycle")
    assert ["0002"] == [row.split("\t")[0] for row in watched.rows()]
    page.fill("#search", "versioning blobs")
    assert ["0003"] == [row.split("\t")[0] for row in watched.rows()]
    page.fill("#search", "kubernetes")
    assert [] == watched.rows()
    assert page.locator("#no-match").is_visible()
    page.fill("#search", "")
    assert 5 == len(watched.rows())
    _only_local(watched, site.as_uri())


def test_filters_survive_a_reload(watched: Watched, site: Path) -> None:
    """The filters are kept in the address, so a shared or reloaded link shows the same list."""
    page = _open(watched, site, "index.html")
    page.select_option("#status-filter", "superseded")
    assert page.url.endswith("#status=superseded")
    page.reload()
    assert ["0002"] == [row.split("\t")[0] for row in watched.rows()]
    assert "superseded" == page.locator("#status-filter").input_value()


def test_supersede_banner_reaches_the_successor(watched: Watched, site: Path) -> None:
    """From the index to the superseded ADR, then through its banner to the successor."""
    page = _open(watched, site, "index.html")
    page.click("text=Store blobs in S3")
    assert page.url.endswith(PAGE_2)
    assert "This decision was superseded by 0003 Store blobs in GCS." == page.locator(
        ".banner"
    ).inner_text()
    page.click(".banner a")
    assert page.url.endswith(PAGE_3)
    assert "Store blobs in GCS" == page.locator("h1").inner_text()
    page.click("text=S3 decision")  # the relative .md link in the body
    assert page.url.endswith(PAGE_2 + "#context")
    _only_local(watched, site.as_uri())


def test_injected_script_runs_nothing(watched: Watched, site: Path) -> None:
    """The ADR holding <script>, onerror= and hostile tags shows them as text; no script runs."""
    page = _open(watched, site, PAGE_4)
    body = page.locator(".adr-body").inner_text()
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body
    assert 'Handle <b>bold</b> & "quotes"' == page.locator("h1").inner_text()
    for tag in page.locator(".tag").all():
        tag.hover()
    page.goto((site / "index.html").as_uri())
    for tag in page.locator(".tag").all():
        tag.hover()
    page.wait_for_timeout(300)
    _only_local(watched, site.as_uri())


def test_no_page_reaches_another_host(watched: Watched, site: Path) -> None:
    """Every page of the site, the remote-image ADR included, loads only local files."""
    names = ["index.html", "timeline.html", "graph.html"]
    names += [f"adr/{p.name}" for p in sorted((site / "adr").glob("*.html"))]
    for name in names:
        _open(watched, site, name)
    page = _open(watched, site, PAGE_3)
    assert 2 == page.eval_on_selector(".adr-body img", "image => image.naturalWidth")
    assert "image: Vendor logo" == page.locator(".remote-image").inner_text()
    _only_local(watched, site.as_uri())


def test_graph_nodes_link_to_pages(watched: Watched, site: Path) -> None:
    """The graph is drawn as SVG, and a node leads to its ADR."""
    page = _open(watched, site, "graph.html")
    assert 4 == page.locator("svg.graph a.node").count()
    page.click("svg.graph a.node:has-text('0003')")
    assert page.url.endswith(PAGE_3)
    _only_local(watched, site.as_uri())


def test_phone_dark_and_print(browser: Browser, site: Path) -> None:
    """On a phone the list is cards without sideways scrolling; dark follows the system;
    print drops the navigation and the controls."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert "none" == page.eval_on_selector("#adr-table thead", "e => getComputedStyle(e).display")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "rgb(13, 17, 23)" == page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(media="print", color_scheme="light")
    assert "none" == page.eval_on_selector("header.site", "e => getComputedStyle(e).display")
    assert "rgb(255, 255, 255)" == page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()


def test_served_site_works(watched: Watched, repo: Path) -> None:
    """Through `adr site --serve`, search and the banner work and requests stay on 127.0.0.1."""
    build_sample(repo)
    with serve(repo) as served:
        page = watched.page
        page.goto(served.url + "index.html")
        page.fill("#search", "lifecycle")
        assert ["0002"] == [row.split("\t")[0] for row in watched.rows()]
        page.click("text=Store blobs in S3")
        page.click(".banner a")
        assert page.url == served.url + PAGE_3
        _only_local(watched, served.url)


EVIL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100" height="40" onload="alert(\'onload\')"><script>alert("script");'
    'document.title = "ran"</script><a xlink:href="javascript:alert(\'link\')">'
    '<rect id="box" width="40" height="40" fill="teal"/></a>'
    '<foreignObject x="60" width="40" height="40"><iframe xmlns="http://www.w3.org/1999/xhtml" '
    'src="javascript:alert(\'iframe\')"/></foreignObject></svg>'
)
EVIL_PATH = "media/docs/adr/images/evil.svg"


def _with_evil_svg(repo: Path) -> None:
    folder = build_sample(repo)
    (folder / "images" / "evil.svg").write_text(EVIL_SVG)
    (folder / "0006-diagram.md").write_text(
        "---\nstatus: proposed\n---\n# Diagram\n\n![diagram](images/evil.svg)\n")


def _opened_svg_runs_nothing(watched: Watched, url: str) -> None:
    """Open the published SVG itself, click it: it is drawn, and no script of it runs."""
    page = watched.page
    page.goto(url)
    assert 1 == page.locator("#box").count()
    page.click("#box")
    page.wait_for_timeout(300)
    assert "ran" != page.title()
    assert [] == watched.noise


def test_svg_script_never_runs_from_disk(watched: Watched, repo: Path) -> None:
    """An SVG with a script, an onload, a javascript: link and an iframe, opened from the site
    on disk (as a page and as the file itself), shows its drawing and runs nothing."""
    _with_evil_svg(repo)
    out = repo.parent / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    page = _open(watched, out, "adr/0006-diagram.html")
    assert 100 == page.eval_on_selector(".adr-body img", "image => image.naturalWidth")
    _opened_svg_runs_nothing(watched, (out / EVIL_PATH).as_uri())


def test_svg_script_never_runs_when_served(watched: Watched, repo: Path) -> None:
    """The same SVG over `adr site --serve`: drawn, sandboxed, nothing runs."""
    _with_evil_svg(repo)
    with serve(repo) as served:
        _opened_svg_runs_nothing(watched, served.url + EVIL_PATH)
        _only_local(watched, served.url)


@pytest.fixture
def own_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This project's own ADRs, plus a superseded pair, committed with pinned dates, in a
    repository named like the project (the site's title)."""
    repo = tmp_path / "adr-tool"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    monkeypatch.chdir(repo)
    shutil.copy(ROOT / ".adr.toml", repo / ".adr.toml")
    (repo / "docs" / "adr").mkdir(parents=True)
    for path in sorted((ROOT / "docs" / "adr").glob("[0-9]*.md")):
        shutil.copy(path, repo / "docs" / "adr" / path.name)
    commit(repo, "our decisions", "2026-11-23", "Ana Silva")
    old = adr("new", "Publish the decision log as a PDF each quarter", "--no-input",
              "--template", "lightweight", "--status", "accepted", "--tag", "docs",
              "--decision-maker", "Bo Chen", "--date", "2026-11-24",
              "--set", "Context=Leads review decisions once a quarter, away from the code.",
              "--set", "Decision=Print the index and every ADR into one PDF each quarter.",
              "--set", "Consequences=Between two PDFs, readers see stale decisions.")
    assert 0 == old.exit_code, old.stderr
    commit(repo, "quarterly PDF", "2026-11-24", "Bo Chen")
    number = Path(old.stdout.strip()).name[:4]
    new = adr("new", "Publish the decision site from CI on every merge", "--no-input",
              "--template", "lightweight", "--status", "accepted", "--tag", "docs",
              "--decision-maker", "Ana Silva", "--supersedes", number, "--date", "2026-11-25",
              "--set", "Context=A quarterly PDF is out of date most of the quarter.",
              "--set", "Decision=CI runs `adr site -o public` on every merge to main and "
              "publishes the folder.",
              "--set", "Consequences=The site is never older than the last merge.")
    assert 0 == new.exit_code, new.stderr
    commit(repo, "publish from CI", "2026-11-25", "Cy Diaz")
    return repo / "docs" / "adr" / Path(old.stdout.strip()).name


def test_screenshots(browser: Browser, own_log: Path, request: pytest.FixtureRequest) -> None:
    """Screenshots of the index and of a superseded ADR; `--regen-golden` saves them in docs/."""
    out = own_log.parents[3] / "site"
    assert 0 == adr("site", "-o", str(out)).exit_code
    keep = bool(request.config.getoption("--regen-golden"))
    folder = ROOT / "docs" if keep else out.parent
    context = browser.new_context(viewport={"width": 1200, "height": 720})
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    page.screenshot(path=str(folder / "screenshot-index.png"))
    page.click(".adrs a >> text=Publish the decision log as a PDF")
    assert page.locator(".banner").is_visible()
    page.screenshot(path=str(folder / "screenshot-adr.png"), full_page=True)
    context.close()
    assert (folder / "screenshot-adr.png").stat().st_size > 10_000


def test_admonition_box_and_folder_record_image(watched: Watched, repo: Path) -> None:
    """An MDX `:::warning` shows as a bordered box, not `:::` text, and a folder record's own
    image, kept beside its README.md, loads from the site."""
    folder = repo / "docs" / "adr"
    write(folder / "2023-06-30-use-kafka" / "README.md", (
        "---\nstatus: accepted\n---\n# Use Kafka\n\n![Event flow](flow.png)\n"
    ))
    (folder / "2023-06-30-use-kafka" / "flow.png").write_bytes(PNG)
    write(folder / "0001-use-mdx.mdx", (
        "---\nstatus: accepted\n---\nimport Chart from './chart';\n\n# Use MDX\n\n"
        ":::warning Careful\nThe **old** site breaks on JSX.\n:::\n\n<Chart data={[1, 2]} />\n"
    ))
    commit(repo, "folder record and MDX", "2026-01-10", "Ana Silva")
    out = repo.parent / "site"
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code, run.stderr
    page = _open(watched, out, "adr/0001-use-mdx.html")
    box = page.locator("aside.admonition-warning")
    assert "Careful\n\nThe old site breaks on JSX." == box.inner_text()
    assert "4px" == box.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert "solid" == box.evaluate("e => getComputedStyle(e).borderLeftStyle")
    assert ":::" not in page.locator(".adr-body").inner_text()
    assert ["import Chart from './chart';", "<Chart data={[1, 2]} />"] == [
        code.inner_text().strip() for code in page.locator(".adr-body pre code").all()
    ]
    page = _open(watched, out, "adr/2023-06-30-use-kafka.html")
    assert 2 == page.eval_on_selector(".adr-body img", "image => image.naturalWidth")
    _only_local(watched, out.as_uri())
