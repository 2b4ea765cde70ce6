"""SHACL validation of exported data against ``ontology/shapes.ttl`` (pySHACL).

The ontology is passed as the extra graph so that class constraints see ``rdfs:subClassOf``.
Results come back as :class:`Violation` records naming the focus node, the path and the shape's
message, so that the CLI can print them one per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, Node, URIRef
from rdflib.namespace import RDF, SH

import ontology
from kg.rdf.triples import VOCAB_PREFIXES


@dataclass(frozen=True)
class Violation:
    """One SHACL result a person can read and act on."""

    focus: str
    path: str | None
    message: str
    value: str | None
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@cache
def _ontology() -> Graph:
    return Graph().parse(ontology.ONTOLOGY_TTL, format="turtle")


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology.SHAPES_TTL, format="turtle")


def _short(node: Node | None, graph: Graph) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        for prefix, namespace in VOCAB_PREFIXES.items():
            if str(node).startswith(namespace):
                return f"{prefix}:{str(node)[len(namespace) :]}"
        return f"<{node}>"
    return node.n3()


def validate(data: Graph) -> list[Violation]:
    """The SHACL violations of ``data``; an empty list means it conforms."""
    _, results, _ = shacl_validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        allow_warnings=True,
    )
    assert isinstance(results, Graph)
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        messages = [str(m) for m in results.objects(result, SH.resultMessage)]
        out.append(
            Violation(
                focus=_short(focus, results) or "?",
                path=_short(results.value(result, SH.resultPath), results),
                message="; ".join(messages) or "does not conform",
                value=_short(results.value(result, SH.value), results),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path or "", v.message))
