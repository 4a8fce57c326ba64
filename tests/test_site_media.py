"""SVG images are made inert before they reach the site (site_media.py): every way an SVG can
run a script, load something or navigate is dropped; what it draws stays; an SVG that cannot
be cleaned is left out with one line. The browser side is in test_site_browser.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from adr_tool.errors import AdrError
from adr_tool.site_media import clean_svg
from tests.conftest import adr, write
from tests.site_sample import build_sample

OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:html="http://www.w3.org/1999/xhtml" width="20" height="20">')
CLOSE = '<rect id="kept" width="5" height="5" fill="red"/></svg>'
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "prefixed script": '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>',
    "script with href": '<script xlink:href="data:text/javascript,alert(1)"/>',
    "onload": '<g onload="alert(1)"/>',
    "upper-case handler": '<rect ONCLICK="alert(1)"/>',
    "handler in a namespace": '<rect xmlns:x="urn:x" x:onclick="alert(1)"/>',
    "javascript link": '<a href="javascript:alert(1)"><text>x</text></a>',
    "xlink javascript link": '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
    "spaced javascript link": '<a href="  javascript:alert(1)"><text>x</text></a>',
    "tab in the scheme": '<a href="java&#x09;script:alert(1)"><text>x</text></a>',
    "link to another page": '<a href="https://evil.example/"><text>x</text></a>',
    "set href": '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>',
    "animate xlink:href":
        '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>',
    "animate a handler": '<rect><set attributeName="onclick" to="alert(1)"/></rect>',
    "iframe in foreignObject":
        '<foreignObject><html:iframe src="javascript:alert(1)"/></foreignObject>',
    "script in foreignObject": "<foreignObject><html:script>alert(1)</html:script></foreignObject>",
    "img onerror in foreignObject":
        '<foreignObject><html:img src="x" onerror="alert(1)"/></foreignObject>',
    "handler on a label":
        '<foreignObject><html:div onmouseover="alert(1)">x</html:div></foreignObject>',
    "object in foreignObject":
        '<foreignObject><html:object data="evil.swf"/></foreignObject>',
    "svg in foreignObject":
        "<foreignObject><svg><script>alert(1)</script></svg></foreignObject>",
    "use of an svg data url": '<use href="data:image/svg+xml;base64,PHN2Zy8+#x"/>',
    "use of another file": '<use xlink:href="other.svg#x"/>',
    "image of an svg data url": '<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>',
    "remote image": '<image href="https://evil.example/track.png"/>',
    "handler element": '<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">'
                       "alert(1)</handler>",
    "listener": '<listener event="click" handler="#h"/>',
    "feImage": '<filter><feImage href="https://evil.example/x.png"/></filter>',
    "discard": '<discard onbegin="alert(1)"/>',
    "stylesheet instruction": '<?xml-stylesheet type="text/xsl" href="evil.xsl"?>',
    "entity holding a script": "&s;",
}
_ALLOWED_LINKS = ("#", "data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


def _svg(inner: str) -> bytes:
    doctype = '<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]>'
    return f"{doctype}{OPEN}{inner}{CLOSE}".encode()


def _inert(data: bytes) -> None:
    """No element that runs or embeds, no handler, no link but a fragment or raster data."""
    text = data.decode()
    assert "alert(" not in text and "<?xml-stylesheet" not in text
    root = ET.fromstring(data)
    for element in root.iter():
        local = str(element.tag).rsplit("}", 1)[-1]
        assert local not in ("script", "iframe", "object", "handler", "listener", "feImage",
                             "discard"), local
        for name, value in element.attrib.items():
            bare = name.rsplit("}", 1)[-1].lower()
            assert not bare.startswith("on"), name
            if bare in ("href", "src"):
                assert value.startswith(_ALLOWED_LINKS), value


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_svg_is_made_inert(case: str) -> None:
    """Each way of running a script, loading or navigating is dropped; the drawing stays."""
    cleaned = clean_svg(_svg(HOSTILE[case]), Path("x.svg"))
    _inert(cleaned)
    kept = ET.fromstring(cleaned).findall(".//{http://www.w3.org/2000/svg}rect[@id='kept']")
    assert 1 == len(kept)


def test_a_drawing_keeps_what_it_draws() -> None:
    """Shapes, gradients, internal links and references, styles and text labels stay."""
    inner = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<style>.a { fill: url(#g); }</style></defs>'
        '<g class="a"><path d="M0 0L5 5"/><use href="#kept"/><a xlink:href="#kept"><text>'
        'Label</text></a></g><image href="data:image/png;base64,iVBORw0KGgo="/>'
        '<foreignObject x="3" width="9" height="9"><html:div style="color: blue">Service '
        '<html:b>A</html:b></html:div></foreignObject>'
    )
    cleaned = ET.fromstring(clean_svg(_svg(inner), Path("x.svg")))
    tags = [str(element.tag).rsplit("}", 1)[-1] for element in cleaned.iter()]
    assert ["svg", "defs", "linearGradient", "stop", "style", "g", "path", "use", "a", "text",
            "image", "foreignObject", "div", "b", "rect"] == tags
    assert "Service A" == "".join(cleaned.itertext()).split("Label")[1].strip()
    assert ["3"] == [e.get("x") for e in cleaned.iter("{http://www.w3.org/2000/svg}foreignObject")]


BROKEN = {
    "not XML": b"<svg><rect></svg>",
    "not an svg": b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    "billion laughs": (
        b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([c + 1]), (b"&%s;" % bytes([c])) * 10)
                   for c in b"abcdefg")
        + b']><svg xmlns="http://www.w3.org/2000/svg">&h;</svg>'
    ),
    "external entity": (b'<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'),
    "deep": b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 5000 + b"</g>" * 5000
            + b"</svg>",
    "over 5 MB": b'<svg xmlns="http://www.w3.org/2000/svg">' + b" " * 5_300_000 + b"</svg>",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_an_svg_that_cannot_be_cleaned_is_refused(case: str) -> None:
    """Not XML, not an SVG, an entity bomb, an external entity, too deep or too big: an
    AdrError naming the file, in bounded time and memory."""
    with pytest.raises(AdrError) as raised:
        clean_svg(BROKEN[case], Path("docs/adr/x.svg"))
    assert Path("docs/adr/x.svg") == raised.value.path


def test_the_site_publishes_svg_cleaned_and_leaves_out_a_broken_one(repo: Path) -> None:
    """In a build, a hostile SVG is published inert and a broken one is left out with one
    line; the rest of the site is built."""
    folder = build_sample(repo)
    write(folder / "images" / "evil.svg", _svg(HOSTILE["script"]).decode())
    write(folder / "images" / "broken.svg", "<svg><rect></svg>")
    write(folder / "0006-diagrams.md", "---\nstatus: proposed\n---\n# Diagrams\n\n"
          "![evil](images/evil.svg) ![broken](images/broken.svg)\n")
    out = repo.parent / "site"
    run = adr("site", "-o", str(out))
    assert 0 == run.exit_code
    assert ("adr: docs/adr/images/broken.svg: is not a well-formed SVG; it is left out of the "
            "site\n") == run.stderr
    media = out / "media" / "docs" / "adr" / "images"
    _inert((media / "evil.svg").read_bytes())
    assert ["diagram.png", "evil.svg"] == sorted(p.name for p in media.iterdir())
