"""The ontology is the source of truth: it loads, declares every term it uses, matches the code's
namespace class and vocabularies term for term, and covers every predicate kg exports."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

import ontology
from kg.rdf.export import export
from kg.rdf.namespace import KG, camel
from kg.synthetic import synthetic_graph
from kg.vocab import (
    PREDICATES,
    EntityType,
    Kind,
    Modality,
    Polarity,
    SourceType,
    Status,
    TransferType,
)

NS = ontology.NAMESPACE
WIKIDATA = ("http://www.wikidata.org/entity/Q", "http://www.wikidata.org/prop/direct/P")
#: External vocabularies whose rdflib namespace classes list their terms.
EXTERNAL = (rns.OWL, rns.RDF, rns.RDFS, rns.SKOS, rns.PROV, rns.SDO, rns.DCTERMS, rns.XSD)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology.ONTOLOGY_TTL, format="turtle")


def declared(onto: Graph) -> set[str]:
    return {str(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}


def external_term_exists(iri: str) -> bool:
    for vocab in EXTERNAL:
        base = str(vocab._NS) if hasattr(vocab, "_NS") else str(vocab)
        if iri.startswith(base):
            return iri[len(base) :] in vocab
    return iri.startswith(WIKIDATA)


def test_ontology_loads_with_a_versioned_iri(onto: Graph) -> None:
    root = URIRef(ontology.ONTOLOGY_IRI)
    assert (root, RDF.type, OWL.Ontology) in onto
    assert onto.value(root, OWL.versionIRI) == URIRef(ontology.VERSION_IRI)
    assert str(onto.value(root, OWL.versionInfo)) == ontology.VERSION


def test_namespace_class_matches_the_turtle_term_for_term(onto: Graph) -> None:
    in_code = {str(KG[name]) for name in KG.__annotations__}
    assert in_code == declared(onto)
    with pytest.raises(AttributeError):
        KG.plaisFor  # noqa: B018  (a typo must fail, not mint a new term)


def test_no_term_is_used_without_a_declaration(onto: Graph) -> None:
    ours = declared(onto)
    used = {str(t) for triple in onto for t in triple if isinstance(t, URIRef)}
    undeclared = sorted(t for t in used if t.startswith(NS) and t not in ours)
    assert undeclared == []
    allowed_other = {ontology.ONTOLOGY_IRI, ontology.VERSION_IRI, ontology.CONTEXT_IRI}
    unknown = sorted(
        t
        for t in used
        if not t.startswith(NS)
        and t not in allowed_other
        and not t.startswith("https://opensource.org/")
        and not external_term_exists(t)
    )
    assert unknown == []


def test_every_term_has_a_label_and_a_definition(onto: Graph) -> None:
    for term in declared(onto):
        node = URIRef(term)
        assert onto.value(node, RDFS.label) is not None, term
        assert onto.value(node, SKOS.definition) is not None, term


def notations(onto: Graph, terms: Iterable[Node]) -> dict[str, Node]:
    return {str(onto.value(t, SKOS.notation)): t for t in terms}


def test_vocabularies_match_the_ontology_both_ways(onto: Graph) -> None:
    def instances(cls: URIRef) -> set[URIRef]:
        return {s for s in onto.subjects(RDF.type, cls) if isinstance(s, URIRef)}

    def subclasses(cls: URIRef) -> set[URIRef]:
        return {s for s in onto.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef)}

    assert set(notations(onto, instances(KG.Modality))) == {m.value for m in Modality}
    assert set(notations(onto, instances(KG.Polarity))) == {p.value for p in Polarity}
    assert set(notations(onto, instances(KG.Status))) == {s.value for s in Status}
    assert set(notations(onto, instances(KG.TransferType))) == {t.value for t in TransferType}
    assert set(notations(onto, subclasses(KG.Entity))) == {t.value for t in EntityType}
    assert set(notations(onto, subclasses(KG.Source))) == {t.value for t in SourceType}

    kinds = {URIRef(KG[k.value]) for k in Kind}
    top = {
        p
        for p in onto.subjects(RDF.type, OWL.ObjectProperty)
        if (p, SKOS.notation, None) in onto and (p, RDFS.subPropertyOf, None) not in onto
    }
    assert top == kinds
    specific = {p for k in kinds for p in onto.subjects(RDFS.subPropertyOf, k)}
    assert set(notations(onto, specific)) == set(PREDICATES)
    for name, pred in PREDICATES.items():
        term = URIRef(KG[camel(name)])
        assert onto.value(term, SKOS.notation) == Literal(name)
        assert list(onto.objects(term, RDFS.subPropertyOf)) == [URIRef(KG[pred.kind.value])]


def test_every_predicate_and_class_in_an_export_is_declared(onto: Graph) -> None:
    out = io.BytesIO()
    export(synthetic_graph(500), out, format="ntriples")
    data = Graph().parse(data=out.getvalue(), format="nt")
    used = {str(p) for p in data.predicates()} | {str(o) for o in data.objects(None, RDF.type)}
    ours = declared(onto)
    missing = sorted(
        t
        for t in used
        if (t.startswith(NS) and t not in ours) or not (t.startswith(NS) or external_term_exists(t))
    )
    assert missing == []
    # and the export uses every specific predicate, kind and value the data holds
    assert str(KG.manages) in used or str(KG.playsFor) in used


def test_shapes_load_and_name_only_declared_terms(onto: Graph) -> None:
    shapes = Graph().parse(ontology.SHAPES_TTL, format="turtle")
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 5
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef)}
    assert sorted(t for t in used if t.startswith(NS) and t not in declared(onto)) == []


def test_jsonld_context_terms_point_at_declared_terms(onto: Graph) -> None:
    ctx = json.loads(ontology.CONTEXT_JSONLD.read_text(encoding="utf-8"))["@context"]
    ours = declared(onto)
    for name, value in ctx.items():
        if name.startswith("@"):
            continue
        iri = value if isinstance(value, str) else value.get("@id", "")
        if iri.startswith("kg:"):
            assert NS + iri[3:] in ours, name
    assert ctx["kg"] == NS
