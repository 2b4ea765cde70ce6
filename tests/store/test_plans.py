"""Neo4j's plans for kg's statements: every statement that works through ``$rows`` or ``$ids``
finds its nodes through an index seek on an id, never by scanning a label, a range of ids or
the whole graph, even with the statistics of a new, empty database (the worst case: the plan a
first build gets, and keeps until the statistics change enough).

ArcadeDB's planner shaped these statements (one-label lookups, edges reached from the person's
end); this checks that the same text plans well on Neo4j too. ArcadeDB has no EXPLAIN plans
through Bolt, so the check runs on Neo4j only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from kg.store import cypher
from kg.store.bolt import BoltStore

if TYPE_CHECKING:
    from scripts.neo4j_server import Neo4jServer

pytestmark = pytest.mark.neo4j

#: Operators that read more than the rows' own nodes: a label, an index range, all nodes.
SCANS = ("AllNodesScan", "NodeByLabelScan", "ByRange", "IndexScan", "RelationshipTypeScan")


def batch_statements() -> dict[str, str]:
    """Every statement of kg that works on a batch of rows or ids, by name."""
    found = {
        name: value
        for name, value in vars(cypher).items()
        if name.isupper() and isinstance(value, str) and value.startswith("UNWIND")
    }
    found["create_entities(Person)"] = cypher.create_entities("Person")
    found["create_sources(Outlet)"] = cypher.create_sources("Outlet")
    found["create_claims(with_object)"] = cypher.create_claims(with_object=True)
    found["create_claims(literal)"] = cypher.create_claims(with_object=False)
    found["create_direct_edges(NOT_CONSIDERS)"] = cypher.create_direct_edges("NOT_CONSIDERS")
    found["delete_direct_edges(MANAGES)"] = cypher.delete_direct_edges("MANAGES")
    return found


def operators(plan: dict[str, Any]) -> list[str]:
    """The plan's operator names (``NodeUniqueIndexSeek``), depth first."""
    name = str(plan["operatorType"]).split("@")[0]
    return [name] + [op for child in plan.get("children", []) for op in operators(child)]


def test_the_statement_list_is_complete() -> None:
    names = set(batch_statements())
    assert {"UPDATE_CLAIMS", "UPDATE_EDGES_FROM_OBJECT", "LINK_RESOLVED", "STALE_CLAIMS"} <= names
    assert len(names) >= 25


@pytest.fixture(scope="module")
def neo4j_store(neo4j_server: Neo4jServer) -> Iterator[BoltStore]:
    """kg's schema on the session's Neo4j server, whose graph is emptied first: the statistics
    of a new database."""
    store = BoltStore(
        neo4j_server.uri,
        (neo4j_server.username, neo4j_server.password),
        database=neo4j_server.database,
    )
    store.ensure_schema()
    store.clear()
    yield store
    store.close()


@pytest.mark.parametrize("name", sorted(batch_statements()))
def test_batch_statements_seek_their_nodes_on_neo4j(neo4j_store: BoltStore, name: str) -> None:
    statement = batch_statements()[name]
    params = {"rows": [], "ids": [], "person": "person:", "limit": 1}
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        plan = session.run("EXPLAIN " + statement, params).consume().plan
    assert plan is not None
    ops = operators(plan)
    scans = [op for op in ops if any(scan in op for scan in SCANS)]
    assert not scans, f"{name} scans on Neo4j: {ops}"
    if "MATCH" in statement or "MERGE" in statement:
        assert any("IndexSeek" in op for op in ops), ops
