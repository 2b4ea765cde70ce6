"""Rebuilding a :class:`~kg.model.ClaimGraph` from kg's own RDF exports.

The inverse of :mod:`kg.rdf.triples`: records are found by their ``rdf:type`` and keep the ids
written as ``dcterms:identifier``, so an export read back gives the same graph, ids included,
whatever base IRI it was written under. Named graphs are read as one union (TriG, N-Quads).
A record that is incomplete or ill-typed is reported with its IRI and skipped; the rest loads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import ValidationError
from pyoxigraph import Literal, NamedNode, Quad

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.rdf import namespace as ns
from kg.rdf import triples as t
from kg.rdf.namespace import KG, WD

_T = TypeVar("_T")
Node = dict[str, list[NamedNode | Literal]]


class RecordProblem(ValueError):
    """One record of the RDF that cannot become part of the claim graph."""

    def __init__(self, subject: str, message: str, field: str | None = None) -> None:
        super().__init__(f"<{subject}>: {message}")
        self.subject = subject
        self.field = field


def _inverse(mapping: dict[Any, Any]) -> dict[str, Any]:
    return {str(iri): key for key, iri in mapping.items()}


_ENTITY_TYPES = _inverse(ns.ENTITY_CLASS)
_SOURCE_TYPES = _inverse(ns.SOURCE_CLASS)
_KINDS = _inverse(ns.KIND)
_PREDICATES = _inverse(ns.PREDICATE)
_MODALITIES = _inverse(ns.MODALITY)
_POLARITIES = _inverse(ns.POLARITY)
_STATUSES = _inverse(ns.STATUS)
_TRANSFER_TYPES = _inverse(ns.TRANSFER_TYPE)
_K = {name: str(KG[name]) for name in KG.__annotations__}
_QUALIFIERS = {field: str(term.value) for field, term in t.QUALIFIERS.items()}


def group(quads: Iterable[Quad]) -> dict[str, Node]:
    """Predicate → objects for every IRI subject, in file order, across all graphs."""
    nodes: dict[str, Node] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        s, o = quad.subject, quad.object
        if isinstance(s, NamedNode) and isinstance(o, NamedNode | Literal):
            values = nodes[s.value][quad.predicate.value]
            if o not in values:  # the same triple may sit in several named graphs
                values.append(o)
    return nodes


class _Reader:
    """Reads one grouped node at a time; a class only to share the nodes and subject."""

    def __init__(self, nodes: dict[str, Node], subject: str) -> None:
        self.nodes = nodes
        self.subject = subject
        self.node = nodes[subject]

    def fail(self, message: str, field: str | None = None) -> RecordProblem:
        return RecordProblem(self.subject, message, field)

    def values(self, predicate: str) -> list[NamedNode | Literal]:
        return self.node.get(predicate, [])

    def literal(self, predicate: str, *, required: bool = False) -> str | None:
        values = self.values(predicate)
        if not values:
            if required:
                raise self.fail(f"missing <{predicate}>", predicate)
            return None
        if len(values) > 1 or not isinstance(values[0], Literal):
            raise self.fail(f"expected one literal for <{predicate}>", predicate)
        return values[0].value

    def literals(self, predicate: str) -> list[str]:
        """Every literal value of a repeatable property, sorted (RDF keeps no order)."""
        values = self.values(predicate)
        if any(not isinstance(v, Literal) for v in values):
            raise self.fail(f"expected literals for <{predicate}>", predicate)
        return sorted(v.value for v in values)

    def flag(self, predicate: str) -> bool:
        """A boolean property: absent is false."""
        text = self.literal(predicate)
        if text is None:
            return False
        if text not in ("true", "false", "1", "0"):
            raise self.fail(f"expected true or false for <{predicate}>, got {text!r}", predicate)
        return text in ("true", "1")

    def iri(self, predicate: str, *, required: bool = False) -> str | None:
        values = self.values(predicate)
        if not values:
            if required:
                raise self.fail(f"missing <{predicate}>", predicate)
            return None
        if len(values) > 1 or not isinstance(values[0], NamedNode):
            raise self.fail(f"expected one IRI for <{predicate}>", predicate)
        return values[0].value

    def ref(self, predicate: str, *, required: bool = False) -> str | None:
        """The kg id of the record an IRI-valued property points at."""
        target = self.iri(predicate, required=required)
        return None if target is None else self.id_of(target, predicate)

    def id_of(self, target: str, predicate: str) -> str:
        ident = self.nodes.get(target, {}).get(t.IDENTIFIER.value)
        if not ident or not isinstance(ident[0], Literal):
            raise self.fail(
                f"<{predicate}> points at <{target}>, which has no kg record", predicate
            )
        return ident[0].value

    def enum(self, predicate: str, table: dict[str, Any], *, required: bool = True) -> Any:
        target = self.iri(predicate, required=required)
        if target is None:
            return None
        try:
            return table[target]
        except KeyError:
            raise self.fail(
                f"<{target}> is not a known value of <{predicate}>", predicate
            ) from None

    def date(self, predicate: str) -> date | None:
        return self._parse(predicate, date.fromisoformat, "a date as YYYY-MM-DD")

    def datetime(self, predicate: str) -> datetime | None:
        return self._parse(predicate, datetime.fromisoformat, "a date and time (ISO 8601)")

    def _parse(self, predicate: str, parse: Callable[[str], _T], expected: str) -> _T | None:
        text = self.literal(predicate)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError:
            raise self.fail(
                f"expected {expected} for <{predicate}>, got {text!r}", predicate
            ) from None

    def number(self, predicate: str, kind: type) -> Any:
        text = self.literal(predicate)
        if text is None:
            return None
        try:
            return kind(text)
        except ValueError:
            raise self.fail(
                f"expected a number for <{predicate}>, got {text!r}", predicate
            ) from None


def _entity(r: _Reader, type_iri: str) -> Entity:
    return Entity(
        id=r.literal(t.IDENTIFIER.value, required=True),
        name=r.literal(t.LABEL.value, required=True),
        type=_ENTITY_TYPES[type_iri],
        aliases=[v.value for v in r.values(t.ALT_LABEL.value)],
        wikidata=_wikidata(r),
    )


def _wikidata(r: _Reader) -> str | None:
    for value in r.values(t.SAME_AS.value):
        if isinstance(value, NamedNode) and value.value.startswith(str(WD)):
            return value.value.removeprefix(str(WD))
    return None


def _source(r: _Reader, type_iri: str) -> Source:
    return Source(
        id=r.literal(t.IDENTIFIER.value, required=True),
        name=r.literal(t.LABEL.value, required=True),
        type=_SOURCE_TYPES[type_iri],
        domain=r.literal(_K["domain"]),
        wikidata=_wikidata(r),
    )


def _document(r: _Reader) -> Document:
    return Document(
        id=r.literal(t.IDENTIFIER.value, required=True),
        title=r.literal(t.TITLE.value),
        url=r.literal(t.URL.value),
        outlet=r.ref(t.PUBLISHER.value),
        author=r.literal(_K["author"]),
        published=r.date(t.PUBLISHED.value),
        path=r.literal(_K["path"]),
        text=r.literal(t.TEXT.value),
        content_hash=r.literal(_K["contentHash"]),
        outcomes=r.flag(_K["outcomeData"]),
        covers=r.literals(_K["covers"]),
        covers_competitions=r.literals(_K["coversCompetition"]),
        covers_from=r.date(_K["coversFrom"]),
        covers_to=r.date(_K["coversTo"]),
    )


def _attributions(r: _Reader) -> list[str]:
    """Source ids in rank order (qualified attributions), else in file order."""
    ranked: list[tuple[int, str]] = []
    for node in r.values(t.QUALIFIED.value):
        if not isinstance(node, NamedNode) or node.value not in r.nodes:
            raise r.fail(f"attribution <{node.value}> is not described", t.QUALIFIED.value)
        a = _Reader(r.nodes, node.value)
        ranked.append((a.number(_K["rank"], int), a.ref(t.AGENT.value, required=True) or ""))
    if ranked:
        return [source for _, source in sorted(ranked)]
    return [
        r.id_of(v.value, t.ATTRIBUTED.value)
        for v in r.values(t.ATTRIBUTED.value)
        if isinstance(v, NamedNode)
    ]


def _claim(r: _Reader) -> Claim:
    predicate = r.enum(_K["predicate"], _PREDICATES)
    transfer = r.enum(_K["transferType"], _TRANSFER_TYPES, required=False)
    qualifiers = Qualifiers(
        transfer_type=transfer, **{f: r.literal(p) for f, p in _QUALIFIERS.items()}
    )
    return Claim(
        id=r.literal(t.IDENTIFIER.value, required=True),
        subject=r.ref(_K["subject"], required=True),
        predicate=predicate,
        object=r.ref(_K["object"]),
        object_value=r.literal(_K["objectValue"]),
        kind=r.enum(_K["kind"], _KINDS),
        qualifiers=qualifiers,
        modality=r.enum(_K["modality"], _MODALITIES),
        polarity=r.enum(_K["polarity"], _POLARITIES),
        attributed_to=_attributions(r),
        document=r.ref(t.DERIVED.value, required=True),
        evidence=r.literal(_K["evidence"]),
        evidence_start=r.number(_K["evidenceStart"], int),
        evidence_end=r.number(_K["evidenceEnd"], int),
        stated_at=r.date(_K["statedAt"]),
        valid_from=r.date(_K["validFrom"]),
        valid_to=r.date(_K["validTo"]),
        recorded_at=r.datetime(_K["recordedAt"]),
        status=r.enum(_K["status"], _STATUSES),
        confidence=r.number(_K["confidence"], float),
        status_reason=r.literal(_K["statusReason"]),
        resolved_by=r.ref(_K["resolvedBy"]),
        outcome=r.flag(_K["isOutcome"]),
    )


def read_graph(quads: Iterable[Quad]) -> tuple[ClaimGraph, list[RecordProblem]]:
    """The claim graph in ``quads`` and the records that could not be read (with why)."""
    nodes = group(quads)
    graph = ClaimGraph()
    problems: list[RecordProblem] = []
    claims: list[Claim] = []
    type_key = t.TYPE.value
    for subject in nodes:
        types = [v.value for v in nodes[subject].get(type_key, []) if isinstance(v, NamedNode)]
        r = _Reader(nodes, subject)
        try:
            for type_iri in types:
                if type_iri in _ENTITY_TYPES:
                    graph.add_entity(_entity(r, type_iri))
                elif type_iri in _SOURCE_TYPES:
                    graph.add_source(_source(r, type_iri))
                elif type_iri == _K["Document"]:
                    graph.add_document(_document(r))
                elif type_iri == _K["Claim"]:
                    claims.append(_claim(r))
        except RecordProblem as exc:
            problems.append(exc)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or None
            message = first["msg"].removeprefix("Value error, ")
            problems.append(
                RecordProblem(subject, f"{where}: {message}" if where else message, where)
            )
    for claim in claims:
        try:
            graph.add_claim(claim)
        except ValueError as exc:
            problems.append(RecordProblem(claim.id, str(exc)))
    return graph, problems
