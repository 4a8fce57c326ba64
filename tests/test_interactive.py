"""The interactive `adr new`, driven through questionary in a real pseudo-terminal."""

from __future__ import annotations

import io
import os
import re
from typing import TYPE_CHECKING, Any

import pexpect
import pytest

from tests.conftest import ADR_BIN

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

TIMEOUT = 20  # seconds per expected prompt: generous, a cold start imports prompt_toolkit
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")

TITLE = "Use R&D | storage for blobs"

# Every question of the constraint-first flow in order, each with the answer typed to it.
# The prompts are matched on their own text (unique in the flow), so a redraw of the
# previous, answered question can never be taken for the next one.
TEXT_ANSWERS: list[tuple[str, str]] = [
    ("Title of the decision:", TITLE),
    ("Context:", "Blobs outgrow the database disks."),
    ("Constraints - Users:", "40 internal services"),
    ("Constraints - Data volume:", "2 TB today, 1 TB more a year"),
    ("Constraints - Latency:", "p99 under 50 ms"),
    ("Constraints - Consistency:", "a written blob is never lost"),
    ("Constraints - Regulatory:", "n/a, because blobs hold no personal data"),
    ("Options considered - Boring option:", "S3 with a lifecycle policy"),
    ("   2. (blank to finish, at least 2):", "Postgres large objects"),
    ("   3. (blank to finish):", ""),
    ("Decision - Chosen:", "S3 with a lifecycle policy"),
    ("Decision - Deciding constraint:", "Latency: p99 under 50 ms at 2 TB."),
    ("Decision - Why not the boring option [optional]:", ""),
    ("Trade-offs - We give up:", "Transactions across rows and blobs."),
    ("Trade-offs - We get:", "Cheap storage that grows without disks."),
    ("Failure modes - Database slow - Users see:", "Uploads still work."),
    ("Failure modes - Database slow - Mitigation:", "Metadata writes queue."),
    ("Failure modes - Database slow - Detected by:", "The p99 write alert."),
    ("Failure modes - A dependency down - Users see:", "Uploads fail fast."),
    ("Failure modes - A dependency down - Mitigation:", "A retry hint."),
    ("Failure modes - A dependency down - Detected by:", "The S3 error-rate alert."),
    ("Failure modes - 10x traffic - Users see:", "Slower listings."),
    ("Failure modes - 10x traffic - Mitigation:", "A read replica for metadata."),
    ("Failure modes - 10x traffic - Detected by:", "The replica lag dashboard."),
    ("Consequences:", "A bucket to run and a lifecycle rule to review."),
    ("Revisit when - Signal:", "Storage cost passes 500 EUR a month."),
    ("Tags (comma-separated):", "storage, blobs"),
    ("Decision makers (comma-separated):", "Ana Silva, Bo Chen"),
]
SUPERSEDE = "Does it supersede earlier ADRs?"
CONFIRM = "Write ADR 0002 to docs/adr?"
CURSOR_REQUEST = "\x1b[6n"


class Terminal:
    """One `adr` process on a pseudo-terminal; the whole screen output is kept for messages."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.log = io.StringIO()
        self.child: Any = pexpect.spawn(
            str(ADR_BIN), list(args), cwd=str(cwd),
            env={**os.environ, "TERM": "xterm-256color"}, dimensions=(40, 200),
            encoding="utf-8", codec_errors="replace", timeout=TIMEOUT,
        )
        self.child.logfile_read = self.log

    @property
    def screen(self) -> str:
        """Everything the process printed so far, without the escape sequences."""
        return _ANSI.sub("", self.log.getvalue()).replace("\r", "")

    def _until(self, wanted: Any) -> None:
        """Read up to `wanted`, answering cursor-position requests on the way, as xterm does.

        prompt_toolkit asks where the cursor is (ESC [6n) before each prompt and, unanswered,
        waits a second for the reply when the prompt ends.
        """
        while self.child.expect_exact([wanted, CURSOR_REQUEST]) == 1:
            self.child.send("\x1b[1;1R")

    def wait_for(self, text: str) -> None:
        try:
            self._until(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            self.child.terminate(force=True)
            pytest.fail(f"the prompt {text!r} never came; the terminal showed:\n{self.screen}")

    def answer(self, question: str, text: str) -> None:
        self.wait_for(question)
        self.child.send(text + "\r")

    def finish(self) -> int:
        """Wait for the process to end and return its exit status."""
        try:
            self._until(pexpect.EOF)
        except pexpect.TIMEOUT:
            self.child.terminate(force=True)
            pytest.fail(f"adr did not end; the terminal showed:\n{self.screen}")
        self.child.close()
        assert self.child.signalstatus is None, self.screen
        status: int = self.child.exitstatus
        return status


def adr_files(repo: Path) -> list[str]:
    return sorted(path.name for path in (repo / "docs" / "adr").glob("*.md"))


def sections(text: str) -> dict[str, str]:
    """Each `## Section` of a file and its body, blank lines around it trimmed."""
    found: dict[str, list[str]] = {}
    title = None
    for line in text.split("\n"):
        if line.startswith("## "):
            title = line[3:]
            found[title] = []
        elif title is not None:
            found[title].append(line)
    return {title: "\n".join(body).strip("\n") for title, body in found.items()}


def test_full_flow_writes_every_answer(initialised: Path) -> None:
    """Answering every question writes ADR 0002 with each answer in its section."""
    terminal = Terminal(initialised, "new")
    for question, text in TEXT_ANSWERS:
        terminal.answer(question, text)
    terminal.wait_for(SUPERSEDE)
    terminal.child.send(" ")  # pick the only choice, ADR 0001
    terminal.child.send("\r")
    terminal.wait_for("# " + TITLE)  # the preview
    terminal.answer(CONFIRM, "")  # the default: yes
    status = terminal.finish()

    assert 0 == status, terminal.screen
    assert ["0001-record-architecture-decisions.md"] == adr_files(initialised)[:1]
    assert 2 == len(adr_files(initialised)), adr_files(initialised)
    written = initialised / "docs" / "adr" / adr_files(initialised)[1]
    assert re.fullmatch(r"0002-[a-z0-9-]+\.md", written.name), written.name
    assert f"docs/adr/{written.name}" == terminal.screen.strip().splitlines()[-1]

    text = written.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert [
        "---",
        'status: "proposed"',
        "date: 2026-01-15",
        "decision-makers: [Ana Silva, Bo Chen]",
        "tags: [storage, blobs]",
        "supersedes: [1]",
        "template: constraint-first",
        "template-version: 2",
    ] == front.split("\n")
    assert f"# {TITLE}" == body.split("\n")[0]
    answers = dict(TEXT_ANSWERS)
    assert {
        "Context": answers["Context:"],
        "Constraints": "\n".join([
            f"- Users: {answers['Constraints - Users:']}",
            f"- Data volume: {answers['Constraints - Data volume:']}",
            "- Latency: p99 under 50 ms",
            f"- Consistency: {answers['Constraints - Consistency:']}",
            f"- Regulatory: {answers['Constraints - Regulatory:']}",
        ]),
        "Options considered": "- Boring option: S3 with a lifecycle policy\n"
        "- Postgres large objects",
        "Decision": "- Chosen: S3 with a lifecycle policy\n"
        f"- Deciding constraint: {answers['Decision - Deciding constraint:']}",
        "Trade-offs": f"- We give up: {answers['Trade-offs - We give up:']}\n"
        f"- We get: {answers['Trade-offs - We get:']}",
        "Failure modes": "\n".join(
            line
            for mode in ("Database slow", "A dependency down", "10x traffic")
            for line in [
                f"- {mode}:",
                *(
                    f"  - {field}: {answers[f'Failure modes - {mode} - {field}:']}"
                    for field in ("Users see", "Mitigation", "Detected by")
                ),
            ]
        ),
        "Consequences": answers["Consequences:"],
        "Revisit when": f"- Signal: {answers['Revisit when - Signal:']}",
    } == sections(body)
    assert "<!--" not in body  # every piece of guidance was replaced by an answer
    first = (initialised / "docs" / "adr" / adr_files(initialised)[0]).read_text(encoding="utf-8")
    assert 'status: "superseded"' in first  # the chosen ADR was marked on its side too
    assert "superseded-by: [2]" in first


# Where ^C lands: a text question, the options loop, the checkbox and the final confirm.
INTERRUPT_POINTS = ["Constraints - Latency:", "   2. (blank to finish, at least 2):",
                    SUPERSEDE, CONFIRM]


@pytest.mark.parametrize("where", INTERRUPT_POINTS)
def test_ctrl_c_writes_nothing(initialised: Path, where: str) -> None:
    """Ctrl-C at any question ends adr with status 130 and writes no ADR."""
    terminal = Terminal(initialised, "new")
    steps = [*TEXT_ANSWERS, (SUPERSEDE, ""), (CONFIRM, "")]  # "" at the checkbox: pick none
    for question, text in steps[:[question for question, _ in steps].index(where)]:
        terminal.answer(question, text)
    terminal.wait_for(where)
    terminal.child.send("\x03")
    status = terminal.finish()

    assert 130 == status, terminal.screen
    assert ["0001-record-architecture-decisions.md"] == adr_files(initialised)
    assert "nothing was written" in terminal.screen


def test_ctrl_d_on_an_empty_answer_writes_nothing(initialised: Path) -> None:
    """Ctrl-D on an empty text question leaves like Ctrl-C: status 130, no ADR, no traceback."""
    terminal = Terminal(initialised, "new")
    terminal.answer(TEXT_ANSWERS[0][0], TEXT_ANSWERS[0][1])
    terminal.wait_for(TEXT_ANSWERS[1][0])
    terminal.child.send("\x04")
    status = terminal.finish()

    assert 130 == status, terminal.screen
    assert ["0001-record-architecture-decisions.md"] == adr_files(initialised)
    assert "Traceback" not in terminal.screen and "internal error" not in terminal.screen


def test_no_at_confirm_writes_nothing(initialised: Path) -> None:
    """Answering no to "Write ...?" ends adr with a failure status and writes no ADR."""
    terminal = Terminal(initialised, "new", "Use S3 for invoices")
    for question, text in TEXT_ANSWERS[1:]:  # the title came as an argument
        terminal.answer(question, text)
    terminal.wait_for(SUPERSEDE)
    terminal.child.send("\r")
    terminal.wait_for("# Use S3 for invoices")
    terminal.wait_for(CONFIRM)
    terminal.child.send("n")
    status = terminal.finish()

    assert 130 == status, terminal.screen  # a cancelled flow, like ^C
    assert ["0001-record-architecture-decisions.md"] == adr_files(initialised)
    assert "nothing was written" in terminal.screen
    assert "Title of the decision" not in terminal.screen
