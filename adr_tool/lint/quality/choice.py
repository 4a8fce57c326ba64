"""Checks of the options and the choice: the boring option (ADR504, ADR505), a queue without
an asynchronous need (ADR506), placeholder options (ADR511), a choice that is not an option
(ADR512), a rewrite (ADR515) and an abstraction layer (ADR516)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import DURATIONS, measured
from .flags import answered, chosen, flag, opening, start_of
from .record import entry_name
from .text import Passage, affirmed, bag, entries, plain_words, sentences
from .vocabulary import (
    ABSTRACTIONS,
    ASYNC_NEEDS,
    BORING_MARKERS,
    CONSTRAINT_WORDS,
    INCREMENTAL,
    PLACEHOLDER_NAMES,
    PLACEHOLDER_OPTIONS,
    REWRITES,
    SLOW_WORK,
    USER_NOUNS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .flags import Flag
    from .record import Item, Record
    from .text import Span, Word
    from .vocabulary import Vocabulary

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
_NUMBER_NAMES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# Words an option's name shares with every other: matching on them would prove nothing.
_COMMON = frozenset(
    entries(
        "a, an, the, with, and, or, of, for, on, in, to, use, using, we, our, option, options, "
        "boring, plus, new, as, by, it, its, this, that, all, one, two, via, based, own"
    )
)
_ASYNC_PARTS = ("context", "constraints", "options", "decision", "trade-offs", "consequences")
_USER_PARTS = ("context", "options", "decision", "consequences")
_LONG = DURATIONS - {"ns", "µs", "us", "ms", "msec", "millisecond", "milliseconds"}
_LONGEST_PLACEHOLDER = 40  # characters: "another alternative" and the like are shorter


def _options(record: Record) -> tuple[Item, ...] | None:
    part = record.part("options")
    return part.items if part is not None else None


def _entry_text(item: Item) -> str:
    return f"{item.label}: {item.answer.text}" if item.label else item.answer.text


def boring_option(record: Record, vocabulary: Vocabulary) -> Item | None:
    """The option labelled `Boring option:`, else one marked boring, else one whose name is a
    boring part (or a part of the team's stack)."""
    options = _options(record) or ()
    for item in options:
        if item.key == "boring option" and answered(item.answer):
            return item
    for item in options:
        if affirmed(BORING_MARKERS, Passage(_entry_text(item))):
            return item
    for item in options:
        if affirmed(vocabulary.boring, entry_name(item)):
            return item
    return None


def _names_parts(passage: Passage, vocabulary: Vocabulary) -> list[Span]:
    """The non-boring parts a passage names, leaving out those in the team's stack."""
    return [
        span
        for span in affirmed(vocabulary.non_boring, passage)
        if not vocabulary.stack.find(passage.text[span.start : span.end])
    ]


def _listed(passage: Passage, spans: Sequence[Span]) -> str:
    names = list(dict.fromkeys(passage.quote(s.start, s.end) for s in spans))
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def unweighed_boring(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A non-boring part is chosen and no boring option is among the options considered."""
    choice = chosen(record)
    if choice is None or _options(record) is None:
        return
    parts = _names_parts(choice, vocabulary)
    if not parts or boring_option(record, vocabulary) is not None:
        return
    first = choice.quote(parts[0].start, parts[0].end)
    yield flag(
        "ADR504",
        choice,
        parts[0].start,
        f"Decision: chooses {_listed(choice, parts)}, not a boring part, and no boring option "
        "is among the options considered: add one first, e.g. '- Boring option: a Postgres "
        f"table and a poller; costs one table to run' (if the team already runs {first}, "
        "list it under `stack` in [quality] of .adr.toml)",
    )


def _significant(text: str) -> set[str]:
    return {word for word in plain_words(text) if word not in _COMMON and len(word) > 1}


def _same_name(name: str, text: str) -> bool:
    """Whether `text` names the option called `name`: a word in common, or one word the
    start of the other (Postgres, PostgreSQL)."""
    ours, theirs = _significant(name), _significant(text)
    if ours & theirs:
        return True
    return any(
        len(a) >= 4 and len(b) >= 4 and (a.startswith(b) or b.startswith(a))
        for a in ours
        for b in theirs
    )


def _chooses_boring(choice: Passage, boring: Item, vocabulary: Vocabulary) -> bool:
    if affirmed(BORING_MARKERS, choice) or affirmed(vocabulary.boring, choice):
        return True
    return _same_name(entry_name(boring).text, choice.text)


def unexplained_boring(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A boring option is considered, another is chosen, and nothing says which constraint
    the boring one fails."""
    choice = chosen(record)
    boring = boring_option(record, vocabulary)
    if choice is None or boring is None or _chooses_boring(choice, boring, vocabulary):
        return
    name = entry_name(boring)
    why = record.item("decision", "Why not the boring option") if record.version >= 2 else None
    if why is not None and answered(why.answer):
        if _names_constraint(why.answer):
            return
        where, note = why.answer, f' ("{opening(why.answer, 40)}" names none)'
    else:
        decision = record.part("decision")
        if record.version < 2 and decision is not None and _names_constraint(decision.body):
            return
        where, note = choice, ""
    yield flag(
        "ADR505",
        where,
        start_of(where),
        f'Decision: chooses "{opening(choice, 40)}" over the boring option "{opening(name, 40)}"'
        f", and nothing says which constraint the boring option fails{note}: add '- Why not "
        "the boring option: it cannot take 5,000 writes a second (Data volume)'",
    )


def _names_constraint(passage: Passage) -> bool:
    return bool(affirmed(CONSTRAINT_WORDS, passage) or measured(passage.text))


def needless_queue(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A queue or broker is introduced with no asynchronous need stated (work that may finish
    after the caller has its answer, bursts to absorb, work that takes seconds or more)."""
    choice = chosen(record)
    if choice is None:
        return
    queues = affirmed(vocabulary.queues, choice)
    if not queues:
        return
    for key in _ASYNC_PARTS:
        part = record.part(key)
        if part is not None and (affirmed(ASYNC_NEEDS, part.body) or _slow_work(part.body)):
            return
    yield flag(
        "ADR506",
        choice,
        queues[0].start,
        f"Decision: introduces {_listed(choice, queues[:1])} (a queue or broker) but no "
        "asynchronous need is stated: say what may finish after the caller has its answer, "
        "which bursts it absorbs or what takes seconds, e.g. 'a PDF export takes 40 s and is "
        "emailed when done'; otherwise call the work directly",
    )


def _slow_work(passage: Passage) -> bool:
    """A sentence that says some work takes seconds or more (`an export takes 40 s`)."""
    if not SLOW_WORK.may_occur(passage.text):
        return False
    for start, end in sentences(passage.text):
        sentence = passage.text[start:end]
        if SLOW_WORK.find(sentence) and any(
            figure.kind == "duration" and figure.unit in _LONG for figure in measured(sentence)
        ):
            return True
    return False


def placeholder_option(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """An option is a placeholder ("something else", "other", "Option B"), not an alternative."""
    for item in _options(record) or ():
        if item.key == "boring option":
            text = " ".join(plain_words(item.answer.text))
            if not answered(item.answer) or text not in PLACEHOLDER_OPTIONS:
                continue
        elif not _placeholder(item):
            continue
        named = item.label and item.key != "boring option"
        yield flag(
            "ADR511",
            Passage(item.label, item.line, item.column) if named else item.answer,
            0 if named else start_of(item.answer),
            f'Options considered: "{opening(Passage(_entry_text(item)), 40)}" is a '
            "placeholder, not an alternative: name the option and its cost, e.g. '- A "
            "nightly cron job: no new service; reports are a day old'",
        )


def _placeholder(item: Item) -> bool:
    """`Option B`, `Something else`, `Other: TBD`: a name that names nothing, with nothing
    after it that does (`Option B: a nightly cron job` is an option)."""
    if len(item.answer.text) > _LONGEST_PLACEHOLDER and not _generic(plain_words(item.label)):
        return False  # a sentence names something
    answer = plain_words(item.answer.text)
    label = plain_words(item.label)
    if " ".join(label + answer) in PLACEHOLDER_OPTIONS:
        return True
    if not label:
        return _generic(answer)
    if not (_generic(label) or " ".join(label) in PLACEHOLDER_OPTIONS):
        return False
    return not answer or not answered(item.answer) or " ".join(answer) in PLACEHOLDER_OPTIONS


def _generic(name: list[str]) -> bool:
    """`option`, `option b`, `alternative 2`, `solution three`."""
    if not name or name[0] not in PLACEHOLDER_NAMES or len(name) > 2:
        return False
    return len(name) == 1 or len(name[1]) == 1 or name[1].isdigit() or name[1] in _NUMBER_NAMES


def unlisted_choice(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """The chosen option is not among the options considered (version 2)."""
    item = record.item("decision", "Chosen")
    options = _options(record)
    if record.version < 2 or item is None or not answered(item.answer) or not options:
        return
    choice = item.answer
    if any(_matches(choice, option, index, vocabulary) for index, option in enumerate(options)):
        return
    names = ", ".join(opening(entry_name(option), 30) for option in options)
    yield flag(
        "ADR512",
        choice,
        start_of(choice),
        f'Decision: the chosen "{opening(choice, 40)}" is not among the options considered '
        f"({names}): choose one of them by its name, or add it to the options",
    )


def _matches(choice: Passage, option: Item, index: int, vocabulary: Vocabulary) -> bool:
    said = bag(choice.text)
    if {f"{index + 1}", _ORDINALS[index] if index < len(_ORDINALS) else ""} & said and (
        said & {"option", "options", "alternative"}
    ):
        return True  # "option 2", "the second option"
    if option.key == "boring option" and (
        affirmed(BORING_MARKERS, choice) or affirmed(vocabulary.boring, choice)
    ):
        return True
    return _same_name(entry_name(option).text, choice.text)


def incremental_skipped(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """A rewrite is chosen and no incremental option (refactor, strangler, phased) was
    considered."""
    choice = chosen(record)
    options = _options(record)
    if choice is None or options is None:
        return
    rewrites = affirmed(REWRITES, choice)
    if not rewrites or affirmed(INCREMENTAL, choice):
        return
    if any(affirmed(INCREMENTAL, Passage(_entry_text(option))) for option in options):
        return
    yield flag(
        "ADR515",
        choice,
        rewrites[0].start,
        f'Decision: chooses a rewrite ("{choice.quote(rewrites[0].start, rewrites[0].end)}") '
        "and no incremental option (refactor, strangler, phased migration) was considered: "
        "add one, e.g. '- Strangler: route one endpoint a sprint to the new code behind the "
        "old router'",
    )


def lone_abstraction(record: Record, vocabulary: Vocabulary) -> Iterator[Flag]:
    """An abstraction layer (pluggable, generic, framework, adapter) is chosen with fewer than
    two concrete users named."""
    choice = chosen(record)
    if choice is None:
        return
    layers = affirmed(ABSTRACTIONS, choice)
    if not layers:
        return
    for key in _USER_PARTS:
        part = record.part(key)
        if part is not None and _two_users(part.body):
            return
    yield flag(
        "ADR516",
        choice,
        layers[0].start,
        f'Decision: chooses an abstraction ("{choice.quote(layers[0].start, layers[0].end)}") '
        "with fewer than two concrete users named: name the two or more that need it now, "
        "e.g. 'Stripe and Adyen both plug in at launch', or build for the one you have",
    )


def _two_users(passage: Passage) -> bool:
    """`two payment providers`, `both teams`, `3 services`, or two names joined by
    and/or (`Stripe and Adyen`, `` `s3` or `gcs` ``)."""
    found = passage.words
    for span in USER_NOUNS.find_in(found) if USER_NOUNS.may_occur(passage.text) else ():
        for back in range(span.first - 1, max(-1, span.first - 3), -1):
            count = found[back].text
            if count == "both" or count in _NUMBER_NAMES[1:] or (count.isdigit() and count != "1"):
                return True
    text, texts = passage.text, found.texts
    for index in range(1, len(texts) - 1):
        joined = texts[index] in ("and", "or") and not found.broken(index)
        names = joined and not found.broken(index + 1) and _named(text, found[index - 1])
        if names and _named(text, found[index + 1]):
            return True
    return False


def _named(text: str, word: Word) -> bool:
    """Whether the word is a name: capitalised, or code (`s3`)."""
    start, end = word.start, word.end
    return text[start].isupper() or text[start - 1 : start] == "`" or text[end : end + 1] == "`"
