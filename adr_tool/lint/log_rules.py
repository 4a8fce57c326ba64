"""Log rules (ADR3xx): numbers are unique, references resolve, and both sides agree."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..boundary import leads_outside
from ..config import repository_root
from ..errors import AdrError
from ..escape import plain_relation
from ..links import local_path
from ..model import SUPERSEDED
from .base import Hit, Target, key_line, label, log_rule, status_line

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..model import Adr
    from .base import LintContext

_SUPERSEDE_KEYS = {"supersedes": "supersedes", "superseded-by": "superseded-by"}


def _line(ctx: LintContext, adr: Adr, key: str) -> int:
    """The line of a front-matter key; in older formats, of the status (where links live)."""
    document = ctx.loaded.documents.get(adr.path)
    if document is None:
        return adr.title_line or 1
    if document.front_matter is None or (key not in document.metadata and key != "status"):
        return status_line(Target(adr, ctx.loaded.documents))
    return key_line(document, key)


@log_rule("ADR301", "log")
def duplicate_number(ctx: LintContext) -> Iterator[Hit]:
    """Two or more files carry the same ADR number."""
    for number, adrs in sorted(ctx.by_number.items()):
        if len(adrs) < 2:
            continue
        for adr in adrs:
            others = ", ".join(other.path.name for other in adrs if other is not adr)
            yield Hit(
                adr.path, 1, f"number {number} is also used by {others}: renumber one of them"
            )


@log_rule("ADR302", "log")
def missing_reference(ctx: LintContext) -> Iterator[Hit]:
    """A supersede or link names an ADR that does not exist."""
    for adr in ctx.log:
        for relation, target, line in adr.broken_refs:
            yield Hit(adr.path, line, f"{relation} {target}: no such file in the log")
        references = [("supersedes", n) for n in adr.supersedes]
        references += [("superseded-by", n) for n in adr.superseded_by]
        references += list(adr.links)
        for relation, number in references:
            if number not in ctx.by_number:
                key = relation if relation in _SUPERSEDE_KEYS else "links"
                yield Hit(
                    adr.path, _line(ctx, adr, key), f"{relation} {number}: there is no ADR {number}"
                )


@log_rule("ADR303", "log")
def one_sided_supersede(ctx: LintContext) -> Iterator[Hit]:
    """One ADR says it supersedes (or is superseded by) another that does not say so back."""
    for adr in ctx.log:
        for old_number in adr.supersedes:
            olds = ctx.by_number.get(old_number, [])
            if olds and not any(adr.number in old.superseded_by for old in olds):
                yield Hit(
                    olds[0].path,
                    _line(ctx, olds[0], "superseded-by"),
                    f"{label(adr)} says it supersedes {old_number:04d}, but {old_number:04d} "
                    f"does not say it is superseded by {label(adr)}",
                )
        for new_number in adr.superseded_by:
            news = ctx.by_number.get(new_number, [])
            if news and not any(adr.number in new.supersedes for new in news):
                yield Hit(
                    news[0].path,
                    _line(ctx, news[0], "supersedes"),
                    f"{label(adr)} says it is superseded by {new_number:04d}, but "
                    f"{new_number:04d} does not say it supersedes {label(adr)}",
                )


@log_rule("ADR304", "log")
def one_sided_link(ctx: LintContext) -> Iterator[Hit]:
    """A typed link (amends, relates-to, ...) has no matching reverse link on the other ADR."""
    for adr in ctx.log:
        for relation, number in adr.links:
            reverse = ctx.config.relations.get(relation)
            others = ctx.by_number.get(number, [])
            if reverse is None or not others:
                continue  # ADR308 and ADR302 report these
            if not any((reverse, adr.number) in other.links for other in others):
                yield Hit(
                    others[0].path,
                    _line(ctx, others[0], "links"),
                    f"{label(adr)} {relation} {number:04d}, but {number:04d} does not say "
                    f"{reverse} {label(adr)}",
                )


@log_rule("ADR305", "log")
def status_contradicts_links(ctx: LintContext) -> Iterator[Hit]:
    """The status says superseded without a successor, or a successor exists without it."""
    if SUPERSEDED not in ctx.config.statuses:
        return
    successors: dict[int, set[int]] = {}
    for adr in ctx.log:
        successors.setdefault(adr.number, set()).update(adr.superseded_by)
        for old in adr.supersedes:
            successors.setdefault(old, set()).add(adr.number)
    for adr in ctx.log:
        if adr.status not in ctx.config.statuses:
            continue  # unknown statuses are ADR102's
        found = successors.get(adr.number, set())
        broken = any(relation == "superseded-by" for relation, _, _ in adr.broken_refs)
        if adr.status == SUPERSEDED and not found and not broken:
            yield Hit(
                adr.path,
                _line(ctx, adr, "status"),
                "status is superseded, but no ADR supersedes it: name the successor "
                "(superseded-by) or change the status",
            )
        elif adr.status != SUPERSEDED and found:
            names = ", ".join(f"{number:04d}" for number in sorted(found))
            yield Hit(
                adr.path,
                _line(ctx, adr, "status"),
                f"superseded by {names}, but its status is {adr.status or 'empty'!r}: "
                "set it to superseded",
            )


@log_rule("ADR306", "log")
def supersede_cycle(ctx: LintContext) -> Iterator[Hit]:
    """ADRs supersede each other in a cycle, so none of them is the current decision."""
    graph: dict[int, set[int]] = {}
    for adr in ctx.log:
        graph.setdefault(adr.number, set()).update(adr.supersedes)
        for new in adr.superseded_by:
            graph.setdefault(new, set()).add(adr.number)
    reported: set[int] = set()
    for start in sorted(graph):
        if start in reported:
            continue
        cycle = _cycle_from(start, graph)
        if cycle is None:
            continue
        reported.update(cycle)
        first = ctx.by_number.get(start)
        if first:
            chain = " -> ".join(f"{number:04d}" for number in [*cycle, start])
            line = _line(ctx, first[0], "supersedes")
            yield Hit(first[0].path, line, f"supersede cycle: {chain}")


def _cycle_from(start: int, graph: dict[int, set[int]]) -> list[int] | None:
    """A path start -> ... -> start through the graph, if there is one (iterative DFS)."""
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for following in sorted(graph.get(node, ()), reverse=True):
            if following == start:
                return path
            if following not in seen and following > start:
                seen.add(following)
                stack.append((following, [*path, following]))
    return None


@log_rule("ADR307", "log")
def stale_index(ctx: LintContext) -> Iterator[Hit]:
    """The generated index no longer matches the log: run `adr index`."""
    path = ctx.config.index_path
    try:
        from .. import index
    except ImportError:  # pragma: no cover - the index generator is not installed
        return
    if leads_outside(path, repository_root(ctx.config)):
        return  # never read (ADR100 names it)
    try:
        current = index.read_index(path)
    except (OSError, UnicodeDecodeError):
        return  # never generated (or not ours to judge): nothing is stale
    if current is None or not (index.is_ours(current) or index.has_region(current)):
        return  # a hand-written README, not an index adr-tool generated
    try:
        expected = index.updated(current, ctx.log, ctx.config, path)
    except AdrError as error:  # a region whose markers do not pair up
        yield Hit(path, error.line or 1, error.message)
        return
    if not index.same(current, expected):
        old, new = current.split("\n"), expected.split("\n")
        line = next((i + 1 for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
        line = line or min(len(old), len(new)) + 1
        yield Hit(path, min(line, max(len(old), 1)), "the index is out of date: run `adr index`")


@log_rule("ADR308", "log")
def unknown_relation(ctx: LintContext) -> Iterator[Hit]:
    """A link uses a relation that has no declared reverse in `[links]` of .adr.toml."""
    for adr in ctx.log:
        for relation in dict.fromkeys(relation for relation, _ in adr.links):
            if not plain_relation(relation):
                yield Hit(
                    adr.path,
                    _line(ctx, adr, "links"),
                    f"relation name {relation!r} is not a lower-case word such as `amends`: "
                    "rename it (other names are shown escaped, never as they are)",
                )
            elif relation not in ctx.config.relations:
                yield Hit(
                    adr.path,
                    _line(ctx, adr, "links"),
                    f"relation {relation!r} is not declared: add "
                    f'`{relation} = "<its reverse>"` to [links] in .adr.toml',
                )


@log_rule("ADR309", "log")
def number_taken_on_base(ctx: LintContext) -> Iterator[Hit]:
    """An ADR added on this branch has a number the base branch gives to another file
    (checked with `adr lint --base REF`, which reads the base branch with git)."""
    return iter(())  # the pure core has no git: the CLI adds these findings for --base


@log_rule("ADR310", "log")
def missing_linked_file(ctx: LintContext) -> Iterator[Hit]:
    """A relative link or image in an ADR points at a file that does not exist."""
    root = repository_root(ctx.config)
    known = {os.path.normpath(adr.path) for adr in ctx.log}
    for adr in ctx.log:
        if not adr.file_links:
            continue
        reported = {(line, target) for _, target, line in adr.broken_refs}  # ADR302's
        folder = os.path.dirname(adr.path)  # noqa: PTH120 (text: no Path per link)
        for line, target in adr.file_links:
            path = local_path(target)
            if path is None or (line, target) in reported:
                continue
            where = os.path.normpath(os.path.join(folder, path))
            if where in known or leads_outside(Path(where), root) or Path(where).exists():
                continue  # there, or outside the repository: never looked at
            yield Hit(adr.path, line, f"{target}: no such file; fix the link or add the file")
