"""JSON-LD output, compacted with kg's published context (``ontology/context.jsonld``).

The quads come grouped by subject, so each subject becomes one node object of ``@graph`` and the
document is written as it is produced, never held whole in memory. Compaction is the small subset
of the JSON-LD algorithm that flat, blank-node-free data needs: a property becomes its context
term when the value matches the term's type coercion, else its compact IRI with an expanded value.
A copy of the context is embedded so that readers need no network access.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any, BinaryIO

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import RDF, XSD

import ontology

_TYPE = str(RDF.type)
_STRING = str(XSD.string)


@cache
def context() -> dict[str, Any]:
    """The published JSON-LD context (the value of its ``@context``)."""
    document = json.loads(ontology.CONTEXT_JSONLD.read_text(encoding="utf-8"))
    ctx: dict[str, Any] = document["@context"]
    return ctx


class Compactor:
    """Maps expanded IRIs and values to the terms of a context."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        self.prefixes = {
            name: value
            for name, value in ctx.items()
            if isinstance(value, str) and not name.startswith("@") and value.endswith(("#", "/"))
        }
        # longest namespace first, so the most specific prefix wins
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self.properties: dict[str, tuple[str, str | None, bool]] = {}
        self.classes: dict[str, str] = {}
        for name, value in ctx.items():
            if name.startswith("@") or name in self.prefixes:
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                if name[:1].isupper():
                    self.classes[self.expand(value)] = name
                else:
                    self.properties[self.expand(value)] = (name, None, False)
            else:
                container = value.get("@container") == "@set"
                self.properties[self.expand(value["@id"])] = (name, value.get("@type"), container)

    def expand(self, value: str) -> str:
        """Expand a compact IRI (``kg:Claim``) with the context's prefixes."""
        prefix, sep, suffix = value.partition(":")
        if sep and prefix in self.prefixes and not suffix.startswith("//"):
            return self.prefixes[prefix] + suffix
        return value

    def iri(self, value: str) -> str:
        """The shortest safe form of an IRI: a compact IRI when a prefix covers it."""
        for prefix, namespace in self._by_length:
            if value.startswith(namespace):
                suffix = value[len(namespace) :]
                if suffix and not suffix.startswith("//"):
                    return f"{prefix}:{suffix}"
        return value

    def node(
        self, subject: str, pairs: Iterable[tuple[NamedNode, NamedNode | Literal]]
    ) -> dict[str, Any]:
        """One node object for ``subject`` from its (predicate, object) pairs."""
        out: dict[str, Any] = {"id": subject}
        sets: set[str] = set()
        for predicate, obj in pairs:
            key, value = self._entry(predicate.value, obj)
            if key == "type" and isinstance(value, str):
                value = self.classes.get(self.expand(value), value)
            if key in out:
                known = out[key]
                out[key] = [*known, value] if isinstance(known, list) else [known, value]
            elif key in sets:
                out[key] = [value]
            else:
                out[key] = value
            if self.properties.get(predicate.value, ("", None, False))[2]:
                sets.add(key)
                if not isinstance(out[key], list):
                    out[key] = [out[key]]
        return out

    def _entry(self, predicate: str, obj: NamedNode | Literal) -> tuple[str, Any]:
        if predicate == _TYPE and isinstance(obj, NamedNode):
            return "type", self.iri(obj.value)
        term, coercion, _ = self.properties.get(predicate, (None, None, False))
        if isinstance(obj, NamedNode):
            if term is not None and coercion == "@id":
                return term, self.iri(obj.value)
            return term or self.iri(predicate), {"@id": self.iri(obj.value)}
        datatype = obj.datatype.value
        if obj.language:
            value: Any = {"@value": obj.value, "@language": obj.language}
            return self.iri(predicate), value
        if term is not None:
            if coercion is None and datatype == _STRING:
                return term, obj.value
            if coercion is not None and self.expand(coercion) == datatype:
                return term, obj.value
        if datatype == _STRING:
            return self.iri(predicate), obj.value
        return self.iri(predicate), {"@value": obj.value, "@type": self.iri(datatype)}


def write_jsonld(quads: Iterable[Quad], out: BinaryIO) -> None:
    """Write the default-graph ``quads`` as one compacted JSON-LD document (streamed)."""
    ctx = context()
    compactor = Compactor(ctx)
    out.write(b'{\n"@context": ')
    out.write(json.dumps(ctx, ensure_ascii=False).encode("utf-8"))
    out.write(b',\n"@graph": [')
    first = True
    subject: str | None = None
    pairs: list[tuple[NamedNode, NamedNode | Literal]] = []

    def flush() -> None:
        nonlocal first
        if subject is None:
            return
        node = compactor.node(subject, pairs)
        out.write(b"\n" if first else b",\n")
        out.write(json.dumps(node, ensure_ascii=False).encode("utf-8"))
        first = False

    for quad in quads:
        assert isinstance(quad.subject, NamedNode)  # kg never writes blank nodes
        s = quad.subject.value
        if s != subject:
            flush()
            subject, pairs = s, []
        obj = quad.object
        assert isinstance(obj, NamedNode | Literal)
        pairs.append((quad.predicate, obj))
    flush()
    out.write(b"\n]\n}\n")
