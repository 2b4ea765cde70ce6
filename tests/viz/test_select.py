"""What a page keeps: filters, the ego view and the node budget, on the seed story."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import ClaimGraph
from kg.synthetic.sample import sample_graph
from kg.viz.select import Filters, SelectionError, resolve_entity, select
from kg.vocab import Kind, Status


def test_no_filter_keeps_every_entity_source_and_claim(seed_graph: ClaimGraph) -> None:
    sel = select(seed_graph, Filters())
    assert sel.entities == sorted(seed_graph.entities)
    assert sel.sources == sorted(seed_graph.sources)
    assert len(sel.claims) == len(seed_graph.claims)
    assert sel.left_out is None


def test_kind_filter_keeps_only_that_kind_and_its_entities(seed_graph: ClaimGraph) -> None:
    sel = select(seed_graph, Filters(kinds=frozenset({Kind.ROLE})))
    assert {c.kind for c in sel.claims} == {Kind.ROLE}
    assert set(sel.entities) == {
        "person:carlo-ancelotti",
        "club:real-madrid",
        "person:xabi-alonso",
        "club:bayer-leverkusen",
        "person:jurgen-klopp",
        "organization:red-bull",
        "person:hansi-flick",
        "club:barcelona",
    }


def test_source_filter_by_name_keeps_claims_credited_to_it(seed_graph: ClaimGraph) -> None:
    sel = select(seed_graph, Filters(sources=("sky sports",)))
    assert {c.predicate for c in sel.claims} == {"sacked_by", "appointed_by"}
    assert sel.sources == ["outlet:sky-sports"]


def test_dates_compare_the_stated_date(story_graph: ClaimGraph) -> None:
    may = select(story_graph, Filters(since=date(2025, 5, 1)))
    assert [(c.subject, c.predicate, c.modality.value) for c in may.claims] == [
        ("person:xabi-alonso", "appointed_by", "confirmed")
    ]
    april = select(story_graph, Filters(until=date(2025, 4, 30)))
    assert len(april.claims) == len(story_graph.claims) - 1


def test_status_filter(story_graph: ClaimGraph) -> None:
    sel = select(story_graph, Filters(statuses=frozenset({Status.CONFIRMED})))
    assert len(sel.claims) == 1


def test_ego_view_depth_one_and_two(seed_graph: ClaimGraph) -> None:
    one = select(seed_graph, Filters(around="Xabi Alonso", depth=1))
    assert set(one.entities) == {"person:xabi-alonso", "club:real-madrid", "club:bayer-leverkusen"}
    assert one.center == "person:xabi-alonso"
    two = select(seed_graph, Filters(around="xabi alonso", depth=2))
    assert {"person:jurgen-klopp", "club:arsenal", "person:carlo-ancelotti"} <= set(two.entities)
    assert "nationalteam:brazil" not in two.entities  # three hops: Xabi, Real Madrid, Klopp, Brazil
    assert all(c.subject in two.entities and c.object in two.entities for c in two.claims)
    three = select(seed_graph, Filters(around="person:xabi-alonso", depth=3))
    assert "nationalteam:brazil" in three.entities
    assert "club:barcelona" not in three.entities  # no claim links Barcelona to Real Madrid


def test_unknown_entity_names_the_close_ones(seed_graph: ClaimGraph) -> None:
    with pytest.raises(
        SelectionError, match=r"no entity named 'Xabi Alonzo'.*did you mean: Xabi Alonso"
    ):
        resolve_entity(seed_graph, "Xabi Alonzo")


def test_ambiguous_name_lists_the_ids(seed_graph: ClaimGraph) -> None:
    with pytest.raises(
        SelectionError,
        match=r"several entities: club:arsenal, club:barcelona, .*person:carlo-ancelotti",
    ):
        resolve_entity(seed_graph, "ar")


def test_unknown_source_lists_known_ones(seed_graph: ClaimGraph) -> None:
    with pytest.raises(SelectionError, match=r"no source named 'Marca'.*Sky Sports"):
        select(seed_graph, Filters(sources=("Marca",)))


def test_max_nodes_keeps_most_connected_and_says_what_was_left_out() -> None:
    graph = sample_graph(400, seed=3)
    total = len(graph.entities) + len(graph.sources)
    sel = select(graph, Filters(max_nodes=50))
    assert len(sel.entities) + len(sel.sources) == 50
    kept = set(sel.entities) | set(sel.sources)
    assert all(c.subject in kept and (c.object is None or c.object in kept) for c in sel.claims)
    assert sel.left_out is not None
    assert (
        f"Showing the 50 most connected of {total:,} nodes; left out {total - 50:,} nodes"
        in sel.left_out
    )
    assert "Person" in sel.left_out
