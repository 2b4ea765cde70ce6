"""A :class:`~kg.model.ClaimGraph` as RDF quads, Wikidata's way.

Every claim is a resource (``kg:Claim``) with its subject, predicate, object, qualifiers, modality
and status, PROV-O provenance (``prov:wasAttributedTo`` each source, ``prov:qualifiedAttribution``
nodes that keep their order, ``prov:wasDerivedFrom`` the document) and typed dates. The plain
"truthy" triple between the two entities (``person:hansi-flick kg:manages club:barcelona``) is added
only for claims that hold as facts, see :func:`holds`.

Quads come out grouped by subject and in id order, as pyoxigraph terms, so that writers can stream
them straight into a serializer. With ``named_graphs=True`` each claim's triples (its resource,
attributions and truthy triple) go into a named graph called by the claim's IRI, nanopublication
style; entities, sources and documents stay in the default graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TypeVar

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.model import Claim, ClaimGraph, Document, Entity, Source
from kg.rdf import namespace as ns
from kg.rdf.iri import DEFAULT_BASE, attribution_iri, check_base, iri_for
from kg.rdf.namespace import KG, WD
from kg.vocab import Modality, Polarity, Status

N = NamedNode
_R = TypeVar("_R")
#: Told how many records are done so far (a progress bar's callback).
Progress = Callable[[int], None]
#: Claims between two calls of a :data:`Progress` (a call per claim would cost more than a bar
#: that moves ten times a second shows).
PROGRESS_EVERY = 1000

TYPE = N(str(RDF.type))
IDENTIFIER = N(str(DCTERMS.identifier))
LABEL = N(str(RDFS.label))
ALT_LABEL = N(str(SKOS.altLabel))
SAME_AS = N(str(OWL.sameAs))
TITLE = N(str(DCTERMS.title))
URL = N(str(SDO.url))
PUBLISHER = N(str(SDO.publisher))
PUBLISHED = N(str(SDO.datePublished))
TEXT = N(str(SDO.text))
ATTRIBUTED = N(str(PROV.wasAttributedTo))
QUALIFIED = N(str(PROV.qualifiedAttribution))
ATTRIBUTION = N(str(PROV.Attribution))
AGENT = N(str(PROV.agent))
DERIVED = N(str(PROV.wasDerivedFrom))

DATE = N(str(XSD.date))
DATETIME = N(str(XSD.dateTime))
INTEGER = N(str(XSD.integer))
POSITIVE = N(str(XSD.positiveInteger))
DOUBLE = N(str(XSD.double))
BOOLEAN = N(str(XSD.boolean))
ANY_URI = N(str(XSD.anyURI))

#: Prefixes for Turtle and TriG output (data prefixes are added per base, see :func:`prefixes`).
VOCAB_PREFIXES = {
    "kg": str(KG._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "wd": str(WD),
}
#: The first part of record ids, one data prefix each (``person:xabi-alonso``).
DATA_KINDS = (
    "person", "club", "nationalteam", "organization", "competition",
    "outlet", "journalist", "speaker", "doc", "claim", "attribution",
)  # fmt: skip


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes for readable Turtle/TriG: the vocabularies plus one per record kind."""
    return {**VOCAB_PREFIXES, **{kind: f"{base}{kind}/" for kind in DATA_KINDS}}


_KIND = {k: N(str(v)) for k, v in ns.KIND.items()}
_PREDICATE = {k: N(str(v)) for k, v in ns.PREDICATE.items()}
_MODALITY = {k: N(str(v)) for k, v in ns.MODALITY.items()}
_POLARITY = {k: N(str(v)) for k, v in ns.POLARITY.items()}
_STATUS = {k: N(str(v)) for k, v in ns.STATUS.items()}
_TRANSFER = {k: N(str(v)) for k, v in ns.TRANSFER_TYPE.items()}
_ENTITY_CLASS = {k: N(str(v)) for k, v in ns.ENTITY_CLASS.items()}
_SOURCE_CLASS = {k: N(str(v)) for k, v in ns.SOURCE_CLASS.items()}
_K = {name: N(str(KG[name])) for name in KG.__annotations__}
QUALIFIERS = {
    "role_title": _K["roleTitle"],
    "fee": _K["fee"],
    "score": _K["score"],
    "competition": _K["competition"],
    "margin": _K["margin"],
    "note": _K["note"],
}


def holds(claim: Claim) -> bool:
    """Whether a claim holds as a fact, and so gets the plain entity-to-entity triple.

    It must assert (positive polarity, not denied) a relation between two entities, must not be
    refuted, and must either be confirmed by an outcome or be stated as ``fact`` or ``confirmed``.
    Reported, expected, rumoured and denied claims stay claims only: a denial that an outcome
    confirmed says the relation does *not* hold, so it never gives the plain triple.
    """
    if claim.object is None or claim.polarity is not Polarity.POSITIVE:
        return False
    if claim.modality is Modality.DENIED:
        return False
    if claim.status is Status.REFUTED:
        return False
    return claim.status is Status.CONFIRMED or claim.modality in {
        Modality.FACT,
        Modality.CONFIRMED,
    }


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=DATE)


class _Quads:
    """Builds the quads of one graph; a class only to share the base IRI and an IRI cache."""

    def __init__(self, base: str, named_graphs: bool) -> None:
        self.base = check_base(base)
        self.named_graphs = named_graphs
        self._iris: dict[str, NamedNode] = {}

    def iri(self, record_id: str) -> NamedNode:
        node = self._iris.get(record_id)
        if node is None:
            node = self._iris[record_id] = N(iri_for(self.base, record_id))
        return node

    def entity(self, e: Entity) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        s = self.iri(e.id)
        yield s, TYPE, _ENTITY_CLASS[e.type]
        yield s, IDENTIFIER, Literal(e.id)
        yield s, LABEL, Literal(e.name)
        for alias in e.aliases:
            yield s, ALT_LABEL, Literal(alias)
        if e.wikidata:
            yield s, SAME_AS, N(WD + e.wikidata)

    def source(self, src: Source) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        s = self.iri(src.id)
        yield s, TYPE, _SOURCE_CLASS[src.type]
        yield s, IDENTIFIER, Literal(src.id)
        yield s, LABEL, Literal(src.name)
        if src.domain:
            yield s, _K["domain"], Literal(src.domain)
        if src.wikidata:
            yield s, SAME_AS, N(WD + src.wikidata)

    def document(self, d: Document) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        s = self.iri(d.id)
        yield s, TYPE, _K["Document"]
        yield s, IDENTIFIER, Literal(d.id)
        if d.title is not None:
            yield s, TITLE, Literal(d.title)
        if d.url is not None:
            yield s, URL, Literal(d.url, datatype=ANY_URI)
        if d.outlet is not None:
            yield s, PUBLISHER, self.iri(d.outlet)
        if d.author is not None:
            yield s, _K["author"], Literal(d.author)
        if d.published is not None:
            yield s, PUBLISHED, _date(d.published)
        if d.path is not None:
            yield s, _K["path"], Literal(d.path)
        if d.text is not None:
            yield s, TEXT, Literal(d.text)
        if d.content_hash is not None:
            yield s, _K["contentHash"], Literal(d.content_hash)
        if d.outcomes:
            yield s, _K["outcomeData"], Literal("true", datatype=BOOLEAN)
            for name in d.covers:
                yield s, _K["covers"], Literal(name)
            for name in d.covers_competitions:
                yield s, _K["coversCompetition"], Literal(name)
            if d.covers_from is not None:
                yield s, _K["coversFrom"], _date(d.covers_from)
            if d.covers_to is not None:
                yield s, _K["coversTo"], _date(d.covers_to)

    def claim(self, c: Claim) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        s = self.iri(c.id)
        yield s, TYPE, _K["Claim"]
        yield s, IDENTIFIER, Literal(c.id)
        yield s, _K["subject"], self.iri(c.subject)
        yield s, _K["predicate"], _PREDICATE[c.predicate]
        if c.object is not None:
            yield s, _K["object"], self.iri(c.object)
        if c.object_value is not None:
            yield s, _K["objectValue"], Literal(c.object_value)
        yield s, _K["kind"], _KIND[c.kind]
        yield s, _K["modality"], _MODALITY[c.modality]
        yield s, _K["polarity"], _POLARITY[c.polarity]
        yield s, _K["status"], _STATUS[c.status]
        q = c.qualifiers
        for field, prop in QUALIFIERS.items():
            value = getattr(q, field)
            if value is not None:
                yield s, prop, Literal(value)
        if q.transfer_type is not None:
            yield s, _K["transferType"], _TRANSFER[q.transfer_type]
        for source in c.attributed_to:
            yield s, ATTRIBUTED, self.iri(source)
        yield s, DERIVED, self.iri(c.document)
        if c.evidence is not None:
            yield s, _K["evidence"], Literal(c.evidence)
        if c.evidence_start is not None:
            yield s, _K["evidenceStart"], Literal(str(c.evidence_start), datatype=INTEGER)
        if c.evidence_end is not None:
            yield s, _K["evidenceEnd"], Literal(str(c.evidence_end), datatype=INTEGER)
        if c.stated_at is not None:
            yield s, _K["statedAt"], _date(c.stated_at)
        if c.valid_from is not None:
            yield s, _K["validFrom"], _date(c.valid_from)
        if c.valid_to is not None:
            yield s, _K["validTo"], _date(c.valid_to)
        if c.recorded_at is not None:
            yield s, _K["recordedAt"], _datetime(c.recorded_at)
        if c.confidence is not None:
            yield s, _K["confidence"], Literal(repr(c.confidence), datatype=DOUBLE)
        if c.status_reason is not None:
            yield s, _K["statusReason"], Literal(c.status_reason)
        if c.resolved_by is not None:
            yield s, _K["resolvedBy"], self.iri(c.resolved_by)
        if c.outcome:
            yield s, _K["isOutcome"], Literal("true", datatype=BOOLEAN)
        nodes = [
            N(attribution_iri(self.base, c.id, rank)) for rank in range(1, len(c.attributed_to) + 1)
        ]
        for node in nodes:
            yield s, QUALIFIED, node
        for rank, (node, source) in enumerate(zip(nodes, c.attributed_to, strict=True), start=1):
            yield node, TYPE, ATTRIBUTION
            yield node, AGENT, self.iri(source)
            yield node, _K["rank"], Literal(str(rank), datatype=POSITIVE)
        if holds(c):
            assert c.object is not None
            yield self.iri(c.subject), _PREDICATE[c.predicate], self.iri(c.object)

    def quads(self, graph: ClaimGraph, progress: Progress | None = None) -> Iterator[Quad]:
        default = DefaultGraph()
        done = 0
        for e in _in_id_order(graph.entities):
            for s, p, o in self.entity(e):
                yield Quad(s, p, o, default)
        done = _tick(progress, done, len(graph.entities))
        for src in _in_id_order(graph.sources):
            for s, p, o in self.source(src):
                yield Quad(s, p, o, default)
        done = _tick(progress, done, len(graph.sources))
        for d in _in_id_order(graph.documents):
            for s, p, o in self.document(d):
                yield Quad(s, p, o, default)
        done = _tick(progress, done, len(graph.documents))
        for i, key in enumerate(sorted(graph.claims), start=1):
            claim = graph.claims[key]
            g = self.iri(claim.id) if self.named_graphs else default
            for s, p, o in self.claim(claim):
                yield Quad(s, p, o, g)
            if i % PROGRESS_EVERY == 0:
                done = _tick(progress, done, PROGRESS_EVERY)
        _tick(progress, done, len(graph.claims) % PROGRESS_EVERY)


def _tick(progress: Progress | None, done: int, more: int) -> int:
    """``done + more``, told to ``progress`` (when there is one and ``more`` is not 0)."""
    if progress is not None and more:
        progress(done + more)
    return done + more


def _in_id_order(table: dict[str, _R]) -> Iterator[_R]:
    return (table[key] for key in sorted(table))


def _datetime(value: datetime) -> Literal:
    return Literal(value.isoformat(), datatype=DATETIME)


def quads(
    graph: ClaimGraph,
    *,
    base: str = DEFAULT_BASE,
    named_graphs: bool = False,
    progress: Progress | None = None,
) -> Iterator[Quad]:
    """The RDF quads of ``graph`` under ``base``, grouped by subject, in id order. ``progress``
    is told how many records (entities, sources, documents, claims) are done, as they are.

    >>> from kg.model import ClaimGraph
    >>> list(quads(ClaimGraph()))
    []
    """
    return _Quads(base, named_graphs).quads(graph, progress)
