"""The graph page: supersede and link edges as an SVG drawn here, with no library (pure).

A layered layout: an ADR's column is one more than the highest column of the older ADRs it is
connected to, so every edge runs between columns, older decisions on the left. Within a column,
nodes sit near the average row of their older neighbours, which keeps most edges short.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .graph import edges
from .model import SUPERSEDED
from .site_pages import layout

if TYPE_CHECKING:
    from .graph import Edge
    from .site_data import SiteData

NODE_WIDTH, NODE_HEIGHT, COLUMN_GAP, ROW_GAP, MARGIN = 230, 34, 90, 12, 16
LABEL_CHARS = 30


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def place(found: list[Edge]) -> dict[int, tuple[int, int]]:
    """Each connected ADR number -> (column, row)."""
    neighbours: dict[int, set[int]] = {}
    for edge in found:
        neighbours.setdefault(edge.source, set()).add(edge.target)
        neighbours.setdefault(edge.target, set()).add(edge.source)
    column: dict[int, int] = {}
    for number in sorted(neighbours):
        older = [column[m] for m in neighbours[number] if m < number]
        column[number] = max(older, default=-1) + 1
    rows: dict[int, int] = {}
    for col in range(max(column.values(), default=-1) + 1):
        members = [n for n in sorted(neighbours) if column[n] == col]

        def centre(number: int) -> float:
            placed = [rows[m] for m in neighbours[number] if m in rows]
            return sum(placed) / len(placed) if placed else -1.0

        for row, number in enumerate(sorted(members, key=lambda n: (centre(n), n))):
            rows[number] = row
    return {number: (column[number], rows[number]) for number in column}


def svg(data: SiteData, found: list[Edge]) -> str:
    """The graph as inline SVG; each node links to its ADR page."""
    spots = place(found)
    width = MARGIN * 2 + (max(c for c, _ in spots.values()) + 1) * (NODE_WIDTH + COLUMN_GAP)
    height = MARGIN * 2 + (max(r for _, r in spots.values()) + 1) * (NODE_HEIGHT + ROW_GAP)
    width -= COLUMN_GAP

    def corner(number: int) -> tuple[int, int]:
        col, row = spots[number]
        return (MARGIN + col * (NODE_WIDTH + COLUMN_GAP), MARGIN + row * (NODE_HEIGHT + ROW_GAP))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Supersede and link relations between decisions">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/>'
        "</marker></defs>",
    ]
    for edge in found:
        (sx, sy), (tx, ty) = corner(edge.source), corner(edge.target)
        if spots[edge.source][0] > spots[edge.target][0]:
            x1, x2 = sx, tx + NODE_WIDTH
        else:
            x1, x2 = sx + NODE_WIDTH, tx
        y1, y2 = sy + NODE_HEIGHT // 2, ty + NODE_HEIGHT // 2
        middle = (x1 + x2) // 2
        kind = "supersedes" if edge.relation == "supersedes" else "link"
        parts.append(
            f'<path class="edge edge-{kind}" marker-end="url(#arrow)" '
            f'd="M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"><title>'
            f"{edge.source:04d} {_e(edge.relation)} {edge.target:04d}</title></path>"
        )
    for number in sorted(spots):
        adr = data.by_number[number]
        x, y = corner(number)
        label = adr.label()
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        state = " node-superseded" if adr.status in (SUPERSEDED, "deprecated") else ""
        parts.append(
            f'<a class="node{state}" href="adr/{data.pages[adr.path]}"><title>{_e(label)} '
            f"({_e(adr.status or 'no status')})</title>"
            f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text x="{x + 10}" y="{y + NODE_HEIGHT // 2 + 5}">{_e(short)}</text></a>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def graph_page(data: SiteData) -> str:
    found = edges(data.log, data.config.relations)
    alone = len(data.log) - len({e.source for e in found} | {e.target for e in found})
    if found:
        body = (
            "<h1>Decision graph</h1>\n"
            '<p class="legend"><span class="key key-supersedes"></span> supersedes '
            '<span class="key key-link"></span> other links (hover an arrow for its name). '
            "Older decisions on the left; superseded and deprecated ones greyed. "
            + (f"{alone} decisions without relations are not drawn." if alone != 1
               else "1 decision without relations is not drawn.")
            + "</p>\n"
            f'<div class="graph-frame">{svg(data, found)}</div>'
        )
    else:
        body = '<h1>Decision graph</h1>\n<p class="empty">No supersede or link relations yet.</p>'
    return layout(data, "Decision graph", body, 0, "Graph")
