"""The stored graph as a Cypher user reads it, on ArcadeDB and on Neo4j: direct edges say only what
a source asserted, the deciding outcome is a relationship, names are indexed (full-text where the
server has it), and a read transaction cannot write."""

from __future__ import annotations

from datetime import date

import neo4j
import pytest
from neo4j.exceptions import ClientError

from kg.model import ClaimGraph
from kg.store import bolt, cypher
from kg.store.bolt import BoltStore
from kg.synthetic.cases import add_claim
from kg.vocab import PREDICATES, Modality, Polarity
from tests.store.test_bolt_store import seed_graph

DAY = date(2025, 4, 17)


def considers_graph() -> tuple[ClaimGraph, dict[str, str]]:
    """Real Madrid considering Xabi Alonso (Romano), not considering him (Pérez), and denying it
    (the club): one asserted claim, one negative, one denied."""
    graph = ClaimGraph()
    ids = {
        "asserted": add_claim(
            graph, "Real Madrid", "considers", "Xabi Alonso", stated=DAY, source="Romano"
        ),
        "negative": add_claim(
            graph,
            "Real Madrid",
            "considers",
            "Xabi Alonso",
            stated=DAY,
            source="Pérez",
            polarity=Polarity.NEGATIVE,
        ),
        "denied": add_claim(
            graph,
            "Real Madrid",
            "considers",
            "Xabi Alonso",
            stated=DAY,
            source="Real Madrid (official)",
            modality=Modality.DENIED,
        ),
    }
    return graph, ids


def test_only_asserted_claims_are_plain_direct_edges(store: BoltStore) -> None:
    graph, ids = considers_graph()
    store.write(graph)

    plain = store.query("MATCH (c)-[r:CONSIDERS]->(p) RETURN c.name, p.name, r.claim_id").rows
    assert plain == [["Real Madrid", "Xabi Alonso", ids["asserted"]]]
    denials = store.query(
        "MATCH (c)-[r:NOT_CONSIDERS]->(p) RETURN r.claim_id AS claim, r.polarity AS polarity, "
        "r.modality AS modality ORDER BY modality"
    ).records()
    assert denials == [
        {"claim": ids["denied"], "polarity": "positive", "modality": "denied"},
        {"claim": ids["negative"], "polarity": "negative", "modality": "reported"},
    ]
    # the README's query for every denial, whatever the predicate
    readme = store.query(
        "MATCH (s)-[r]->(o) WHERE type(r) STARTS WITH 'NOT_' "
        "RETURN s.name AS subject, type(r) AS says, o.name AS object, r.claim_id AS claim "
        "ORDER BY claim"
    ).rows
    assert readme == sorted(
        [["Real Madrid", "NOT_CONSIDERS", "Xabi Alonso", ids[k]] for k in ("negative", "denied")],
        key=lambda row: row[3],
    )


def test_every_predicate_type_returns_only_positive_undenied_claims(store: BoltStore) -> None:
    store.write(seed_graph())
    for spec in PREDICATES.values():
        wrong = store.query(
            f"MATCH ()-[r:{cypher.rel_type(spec.rel_type)}]->() "
            "WHERE r.polarity <> 'positive' OR r.modality = 'denied' RETURN count(r) AS n"
        ).rows
        assert wrong == [[0]], spec.rel_type
    negated = store.query(
        "MATCH (:Club {name: 'Real Madrid'})-[r:NOT_CONSIDERS]->(:Person {name: 'Xabi Alonso'}) "
        "RETURN r.polarity AS polarity"
    ).rows
    assert negated == [["negative"]], "the seed's 'Real Madrid do not consider Xabi Alonso'"


def test_replacing_a_document_removes_its_negated_edges_too(store: BoltStore) -> None:
    graph, ids = considers_graph()
    store.write(graph)
    document = graph.claims[ids["negative"]].document
    store.write(ClaimGraph(documents={document: graph.documents[document]}), replace=[document])

    left = store.query("MATCH ()-[r]->() WHERE type(r) STARTS WITH 'NOT_' RETURN r.claim_id").rows
    assert left == [[ids["denied"]]]


def test_the_deciding_outcome_is_a_relationship_next_to_the_reason(store: BoltStore) -> None:
    graph, ids = considers_graph()
    store.write(graph)
    claim, outcome, other = ids["asserted"], ids["denied"], ids["negative"]

    store.update_claims(
        [{"id": claim, "status": "refuted", "resolved_by": outcome, "status_reason": "denied"}]
    )
    decided = (
        "MATCH (c:Claim {id: $id})-[:RESOLVED_BY]->(o:Claim) "
        "RETURN o.id AS outcome, c.resolved_by AS by, c.status_reason AS reason"
    )
    assert store.query(decided, {"id": claim}).records() == [
        {"outcome": outcome, "by": outcome, "reason": "denied"}
    ]

    store.update_claims([{"id": claim, "resolved_by": other, "status_reason": "changed"}])
    assert store.query(decided, {"id": claim}).rows == [[other, other, "changed"]]

    store.update_claims([{"id": claim, "status": "open", "resolved_by": None}])
    assert store.query(decided, {"id": claim}).rows == []
    assert store.query("MATCH ()-[r:RESOLVED_BY]->() RETURN count(r)").rows == [[0]]


def test_a_written_claim_links_its_outcome_and_forgetting_the_outcome_unlinks_it(
    store: BoltStore,
) -> None:
    graph, ids = considers_graph()
    graph.claims[ids["asserted"]].resolved_by = ids["denied"]
    store.write(graph)
    link = "MATCH (c:Claim)-[:RESOLVED_BY]->(o:Claim) RETURN c.id, o.id"
    assert store.query(link).rows == [[ids["asserted"], ids["denied"]]]
    store.write(graph)  # writing again adds no second link
    assert store.query(link).rows == [[ids["asserted"], ids["denied"]]]

    store.forget([graph.claims[ids["denied"]].document])
    assert store.query(link).rows == []


def test_a_claim_written_before_its_outcome_is_linked_once_both_are_stored(
    store: BoltStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph, ids = considers_graph()
    graph.claims[ids["asserted"]].resolved_by = ids["denied"]
    monkeypatch.setattr(bolt, "CLAIMS_PER_TRANSACTION", 1)  # one document per transaction
    order = [graph.claims[ids[k]].document for k in ("asserted", "negative", "denied")]
    assert list(graph.documents) == order, "the outcome's document comes last"

    store.write(graph)
    link = "MATCH (c:Claim)-[:RESOLVED_BY]->(o:Claim) RETURN c.id, o.id"
    assert store.query(link).rows == [[ids["asserted"], ids["denied"]]]


def test_names_are_indexed(store: BoltStore) -> None:
    indexes = store.query("SHOW INDEXES YIELD name, labelsOrTypes, properties").rows
    assert ["kg_entity_name", ["Entity"], ["name"]] in indexes
    assert ["kg_source_name", ["Source"], ["name"]] in indexes


def test_full_text_search_where_the_server_has_it(store: BoltStore, backend: str) -> None:
    assert store.fulltext is (backend == "neo4j"), "ArcadeDB's Cypher has no full-text DDL"
    if not store.fulltext:
        return
    graph = seed_graph()
    extra, ids = considers_graph()
    extra.claims[ids["negative"]].evidence = "Pérez doubts the Leverkusen coach is ready"
    graph.merge(extra)
    store.write(graph)
    store.query("CALL db.awaitIndexes(60)")
    found = store.query(
        "CALL db.index.fulltext.queryNodes($index, $text) YIELD node, score "
        "RETURN node.name AS name ORDER BY score DESC, name",
        {"index": cypher.FULLTEXT_NAMES, "text": "alonzo~"},
    ).rows
    assert found[0] == ["Xabi Alonso"]
    evidence = store.query(
        "CALL db.index.fulltext.queryNodes($index, 'leverkusen') YIELD node RETURN node.id",
        {"index": cypher.FULLTEXT_EVIDENCE},
    ).rows
    assert evidence == [[ids["negative"]]]


def test_neo4j_itself_refuses_a_write_in_a_read_transaction(store: BoltStore, backend: str) -> None:
    if backend != "neo4j":
        pytest.skip("ArcadeDB does not enforce the READ access mode; kg's own guard covers it")
    with (
        store.driver.session(database=store.database, default_access_mode=neo4j.READ_ACCESS) as s,
        pytest.raises(ClientError) as refused,
    ):
        s.execute_read(lambda tx: tx.run("CREATE (:X {n: 1})").consume())
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    assert store.query("MATCH (x:X) RETURN count(x)").rows == [[0]]
