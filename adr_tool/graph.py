"""The decision graph (supersession and typed links) as Mermaid or DOT text (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .escape import dot_string, mermaid_label, plain_relation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .model import Adr, DecisionLog


@dataclass(frozen=True, order=True)
class Edge:
    source: int
    relation: str  # "supersedes", or a link relation such as "amends"
    target: int


def edges(log: DecisionLog, relations: Mapping[str, str]) -> list[Edge]:
    """Every relation once, in one direction: supersession from the newer ADR, and of a link
    and its reverse the active form (`amends`, not `amended-by`)."""
    numbers = log.numbers()
    found: set[Edge] = set()
    for adr in log:
        for old in adr.supersedes:
            found.add(Edge(adr.number, "supersedes", old))
        for new in adr.superseded_by:
            found.add(Edge(new, "supersedes", adr.number))
        for relation, other in adr.links:
            reverse = relations.get(relation, relation)
            if relation == reverse:  # symmetric (relates-to): one edge per pair
                source, target = sorted((adr.number, other))
                found.add(Edge(source, relation, target))
            elif _preferred(relation, reverse):
                found.add(Edge(adr.number, relation, other))
            else:
                found.add(Edge(other, reverse, adr.number))
    return sorted(e for e in found if e.source in numbers and e.target in numbers)


def _preferred(relation: str, reverse: str) -> bool:
    if relation.endswith("-by") != reverse.endswith("-by"):
        return not relation.endswith("-by")
    return relation <= reverse


def _nodes(log: DecisionLog, found: list[Edge]) -> list[Adr]:
    used = {e.source for e in found} | {e.target for e in found}
    seen: set[int] = set()
    nodes = []
    for adr in log:
        if adr.number in used and adr.number not in seen:
            seen.add(adr.number)
            nodes.append(adr)
    return nodes


def mermaid(log: DecisionLog, relations: Mapping[str, str]) -> str:
    """A Mermaid flowchart that GitHub renders; superseded decisions are greyed."""
    found = edges(log, relations)
    lines = ["graph LR", "  classDef superseded fill:#eeeeee,color:#777777,stroke-dasharray:3 3"]
    for adr in _nodes(log, found):
        lines.append(f'  adr{adr.number}["{mermaid_label(adr.label())}"]')
        if adr.status == "superseded":
            lines.append(f"  class adr{adr.number} superseded")
    for edge in found:
        arrow = "-->" if edge.relation == "supersedes" else "-.->"
        text = edge.relation  # a relation name from front matter can be any text: quoted then
        text = text if plain_relation(text) else f'"{mermaid_label(text)}"'
        lines.append(f"  adr{edge.source} {arrow}|{text}| adr{edge.target}")
    return "\n".join(lines) + "\n"


def dot(log: DecisionLog, relations: Mapping[str, str]) -> str:
    """A Graphviz digraph: `adr graph --format dot | dot -Tsvg > graph.svg`."""
    found = edges(log, relations)
    lines = ["digraph decisions {", "  rankdir=LR;", '  node [shape=box, fontname="sans-serif"];']
    for adr in _nodes(log, found):
        label = dot_string(adr.label())
        style = ', style=dashed, fontcolor="#777777"' if adr.status == "superseded" else ""
        lines.append(f'  adr{adr.number} [label="{label}"{style}];')
    for edge in found:
        style = "" if edge.relation == "supersedes" else ", style=dashed"
        label = dot_string(edge.relation)
        lines.append(f'  adr{edge.source} -> adr{edge.target} [label="{label}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
