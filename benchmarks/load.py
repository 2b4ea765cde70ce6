"""Load synthetic claims through each store: kg's batched writes against two baselines.

Baselines, in the same run and on the same server:
- **per-claim**: the same MERGE statements, one claim per transaction (what a naive loader does);
  measured on a sample of the claims, since at its rate the full set would take an hour;
- **raw CREATE**: the server's plain ``UNWIND $rows ... CREATE`` of the same rows, with the same
  id lookups for relationships but no MERGE and no idempotence: the floor for this server.

Usage::

    python benchmarks/load.py                 # 10k and 100k claims on the embedded ArcadeDB
    python benchmarks/load.py --sizes 10000   # fewer sizes
    NEO4J_URI=bolt://… python benchmarks/load.py   # also a Bolt server of your own

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from kg.config import Settings
from kg.model import ClaimGraph
from kg.store.bolt import BoltStore
from kg.store.rows import graph_rows
from kg.synthetic import synthetic_graph

# Raw baseline statements: CREATE instead of MERGE, same rows, same id lookups for relationships.
RAW_NODES = "UNWIND $rows AS r CREATE (n:LABEL) SET n = r.props, n.id = r.id"
RAW_CLAIMS = (
    "UNWIND $rows AS r CREATE (c:Claim) SET c = r.props, c.id = r.id "
    "WITH c, r MATCH (s:Entity {id: r.subject}) CREATE (c)-[:SUBJECT]->(s) "
    "WITH c, r MATCH (d:Document {id: r.document}) CREATE (c)-[:STATED_IN]->(d)"
)
RAW_OBJECTS = (
    "UNWIND $rows AS r MATCH (c:Claim {id: r.claim}) MATCH (o:Entity {id: r.object}) "
    "CREATE (c)-[:OBJECT]->(o)"
)
RAW_ATTRIBUTIONS = (
    "UNWIND $rows AS r MATCH (c:Claim {id: r.claim}) MATCH (s:Source {id: r.source}) "
    "CREATE (c)-[:ATTRIBUTED_TO {position: r.position}]->(s)"
)
RAW_DIRECT = (
    "UNWIND $rows AS r MATCH (s:Entity {id: r.subject}) MATCH (o:Entity {id: r.object}) "
    "CREATE (s)-[e:REL {claim_id: r.claim}]->(o) SET e += r.props"
)
BATCH = 2000


def backends() -> Iterator[tuple[str, Settings]]:
    """The embedded ArcadeDB server, then the user's Bolt server when NEO4J_URI is set."""
    from kg.store.arcadedb import ArcadeDBServer

    with tempfile.TemporaryDirectory() as tmp, ArcadeDBServer(Path(tmp)) as server:
        yield (
            "ArcadeDB (embedded default, Bolt)",
            Settings(
                uri=server.uri,
                username=server.username,
                password=server.password,
                database=server.database,
            ),
        )
    if os.environ.get("NEO4J_URI"):
        yield "Bolt server from NEO4J_URI", Settings.from_env()


def open_store(settings: Settings) -> BoltStore:
    store = BoltStore(
        settings.uri or "", (settings.username, settings.password), database=settings.database
    )
    store.ensure_schema()
    store.clear()
    return store


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def sample(graph: ClaimGraph, n: int) -> list[ClaimGraph]:
    """``n`` one-claim graphs (with their entities, sources and document) from ``graph``."""
    parts = []
    for claim in list(graph.claims.values())[:n]:
        part = ClaimGraph()
        part.add_entity(graph.entities[claim.subject])
        if claim.object:
            part.add_entity(graph.entities[claim.object])
        for sid in claim.attributed_to:
            part.add_source(graph.sources[sid])
        document = graph.documents[claim.document]
        part.add_document(document)
        if document.outlet:
            part.add_source(graph.sources[document.outlet])
        part.claims[claim.id] = claim
        parts.append(part)
    return parts


def write_each(store: BoltStore, parts: list[ClaimGraph]) -> None:
    """Write ``parts`` one at a time, each in its own ``write``."""
    for part in parts:
        store.write(part)


def _create(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    tx.run(statement, rows=rows).consume()


def raw_create(store: BoltStore, graph: ClaimGraph) -> None:
    """The baseline floor: plain CREATEs of the same rows in batches."""
    rows = graph_rows(graph)

    def send(statement: str, data: list[dict[str, Any]]) -> None:
        for i in range(0, len(data), BATCH):
            chunk = data[i : i + BATCH]
            with store.driver.session(database=store._database) as session:
                session.execute_write(_create, statement, chunk)

    for label, data in rows.entities.items():
        send(RAW_NODES.replace("LABEL", f"Entity:{label}"), data)
    for label, data in rows.sources.items():
        send(RAW_NODES.replace("LABEL", f"Source:{label}"), data)
    send(RAW_NODES.replace("LABEL", "Document"), rows.documents)
    send(RAW_CLAIMS, rows.claims)
    send(RAW_OBJECTS, rows.objects)
    send(RAW_ATTRIBUTIONS, rows.attributions)
    for rel, data in rows.direct.items():
        send(RAW_DIRECT.replace("REL", rel), data)


def run(sizes: list[int], per_claim_sample: int, *, reload: bool = True) -> list[dict[str, Any]]:
    results = []
    for name, settings in backends():
        store = open_store(settings)
        try:
            # warm the server's JIT and caches first, so no contender pays for it alone
            warm = synthetic_graph(500, seed=99)
            store.write(warm)
            store.clear()
            raw_create(store, warm)
            store.clear()
            for n in sizes:
                graph = synthetic_graph(n, seed=1)
                store.clear()
                batched = timed(partial(store.write, graph))
                counts = store.counts()
                again = timed(partial(store.write, graph)) if reload else float("nan")
                assert store.counts() == counts, "a second load changed the counts"
                store.clear()
                raw = timed(partial(raw_create, store, graph))
                store.clear()
                parts = sample(graph, min(per_claim_sample, n))
                per = timed(partial(write_each, store, parts))
                results.append(
                    {
                        "backend": name,
                        "claims": n,
                        "batched_s": batched,
                        "reload_s": again,
                        "raw_s": raw,
                        "per_claim_rate": len(parts) / per,
                        "relationships": counts["relationships"],
                    }
                )
                r = results[-1]
                print(
                    f"{name} {n}: batched {n / batched:,.0f} claims/s, raw {n / raw:,.0f}/s, "
                    f"per-claim {r['per_claim_rate']:,.0f}/s",
                    flush=True,
                )
        finally:
            store.clear()
            store.close()
    return results


def table(results: list[dict[str, Any]], per_claim_sample: int) -> str:
    lines = [
        "| backend | claims | batched claims/s | re-load (no change) s | raw CREATE claims/s "
        f"| per-claim claims/s (first {per_claim_sample}) | batched ÷ per-claim | batched time ÷ raw |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        n = r["claims"]
        rate = n / r["batched_s"]
        lines.append(
            f"| {r['backend']} | {n:,} | {rate:,.0f} | {r['reload_s']:.1f} | {n / r['raw_s']:,.0f} "
            f"| {r['per_claim_rate']:,.0f} | {rate / r['per_claim_rate']:.1f}x "
            f"| {r['batched_s'] / r['raw_s']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-claim-sample", type=int, default=1000)
    parser.add_argument(
        "--no-reload", action="store_true", help="skip timing a second, unchanged load"
    )
    args = parser.parse_args()
    results = run(args.sizes, args.per_claim_sample, reload=not args.no_reload)
    print()
    print(
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}"
    )
    print(table(results, args.per_claim_sample))


if __name__ == "__main__":
    main()
