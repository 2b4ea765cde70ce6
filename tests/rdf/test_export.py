"""Exports parse in rdflib and in pyoxigraph to the same graph, follow Wikidata's split, and keep
their promises per format (named graphs in TriG, the published context in JSON-LD)."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph

import ontology
from kg.model import ClaimGraph
from kg.rdf.export import FORMATS, export, records
from kg.rdf.iri import IriError
from kg.rdf.namespace import KG
from kg.rdf.triples import holds
from tests.rdf.conftest import RDF_FORMATS, exported, oxigraph_triples, rdflib_triples

BASE = "https://w3id.org/kg-football/id/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_example_parses_the_same_in_rdflib_and_pyoxigraph(example: ClaimGraph, fmt: str) -> None:
    data = exported(example, fmt)
    from_oxigraph = oxigraph_triples(data, fmt)
    assert from_oxigraph == rdflib_triples(data, fmt)
    assert from_oxigraph == oxigraph_triples(exported(example, "ntriples"), "ntriples")
    assert len(from_oxigraph) > 20 * len(example.claims)


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_synthetic_claims_parse_the_same_in_rdflib_and_pyoxigraph(
    synthetic_500: ClaimGraph, fmt: str
) -> None:
    """Every character, predicate and datatype the generator makes: it draws from fixed lists,
    so its 500-claim graph already exports all those of its 10,000-claim one (130 characters,
    63 predicates, 7 datatypes when this was measured), which rdflib took 25-40 s a format to
    parse (the 2,000-claim one 5-10 s) for no case the 500 lack."""
    data = exported(synthetic_500, fmt)
    assert oxigraph_triples(data, fmt) == rdflib_triples(data, fmt)


def iri(kind_id: str) -> tuple[str, str]:
    kind, _, local = kind_id.partition(":")
    return ("iri", f"{BASE}{kind}/{local}")


def kg(term: str) -> tuple[str, str]:
    return ("iri", str(KG[term]))


def test_plain_triple_only_for_claims_that_hold_as_facts(example: ClaimGraph) -> None:
    triples = oxigraph_triples(exported(example, "turtle"), "turtle")
    # Flick manages Barcelona: stated as fact
    assert (iri("person:hansi-flick"), kg("manages"), iri("club:barcelona")) in triples
    # Alonso to Real Madrid: only expected, so a claim and no plain triple
    assert (iri("person:xabi-alonso"), kg("appointedBy"), iri("club:real-madrid")) not in triples
    # Real Madrid "not" considering Alonso: negative, never a plain triple
    assert (iri("club:real-madrid"), kg("considers"), iri("person:xabi-alonso")) not in triples
    plain = {t for t in triples if t[1][1] in {str(KG[n]) for n in ("manages", "beats", "leads")}}
    assert len(plain) == sum(1 for c in example.claims.values() if holds(c))


def test_claims_carry_provenance_and_typed_dates(example: ClaimGraph) -> None:
    triples = oxigraph_triples(exported(example, "turtle"), "turtle")
    claim = next(
        c
        for c in example.claims.values()
        if c.predicate == "sacked_by" and c.subject.endswith("ancelotti")
    )
    node = iri(claim.id)
    about = {(p, o) for s, p, o in triples if s == node}
    prov = "http://www.w3.org/ns/prov#"
    assert (("iri", prov + "wasAttributedTo"), iri("outlet:sky-sports")) in about
    assert (("iri", prov + "wasDerivedFrom"), iri(claim.document)) in about
    assert (kg("modality"), kg("ModalityReported")) in about
    assert (kg("validFrom"), ("lit", "2025-04-26", XSD_DATE, "")) in about
    assert (kg("statedAt"), ("lit", "2025-04-17", XSD_DATE, "")) in about


def test_entities_link_to_wikidata_when_known(example: ClaimGraph) -> None:
    triples = oxigraph_triples(exported(example, "turtle"), "turtle")
    same_as = ("iri", "http://www.w3.org/2002/07/owl#sameAs")
    assert (
        iri("club:real-madrid"),
        same_as,
        ("iri", "http://www.wikidata.org/entity/Q8682"),
    ) in triples
    assert not any(s == iri("person:xabi-alonso") and p == same_as for s, p, _ in triples)


def test_trig_puts_each_claim_in_its_own_named_graph(example: ClaimGraph) -> None:
    quads = list(ox.parse(exported(example, "trig"), ox.RdfFormat.TRIG))
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert names == {iri(c)[1] for c in example.claims}
    claim = next(iter(example.claims.values()))
    inside = [q for q in quads if q.graph_name == ox.NamedNode(iri(claim.id)[1])]
    predicates = {q.predicate.value for q in inside}
    assert "http://www.w3.org/ns/prov#wasAttributedTo" in predicates
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" in predicates
    # the union of the named graphs and the default graph is the Turtle export
    turtle = oxigraph_triples(exported(example, "turtle"), "turtle")
    assert oxigraph_triples(exported(example, "trig"), "trig") == turtle


def test_jsonld_expands_and_compacts_with_the_published_context(example: ClaimGraph) -> None:
    data = exported(example, "jsonld")
    document = json.loads(data)
    published = json.loads(ontology.CONTEXT_JSONLD.read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == published
    claim = next(n for n in document["@graph"] if n.get("type") == "Claim")
    assert {"subject", "predicate", "modality", "attributedTo", "derivedFrom"} <= set(claim)
    expanded = oxigraph_triples(data, "jsonld")
    assert expanded == oxigraph_triples(exported(example, "turtle"), "turtle")
    # compacting the graph again with the published context (rdflib's JSON-LD) loses nothing
    recompacted = (
        Graph().parse(data=data, format="json-ld").serialize(format="json-ld", context=published)
    )
    assert rdflib_triples(recompacted.encode(), "jsonld") == expanded


def test_base_iri_is_configurable(example: ClaimGraph) -> None:
    triples = oxigraph_triples(exported(example, "ntriples", base="urn:kg:"), "ntriples")
    subjects = {s[1] for s, _, _ in triples}
    assert all(s.startswith("urn:kg:") for s in subjects)
    with pytest.raises(IriError, match="must end with"):
        exported(example, "turtle", base="https://example.org/id")
    with pytest.raises(IriError, match="not absolute"):
        exported(example, "turtle", base="id/")


def test_graphml_holds_entities_sources_documents_and_claims(example: ClaimGraph) -> None:
    path_data = exported(example, "graphml")
    import io

    g = nx.read_graphml(io.BytesIO(path_data))
    counts = example.counts()
    assert g.number_of_nodes() == sum(counts.values())
    assert g.nodes["club:real-madrid"]["wikidata"] == "Q8682"
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"SUBJECT", "OBJECT", "ATTRIBUTED_TO", "STATED_IN", "MANAGES"} <= labels


def test_a_confirmed_denial_never_gives_the_plain_triple() -> None:
    from datetime import date

    from kg.synthetic.cases import add_claim
    from kg.vocab import Modality, Status

    graph = ClaimGraph()
    denial = add_claim(
        graph,
        "Real Madrid",
        "targets",
        "Jürgen Klopp",
        stated=date(2025, 4, 17),
        source="Real Madrid (official)",
        modality=Modality.DENIED,
    )
    graph.claims[denial].status = Status.CONFIRMED  # the move did not happen: the denial was right
    assert not holds(graph.claims[denial])
    triples = oxigraph_triples(exported(graph, "ntriples"), "ntriples")
    assert (iri("club:real-madrid"), kg("targets"), iri("person:jurgen-klopp")) not in triples


def test_graphml_gives_negative_claims_their_not_edge(example: ClaimGraph) -> None:
    import io

    g = nx.read_graphml(io.BytesIO(exported(example, "graphml")))
    between = [
        d
        for _, target, d in g.edges("club:real-madrid", data=True)
        if d.get("claim_id") and target == "person:xabi-alonso"
    ]
    assert sorted((d["label"], d["polarity"]) for d in between) == [
        ("NOT_CONSIDERS", "negative"),
        ("TARGETS", "positive"),
    ]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_progress_counts_every_record_once_in_order(
    example: ClaimGraph, synthetic_2k: ClaimGraph, fmt: str
) -> None:
    for graph in (example, synthetic_2k):
        told: list[int] = []
        export(graph, io.BytesIO(), format=fmt, progress=told.append)
        assert told == sorted(set(told)), told  # only forward, never the same twice
        assert (
            told[-1]
            == records(graph)
            == sum(graph.counts()[k] for k in ("entities", "sources", "documents", "claims"))
        )
        if FORMATS[fmt].rdf:  # streamed: the bar moves while claims are written
            assert len([n for n in told if n < records(graph)]) >= 3, told
