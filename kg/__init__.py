"""kg: a knowledge-graph builder for football news claims.

The flow (README, "In Python"): loaders read inputs into a :class:`kg.model.ClaimGraph`; sinks
store it in a Bolt graph database (:mod:`kg.store`), export it as linked data (:mod:`kg.rdf`),
draw it (:mod:`kg.viz`) and analyse it (:mod:`kg.analysis`).

>>> import kg
>>> graph = kg.load("examples/seed-2025-04-17.yaml")     # no database: files in, a ClaimGraph out
>>> sorted(graph.counts().items())
[('claims', 16), ('documents', 1), ('entities', 12), ('sources', 6)]

``kg.open()`` gives the stored graph (:class:`kg.api.Graph`): build, query, export, html,
sources, explain, timeline, forget. Names are imported on first use, so ``import kg`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.config import VERSION

if TYPE_CHECKING:
    from kg.api import BuildSummary, Graph, Loaded, load, open
    from kg.model import Claim, ClaimGraph, Document, Entity, Source

__all__ = [
    "BuildSummary",
    "Claim",
    "ClaimGraph",
    "Document",
    "Entity",
    "Graph",
    "Loaded",
    "Source",
    "load",
    "open",
]
__version__ = VERSION

_MODEL = {"Claim", "ClaimGraph", "Document", "Entity", "Source"}


def __getattr__(name: str) -> Any:
    if name in _MODEL:
        from kg import model

        return getattr(model, name)
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
