"""Timelines: an entity's claims and outcomes in date order, each with its status.

>>> from kg.synthetic.cases import tiny_graph
>>> from kg.analysis.apply import resolved_graph
>>> graph, _ = resolved_graph(tiny_graph())
>>> [(e.when.isoformat(), e.status, e.outcome) for e in timeline(graph, "xabi alonso")]
[('2025-04-17', 'confirmed', False), ('2025-05-25', 'confirmed', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapidfuzz import process

from kg import ids
from kg.errors import KgError
from kg.model import ClaimGraph
from kg.outcomes.claims import claim_date, claim_text, is_outcome, source_names
from kg.outcomes.matching import EntityMatcher
from kg.resolve.keys import name_key


class UnknownEntity(KgError):
    """No entity in the graph has the name the user asked for."""


@dataclass(frozen=True)
class TimelineEntry:
    """One claim on an entity's timeline."""

    when: date | None
    claim: str
    text: str
    kind: str
    modality: str
    status: str
    sources: tuple[str, ...]
    outcome: bool
    resolved_by: str | None
    reason: str | None


def find_entities(graph: ClaimGraph, name: str) -> set[str]:
    """Ids of the entities called ``name`` (id, name, alias or matching key), with their matches.

    Raises :class:`UnknownEntity`, suggesting close names, when there is none.
    """
    wanted = ids.fold(name)
    found = {
        e.id
        for e in graph.entities.values()
        if e.id == name or wanted in {ids.fold(n) for n in (e.name, *e.aliases)}
    }
    if not found:
        found = {
            e.id
            for e in graph.entities.values()
            if name_key(e.name, e.type) == name_key(name, e.type)
        }
    if not found:
        names = sorted({e.name for e in graph.entities.values()})
        close = [m[0] for m in process.extract(name, names, limit=3, score_cutoff=60)]
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise UnknownEntity(f"no entity named {name!r} in the graph{hint}")
    matcher = EntityMatcher(graph)
    roots = {matcher.canonical(i) for i in found}
    return {i for i in graph.entities if matcher.canonical(i) in roots}


def timeline(graph: ClaimGraph, name: str) -> list[TimelineEntry]:
    """The claims about the entity called ``name`` (and its other spellings), oldest first.

    An entry's date is when the claim was made, else when it took effect; statuses are the
    graph's own (run :func:`kg.analysis.apply.resolved_graph` first for fresh ones).
    """
    targets = find_entities(graph, name)
    entries = []
    for claim in graph.claims.values():
        if claim.subject not in targets and claim.object not in targets:
            continue
        entries.append(
            TimelineEntry(
                when=claim_date(claim, graph) or claim.valid_from,
                claim=claim.id,
                text=claim_text(claim, graph),
                kind=claim.kind.value,
                modality=claim.modality.value,
                status=claim.status.value,
                sources=tuple(source_names(claim, graph)),
                outcome=is_outcome(claim),
                resolved_by=claim.resolved_by,
                reason=claim.status_reason,
            )
        )
    return sorted(entries, key=lambda e: (e.when or date.min, e.outcome, e.text, e.claim))
