"""The after-build analysis on a store: streamed in pages from a real server, it must agree with
the analysis of the same graph in memory, claim by claim and source by source; and it writes
nothing on a re-run (on the in-memory store: that is about the analysis, not the database)."""

from __future__ import annotations

from datetime import date

from kg.analysis import analyse, resolve_and_store
from kg.analysis.reliability import ALL
from kg.model import ClaimGraph
from kg.store.bolt import BoltStore
from kg.store.memory import MemoryStore
from kg.synthetic import synthetic_graph


def test_claims_stream_in_pages_with_their_sources_in_order(store: BoltStore) -> None:
    graph = synthetic_graph(120, seed=4)
    store.write(graph)
    pages = list(store.iter_claims(25))
    assert [len(p.claims) for p in pages[:-1]] == [25] * (len(pages) - 1)
    streamed = {cid: claim for page in pages for cid, claim in page.claims.items()}
    assert set(streamed) == set(graph.claims)
    for cid, claim in graph.claims.items():
        assert streamed[cid].attributed_to == claim.attributed_to
        assert streamed[cid].subject == claim.subject
        assert streamed[cid].object == claim.object
        published = graph.documents[claim.document].published
        assert _published(pages, claim.document) == published


def _published(pages: list[ClaimGraph], document_id: str) -> date | None:
    """The date a page gives for a document (every page with one of its claims carries it)."""
    for page in pages:
        if document_id in page.documents:
            return page.documents[document_id].published
    raise AssertionError(f"document {document_id} is in no page")


def test_streamed_analysis_matches_the_in_memory_one(store: BoltStore) -> None:
    graph = synthetic_graph(400, seed=5)
    store.write(graph)
    expected = analyse(graph)
    statuses = expected.counts()
    assert statuses["confirmed"] and statuses["refuted"] and statuses["open"], statuses

    done = resolve_and_store(store, page_size=7)  # many pages, so paging is exercised

    assert done.counts == statuses
    assert done.updated == len(expected.resolutions)
    back = store.read_graph()
    for row in expected.claim_rows():
        claim = back.claims[row["id"]]
        assert claim.status.value == row["status"], row["id"]
        assert claim.confidence == row["confidence"], row["id"]
        assert claim.resolved_by == row["resolved_by"], row["id"]
        assert claim.status_reason == row["status_reason"], row["id"]
    stored_sources = store.query(
        "MATCH (s:Source) WHERE s.claims IS NOT NULL "
        "RETURN s.id AS id, s.confirmed AS confirmed, s.refuted AS refuted, s.open AS open"
    ).records()
    overall = {r.source: r for r in expected.records if r.kind == ALL}
    assert {r["id"] for r in stored_sources} == set(overall)
    for row in stored_sources:
        record = overall[row["id"]]
        assert (row["confirmed"], row["refuted"], row["open"]) == (
            record.confirmed,
            record.refuted,
            record.open,
        )


def test_a_second_run_over_an_unchanged_graph_changes_no_claim(memory_store: MemoryStore) -> None:
    memory_store.write(synthetic_graph(150, seed=6))
    first = resolve_and_store(memory_store, page_size=40)
    assert first.updated > 0
    again = resolve_and_store(memory_store, page_size=40)
    assert again.updated == 0
    assert again.counts == first.counts
