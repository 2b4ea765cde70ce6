"""The exchange model: entities, sources, documents and claims, gathered in a :class:`ClaimGraph`.

Loaders produce a ``ClaimGraph``; every sink (store, RDF, HTML, analysis) consumes one. A claim is
a statement with provenance, Wikidata-statement style, never a bare edge: it points at its subject
and object entities, the sources it is attributed to (in the order the text credits them), and the
document it was stated in. Ids are deterministic (see :mod:`kg.ids`), so the same input always
gives the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kg import ids
from kg.errors import KgError
from kg.vocab import (
    EntityType,
    Kind,
    Modality,
    Polarity,
    SourceType,
    Status,
    TransferType,
    predicate,
)

Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]


class _Record(BaseModel):
    """Shared settings: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Entity(_Record):
    """A person, club, national team, organisation or competition."""

    id: str
    name: Name
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    wikidata: WikidataId | None = None

    @classmethod
    def named(
        cls,
        name: str,
        type: EntityType,
        *,
        wikidata: str | None = None,
        aliases: Iterable[str] = (),
    ) -> Entity:
        """Create an entity whose id is derived from its type and name."""
        return cls(
            id=ids.entity_id(type.value, name),
            name=name,
            type=type,
            wikidata=wikidata,
            aliases=list(aliases),
        )


class Source(_Record):
    """Who a claim is credited to: an outlet, a journalist or a person quoted directly."""

    id: str
    name: Name
    type: SourceType
    domain: str | None = None
    wikidata: WikidataId | None = None

    @classmethod
    def named(
        cls,
        name: str,
        type: SourceType = SourceType.OUTLET,
        *,
        domain: str | None = None,
        wikidata: str | None = None,
    ) -> Source:
        """Create a source whose id is derived from its type and name."""
        return cls(
            id=ids.source_id(type.value, name),
            name=name,
            type=type,
            domain=domain,
            wikidata=wikidata,
        )


class Document(_Record):
    """Where claims were stated: an article, a feed entry, a rumour line or a claims file."""

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = Field(default=None, description="id of the publishing Source, if known")
    author: str | None = None
    published: date | None = None
    path: str | None = Field(default=None, description="the input file it was read from")
    text: str | None = Field(default=None, description="article text still to be extracted")
    content_hash: str | None = None
    #: Outcome data: the document is a source of record whose confirmed claims decide others.
    outcomes: bool = False
    #: What an outcome document declares it covers: names of clubs, national teams or people,
    #: competitions, and the period; what it leaves out is inferred from its own outcomes
    #: (see :mod:`kg.outcomes.index`).
    covers: list[str] = Field(default_factory=list)
    covers_competitions: list[str] = Field(default_factory=list)
    covers_from: date | None = None
    covers_to: date | None = None

    @classmethod
    def identified(
        cls,
        *,
        url: str | None = None,
        title: str | None = None,
        published: date | None = None,
        path: str | None = None,
        **fields: Any,
    ) -> Document:
        """Create a document whose id comes from its URL, else its title and date, else its path."""
        if url:
            key: Any = {"url": url}
        elif title:
            key = {"title": ids.fold(title), "published": published}
        else:
            key = {"path": path}
        return cls(
            id="doc:" + ids.digest(key),
            url=url,
            title=title,
            published=published,
            path=path,
            **fields,
        )


class Qualifiers(_Record):
    """Optional details of a claim (Wikidata-style qualifiers)."""

    role_title: str | None = None
    fee: str | None = None
    transfer_type: TransferType | None = None
    score: str | None = None
    competition: str | None = None
    margin: str | None = None
    note: str | None = None

    def present(self) -> dict[str, str]:
        """The qualifiers that are set, as plain strings."""
        return {k: str(v) for k, v in self.model_dump(mode="json").items() if v is not None}


class Claim(_Record):
    """A statement with provenance: subject–predicate–object plus who said it, where, when, how firmly."""

    id: str
    subject: str = Field(description="entity id")
    predicate: str
    object: str | None = Field(default=None, description="entity id, when the object is an entity")
    object_value: str | None = Field(default=None, description="literal object, otherwise")
    kind: Kind
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    modality: Modality = Modality.REPORTED
    polarity: Polarity = Polarity.POSITIVE
    attributed_to: list[str] = Field(default_factory=list, description="source ids, in order")
    document: str = Field(description="document id")
    evidence: str | None = None
    evidence_start: int | None = Field(default=None, ge=0)
    evidence_end: int | None = Field(default=None, ge=0)
    stated_at: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    recorded_at: datetime | None = None
    status: Status = Status.OPEN
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    resolved_by: str | None = Field(default=None, description="id of the outcome claim deciding it")
    status_reason: str | None = Field(default=None, description="why the status is what it is")
    outcome: bool = Field(
        default=False,
        description="loaded as outcome data (a claim of record that decides others), not a rumour",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if (self.object is None) == (self.object_value is None):
            raise ValueError("a claim needs exactly one of an entity object or a literal value")
        expected = predicate(self.predicate).kind
        if expected is not self.kind:
            raise ValueError(
                f"predicate {self.predicate!r} belongs to kind {expected.value!r}, "
                f"not {self.kind.value!r}"
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        if self.outcome and (
            self.modality not in (Modality.CONFIRMED, Modality.FACT)
            or self.polarity is not Polarity.POSITIVE
        ):
            raise ValueError("an outcome needs modality confirmed or fact and positive polarity")
        if (
            self.evidence_start is not None
            and self.evidence_end is not None
            and self.evidence_end < self.evidence_start
        ):
            raise ValueError("evidence_end is before evidence_start")
        return self

    @staticmethod
    def content_id(
        *,
        subject: str,
        predicate: str,
        object: str | None,
        object_value: str | None,
        qualifiers: Qualifiers,
        modality: Modality,
        polarity: Polarity,
        attributed_to: list[str],
        document: str,
        stated_at: date | None,
        valid_from: date | None,
        valid_to: date | None,
    ) -> str:
        """The deterministic id of a claim: a hash of what it says and where (not of when loaded)."""
        return "claim:" + ids.digest(
            [
                subject,
                predicate,
                object,
                ids.fold(object_value) if object_value is not None else None,
                qualifiers.present(),
                modality.value,
                polarity.value,
                attributed_to,
                document,
                stated_at,
                valid_from,
                valid_to,
            ]
        )


class ClaimGraph(_Record):
    """Entities, sources, documents and claims keyed by id: the one model every sink consumes."""

    entities: dict[str, Entity] = Field(default_factory=dict)
    sources: dict[str, Source] = Field(default_factory=dict)
    documents: dict[str, Document] = Field(default_factory=dict)
    claims: dict[str, Claim] = Field(default_factory=dict)

    def add_entity(self, entity: Entity) -> str:
        """Add an entity, merging aliases and Wikidata id into one already present; return its id."""
        known = self.entities.get(entity.id)
        if known is None:
            self.entities[entity.id] = entity
        else:
            for alias in entity.aliases:
                if alias not in known.aliases:
                    known.aliases.append(alias)
            if known.wikidata is None:
                known.wikidata = entity.wikidata
        return entity.id

    def add_source(self, source: Source) -> str:
        """Add a source (first one wins, missing details filled in); return its id."""
        known = self.sources.get(source.id)
        if known is None:
            self.sources[source.id] = source
        else:
            known.domain = known.domain or source.domain
            known.wikidata = known.wikidata or source.wikidata
        return source.id

    def add_document(self, document: Document) -> str:
        """Add a document (first one wins); return its id."""
        self.documents.setdefault(document.id, document)
        return document.id

    def add_claim(self, claim: Claim) -> str:
        """Add a claim; its entities, sources and document must already be in the graph."""
        refs: list[tuple[str | None, dict[str, Any]]] = [
            (claim.subject, self.entities),
            (claim.object, self.entities),
            (claim.document, self.documents),
            *((s, self.sources) for s in claim.attributed_to),
        ]
        missing = [ref for ref, table in refs if ref is not None and ref not in table]
        if missing:
            raise ValueError(f"claim {claim.id} refers to unknown ids: {', '.join(missing)}")
        self.claims.setdefault(claim.id, claim)
        return claim.id

    def merge(self, other: ClaimGraph) -> None:
        """Add everything of ``other`` to this graph."""
        for e in other.entities.values():
            self.add_entity(e)
        for s in other.sources.values():
            self.add_source(s)
        for d in other.documents.values():
            self.add_document(d)
        for c in other.claims.values():
            self.claims.setdefault(c.id, c)

    def counts(self) -> dict[str, int]:
        """How many documents, entities, claims and sources the graph holds."""
        return {
            "documents": len(self.documents),
            "entities": len(self.entities),
            "claims": len(self.claims),
            "sources": len(self.sources),
        }

    def claims_of(self, document_id: str) -> list[Claim]:
        """The claims stated in one document."""
        return [c for c in self.claims.values() if c.document == document_id]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per claim (plain strings, numbers, dates and None), for pandas, CSV or a
        spreadsheet: the claim with its entities' names and types, its sources' names in credit
        order (``origin`` is the first), its document and its qualifiers."""
        rows = []
        for claim in self.claims.values():
            subject = self.entities.get(claim.subject)
            target = self.entities.get(claim.object) if claim.object else None
            names = [self.sources[s].name if s in self.sources else s for s in claim.attributed_to]
            document = self.documents.get(claim.document)
            rows.append(
                {
                    "id": claim.id,
                    "subject": subject.name if subject else claim.subject,
                    "subject_type": subject.type.value if subject else None,
                    "predicate": claim.predicate,
                    "object": target.name if target else claim.object_value,
                    "object_type": target.type.value if target else None,
                    "kind": claim.kind.value,
                    "modality": claim.modality.value,
                    "polarity": claim.polarity.value,
                    "status": claim.status.value,
                    "confidence": claim.confidence,
                    "stated_at": claim.stated_at or (document.published if document else None),
                    "valid_from": claim.valid_from,
                    "valid_to": claim.valid_to,
                    "origin": names[0] if names else None,
                    "sources": "; ".join(names),
                    "document": (document.title or document.url or document.path)
                    if document
                    else None,
                    "evidence": claim.evidence,
                    "status_reason": claim.status_reason,
                    "resolved_by": claim.resolved_by,
                    "subject_id": claim.subject,
                    "object_id": claim.object,
                    **claim.qualifiers.model_dump(mode="json"),
                }
            )
        return rows

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas ``DataFrame`` (pandas is not a dependency of kg)."""
        try:
            import pandas
        except ImportError:
            raise KgError(
                "ClaimGraph.to_dataframe needs pandas (pip install pandas); "
                "to_records() gives the same rows without it"
            ) from None
        return pandas.DataFrame.from_records(self.to_records())

    def to_networkx(self) -> Any:
        """The graph as a ``networkx.MultiDiGraph``: entities are nodes (``name``, ``type``), every
        claim between two entities is an edge from subject to object keyed by the claim's id,
        with its predicate, kind, modality, polarity, status and sources. Claims whose object is
        a literal have no edge (they are in :meth:`to_records`)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for entity in self.entities.values():
            g.add_node(entity.id, name=entity.name, type=entity.type.value)
        for claim in self.claims.values():
            if claim.object is None:
                continue
            g.add_edge(
                claim.subject,
                claim.object,
                key=claim.id,
                predicate=claim.predicate,
                kind=claim.kind.value,
                modality=claim.modality.value,
                polarity=claim.polarity.value,
                status=claim.status.value,
                sources=[
                    self.sources[s].name if s in self.sources else s for s in claim.attributed_to
                ],
                stated_at=claim.stated_at,
            )
        return g
