"""Outcome tables load as confirmed claims dated to their window or spell, with row-level errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.model import ClaimGraph
from kg.outcomes.resolution import resolve_claims
from kg.vocab import Modality, Status, TransferType
from loaders import LoadReport, load_paths, loader_for

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"

_COLUMNS = (
    "club_name,player_name,age,position,club_involved_name,fee,transfer_movement,"
    "transfer_period,fee_cleaned,league_name,year,season,country"
)
_TAIL = "Premier League,2021,2021/2022,England"
TRANSFERS = "\n".join(
    [
        _COLUMNS,
        f"Arsenal FC,Ben White,23,CB,Brighton & Hove Albion,€58.50m,in,Summer,58.5,{_TAIL}",
        f"Arsenal FC,Ainsley Maitland-Niles,23,RB,AS Roma,loan transfer,out,Winter,NA,{_TAIL}",
        f'Arsenal FC,Some Loanee,20,LW,Leeds United,"End of loanJun 30, 2021",in,Summer,NA,{_TAIL}',
        f"Arsenal FC,Bad Row,20,LW,Leeds United,?,sideways,Summer,NA,{_TAIL}",
        "",
    ]
)

COMPLETED = """id,player_name,player_age,player_position,club_left,club_joined,market_value,season
1,Jadon Sancho,21,Right Winger,Borussia Dortmund,Manchester United,€90.00m,2021
2,,21,Right Winger,Somewhere,Elsewhere,€1.00m,2021
"""

SPELLS = """manager,start_date,end_date,club
Mikel Arteta,"22 Dec, 2019",Present,Arsenal
Unai Emery,"23 May, 2018","29 Nov, 2019",Arsenal
Nobody,"someday",Present,Arsenal
"""


def _load(tmp_path: Path, name: str, text: str) -> tuple[ClaimGraph, LoadReport, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths([path], report):
        graph.merge(fragment)
    return graph, report, loader_for(path).name


def _facts(graph: ClaimGraph) -> set[tuple[str, str, str, date | None, date | None]]:
    return {
        (c.subject, c.predicate, c.object or "", c.valid_from, c.valid_to)
        for c in graph.claims.values()
    }


def test_transfer_rows_become_dated_moves_loans_and_returns(tmp_path: Path) -> None:
    graph, report, loader = _load(tmp_path, "transfers.csv", TRANSFERS)
    assert loader == "transfers"
    summer = (date(2021, 6, 1), date(2021, 9, 1))
    winter = (date(2022, 1, 1), date(2022, 2, 1))  # the 2021/22 season's winter window
    assert _facts(graph) >= {
        # clubs by the gazetteer's names: "Arsenal FC" is Arsenal, "AS Roma" Roma
        ("person:ben-white", "joins", "club:arsenal", *summer),
        ("person:ben-white", "leaves", "club:brighton-hove-albion", *summer),
        ("person:ainsley-maitland-niles", "loaned_to", "club:roma", *winter),
        ("person:some-loanee", "returns_to", "club:arsenal", *summer),
    }
    assert all(c.modality is Modality.CONFIRMED for c in graph.claims.values())
    assert all(c.status is Status.CONFIRMED for c in graph.claims.values())
    loan = next(c for c in graph.claims.values() if c.predicate == "loaned_to")
    assert loan.qualifiers.transfer_type is TransferType.LOAN
    assert [s.name for s in graph.sources.values()] == ["Transfermarkt"]
    assert [(p.line, p.message) for p in report.problems] == [
        (5, "column 'transfer_movement': expected 'in' or 'out', got 'sideways'")
    ]


def test_completed_transfers_are_dated_to_the_season(tmp_path: Path) -> None:
    graph, report, loader = _load(tmp_path, "completed.csv", COMPLETED)
    assert loader == "completed-transfers"
    assert (
        "person:jadon-sancho",
        "joins",
        "club:manchester-united",
        date(2021, 6, 1),
        date(2022, 2, 1),
    ) in _facts(graph)
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "column 'player_name' (player) is empty")
    ]


def test_manager_spells_become_roles_that_decide_appointments(tmp_path: Path) -> None:
    graph, report, loader = _load(tmp_path, "managers.csv", SPELLS)
    assert loader == "manager-spells"
    assert (
        "person:unai-emery",
        "manages",
        "club:arsenal",
        date(2018, 5, 23),
        date(2019, 11, 29),
    ) in _facts(graph)
    assert ("person:mikel-arteta", "manages", "club:arsenal", date(2019, 12, 22), None) in _facts(
        graph
    )
    assert len(report.problems) == 1 and "expected a date like" in report.problems[0].message

    from kg.synthetic.cases import add_claim

    rumour = add_claim(graph, "Mikel Arteta", "appointed_by", "Arsenal", stated=date(2019, 12, 1))
    status = {r.claim: r for r in resolve_claims(graph)}[rumour]
    assert status.status is Status.CONFIRMED
    assert "Soccerbase" in status.reason


def test_a_table_missing_a_column_is_not_taken_for_an_outcome_table(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("subject,subject_type,predicate,object,object_type\n", encoding="utf-8")
    assert loader_for(path).name == "csv"


@pytest.mark.corpus
def test_the_corpus_tables_load_without_rejects() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    paths = [
        CORPUS / "pl_manager_tenures_soccerbase" / "managers.csv",
        CORPUS / "bbc_gossip_rumours" / "transfermarkt_completed_transfers_2021_2022.csv",
    ]
    report = LoadReport()
    claims = sum(len(g.claims) for g in load_paths(paths, report))
    assert report.problems == []
    assert claims > 3000


def test_a_custom_layout_registered_as_the_readme_shows_is_recognised(tmp_path: Path) -> None:
    """Issue 20: user layouts are tried before the built-in ones, by their columns alone."""
    from loaders import register
    from loaders.outcomes import Columns, TransferTable
    from loaders.registry import unregister

    path = tmp_path / "moves.csv"
    path.write_text(
        "team,name,other,dir,window,season,price\n"
        "Arsenal FC,Ben White,Brighton & Hove Albion,in,Summer,2021,€58.50m\n",
        encoding="utf-8",
    )
    _, report, before = _load(tmp_path, "moves.csv", path.read_text(encoding="utf-8"))
    assert before == "csv" and report.problems  # a claim file without a subject column
    register(
        TransferTable(
            Columns(
                player="name",
                club="team",
                other_club="other",
                direction="dir",
                period="window",
                year="season",
                fee="price",
            )
        )
    )
    try:
        graph, report, name = _load(tmp_path, "moves.csv", path.read_text(encoding="utf-8"))
    finally:
        unregister("transfers")
    assert name == "transfers" and not report.problems
    assert ("person:ben-white", "joins", "club:arsenal") in {  # "Arsenal FC", resolved
        (s, p, o) for s, p, o, _, _ in _facts(graph)
    }
    assert loader_for(path).name == "csv"  # unregistered: the built-in table is back
