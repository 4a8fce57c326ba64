"""markdown.py: ADR text to HTML with raw HTML escaped and link and image targets rewritten."""

from __future__ import annotations

import pytest

from adr_tool.markdown import anchor, render, strip_comments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("a <img src=x onerror=alert(2)> b", "<p>a &lt;img src=x onerror=alert(2)&gt; b</p>\n"),
        ("<div onclick=alert(3)>x</div>", "<p>&lt;div onclick=alert(3)&gt;x&lt;/div&gt;</p>\n"),
        ("[x](javascript:alert(4))", "<p>[x](javascript:alert(4))</p>\n"),
    ],
)
def test_raw_html_is_text(text: str, expected: str) -> None:
    """Raw HTML and javascript: links in an ADR come out as text, never as markup."""
    assert expected == render(text)


def test_tables_and_heading_anchors() -> None:
    """Tables render, and headings get GitHub-style ids (repeats numbered)."""
    html = render("## Trade-offs\n\n## Trade-offs\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")
    assert '<h2 id="trade-offs">Trade-offs</h2>' in html
    assert '<h2 id="trade-offs-1">Trade-offs</h2>' in html
    assert "<td>1</td>" in html


def test_links_are_rewritten() -> None:
    """Every link's target goes through the caller's function."""
    html = render("[old](0002-use-s3.md#context)", link=lambda href: "0002.html#context")
    assert '<p><a href="0002.html#context">old</a></p>\n' == html


def test_images_local_and_remote() -> None:
    """A kept image gets its new source; one the caller refuses becomes a plain link."""

    def image(source: str) -> str | None:
        return None if "://" in source else f"../media/{source}"

    html = render("![diagram](d.png) ![logo *x*](https://cdn.example.com/l.png)", image=image)
    assert '<img src="../media/d.png" alt="diagram" loading="lazy" />' in html
    assert (
        '<a href="https://cdn.example.com/l.png" class="remote-image">image: logo x</a>' in html
    )
    assert "<img src=\"https" not in html


def test_comments_dropped_outside_code() -> None:
    """Template guidance in HTML comments is dropped, but kept inside fenced code."""
    text = "a <!-- guidance -->b\n\n```\n<!-- kept -->\n```\n<!--\nmulti\n-->c\n"
    assert "a b\n\n```\n<!-- kept -->\n```\nc\n" == strip_comments(text)


def test_anchor() -> None:
    """Anchors are lower case, without punctuation, with dashes for spaces."""
    assert "options-considered-at-least-2" == anchor("Options considered (at least 2)")
