"""Templates declare their required sections; projects override and add their own."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from adr_tool.templates import available, fill, load
from tests.conftest import adr, write

if TYPE_CHECKING:
    from pathlib import Path


def test_builtins_declare_their_sections() -> None:
    """The four built-ins exist, and constraint-first declares its dimensions and minimums."""
    templates = available(None)
    assert {"constraint-first", "madr", "nygard", "lightweight"} <= set(templates)
    constraint_first = templates["constraint-first"]
    constraints = constraint_first.section("Constraints")
    assert constraints is not None
    assert ("Users", "Data volume", "Latency", "Consistency", "Regulatory") == constraints.items
    options = constraint_first.section("Options considered")
    assert options is not None and 2 == options.min_items
    failures = constraint_first.section("Failure modes")
    assert failures is not None
    assert ("Database slow", "A dependency down", "10x traffic") == failures.items
    assert ["Context", "Decision", "Consequences"] == [
        s.title for s in templates["nygard"].sections
    ]
    madr = templates["madr"]
    assert [s.title for s in madr.sections if s.required] == [
        "Context and Problem Statement",
        "Considered Options",
        "Decision Outcome",
    ]


def test_guidance_is_read_from_comments() -> None:
    """Each section's and item's guidance comes from its HTML comment."""
    template = load("constraint-first", None)
    context = template.section("Context")
    constraints = template.section("Constraints")
    assert context is not None and constraints is not None
    assert "What problem are we solving, for whom, and why now?" == context.guidance
    assert constraints.item_guidance["Latency"].startswith("What response time")


def test_fill_replaces_guidance_with_answers() -> None:
    """Answered sections lose their guidance; unanswered ones keep it for lint to find."""
    template = load("constraint-first", None)
    body = fill(
        template,
        "Use S3",
        {
            "Context": "Invoices.",
            "Constraints": {"Latency": "n/a, because batch"},
            "Options considered": ["S3", "Postgres"],
        },
    )
    assert body.startswith("# Use S3\n\n## Context\n\nInvoices.\n\n## Constraints\n")
    assert "- Latency: n/a, because batch\n" in body
    assert "- Users: <!-- Who uses it" in body
    assert "## Options considered\n\n- S3\n- Postgres\n\n## Decision\n" in body
    assert "<!-- What did we choose" in body


def test_project_template_overrides_and_adds(initialised: Path) -> None:
    """`<adr-dir>/templates/NAME.md` replaces a built-in or adds a new one."""
    write(
        initialised / "docs/adr/templates/nygard.md",
        "---\ndescription: Our Nygard\nsections: [Context, Decision]\n---\n# T\n\n## Context\n\n"
        "## Decision\n",
    )
    write(
        initialised / "docs/adr/templates/security.md",
        "---\ndescription: Security review\nsections:\n  - title: Threats\n    min-items: 3\n"
        "---\n# T\n\n## Threats\n\n<!-- Name three. -->\n",
    )
    run = adr("templates", "--format", "json")
    assert 0 == run.exit_code, run.stderr
    found = {t["name"]: t for t in json.loads(run.stdout)}
    assert "Our Nygard" == found["nygard"]["description"]
    assert [{"title": "Threats", "required": True, "items": [], "min-items": 3}] == found[
        "security"
    ]["sections"]
    created = adr(
        "new", "Rotate keys", "--no-input", "--template", "security", "--set", "Threats=Leaked key"
    )
    assert 0 == created.exit_code, created.stderr
    text = (initialised / created.stdout.strip()).read_text()
    assert "## Threats\n\n- Leaked key\n" in text
    assert "template: security\n" in text


def test_templates_command_lists_default(initialised: Path) -> None:
    """`adr templates` marks the configured default."""
    run = adr("templates")
    assert 0 == run.exit_code
    lines = run.stdout.splitlines()
    assert any(line.startswith("* constraint-first") for line in lines)
    assert 4 == len(lines)


def test_unknown_template_lists_the_names(initialised: Path) -> None:
    """A bad template name is one line listing the available ones."""
    run = adr("new", "X", "--no-input", "--template", "nope")
    assert 1 == run.exit_code
    assert (
        "adr: no template named 'nope'; available: constraint-first, lightweight, madr, "
        "nygard\n" == run.stderr
    )


def test_broken_project_template(initialised: Path) -> None:
    """A project template without sections is a one-line error naming the file."""
    write(initialised / "docs/adr/templates/bad.md", "# T\n")
    run = adr("templates")
    assert 1 == run.exit_code
    assert (
        "adr: docs/adr/templates/bad.md:1: template front matter must list its `sections`\n"
        == run.stderr
    )
