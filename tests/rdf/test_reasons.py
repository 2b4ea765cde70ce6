"""Issue 19: every decided claim's status reason and deciding outcome reach every export, are
declared in the ontology, checked by the shapes, and the shapes hold under RDFS entailment."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, XSD

import ontology
from kg.analysis.apply import resolved_graph
from kg.model import ClaimGraph
from kg.rdf.export import export
from kg.rdf.namespace import KG
from kg.vocab import Status
from loaders import LoadReport, load_paths
from tests.rdf.conftest import REPO

EXAMPLES = REPO / "examples"


@pytest.fixture(scope="module")
def demo() -> ClaimGraph:
    """The demo graph (seed story and its outcomes), settled as ``kg build`` stores it."""
    report, graph = LoadReport(), ClaimGraph()
    for fragment in load_paths([EXAMPLES], report):
        graph.merge(fragment)
    assert not report.problems
    return resolved_graph(graph)[0]


def _turtle(graph: ClaimGraph) -> Graph:
    buffer = io.BytesIO()
    export(graph, buffer, format="turtle")
    return Graph().parse(data=buffer.getvalue(), format="turtle")


def test_turtle_carries_a_reason_and_a_deciding_outcome_for_each_decided_claim(
    demo: ClaimGraph,
) -> None:
    data = _turtle(demo)
    decided = [c for c in demo.claims.values() if c.status is not Status.OPEN and not c.outcome]
    assert len(decided) == 10
    for claim in decided:
        node = next(data.subjects(predicate=None, object=Literal(claim.id)))
        reason = data.value(node, KG.statusReason)
        outcome = data.value(node, KG.resolvedBy)
        assert reason is not None and str(reason) == claim.status_reason
        assert outcome is not None, claim.id
        assert data.value(outcome, KG.isOutcome) == Literal(True)
    sacking = next(c for c in decided if c.predicate == "sacked_by" and c.status is Status.REFUTED)
    node = next(data.subjects(predicate=None, object=Literal(sacking.id)))
    assert "not around 2025-04-26 as claimed" in str(data.value(node, KG.statusReason))


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_the_demo_export_conforms_with_and_without_rdfs_entailment(
    demo: ClaimGraph, inference: str
) -> None:
    conforms, _, text = validate(
        _turtle(demo),
        shacl_graph=Graph().parse(ontology.SHAPES_TTL),
        ont_graph=Graph().parse(ontology.ONTOLOGY_TTL),
        inference=inference,
    )
    assert conforms, text


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_the_shapes_still_catch_a_wrong_kind_and_a_deciding_rumour_under_entailment(
    demo: ClaimGraph, inference: str
) -> None:
    data = _turtle(demo)
    decided = next(c for c in demo.claims.values() if c.status is Status.REFUTED and c.resolved_by)
    node = next(data.subjects(predicate=None, object=Literal(decided.id)))
    data.set((node, KG.kind, KG.role))  # a sacking is no role
    rumour = next(c for c in demo.claims.values() if not c.outcome and c is not decided)
    rumour_node = next(data.subjects(predicate=None, object=Literal(rumour.id)))
    data.set((node, KG.resolvedBy, rumour_node))  # decided by a rumour, not an outcome
    data.remove((node, KG.statusReason, None))
    conforms, _, text = validate(
        data,
        shacl_graph=Graph().parse(ontology.SHAPES_TTL),
        ont_graph=Graph().parse(ontology.ONTOLOGY_TTL),
        inference=inference,
    )
    assert not conforms
    assert "the claim's predicate must be a sub-property of its kind" in str(text)
    assert "loaded as outcome data" in str(text)
    assert "needs the reason for its status" in str(text)


def test_jsonld_and_trig_carry_the_reason_and_the_deciding_outcome(demo: ClaimGraph) -> None:
    claim = next(c for c in demo.claims.values() if c.resolved_by and not c.outcome)
    buffer = io.BytesIO()
    export(demo, buffer, format="jsonld")
    records = json.loads(buffer.getvalue())["@graph"]
    record = next(r for r in records if r.get("identifier") == claim.id)
    assert record["statusReason"] == claim.status_reason
    outcome = next(r for r in records if r.get("identifier") == claim.resolved_by)
    assert record["resolvedBy"] == outcome["id"]
    assert outcome["isOutcome"] in (True, "true")  # the context types it xsd:boolean
    buffer = io.BytesIO()
    export(demo, buffer, format="trig")
    dataset = Dataset().parse(data=buffer.getvalue(), format="trig")
    reasons = {str(o) for _, _, o, _ in dataset.quads((None, KG.statusReason, None, None))}
    assert claim.status_reason in reasons
    assert any(True for _ in dataset.quads((None, KG.resolvedBy, None, None)))


def test_graphml_carries_the_reason_and_a_resolved_by_edge(
    demo: ClaimGraph, tmp_path: Path
) -> None:
    claim = next(c for c in demo.claims.values() if c.resolved_by and not c.outcome)
    out = tmp_path / "g.graphml"
    with out.open("wb") as fh:
        export(demo, fh, format="graphml")
    g = nx.read_graphml(out)
    assert g.nodes[claim.id]["status_reason"] == claim.status_reason
    assert any(d.get("label") == "RESOLVED_BY" for _, _, d in g.edges(claim.id, data=True))
    assert g.nodes[claim.resolved_by]["outcome"] is True


def test_outcome_flag_and_coverage_are_declared_and_typed(demo: ClaimGraph) -> None:
    data = _turtle(demo)
    outcome_doc = next(d for d in demo.documents.values() if d.outcomes)
    node = next(data.subjects(predicate=None, object=Literal(outcome_doc.id)))
    assert data.value(node, KG.outcomeData) == Literal(True)
    assert {str(o) for o in data.objects(node, KG.covers)} >= {"Real Madrid", "Brazil"}
    assert data.value(node, KG.coversFrom) == Literal("2025-04-17", datatype=XSD.date)
    assert (node, RDF.type, KG.Document) in data
