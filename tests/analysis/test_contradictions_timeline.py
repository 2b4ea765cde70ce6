"""Contradictions, timelines and the networkx views, on small hand-made graphs."""

from __future__ import annotations

import doctest
import importlib
from datetime import date

import pytest

from kg.analysis.apply import resolved_graph
from kg.analysis.contradictions import contradictions
from kg.analysis.network import co_reporting, echo_network, most_linked
from kg.analysis.timeline import UnknownEntity, timeline
from kg.model import ClaimGraph
from kg.synthetic.cases import add_claim, tiny_graph
from kg.vocab import Polarity


def test_two_clubs_for_one_player_in_one_window_contradict() -> None:
    g = ClaimGraph()
    add_claim(
        g, "Jadon Sancho", "joins", "Manchester United", stated=date(2021, 3, 1), source="Sun"
    )
    add_claim(g, "Jadon Sancho", "joins", "Chelsea", stated=date(2021, 4, 1), source="Mirror")
    add_claim(
        g, "Jadon Sancho", "joins", "Liverpool", stated=date(2021, 7, 1), source="Mail"
    )  # next window
    found = contradictions(g)
    assert [(c.kind, c.about) for c in found] == [
        ("destination", "Jadon Sancho: Chelsea, Manchester United")
    ]
    assert found[0].window_end == date(2021, 9, 1)


def test_interest_from_two_clubs_is_not_a_contradiction() -> None:
    g = ClaimGraph()
    add_claim(g, "Chelsea", "targets", "Declan Rice", stated=date(2021, 3, 1))
    add_claim(g, "Manchester United", "targets", "Declan Rice", stated=date(2021, 3, 2))
    assert contradictions(g) == []


def test_a_move_and_its_denial_contradict_and_kind_filters() -> None:
    g = ClaimGraph()
    add_claim(g, "Harry Kane", "joins", "Manchester City", stated=date(2021, 5, 1), source="Sun")
    add_claim(
        g,
        "Harry Kane",
        "joins",
        "Manchester City",
        stated=date(2021, 5, 3),
        source="Telegraph",
        polarity=Polarity.NEGATIVE,
    )
    assert [c.kind for c in contradictions(g)] == ["denial"]
    assert contradictions(g, kind="manager") == []
    with pytest.raises(ValueError, match="expected one of"):
        contradictions(g, kind="nonsense")


def test_timeline_lists_claims_and_outcomes_in_date_order_with_status() -> None:
    graph, _ = resolved_graph(tiny_graph())
    entries = timeline(graph, "Real Madrid")
    assert [(e.when, e.outcome, e.status) for e in entries] == [
        (date(2025, 4, 17), False, "confirmed"),
        (date(2025, 5, 25), True, "confirmed"),
    ]
    assert entries[0].resolved_by == entries[1].claim
    assert entries[0].sources == ("Fabrizio Romano",)


def test_timeline_of_an_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(UnknownEntity, match="did you mean: Xabi Alonso"):
        timeline(tiny_graph(), "Xabi Alonzo")


def test_networks_count_shared_stories_and_echoes() -> None:
    g = ClaimGraph()
    add_claim(
        g,
        "Jürgen Klopp",
        "appointed_by",
        "Real Madrid",
        stated=date(2025, 4, 17),
        source="UOL",
        echoes=("Sport",),
    )
    add_claim(
        g,
        "Jürgen Klopp",
        "open_to",
        "Brazil",
        stated=date(2025, 4, 17),
        source="UOL",
        echoes=("Sport",),
    )
    assert co_reporting(g)["outlet:uol"]["outlet:sport"]["weight"] == 2
    assert echo_network(g)["outlet:sport"]["outlet:uol"]["weight"] == 2
    assert most_linked(g, top=1) == [("person:jurgen-klopp", "Jürgen Klopp", 2, 2)]


@pytest.mark.parametrize(
    "module",
    [
        "kg.outcomes.matching",
        "kg.outcomes.resolution",
        "kg.analysis.reliability",
        "kg.analysis.contradictions",
        "kg.analysis.timeline",
        "kg.analysis.network",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
