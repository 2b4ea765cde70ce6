"""The store interface every backend implements.

Domain code talks to a :class:`GraphStore` and never asks which backend it runs on. The database
backends speak one Cypher dialect (Neo4j 5) through the official driver (:mod:`kg.store.bolt`,
statements in :mod:`kg.store.cypher`); :mod:`kg.store.memory` keeps the same contract in this
process's memory, without Cypher, for the library and for tests that are not about the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.model import ClaimGraph, Entity, Source


@dataclass
class QueryResult:
    """Columns and rows of a Cypher result, values converted to plain Python."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """Rows as mappings from column to value."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class WriteSummary:
    """What one write did: how many of each record it sent (sending a stored record again only
    refreshes its properties, so re-sends are harmless)."""

    documents: int = 0
    entities: int = 0
    sources: int = 0
    claims: int = 0
    #: Stored claims removed because a changed document's new version no longer has them.
    removed_claims: int = 0


@dataclass
class ForgetSummary:
    """What forgetting documents removed: the documents, their claims, and the entities and
    sources that nothing else referred to."""

    documents: list[str] = field(default_factory=list)
    claims: int = 0
    entities: int = 0
    sources: int = 0


class GraphStore(Protocol):
    """A property-graph database holding kg's schema."""

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes if they do not exist."""
        ...

    def write(
        self,
        graph: ClaimGraph,
        *,
        hashes: Mapping[str, str] | None = None,
        replace: Collection[str] = (),
    ) -> WriteSummary:
        """Write a claim graph, idempotently: a stored entity, source, document or claim (same
        id) has its properties refreshed, a new one is created with its relationships; writing the
        same graph twice changes nothing. A document is never split between transactions.

        ``hashes`` are stored on the documents (for incremental builds); documents in ``replace``
        lose the stored claims ``graph`` no longer has, in the same transaction.
        """
        ...

    def stored_hashes(self, document_ids: Sequence[str]) -> dict[str, str | None]:
        """The stored build hash of each of ``document_ids`` that is stored."""
        ...

    def forget(self, keys: Sequence[str]) -> ForgetSummary:
        """Remove documents named by id, URL or path, with everything only they supported."""
        ...

    def analysis_pending(self) -> bool:
        """Whether documents were written since the after-build analysis last completed."""
        ...

    def analysis_done(self) -> None:
        """Record that the after-build analysis has run over everything written so far."""
        ...

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run a user's Cypher; read-only unless ``write`` (enforced by the transaction mode)."""
        ...

    def update_claims(self, rows: Rows) -> None:
        """Set analysis results on claims: ``{id, status, confidence, resolved_by, status_reason}``.

        A row may also give the claim's ``subject`` id, which is not stored: it only lets the store
        reach the claim's direct edge the cheaper way.
        """
        ...

    def update_sources(self, rows: Rows) -> None:
        """Set reliability figures on sources: ``{id, <property>: value, …}``."""
        ...

    def read_graph(self) -> ClaimGraph:
        """Read the whole stored graph back into the exchange model (for export, HTML, analysis)."""
        ...

    def read_sources(self) -> dict[str, Source]:
        """Every source, by id (for the analysis, which streams the rest)."""
        ...

    def read_claims(self, claim_ids: Sequence[str]) -> ClaimGraph:
        """These claims (those stored), with their entities, sources and documents."""
        ...

    def claims_about(self, entity_ids: Sequence[str]) -> ClaimGraph:
        """The claims whose subject or object is one of these entities, with their parts."""
        ...

    def claim_ids_starting(self, prefix: str) -> list[str]:
        """Up to two ids of stored claims that start with ``prefix``."""
        ...

    def iter_entities(self, page_size: int) -> Iterator[list[Entity]]:
        """Every entity, streamed in lists of ``page_size``; memory holds one list at a time."""
        ...

    def iter_claims(self, page_size: int) -> Iterator[ClaimGraph]:
        """Every stored claim, streamed in pages of ``page_size`` claims with their documents'
        ids and dates, and an outcome document's flag and declared coverage (not the documents'
        other fields); memory holds one page at a time."""
        ...

    def has_documents(self) -> bool:
        """Whether anything was stored (a reading command on an empty graph says so instead)."""
        ...

    def has_outcomes(self) -> bool:
        """Whether any claim was loaded as outcome data (without it every claim stays open, and
        ``kg sources`` says so)."""
        ...

    def counts(self) -> dict[str, int]:
        """Node counts by kind and the relationship count, for summaries and tests."""
        ...

    def clear(self) -> None:
        """Delete everything kg stored."""
        ...

    def close(self) -> None:
        """Release the store's connections. An embedded server is not the store's: whoever
        started it stops it (:func:`kg.store.open_store` does, on leaving its ``with``)."""
        ...


Rows = Sequence[Mapping[str, Any]]
