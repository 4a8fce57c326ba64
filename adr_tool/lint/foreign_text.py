"""The placeholder text of the templates of the formats adr-tool reads (adr-tools, Nygard's
article and the templates that copy it, MADR 2 to 4, log4brains), so that a section still
holding it is not taken for an answer, as with adr-tool's own templates.

Two kinds: the sentences those templates put in a section (compared without case, spacing or
final punctuation), and MADR's and log4brains' lines of fixed words around `{...}` or `[...]`
placeholders (`Chosen option: "{title of option 1}", because {justification}`).
"""

from __future__ import annotations

import re

_SENTENCES = (
    # adr-tools (`adr new`), current and first template
    "The issue motivating this decision, and any context that influences or constrains the "
    "decision.",
    "The change that we're proposing or have agreed to implement.",
    "What becomes easier or more difficult to do and any risks introduced by the change that "
    "will need to be mitigated.",
    "Context here...",
    "Decision here...",
    "Consequences here...",
    # Michael Nygard's article, "Documenting Architecture Decisions"
    "This section describes the forces at play, including technological, political, social, "
    "and project local. These forces are probably in tension, and should be called out as "
    "such. The language in this section is value-neutral. It is simply describing facts.",
    "This section describes our response to these forces. It is stated in full sentences, "
    'with active voice. "We will …"',
    "This section describes the resulting context, after applying the decision. All "
    'consequences should be listed here, not just the "positive" ones. A particular decision '
    "may have positive, negative, and neutral consequences, but all of them affect the team "
    "and project in the future.",
    # the questions of the Nygard templates that copy it
    "What is the issue that we're seeing that is motivating this decision or change?",
    "What is the issue that we're seeing that is motivating this decision?",
    "What is the change that we're proposing and/or doing?",
    "What is the change that we're actually proposing or doing?",
    "What becomes easier or more difficult to do because of this change?",
)
# The fixed words of MADR's and log4brains' placeholder lines.
_GLUE = frozenset(
    {"chosen", "option", "because", "good", "bad", "neutral", "technical", "story", "pros", "cons"}
)
_GROUP = re.compile(r"\{\{?[^{}]*\}\}?|\[[^\[\]]*\](?!\()")
_BLOCK = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]")  # one placeholder over several lines
_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _key(text: str) -> str:
    """The text as compared: no case, quote style, blockquote marks, spacing or end mark."""
    words = " ".join(text.translate(_QUOTES).casefold().replace(">", " ").split())
    return words.rstrip(" .?!…:")


_KNOWN = frozenset(_key(sentence) for sentence in _SENTENCES)
_HEADS = tuple(sorted({key[:4] for key in _KNOWN}))  # a cheap first look: most answers differ


def may_be_template_text(text: str) -> bool:
    """A cheap first look: False for text that cannot start a template's placeholder."""
    start = text.lstrip("> \t")
    return start[:1] in "{[" or start[:4].casefold().startswith(_HEADS) or "{" in text


def is_template_text(text: str) -> bool:
    """Whether `text` (a line, or a section's lines joined) is a known template's placeholder."""
    start = text.lstrip("> \t")
    if start[:4].casefold().startswith(_HEADS) and _key(text) in _KNOWN:
        return True
    if "{" not in text and "[" not in text:
        return False
    if start[:1] in "{[" and _BLOCK.fullmatch(text.strip()):
        return True
    rest, groups = text, 0
    for _ in range(3):  # innermost first: MADR 4 nests `{force}` inside `{justification ...}`
        rest, found = _GROUP.subn(" ", rest)
        groups += found
        if not found:
            break
    return groups > 0 and set(_WORD.findall(rest.casefold())) <= _GLUE
