"""Article text → claims: spaCy parsing, claim rules, attribution, modality, dates, resolution.

The build calls :func:`extract_graph` (one fragment) or :func:`extract_graphs` (many, batched);
both return graphs holding the input's documents (without their text, see
:mod:`kg.extract.graph`), the extracted claims, and their entities and sources. The language model
is loaded on first use, once per process. Extraction is deterministic: the same input gives the
same claims and ids.
"""

from __future__ import annotations

from kg.extract.graph import extract_graphs
from kg.model import ClaimGraph


def extract_graph(fragment: ClaimGraph) -> ClaimGraph:
    """The fragment's graph plus the claims extracted from its documents' text."""
    return next(extract_graphs([fragment]))


__all__ = ["extract_graph", "extract_graphs"]
