"""networkx views of a claim graph: most-linked entities, and who reports (and echoes) whom.

>>> from datetime import date
>>> from kg.model import ClaimGraph
>>> from kg.synthetic.cases import add_claim
>>> g = ClaimGraph()
>>> _ = add_claim(g, "Jürgen Klopp", "appointed_by", "Real Madrid", stated=date(2025, 4, 17),
...               source="UOL", echoes=("Sport",))
>>> _ = add_claim(g, "Jürgen Klopp", "appointed_by", "Real Madrid", stated=date(2025, 4, 18),
...               source="Marca")
>>> reporting = co_reporting(g)
>>> sorted(reporting["outlet:marca"]), reporting["outlet:marca"]["outlet:uol"]["weight"]
(['outlet:sport', 'outlet:uol'], 1)
>>> list(echo_network(g).edges(data="weight"))
[('outlet:sport', 'outlet:uol', 1)]
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kg.model import ClaimGraph


def entity_graph(graph: ClaimGraph) -> nx.Graph:
    """Entities linked by the claims between them; ``weight`` counts the claims."""
    g = nx.Graph()
    for e in graph.entities.values():
        g.add_node(e.id, name=e.name, type=e.type.value)
    for claim in graph.claims.values():
        if claim.object is None or claim.object == claim.subject:
            continue
        if g.has_edge(claim.subject, claim.object):
            g[claim.subject][claim.object]["weight"] += 1
        else:
            g.add_edge(claim.subject, claim.object, weight=1)
    return g


def most_linked(graph: ClaimGraph, *, top: int = 10) -> list[tuple[str, str, int, int]]:
    """The ``top`` entities by distinct neighbours: ``(id, name, neighbours, claims)``."""
    g = entity_graph(graph)
    rows = [
        (node, str(g.nodes[node]["name"]), g.degree(node), int(g.degree(node, weight="weight")))
        for node in g.nodes
    ]
    return sorted(rows, key=lambda r: (-r[2], -r[3], r[1]))[:top]


def co_reporting(graph: ClaimGraph) -> nx.Graph:
    """Sources linked when they report the same story (subject, predicate, object, polarity).

    ``weight`` counts the stories two sources share.
    """
    stories: dict[tuple[str, str, str | None, str], set[str]] = defaultdict(set)
    for c in graph.claims.values():
        key = (c.subject, c.predicate, c.object or c.object_value, c.polarity.value)
        stories[key].update(c.attributed_to)
    g = nx.Graph()
    for s in graph.sources.values():
        g.add_node(s.id, name=s.name, type=s.type.value)
    for sources in stories.values():
        for a, b in combinations(sorted(sources), 2):
            weight = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=weight)
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    return g


def echo_network(graph: ClaimGraph) -> nx.DiGraph:
    """Who echoes whom: an edge from each echoing source to the claim's origin, weighted."""
    g = nx.DiGraph()
    for c in graph.claims.values():
        origin, *echoes = c.attributed_to or [""]
        for echo in echoes:
            if echo == origin:
                continue
            weight = g[echo][origin]["weight"] + 1 if g.has_edge(echo, origin) else 1
            g.add_edge(echo, origin, weight=weight)
    return g
