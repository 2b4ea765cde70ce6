"""Claim extraction on sentences written for the project: kinds, attribution, modality, dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract import extract_graph, extract_graphs
from kg.extract.output import claim_rows
from kg.model import ClaimGraph, Document, Source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
REPO = Path(__file__).resolve().parents[2]


def fragment(
    text: str, published: date | None = date(2025, 4, 17), outlet: str | None = None
) -> ClaimGraph:
    graph = ClaimGraph()
    outlet_id = graph.add_source(Source.named(outlet)) if outlet else None
    graph.add_document(
        Document.identified(title=text[:40], published=published, outlet=outlet_id, text=text)
    )
    return graph


def rows(text: str, **kwargs: object) -> list[dict[str, Any]]:
    return list(claim_rows(extract_graph(fragment(text, **kwargs))))  # type: ignore[arg-type]


def triples(found: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(r["subject"], r["kind"], r["object"]) for r in found}


def test_apposition_gives_two_role_claims_and_the_interest() -> None:
    found = rows(
        "Leicester City are interested in signing Watford and England midfielder "
        "Tom Dwyer, 26, on deadline day.",
        outlet="Leicester Mercury",
    )
    assert triples(found) == {
        ("Tom Dwyer", "role", "Watford"),
        ("Tom Dwyer", "role", "England"),
        ("Leicester City", "interest", "Tom Dwyer"),
    }
    assert all(r["attributed_to"] == ["Leicester Mercury"] for r in found)


@pytest.mark.parametrize(
    ("text", "kind", "subject", "obj"),
    [
        (
            "Brighton are set to sign Feyenoord winger Daan de Vries.",
            "move",
            "Daan de Vries",
            "Brighton & Hove Albion",
        ),
        ("Paul Minter wants to leave Everton this summer.", "departure", "Paul Minter", "Everton"),
        (
            "Paul Minter has signed a new contract with Everton.",
            "contract",
            "Paul Minter",
            "Everton",
        ),
        (
            "Napoli have rejected a bid from Juventus for Paul Minter.",
            "rejection",
            "Napoli",
            "Juventus",
        ),
        ("Paul Minter has turned down Celtic.", "rejection", "Paul Minter", "Celtic"),
        ("Arsenal beat Real Madrid on Wednesday.", "result", "Arsenal", "Real Madrid"),
        ("Sevilla are monitoring Paul Minter.", "interest", "Sevilla", "Paul Minter"),
    ],
)
def test_each_claim_kind(text: str, kind: str, subject: str, obj: str) -> None:
    assert (subject, kind, obj) in triples(rows(text))


def test_in_text_credits_echoes_and_pronoun_sources() -> None:
    text = (
        "Manager Carlo Ancelotti is under pressure, according to Sky Sports. "
        "They stated Real Madrid will sack Carlo Ancelotti on April 26. "
        "Sport echoed UOL's reporting, saying Real Madrid are monitoring Jurgen Klopp."
    )
    found = {(r["subject"], r["kind"], r["object"]): r for r in rows(text)}
    assert found[("Carlo Ancelotti", "departure", "Real Madrid")]["attributed_to"] == ["Sky Sports"]
    assert found[("Real Madrid", "interest", "Jurgen Klopp")]["attributed_to"] == ["UOL", "Sport"]


def test_negation_modality_and_dates() -> None:
    text = (
        "Real Madrid want Jurgen Klopp and not Xabi Alonso as their next manager. "
        "Paul Minter is set to join Everton next summer. "
        "Paul Minter could join Celtic earlier this month. "
        "Liverpool's interest in Paul Minter has been played down."
    )
    found = {(r["subject"], r["kind"], r["object"]): r for r in rows(text)}
    assert found[("Real Madrid", "interest", "Xabi Alonso")]["polarity"] == "negative"
    assert found[("Real Madrid", "interest", "Jurgen Klopp")]["polarity"] == "positive"
    move = found[("Paul Minter", "move", "Everton")]
    assert (move["modality"], move["date"]) == ("expected", "2025-07-01")
    assert found[("Paul Minter", "move", "Celtic")]["modality"] == "rumoured"
    assert found[("Paul Minter", "move", "Celtic")]["date"] == "2025-04-01"
    assert found[("Liverpool", "interest", "Paul Minter")]["modality"] == "denied"


def test_a_named_date_resolves_against_the_document_date() -> None:
    found = rows("Real Madrid will sack Carlo Ancelotti on April 26.")
    assert [r["date"] for r in found if r["kind"] == "departure"] == ["2025-04-26"]


def test_a_departure_in_a_long_document_entails_the_post_the_person_leaves() -> None:
    report = (
        "Norwich City have sacked manager Dean Hollis after six defeats in a row. "
        "Sunderland will sack Carlo Ancelotti on April 26. "
        "The weather was poor all week. Fans gathered outside the ground on Monday."
    )
    found = {(r["subject"], r["kind"], r["object"]): r for r in rows(report)}
    left = found[("Dean Hollis", "role", "Norwich City")]
    assert (left["modality"], left["tense"]) == ("fact", "past")
    assert found[("Carlo Ancelotti", "role", "Sunderland")]["tense"] == "present"
    # a one-line rumour states only what it states
    rumour = rows("Sam Cole could leave Ipswich Town this summer.")
    assert triples(rumour) == {("Sam Cole", "departure", "Ipswich Town")}


def test_evidence_offsets_point_into_the_document_text() -> None:
    text = "Some preamble here.\n\nPaul Minter is set to join Everton. Another line."
    found = rows(text)
    assert found and all(text[r["start"] : r["end"]] == r["evidence"] for r in found)


def test_documents_come_back_without_text_and_extraction_is_deterministic() -> None:
    text = (FIXTURES / "window-roundup.txt").read_text(encoding="utf-8")
    first = extract_graph(fragment(text))
    second = next(extract_graphs([fragment(text)]))
    assert sorted(first.claims) == sorted(second.claims) and first.claims
    (doc,) = first.documents.values()
    assert doc.text is None and doc.content_hash


def test_kg_extract_prints_one_json_object_per_claim() -> None:
    result = CliRunner().invoke(cli, ["extract", str(FIXTURES / "coach-search.md")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines and set(lines[0]) == {
        "doc",
        "subject",
        "subject_type",
        "kind",
        "predicate",
        "object",
        "object_type",
        "role_title",
        "transfer_type",
        "attributed_to",
        "modality",
        "polarity",
        "tense",
        "date",
        "evidence",
        "start",
        "end",
    }
    assert {"Sky Sports"} <= {a for line in lines for a in line["attributed_to"]}


def test_kg_extract_reports_unreadable_files_and_prints_the_rest(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Paul Minter is set to join Everton.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert '"object": "Everton"' in result.stdout


def test_kg_evaluate_scores_the_fixture_gold() -> None:
    gold = REPO / "benchmarks" / "gold" / "fixtures.jsonl"
    result = CliRunner().invoke(cli, ["evaluate", "--json", str(gold)])
    assert result.exit_code == 0, result.output
    scores = {s["split"]: s for s in map(json.loads, result.output.splitlines())}
    assert scores["dev"]["gold"] == 19 and scores["dev"]["f1"] >= 0.8


MATCH_REPORT = (
    "Hartlepool United beat Gateshead 2-0 in a lively north-east derby on Saturday afternoon.\n\n"
    "The home side dominated the first half and Tom Carrick headed them in front before the "
    "break.\n\nGateshead improved after the interval, but Hartlepool United held firm and "
    "Carrick and Joe Denby combined for the second goal.\n\n"
    "The visitors finished with ten men after a late tackle.\n"
)


def test_a_long_report_places_a_player_it_names_with_one_side_only() -> None:
    # No sentence says Denby plays for Hartlepool; the report as a whole does.
    assert ("Joe Denby", "role", "Hartlepool United") in triples(rows(MATCH_REPORT))
    # One sentence alone is no document to read that from.
    third = MATCH_REPORT.split("\n\n")[2]
    assert not [r for r in rows(third) if r["kind"] == "role"]


def test_a_club_that_wants_a_person_is_not_where_the_document_places_him() -> None:
    text = (FIXTURES / "coach-search.md").read_text("utf-8")
    found = triples(rows(text))
    assert ("Real Madrid", "interest", "Jurgen Klopp") in found, found
    assert ("Jurgen Klopp", "role", "Real Madrid") not in found, found
