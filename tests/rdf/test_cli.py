"""``kg export``, ``kg validate`` and ``kg sparql`` driven as a user runs them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers
from kg.vocab import EntityType, Kind, Modality, Polarity
from tests.rdf.conftest import EXAMPLE, exported, oxigraph_triples

runner = CliRunner()


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_export_writes_turtle_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "graph.ttl"
    code, _stdout, stderr = kg("export", "-f", "turtle", "-o", str(out), "--from", str(EXAMPLE))
    assert code == 0
    assert "Exported 16 claims" in stderr and str(out) in stderr
    assert out.read_text().count("a kg:Claim") == 16
    assert not list(out.parent.glob(".*tmp"))


def test_export_to_stdout_and_format_from_extension(tmp_path: Path) -> None:
    code, stdout, _ = kg("export", "-f", "ntriples", "-o", "-", "--from", str(EXAMPLE))
    assert code == 0 and stdout.count("\n") > 300
    out = tmp_path / "graph.jsonld"
    assert kg("export", "-o", str(out), "--from", str(EXAMPLE))[0] == 0
    assert json.loads(out.read_text())["@graph"]


def test_export_graphml(tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    assert kg("export", "-f", "graphml", "-o", str(out), "--from", str(EXAMPLE))[0] == 0
    assert "<graphml" in out.read_text()


def test_bad_base_is_one_line_error() -> None:
    result = runner.invoke(cli, ["export", "--base", "nope", "--from", str(EXAMPLE)])
    assert result.exit_code != 0
    assert "not absolute" in str(result.exception) or "not absolute" in result.output


def test_validate_accepts_the_example_export(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    kg("export", "-o", str(out), "--from", str(EXAMPLE))
    code, stdout, _ = kg("validate", str(out))
    assert code == 0
    assert "conforms to ontology/shapes.ttl" in stdout


def sourceless_graph() -> ClaimGraph:
    """A claim stated in a claims file with no outlet and credited to nobody."""
    graph = ClaimGraph()
    doc = graph.add_document(Document.identified(path="claims.yaml"))
    a = graph.add_entity(Entity.named("Luka Modrić", EntityType.PERSON))
    b = graph.add_entity(Entity.named("Real Madrid", EntityType.CLUB))
    fields: dict[str, Any] = {
        "subject": a,
        "predicate": "extends_contract",
        "object": b,
        "object_value": None,
        "qualifiers": Qualifiers(),
        "modality": Modality.REPORTED,
        "polarity": Polarity.POSITIVE,
        "attributed_to": [],
        "document": doc,
        "stated_at": date(2025, 4, 17),
        "valid_from": None,
        "valid_to": None,
    }
    graph.add_claim(Claim(id=Claim.content_id(**fields), kind=Kind.CONTRACT, **fields))
    return graph


def run_validate(tmp_path: Path, data: bytes, suffix: str = ".ttl") -> tuple[int, str, str]:
    path = tmp_path / f"data{suffix}"
    path.write_bytes(data)
    result = runner.invoke(cli, ["validate", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_claim_without_a_source_fails_with_a_readable_message(tmp_path: Path) -> None:
    code, stdout, error = run_validate(tmp_path, exported(sourceless_graph(), "turtle"))
    assert code != 0
    line = next(x for x in stdout.splitlines() if "source" in x)
    assert re.search(
        r"^Violation: <https://w3id.org/kg-football/id/claim/\w+> prov:wasAttributedTo: ", line
    )
    assert "a claim needs at least one source" in line
    assert "does not conform" in error and "1 violation" in error


def test_bad_date_fails_with_a_readable_message(example: ClaimGraph, tmp_path: Path) -> None:
    text = exported(example, "turtle").decode()
    assert '"2025-04-26"^^xsd:date' in text
    code, stdout, _ = run_validate(
        tmp_path, text.replace('"2025-04-26"^^xsd:date', '"2025-02-30"^^xsd:date').encode()
    )
    assert code != 0
    assert "kg:validFrom: valid-from (kg:validFrom) must be one valid xsd:date" in stdout
    assert '"2025-02-30"' in stdout


def test_kind_and_dates_are_checked_across_properties(example: ClaimGraph, tmp_path: Path) -> None:
    text = exported(example, "turtle").decode()
    broken = text.replace("kg:kind kg:result", "kg:kind kg:role", 1)
    broken = broken.replace(
        'kg:validFrom "2022-10-05"',
        'kg:validFrom "2022-10-05" ; kg:validTo "2020-01-01"^^xsd:date ; kg:note "x"',
        1,
    )
    code, stdout, _ = run_validate(tmp_path, broken.encode())
    assert code != 0
    assert "the claim's predicate must be a sub-property of its kind" in stdout
    assert "must not be after valid-to" in stdout


def test_validate_without_file_checks_the_current_graph() -> None:
    code, stdout, _ = kg("validate", "--from", str(EXAMPLE))
    assert code == 0 and "the graph conforms" in stdout


@pytest.mark.slow
def test_synthetic_export_conforms(tmp_path: Path) -> None:
    from kg.synthetic import synthetic_graph

    code, stdout, _error = run_validate(tmp_path, exported(synthetic_graph(300), "turtle"))
    assert code == 0, stdout[:2000]


def test_sparql_select_table_json_csv() -> None:
    query = (
        "SELECT ?coach WHERE { ?c kg:predicate kg:manages ; kg:modality kg:ModalityFact ;"
        " kg:subject/rdfs:label ?coach } ORDER BY ?coach"
    )
    code, stdout, _ = kg("sparql", query, "--from", str(EXAMPLE))
    assert code == 0 and "Hansi Flick" in stdout and "Xabi Alonso" in stdout
    code, stdout, _ = kg("sparql", query, "--format", "json", "--from", str(EXAMPLE))
    assert json.loads(stdout) == [
        {"coach": "Carlo Ancelotti"},
        {"coach": "Hansi Flick"},
        {"coach": "Xabi Alonso"},
    ]
    code, stdout, _ = kg("sparql", query, "--format", "csv", "--from", str(EXAMPLE))
    assert stdout.splitlines() == ["coach", "Carlo Ancelotti", "Hansi Flick", "Xabi Alonso"]


def test_sparql_sees_the_ontology_ask_and_construct() -> None:
    interest = "SELECT (COUNT(?c) AS ?n) WHERE { ?c kg:predicate/rdfs:subPropertyOf kg:interest }"
    _, stdout, _ = kg("sparql", interest, "--format", "csv", "--from", str(EXAMPLE))
    assert stdout.splitlines()[1] == "5"
    assert (
        kg(
            "sparql", "ASK { person:hansi-flick kg:manages club:barcelona }", "--from", str(EXAMPLE)
        )[1]
        == "true\n"
    )
    _code, stdout, _ = kg(
        "sparql",
        "CONSTRUCT { ?s kg:manages ?o } WHERE { ?s kg:manages ?o }",
        "--from",
        str(EXAMPLE),
    )
    assert len(oxigraph_triples(stdout.encode(), "turtle")) == 3


def test_sparql_syntax_error_is_one_line() -> None:
    result = runner.invoke(cli, ["sparql", "SELECT ?x WHERE {", "--from", str(EXAMPLE)])
    assert result.exit_code != 0
    assert "kg: error: invalid SPARQL: error at 1:18" in result.stderr


def test_export_build_export_through_the_store(kg_env: object, tmp_path: Path) -> None:
    """The stored graph, exported, rebuilt from that export and exported again, is unchanged."""
    assert kg("build", str(EXAMPLE))[0] == 0
    first = tmp_path / "first.ttl"
    assert kg("export", "-o", str(first))[0] == 0
    code, _, stderr = kg("build", "--rebuild", str(first))
    assert code == 0, stderr
    second = tmp_path / "second.ttl"
    assert kg("export", "-o", str(second))[0] == 0
    assert oxigraph_triples(second.read_bytes(), "turtle") == oxigraph_triples(
        first.read_bytes(), "turtle"
    )
    assert first.read_text().count("a kg:Claim") == 16
