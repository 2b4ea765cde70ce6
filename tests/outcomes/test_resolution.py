"""The window and matching rules of claim resolution, pinned with small hand-made cases."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kg.model import ClaimGraph
from kg.outcomes.resolution import Resolution, resolve_claims
from kg.synthetic.cases import add_claim
from kg.vocab import Modality, Polarity, SourceType, Status, TransferType
from kg.windows import TransferWindows
from tests.conftest import loaded

REPO = Path(__file__).resolve().parents[2]

APRIL = date(2021, 4, 10)


def _rumour(graph: ClaimGraph, player: str, club: str, **kw: object) -> str:
    return add_claim(graph, player, "joins", club, stated=APRIL, source="Daily Rumour", **kw)  # type: ignore[arg-type]


#: The period a test's outcome table covers (for the people and clubs its outcomes name).
SEASON = (date(2021, 1, 1), date(2022, 6, 30))


def _done(graph: ClaimGraph, player: str, club: str, *, on: date, **kw: object) -> str:
    return add_claim(
        graph,
        player,
        kw.pop("predicate", "joins"),  # type: ignore[arg-type]
        club,
        stated=on,
        source="Transfermarkt",
        modality=Modality.CONFIRMED,
        outcome=True,
        covers=kw.pop("covers", SEASON),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def _of(graph: ClaimGraph, claim_id: str, **options: object) -> Resolution:
    return {r.claim: r for r in resolve_claims(graph, **options)}[claim_id]  # type: ignore[arg-type]


def test_joined_the_rumoured_club_within_the_window_confirms() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Ben White", "Arsenal")
    outcome = _done(g, "Ben White", "Arsenal FC", on=date(2021, 7, 30))
    res = _of(g, rumour)
    assert res.status is Status.CONFIRMED
    assert res.resolved_by == outcome
    assert "Ben White joined Arsenal FC on 2021-07-30" in res.reason
    assert res.deadline == date(2021, 9, 1)


def test_joining_after_the_window_closed_does_not_confirm() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Ben White", "Arsenal")
    _done(g, "Ben White", "Arsenal", on=date(2022, 1, 20))
    res = _of(g, rumour)
    assert res.status is Status.REFUTED
    assert res.resolved_by is None
    assert "window closed" in res.reason


def test_joined_another_club_refutes_and_names_it() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Jadon Sancho", "Chelsea")
    outcome = _done(g, "Jadon Sancho", "Manchester United", on=date(2021, 7, 23))
    res = _of(g, rumour)
    assert res.status is Status.REFUTED
    assert res.resolved_by == outcome
    assert res.reason.startswith("Jadon Sancho joined Manchester United on 2021-07-23")
    assert res.reason.endswith("instead")


def test_stayed_is_open_until_the_window_closes_then_refuted_where_outcomes_cover_it() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Harry Kane", "Manchester City")
    _done(g, "Someone Else", "Manchester City", on=date(2021, 6, 20))  # known to 20 June
    assert _of(g, rumour).status is Status.OPEN
    assert "open until 2021-09-01" in _of(g, rumour).reason
    closed = _of(g, rumour, as_of=date(2021, 9, 1))
    assert closed.status is Status.REFUTED
    assert "window closed" in closed.reason and "Transfermarkt" in closed.reason


def test_silence_refutes_nothing_the_outcome_data_does_not_cover() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Harry Kane", "Manchester City")
    _done(g, "Someone Else", "Leeds United", on=date(2021, 6, 20))  # neither Kane nor City
    res = _of(g, rumour, as_of=date(2021, 9, 1))
    assert res.status is Status.OPEN
    assert res.reason.startswith(
        "no outcome data covers Harry Kane or Manchester City in that period"
    )
    assert res.resolved_by is None


def test_coverage_is_for_a_period_and_a_person_counts_as_much_as_a_club() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Harry Kane", "Manchester City")  # its window closes 2021-09-01
    _done(
        g,
        "Harry Kane",
        "Tottenham Hotspur",
        on=date(2019, 7, 1),
        predicate="leaves",
        covers=(date(2019, 6, 1), date(2019, 9, 1)),
    )
    assert _of(g, rumour, as_of=date(2021, 9, 1)).status is Status.OPEN  # 2019 only
    _done(g, "Harry Kane", "Tottenham Hotspur", on=date(2021, 8, 1), predicate="leaves")
    refuted = _of(g, rumour, as_of=date(2021, 9, 1))
    assert refuted.status is Status.REFUTED, refuted.reason  # the 2021-22 table names Kane


def test_a_contradicting_outcome_refutes_even_outside_any_coverage() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Jadon Sancho", "Chelsea")
    outcome = _done(
        g, "Jadon Sancho", "Manchester United", on=date(2021, 7, 23), covers=(APRIL, APRIL)
    )
    res = _of(g, rumour)
    assert (res.status, res.resolved_by) == (Status.REFUTED, outcome)


def test_no_outcomes_at_all_leaves_everything_open() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Harry Kane", "Manchester City")
    assert _of(g, rumour).status is Status.OPEN


def test_a_loan_does_not_confirm_a_permanent_move() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Ainsley Maitland-Niles", "Everton", transfer_type=TransferType.PERMANENT)
    _done(
        g,
        "Ainsley Maitland-Niles",
        "Everton",
        on=date(2021, 8, 31),
        predicate="loaned_to",
        transfer_type=TransferType.LOAN,
    )
    res = _of(g, rumour)
    assert res.status is Status.REFUTED
    assert "but on loan" in res.reason


def test_a_free_move_confirms_a_permanent_one_and_unspecified_terms_match_a_loan() -> None:
    g = ClaimGraph()
    free = _rumour(g, "Gini Wijnaldum", "Barcelona", transfer_type=TransferType.PERMANENT)
    any_terms = _rumour(g, "Daniel James", "Leeds")
    _done(g, "Gini Wijnaldum", "Barcelona", on=date(2021, 6, 10), transfer_type=TransferType.FREE)
    _done(g, "Daniel James", "Leeds", on=date(2021, 8, 31), predicate="loaned_to")
    assert _of(g, free).status is Status.CONFIRMED
    assert _of(g, any_terms).status is Status.CONFIRMED


def test_a_club_with_two_similar_names_is_not_matched_by_the_shared_part() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Raphael Varane", "Manchester")  # which Manchester? neither
    _done(g, "Raphael Varane", "Manchester United", on=date(2021, 8, 14))
    _done(g, "Jack Grealish", "Manchester City", on=date(2021, 8, 5))
    res = _of(g, rumour)
    assert res.status is Status.REFUTED  # he joined a club that is not "Manchester"
    assert "instead" in res.reason


def test_short_and_long_names_of_one_club_match() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Martin Ødegaard", "Man Utd")
    _done(g, "Martin Odegaard", "Manchester United FC", on=date(2021, 8, 20))
    assert _of(g, rumour).status is Status.CONFIRMED


def test_similar_people_are_not_confused() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Marcos Alonso", "Barcelona")
    _done(g, "Xabi Alonso", "Barcelona", on=date(2021, 7, 1))
    res = _of(g, rumour, as_of=date(2021, 8, 1))
    assert res.status is Status.OPEN


def test_another_manager_appointed_refutes_a_managerial_claim() -> None:
    g = ClaimGraph()
    rumour = add_claim(
        g, "Jürgen Klopp", "appointed_by", "Real Madrid", stated=date(2025, 4, 17), source="UOL"
    )
    outcome = add_claim(
        g,
        "Xabi Alonso",
        "appointed_by",
        "Real Madrid",
        stated=date(2025, 5, 25),
        valid_from=date(2025, 6, 1),
        modality=Modality.CONFIRMED,
        outcome=True,
    )
    res = _of(g, rumour)
    assert (res.status, res.resolved_by) == (Status.REFUTED, outcome)
    assert res.reason.startswith("Xabi Alonso was appointed by Real Madrid on 2025-06-01")


def test_a_player_signing_does_not_refute_another_players_move() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Harry Kane", "Chelsea")
    _done(g, "Romelu Lukaku", "Chelsea", on=date(2021, 8, 12))
    assert _of(g, rumour, as_of=date(2021, 8, 20)).status is Status.OPEN


def test_a_claimed_date_is_held_to_the_tolerance() -> None:
    g = ClaimGraph()
    sacked = add_claim(
        g,
        "Carlo Ancelotti",
        "sacked_by",
        "Real Madrid",
        stated=date(2025, 4, 17),
        valid_from=date(2025, 4, 26),
    )
    left = _done(g, "Carlo Ancelotti", "Real Madrid", on=date(2025, 5, 24), predicate="leaves")
    res = _of(g, sacked)
    assert (res.status, res.resolved_by) == (Status.REFUTED, left)
    assert "not around 2025-04-26 as claimed" in res.reason
    assert _of(g, sacked, date_tolerance=timedelta(days=30)).status is Status.CONFIRMED


def test_a_denial_gets_the_opposite_status() -> None:
    g = ClaimGraph()
    denial = add_claim(
        g,
        "Real Madrid",
        "considers",
        "Xabi Alonso",
        stated=date(2025, 4, 17),
        polarity=Polarity.NEGATIVE,
        source="Florentino Pérez",
        source_type=SourceType.SPEAKER,
    )
    _done(g, "Xabi Alonso", "Real Madrid", on=date(2025, 5, 25), predicate="appointed_by")
    res = _of(g, denial)
    assert res.status is Status.REFUTED
    assert res.reason.startswith("the claim denies the move, and Xabi Alonso was appointed")


def test_the_window_is_configurable() -> None:
    g = ClaimGraph()
    rumour = _rumour(g, "Ben White", "Arsenal")
    _done(g, "Ben White", "Arsenal", on=date(2021, 7, 30))
    assert _of(g, rumour, window=timedelta(days=30)).status is Status.REFUTED
    summer_only = TransferWindows(windows=(((7, 1), (8, 1)),))
    assert _of(g, rumour, window=summer_only).status is Status.CONFIRMED
    assert summer_only.deadline(APRIL) == date(2021, 8, 1)


def test_a_tenure_from_a_spells_table_decides_an_appointment() -> None:
    g = ClaimGraph()
    rumour = add_claim(
        g, "Antonio Conte", "appointed_by", "Tottenham Hotspur", stated=date(2021, 10, 30)
    )
    add_claim(
        g,
        "Antonio Conte",
        "manages",
        "Spurs",
        stated=None,
        valid_from=date(2021, 11, 2),
        valid_to=date(2023, 3, 26),
        modality=Modality.CONFIRMED,
        outcome=True,
        source="Soccerbase",
    )
    res = _of(g, rumour)
    assert res.status is Status.CONFIRMED
    assert "on 2021-11-02" in res.reason


def test_the_earliest_rival_appointment_in_the_window_is_named() -> None:
    g = ClaimGraph()
    rumour = add_claim(
        g, "Jürgen Klopp", "appointed_by", "Real Madrid", stated=date(2025, 4, 17), source="UOL"
    )

    def appointed(name: str, stated: date, start: date) -> str:
        return add_claim(
            g,
            name,
            "appointed_by",
            "Real Madrid",
            stated=stated,
            valid_from=start,
            modality=Modality.CONFIRMED,
            outcome=True,
        )

    appointed("José Mourinho", date(2024, 1, 2), date(2024, 2, 1))  # over before the window
    appointed("Zinedine Zidane", date(2025, 8, 1), date(2025, 8, 1))
    alonso = appointed("Xabi Alonso", date(2025, 3, 1), date(2025, 6, 1))  # announced earlier
    res = _of(g, rumour)
    assert (res.status, res.resolved_by) == (Status.REFUTED, alonso)
    assert res.reason.startswith(
        "Xabi Alonso was appointed by Real Madrid on 2025-06-01 (announced 2025-03-01"
    )


def _examples() -> ClaimGraph:
    """The seed story and its outcomes, read by the project's loaders as ``kg build`` reads them."""
    return loaded(REPO / "examples")


def _window_closed(graph: ClaimGraph, subject: str, obj: str) -> str:
    """The reason of the claim about ``subject`` and ``obj`` refuted by its window closing."""
    names = {e.id: e.name for e in graph.entities.values()}
    (reason,) = [
        r.reason
        for r in resolve_claims(graph)
        if {names[graph.claims[r.claim].subject], names.get(graph.claims[r.claim].object or "")}
        == {subject, obj}
        and "window closed" in r.reason
    ]
    return reason


def test_the_source_named_as_covering_a_claim_is_one_whose_outcomes_cover_it() -> None:
    # The demo's outcome file holds the announcements of Real Madrid, the CBF and Red Bull, and
    # declares that it covers Real Madrid, Brazil, Bayer Leverkusen and the three coaches.
    graph = _examples()
    real = _window_closed(graph, "Jürgen Klopp", "Real Madrid")
    assert "(outcome data covering it: Real Madrid (official);" in real  # not the CBF's
    brazil = _window_closed(graph, "Jürgen Klopp", "Brazil")
    assert "(outcome data covering it: CBF (official);" in brazil
    # a club the file declares but none of its outcomes names: the file's sources, all of them
    add_claim(graph, "Sam Okafor", "joins", "Bayer Leverkusen", stated=date(2025, 4, 20))
    leverkusen = _window_closed(graph, "Sam Okafor", "Bayer Leverkusen")
    assert (
        "(outcome data covering it: CBF (official), Real Madrid (official), Red Bull (official))"
        in leverkusen
    )
