"""Section titles as people write them: `Decisions`, `Decision: use Lambda`, `Decision Outcome`
and `决策` all name the Decision section (MADR versions and a few languages)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import strip_comments

_SYNONYMS = (
    (
        "context",
        "context and problem statement",
        "context and problem",
        "problem statement",
        "背景",
        "上下文",
        "contexte",
        "contexto",
        "kontext",
    ),
    (
        "considered options",
        "options considered",
        "considered alternatives",
        "alternatives considered",
        "options",
        "alternatives",
        "选项",
        "方案",
    ),
    ("decision", "decision outcome", "决策", "决定", "décision", "decisión", "entscheidung"),
    ("consequences", "后果", "结果", "影响", "conséquences", "consecuencias", "konsequenzen"),
)
_GROUP = {name: index for index, group in enumerate(_SYNONYMS) for name in group}


@lru_cache(maxsize=4096)
def normalise(title: str) -> str:
    """Lower case, without marks, numbering, comments or a trailing colon."""
    text = re.sub(r"[*_`]", "", strip_comments(title)).casefold()
    text = re.sub(r"^(?:\d+[.)]\s+|[^\w\s]+\s*)", "", text.strip())
    end = len(text)  # a trailing colon or dots go: a loop, as `[\s:.]+$` is quadratic on a run
    while end and (text[end - 1].isspace() or text[end - 1] in ":：."):
        end -= 1
    return " ".join(text[:end].split())


@lru_cache(maxsize=4096)
def title_key(name: str) -> str:
    """What a normalised title is matched on: its synonym group, else its singular."""
    singular = name[:-1] if name.endswith("s") and len(name) > 3 else name
    group = _GROUP.get(name, _GROUP.get(singular))
    return f"#{group}" if group is not None else singular


@lru_cache(maxsize=4096)
def title_keys(heading: str) -> frozenset[str]:
    """`Decisions`, `Decision: use Lambda` and `Decision Outcome` all name the Decision section."""
    before_colon = re.split(r":|：| [-–] ", heading, maxsplit=1)[0]
    return frozenset({title_key(normalise(heading)), title_key(normalise(before_colon))})


def same_title(heading: str, wanted: str) -> bool:
    """Whether a heading names the template section `wanted`."""
    return title_key(normalise(wanted)) in title_keys(heading)
