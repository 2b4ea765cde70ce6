"""Contradictions: groups of claims that cannot all hold.

Three shapes, each within one transfer window (claims sharing a deadline, see
:mod:`kg.windows`):

* ``destination`` — the same person moving to two different clubs;
* ``manager`` — two different people appointed to one club's manager's job;
* ``denial`` — a move (or interest) and a claim denying it.

Outcomes are not listed here: a claim an outcome contradicts is *refuted* (see
:mod:`kg.outcomes.resolution`).

>>> from datetime import date
>>> from kg.model import ClaimGraph
>>> from kg.synthetic.cases import add_claim
>>> g = ClaimGraph()
>>> _ = add_claim(g, "Jürgen Klopp", "appointed_by", "Real Madrid", stated=date(2025, 4, 17))
>>> _ = add_claim(g, "Xabi Alonso", "appointed_by", "Real Madrid", stated=date(2025, 4, 18))
>>> [(c.kind, c.about) for c in contradictions(g)]
[('manager', 'Real Madrid: Jürgen Klopp, Xabi Alonso')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kg.model import Claim, ClaimGraph
from kg.outcomes.claims import claim_date, is_managerial, is_outcome, mover_and_place, negated
from kg.outcomes.matching import EntityMatcher
from kg.vocab import Kind
from kg.windows import TRANSFER_WINDOWS, TransferWindows

KINDS = ("destination", "manager", "denial")


@dataclass(frozen=True)
class Contradiction:
    """Claims that cannot all hold, what they disagree about, and the window they share."""

    kind: str
    about: str
    claims: tuple[str, ...]
    window_end: date


@dataclass(frozen=True)
class _Item:
    claim: Claim
    mover: str
    place: str
    end: date


def _items(graph: ClaimGraph, windows: TransferWindows) -> Iterator[_Item]:
    involved = {
        e
        for c in graph.claims.values()
        if c.kind in (Kind.MOVE, Kind.INTEREST)
        for e in (c.subject, c.object)
        if e is not None
    }
    matcher = EntityMatcher(graph, only=involved)
    for claim in graph.claims.values():
        if claim.kind not in (Kind.MOVE, Kind.INTEREST) or is_outcome(claim):
            continue
        pair = mover_and_place(claim, graph)
        made = claim_date(claim, graph)
        if pair is None or made is None:
            continue
        mover, place = (matcher.canonical(x) for x in pair)
        yield _Item(claim, mover, place, windows.deadline(made))


def contradictions(
    graph: ClaimGraph, *, kind: str | None = None, windows: TransferWindows = TRANSFER_WINDOWS
) -> list[Contradiction]:
    """Every group of contradicting claims, optionally of one ``kind`` (see :data:`KINDS`)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown contradiction kind {kind!r}; expected one of {', '.join(KINDS)}")
    items = list(_items(graph, windows))
    groups: dict[tuple[str, str, str, date], list[_Item]] = defaultdict(list)
    for it in items:
        positive_move = it.claim.kind is Kind.MOVE and not negated(it.claim)
        if positive_move:
            groups[("destination", it.mover, "", it.end)].append(it)
            if is_managerial(it.claim):
                groups[("manager", "", it.place, it.end)].append(it)
        groups[("denial", it.mover, it.place, it.end)].append(it)

    def name(entity_id: str) -> str:
        entity = graph.entities.get(entity_id)
        return entity.name if entity else entity_id

    out: list[Contradiction] = []
    for (shape, mover, place, end), members in groups.items():
        if kind is not None and shape != kind:
            continue
        if shape == "destination":
            places = sorted({name(m.place) for m in members})
            if len(places) < 2:
                continue
            about = f"{name(mover)}: {', '.join(places)}"
        elif shape == "manager":
            movers = sorted({name(m.mover) for m in members})
            if len(movers) < 2:
                continue
            about = f"{name(place)}: {', '.join(movers)}"
        else:
            if len({negated(m.claim) for m in members}) < 2:
                continue
            about = f"{name(mover)} and {name(place)}: claimed and denied"
        ids = tuple(sorted((m.claim for m in members), key=lambda c: (claim_date(c, graph), c.id)))
        out.append(Contradiction(shape, about, tuple(c.id for c in ids), end))
    return sorted(out, key=lambda c: (c.window_end, KINDS.index(c.kind), c.about))
