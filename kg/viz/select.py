"""Which part of a claim graph a page shows: filters, the ego view and the node budget.

Filters act on claims (kind, source, date, status, or the ids a Cypher query returned); the ego
view then keeps the entities within ``depth`` claim hops of one entity; ``max_nodes`` finally
keeps the most connected nodes and records what was left out, so the page and the CLI can say so
instead of silently dropping data.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from kg.errors import KgError
from kg.ids import fold
from kg.model import Claim, ClaimGraph
from kg.vocab import Kind, Status

_E = TypeVar("_E", Kind, Status)


class SelectionError(KgError):
    """A viz filter names something the graph does not have (an entity, a source, a kind)."""


@dataclass(frozen=True)
class Filters:
    """What to keep; ``None`` (or empty) means no restriction on that dimension."""

    around: str | None = None
    depth: int = 1
    kinds: frozenset[Kind] = frozenset()
    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    statuses: frozenset[Status] = frozenset()
    max_nodes: int | None = None
    #: The result of a query (``kg viz --cypher``): the kg ids of the entities, sources and
    #: claims it returned; ``query`` is its text, for the header.
    only: frozenset[str] | None = None
    query: str | None = None

    @property
    def narrows_claims(self) -> bool:
        """Whether any filter drops claims (then entities without a kept claim are dropped too)."""
        return bool(
            self.around
            or self.kinds
            or self.sources
            or self.since
            or self.until
            or self.statuses
            or self.only is not None
        )

    def describe(self) -> str:
        """The active filters in words, for the page header (empty when none)."""
        parts = []
        if self.query:
            parts.append(f"the result of {self.query}")
        if self.around:
            parts.append(f"around {self.around} (depth {self.depth})")
        if self.kinds:
            parts.append("kind " + ", ".join(sorted(k.value for k in self.kinds)))
        if self.sources:
            parts.append("source " + ", ".join(self.sources))
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.statuses:
            parts.append("status " + ", ".join(sorted(s.value for s in self.statuses)))
        return "; ".join(parts)


@dataclass
class Selection:
    """The claims, entities and sources a page draws, and a note on what was left out."""

    claims: list[Claim]
    entities: list[str]
    sources: list[str]
    left_out: str | None = None
    center: str | None = None
    notes: list[str] = field(default_factory=list)


def parse_kinds(values: Iterable[str | Kind]) -> frozenset[Kind]:
    """Claim kinds from names, with an error listing the valid ones."""
    return frozenset(_enum(Kind, v, "kind") for v in values)


def parse_statuses(values: Iterable[str | Status]) -> frozenset[Status]:
    """Statuses from names, with an error listing the valid ones."""
    return frozenset(_enum(Status, v, "status") for v in values)


def _enum(cls: type[_E], value: str | _E, what: str) -> _E:
    try:
        return cls(value.lower() if isinstance(value, str) else value)
    except ValueError:
        known = ", ".join(m.value for m in cls)
        raise SelectionError(f"unknown {what} {value!r}; expected one of: {known}") from None


def ids_in_result(rows: Iterable[Iterable[Any]], graph: ClaimGraph) -> frozenset[str]:
    """The kg ids of the entities, sources and claims a Cypher result holds (``kg viz --cypher``).

    Values are as :func:`kg.store.bolt.to_python` gives them: a node's ``id`` property, a direct
    edge's ``claim_id``, paths through their nodes and relationships, lists and maps element by
    element, and plain strings that are ids of the graph (``RETURN c.id``).

    >>> g = ClaimGraph()
    >>> ids_in_result([[{"labels": ["Claim"], "properties": {"id": "claim:1"}}, "x"]], g)
    frozenset({'claim:1'})
    """
    known = graph.entities.keys() | graph.sources.keys() | graph.claims.keys()
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value in known:
                found.add(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            props = value.get("properties")
            if isinstance(props, dict) and ("labels" in value or "type" in value):
                for key in ("id", "claim_id"):
                    if isinstance(props.get(key), str):
                        found.add(props[key])
            else:
                for item in value.values():
                    walk(item)

    for row in rows:
        walk(list(row))
    return frozenset(found)


def claim_date(graph: ClaimGraph, claim: Claim) -> date | None:
    """When a claim was stated: its own date, else its document's publication date."""
    if claim.stated_at is not None:
        return claim.stated_at
    document = graph.documents.get(claim.document)
    return document.published if document else None


def resolve_entity(graph: ClaimGraph, name: str) -> str:
    """The id of the entity called ``name`` (id, name or alias; case and accents ignored)."""
    if name in graph.entities:
        return name
    key = fold(name)
    exact = [
        e.id
        for e in graph.entities.values()
        if fold(e.name) == key or any(fold(a) == key for a in e.aliases)
    ]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [e.id for e in graph.entities.values() if key and key in fold(e.name)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = ", ".join(sorted(partial)[:10])
        raise SelectionError(f"{name!r} names several entities: {shown}; pass one of these ids")
    names = {fold(e.name): e.name for e in graph.entities.values()}
    close = [names[n] for n in difflib.get_close_matches(key, names, n=5, cutoff=0.6)]
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    raise SelectionError(f"no entity named {name!r} in the graph{hint}")


def _source_ids(graph: ClaimGraph, names: Iterable[str]) -> set[str]:
    wanted: set[str] = set()
    for name in names:
        key = fold(name)
        found = [s.id for s in graph.sources.values() if s.id == name or fold(s.name) == key]
        if not found:
            known = ", ".join(sorted(s.name for s in graph.sources.values())[:20])
            raise SelectionError(f"no source named {name!r} in the graph; known sources: {known}")
        wanted.update(found)
    return wanted


def _claim_passes(graph: ClaimGraph, claim: Claim, f: Filters, sources: set[str]) -> bool:
    if f.kinds and claim.kind not in f.kinds:
        return False
    if f.statuses and claim.status not in f.statuses:
        return False
    if sources and not sources.intersection(claim.attributed_to):
        return False
    if f.since or f.until:
        when = claim_date(graph, claim)
        if when is None or (f.since and when < f.since) or (f.until and when > f.until):
            return False
    return True


def _ego(claims: list[Claim], center: str, depth: int) -> set[str]:
    """Entities within ``depth`` claim hops of ``center`` (claims read in both directions)."""
    neighbours: dict[str, set[str]] = {}
    for c in claims:
        if c.object is not None:
            neighbours.setdefault(c.subject, set()).add(c.object)
            neighbours.setdefault(c.object, set()).add(c.subject)
    reached, frontier = {center}, {center}
    for _ in range(depth):
        frontier = {n for node in frontier for n in neighbours.get(node, ())} - reached
        reached |= frontier
    return reached


def select(graph: ClaimGraph, f: Filters) -> Selection:
    """Apply the filters, the ego view and the node budget to ``graph``."""
    if f.depth < 0:
        raise SelectionError(f"depth must be 0 or more, got {f.depth}")
    if f.max_nodes is not None and f.max_nodes < 1:
        raise SelectionError(f"max-nodes must be at least 1, got {f.max_nodes}")
    if f.since and f.until and f.until < f.since:
        raise SelectionError(f"until ({f.until}) is before since ({f.since})")
    wanted_sources = _source_ids(graph, f.sources)
    center = resolve_entity(graph, f.around) if f.around else None
    claims = [c for c in graph.claims.values() if _claim_passes(graph, c, f, wanted_sources)]
    if f.only is not None:
        claims = [c for c in claims if c.id in f.only]
    if center is not None:
        ball = _ego(claims, center, f.depth)
        claims = [c for c in claims if c.subject in ball and (c.object is None or c.object in ball)]
    if f.narrows_claims:
        entities = _touched(claims)
        if center is not None:
            entities.add(center)
        sources = {s for c in claims for s in c.attributed_to}
        if f.only is not None:  # what the query returned as nodes, with or without claims
            entities |= f.only & graph.entities.keys()
            sources |= f.only & graph.sources.keys()
    else:
        entities, sources = set(graph.entities), set(graph.sources)
    selection = Selection(claims, sorted(entities), sorted(sources), center=center)
    if f.max_nodes is not None and len(entities) + len(sources) > f.max_nodes:
        _keep_most_connected(graph, selection, f.max_nodes)
    return selection


def _touched(claims: Iterable[Claim]) -> set[str]:
    return {e for c in claims for e in (c.subject, c.object) if e is not None}


def _keep_most_connected(graph: ClaimGraph, sel: Selection, budget: int) -> None:
    """Keep the ``budget`` nodes with the most claims (ties by id) and describe the rest."""
    degree: Counter[str] = Counter()
    for c in sel.claims:
        degree.update(_touched([c]))
        degree.update(set(c.attributed_to))
    ranked = sorted([*sel.entities, *sel.sources], key=lambda n: (-degree[n], n))
    if sel.center is not None and sel.center in ranked:
        ranked.remove(sel.center)
        ranked.insert(0, sel.center)
    kept = set(ranked[:budget])
    dropped = ranked[budget:]
    before = len(sel.claims)
    sel.claims = [
        c for c in sel.claims if c.subject in kept and (c.object is None or c.object in kept)
    ]
    sel.entities = [e for e in sel.entities if e in kept]
    sel.sources = [s for s in sel.sources if s in kept]
    by_type = Counter(
        graph.entities[n].type.value if n in graph.entities else "source" for n in dropped
    )
    kinds = ", ".join(f"{count:,} {name}" for name, count in by_type.most_common())
    sel.left_out = (
        f"Showing the {budget:,} most connected of {budget + len(dropped):,} nodes; "
        f"left out {len(dropped):,} nodes ({kinds}) and {before - len(sel.claims):,} claims."
    )
