"""Markdown to HTML for the site (the only importer of markdown_it).

CommonMark with tables, and raw HTML off: `<script>` or an `onerror=` attribute written in an
ADR comes out as text. Callers rewrite link and image targets (relative `.md` links to the
site's pages, images to copied files); an image the caller does not keep local becomes a
plain link, so that showing a page never fetches anything from another host.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .document import strip_comments as without_comments

if TYPE_CHECKING:
    from collections.abc import Callable

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    return _PARSER


def render(
    text: str,
    link: Callable[[str], str] | None = None,
    image: Callable[[str], str | None] | None = None,
) -> str:
    """HTML for `text`: `link(href)` gives each link's new target; `image(src)` an image's new
    source, or None to show the image as a link to where it is."""
    parser = _parser()
    tokens = parser.parse(strip_comments(text))
    seen: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            token.attrSet("id", _anchor(tokens[index + 1].content, seen))
        if token.children:
            token.children = _rewrite(token.children, link, image)
    return str(parser.renderer.render(tokens, parser.options, {}))


def strip_comments(text: str) -> str:
    """The text without HTML comments (template guidance), except inside fenced code."""
    parts: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            parts.append(without_comments("".join(prose)))
            prose = []
            fence = match.group(1)
            parts.append(line)
        elif fence is not None:
            parts.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        else:
            prose.append(line)
    parts.append(without_comments("".join(prose)))
    return "".join(parts)


def anchor(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchor(text: str, seen: dict[str, int]) -> str:
    base = anchor(text) or "section"
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


def _rewrite(
    children: list[Token],
    link: Callable[[str], str] | None,
    image: Callable[[str], str | None] | None,
) -> list[Token]:
    result: list[Token] = []
    for token in children:
        if token.type == "link_open" and link is not None:
            token.attrSet("href", link(str(token.attrGet("href") or "")))
        if token.type == "image" and image is not None:
            source = str(token.attrGet("src") or "")
            local = image(source)
            if local is None:
                result.extend(_image_as_link(token, link(source) if link else source))
                continue
            token.attrSet("src", local)
            token.attrSet("loading", "lazy")
        if token.children:
            token.children = _rewrite(token.children, link, image)
        result.append(token)
    return result


def _image_as_link(token: Token, href: str) -> list[Token]:
    """A remote image as `<a href=...>image: alt</a>`: shown only if the reader follows it."""
    opening = Token("link_open", "a", 1, attrs={"href": href, "class": "remote-image"})
    alt = "".join(child.content for child in token.children or [] if child.type == "text")
    label = Token("text", "", 0, content=f"image: {alt or href}")
    return [opening, label, Token("link_close", "a", -1)]
