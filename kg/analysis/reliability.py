"""Source reliability: how often each outlet and journalist was right once outcomes are known.

Credit follows attribution: every source a claim is attributed to gets the claim, the first as its
*origin* and the later ones as *echoes* (Sport repeating UOL). A source's accuracy is
``confirmed / (confirmed + refuted)`` with a Wilson 95% score interval, overall and per claim kind.

Claim confidence (stored on each claim) is derived from those records:

* a confirmed claim has confidence 1.0, a refuted one 0.0;
* an open claim gets its origin source's smoothed accuracy, ``(confirmed + 1) / (resolved + 2)``
  (Laplace's rule: 0.5 for a source with no record yet). Echoes add no independent evidence, so
  only the origin counts; a claim with no source has no confidence.

>>> from kg.synthetic.cases import tiny_graph
>>> from kg.outcomes.resolution import resolve_claims
>>> graph = tiny_graph()
>>> records = source_reliability(graph, resolve_claims(graph))
>>> [(r.name, r.claims, r.confirmed, r.accuracy) for r in records]
[('Fabrizio Romano', 1, 1, 1.0)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.model import Claim, ClaimGraph, Source
from kg.outcomes.claims import is_resolvable
from kg.outcomes.resolution import Resolution
from kg.vocab import Status

#: The ``kind`` of a record covering every claim kind.
ALL = "all"


def wilson_interval(successes: int, trials: int, *, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); (0, 1) when there are no trials.

    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    """
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class SourceRecord:
    """One source's record, overall (``kind == "all"``) or for one claim kind."""

    source: str
    name: str
    type: str
    kind: str = ALL
    claims: int = 0
    origin: int = 0
    echoes: int = 0
    confirmed: int = 0
    refuted: int = 0
    open: int = 0

    @property
    def resolved(self) -> int:
        """Claims outcomes have decided."""
        return self.confirmed + self.refuted

    @property
    def coverage(self) -> float | None:
        """Share of the source's claims that outcomes decided (None without claims): how much
        the loaded outcome data says about what this source reports."""
        return self.resolved / self.claims if self.claims else None

    @property
    def accuracy(self) -> float | None:
        """Share of decided claims that were confirmed (None before any is decided)."""
        return self.confirmed / self.resolved if self.resolved else None

    @property
    def wilson(self) -> tuple[float, float]:
        """The Wilson 95% interval of the accuracy."""
        return wilson_interval(self.confirmed, self.resolved)

    @property
    def smoothed(self) -> float:
        """Laplace-smoothed accuracy, the confidence given to this source's open claims."""
        return (self.confirmed + 1) / (self.resolved + 2)

    def properties(self) -> dict[str, object]:
        """The figures stored on the Source node (overall record only)."""
        low, high = self.wilson
        return {
            "id": self.source,
            "claims": self.claims,
            "confirmed": self.confirmed,
            "refuted": self.refuted,
            "open": self.open,
            "echoes": self.echoes,
            "accuracy": self.accuracy,
            "wilson_low": low,
            "wilson_high": high,
        }


class Tally:
    """Source records counted claim by claim, so that claims can be streamed past it in pages."""

    def __init__(self, sources: Mapping[str, Source], *, by_kind: bool = False) -> None:
        self._sources = sources
        self._by_kind = by_kind
        self._records: dict[tuple[str, str], SourceRecord] = {}

    def _record(self, source_id: str, kind: str) -> SourceRecord:
        key = (source_id, kind)
        if key not in self._records:
            source = self._sources.get(source_id)
            self._records[key] = SourceRecord(
                source_id,
                source.name if source else source_id,
                source.type.value if source else "unknown",
                kind,
            )
        return self._records[key]

    def add(self, claim: Claim, status: Status) -> None:
        """Count one claim for each of its sources (a claim outcomes cannot decide is ignored)."""
        if not is_resolvable(claim):
            return
        kinds = (ALL, claim.kind.value) if self._by_kind else (ALL,)
        for position, source_id in enumerate(dict.fromkeys(claim.attributed_to)):
            for kind in kinds:
                rec = self._record(source_id, kind)
                rec.claims += 1
                rec.origin += position == 0
                rec.echoes += position > 0
                rec.confirmed += status is Status.CONFIRMED
                rec.refuted += status is Status.REFUTED
                rec.open += status is Status.OPEN

    def records(self, *, min_claims: int = 0) -> list[SourceRecord]:
        """The records, best first (by the Wilson lower bound, then by volume); ``min_claims``
        drops sources with fewer *resolved* claims."""
        overall = {r.source: r for r in self._records.values() if r.kind == ALL}
        keep = {s for s, r in overall.items() if r.resolved >= min_claims}
        chosen = [r for r in self._records.values() if r.source in keep]
        return sorted(
            chosen,
            key=lambda r: (
                -overall[r.source].wilson[0],
                -overall[r.source].resolved,
                r.name,
                r.kind != ALL,
                r.kind,
            ),
        )


def source_reliability(
    graph: ClaimGraph,
    resolutions: Iterable[Resolution] | None = None,
    *,
    by_kind: bool = False,
    min_claims: int = 0,
) -> list[SourceRecord]:
    """Every source's record, best first (by the Wilson lower bound, then by volume).

    ``resolutions`` defaults to the statuses stored on the claims. With ``by_kind`` the list also
    holds one record per source and claim kind; ``min_claims`` drops sources with fewer *resolved*
    claims.
    """
    status = (
        {r.claim: r.status for r in resolutions}
        if resolutions is not None
        else {c.id: c.status for c in graph.claims.values()}
    )
    tally = Tally(graph.sources, by_kind=by_kind)
    for claim in graph.claims.values():
        if claim.id in status:
            tally.add(claim, status[claim.id])
    return tally.records(min_claims=min_claims)


def claim_confidence(
    graph: ClaimGraph, resolutions: Iterable[Resolution], records: Iterable[SourceRecord]
) -> dict[str, float | None]:
    """Each resolved or resolvable claim's confidence, by the formula in the module docstring."""
    smoothed = smoothed_accuracy(records)
    out: dict[str, float | None] = {}
    for res in resolutions:
        sources = graph.claims[res.claim].attributed_to
        out[res.claim] = confidence_of(res.status, sources[0] if sources else None, smoothed)
    return out


def smoothed_accuracy(records: Iterable[SourceRecord]) -> dict[str, float]:
    """Each source's overall smoothed accuracy, by source id."""
    return {r.source: r.smoothed for r in records if r.kind == ALL}


def confidence_of(
    status: Status, origin: str | None, smoothed: Mapping[str, float]
) -> float | None:
    """A claim's confidence: 1 or 0 once decided, else its origin source's smoothed accuracy
    (0.5 for a source with no record, None for a claim with no source)."""
    if status is Status.CONFIRMED:
        return 1.0
    if status is Status.REFUTED:
        return 0.0
    return smoothed.get(origin, 0.5) if origin is not None else None


def by_source(records: Iterable[SourceRecord]) -> dict[str, list[SourceRecord]]:
    """Records grouped by source id, overall record first."""
    out: dict[str, list[SourceRecord]] = defaultdict(list)
    for r in records:
        out[r.source].append(r)
    return dict(out)
