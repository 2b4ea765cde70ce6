"""Putting analysis results on the graph: statuses and confidence on claims, records on sources.

:func:`apply_resolutions` updates an in-memory graph (for the CLI and exports);
:func:`resolve_and_store` runs the whole step on a store, as ``kg build`` does at its end.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from kg.analysis.reliability import (
    ALL,
    SourceRecord,
    Tally,
    claim_confidence,
    confidence_of,
    smoothed_accuracy,
    source_reliability,
)
from kg.model import Claim, ClaimGraph
from kg.outcomes.index import OutcomeIndex
from kg.outcomes.resolution import Resolution, Resolver, resolve_claims
from kg.store.base import GraphStore
from kg.store.workspace import Pages, Workspace
from kg.vocab import Status

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Analysed:
    """A graph's resolutions, source records and derived claim confidences."""

    resolutions: list[Resolution]
    records: list[SourceRecord]
    confidence: dict[str, float | None]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Rows for ``GraphStore.update_claims``."""
        return [_claim_row(r, self.confidence.get(r.claim)) for r in self.resolutions]

    def source_rows(self) -> list[dict[str, Any]]:
        """Rows for ``GraphStore.update_sources`` (overall records)."""
        return [r.properties() for r in self.records if r.kind == ALL]

    def counts(self) -> dict[str, int]:
        """How many claims are confirmed, refuted and open (outcomes excluded)."""
        out = {s.value: 0 for s in Status}
        for r in self.resolutions:
            if not r.outcome:
                out[r.status.value] += 1
        return out


def analyse(graph: ClaimGraph, **options: Any) -> Analysed:
    """Resolve every claim, score every source and derive claim confidence in one pass.

    ``options`` go to :func:`kg.outcomes.resolution.resolve_claims`.
    """
    resolutions = resolve_claims(graph, **options)
    records = source_reliability(graph, resolutions, by_kind=True)
    return Analysed(resolutions, records, claim_confidence(graph, resolutions, records))


def apply_resolutions(graph: ClaimGraph, analysed: Analysed) -> ClaimGraph:
    """Set status, reason, deciding outcome and confidence on the graph's claims (in place)."""
    for row in analysed.claim_rows():
        claim = graph.claims[row["id"]]
        claim.status = Status(row["status"])
        claim.status_reason = row["status_reason"]
        claim.resolved_by = row["resolved_by"]
        claim.confidence = row["confidence"]
    return graph


def resolved_graph(graph: ClaimGraph, **options: Any) -> tuple[ClaimGraph, Analysed]:
    """The graph with fresh statuses, and the analysis behind them."""
    analysed = analyse(graph, **options)
    return apply_resolutions(graph, analysed), analysed


def current(graph: ClaimGraph) -> ClaimGraph:
    """The graph with statuses: the stored ones when a resolution has run (``kg build`` or
    ``kg settle``, whatever their options), else freshly resolved with the defaults."""
    if any(c.status_reason for c in graph.claims.values()):
        return graph
    return resolved_graph(graph)[0]


#: Claims per page when the analysis streams a store's claims.
PAGE_CLAIMS = 5000


@dataclass(frozen=True)
class StoredAnalysis:
    """What :func:`resolve_and_store` did: statuses by kind of result, source records, writes."""

    counts: dict[str, int]
    records: list[SourceRecord]
    updated: int
    #: How many outcome records the claims were settled against (0: no outcome data loaded).
    outcomes: int = 0

    def summary(self) -> str:
        """One line for the command line."""
        c = self.counts
        return (
            f"Resolved {sum(c.values())} claims: {c['confirmed']} confirmed, "
            f"{c['refuted']} refuted, {c['open']} open ({self.updated} changed)."
        )


#: What the write pass needs of one resolved claim: its resolution, its subject, its first
#: source and its stored status, confidence, deciding outcome and reason.
_Decided = tuple[Resolution, str, str | None, tuple[str, float | None, str | None, str | None]]


def _stored(claim: Claim) -> tuple[str, float | None, str | None, str | None]:
    return claim.status.value, claim.confidence, claim.resolved_by, claim.status_reason


def _claim_row(resolution: Resolution, confidence: float | None) -> dict[str, Any]:
    """A claim's analysis results as a row for ``GraphStore.update_claims``."""
    return {
        "id": resolution.claim,
        "status": resolution.status.value,
        "confidence": confidence,
        "resolved_by": resolution.resolved_by,
        "status_reason": resolution.reason,
    }


def resolve_and_store(
    store: GraphStore,
    *,
    page_size: int = PAGE_CLAIMS,
    workspace: Workspace | None = None,
    **options: Any,
) -> StoredAnalysis:
    """Resolve the stored claims against the stored outcomes and store what changed.

    The entities and then the claims are read from the store once, one page in memory at a
    time; the claims are copied to the run's scratch workspace (:class:`~kg.store.workspace.Pages`,
    in ``workspace``, else one of its own) while the outcomes and entities are indexed there too
    (:class:`~kg.outcomes.index.OutcomeIndex`). The second pass reads the claims back,
    resolves each and counts each source's record; the third derives each claim's confidence
    from those records and writes the claims whose status, reason or confidence changed. Memory
    holds a page and the sources' records, however large the graph; a re-run over an unchanged
    graph writes nothing but the source records. ``options`` go to
    :class:`~kg.outcomes.resolution.Resolver`.
    """
    own = workspace is None
    scratch = Workspace() if workspace is None else workspace
    try:
        return _resolve_and_store(store, scratch, page_size, options)
    finally:
        if own:
            scratch.close()


def _resolve_and_store(
    store: GraphStore, workspace: Workspace, page_size: int, options: dict[str, Any]
) -> StoredAnalysis:
    started = time.perf_counter()
    sources = store.read_sources()
    pages: Pages[ClaimGraph] = workspace.pages()
    decided: Pages[list[_Decided]] = workspace.pages()
    with OutcomeIndex(sources, workspace=workspace) as index:
        for entities in store.iter_entities(page_size):
            index.add_entities(entities)
        read = 0
        for page in store.iter_claims(page_size):
            index.add(page)
            pages.append(page)
            read += len(page.claims)
        index.finish()
        resolver = Resolver(index, **options)
        logger.info(
            "analysis: %d claims read, %d outcomes, %d events gathered (%.2f s)",
            read,
            index.outcomes,
            index.events,
            time.perf_counter() - started,
        )

        tally = Tally(sources, by_kind=True)
        for page in pages:
            rows: list[_Decided] = []
            for resolution in resolver.resolve(page):
                claim = page.claims[resolution.claim]
                tally.add(claim, resolution.status)
                first = claim.attributed_to[0] if claim.attributed_to else None
                rows.append((resolution, claim.subject, first, _stored(claim)))
            decided.append(rows)
        records = tally.records()
        store.update_sources([r.properties() for r in records if r.kind == ALL])
        logger.info(
            "analysis: %d source records (%.2f s)", len(records), time.perf_counter() - started
        )

        smoothed = smoothed_accuracy(records)
        counts = {s.value: 0 for s in Status}
        updated = 0
        for rows in decided:
            changes = []
            for resolution, subject, first, stored in rows:
                if not resolution.outcome:
                    counts[resolution.status.value] += 1
                confidence = confidence_of(resolution.status, first, smoothed)
                fresh = (
                    resolution.status.value,
                    confidence,
                    resolution.resolved_by,
                    resolution.reason,
                )
                if stored != fresh:
                    changes.append({**_claim_row(resolution, confidence), "subject": subject})
            store.update_claims(changes)
            updated += len(changes)
    logger.info("analysis: %d claims changed (%.2f s)", updated, time.perf_counter() - started)
    return StoredAnalysis(counts, records, updated, index.outcomes)
