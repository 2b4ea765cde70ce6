"""An in-memory :class:`~kg.store.base.GraphStore`: the Bolt store's contract without a server.

It keeps what a Bolt server would hold (nodes as property maps, the claim-structure
relationships, the direct edges, ``RESOLVED_BY`` links, build hashes and pending marks) in Python
dicts, built from the same parameter rows (:mod:`kg.store.rows`) as the Bolt statements and read
back through the same functions, so a build, a forget or the after-build analysis gives the same
graph as on ArcadeDB or Neo4j. ``tests/store/test_memory_store.py`` checks that, operation by
operation, against the real servers.

What it cannot do is run Cypher: :meth:`MemoryStore.query` refuses with a :class:`QueryError`.
It is for the library and for tests whose subject is not the database (a build, a forget, the
analysis); the graph lives as long as the object.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.errors import QueryError
from kg.model import Claim, ClaimGraph, Entity, Source
from kg.store.base import ForgetSummary, QueryResult, WriteSummary
from kg.store.rows import (
    STREAMED_DOCUMENT,
    Row,
    claim_from,
    document_from,
    entity_from,
    graph_rows,
    source_from,
)

Props = dict[str, Any]


def _set(props: Props, changes: Mapping[str, Any]) -> None:
    """``SET n += changes``: a null removes the property, as Neo4j stores no nulls."""
    for key, value in changes.items():
        if value is None:
            props.pop(key, None)
        else:
            props[key] = list(value) if isinstance(value, list) else value


@dataclass
class _Edge:
    """A direct edge between a claim's two entities (``HOLDS_ROLE``, ``NOT_CONSIDERS`` …)."""

    type: str
    props: Props


@dataclass
class _Claim:
    """A stored claim node and the ends of its claim-structure relationships."""

    props: Props
    subject: str
    object: str | None
    document: str
    #: ``ATTRIBUTED_TO`` relationships: (position, source id, echo), in creation order.
    sources: list[tuple[int, str, bool]] = field(default_factory=list)
    direct: _Edge | None = None

    def relationships(self) -> list[Props]:
        """The property maps of its outgoing relationships (``RESOLVED_BY`` aside)."""
        rels: list[Props] = [{}, {}]  # SUBJECT, STATED_IN
        if self.object is not None:
            rels.append({})  # OBJECT
        rels.extend({"position": p, "echo": e} for p, _, e in self.sources)
        if self.direct is not None:
            rels.append(self.direct.props)
        return rels


class MemoryStore:
    """A :class:`~kg.store.base.GraphStore` held in this process's memory (no Cypher)."""

    def __init__(self) -> None:
        self._reset()
        #: Like :attr:`kg.store.bolt.BoltStore.fulltext`: this store has no full-text indexes.
        self.fulltext: bool | None = False

    def _reset(self) -> None:
        self._entities: dict[str, Props] = {}
        self._sources: dict[str, Props] = {}
        self._documents: dict[str, Props] = {}
        #: ``PUBLISHED_BY``: document id → source id.
        self._publishers: dict[str, str] = {}
        self._claims: dict[str, _Claim] = {}
        #: ``RESOLVED_BY``: claim id → outcome claim id.
        self._resolved: dict[str, str] = {}

    # -- schema and writes --------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Nothing to create: ids are dictionary keys, unique by construction."""

    def write(
        self,
        graph: ClaimGraph,
        *,
        hashes: Mapping[str, str] | None = None,
        replace: Collection[str] = (),
    ) -> WriteSummary:
        """Write ``graph`` as :meth:`kg.store.bolt.BoltStore.write` does: stored entities, sources
        and claims refreshed, new ones created with their relationships; documents in ``replace``
        lose the stored claims ``graph`` no longer has, and what only those used."""
        rows = graph_rows(graph)
        for row in rows.documents:
            if hashes is not None and row["id"] in hashes:
                row["props"]["kg_hash"] = hashes[row["id"]]
                row["props"]["kg_pending"] = True
        keep: dict[str, set[str]] = {d: set() for d in graph.documents if d in replace}
        for claim in graph.claims.values():
            if claim.document in keep:
                keep[claim.document].add(claim.id)
        orphans = _Candidates()
        removed = self._remove_stale(keep, orphans)

        for table, groups in ((self._entities, rows.entities), (self._sources, rows.sources)):
            for data in groups.values():
                for row in data:
                    _set(table.setdefault(row["id"], {"id": row["id"]}), row["props"])
        known = set(self._documents) - set(keep)
        for row in rows.documents:
            props = self._documents.setdefault(row["id"], {"id": row["id"]})
            if row["id"] in keep:  # a new version: its properties exactly as given
                props.clear()
                props["id"] = row["id"]
            _set(props, row["props"])
        for row in rows.publishers:
            if row["document"] not in known and row["source"] in self._sources:
                self._publishers[row["document"]] = row["source"]

        new_claims = [row for row in rows.claims if row["id"] not in self._claims]
        for row in rows.claims:
            if row["id"] in self._claims:
                _set(self._claims[row["id"]].props, row["props"])
        for row in new_claims:
            self._create_claim(row)
        for row in new_claims:
            if row["resolved_by"] is not None and row["id"] in self._claims:
                self._link(row["id"], row["resolved_by"])
        self._delete_orphans(orphans)
        return WriteSummary(
            documents=len(graph.documents),
            entities=len(graph.entities),
            sources=len(graph.sources),
            claims=len(graph.claims),
            removed_claims=removed,
        )

    def _create_claim(self, row: Row) -> None:
        """A new claim with its relationships; like the Bolt statements' MATCHes, nothing is
        created when its subject, object or document is missing, and no attribution to a
        source that is."""
        ends = [row["subject"], *([row["object"]] if row["rel"] else [])]
        if any(e not in self._entities for e in ends) or row["document"] not in self._documents:
            return
        props: Props = {"id": row["id"]}
        _set(props, row["props"])
        _set(props, {k: row[k] for k in ("recorded_at", "status", "confidence")})
        _set(props, {k: row[k] for k in ("resolved_by", "status_reason")})
        claim = _Claim(
            props, row["subject"], row["object"] if row["rel"] else None, row["document"]
        )
        claim.sources = [
            (a["position"], a["id"], a["echo"]) for a in row["sources"] if a["id"] in self._sources
        ]
        if row["rel"]:
            edge: Props = {"claim_id": row["id"]}
            _set(edge, row["edge"])
            claim.direct = _Edge(row["rel"], edge)
        self._claims[row["id"]] = claim

    def _link(self, claim_id: str, outcome: str | None) -> None:
        """``LINK_RESOLVED``: the claim's old link goes; a new one only to a stored outcome."""
        self._resolved.pop(claim_id, None)
        if outcome is not None and outcome in self._claims:
            self._resolved[claim_id] = outcome

    def _remove_stale(self, keep: Mapping[str, set[str]], orphans: _Candidates) -> int:
        """Remove each listed document's claims except the kept ones, and its publisher link;
        what they referred to becomes a candidate orphan. Returns how many claims went."""
        stale = [
            cid
            for cid, claim in self._claims.items()
            if claim.document in keep and cid not in keep[claim.document]
        ]
        for doc_id in keep:
            publisher = self._publishers.pop(doc_id, None)
            if publisher is not None:
                orphans.sources.add(publisher)
        for cid in stale:
            claim = self._claims.pop(cid)
            orphans.entities.add(claim.subject)
            if claim.object is not None:
                orphans.entities.add(claim.object)
            orphans.sources.update(s for _, s, _ in claim.sources)
            self._resolved.pop(cid, None)
        if stale:
            gone = set(stale)
            self._resolved = {c: o for c, o in self._resolved.items() if o not in gone}
        return len(stale)

    def _delete_orphans(self, orphans: _Candidates) -> tuple[int, int]:
        """Delete the candidate entities and sources that nothing refers to; return how many."""
        used_entities: set[str] = set()
        used_sources: set[str] = set(self._publishers.values())
        for claim in self._claims.values():
            used_entities.add(claim.subject)
            if claim.object is not None:
                used_entities.add(claim.object)
            used_sources.update(s for _, s, _ in claim.sources)
        entities = [e for e in orphans.entities if e in self._entities and e not in used_entities]
        sources = [s for s in orphans.sources if s in self._sources and s not in used_sources]
        for e in entities:
            del self._entities[e]
        for s in sources:
            del self._sources[s]
        return len(entities), len(sources)

    def stored_hashes(self, document_ids: Sequence[str]) -> dict[str, str | None]:
        """The build hash of each of ``document_ids`` that is stored (None: stored without one)."""
        return {d: self._documents[d].get("kg_hash") for d in document_ids if d in self._documents}

    def forget(self, keys: Sequence[str]) -> ForgetSummary:
        """Remove the documents named by id, URL or path, their claims, and the entities and
        sources nothing else refers to."""
        wanted = set(keys)
        doc_ids = sorted(
            d
            for d, props in self._documents.items()
            if wanted & {d, props.get("url"), props.get("path")}
        )
        if not doc_ids:
            return ForgetSummary()
        orphans = _Candidates()
        claims = self._remove_stale({d: set() for d in doc_ids}, orphans)
        for d in doc_ids:
            del self._documents[d]
        entities, sources = self._delete_orphans(orphans)
        return ForgetSummary(documents=doc_ids, claims=claims, entities=entities, sources=sources)

    def analysis_pending(self) -> bool:
        """Whether documents were written since the after-build analysis last completed."""
        return any(props.get("kg_pending") is True for props in self._documents.values())

    def analysis_done(self) -> None:
        """Record that the after-build analysis has run over everything written so far."""
        for props in self._documents.values():
            props.pop("kg_pending", None)

    def update_claims(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Set analysis results on claims and their direct edges; a row's ``resolved_by`` also
        becomes the claim's ``RESOLVED_BY`` link (see :meth:`kg.store.bolt.BoltStore.update_claims`)."""
        for row in rows:
            claim = self._claims.get(row["id"])
            if claim is None:
                continue
            props = {k: v for k, v in row.items() if k not in ("id", "subject")}
            _set(claim.props, props)
            edge: Props = {k: props[k] for k in ("status", "confidence") if k in props}
            if edge and claim.direct is not None:
                _set(claim.direct.props, edge)
            if "resolved_by" in props:
                self._link(row["id"], props["resolved_by"])

    def update_sources(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Set reliability figures on sources; ``rows``: ``{id, <property>: value, …}``."""
        for row in rows:
            props = self._sources.get(row["id"])
            if props is not None:
                _set(props, {k: v for k, v in row.items() if k != "id"})

    def clear(self) -> None:
        """Delete everything."""
        self._reset()

    def close(self) -> None:
        """Nothing to release; the graph stays readable until the object goes."""

    # -- reads --------------------------------------------------------------------------------

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Refused: this store runs no Cypher (use ArcadeDB or Neo4j for queries)."""
        raise QueryError(
            "the in-memory store runs no Cypher; build into ArcadeDB or Neo4j to query the graph"
        )

    def has_documents(self) -> bool:
        """Whether anything was stored."""
        return bool(self._documents)

    def has_outcomes(self) -> bool:
        """Whether any claim was loaded as outcome data."""
        return any(c.props.get("outcome") for c in self._claims.values())

    def counts(self) -> dict[str, int]:
        """Documents, entities, claims, sources, all nodes, and relationships."""
        counts = {
            "documents": len(self._documents),
            "entities": len(self._entities),
            "claims": len(self._claims),
            "sources": len(self._sources),
        }
        counts["nodes"] = sum(counts.values())
        counts["relationships"] = (
            len(self._publishers)
            + len(self._resolved)
            + sum(len(c.relationships()) for c in self._claims.values())
        )
        return counts

    def property_counts(self) -> dict[str, int]:
        """Nodes, their properties, relationships and theirs: what the robustness tests'
        ``PROPERTY_COUNTS`` query gives on a Bolt server, to tell two stored graphs apart."""
        nodes = [*self._entities.values(), *self._sources.values(), *self._documents.values()]
        nodes.extend(c.props for c in self._claims.values())
        rels = [p for c in self._claims.values() for p in c.relationships()]
        return {
            "nodes": len(nodes),
            "node_props": sum(len(p) for p in nodes),
            "relationships": len(rels) + len(self._publishers) + len(self._resolved),
            "rel_props": sum(len(p) for p in rels),
        }

    def read_graph(self) -> ClaimGraph:
        """Everything, as a :class:`ClaimGraph` (each kind in id order, as the Bolt store reads)."""
        graph = ClaimGraph()
        for eid in sorted(self._entities):
            graph.add_entity(entity_from(self._entities[eid]))
        for sid in sorted(self._sources):
            graph.add_source(source_from(self._sources[sid]))
        for did in sorted(self._documents):
            graph.add_document(document_from(self._documents[did]))
        for cid in sorted(self._claims):
            graph.claims[cid] = self._claim(cid)
        return graph

    def _claim(self, cid: str) -> Claim:
        claim = self._claims[cid]
        return claim_from(
            claim.props,
            subject=claim.subject,
            object=claim.object,
            document=claim.document,
            sources=[s for _, s, _ in sorted(claim.sources)],
        )

    def read_claims(self, claim_ids: Sequence[str]) -> ClaimGraph:
        """These claims (those stored), with their entities, sources and documents."""
        return self._claim_parts(sorted({c for c in claim_ids if c in self._claims}))

    def claims_about(self, entity_ids: Sequence[str]) -> ClaimGraph:
        """The claims whose subject or object is one of these entities, with their parts."""
        wanted = set(entity_ids)
        return self._claim_parts(
            sorted(
                cid
                for cid, claim in self._claims.items()
                if claim.subject in wanted or claim.object in wanted
            )
        )

    def claim_ids_starting(self, prefix: str) -> list[str]:
        """Up to two ids of stored claims that start with ``prefix``."""
        return sorted(cid for cid in self._claims if cid.startswith(prefix))[:2]

    def _claim_parts(self, ids: list[str]) -> ClaimGraph:
        graph = ClaimGraph()
        for cid in ids:
            claim = self._claim(cid)
            for eid in (claim.subject, claim.object):
                if eid is not None and eid in self._entities:
                    graph.entities.setdefault(eid, entity_from(self._entities[eid]))
            if claim.document in self._documents:
                graph.documents.setdefault(
                    claim.document, document_from(self._documents[claim.document])
                )
            for sid in claim.attributed_to:
                graph.sources.setdefault(sid, source_from(self._sources[sid]))
            graph.claims[cid] = claim
        return graph

    def read_sources(self) -> dict[str, Source]:
        """Every source, by id."""
        return {sid: source_from(self._sources[sid]) for sid in sorted(self._sources)}

    def iter_entities(self, page_size: int) -> Iterator[list[Entity]]:
        """Every entity in id order, in lists of ``page_size``."""
        ids = sorted(self._entities)
        for start in range(0, len(ids), page_size):
            yield [entity_from(self._entities[e]) for e in ids[start : start + page_size]]

    def iter_claims(self, page_size: int) -> Iterator[ClaimGraph]:
        """Every claim in pages of ``page_size`` with their documents' ids and dates (and an
        outcome document's coverage); the claims are listed first, so the caller may write
        between pages."""
        ids = sorted(self._claims)
        for start in range(0, len(ids), page_size):
            page = ClaimGraph()
            for cid in ids[start : start + page_size]:
                if cid not in self._claims:  # removed by a write between pages
                    continue
                claim = self._claim(cid)
                page.claims[cid] = claim
                if claim.document not in page.documents:
                    props = self._documents[claim.document]
                    page.documents[claim.document] = document_from(
                        {
                            "id": claim.document,
                            **{k: props[k] for k in STREAMED_DOCUMENT if k in props},
                        }
                    )
            if page.claims:
                yield page


@dataclass
class _Candidates:
    """Entities and sources that removed claims or links referred to: orphans, unless something
    else still does."""

    entities: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
