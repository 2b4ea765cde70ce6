"""Fixtures for the linked-data tests: the seed example and synthetic graphs, and helpers that
turn what rdflib and pyoxigraph parse into comparable sets of ground triples."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib import Literal as RLiteral
from rdflib import namespace as rns

from kg.model import ClaimGraph
from kg.rdf.export import export
from kg.rdf.iri import DEFAULT_BASE
from kg.synthetic import synthetic_graph
from tests.conftest import loaded

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "seed-2025-04-17.yaml"

#: Format name → (file extension, rdflib parser name, pyoxigraph format)
RDF_FORMATS = {
    "turtle": (".ttl", "turtle", ox.RdfFormat.TURTLE),
    "ntriples": (".nt", "nt", ox.RdfFormat.N_TRIPLES),
    "nquads": (".nq", "nquads", ox.RdfFormat.N_QUADS),
    "trig": (".trig", "trig", ox.RdfFormat.TRIG),
    "jsonld": (".jsonld", "json-ld", ox.RdfFormat.JSON_LD),
}

Term = tuple[str, ...]
Triple = tuple[Term, Term, Term]


def load_example() -> ClaimGraph:
    return loaded(EXAMPLE)


@pytest.fixture(scope="session")
def example() -> ClaimGraph:
    """The seed story of 17 April 2025, read from examples/."""
    return load_example()


@pytest.fixture(scope="session")
def synthetic_2k() -> ClaimGraph:
    return synthetic_graph(2_000, seed=7)


@pytest.fixture(scope="session")
def synthetic_500() -> ClaimGraph:
    """The smallest synthetic graph that still exports every character, predicate and datatype
    of the 10,000-claim one (130, 63 and 7 when this was measured): the generator draws from
    fixed lists."""
    return synthetic_graph(500, seed=7)


def exported(graph: ClaimGraph, fmt: str, base: str = DEFAULT_BASE) -> bytes:
    out = io.BytesIO()
    export(graph, out, format=fmt, base=base)
    return out.getvalue()


def _ox_term(term: object) -> Term:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        return ("lit", term.value, term.datatype.value, term.language or "")
    raise AssertionError(f"unexpected term {term!r} (kg writes no blank nodes)")


def _rdflib_term(term: object) -> Term:
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, RLiteral):
        datatype = (
            str(term.datatype or rns.XSD.string)
            if not term.language
            else str(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"))
        )
        return ("lit", str(term), datatype, term.language or "")
    assert not isinstance(term, BNode), "kg writes no blank nodes"
    raise AssertionError(f"unexpected term {term!r}")


def oxigraph_triples(data: bytes, fmt: str) -> set[Triple]:
    """Ground triples as pyoxigraph parses them (named graphs merged)."""
    return {
        (_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object))
        for q in ox.parse(data, RDF_FORMATS[fmt][2])
    }


def rdflib_triples(data: bytes, fmt: str) -> set[Triple]:
    """Ground triples as rdflib parses them (named graphs merged)."""
    name = RDF_FORMATS[fmt][1]
    if fmt in {"trig", "nquads"}:
        dataset = Dataset()
        dataset.parse(data=data, format=name)
        found = dataset.quads((None, None, None, None))
        return {(_rdflib_term(s), _rdflib_term(p), _rdflib_term(o)) for s, p, o, _ in found}
    graph = Graph().parse(data=data, format=name)
    return {(_rdflib_term(s), _rdflib_term(p), _rdflib_term(o)) for s, p, o in graph}
