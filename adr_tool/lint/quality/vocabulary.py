"""The words the quality rules look for: data, not code (as Vale keeps its styles in YAML).

Five lists can be changed in `.adr.toml` under `[quality]`: `boring`, `non-boring`, `stack`,
`queue-words` and `fashion-words` (a key replaces the defaults, its `extend-` twin adds to
them). The other lists below are the language of the rules themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import Phrases, entries

if TYPE_CHECKING:
    from ...config import QualitySettings


DEFAULTS: dict[str, tuple[str, ...]] = {
    # Proven parts a team can run without surprises; choosing one needs no defence.
    "boring": entries(
        "postgres, postgresql, mysql, mariadb, sqlite, sql server, relational database, rds, "
        "aurora, cloud sql, s3, object storage, blob storage, gcs, file system, plain files, "
        "redis, memcached, load balancer, nginx, haproxy, cdn, cron, cron job, systemd timer, "
        "scheduled job, batch job, nightly job, database table, queue table, table and a poller, "
        "poller, polling, monolith, single server, one server, single service, virtual machine, "
        "doing nothing, do nothing, status quo, keep the current, keep the existing, as is, "
        "http, rest, json, csv, email, git, markdown, spreadsheet, shell script"
    ),
    # Parts that cost a team real effort to learn and operate: choose them only when forced.
    "non-boring": entries(
        "kafka, pulsar, kinesis, rabbitmq, nats, activemq, zeromq, cassandra, scylladb, scylla, "
        "mongodb, dynamodb, cockroachdb, couchbase, couchdb, neo4j, graph database, hbase, "
        "foundationdb, tidb, yugabytedb, spanner, cosmos db, cosmosdb, elasticsearch, "
        "opensearch, solr, microservices, microservice, micro services, service mesh, istio, "
        "linkerd, kubernetes, k8s, event sourcing, cqrs, graphql, grpc, blockchain, serverless, "
        "aws lambda, step functions, spark, flink, hadoop, data lake, kafka streams, nosql, "
        "vector database, time series database, influxdb, clickhouse, druid, custom framework, "
        "own framework, in house framework"
    ),
    # Parts this team already runs: they count as boring here. Empty by default.
    "stack": (),
    # A queue or broker between a caller and the work.
    "queue-words": entries(
        "queue, message queue, job queue, task queue, broker, message broker, kafka, rabbitmq, "
        "sqs, pub sub, pubsub, event bus, kinesis, nats, pulsar, activemq, zeromq, celery, "
        "sidekiq, resque, bullmq, amqp, mqtt, event stream, event streaming, service bus, "
        "eventbridge"
    ),
    # Arguments from fashion, not from a constraint.
    "fashion-words": entries(
        "industry best practice, best practice, modern, state of the art, cutting edge, "
        "bleeding edge, everyone uses it, everyone uses, everybody uses, everyone is using, "
        "everybody is using, all the big companies, big tech, trendy, hype, hyped, "
        "latest and greatest, next generation, next gen, the way forward, de facto standard"
    ),
}

# ADR501: words that sound like an amount and measure nothing.
VAGUE_AMOUNTS = Phrases(
    entries(
        "lots, a lot, many, high, low, big, huge, massive, large, small, tiny, fast, quick, "
        "slow, real time, realtime, near real time, low latency, web scale, internet scale, "
        "scalable, minimal, instant, instantly, millions, billions, thousands, hundreds, tens, "
        "dozens, some, a few, few, several, moderate, medium, unknown, growing, "
        "as fast as possible, asap, reasonable, acceptable, snappy, responsive, interactive, "
        "normal, average, typical, significant, enormous, infinite, unlimited, not much, "
        "not many"
    )
)
# ADR502: an invariant (what must never be lost or duplicated) or a staleness bound.
INVARIANTS = Phrases(
    entries(
        "never, must, always, guarantee, guaranteed, exactly once, at least once, at most once, "
        "idempotent, idempotency, atomic, atomically, transaction, transactional, acid, "
        "linearizable, linearisable, serializable, serialisable, read your writes, "
        "read your own writes, read after write, monotonic, lost, lose, loss, losing, duplicate, "
        "duplicated, duplication, twice, double, rpo, no older than, at most, cannot, can never, "
        "may never, deterministic, byte for byte, identical, identically"
    )
)
# ADR503: a rule that applies (a law, a standard, an audit, retention or residency).
REGULATIONS = Phrases(
    entries(
        "law, act, regulation, regulated, regulator, directive, compliance, compliant, "
        "comply, audit, audited, auditor, auditing, retention, retain, retained, residency, "
        "resident, sovereignty, privacy, data protection, personal data, pii, phi, consent, "
        "erasure, right to be forgotten, legal, legally, lawful, licence, license, licensing, "
        "export control, sanctions, tax, certification, certified, attestation, gdpr, hipaa, "
        "pci, dss, soc, soc2, sox, iso, nist, fedramp, ccpa, cpra, lgpd, pipeda, ferpa, coppa, "
        "glba, psd2, dora, nis2, eidas, mifid, wcag, accessibility, section 508, fips, itar, "
        "e discovery, legal hold, contract, contractual, terms of service, eu, european union, "
        "stays in, kept in, stored in, deleted on request, delete on request, years"
    )
)
# ADR506: work that may finish after the caller has its answer, bursts, slow work.
ASYNC_NEEDS = Phrases(
    entries(
        "asynchronous, asynchronously, async, in the background, background job, "
        "background work, background processing, after the caller, after the response, "
        "after the request, after the user, after the client, offline, nightly, overnight, "
        "batch, batches, batched, burst, bursts, bursty, spike, spiky, absorb, absorbs, buffer, "
        "buffers, smooth out, fire and forget, eventually, long running, retry later, fan out, "
        "decouple in time"
    )
)
# "a PDF export takes 40 s": work of seconds or more, with a duration in the sentence
SLOW_WORK = Phrases(entries("take, takes, taking, took, lasts, runs for, spends"))
# ADR507: "None", "no downsides" or only gains.
NOTHING_GIVEN_UP = Phrases(
    entries(
        "none, nothing, no downside, no drawback, no trade off, no tradeoff, no cons, "
        "no disadvantage, no cost, not applicable, n a, nothing significant, nothing really, "
        "not much, only upside, only benefit, only advantage, no real downside, "
        "no real drawback, no significant downside, no negative"
    )
)
# What a text that gives something up says, and what one that lists only gains says.
GIVE_UP = Phrases(
    entries(
        "give up, gives up, giving up, lose, loses, losing, lost, loss, cost, costs, costly, "
        "pay, paying, price, sacrifice, accept, accepting, trade, trading, tradeoff, trade off, "
        "downside, drawback, disadvantage, con, risk, harder, slower, worse, less, fewer, "
        "complex, complexity, overhead, burden, limit, limited, limitation, lock in, dependency, "
        "dependencies, maintain, maintenance, operate, operating, learn, learning, migration, "
        "migrate, but, however, although, though, instead, whereas, expense, expensive, cannot, "
        "no longer, must, need, needs, require, requires, effort, extra, additional, another, "
        "in exchange, at the cost, without"
    )
)
GAINS = Phrases(
    entries(
        "we get, gain, gains, benefit, benefits, advantage, better, faster, easier, simpler, "
        "cheaper, improved, improves, more reliable, scalable, flexible, flexibility, pro, "
        "upside"
    )
)
# ADR508: a failure mode waved away.
DISMISSALS = Phrases(
    entries(
        "unlikely, not likely, not a concern, no concern, not an issue, no issue, not a problem, "
        "no problem, won t happen, will not happen, can t happen, cannot happen, "
        "should not happen, shouldn t happen, never happens, will never happen, it scales, "
        "it will scale, it ll scale, it should scale, it just scales, this scales, that scales, "
        "everything scales, should be fine, will be fine, it s fine, we ll see, we will see, "
        "deal with it later, handle it later, fix it later, not our problem, out of scope, "
        "not relevant, irrelevant, negligible, don t care, doesn t matter, does not matter"
    )
)
# "unlikely, but if it happens ...": what follows a dismissal that does not dismiss
RESCUES = Phrases(entries("but, however, if it does, if so, when it does, should it, if it"))
# ADR509: claims about scale.
SCALE_CLAIMS = Phrases(
    entries(
        "millions, billions, trillions, must scale, needs to scale, need to scale, has to scale, "
        "have to scale, should scale, future proof, futureproof, future proofing, "
        "will not scale, won t scale, does not scale, doesn t scale, do not scale, don t scale, "
        "can t scale, cannot scale, could not scale, would not scale, wouldn t scale, web scale, "
        "internet scale, planet scale, global scale, hyperscale, hyper scale, massive scale, "
        "massively scalable, infinite scale, infinitely scalable, unlimited scale, limitless, "
        "highly scalable, scale indefinitely, scale to millions, any scale"
    )
)
# ADR510: a revisit trigger nobody can evaluate.
VAGUE_TRIGGERS = Phrases(
    entries(
        "if needed, when needed, as needed, if necessary, when necessary, as necessary, "
        "if required, when required, as required, later, at a later date, at some point, "
        "some day, someday, eventually, in the future, in future, periodically, regularly, "
        "from time to time, occasionally, every so often, when appropriate, as appropriate, "
        "when it makes sense, if it makes sense, when things change, if things change, "
        "if requirements change, when requirements change, when circumstances change, "
        "if circumstances change, never, ongoing, continuously, as we go, when we have time, "
        "when time permits, if problems arise, if issues arise, when issues arise, "
        "if something changes, when something changes, if anything changes, when relevant, "
        "if relevant"
    )
)
# ADR511: an alternative that names nothing.
PLACEHOLDER_OPTIONS = frozenset(
    entries(
        "alternatives, another alternative, another one, another option, anything, "
        "anything else, bar, else, etc, foo, misc, more, n a, none, other, other ideas, "
        "other options, other solutions, others, something, something different, something else, "
        "tbd, the rest, whatever, x, y, z"
    )
)
PLACEHOLDER_NAMES = frozenset(entries("alternative, approach, choice, option, solution"))
# ADR514: a plan to measure latency under load.
TEST_PLANS = Phrases(
    entries(
        "load test, load testing, benchmark, benchmarked, benchmarking, capacity test, "
        "capacity testing, performance test, performance testing, perf test, stress test, "
        "stress testing, soak test, spike test, k6, locust, jmeter, gatling, vegeta, wrk, "
        "artillery, measure, measured, measuring, measurement, profiling, synthetic monitoring, "
        "shadow traffic, traffic replay, replayed traffic"
    )
)
# ADR515: a rewrite, and the incremental ways to the same end.
REWRITES = Phrases(
    entries(
        "rewrite, rewriting, rewritten, re write, rebuild from scratch, from scratch, "
        "start over, starting over, greenfield, big bang, replace the whole, ground up, "
        "clean slate"
    )
)
INCREMENTAL = Phrases(
    entries(
        "refactor, refactoring, incremental, incrementally, strangler, phased, phase, in stages, "
        "stage, step by step, gradual, gradually, piece by piece, module by module, "
        "service by service, one at a time, iterative, iteratively, in place, evolve, evolving, "
        "branch by abstraction, parallel run"
    )
)
# ADR516: an abstraction layer, and the users it would need.
ABSTRACTIONS = Phrases(
    entries(
        "pluggable, plug in architecture, plugin architecture, plugin system, plug in system, "
        "generic, abstraction, abstraction layer, adapter, adapter layer, agnostic, wrapper, "
        "facade, provider interface, driver interface, extensible, own framework, "
        "in house framework, internal framework, custom framework, a framework for"
    )
)
# "two payment providers", "both teams": the concrete users an abstraction needs
USER_NOUNS = Phrases(
    entries(
        "users, consumers, callers, clients, teams, services, providers, backends, vendors, "
        "implementations, integrations, applications, apps, products, stores, databases, "
        "carriers, gateways, adapters, plugins, formats, sources, sinks, targets, platforms, "
        "drivers, engines, channels, tenants, partners, banks, clouds, customers"
    )
)
# ADR505: words that name a constraint (what the boring option fails).
CONSTRAINT_WORDS = Phrases(
    entries(
        "users, user, volume, data, latency, response time, p99, p95, p50, throughput, writes, "
        "reads, requests, traffic, load, consistency, transaction, transactions, regulatory, "
        "compliance, gdpr, cost, budget, price, skills, experience, operations, "
        "availability, uptime, durability, retention, residency, deadline, memory, storage, "
        "size, limit, constraint, scale, peak, concurrency, connections, licence, license"
    )
)
BORING_MARKERS = Phrases(("boring",))  # "PostgreSQL (the boring option)"


@dataclass(frozen=True)
class Vocabulary:
    """The project's word lists, ready to match, and what the rules ask of failure modes."""

    boring: Phrases
    non_boring: Phrases
    stack: Phrases
    queues: Phrases
    fashion: Phrases
    detection: bool = True

    @classmethod
    def from_settings(cls, settings: QualitySettings) -> Vocabulary:
        given = dict(settings.words)
        lists = {
            name: (*given.get(name, defaults), *given.get(f"extend-{name}", ()))
            for name, defaults in DEFAULTS.items()
        }
        return cls(
            boring=Phrases(lists["boring"] + lists["stack"]),
            non_boring=Phrases(lists["non-boring"]),
            stack=Phrases(lists["stack"]),
            queues=Phrases(lists["queue-words"]),
            fashion=Phrases(lists["fashion-words"]),
            detection=settings.detection,
        )
