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

from .document import mdx_kinds

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_block import StateBlock

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
        _PARSER.block.ruler.before(
            "fence",
            "admonition",
            _admonition,
            {"alt": ["paragraph", "reference", "blockquote", "list"]},
        )
    return _PARSER


def render(
    text: str,
    link: Callable[[str], str] | None = None,
    image: Callable[[str], str | None] | None = None,
    mdx: bool = False,
) -> str:
    """HTML for `text`: `link(href)` gives each link's new target; `image(src)` an image's new
    source, or None to show the image as a link to where it is. With `mdx`, import/export
    statements and JSX tags show as code, verbatim."""
    parser = _parser()
    if mdx:
        text = _mdx_as_code(text)
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
            parts.append(_COMMENT.sub("", "".join(prose)))
            prose = []
            fence = match.group(1)
            parts.append(line)
        elif fence is not None:
            parts.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        else:
            prose.append(line)
    parts.append(_COMMENT.sub("", "".join(prose)))
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


_ADMONITION = re.compile(r"^(:{3,})[ \t]*([A-Za-z]+)?[ \t]*(?:\[(.*)\]|(.*))$")


def _admonition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`:::note Title` ... `:::` (Docusaurus, MDX): a box of its kind holding Markdown."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # indented code
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    opened = _ADMONITION.match(first)
    if opened is None or not opened.group(2):
        return False  # a closing line alone opens nothing
    if silent:
        return True
    colons = len(opened.group(1))
    line, closed = start + 1, False
    while line < end:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
        if state.sCount[line] < state.blkIndent and text:
            break  # the enclosing block ends first
        if len(text) >= colons and not text.strip(":") and state.sCount[line] - state.blkIndent < 4:
            closed = True
            break
        line += 1
    kind = opened.group(2).lower()
    title = (opened.group(3) or opened.group(4) or "").strip() or kind.capitalize()
    parent, line_max = state.parentType, state.lineMax
    state.parentType = "admonition"
    state.lineMax = line
    box = state.push("admonition_open", "aside", 1)
    box.attrSet("class", f"admonition admonition-{kind}")
    box.markup, box.block, box.map = opened.group(1), True, [start, line]
    heading = state.push("paragraph_open", "p", 1)
    heading.attrSet("class", "admonition-title")
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = title, [start, start + 1], []
    state.push("paragraph_close", "p", -1)
    state.md.block.tokenize(state, start + 1, line)
    state.push("admonition_close", "aside", -1).block = True
    state.parentType, state.lineMax = parent, line_max
    state.line = line + 1 if closed else line
    return True


def _mdx_as_code(text: str) -> str:
    """MDX with its import/export statements and JSX tags (outside admonitions) fenced as
    `jsx` code: shown verbatim, never run and never read as Markdown."""
    lines = text.split("\n")
    kinds = mdx_kinds(lines)
    out: list[str] = []
    run: list[str] = []
    for line, kind in zip([*lines, ""], [*kinds, ""], strict=True):
        if kind in ("esm", "jsx"):
            run.append(line)
            continue
        if run:
            blank = len(run) - len("\n".join(run).rstrip().split("\n"))
            code = run[: len(run) - blank]
            longest = max((len(m) for m in re.findall(r"`+", "\n".join(code))), default=0)
            fence = "`" * max(3, longest + 1)
            out += [f"{fence}jsx", *code, fence, *[""] * blank]
            run = []
        out.append(line)
    return "\n".join(out[:-1])
