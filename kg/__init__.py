"""kg: a knowledge-graph builder for football news claims.

The flow (README, "Layout"): loaders read inputs into a :class:`kg.model.ClaimGraph`; sinks store it in a
Bolt graph database (:mod:`kg.store`), export it as linked data (:mod:`kg.rdf`), draw it
(:mod:`kg.viz`) and analyse it.
"""

from kg.model import Claim, ClaimGraph, Document, Entity, Source

__all__ = ["Claim", "ClaimGraph", "Document", "Entity", "Source"]
__version__ = "0.1.0"
