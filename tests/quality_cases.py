"""ADRs written for the quality rules' tests: for each rule, ADRs that must trigger it (with
the words the finding must point at) and hard ones that must not. Each is the part of an ADR
the rule reads, in the domain and style of a different team."""

from __future__ import annotations

import textwrap
from typing import NamedTuple


class Case(NamedTuple):
    """One ADR, the version of its template, and the words a finding must point at ("" when
    it must find nothing)."""

    text: str
    points_at: str = ""
    version: int = 2
    settings: tuple[tuple[str, object], ...] = ()


def adr(body: str, front: str = "status: proposed\n") -> str:
    """An ADR file: front matter, a title on line 4, then `body` from line 6."""
    return f"---\n{front}---\n# A decision\n\n{textwrap.dedent(body).strip()}\n"


TRIGGERS: dict[str, list[Case]] = {
    "ADR501": [
        Case(
            adr("""
            ## Constraints

            - Users: lots of merchants, mostly in Brazil
            - Data volume: 4 GB of receipts a month
            - Latency: p99 under 300 ms
            """),
            "lots",
        ),
        Case(
            adr("""
            ## Constraints

            * **Users:** the dispatchers and about 900 drivers
            * **Data volume:** 12 MB of GPS points per driver per day
            * **Latency:** fast enough that the driver app feels instant
            """),
            "fast",
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Users: 35 lab technicians on two sites.
            - Data volume: 200
            - Latency: n/a, because results are reviewed the next morning.
            """),
            "200",
        ),
        Case(
            adr("""
            ## Constraints

            - Users: Hospital staff across the region.
            - Data volume: n/a, because the service stores nothing.
            - Latency: n/a, because alerts are batched hourly.
            """),
            "Hospital staff",
            version=1,
        ),
    ],
    "ADR502": [
        Case(
            adr("""
            ## Constraints

            - Consistency: strong
            """),
            "strong",
        ),
        Case(
            adr("""
            ## Constraints

            - Consistency: Eventual consistency is fine for the leaderboard.
            """),
            "Eventual",
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Consistency: Important for us; we will pick a reliable database.
            """),
            "Important",
        ),
    ],
    "ADR503": [
        Case(
            adr("""
            ## Constraints

            - Regulatory: none
            """),
            "none",
        ),
        Case(
            adr("""
            ## Constraints

            - Regulatory: Not really relevant for an internal dashboard.
            """),
            "Not really",
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Regulatory: the usual, nothing special
            """),
            "the usual",
        ),
    ],
    "ADR504": [
        Case(
            adr("""
            ## Options considered

            - Kafka with three brokers
            - Pulsar on Kubernetes

            ## Decision

            We adopt Kafka for the order events, run by the platform team.
            """),
            "Kafka",
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - MongoDB Atlas: documents fit the catalogue, about €800 a month.
            - Couchbase: faster, but nobody here has run it.

            ## Decision

            - Chosen: MongoDB Atlas
            - Deciding constraint: Data volume: 40 million catalogue items.
            """),
            "MongoDB",
        ),
        Case(
            adr("""
            ## Options considered

            1. Microservices on Kubernetes, one per bounded context
            2. Serverless functions behind an API gateway

            ## Decision

            Split the checkout into microservices on Kubernetes.
            """),
            "microservices",
            version=1,
        ),
    ],
    "ADR505": [
        Case(
            adr("""
            ## Options considered

            - Boring option: Redis, which we already run for sessions; one more keyspace.
            - Hazelcast: an in-process grid, new to the team.

            ## Decision

            - Chosen: Hazelcast
            - Deciding constraint: Latency, p99 under 2 ms.
            """),
            "Hazelcast",
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: a cron job on the existing worker host.
            - Temporal: durable workflows, a cluster to run.

            ## Decision

            - Chosen: Temporal
            - Deciding constraint: Consistency: no payout may run twice.
            - Why not the boring option: we prefer it.
            """),
            "we prefer",
        ),
        Case(
            adr("""
            ## Options considered

            - Cron (the boring option): one crontab line per report.
            - Airflow: a scheduler with a UI and retries.

            ## Decision

            We use Airflow because the analysts like its UI.
            """),
            "We use Airflow",
            version=1,
        ),
    ],
    "ADR506": [
        Case(
            adr("""
            ## Context

            The billing page shows an invoice preview. Rendering it takes 80 ms at p99 in the
            web process.

            ## Options considered

            - Render in the web process (the boring option): no new parts.
            - RabbitMQ with a pool of render workers.

            ## Decision

            RabbitMQ in front of the renderer: the page publishes a request and waits for the
            reply. The deciding constraint was latency.
            """),
            "RabbitMQ",
            version=1,
        ),
        Case(
            adr("""
            ## Context

            The pricing service answers quotes for the storefront in 30 ms.

            ## Options considered

            - Boring option: call the pricing service over HTTP, as today.
            - SQS between the storefront and pricing.

            ## Decision

            - Chosen: SQS between the storefront and the pricing service
            - Deciding constraint: Users: 2,000 quotes a minute.
            - Why not the boring option: HTTP couples the deploys (operations).
            """),
            "SQS",
        ),
        Case(
            adr("""
            ## Decision

            Every login check goes through a Celery task queue so that the web tier stays thin.
            """),
            "Celery",
            version=1,
        ),
    ],
    "ADR507": [
        Case(
            adr("""
            ## Trade-offs

            None.
            """),
            "None",
            version=1,
        ),
        Case(
            adr("""
            ## Trade-offs

            - We give up: nothing, really
            - We get: a simpler deploy
            """),
            "nothing",
        ),
        Case(
            adr("""
            ## Trade-offs

            There are no downsides: the new cache is faster and cheaper.
            """),
            "no downsides",
            version=1,
        ),
        Case(
            adr("""
            ## Trade-offs

            Faster builds, simpler deploys and happier developers.
            """),
            "Faster",
            version=1,
        ),
    ],
    "ADR508": [
        Case(
            adr("""
            ## Failure modes

            - Database slow: reads go to the replica.
            - A dependency down: the payment page shows a retry button.
            - 10x traffic: it scales.
            """),
            "it scales",
            version=1,
        ),
        Case(
            adr("""
            ## Failure modes

            - Database slow: Unlikely, we bought the biggest instance.
            """),
            "Unlikely",
            version=1,
        ),
        Case(
            adr("""
            ## Failure modes

            - A dependency down:
              - Users see: the map tiles stop loading.
              - Detected by: the tile error-rate alert.
            """),
            "A dependency down",
        ),
        Case(
            adr("""
            ## Failure modes

            - 10x traffic:
              - Users see: slower search results.
              - Mitigation: a second search node behind the load balancer.
              - Detected by:
            """),
            "Detected by",
        ),
    ],
    "ADR509": [
        Case(
            adr("""
            ## Context

            The platform must scale to millions of users, so the design has to be ready.
            """),
            "must scale",
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - Postgres: will not scale.
            - Cassandra: linear scale-out.
            """),
            "will not scale",
            version=1,
        ),
        Case(
            adr("""
            ## Decision

            - Chosen: a sharded cluster
            - Deciding constraint: it is future-proof.
            """),
            "future-proof",
        ),
    ],
    "ADR510": [
        Case(
            adr("""
            ## Revisit when

            If needed.
            """),
            "If needed",
            version=1,
        ),
        Case(
            adr("""
            ## Revisit when

            - Signal: periodically
            """),
            "periodically",
        ),
        Case(
            adr("""
            ## Revisit when

            We will look at this again later, when things change.
            """),
            "later",
            version=1,
        ),
    ],
    "ADR511": [
        Case(
            adr("""
            ## Options considered

            - Postgres full-text search: no new service.
            - Option B
            """),
            "Option B",
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: keep the nightly CSV export.
            - Something else
            """),
            "Something else",
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: something
            - Snowflake: a warehouse, about $2k a month.
            """),
            "something",
        ),
        Case(
            adr("""
            ## Options considered

            - A shared Redis: one more keyspace.
            - Other: TBD
            """),
            "Other",
            version=1,
        ),
    ],
    "ADR512": [
        Case(
            adr("""
            ## Options considered

            - Boring option: a Postgres outbox table and a poller.
            - RabbitMQ: a broker we would have to run.

            ## Decision

            - Chosen: Kafka
            """),
            "Kafka",
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: Postgres full-text search.
            - Elasticsearch on our own VMs.

            ## Decision

            - Chosen: Algolia, hosted.
            """),
            "Algolia",
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: one more VM.
            - A managed Kubernetes cluster.
            - Fly.io machines.

            ## Decision

            - Chosen: option 4
            """),
            "option 4",
        ),
    ],
    "ADR513": [
        Case(
            adr("""
            ## Decision

            We adopt GraphQL because it is industry best practice.
            """),
            "industry best practice",
            version=1,
        ),
        Case(
            adr("""
            ## Trade-offs

            - We give up: two weeks of migration work.
            - We get: a modern stack the candidates ask about.
            """),
            "modern",
        ),
        Case(
            adr("""
            ## Decision

            - Chosen: Tailwind
            - Deciding constraint: Everyone uses it.
            """),
            "Everyone uses it",
        ),
    ],
    "ADR514": [
        Case(
            adr("""
            ## Constraints

            - Latency: p99 under 150 ms for a search
            """),
            "150 ms",
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Latency: 200 ms for the checkout page at p95

            ## Consequences

            There is no load test yet; we will find out in production.
            """),
            "200 ms",
        ),
        Case(
            adr("""
            ## Constraints

            - Latency: A scan must print its label in under a second.
            """),
            "a second",
            version=1,
        ),
    ],
    "ADR515": [
        Case(
            adr("""
            ## Options considered

            - Rewrite the billing engine in Go.
            - Keep the Perl engine and buy a bigger box.

            ## Decision

            We rewrite the billing engine in Go.
            """),
            "rewrite",
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: keep the current codebase and its release train.
            - A new codebase in TypeScript.

            ## Decision

            - Chosen: start over with a new codebase in TypeScript
            """),
            "start over",
        ),
        Case(
            adr("""
            ## Options considered

            - Keep the monolith.
            - A greenfield platform.

            ## Decision

            A greenfield platform, built from scratch by the new team.
            """),
            "greenfield",
            version=1,
        ),
    ],
    "ADR516": [
        Case(
            adr("""
            ## Context

            We store attachments on S3.

            ## Decision

            - Chosen: a pluggable storage adapter layer in front of S3
            """),
            "pluggable",
        ),
        Case(
            adr("""
            ## Decision

            We build a generic notification framework so that future channels plug in.
            """),
            "generic",
            version=1,
        ),
        Case(
            adr("""
            ## Context

            Payments go through Stripe today.

            ## Decision

            - Chosen: a provider-agnostic payments interface
            """),
            "agnostic",
        ),
    ],
    "ADR517": [
        Case(adr("## Context\n\nWhy.", front="status: accepted\n"), "status"),
        Case(adr("## Context\n\nWhy.", front="status: accepted\ndecision-makers: []\n"), "status"),
        Case(adr("## Context\n\nWhy.", front="date: 2026-01-02\nstatus: accepted\n"), "status"),
    ],
}

NON_TRIGGERS: dict[str, list[Case]] = {
    "ADR501": [
        Case(
            adr("""
            ## Constraints

            - Users: two to three hundred clinicians per hospital, in 14 hospitals
            - Data volume: 1.5k rows a day; about €600/month of storage
            - Latency: p99 150 ms, p50 40ms
            """)
        ),
        Case(
            adr("""
            ## Constraints

            - Users: 40,000
            - Data volume: 10-20 GB, growing 2 GB a year
            - Latency: under a second from scan to printed label
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Users: an hour-long workshop's 12 attendees
            - Data volume: n/a, because nothing is stored after the session
            - Latency: sub-second, measured on the venue Wi-Fi
            """)
        ),
    ],
    "ADR502": [
        Case(
            adr("""
            ## Constraints

            - Consistency: a dose recorded in the chart is never lost; the ward view may lag
              by up to 10 s.
            """)
        ),
        Case(
            adr("""
            ## Constraints

            - Consistency: each payout is idempotent on its request id.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Consistency: telemetry on the dashboard may be 5 minutes stale.
            """)
        ),
        Case(
            adr("""
            ## Constraints

            - Consistency: n/a, because the site is read-only and rebuilt from git on deploy.
            """)
        ),
    ],
    "ADR503": [
        Case(
            adr("""
            ## Constraints

            - Regulatory: HIPAA: PHI stays in us-east-1 and every read is audited.
            """)
        ),
        Case(
            adr("""
            ## Constraints

            - Regulatory: none, because the game stores only nicknames and scores.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Regulatory: invoices are kept ten years (German tax law, GoBD).
            """)
        ),
    ],
    "ADR504": [
        Case(
            adr("""
            ## Options considered

            - Boring option: a Postgres table polled by a worker; no new service.
            - Kafka: a cluster to run, and replay for the analytics team.

            ## Decision

            - Chosen: Kafka
            - Deciding constraint: Data volume: 60,000 events a second at peak.
            - Why not the boring option: the table cannot take 60,000 writes a second.
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Kafka, which we already run for payments.
            - Pulsar.

            ## Decision

            We use Kafka for the order events too.
            """),
            version=1,
            settings=(("stack", ("Kafka",)),),
        ),
        Case(
            adr("""
            ## Options considered

            - Kafka
            - Pulsar

            ## Decision

            Neither: we do not adopt Kafka or Pulsar this year, and revisit in Q3.
            """),
            version=1,
        ),
    ],
    "ADR505": [
        Case(
            adr("""
            ## Options considered

            - Boring option: Postgres, one primary.
            - DynamoDB on demand.

            ## Decision

            - Chosen: DynamoDB on demand
            - Deciding constraint: Data volume.
            - Why not the boring option: it cannot hold 30,000 writes a second at peak.
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: Postgres, one primary.
            - CockroachDB across three regions.

            ## Decision

            - Chosen: the boring option, Postgres with a standby.
            - Deciding constraint: Consistency.
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - PostgreSQL (the boring option): what we run today.
            - DynamoDB: pay per request.

            ## Decision

            We use DynamoDB: PostgreSQL would need sharding at 50,000 writes a second.
            """),
            version=1,
        ),
    ],
    "ADR506": [
        Case(
            adr("""
            ## Context

            Exports take 2 to 4 minutes; users close the tab and expect an email.

            ## Decision

            - Chosen: a job queue (a table and a worker)
            """)
        ),
        Case(
            adr("""
            ## Context

            Meters upload in bursts of 50,000 readings at the top of each hour.

            ## Decision

            Kafka absorbs the hourly peak in front of the time-series store.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Decision

            The page calls the render service directly, without a queue: a render is 80 ms.
            """),
            version=1,
        ),
    ],
    "ADR507": [
        Case(
            adr("""
            ## Trade-offs

            None of the options is free: we give up same-day reports for a cheaper pipeline.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Trade-offs

            - We give up: nothing we use today is removed, but ops pays €120 a month more.
            - We get: traces for every request.
            """)
        ),
        Case(
            adr("""
            ## Trade-offs

            Nothing changes for players; in exchange the team runs a second cluster.
            """),
            version=1,
        ),
    ],
    "ADR508": [
        Case(
            adr("""
            ## Failure modes

            - Database slow: unlikely, but if it happens the reads fall back to the cache.
            - A dependency down: n/a, because the tool calls no service.
            - 10x traffic: the import takes ten times longer; we split it by day.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Failure modes

            - Database slow:
              - Users see: the timetable loads in 3 s instead of 300 ms.
              - Mitigation: serve the last published timetable from the CDN.
              - Detected by: the p99 page-load alert.
            """)
        ),
        Case(
            adr("""
            ## Failure modes

            - 10x traffic:
              - Users see: slower exports.
              - Mitigation: exports queue and run one at a time.
            """),
            settings=(("detection", False),),
        ),
    ],
    "ADR509": [
        Case(
            adr("""
            ## Context

            We must scale to ten times today's 3,000 orders a day before the autumn sale.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Context

            We do not need web scale: the tool serves one office.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Users: millions

            ## Context

            Part of the billing modernization programme.
            """)
        ),
    ],
    "ADR510": [
        Case(
            adr("""
            ## Revisit when

            - Signal: p99 above 300 ms for a week, or 2027-06-30, whichever comes first.
            """)
        ),
        Case(
            adr("""
            ## Revisit when

            Review it periodically, at least every quarter.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Revisit when

            When a second payment provider signs, or if needed when the contract renews in
            March 2027.
            """),
            version=1,
        ),
    ],
    "ADR511": [
        Case(
            adr("""
            ## Options considered

            - Boring option: keep the nightly batch.
            - Option B: run the batch on the existing Spark cluster.
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Other vendors' hosted queue (Amazon MQ).
            - Our own RabbitMQ.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - Doing nothing: keep paying the €90/month overage.
            - Alternative 2: compress the images at upload.
            """),
            version=1,
        ),
    ],
    "ADR512": [
        Case(
            adr("""
            ## Options considered

            - Boring option: Postgres with a read replica.
            - Cassandra.

            ## Decision

            - Chosen: the boring option
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: Postgres, as today.
            - Cassandra.

            ## Decision

            - Chosen: PostgreSQL 16 with a read replica
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Boring option: a VM.
            - Nomad.

            ## Decision

            - Chosen: Option 2
            """)
        ),
    ],
    "ADR513": [
        Case(
            adr("""
            ## Decision

            Part of the billing modernization: we move invoices to the new ledger.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Decision

            We pick htmx, not because it is modern, but because p99 drops to 40 ms.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Context

            Everyone uses Kubernetes these days, and candidates ask about it.

            ## Decision

            ### Best practices

            We keep one VM per service.
            """),
            version=1,
        ),
    ],
    "ADR514": [
        Case(
            adr("""
            ## Constraints

            - Latency: p99 under 150 ms for a search

            ## Consequences

            A k6 load test at twice today's peak runs every week.
            """)
        ),
        Case(
            adr("""
            ## Context

            We benchmarked the prototype at 35 ms per lookup.

            ## Constraints

            - Latency: p99 under 50 ms
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Constraints

            - Latency: n/a, because the batch takes 10 minutes and nobody waits for it.
            """)
        ),
    ],
    "ADR515": [
        Case(
            adr("""
            ## Options considered

            - Boring option: keep the engine as is.
            - Rewrite it in Go.

            ## Decision

            - Chosen: refactor the billing engine module by module, without a rewrite.
            """)
        ),
        Case(
            adr("""
            ## Options considered

            - Rewrite the search service in Rust.
            - Strangler: route one endpoint at a time to the new service.

            ## Decision

            We rewrite the search service in Rust.
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Options considered

            - Keep the reports as they are.
            - Rewrite the reports.

            ## Decision

            A phased rewrite, one report at a time.
            """),
            version=1,
        ),
    ],
    "ADR516": [
        Case(
            adr("""
            ## Context

            Stripe and Adyen both go live in March, for the EU and the US.

            ## Decision

            - Chosen: a pluggable payment adapter
            """)
        ),
        Case(
            adr("""
            ## Decision

            We build a generic exporter, used by three teams (billing, search, growth).
            """),
            version=1,
        ),
        Case(
            adr("""
            ## Decision

            We write one plain function per report, without a generic framework.
            """),
            version=1,
        ),
    ],
    "ADR517": [
        Case(adr("## Context\n\nWhy.", front="status: proposed\n")),
        Case(adr("## Context\n\nWhy.", front="status: accepted\ndecision-makers: [Ana Silva]\n")),
        Case(adr("## Context\n\nWhy.", front="status: superseded\n")),
    ],
}
