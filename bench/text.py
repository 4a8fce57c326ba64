"""Plausible ADR text for generated logs: titles and constraint-first or adr-tools bodies.

Deterministic for a given `random.Random`; a constraint-first body is about 3 KB, an adr-tools
body about 1.5 KB, close to what real logs hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

DOMAINS = (
    "order",
    "payment",
    "invoice",
    "catalogue",
    "search",
    "checkout",
    "identity",
    "notification",
    "shipping",
    "inventory",
    "pricing",
    "reporting",
    "audit",
    "session",
    "recommendation",
    "billing",
    "customer",
    "warehouse",
    "analytics",
    "media",
)
THINGS = (
    "store",
    "service",
    "queue",
    "cache",
    "API",
    "pipeline",
    "index",
    "gateway",
    "scheduler",
    "archive",
    "feed",
    "worker",
)
TECHS = (
    "PostgreSQL",
    "MySQL",
    "Kafka",
    "RabbitMQ",
    "Redis",
    "S3",
    "Elasticsearch",
    "DynamoDB",
    "gRPC",
    "GraphQL",
    "Kubernetes",
    "a cron job",
    "SQLite",
    "Memcached",
    "ClickHouse",
    "Cassandra",
    "NATS",
    "OpenTelemetry",
    "Terraform",
    "Vault",
)
TAGS = (
    "storage",
    "messaging",
    "api",
    "security",
    "observability",
    "infrastructure",
    "data",
    "frontend",
    "process",
    "performance",
)
REGIONS = ("the EU", "North America", "Brazil", "India", "Japan", "Australia")
AUDIENCES = ("shoppers", "merchants", "support agents", "partner systems", "internal services")

_TITLES = (
    "Use {tech} for the {domain} {thing}",
    "Move the {domain} {thing} to {tech}",
    "Keep the {domain} {thing} on {tech}",
    "Split the {domain} {thing} out of the monolith",
    "Cache {domain} reads in {tech}",
    "Retry failed {domain} calls with exponential backoff",
    "Adopt {tech} for {domain} events",
    "Partition the {domain} {thing} by region",
    "Version the {domain} API in the URL",
    "Encrypt {domain} data at rest with keys in {tech}",
)
_CONTEXT = (
    "The {domain} {thing} handles about {n} requests a second at peak, and the current set-up "
    "was chosen when it handled a tenth of that.",
    "Teams that depend on the {domain} {thing} report timeouts during the evening peak, and the "
    "on-call rotation was paged {k} times last month for it.",
    "We have to decide now because the contract for the current hosting ends in {k} months and "
    "the migration needs a quarter of work.",
    "Nobody owns the {domain} {thing} end to end today; three teams change it and none of them "
    "can say which constraints shaped it.",
    "Auditors asked us to show where {domain} data lives and who can read it; today the answer "
    "takes a week of archaeology.",
    "The {domain} team wants to ship changes without waiting for the release train of the "
    "monolith, which leaves every {k} weeks.",
)
_OPTION = (
    "{tech} (the boring option): we already run it and know its failure modes, but it needs "
    "care once the {domain} data passes {gb} GB.",
    "{tech}: scales further without effort, but it is new to the team and adds a system to "
    "operate and to page someone for.",
    "{tech} behind the existing {domain} {thing}: the smallest change, and it keeps every "
    "client as it is, but it only postpones the problem by a year or two.",
    "Doing nothing: free today, and we accept the pages and the slow evening peak.",
)
_DECISION = (
    "We use {tech} for the {domain} {thing}. The deciding constraint was consistency: a "
    "confirmed {domain} must never be lost, and {tech} gives us that with transactions we "
    "already understand.",
    "We move the {domain} {thing} to {tech} in two steps: reads first, behind a flag, then "
    "writes once the reads have run for a month without an incident. Latency decided it.",
    "We keep the {domain} {thing} where it is and add {tech} in front of it. The data volume "
    "does not justify a migration yet, and the latency target is met with a cache.",
)
_TRADE_OFFS = (
    "We give up effortless horizontal scale for transactions and plain SQL that every engineer "
    "on the team can read.",
    "We give up a quarter of one team's time for a {domain} {thing} that fails in ways we "
    "understand, and for an on-call rotation that sleeps through the evening peak.",
    "We accept stale {domain} reads of up to {k} seconds in exchange for a p99 that stays under "
    "the target at ten times today's traffic.",
)
_DB_SLOW = (
    "Reads time out after {ms} ms and the {domain} page shows the last known state; writes are "
    "queued and retried.",
    "Requests queue in the connection pool; we shed load above {n} requests a second and alert "
    "the on-call engineer.",
)
_DEP_DOWN = (
    "If {tech} is down, the {domain} {thing} serves from its local copy and marks data as "
    "possibly stale; nothing is lost.",
    "Calls to {tech} go through a circuit breaker; the {domain} flow degrades to the batch path "
    "and catches up within an hour.",
)
_TENX = (
    "The connection pool breaks first; we add read replicas, then partition the {domain} data "
    "by region.",
    "The {domain} workers fall behind first; they scale out on queue depth, up to {k} times the "
    "current count.",
)
_CONSEQUENCES = (
    "The {domain} team owns the {thing} and its runbook. Backups, upgrades and capacity planning "
    "for {tech} become part of their sprint work.",
    "Clients of the {domain} {thing} change nothing. We must now monitor {tech} and write down "
    "the restore procedure, and test it every quarter.",
    "Every new {domain} feature goes through the new {thing}. The old code path is deleted "
    "within two releases.",
)
_REVISIT = (
    "{domain} writes exceed {n} per second, or the p99 passes {ms} ms for a week.",
    "The data passes {gb} GB, or {tech} changes its licence.",
    "A second region goes live, or the contract with the provider comes up for renewal.",
)
_TOOLS_CONTEXT = (
    "The issue motivating this decision is the {domain} {thing}: it serves about {n} requests "
    "a second and the current design was made for a tenth of that.",
    "Three teams depend on it, and the on-call rotation was paged {k} times last month.",
    "We considered {tech} and {alt}; the team already operates {alt}.",
)


def _fill(rng: random.Random, template: str, domain: str, thing: str, tech: str) -> str:
    return template.format(
        domain=domain,
        thing=thing,
        tech=tech,
        alt=rng.choice(TECHS),
        n=rng.choice((200, 500, 1_000, 2_500, 8_000)),
        k=rng.randint(2, 12),
        gb=rng.choice((50, 200, 500, 2_000)),
        ms=rng.choice((50, 100, 200, 400)),
    )


def _capital(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def title(rng: random.Random) -> tuple[str, str, str, str]:
    """A title and the domain, thing and technology it is about."""
    domain, thing, tech = rng.choice(DOMAINS), rng.choice(THINGS), rng.choice(TECHS)
    text = rng.choice(_TITLES).format(domain=domain, thing=thing, tech=tech)
    return _capital(text), domain, thing, tech


def _paragraph(rng: random.Random, pool: tuple[str, ...], count: int, *words: str) -> str:
    chosen = rng.sample(pool, count)
    domain, thing, tech = words
    return " ".join(_fill(rng, sentence, domain, thing, tech) for sentence in chosen)


def constraint_first_body(
    rng: random.Random, heading: str, domain: str, thing: str, tech: str
) -> str:
    """The body of a constraint-first ADR (H1 and every section), as `adr new` writes it."""
    words = (domain, thing, tech)
    users = rng.randint(2, 90) * 1_000
    volume = rng.choice((2, 20, 150, 800))
    options = rng.sample(_OPTION, rng.randint(2, 4))
    alternatives = [tech, *rng.sample(TECHS, 3)]
    option_lines = [
        "- " + _capital(_fill(rng, option, domain, thing, alternatives[i % len(alternatives)]))
        for i, option in enumerate(options)
    ]
    regulatory = rng.choice(
        (
            "GDPR: customer data stays in the EU and is deleted on request within 30 days.",
            "n/a, because the service holds no personal data and no financial records.",
            f"PCI DSS for card data; the {domain} {thing} stores tokens only, never card numbers.",
        )
    )
    parts = [
        f"# {heading}",
        "",
        "## Context",
        "",
        _paragraph(rng, _CONTEXT, 3, *words),
        "",
        _paragraph(rng, _CONTEXT, 2, *words),
        "",
        "## Constraints",
        "",
        f"- Users: {users:,} {rng.choice(AUDIENCES)} a day, mostly in {rng.choice(REGIONS)}; "
        f"peaks at {rng.randint(2, 6)}x the average in the evening.",
        f"- Data volume: {volume} GB today, growing {max(1, volume // 10)} GB a month; about "
        f"{volume * 4} GB in three years.",
        f"- Latency: p50 under {rng.choice((10, 20, 40))} ms and p99 under "
        f"{rng.choice((100, 200, 400))} ms for a {domain} read.",
        f"- Consistency: A confirmed {domain} must never be lost; reports may lag by up to "
        f"{rng.randint(5, 60)} seconds.",
        f"- Regulatory: {regulatory}",
        "",
        "## Options considered",
        "",
        *option_lines,
        "",
        "## Decision",
        "",
        _fill(rng, rng.choice(_DECISION), *words),
        "",
        "## Trade-offs",
        "",
        _paragraph(rng, _TRADE_OFFS, 2, *words),
        "",
        "## Failure modes",
        "",
        "- Database slow: " + _fill(rng, rng.choice(_DB_SLOW), *words),
        "- A dependency down: " + _fill(rng, rng.choice(_DEP_DOWN), *words),
        "- 10x traffic: " + _fill(rng, rng.choice(_TENX), *words),
        "",
        "## Consequences",
        "",
        _paragraph(rng, _CONSEQUENCES, 2, *words),
        "",
        "## Revisit when",
        "",
        _fill(rng, rng.choice(_REVISIT), *words),
        "",
    ]
    return "\n".join(parts)


def adr_tools_sections(rng: random.Random, domain: str, thing: str, tech: str) -> str:
    """The sections after `## Status` in an adr-tools ADR: Context, Decision, Consequences."""
    words = (domain, thing, tech)
    parts = [
        "## Context",
        "",
        _paragraph(rng, _TOOLS_CONTEXT, 3, *words),
        "",
        _paragraph(rng, _CONTEXT, 3, *words),
        "",
        "## Decision",
        "",
        _fill(rng, rng.choice(_DECISION), *words),
        "",
        _paragraph(rng, _TRADE_OFFS, 2, *words),
        "",
        "## Consequences",
        "",
        _paragraph(rng, _CONSEQUENCES, 2, *words),
        "",
    ]
    return "\n".join(parts)
