"""A claim graph as a pyvis ``Network``: entities and sources are nodes, claims are edges.

What a node is: every entity (Person, Club, …) and every source (outlet, journalist, speaker) is a
node. Claims with an entity object are drawn as one edge from subject to object; claims that say the
same thing (same subject, predicate, object, modality and polarity) share one edge whose width grows
with the number of independent sources (distinct first-credited sources). A claim with a literal
object (a fee, a score) is listed in its subject's details instead. Thin grey "attribution" edges
join a source to the entities of the claims it is credited with; the page can hide them.

Every node and edge carries its provenance as plain data fields (``claims``, ``facts``…) that the
page script turns into tooltips; nothing here is HTML.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict, Unpack

from pyvis.network import Network

from kg import ids
from kg.analysis.reliability import SourceRecord, source_reliability
from kg.model import Claim, ClaimGraph
from kg.outcomes.claims import claim_text
from kg.resolve.gazetteer import gazetteer
from kg.viz import style
from kg.viz.layout import compute_positions
from kg.viz.select import Filters, Selection, claim_date, parse_kinds, parse_statuses, select
from kg.vocab import PREDICATES, EntityType

#: Above this many nodes the layout is computed in Python and physics starts switched off.
PHYSICS_THRESHOLD = 500

JSON = dict[str, Any]


@dataclass
class Composition:
    """A built network plus what the page shows around it (lookups, notes, the legend)."""

    network: Network
    static_layout: bool
    sources: dict[str, JSON] = field(default_factory=dict)
    documents: dict[str, JSON] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    filters: str = ""
    center: str | None = None


class FilterArgs(TypedDict, total=False):
    """The filter keywords of :func:`build_network` and ``write_html`` (see ``kg viz --help``)."""

    around: str | None
    depth: int
    kind: str | Iterable[str]
    source: str | Iterable[str]
    since: date | None
    until: date | None
    status: str | Iterable[str]
    max_nodes: int | None
    only: Iterable[str] | None
    query: str | None


def build_network(
    graph: ClaimGraph,
    *,
    layout: str = "auto",
    physics_threshold: int = PHYSICS_THRESHOLD,
    **filters: Unpack[FilterArgs],
) -> Network:
    """The pyvis ``Network`` of ``graph`` after the filters, for notebooks (``net.show(...)``).

    Filters: ``around`` (entity id or name) and ``depth``, ``kind``, ``source``, ``status`` (one
    name or several), ``since``/``until`` (dates), ``max_nodes``. Node and edge ``title`` fields
    hold plain-text provenance (vis-network shows text titles as text). ``layout`` is ``"auto"``
    (physics up to ``physics_threshold`` nodes, else a layout computed in Python), ``"physics"``
    or ``"static"``.
    """
    composed = compose(
        graph,
        make_filters(**filters),
        layout=layout,
        physics_threshold=physics_threshold,
        titles=True,
    )
    return composed.network


def make_filters(**given: Unpack[FilterArgs]) -> Filters:
    """:class:`Filters` from the keyword arguments (names or values; errors name what is known)."""
    return Filters(
        around=given.get("around"),
        depth=given.get("depth", 1),
        kinds=parse_kinds(_strings(given.get("kind", ()))),
        sources=tuple(_strings(given.get("source", ()))),
        since=given.get("since"),
        until=given.get("until"),
        statuses=parse_statuses(_strings(given.get("status", ()))),
        max_nodes=given.get("max_nodes"),
        only=None if (only := given.get("only")) is None else frozenset(only),
        query=given.get("query"),
    )


def _strings(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def compose(
    graph: ClaimGraph,
    filters: Filters,
    *,
    layout: str = "auto",
    physics_threshold: int = PHYSICS_THRESHOLD,
    titles: bool = False,
) -> Composition:
    """Select, encode and (for large graphs) lay out; shared by the page and build_network."""
    if layout not in ("auto", "physics", "static"):
        raise ValueError(f"layout must be auto, physics or static, not {layout!r}")
    sel = select(graph, filters)
    n_nodes = len(sel.entities) + len(sel.sources)
    static = layout == "static" or (layout == "auto" and n_nodes > physics_threshold)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    composed = Composition(net, static, filters=filters.describe(), center=sel.center)
    edges, facts = _claim_edges(graph, sel)
    attribution = _attribution_edges(sel, edges)
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e["from"]] += len(e["claims"])
        degree[e["to"]] += len(e["claims"])
    for e in attribution:
        degree[e["from"]] += len(e["claimEdges"])
    records = {r.source: r for r in source_reliability(graph)}
    nodes = [_entity_node(graph, n, degree[n], facts.get(n, [])) for n in sel.entities]
    # A source is drawn only with a line to what it reported: never a box floating alone.
    linked = {e["from"] for e in attribution}
    nodes += [_source_node(graph, s, degree[s], records.get(s)) for s in sel.sources if s in linked]
    if static:
        weighted = [(e["from"], e["to"], 1.0) for e in edges]
        weighted += [(e["from"], e["to"], 0.2) for e in attribution]
        positions = compute_positions([n["id"] for n in nodes], weighted)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    if titles:
        _add_titles(graph, nodes, [*edges, *attribution])
    # Appended directly: pyvis's add_node/add_edge scan every existing item (quadratic).
    net.nodes = nodes
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.edges = [*edges, *attribution]
    net.options = _vis_options(static, len(nodes))
    used = {s for e in edges for c in e["claims"] for s in c.get("sources", ())}
    used |= {s for fs in facts.values() for c in fs for s in c.get("sources", ())}
    composed.sources = {
        s: {"name": graph.sources[s].name, "type": graph.sources[s].type.value}
        for s in sorted(used | set(sel.sources))
        if s in graph.sources
    }
    docs = {c["document"] for e in edges for c in e["claims"]}
    docs |= {c["document"] for fs in facts.values() for c in fs}
    composed.documents = {d: _document(graph, d) for d in sorted(docs) if d in graph.documents}
    if sel.left_out:
        composed.notes.append(sel.left_out)
    return composed


def _claim_record(graph: ClaimGraph, c: Claim, *, on_edge: bool = False) -> JSON:
    """Everything a tooltip shows about one claim, as JSON-ready plain values.

    On an edge, the predicate, kind, modality and polarity are the edge's own and are left out.
    """
    when = claim_date(graph, c)
    record = {
        "id": c.id,
        "predicate": PREDICATES[c.predicate].label,
        "kind": c.kind.value,
        "modality": c.modality.value,
        "polarity": c.polarity.value,
        "status": c.status.value,
        "sources": list(c.attributed_to),
        "stated": when.isoformat() if when else None,
        "validFrom": c.valid_from.isoformat() if c.valid_from else None,
        "validTo": c.valid_to.isoformat() if c.valid_to else None,
        "qualifiers": c.qualifiers.present(),
        "evidence": c.evidence,
        "document": c.document,
        "confidence": c.confidence,
        "value": c.object_value,
        "reason": c.status_reason,
        "decidedBy": _deciding(graph, c.resolved_by),
    }
    if on_edge:
        for shared in ("predicate", "kind", "modality", "polarity"):
            del record[shared]
    return _present(record)


def _deciding(graph: ClaimGraph, outcome_id: str | None) -> JSON | None:
    """The outcome that decided a claim, as the page shows it: its id, what it says, who
    recorded it and when (None when no outcome decided the claim)."""
    outcome = graph.claims.get(outcome_id) if outcome_id else None
    if outcome is None:
        return {"id": outcome_id} if outcome_id else None
    when = outcome.valid_from or claim_date(graph, outcome)
    names = [graph.sources[s].name for s in outcome.attributed_to if s in graph.sources]
    return _present(
        {
            "id": outcome.id,
            "text": claim_text(outcome, graph),
            "sources": ", ".join(names) or None,
            "date": when.isoformat() if when else None,
        }
    )


def _present(record: JSON) -> JSON:
    """The fields that have a value: absent beats null when thousands of claims travel in a page."""
    return {k: v for k, v in record.items() if v is not None and v != {} and v != []}


def _claim_edges(graph: ClaimGraph, sel: Selection) -> tuple[list[JSON], dict[str, list[JSON]]]:
    """One edge per (subject, predicate, object, modality, polarity, status); literal claims per
    subject."""
    groups: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    facts: dict[str, list[JSON]] = defaultdict(list)
    for c in sel.claims:
        if c.object is None:
            facts[c.subject].append(_claim_record(graph, c))
        else:
            key = (
                c.subject,
                c.predicate,
                c.object,
                c.modality.value,
                c.polarity.value,
                c.status.value,
            )
            groups[key].append(c)
    edges = []
    for group_key, claims in sorted(groups.items()):
        first = claims[0]
        claims.sort(key=lambda c: (claim_date(graph, c) or date.min, c.id))
        color, dashes, mark = style.claim_edge_style(first.status, first.modality, first.polarity)
        origins = {c.attributed_to[0] if c.attributed_to else c.document for c in claims}
        edge: JSON = {
            "id": "edge:" + ids.digest(list(group_key), size=12),
            "from": first.subject,
            "to": first.object,
            "role": "claim",
            "label": mark + PREDICATES[first.predicate].label,
            "predicate": PREDICATES[first.predicate].label,
            "kind": first.kind.value,
            "modality": first.modality.value,
            "polarity": first.polarity.value,
            "status": first.status.value,
            "color": color,
            "dashes": dashes,
            "width": style.edge_width(len(origins)),
            "independentSources": len(origins),
            "arrows": "" if first.predicate in style.SYMMETRIC_PREDICATES else "to",
            "claims": [_claim_record(graph, c, on_edge=True) for c in claims],
        }
        edges.append(edge)
    _separate_parallel_edges(edges)
    return edges, dict(facts)


def _separate_parallel_edges(edges: list[JSON]) -> None:
    """Bend edges that join the same two nodes by different amounts so none hides another."""
    by_pair: dict[tuple[str, str], list[JSON]] = defaultdict(list)
    for e in edges:
        by_pair[(min(e["from"], e["to"]), max(e["from"], e["to"]))].append(e)
    for (low, _), group in by_pair.items():
        if len(group) < 2:
            continue
        for i, e in enumerate(group):
            clockwise = (i % 2 == 0) == (e["from"] == low)
            e["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": 0.15 + 0.2 * (i // 2),
            }


def _attribution_edges(sel: Selection, edges: list[JSON]) -> list[JSON]:
    """A thin edge from each drawn source to each entity of a claim it is credited with."""
    drawn = set(sel.sources)
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in edges:
        credited = {s for c in e["claims"] for s in c.get("sources", ()) if s in drawn}
        for s in sorted(credited):
            for entity in (e["from"], e["to"]):
                if e["id"] not in reasons[(s, entity)]:
                    reasons[(s, entity)].append(e["id"])
    return [
        {
            "id": f"attr:{s}>{entity}",
            "from": s,
            "to": entity,
            "role": "attribution",
            "claimEdges": claim_edges,
            **style.ATTRIBUTION_STYLE,
        }
        for (s, entity), claim_edges in sorted(reasons.items())
    ]


def _size(degree: int) -> float:
    return round(min(40.0, 10.0 + 4.0 * math.sqrt(degree)), 1)


def _aliases(name: str, type_: EntityType, own: list[str]) -> list[str]:
    """An entity's other names for the page's search: its own aliases and the gazetteer's
    ("Man Utd", "Spurs"), without its name."""
    entry = gazetteer().lookup(name, label=type_.value)
    names = [
        *own,
        *(entry.aliases + entry.short if entry else ()),
        *([entry.name] if entry else []),
    ]
    return [a for a in dict.fromkeys(names) if a != name]


def _entity_node(graph: ClaimGraph, entity_id: str, degree: int, facts: list[JSON]) -> JSON:
    entity = graph.entities[entity_id]
    look = style.ENTITY_STYLES[entity.type]
    return _present(
        {
            "id": entity.id,
            "label": entity.name,
            "role": "entity",
            "type": entity.type.value,
            "typeLabel": look.label,
            "shape": look.shape,
            "color": {"background": look.color, "border": "#333333"},
            "size": _size(degree),
            "aliases": _aliases(entity.name, entity.type, entity.aliases),
            "wikidata": entity.wikidata,
            "claimCount": degree,
            "facts": facts,
        }
    )


def track_record(record: SourceRecord | None) -> str:
    """A source's record in a few words, for its box: accuracy with its Wilson 95% interval.

    >>> track_record(None)
    'no claim decided yet'
    """
    if record is None or not record.resolved:
        return "no claim decided yet"
    low, high = record.wilson
    return (
        f"{record.confirmed} of {record.resolved} right · {record.accuracy:.0%} "
        f"({low:.0%}–{high:.0%})"
    )


def _source_node(
    graph: ClaimGraph, source_id: str, degree: int, record: SourceRecord | None
) -> JSON:
    source = graph.sources[source_id]
    look = style.SOURCE_STYLES[source.type]
    decided = record.resolved if record else 0
    return _present(
        {
            "id": source.id,
            "label": f"{source.name}\n{track_record(record)}",
            "name": source.name,
            "record": None
            if record is None
            else {
                "claims": record.claims,
                "confirmed": record.confirmed,
                "refuted": record.refuted,
                "open": record.open,
                "accuracy": record.accuracy,
                "low": round(record.wilson[0], 3) if decided else None,
                "high": round(record.wilson[1], 3) if decided else None,
                "text": track_record(record),
            },
            # boxes grow with the number of decided claims, so a long record stands out
            "font": {"size": round(12 + min(8.0, 2.0 * math.log2(1 + decided)), 1)},
            "role": "source",
            "type": source.type.value,
            "typeLabel": look.label,
            "shape": look.shape,
            "color": {"background": look.color, "border": "#777777"},
            "domain": source.domain,
            "wikidata": source.wikidata,
            "claimCount": degree,
        }
    )


def _document(graph: ClaimGraph, doc_id: str) -> JSON:
    d = graph.documents[doc_id]
    outlet = graph.sources.get(d.outlet) if d.outlet else None
    return {
        "title": d.title,
        "url": d.url,
        "published": d.published.isoformat() if d.published else None,
        "outlet": outlet.name if outlet else None,
        "author": d.author,
    }


def _add_titles(graph: ClaimGraph, nodes: list[JSON], edges: list[JSON]) -> None:
    """Plain-text ``title`` fields for pyvis's own template (notebooks); the page builds its own."""
    for n in nodes:
        n["title"] = f"{n['label']} ({n['typeLabel']}), {n['claimCount']} claims"
    for e in edges:
        if e["role"] != "claim":
            continue
        lines = []
        for c in e["claims"]:
            why = f"\n  why: {c['reason']}" if c.get("reason") else ""
            names = " → ".join(
                graph.sources[s].name if s in graph.sources else s for s in c.get("sources", [])
            )
            lines.append(
                f"{e['predicate']} [{e['modality']}, {c['status']}] {c.get('stated') or ''}"
                f" — {names or 'unattributed'}"
                + (f"\n  “{c['evidence']}”" if c.get("evidence") else "")
                + why
            )
        e["title"] = "\n".join(lines)


def _vis_options(static: bool, n_nodes: int) -> JSON:
    """vis-network options: physics for small graphs, a fixed layout and cheap drawing for large."""
    return {
        "autoResize": True,
        "physics": {
            "enabled": not static,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -9000,
                "springLength": 210,
                "springConstant": 0.03,
                "avoidOverlap": 0.2,
                "damping": 0.4,
            },
            "stabilization": {"enabled": not static, "iterations": 400, "fit": True},
            "minVelocity": 2.0,
        },
        "layout": {"improvedLayout": not static and n_nodes <= 150, "randomSeed": 7},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": static,
            "hideEdgesOnZoom": static,
            "multiselect": False,
        },
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": False if static else {"enabled": True, "type": "continuous"},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3, "face": "sans-serif"},
            "selectionWidth": 2,
            "arrowStrikethrough": False,
        },
    }
