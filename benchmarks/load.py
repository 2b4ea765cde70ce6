"""Load synthetic claims through each store: kg's batched writes against three baselines.

Baselines, in the same run and on the same server:
- **per-claim**: the same statements, one claim per transaction (what a naive loader does);
  measured on a sample of the claims, since at its rate the full set would take an hour;
- **raw CREATE**: the server's plain ``UNWIND $rows ... CREATE`` of the same rows, with the same
  id lookups for relationships but no MERGE and no idempotence: the floor for this server;
- **neo4j-graphrag**: the ``Neo4jWriter`` of neo4j-graphrag (the ``bench`` extra) writing the same
  nodes and relationships as its ``Neo4jGraph``, in its default batches of 1,000. It needs APOC
  (``apoc.merge.relationship``), so it runs only on a server that has it (``make neo4j`` does;
  ArcadeDB has no APOC). It CREATEs nodes on every run (not idempotent) and MERGEs relationships
  on (start, type, end), so it stores fewer relationships where one pair has several claims of
  the same type: the table shows the relationships each stored.

Usage::

    python benchmarks/load.py                 # 10k and 100k claims on the embedded ArcadeDB
    python benchmarks/load.py --sizes 10000   # fewer sizes
    make neo4j && . .neo4j/env && python benchmarks/load.py   # and on that Neo4j server
    python benchmarks/load.py --only neo4j    # only the server in NEO4J_URI

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import Neo4jError

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


def backends(only: str | None = None) -> Iterator[tuple[str, Settings]]:
    """The embedded ArcadeDB server, then the user's Bolt server when NEO4J_URI is set."""
    from kg.store.arcadedb import ArcadeDBServer

    if only in (None, "arcadedb"):
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
    if only in (None, "neo4j") and os.environ.get("NEO4J_URI"):
        settings = Settings.from_env()
        yield server_name(settings), settings


def server_name(settings: Settings) -> str:
    """``Neo4j 5.26.30 community`` (from ``dbms.components()``), else ``Bolt server``."""
    store = open_store(settings, clear=False)
    try:
        row = store.query("CALL dbms.components() YIELD name, versions, edition").rows[0]
        return f"{row[0].replace(' Kernel', '')} {row[1][0]} {row[2]}"
    except Exception:  # a Bolt server without dbms.components()
        return "Bolt server from NEO4J_URI"
    finally:
        store.close()


def has_apoc(store: BoltStore) -> bool:
    """Whether the server has APOC (neo4j-graphrag's writer needs it)."""
    try:
        store.query("RETURN apoc.version() AS v")
    except Exception:
        return False
    return True


def open_store(settings: Settings, *, clear: bool = True) -> BoltStore:
    store = BoltStore(
        settings.uri or "", (settings.username, settings.password), database=settings.database
    )
    store.ensure_schema()
    if clear:
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
            with store.driver.session(database=store.database) as session:
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


def graphrag_graph(graph: ClaimGraph) -> Any:
    """The same nodes and relationships kg stores, as neo4j-graphrag's ``Neo4jGraph``.

    Nodes keep kg's ids and properties (with the single label neo4j-graphrag takes: the entity or
    source type, ``Document``, ``Claim``); relationships are kg's claim structure and direct edges
    with their properties. Nulls are left out, as Neo4j does not store them.
    """
    from neo4j_graphrag.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship

    rows = graph_rows(graph)
    nodes = []
    for group in (rows.entities, rows.sources):
        for label, data in group.items():
            nodes += [
                Neo4jNode(id=r["id"], label=label, properties={"id": r["id"], **r["props"]})
                for r in data
            ]
    nodes += [
        Neo4jNode(id=r["id"], label="Document", properties={"id": r["id"], **r["props"]})
        for r in rows.documents
    ]
    rels = [
        Neo4jRelationship(start_node_id=r["document"], end_node_id=r["source"], type="PUBLISHED_BY")
        for r in rows.publishers
    ]
    for r in rows.claims:
        created = {
            k: r[k] for k in ("recorded_at", "status", "confidence", "resolved_by", "status_reason")
        }
        props = {k: v for k, v in {"id": r["id"], **r["props"], **created}.items() if v is not None}
        nodes.append(Neo4jNode(id=r["id"], label="Claim", properties=props))
        rels.append(
            Neo4jRelationship(start_node_id=r["id"], end_node_id=r["subject"], type="SUBJECT")
        )
        rels.append(
            Neo4jRelationship(start_node_id=r["id"], end_node_id=r["document"], type="STATED_IN")
        )
        for a in r["sources"]:
            rels.append(
                Neo4jRelationship(
                    start_node_id=r["id"],
                    end_node_id=a["id"],
                    type="ATTRIBUTED_TO",
                    properties={"position": a["position"], "echo": a["echo"]},
                )
            )
        if r["object"] is not None:
            rels.append(
                Neo4jRelationship(start_node_id=r["id"], end_node_id=r["object"], type="OBJECT")
            )
            rels.append(
                Neo4jRelationship(
                    start_node_id=r["subject"],
                    end_node_id=r["object"],
                    type=r["rel"],
                    properties={"claim_id": r["id"], **r["edge"]},
                )
            )
    return Neo4jGraph(nodes=nodes, relationships=rels)


def graphrag_write(store: BoltStore, graph: Any) -> None:
    """Write ``graph`` (a ``Neo4jGraph``) with neo4j-graphrag's ``Neo4jWriter``, as its docs do."""
    from neo4j_graphrag.components.kg_writer import Neo4jWriter

    writer = Neo4jWriter(store.driver, neo4j_database=store.database)
    result = asyncio.run(writer.run(graph))
    if result.status != "SUCCESS":
        raise Neo4jError(f"neo4j-graphrag's writer failed: {result.metadata}")


def run(
    sizes: list[int], per_claim_sample: int, *, reload: bool = True, only: str | None = None
) -> list[dict[str, Any]]:
    results = []
    for name, settings in backends(only):
        store = open_store(settings)
        graphrag = has_apoc(store)
        try:
            # warm the server's JIT and caches first, so no contender pays for it alone
            warm = synthetic_graph(500, seed=99)
            store.write(warm)
            store.clear()
            raw_create(store, warm)
            store.clear()
            if graphrag:
                graphrag_write(store, graphrag_graph(warm))
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
                store.clear()
                rag_s, rag_relationships = float("nan"), 0
                if graphrag:
                    rag_input = graphrag_graph(graph)
                    rag_s = timed(partial(graphrag_write, store, rag_input))
                    rag_relationships = store.counts()["relationships"]
                    store.clear()
                results.append(
                    {
                        "backend": name,
                        "claims": n,
                        "batched_s": batched,
                        "reload_s": again,
                        "raw_s": raw,
                        "per_claim_rate": len(parts) / per,
                        "graphrag_s": rag_s,
                        "relationships": counts["relationships"],
                        "graphrag_relationships": rag_relationships,
                    }
                )
                r = results[-1]
                print(
                    f"{name} {n}: batched {n / batched:,.0f} claims/s, raw {n / raw:,.0f}/s, "
                    f"per-claim {r['per_claim_rate']:,.0f}/s"
                    + (f", neo4j-graphrag {n / rag_s:,.0f}/s" if graphrag else ""),
                    flush=True,
                )
        finally:
            store.clear()
            store.close()
    return results


def table(results: list[dict[str, Any]], per_claim_sample: int) -> str:
    lines = [
        "| backend | claims | batched claims/s | re-load (no change) s | raw CREATE claims/s "
        f"| per-claim claims/s (first {per_claim_sample}) | batched ÷ per-claim | batched time ÷ raw "
        "| neo4j-graphrag claims/s | neo4j-graphrag time ÷ batched | relationships kg / neo4j-graphrag |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        n = r["claims"]
        rate = n / r["batched_s"]
        rag = r["graphrag_s"] == r["graphrag_s"]  # not NaN: it ran
        lines.append(
            f"| {r['backend']} | {n:,} | {rate:,.0f} | {r['reload_s']:.1f} | {n / r['raw_s']:,.0f} "
            f"| {r['per_claim_rate']:,.0f} | {rate / r['per_claim_rate']:.1f}x "
            f"| {r['batched_s'] / r['raw_s']:.2f}x "
            + (
                f"| {n / r['graphrag_s']:,.0f} | {r['graphrag_s'] / r['batched_s']:.2f}x "
                f"| {r['relationships']:,} / {r['graphrag_relationships']:,} |"
                if rag
                else "| (no APOC) | | |"
            )
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-claim-sample", type=int, default=1000)
    parser.add_argument(
        "--no-reload", action="store_true", help="skip timing a second, unchanged load"
    )
    parser.add_argument(
        "--only", choices=("arcadedb", "neo4j"), help="one backend (neo4j: the NEO4J_URI server)"
    )
    args = parser.parse_args()
    results = run(args.sizes, args.per_claim_sample, reload=not args.no_reload, only=args.only)
    print()
    print(
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}"
    )
    print(table(results, args.per_claim_sample))


if __name__ == "__main__":
    main()
