"""What "the same graph" means for the robustness tests: equal node, relationship and property
counts, and equal sorted N-Triples exports.

``kg:recordedAt`` triples are left out of the comparison: they record when kg learnt a claim,
which by design differs between a build and a clean rebuild.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from kg.rdf.export import export
from kg.store.base import GraphStore
from kg.store.memory import MemoryStore

PROPERTY_COUNTS = (
    "MATCH (n) WITH count(n) AS nodes, sum(size(keys(n))) AS node_props "
    "OPTIONAL MATCH ()-[r]->() "
    "RETURN nodes, node_props, count(r) AS relationships, sum(size(keys(r))) AS rel_props"
)


@dataclass(frozen=True)
class Snapshot:
    """Counts and the sorted N-Triples of a stored graph."""

    counts: tuple[tuple[str, int], ...]
    triples: tuple[str, ...]

    def differences(self, other: Snapshot) -> str:
        """A short description of how ``other`` differs, for assertion messages."""
        missing = sorted(set(self.triples) - set(other.triples))[:5]
        extra = sorted(set(other.triples) - set(self.triples))[:5]
        return f"counts {self.counts} vs {other.counts}; missing {missing}; extra {extra}"


def ntriples_lines(data: bytes) -> tuple[str, ...]:
    """Sorted N-Triples lines without the recordedAt ones."""
    lines = data.decode("utf-8").splitlines()
    return tuple(sorted(line for line in lines if line.strip() and "recordedAt" not in line))


def snapshot(store: GraphStore) -> Snapshot:
    """The counts and sorted N-Triples of everything in ``store``."""
    counts = dict(store.counts())
    if isinstance(store, MemoryStore):  # no Cypher; the same figures, checked against a server
        row: dict[str, Any] = dict(store.property_counts())
    else:
        row = store.query(PROPERTY_COUNTS).records()[0]
    counts.update({k: int(v or 0) for k, v in row.items()})
    out = io.BytesIO()
    export(store.read_graph(), out, format="ntriples")
    return Snapshot(tuple(sorted(counts.items())), ntriples_lines(out.getvalue()))
