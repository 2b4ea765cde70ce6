"""Turn a :class:`~kg.model.ClaimGraph` into parameter rows for the statements in :mod:`kg.store.cypher`
and stored properties back into model objects.

Properties hold only Bolt-native values (strings, numbers, lists, dates) so that every backend
stores them the same way; ``None`` values are left out because Neo4j does not store nulls.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.vocab import direct_rel_type

Row = dict[str, Any]

_CLAIM_PROPS = (
    "predicate",
    "kind",
    "modality",
    "polarity",
    "object_value",
    "evidence",
    "evidence_start",
    "evidence_end",
    "stated_at",
    "valid_from",
    "valid_to",
)
_QUALIFIERS = tuple(Qualifiers.model_fields)


def _plain(value: Any) -> Any:
    """Enum members to their values; everything else unchanged."""
    return getattr(value, "value", value)


def _props(obj: Any, names: Iterable[str]) -> Row:
    out: Row = {}
    for name in names:
        value = _plain(getattr(obj, name))
        if value is not None and value != []:
            out[name] = value
    return out


@dataclass
class GraphRows:
    """All rows for one write, grouped by statement (and by label or relationship type)."""

    entities: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    documents: list[Row] = field(default_factory=list)
    publishers: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    objects: list[Row] = field(default_factory=list)
    attributions: list[Row] = field(default_factory=list)
    direct: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))


def graph_rows(graph: ClaimGraph, *, recorded_at: datetime | None = None) -> GraphRows:
    """Rows for every node and relationship of ``graph``."""
    now = recorded_at or datetime.now(UTC)
    rows = GraphRows()
    for e in graph.entities.values():
        rows.entities[e.type.value].append({"id": e.id, "props": entity_props(e)})
    for s in graph.sources.values():
        rows.sources[s.type.label].append(
            {"id": s.id, "props": _props(s, ("name", "type", "domain", "wikidata"))}
        )
    for d in graph.documents.values():
        rows.documents.append({"id": d.id, "props": document_props(d)})
        if d.outlet:
            rows.publishers.append({"document": d.id, "source": d.outlet})
    for c in graph.claims.values():
        rows.claims.append(
            {
                "id": c.id,
                "subject": c.subject,
                "document": c.document,
                "props": claim_props(c),
                "recorded_at": c.recorded_at or now,
                "status": c.status.value,
                "confidence": c.confidence,
                "resolved_by": c.resolved_by,
                "status_reason": c.status_reason,
                # what a new claim's CREATE statements need (cypher.create_claims, create_direct_edges)
                "object": c.object,
                "rel": direct_type(c) if c.object is not None else None,
                "edge": direct_edge_props(c) if c.object is not None else None,
                "sources": [
                    {"id": source, "position": position, "echo": position > 0}
                    for position, source in enumerate(c.attributed_to)
                ],
            }
        )
        for position, source in enumerate(c.attributed_to):
            rows.attributions.append(
                {"claim": c.id, "source": source, "position": position, "echo": position > 0}
            )
        if c.object is not None:
            rows.objects.append({"claim": c.id, "object": c.object})
            rows.direct[direct_type(c)].append(
                {
                    "subject": c.subject,
                    "object": c.object,
                    "claim": c.id,
                    "props": direct_edge_props(c),
                }
            )
    return rows


def entity_props(e: Entity) -> Row:
    """Stored properties of an entity node."""
    return _props(e, ("name", "type", "aliases", "wikidata"))


#: The document fields a streamed claim carries (:data:`kg.store.cypher.STREAM_CLAIMS`): its date,
#: and an outcome document's flag and declared coverage, which settling claims needs.
STREAMED_DOCUMENT = (
    "published",
    "outcomes",
    "covers",
    "covers_competitions",
    "covers_from",
    "covers_to",
)


def document_props(d: Document) -> Row:
    """Stored properties of a document node (the text is kept only until extraction); an
    outcome document's flag and declared coverage only when it is one."""
    props = _props(d, ("title", "url", "outlet", "author", "published", "path", "content_hash"))
    if d.outcomes:
        props.update(
            outcomes=True,
            **_props(d, ("covers", "covers_competitions", "covers_from", "covers_to")),
        )
    return props


def claim_props(c: Claim) -> Row:
    """Stored properties of a claim node: its fields and qualifiers, flat."""
    props = _props(c, _CLAIM_PROPS)
    props.update(_props(c.qualifiers, _QUALIFIERS))
    if c.outcome:
        props["outcome"] = True
    return props


def direct_type(c: Claim) -> str:
    """The relationship type of a claim's direct edge (``NOT_…`` for negative or denied claims)."""
    return direct_rel_type(c.predicate, polarity=c.polarity, modality=c.modality)


def direct_edge_props(c: Claim) -> Row:
    """Properties of the direct edge that mirrors a claim between its two entities."""
    props = _props(c, ("predicate", "kind", "modality", "polarity", "status", "stated_at"))
    if c.qualifiers.role_title:
        props["title"] = c.qualifiers.role_title
    return props


# -- whole-document parts of a graph -----------------------------------------------------------------


def claims_by_document(graph: ClaimGraph) -> dict[str, list[str]]:
    """The claim ids of each document of ``graph``."""
    by_document: dict[str, list[str]] = defaultdict(list)
    for claim in graph.claims.values():
        by_document[claim.document].append(claim.id)
    return by_document


def add_loose(part: ClaimGraph, graph: ClaimGraph) -> None:
    """Add to ``part`` the entities and sources of ``graph`` that none of its claims or documents
    refers to, so that a graph written in parts stores everything a whole write would."""
    used: set[str] = {d.outlet for d in graph.documents.values() if d.outlet}
    for claim in graph.claims.values():
        used.update([claim.subject, *claim.attributed_to])
        if claim.object is not None:
            used.add(claim.object)
    for entity in graph.entities.values():
        if entity.id not in used:
            part.add_entity(entity)
    for source in graph.sources.values():
        if source.id not in used:
            part.add_source(source)


def add_documents(
    part: ClaimGraph, graph: ClaimGraph, doc_ids: Iterable[str], by_document: dict[str, list[str]]
) -> None:
    """Add to ``part`` the given documents of ``graph`` with their claims and everything those
    refer to (``by_document``: from :func:`claims_by_document`)."""
    for doc_id in doc_ids:
        document = graph.documents[doc_id]
        part.add_document(document)
        if document.outlet:
            part.add_source(graph.sources[document.outlet])
        for cid in by_document.get(doc_id, ()):
            claim = graph.claims[cid]
            part.add_entity(graph.entities[claim.subject])
            if claim.object is not None:
                part.add_entity(graph.entities[claim.object])
            for sid in claim.attributed_to:
                part.add_source(graph.sources[sid])
            part.claims[cid] = claim


# -- reading back -----------------------------------------------------------------------------------


def native(value: Any) -> Any:
    """Driver temporal values to Python ones (``neo4j.time.Date`` → ``date``)."""
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def _clean(props: Mapping[str, Any], keep: Iterable[str]) -> Row:
    """The stored properties that are model fields, as Python values.

    Nodes also carry what analyses added (reliability figures on sources, for instance); those
    stay in the database and are not part of the exchange model.
    """
    wanted = set(keep)
    return {k: native(v) for k, v in props.items() if k in wanted}


def entity_from(props: Mapping[str, Any]) -> Entity:
    """An entity from its stored properties."""
    return Entity.model_validate(_clean(props, Entity.model_fields))


def source_from(props: Mapping[str, Any]) -> Source:
    """A source from its stored properties."""
    return Source.model_validate(_clean(props, Source.model_fields))


def document_from(props: Mapping[str, Any]) -> Document:
    """A document from its stored properties."""
    data = _clean(props, Document.model_fields)
    for key in ("published", "covers_from", "covers_to"):
        if isinstance(data.get(key), datetime):
            data[key] = data[key].date()
    return Document.model_validate(data)


def claim_from(
    props: Mapping[str, Any], *, subject: str, object: str | None, document: str, sources: list[str]
) -> Claim:
    """A claim from its stored properties and the ids at the ends of its edges."""
    data = _clean(props, [*Claim.model_fields, *_QUALIFIERS])
    qualifiers = {k: data.pop(k) for k in _QUALIFIERS if k in data}
    for key in ("stated_at", "valid_from", "valid_to"):
        value = data.get(key)
        if isinstance(value, datetime):
            data[key] = value.date()
        elif value is not None and not isinstance(value, date):
            data[key] = date.fromisoformat(str(value)[:10])
    return Claim.model_validate(
        {
            **data,
            "qualifiers": qualifiers,
            "subject": subject,
            "object": object,
            "document": document,
            "attributed_to": sources,
        }
    )
