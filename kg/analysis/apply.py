"""Putting analysis results on the graph: statuses and confidence on claims, records on sources.

:func:`apply_resolutions` updates an in-memory graph (for the CLI and exports);
:func:`resolve_and_store` runs the whole step on a store, as ``kg build`` does at its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.analysis.reliability import ALL, SourceRecord, claim_confidence, source_reliability
from kg.analysis.resolution import Resolution, resolve_claims
from kg.model import ClaimGraph
from kg.store.base import GraphStore
from kg.vocab import Status


@dataclass(frozen=True)
class Analysed:
    """A graph's resolutions, source records and derived claim confidences."""

    resolutions: list[Resolution]
    records: list[SourceRecord]
    confidence: dict[str, float | None]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Rows for ``GraphStore.update_claims``."""
        return [
            {
                "id": r.claim,
                "status": r.status.value,
                "confidence": self.confidence.get(r.claim),
                "resolved_by": r.resolved_by,
                "status_reason": r.reason,
            }
            for r in self.resolutions
        ]

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

    ``options`` go to :func:`kg.analysis.resolution.resolve_claims`.
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
    ``kg resolve``, whatever their options), else freshly resolved with the defaults."""
    if any(c.status_reason for c in graph.claims.values()):
        return graph
    return resolved_graph(graph)[0]


def write_results(store: GraphStore, analysed: Analysed) -> None:
    """Store statuses on claims and records on sources."""
    store.update_claims(analysed.claim_rows())
    store.update_sources(analysed.source_rows())


def resolve_and_store(store: GraphStore, **options: Any) -> Analysed:
    """Read the stored graph, resolve its claims against its outcomes, and store the results."""
    analysed = analyse(store.read_graph(), **options)
    write_results(store, analysed)
    return analysed
