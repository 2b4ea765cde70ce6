"""Analyses of a claim graph: resolution by outcomes, source reliability, contradictions, timelines.

Every analysis is a plain function of a :class:`kg.model.ClaimGraph` with keyword-only options
(networkx style), so the CLI, tests and benchmarks run the same code on a stored or a hand-made
graph. :func:`resolve_and_store` is the step ``kg build`` runs at the end.
"""

from kg.analysis.apply import Analysed, analyse, apply_resolutions, resolve_and_store
from kg.analysis.reliability import SourceRecord, source_reliability, wilson_interval
from kg.outcomes.resolution import Resolution, resolve_claims
from kg.windows import TRANSFER_WINDOWS, TransferWindows

__all__ = [
    "TRANSFER_WINDOWS",
    "Analysed",
    "Resolution",
    "SourceRecord",
    "TransferWindows",
    "analyse",
    "apply_resolutions",
    "resolve_and_store",
    "resolve_claims",
    "source_reliability",
    "wilson_interval",
]
