"""SVG images made inert before they are copied into the site.

An SVG is a document: opened directly (from disk or over `--serve`) it runs its scripts in the
site's origin. Each one is rebuilt from what it draws: the SVG elements and attributes that
draw, text in a `foreignObject` as plain XHTML (diagrams.net labels), links only within the
image, embedded images only as raster `data:` URLs. Scripts, event attributes, animations of
links, other namespaces, processing instructions and the doctype are dropped. An SVG that is
not well-formed XML, has no `<svg>` root or is over 5 MB is not published at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from .errors import AdrError

if TYPE_CHECKING:
    from pathlib import Path

MAX_SVG_BYTES = 5 * 1024 * 1024
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML = "{http://www.w3.org/XML/1998/namespace}"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DRAWING = _words(
    "svg g defs symbol use title desc switch a path rect circle ellipse line polyline polygon "
    "text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker image "
    "style filter foreignObject animate animateTransform animateMotion mpath set feBlend "
    "feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR "
    "feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight "
    "feSpecularLighting feSpotLight feTile feTurbulence"
)
_TEXT_HTML = _words(
    "div span p br b i u s strong em small big sub sup font code pre ul ol li table thead "
    "tbody tr td th h1 h2 h3 h4 h5 h6 hr blockquote center"
)
_HTML_ATTRIBUTES = _words(
    "style class dir lang title align color face size colspan rowspan width height"
)
_SAFE_LINK = re.compile(r"#|data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)


def clean_svg(data: bytes, source: Path) -> bytes:
    """The SVG in `data` with nothing left that could run, load or navigate; an AdrError
    naming `source` if it is not an SVG that can be cleaned."""
    if len(data) > MAX_SVG_BYTES:
        raise AdrError("is an SVG over 5 MB; it is left out of the site", source)
    try:
        root = ET.fromstring(data)  # expat: entities bounded, external ones never loaded
    except ET.ParseError:
        raise AdrError("is not a well-formed SVG; it is left out of the site", source) from None
    if root.tag != f"{SVG}svg":
        raise AdrError("has no <svg> root element; it is left out of the site", source)
    try:
        return _cleaned(root)
    except RecursionError:  # the writer recurses: thousands of nested groups
        raise AdrError("is nested too deeply; it is left out of the site", source) from None


def _cleaned(root: ET.Element) -> bytes:
    stack = [(root, False)]  # an element, and whether it is XHTML (in a foreignObject)
    while stack:
        element, html = stack.pop()
        _keep_safe_attributes(element, html)
        inner = html or element.tag == f"{SVG}foreignObject"
        kept: list[ET.Element] = []
        for child in element:
            if _allowed(child, inner):
                kept.append(child)
                stack.append((child, inner))
            elif kept:  # a dropped element's subtree goes; the text after it stays
                kept[-1].tail = (kept[-1].tail or "") + (child.tail or "")
            else:
                element.text = (element.text or "") + (child.tail or "")
        element[:] = kept
    ET.register_namespace("", SVG[1:-1])  # plain <svg>, not <ns0:svg>
    ET.register_namespace("xlink", XLINK[1:-1])
    return bytes(ET.tostring(root, encoding="utf-8"))


def _allowed(element: ET.Element, html: bool) -> bool:
    """Whether an element may stay: drawing SVG, or (in a foreignObject) text-only XHTML."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if html:
        return tag.startswith(XHTML) and tag[len(XHTML):] in _TEXT_HTML
    if not tag.startswith(SVG) or tag[len(SVG):] not in _DRAWING:
        return False
    animated = element.get("attributeName", "").strip().lower()
    return not (animated.endswith("href") or animated.startswith("on"))


def _keep_safe_attributes(element: ET.Element, html: bool) -> None:
    for name in list(element.attrib):
        if not _safe_attribute(name, element.attrib[name], html):
            del element.attrib[name]


def _safe_attribute(name: str, value: str, html: bool) -> bool:
    """No event handler, no other namespace, links only within the image or to raster data."""
    local = name.rsplit("}", 1)[-1].lower()
    if local.startswith("on"):
        return False
    if name.startswith("{") and not name.startswith((XLINK, XML)):
        return False
    if local in ("href", "src"):
        return bool(_SAFE_LINK.match(value.strip()))
    return not html or local in _HTML_ATTRIBUTES
