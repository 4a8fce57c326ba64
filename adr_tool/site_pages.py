"""The HTML pages of the site (pure: data in, text out).

Every interpolated string goes through `_e` (html.escape with quotes): titles, tags, names,
statuses and file names are data that may hold `<`, `"` or `'`. Pages load only local files
and the Content-Security-Policy below allows nothing else: no inline script, no inline style.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .model import DEFAULT_STATUSES, SUPERSEDED
from .site_data import normal

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from .history import Event
    from .model import Adr
    from .site_data import SiteData

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def status_class(status: str) -> str:
    known = status in DEFAULT_STATUSES or status == "no-status"
    return f"chip chip-{status if known else 'other'}"


def chip(status: str) -> str:
    return f'<span class="{status_class(status or "no-status")}">{_e(status or "no status")}</span>'


def layout(data: SiteData, title: str, body: str, depth: int, current: str,
           scripts: Iterable[str] = ()) -> str:
    """A whole page: head with the policy, the style sheet and scripts, the navigation, body."""
    head, foot = frame(data, title, depth, current, scripts)
    return f"{head}{body}{foot}"


def frame(data: SiteData, title: str, depth: int, current: str,
          scripts: Iterable[str] = ()) -> tuple[str, str]:
    """The text of a page before its body and after it (see `layout`)."""
    up = "../" * depth
    here = ' aria-current="page"'
    nav = "".join(
        f'<a href="{up}{href}"{here if name == current else ""}>{name}</a>'
        for name, href in (("Decisions", "index.html"), ("Timeline", "timeline.html"),
                           ("Graph", "graph.html"))
    )
    script_tags = "".join(f'<script src="{up}assets/{name}" defer></script>' for name in scripts)
    project = _e(data.root.name or "Decision log")
    head = (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{_e(title)} · {project}</title>\n"
        f'<link rel="icon" href="{up}assets/icon.svg" type="image/svg+xml">\n'
        f'<link rel="stylesheet" href="{up}assets/site.css">\n{script_tags}\n</head>\n<body>\n'
        f'<header class="site"><a class="brand" href="{up}index.html">{project} · decisions</a>'
        f'<nav aria-label="Site">{nav}</nav></header>\n'
        "<main>\n"
    )
    foot = (
        "\n</main>\n"
        '<footer class="site">Built by <code>adr site</code> from the ADR folder; every file '
        "is local.</footer>\n</body>\n</html>\n"
    )
    return head, foot


def adr_link(data: SiteData, number: int, prefix: str = "") -> str:
    adr = data.by_number.get(number)
    if adr is None:
        return f'<span class="missing">{number:04d} (no such ADR)</span>'
    return f'<a href="{prefix}{data.pages[adr.path]}">{_e(adr.label())}</a>'


def _date(data: SiteData, adr: Adr) -> str:
    if adr.date:
        return adr.date
    history = data.files[adr.path]
    created = history.created if history else None
    return created.date[:10] if created else ""


def index_page(data: SiteData) -> Iterator[str]:
    """The index, in pieces: its table has a row per ADR (megabytes at 10,000)."""
    statuses = _ordered({adr.status or "no status" for adr in data.log}, data.config.statuses)
    tags = sorted({tag for adr in data.log for tag in adr.tags}, key=str.casefold)
    counts = {s: sum(1 for a in data.log if (a.status or "no status") == s) for s in statuses}
    status_options = "".join(
        f'<option value="{_e(s)}">{_e(s)} ({counts[s]})</option>' for s in statuses
    )
    tag_options = "".join(f'<option value="{_e(t)}">{_e(t)}</option>' for t in tags)
    noun = "decision" if len(data.log) == 1 else "decisions"
    head, foot = frame(data, "Architecture decisions", 0, "Decisions",
                       ("search-index.js", "site.js"))
    yield head
    yield f"""<h1>Architecture decisions</h1>
<p class="summary">{len(data.log)} {noun}.</p>
<form id="controls" class="controls" role="search" hidden>
<label>Search <input id="search" type="search" placeholder="words in titles and text"
 autocomplete="off"></label>
<label>Status <select id="status-filter"><option value="">all</option>{status_options}</select>
</label>
<label>Tag <select id="tag-filter"><option value="">all</option>{tag_options}</select></label>
<output id="count" aria-live="polite"></output>
</form>
<table id="adr-table" class="adrs">
<thead><tr><th>ADR</th><th>Title</th><th>Status</th><th>Date</th><th>Tags</th>
<th>Decision makers</th></tr></thead>
<tbody>
"""
    for index, adr in enumerate(data.log):
        yield "\n" * (index > 0) + _index_row(data, index, adr)
    yield """
</tbody>
</table>
<p id="no-match" class="empty" hidden>No decision matches.</p>"""
    yield foot


def _index_row(data: SiteData, index: int, adr: Adr) -> str:
    tags = " ".join(f'<span class="tag">{_e(t)}</span>' for t in adr.tags)
    page = data.pages[adr.path]
    return (
        f'<tr data-i="{index}"><td data-label="ADR">{adr.number:04d}</td>'
        f'<td data-label="Title"><a href="adr/{page}">{_e(adr.title)}</a></td>'
        f'<td data-label="Status">{chip(adr.status)}</td>'
        f'<td data-label="Date">{_e(_date(data, adr) or "—")}</td>'
        f'<td data-label="Tags">{tags}</td>'
        f'<td data-label="Decision makers">{_e(", ".join(adr.decision_makers))}</td></tr>'
    )


def _ordered(found: set[str], preferred: Iterable[str]) -> list[str]:
    first = [s for s in preferred if s in found]
    return first + sorted(found - set(first), key=str.casefold)


def adr_page(data: SiteData, adr: Adr, body_html: str) -> str:
    """One ADR: its facts, a banner when replaced, relations both ways, text and history."""
    history = data.files[adr.path]
    facts = [("Status", chip(adr.status)), ("Date", _e(adr.date or "—"))]
    if adr.decision_makers:
        facts.append(("Decision makers", _e(", ".join(adr.decision_makers))))
    if adr.tags:
        facts.append(("Tags", " ".join(f'<span class="tag">{_e(t)}</span>' for t in adr.tags)))
    if history and history.created and history.updated:
        facts.append(("Created", _event_fact(history.created)))
        facts.append(("Updated", _event_fact(history.updated)))
        facts.append(("Authors", _e(", ".join(history.authors))))
    else:
        facts.append(("History", "not committed to git yet"))
    if adr.review_by:
        facts.append(("Review by", _e(adr.review_by)))
    facts.append(("File", f"<code>{_e(_relative(adr.path, data.root))}</code>"))
    fact_list = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    relations = data.relations(adr)
    related = "".join(
        f'<li><span class="relation">{_e(r.replace("-", " "))}</span> {adr_link(data, n)}</li>'
        for r, n in relations
    )
    sections = [
        f'<header class="adr-head"><p class="number">ADR {adr.number:04d}</p>'
        f"<h1>{_e(adr.title)}</h1><dl class=\"facts\">{fact_list}</dl></header>",
        _banner(data, adr),
        f'<section class="relations"><h2>Relations</h2><ul>{related}</ul></section>'
        if related else "",
        f'<div class="adr-body">\n{body_html}</div>',
        _history_section(data, history.events if history else []),
    ]
    body = f'<article class="adr">{"".join(s for s in sections if s)}</article>'
    return layout(data, f"{adr.number:04d} {adr.title}", body, 1, "")


def _banner(data: SiteData, adr: Adr) -> str:
    successors = data.successors(adr)
    if adr.status not in (SUPERSEDED, "deprecated") and not successors:
        return ""
    links = ", ".join(adr_link(data, n) for n in successors)
    if adr.status == "deprecated":
        text = "This decision is deprecated." + (f" See {links}." if links else "")
    elif links:
        text = f"This decision was superseded by {links}."
    else:
        text = "This decision was superseded; the log names no successor."
    return f'<p class="banner" role="note">{text}</p>'


def _event_fact(event: Event) -> str:
    return f"{_e(event.date[:10])} by {_e(event.author)}"


def _history_section(data: SiteData, events: list[Event]) -> str:
    if not events:
        return ""
    items = "".join(
        f'<li><time datetime="{_e(e.date)}">{_e(e.date[:10])}</time> '
        f'{_event_text(data, e)} <span class="author">{_e(e.author)}</span></li>'
        for e in events
    )
    return f'<section class="history"><h2>History</h2><ol>{items}</ol></section>'


def timeline_page(data: SiteData) -> Iterator[str]:
    """The events of `adr log`, newest first, grouped by month, in pieces (one per month)."""
    head, foot = frame(data, "Timeline", 0, "Timeline")
    yield head + "<h1>Timeline</h1>"
    if data.history.notice:
        yield f'\n<p class="notice">{_e(data.history.notice)}</p>'
    uncommitted = [adr for adr in data.log if data.files[adr.path] is None]
    if uncommitted:
        waiting = "".join(f"<li>{adr_link(data, adr.number, 'adr/')}</li>" for adr in uncommitted)
        yield f'\n<h2>Not committed yet</h2><ul class="timeline">{waiting}</ul>'
    month = None
    items: list[str] = []
    for event in data.history.events():
        if event.date[:7] != month:
            if items:
                yield f'\n<ol class="timeline">{"".join(items)}</ol>'
                items = []
            month = event.date[:7]
            yield f"\n<h2>{_e(month)}</h2>"
        items.append(
            f'<li><time datetime="{_e(event.date)}">{_e(event.date[:10])}</time> '
            f"{adr_link(data, event.number, 'adr/')} {_event_text(data, event, 'adr/')}"
            f' <span class="author">{_e(event.author)}</span></li>'
        )
    if items:
        yield f'\n<ol class="timeline">{"".join(items)}</ol>'
    if not data.history.timeline and not uncommitted:
        yield '\n<p class="empty">No history.</p>'
    yield foot


def _event_text(data: SiteData, event: Event, prefix: str = "") -> str:
    """The event as a chip and its detail: "accepted from proposed", "superseded by 0012"."""
    adr = data.by_number.get(event.number)
    if event.kind == SUPERSEDED and adr is not None and data.successors(adr):
        links = ", ".join(adr_link(data, n, prefix) for n in data.successors(adr))
        return f"{chip(event.kind)} by {links}"
    if event.kind in ("created", "edited", "renamed"):
        return f'<span class="event">{_e(event.kind)}</span>' + (
            f" {_e(event.detail)}" if event.detail and event.detail != event.kind else "")
    if event.detail == "created":
        return f'<span class="event">created</span> as {chip(event.kind)}'
    return chip(event.kind) + (f" {_e(event.detail)}" if event.detail else "")


def _relative(path: Path, root: Path) -> str:
    try:
        return normal(path).relative_to(root).as_posix()
    except ValueError:
        return path.name
