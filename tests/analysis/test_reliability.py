"""Source records: credit follows attribution, Wilson intervals, derived claim confidence."""

from __future__ import annotations

from datetime import date

import pytest

from kg.analysis.apply import analyse, apply_resolutions
from kg.analysis.reliability import source_reliability, wilson_interval
from kg.model import ClaimGraph
from kg.synthetic.cases import add_claim
from kg.vocab import Modality, SourceType


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = wilson_interval(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_interval(0, 5)[0] == 0.0
    assert wilson_interval(5, 5)[1] == pytest.approx(1.0)


#: The period TM's outcomes cover: the people and clubs they name, through the summer window.
SUMMER_2021 = (date(2021, 1, 1), date(2021, 9, 1))


def _graph() -> ClaimGraph:
    g = ClaimGraph()
    spring = date(2021, 4, 1)
    add_claim(g, "Ben White", "joins", "Arsenal", stated=spring, source="Mirror", echoes=("Sun",))
    add_claim(g, "Harry Kane", "joins", "Man City", stated=spring, source="Sun")
    add_claim(
        g,
        "Jadon Sancho",
        "joins",
        "Manchester United",
        stated=date(2021, 6, 2),
        source="Fabrizio Romano",
        source_type=SourceType.JOURNALIST,
    )
    add_claim(
        g,
        "Ben White",
        "joins",
        "Arsenal",
        stated=date(2021, 7, 30),
        source="TM",
        modality=Modality.CONFIRMED,
        outcome=True,
        covers=SUMMER_2021,
    )
    add_claim(
        g,
        "Jadon Sancho",
        "joins",
        "Manchester United",
        stated=date(2021, 7, 23),
        source="TM",
        modality=Modality.CONFIRMED,
        outcome=True,
        covers=SUMMER_2021,
    )
    add_claim(
        g,
        "Harry Kane",
        "extends_contract",
        "Tottenham",
        stated=date(2021, 9, 2),
        source="TM",
        modality=Modality.CONFIRMED,
        outcome=True,
        covers=SUMMER_2021,
    )
    return g


def test_echoes_get_the_claim_and_are_counted_as_echoes() -> None:
    records = {r.name: r for r in source_reliability(_graph(), analyse(_graph()).resolutions)}
    sun = records["Sun"]
    assert (sun.claims, sun.origin, sun.echoes) == (2, 1, 1)
    assert (sun.confirmed, sun.refuted, sun.open) == (1, 1, 0)
    assert sun.accuracy == 0.5
    assert records["Mirror"].accuracy == 1.0
    assert "TM" not in records  # outcomes of record are not scored


def test_sources_rank_by_wilson_lower_bound_and_min_claims_filters() -> None:
    g = _graph()
    ranked = [r.name for r in source_reliability(g, analyse(g).resolutions)]
    assert ranked[-1] == "Sun"
    assert source_reliability(g, analyse(g).resolutions, min_claims=2)[0].name == "Sun"


def test_per_kind_records_sit_under_the_overall_one() -> None:
    g = _graph()
    rows = source_reliability(g, analyse(g).resolutions, by_kind=True)
    sun = [(r.kind, r.claims) for r in rows if r.name == "Sun"]
    assert sun == [("all", 2), ("move", 2)]


def test_confidence_is_one_zero_or_the_origins_smoothed_record() -> None:
    g = _graph()
    open_claim = add_claim(
        g, "Declan Rice", "joins", "Chelsea", stated=date(2021, 8, 25), source="Sun"
    )
    analysed = analyse(g)
    apply_resolutions(g, analysed)
    confidences = {
        g.claims[c].attributed_to[0]: g.claims[c].confidence
        for c in g.claims
        if g.claims[c].status.value != "open"
    }
    assert set(confidences.values()) <= {0.0, 1.0}
    # Sun: 1 confirmed, 1 refuted → (1 + 1) / (2 + 2)
    assert g.claims[open_claim].confidence == 0.5
    assert g.claims[open_claim].status.value == "open"
    assert analysed.counts() == {"open": 1, "confirmed": 2, "refuted": 1}


def test_stored_source_properties_carry_the_record() -> None:
    g = _graph()
    rows = {r["id"]: r for r in analyse(g).source_rows()}
    mirror = rows["outlet:mirror"]
    assert mirror["confirmed"] == 1 and mirror["accuracy"] == 1.0
    assert 0.0 < mirror["wilson_low"] < mirror["wilson_high"] <= 1.0
