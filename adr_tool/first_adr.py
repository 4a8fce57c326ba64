"""The answers that fill ADR 0001, "Record architecture decisions", in each built-in template.

`adr init` writes it in full, so that a freshly initialised log passes lint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .templates import Answer

TITLE = "Record architecture decisions"

_CONTEXT = (
    "We make decisions about this system's architecture every few weeks: what to store where,\n"
    "which services to depend on, how to fail. The reasons live in chat threads and in the heads\n"
    "of the people who were there, and they leave with them. New team members cannot tell which\n"
    "constraints shaped the system, and we re-open settled questions because nobody can find why\n"
    "they were settled."
)
_DECISION = (  # the Decision of the templates without labelled items
    "We record every architecturally significant decision as an Architecture Decision Record in\n"
    "this folder, one Markdown file per decision, written with adr-tool and reviewed in pull\n"
    "requests like code. The deciding constraint was consistency: a decision must land in the\n"
    "same commit as the change it explains."
)
_CONSEQUENCES = (
    "New significant decisions start with `adr new`. The pre-commit hook (`adr lint`) refuses a\n"
    "record that skips the constraints, the options, the trade-offs or the failure modes, or that\n"
    "breaks the log. Leads review the history with `adr list`, `adr index` and `adr log`."
)
_OPTIONS = [
    "Markdown files in the repository, written and checked with adr-tool (the boring option:\n"
    "plain text in git, reviewed with the code).",
    "Pages in the team wiki: familiar, but kept apart from the code and its review, and they\n"
    "drift out of date unnoticed.",
    "Not recording decisions: free today, and it costs us the reasons later.",
]

ANSWERS: dict[str, dict[str, Answer]] = {
    "constraint-first": {
        "Context": _CONTEXT,
        "Constraints": {
            "Users": "The engineers who make decisions in this repository and the leads who "
            "review them: one team, 5 to 50 people.",
            "Data volume": "A few hundred short Markdown files over the life of the project, "
            "well under 10 MB.",
            "Latency": "n/a, because records are read by people; the check on each commit "
            "should take under a second.",
            "Consistency": "A decision must be in the same commit as the change it explains; "
            "git holds the history.",
            "Regulatory": "n/a, because the records hold no personal data, and git's history "
            "is the audit trail we need.",
        },
        "Options considered": [
            "Boring option: Markdown files in the repository, written and checked with "
            "adr-tool: plain text in git, reviewed with the code; ten to thirty minutes per "
            "decision.",
            *_OPTIONS[1:],
        ],
        "Decision": {
            "Chosen": "Markdown files in the repository (the boring option): every "
            "architecturally significant decision gets one file in this folder, written with "
            "adr-tool and reviewed in pull requests like code.",
            "Deciding constraint": "Consistency: a decision must land in the same commit as "
            "the change it explains.",
        },
        "Trade-offs": {
            "We give up": "Ten to thirty minutes per decision to write it down.",
            "We get": "The reasons, the options we rejected and the failure modes kept next "
            "to the code, reviewed, and findable years later.",
        },
        "Failure modes": {
            "Database slow": "n/a, because there is no database: records are files in git, "
            "read from disk.",
            "A dependency down.Users see": "Nothing at first: the records are plain Markdown "
            "that anyone can read and edit without adr-tool.",
            "A dependency down.Mitigation": "If adr-tool cannot be installed, we write and "
            "review records by hand; the hook waits until the tool is back.",
            "A dependency down.Detected by": "The pre-commit hook fails to start on the first "
            "commit that touches the log.",
            "10x traffic.Users see": "Ten times the decisions is a few thousand files; lint "
            "and the index take a little longer.",
            "10x traffic.Mitigation": "adr-tool reads the whole log once per command and "
            "keeps a per-file cache, so the hook stays within seconds.",
            "10x traffic.Detected by": "The time the pre-commit hook takes, which every "
            "engineer sees on each commit.",
        },
        "Consequences": _CONSEQUENCES,
        "Revisit when": {
            "Signal": "The team stops reading the records (no record opened in a quarter), "
            "or the log outgrows one repository.",
        },
    },
    "nygard": {"Context": _CONTEXT, "Decision": _DECISION, "Consequences": _CONSEQUENCES},
    "lightweight": {"Context": _CONTEXT, "Decision": _DECISION, "Consequences": _CONSEQUENCES},
    "madr": {
        "Context and Problem Statement": _CONTEXT,
        "Decision Drivers": [
            "Decisions must land with the code they explain.",
            "Reviewers must be able to find the reasons years later.",
        ],
        "Considered Options": _OPTIONS,
        "Decision Outcome": (
            'Chosen option: "Markdown files in the repository", because it is the only one that\n'
            "keeps each decision in the commit that makes it.\n\n### Consequences\n\n"
            + _CONSEQUENCES
        ),
        "Pros and Cons of the Options": (
            "### Markdown files in the repository\n\n"
            "* Good, because decisions are reviewed and versioned with the code.\n"
            "* Bad, because writing one takes time.\n\n"
            "### Pages in the team wiki\n\n"
            "* Good, because everyone knows how to edit it.\n"
            "* Bad, because it drifts away from the code it describes."
        ),
        "More Information": "See https://adr.github.io for the practice of decision records.",
    },
}
