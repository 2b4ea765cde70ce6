"""Export → import gives back the same claim graph (same ids), and export → import → export the
same RDF, for every format; awkward names survive; the RDF loader reports what it cannot read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.rdf.iri import DEFAULT_BASE, iri_for, segment
from kg.vocab import EntityType, Kind, Modality, Polarity, SourceType, TransferType
from loaders import LoadReport, loader_for
from loaders.rdf import parse_file
from tests.rdf.conftest import RDF_FORMATS, exported, oxigraph_triples

AWKWARD = [
    'Quote "the dream" O\'Brien',
    "Back\\slash \\n not a newline",
    "Two\nlines\r\nand a tab\t",
    "Arrow > and <angle> & amp",
    "Hash #1 / slash ? query",
    "  spaced   out  ",
    "Emoji ⚽🔥 FC",
    "Шевченко Андрій",
    "田中 碧",
    "مُحَمَّد صلاح",
    "Ødegaard Çalhanoğlu Ñúñez",
]


def awkward_graph() -> ClaimGraph:
    """Every awkward string as an entity name, a source name, a note and evidence."""
    graph = ClaimGraph()
    doc = Document.identified(
        title='Title with "quotes" & <tags>\nand a newline', published=date(2025, 4, 17)
    )
    graph.add_document(doc)
    club = graph.add_entity(Entity.named("Real Madrid", EntityType.CLUB, wikidata="Q8682"))
    for i, name in enumerate(AWKWARD):
        person = graph.add_entity(
            Entity.named(name, EntityType.PERSON, aliases=[name.strip(), "x>y"])
        )
        source = graph.add_source(Source.named(name, SourceType.JOURNALIST, domain="a.example"))
        fields: dict[str, Any] = {
            "subject": person,
            "predicate": "joins",
            "object": club,
            "object_value": None,
            "qualifiers": Qualifiers(note=name, fee="€10m", transfer_type=TransferType.LOAN),
            "modality": Modality.CONFIRMED,
            "polarity": Polarity.POSITIVE,
            "attributed_to": [source],
            "document": doc.id,
            "stated_at": date(2025, 4, 17),
            "valid_from": None,
            "valid_to": None,
        }
        graph.add_claim(
            Claim(
                id=Claim.content_id(**fields),
                kind=Kind.MOVE,
                evidence=name,
                evidence_start=i,
                evidence_end=i + len(name),
                recorded_at=datetime(2025, 4, 17, 12, 30, tzinfo=UTC),
                confidence=0.1 * (i % 10),
                **fields,
            )
        )
    return graph


def write(tmp_path: Path, graph: ClaimGraph, fmt: str, **options: str) -> Path:
    path = tmp_path / f"graph{RDF_FORMATS[fmt][0]}"
    path.write_bytes(exported(graph, fmt, **options))
    return path


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_example_round_trips_to_the_same_graph(
    example: ClaimGraph, tmp_path: Path, fmt: str
) -> None:
    path = write(tmp_path, example, fmt)
    assert loader_for(path).name == "rdf"
    back = parse_file(path)
    assert back == example
    assert oxigraph_triples(exported(back, fmt), fmt) == oxigraph_triples(path.read_bytes(), fmt)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "jsonld"])
def test_synthetic_graph_round_trips(synthetic_2k: ClaimGraph, tmp_path: Path, fmt: str) -> None:
    assert parse_file(write(tmp_path, synthetic_2k, fmt)) == synthetic_2k


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_awkward_names_survive_unchanged(tmp_path: Path, fmt: str) -> None:
    graph = awkward_graph()
    back = parse_file(write(tmp_path, graph, fmt))
    assert back == graph
    names = {e.name for e in back.entities.values()}
    assert set(AWKWARD) <= names


def test_round_trip_under_another_base(example: ClaimGraph, tmp_path: Path) -> None:
    path = write(tmp_path, example, "turtle", base="https://example.org/football/")
    assert parse_file(path) == example


@given(st.text(min_size=1, max_size=40))
def test_any_id_makes_a_valid_iri_that_decodes_back(text: str) -> None:
    iri = iri_for(DEFAULT_BASE, f"person:{text}")
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert unquote(iri.removeprefix(DEFAULT_BASE + "person/"), errors="surrogatepass") == text
    assert "/" not in segment(text) and "#" not in segment(text)


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(
        '@prefix kg: <https://w3id.org/kg-football/ontology#> .\n\n<a> kg:p "x" ;;; .\n'
    )
    with pytest.raises(InputError, match=r"broken\.ttl:3: invalid Turtle"):
        parse_file(path)


def test_incomplete_records_are_reported_and_the_rest_loads(
    example: ClaimGraph, tmp_path: Path
) -> None:
    text = exported(example, "ntriples").decode()
    claim = sorted(example.claims)[0]
    local = claim.partition(":")[2]
    kept = [
        line
        for line in text.splitlines()
        if not (f"/claim/{local}>" in line.split(" ")[0] and "wasDerivedFrom" in line)
    ]
    path = tmp_path / "partial.nt"
    path.write_text("\n".join(kept) + "\n")
    report = LoadReport()
    graphs = list(loader_for(path).load(path, report))
    assert len(graphs[0].claims) == len(example.claims) - 1
    assert len(report.problems) == 1
    assert "missing <http://www.w3.org/ns/prov#wasDerivedFrom>" in str(report.problems[0])
    assert local in str(report.problems[0])
