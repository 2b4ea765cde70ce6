"""The store contract against the real servers (ArcadeDB, and Neo4j where Java and Maven are
there); the tests that need no Cypher run on the in-memory store too (``any_store``)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.errors import QueryError
from kg.model import Claim, ClaimGraph, Document, Entity, Source
from kg.store.base import GraphStore
from kg.store.bolt import BoltStore
from kg.vocab import EntityType, Kind, Modality, SourceType
from tests.conftest import EXAMPLES, loaded

ODD_NAMES = [
    "Quote \" and ' apostrophe",
    "Back\\slash \\n not a newline",
    "Back`tick` MATCH (n) DETACH DELETE n //",
    "Line one\nLine two\r\nTab\there",
    "<script>alert('x')</script>",
    "Ødegaard Łukasz Ñúñez",
    "ソン・フンミン 孫興慜 Сон Хын Мин",
    "Emoji ⚽🔥 name",
    "$param {id: 1}",
]


def seed_graph() -> ClaimGraph:
    return loaded(EXAMPLES / "seed-2025-04-17.yaml")


def odd_graph() -> ClaimGraph:
    graph = ClaimGraph()
    club = graph.add_entity(Entity.named("Club <b>& Co</b>", EntityType.CLUB))
    doc = graph.add_document(
        Document.identified(title="odd \"names\" 'test'", url="https://x.test/?a=1&b=<2>")
    )
    src = graph.add_source(Source.named('Outlet `x` "y"', SourceType.OUTLET))
    for name in ODD_NAMES:
        person = graph.add_entity(Entity.named(name, EntityType.PERSON))
        fields: dict[str, Any] = dict(
            subject=person,
            predicate="plays_for",
            object=club,
            object_value=None,
            qualifiers=Claim.model_fields["qualifiers"].get_default(call_default_factory=True),
            modality=Modality.FACT,
            polarity=Claim.model_fields["polarity"].default,
            attributed_to=[src],
            document=doc,
            stated_at=None,
            valid_from=None,
            valid_to=None,
        )
        graph.add_claim(
            Claim(id=Claim.content_id(**fields), kind=Kind.ROLE, evidence=name, **fields)
        )
    return graph


def test_written_graph_reads_back_identically(any_store: GraphStore) -> None:
    graph = seed_graph()
    any_store.write(graph)
    back = any_store.read_graph()
    assert set(back.claims) == set(graph.claims)
    for cid, claim in graph.claims.items():
        got = back.claims[cid]
        assert got.model_dump(exclude={"recorded_at"}) == claim.model_dump(exclude={"recorded_at"})
        assert got.recorded_at is not None
    assert back.entities == graph.entities
    assert back.sources == graph.sources
    assert back.documents == graph.documents


def test_writing_twice_changes_no_count(any_store: GraphStore) -> None:
    graph = seed_graph()
    any_store.write(graph)
    first = any_store.counts()
    any_store.write(seed_graph())
    assert any_store.counts() == first
    assert first["claims"] == len(graph.claims)
    assert first["entities"] == len(graph.entities)


def test_schema_has_claims_sources_documents_and_direct_edges(store: BoltStore) -> None:
    store.write(seed_graph())
    result = store.query(
        "MATCH (c:Claim)-[:ATTRIBUTED_TO {position: 0}]->(s:Source {name: $source}) "
        "MATCH (c)-[:SUBJECT]->(p:Person) MATCH (c)-[:OBJECT]->(club:Club) "
        "MATCH (c)-[:STATED_IN]->(d:Document) "
        "RETURN p.name AS who, c.predicate AS predicate, club.name AS club, c.modality AS modality",
        {"source": "Fabrizio Romano"},
    )
    assert result.records() == [
        {
            "who": "Xabi Alonso",
            "predicate": "appointed_by",
            "club": "Real Madrid",
            "modality": "expected",
        }
    ]
    direct = store.query(
        "MATCH (p:Person {name: 'Jürgen Klopp'})-[r:HOLDS_ROLE]->(o:Organization) "
        "RETURN o.name AS org, r.title AS title, r.modality AS modality"
    )
    assert direct.records() == [
        {"org": "Red Bull", "title": "Head of Global Soccer", "modality": "reported"}
    ]
    echoes = store.query(
        "MATCH (c:Claim {predicate: 'open_to'})-[a:ATTRIBUTED_TO]->(s:Source) "
        "RETURN DISTINCT s.name AS source, a.position AS position, a.echo AS echo ORDER BY position"
    )
    assert echoes.records() == [
        {"source": "UOL", "position": 0, "echo": False},
        {"source": "Sport", "position": 1, "echo": True},
    ]


def test_odd_names_are_stored_and_returned_exactly(store: BoltStore) -> None:
    graph = odd_graph()
    store.write(graph)
    result = store.query("MATCH (p:Person) RETURN p.name AS name ORDER BY name")
    assert sorted(r[0] for r in result.rows) == sorted(ODD_NAMES)


def test_odd_names_come_back_exactly(any_store: GraphStore) -> None:
    graph = odd_graph()
    any_store.write(graph)
    back = any_store.read_graph()
    assert sorted(e.name for e in back.entities.values() if e.type is EntityType.PERSON) == sorted(
        ODD_NAMES
    )
    assert {c.evidence for c in back.claims.values()} == set(ODD_NAMES)
    assert back.documents == graph.documents
    assert {s.name for s in back.sources.values()} == {'Outlet `x` "y"'}


def test_read_only_query_cannot_write(store: BoltStore) -> None:
    with pytest.raises(QueryError, match="--write"):
        store.query("CREATE (x:X {name: 'intruder'}) RETURN x")
    assert store.query("MATCH (x:X) RETURN count(x) AS n").rows == [[0]]
    store.query("CREATE (x:X {name: 'allowed'}) RETURN x.name AS name", write=True)
    assert store.query("MATCH (x:X) RETURN x.name AS name").rows == [["allowed"]]


def test_bad_cypher_is_a_clear_query_error(store: BoltStore) -> None:
    with pytest.raises(QueryError, match="rejected the query"):
        store.query("MATCH (n RETURN n")


def test_update_claims_sets_status_on_claim_and_direct_edge(store: BoltStore) -> None:
    graph = seed_graph()
    store.write(graph)
    romano = next(
        c
        for c in graph.claims.values()
        if c.predicate == "appointed_by" and graph.entities[c.subject].name == "Xabi Alonso"
    )
    store.update_claims([{"id": romano.id, "status": "confirmed", "resolved_by": "claim:x"}])
    result = store.query(
        "MATCH (p:Person)-[r:APPOINTED_BY {claim_id: $id}]->(:Club) MATCH (c:Claim {id: $id}) "
        "RETURN r.status AS edge, c.status AS claim, c.resolved_by AS by",
        {"id": romano.id},
    )
    assert result.records() == [{"edge": "confirmed", "claim": "confirmed", "by": "claim:x"}]
    store.write(seed_graph())  # a re-build keeps what analysis decided
    assert store.read_graph().claims[romano.id].status.value == "confirmed"


@pytest.mark.parametrize(
    "give_subject", [False, True], ids=["rows-without-subject", "with-subject"]
)
def test_update_claims_reaches_every_direct_edge_whichever_end_is_the_person(
    store: BoltStore, give_subject: bool
) -> None:
    graph = seed_graph()
    store.write(graph)
    linked = [c for c in graph.claims.values() if c.object is not None]
    subjects = {graph.entities[c.subject].type for c in linked}
    assert EntityType.PERSON in subjects and len(subjects) > 1  # both statements are exercised
    store.update_claims(
        [
            {"id": c.id, "status": "refuted", **({"subject": c.subject} if give_subject else {})}
            for c in linked
        ]
    )
    edges = store.query(
        "MATCH (:Entity)-[e]->(:Entity) WHERE e.claim_id IS NOT NULL "
        "RETURN e.claim_id AS claim, e.status AS status"
    ).rows
    assert sorted(edges) == sorted([c.id, "refuted"] for c in linked)
    stored = store.query("MATCH (c:Claim) WHERE c.subject IS NOT NULL RETURN count(c) AS n")
    assert stored.rows == [[0]], "the routing hint is not stored"


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE INDEX sneaky IF NOT EXISTS FOR (n:Claim) ON (n.modality)",
        "DROP CONSTRAINT kg_entity_id",
        "create   constraint x for (n:Y) require n.id is unique",
        "LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line",
    ],
)
def test_schema_statements_and_file_access_need_write(store: BoltStore, statement: str) -> None:
    with pytest.raises(QueryError, match="--write"):
        store.query(statement)
    # the uniqueness constraint is still there: a duplicate id is refused
    store.query("CREATE (:Entity:Person {id: 'person:dup'})", write=True)
    with pytest.raises(QueryError):
        store.query("CREATE (:Entity:Person {id: 'person:dup'})", write=True)


def test_schema_words_inside_strings_are_fine(store: BoltStore) -> None:
    result = store.query("RETURN 'CREATE INDEX on a club' AS text, \"DROP CONSTRAINT\" AS other")
    assert result.rows == [["CREATE INDEX on a club", "DROP CONSTRAINT"]]


def test_claim_without_source_and_with_literal_object_is_stored(store: BoltStore) -> None:
    graph = ClaimGraph()
    person = graph.add_entity(Entity.named("Lamine Yamal", EntityType.PERSON))
    doc = graph.add_document(Document.identified(title="notes", path="notes.yaml"))
    fields: dict[str, Any] = dict(
        subject=person,
        predicate="plays_for",
        object=None,
        object_value="the academy side",
        qualifiers=Claim.model_fields["qualifiers"].get_default(call_default_factory=True),
        modality=Modality.FACT,
        polarity=Claim.model_fields["polarity"].default,
        attributed_to=[],
        document=doc,
        stated_at=None,
        valid_from=None,
        valid_to=None,
    )
    graph.add_claim(Claim(id=Claim.content_id(**fields), kind=Kind.ROLE, **fields))
    store.write(graph)
    back = store.read_graph()
    assert [c.object_value for c in back.claims.values()] == ["the academy side"]
    assert store.query("MATCH (:Claim)-[r]->() RETURN type(r) AS t ORDER BY t").rows == [
        ["STATED_IN"],
        ["SUBJECT"],
    ]
