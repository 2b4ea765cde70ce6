"""kg's ontology, SHACL shapes and JSON-LD context, shipped as package data.

The Turtle files here are the source of truth for every RDF term kg writes; code refers to them
through :class:`kg.rdf.namespace.KG`, which a test keeps in step with ``kg.ttl`` term for term.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent

#: The OWL ontology (classes, the seven claim kinds and their sub-properties, value concepts).
ONTOLOGY_TTL = _HERE / "kg.ttl"
#: SHACL shapes that kg's exported data must conform to.
SHAPES_TTL = _HERE / "shapes.ttl"
#: The published JSON-LD context used by ``kg export -f jsonld``.
CONTEXT_JSONLD = _HERE / "context.jsonld"

#: The ontology's IRI, its version and the namespace of its terms.
ONTOLOGY_IRI = "https://w3id.org/kg-football/ontology"
VERSION = "0.1"
VERSION_IRI = f"{ONTOLOGY_IRI}/{VERSION}"
NAMESPACE = f"{ONTOLOGY_IRI}#"
#: Where the JSON-LD context is published (exports embed a copy so that no fetch is needed).
CONTEXT_IRI = f"{VERSION_IRI}/context.jsonld"

__all__ = [
    "CONTEXT_IRI",
    "CONTEXT_JSONLD",
    "NAMESPACE",
    "ONTOLOGY_IRI",
    "ONTOLOGY_TTL",
    "SHAPES_TTL",
    "VERSION",
    "VERSION_IRI",
]
