"""Whole ADRs for the quality rules' command-line tests: the two the issue tried as a reviewer
would (Kafka, Cassandra and microservices; RabbitMQ in front of an 80 ms render), and
excellent ones that must get no finding at all."""

from __future__ import annotations

# Every defect of the example, each a finding: vague users, data and latency, no
# invariant, no rule, fashionable parts with no boring option, a broker with no async need,
# nothing given up, dismissed failure modes, scale claims, an unusable revisit trigger.
KAFKA = """\
---
status: proposed
date: 2026-01-12
template: constraint-first
---
# Move order processing to Kafka, Cassandra and microservices

## Context

Orders keep growing and the monolith will not scale. We need web scale now.

## Constraints

- Users: lots
- Data volume: big, and growing fast
- Latency: low
- Consistency: eventual consistency is fine
- Regulatory: none

## Options considered

- Kafka, Cassandra and microservices: the architecture the big players run.

## Decision

We will use Kafka, Cassandra and microservices, because it is industry best practice and
everyone uses it.

## Trade-offs

None.

## Failure modes

- Database slow: unlikely with Cassandra.
- A dependency down: Kafka keeps the events until the consumer is back.
- 10x traffic: it scales.

## Consequences

We split the monolith into services, one per team.

## Revisit when

If needed.
"""
KAFKA_FINDINGS = [
    (10, "ADR509"),  # "will not scale", "web scale" in Context with no figure
    (14, "ADR501"),  # Users: lots
    (15, "ADR501"),  # Data volume: big
    (16, "ADR501"),  # Latency: low
    (17, "ADR502"),  # eventual consistency
    (18, "ADR503"),  # none
    (20, "ADR205"),  # one option (content rule)
    (26, "ADR504"),  # Kafka, Cassandra, microservices; no boring option
    (26, "ADR506"),  # Kafka, and nothing asynchronous
    (26, "ADR513"),  # industry best practice
    (27, "ADR513"),  # everyone uses it
    (31, "ADR507"),  # None.
    (35, "ADR508"),  # unlikely
    (37, "ADR508"),  # it scales
    (45, "ADR510"),  # If needed.
]

# Good in every other way; the broker sits in front of work that answers in 80 ms, and the
# page waits for the reply: nothing is asynchronous.
RABBIT = """\
---
status: accepted
date: 2026-01-14
decision-makers: [Ines Duarte, Tom Berg]
template: constraint-first
template-version: 2
---
# Render invoice previews through RabbitMQ

## Context

The billing page shows a preview of each invoice before it is sent. Rendering a preview
takes 80 ms at p99 inside the web process, and the finance team opens about 40 previews a
minute at month end.

## Constraints

- Users: 1,200 finance staff in three countries; 40 previews a minute at peak.
- Data volume: 300 KB per preview, nothing stored.
- Latency: p99 under 200 ms for a preview, render included.
- Consistency: A preview always shows the invoice as saved; nothing is written.
- Regulatory: GDPR: previews show customer addresses and stay in the EU region.

## Options considered

- Boring option: render in the web process, as today; no new parts, a render holds a web
  worker for 80 ms.
- RabbitMQ with a pool of render workers: renders leave the web process; one broker to run.

## Decision

- Chosen: RabbitMQ with a pool of render workers; the page publishes a request and waits
  for the reply on a callback queue.
- Deciding constraint: Latency: renders must not hold web workers at month end.
- Why not the boring option: at 40 previews a minute, renders would hold up to 2 web
  workers (Latency).

## Trade-offs

- We give up: one less system to run; a broker is now on the path of every preview.
- We get: web workers free of render work.

## Failure modes

- Database slow:
  - Users see: previews take up to a second longer.
  - Mitigation: the render reads the invoice once and times out after 500 ms.
  - Detected by: the p99 preview latency alert.
- A dependency down:
  - Users see: "preview unavailable, try again" while RabbitMQ is down.
  - Mitigation: the page falls back to the plain-text summary.
  - Detected by: the broker health check pages on-call.
- 10x traffic:
  - Users see: slower previews at month end.
  - Mitigation: two more render workers, added by the autoscaler.
  - Detected by: queue depth on the billing dashboard.

## Consequences

We run RabbitMQ and its render workers. A load test at 400 previews a minute runs before
the month-end release.

## Revisit when

- Signal: previews above 200 ms at p99 for a week, or a second renderer.
"""

# Excellent ADRs: the constraints measured, the boring option weighed first, what is given up
# written down, failure modes designed for, a signal to revisit. Not one finding.
EXCELLENT = {
    "0002-keep-the-ledger-in-postgres.md": """\
---
status: accepted
date: 2026-01-09
decision-makers: [Priya Raman]
tags: [storage, payments]
template: constraint-first
template-version: 2
---
# Keep the ledger in PostgreSQL

## Context

The wallet ledger lives in one PostgreSQL database. Finance asks whether a ledger-specific
database would serve the next two years of growth better.

## Constraints

- Users: 180,000 wallets, 2,500 transfers a minute at the Friday peak.
- Data volume: 90 GB today, growing 4 GB a month.
- Latency: p99 under 120 ms for a transfer, end to end.
- Consistency: A transfer is never applied twice and never lost once acknowledged; balances
  are read from the primary.
- Regulatory: PSD2 and a 10-year retention rule for ledger entries; data stays in the EU.

## Options considered

- Boring option: PostgreSQL as today, with a second read replica; about €300 a month more.
- TigerBeetle: purpose-built for double-entry; a new system to learn and operate.
- DynamoDB with conditional writes: no joins, and about €1,400 a month at today's load.

## Decision

- Chosen: PostgreSQL as today, with a second read replica (the boring option).
- Deciding constraint: Consistency: transactions we already understand keep every transfer
  exactly once.

## Trade-offs

- We give up: headroom past about 20,000 transfers a minute without partitioning.
- We get: one database the whole team can operate at 3 a.m., and no migration.

## Failure modes

- Database slow:
  - Users see: transfers wait up to 2 s, then fail with a retry message.
  - Mitigation: statement timeout of 1.5 s; the client retries with the same idempotency key.
  - Detected by: the p99 transfer latency alert at 300 ms.
- A dependency down:
  - Users see: card top-ups are refused while the card processor is down.
  - Mitigation: top-ups queue in the outbox table and settle when it is back.
  - Detected by: the outbox age alert at 5 minutes.
- 10x traffic:
  - Users see: slower transfers at the peak.
  - Mitigation: partition the ledger table by wallet, planned in ADR 0009.
  - Detected by: connection pool saturation on the ledger dashboard.

## Consequences

We add the replica this quarter. A pgbench load test at 5,000 transfers a minute runs before
each Friday release.

## Revisit when

- Signal: 15,000 transfers a minute at peak, or the primary's disk above 400 GB.
""",
    "0003-stream-meter-readings-through-kafka.md": """\
---
status: accepted
date: 2026-01-11
decision-makers: [Jonas Weber, Aiko Tanaka]
tags: [ingest]
template: constraint-first
template-version: 2
---
# Stream meter readings through Kafka

## Context

Smart meters upload readings in bursts of about 50,000 readings in the first minute of
each hour. The ingest API writes them straight into the time-series store, which falls
behind for 20 minutes every hour. Readings may be stored after the meter has its answer.

## Constraints

- Users: 1.2 million meters, 3 internal teams reading the data.
- Data volume: 30 million readings a day, 6 GB a day compressed.
- Latency: the API must acknowledge a meter within 250 ms at p99; storage may lag by up to
  5 minutes.
- Consistency: A reading is never lost once acknowledged; duplicates are dropped by
  meter id and timestamp.
- Regulatory: GDPR: readings are personal data, kept 3 years, in the EU.

## Options considered

- Boring option: a Postgres staging table drained by a worker; about 50,000 inserts in a
  minute at the hourly peak.
- Kafka, which the billing team already runs: absorbs the burst; one more topic to operate.

## Decision

- Chosen: Kafka, with the ingest API as producer and one consumer group for the store.
- Deciding constraint: Data volume: the hourly burst of 50,000 readings in one minute.
- Why not the boring option: the staging table took 9 minutes to drain 50,000 rows in our
  test, past the 5-minute lag the store may have.

## Trade-offs

- We give up: the simplicity of one database; events now pass through a second system.
- We get: the meters' acknowledgement decoupled from the store's write speed.

## Failure modes

- Database slow:
  - Users see: nothing; meters are acknowledged from Kafka.
  - Mitigation: the consumer slows down and the topic holds up to 24 hours.
  - Detected by: consumer lag alert at 10 minutes.
- A dependency down:
  - Users see: meters retry their upload when Kafka is down.
  - Mitigation: meters keep 48 hours of readings and retry with backoff.
  - Detected by: the producer error-rate alert.
- 10x traffic:
  - Users see: slower acknowledgements at the top of the hour.
  - Mitigation: add partitions and API replicas; tested at 500,000 readings a minute.
  - Detected by: the p99 acknowledgement latency on the ingest dashboard.

## Consequences

The ingest team joins the Kafka on-call rota. A load test replays one hour of peak traffic
before each release.

## Revisit when

- Signal: consumer lag above 10 minutes on three days in a month, or 2027-01-31.
""",
    "0004-ship-the-cli-as-a-single-binary.md": """\
---
status: accepted
date: 2026-01-13
decision-makers: [Sam Okafor]
tags: [release]
template: constraint-first
---
# Ship the command-line tool as a single binary

## Context

Our support engineers run the diagnostics tool on customer machines, where installing a
Python runtime takes a change request and two days.

## Constraints

- Users: 60 support engineers, on Windows, macOS and Linux laptops.
- Data volume: n/a, because the tool writes one report of about 200 KB per run.
- Latency: n/a, because a run takes minutes of network probes and nobody waits on it.
- Consistency: A report is never written half: it is written to a temporary file and renamed.
- Regulatory: none, because the report holds host names and timings, no personal data.

## Options considered

- A zip of Python scripts (the boring option): what we ship today; needs Python 3.11.
- A single binary built with PyInstaller: one file, 25 MB, no runtime to install.
- Rewrite the tool in Go: a static binary, and three months of work.

## Decision

We ship a single binary built with PyInstaller, from the same Python code. The deciding
constraint is the users' machines: the zip needs Python 3.11, which takes a change request
and two days to install.

## Trade-offs

We give up small downloads (25 MB instead of 300 KB) and a 2-second start, in exchange for
a tool that runs on any support laptop on the first try.

## Failure modes

- Database slow: n/a, because the tool uses no database.
- A dependency down: a probe that cannot reach its service reports it and moves on; the
  report says which probes failed.
- 10x traffic: n/a, because each engineer runs one copy at a time; ten times the engineers
  is ten times the downloads from the release page.

## Consequences

The release pipeline builds three binaries and signs them. Antivirus tools sometimes flag
PyInstaller binaries; we publish their checksums.

## Revisit when

Antivirus blocks the binary on more than 2 customer machines in a quarter, or Python 3.11
ships with the operating systems we support.
""",
}
