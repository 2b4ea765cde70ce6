"""The visual encoding of the graph page: shape and colour per node type, line style per modality.

One table per dimension, so the page, its legend and the tests read the same values. Entities are
round-ish shapes with the label below; sources are labelled boxes, so none looks like an entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.vocab import EntityType, Modality, Polarity, SourceType


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of node is drawn: a vis-network shape, a fill colour and a legend label."""

    shape: str
    color: str
    label: str


ENTITY_STYLES: dict[EntityType, NodeStyle] = {
    EntityType.PERSON: NodeStyle("dot", "#4e79a7", "Person"),
    EntityType.CLUB: NodeStyle("diamond", "#e15759", "Club"),
    EntityType.NATIONAL_TEAM: NodeStyle("triangle", "#59a14f", "National team"),
    EntityType.ORGANIZATION: NodeStyle("hexagon", "#b07aa1", "Organisation"),
    EntityType.COMPETITION: NodeStyle("star", "#f28e2b", "Competition"),
}

SOURCE_STYLES: dict[SourceType, NodeStyle] = {
    SourceType.OUTLET: NodeStyle("box", "#e8e8e8", "Source: outlet"),
    SourceType.JOURNALIST: NodeStyle("box", "#f3e3c3", "Source: journalist"),
    SourceType.SPEAKER: NodeStyle("box", "#d6e6f5", "Source: speaker"),
}


@dataclass(frozen=True)
class EdgeStyle:
    """How a claim edge of one modality is drawn; ``dashes`` is False or a vis dash pattern."""

    color: str
    dashes: bool | list[int]
    mark: str
    label: str


MODALITY_STYLES: dict[Modality, EdgeStyle] = {
    Modality.FACT: EdgeStyle("#37474f", False, "", "fact (solid)"),
    Modality.CONFIRMED: EdgeStyle("#2e7d32", False, "", "confirmed (solid green)"),
    Modality.REPORTED: EdgeStyle("#5c7cfa", False, "", "reported (solid blue)"),
    Modality.EXPECTED: EdgeStyle("#ef6c00", [10, 6], "", "expected (dashed)"),
    Modality.RUMOURED: EdgeStyle("#8e24aa", [3, 5], "", "rumoured (dotted)"),
    Modality.DENIED: EdgeStyle("#c62828", [2, 3], "✗ ", "denied (red, ✗)"),
}

#: Negative claims ("not Xabi Alonso") are red and marked whatever their modality.
NEGATIVE_COLOR = "#c62828"
NEGATIVE_MARK = "✗ not "
NEGATIVE_LEGEND = "negative (red, ✗ not)"

#: Thin grey dotted lines from a source to the entities of the claims it is credited with.
ATTRIBUTION_STYLE: dict[str, Any] = {
    "color": {"color": "#b0b0b0", "opacity": 0.6},
    "dashes": [1, 4],
    "width": 0.5,
    "arrows": "",
    "smooth": False,
}

#: Predicates whose claims read the same both ways; every other predicate gets an arrow.
SYMMETRIC_PREDICATES = frozenset({"draws_with"})


def edge_width(independent_sources: int) -> float:
    """Line width for a claim backed by this many independent sources (1 → 1.5 px, capped at 9)."""
    return min(9.0, 1.5 + 1.5 * max(0, independent_sources - 1))


def claim_edge_style(modality: Modality, polarity: Polarity) -> tuple[str, bool | list[int], str]:
    """Colour, dash pattern and label prefix of a claim edge."""
    style = MODALITY_STYLES[modality]
    if polarity is Polarity.NEGATIVE:
        return NEGATIVE_COLOR, style.dashes, NEGATIVE_MARK
    return style.color, style.dashes, style.mark


def legend() -> dict[str, list[dict[str, Any]]]:
    """The legend as data for the page script (it draws the swatches itself)."""
    return {
        "nodes": [
            {"shape": s.shape, "color": s.color, "label": s.label}
            for s in (*ENTITY_STYLES.values(), *SOURCE_STYLES.values())
        ],
        "edges": [
            {"color": s.color, "dashes": s.dashes, "label": s.label}
            for s in MODALITY_STYLES.values()
        ]
        + [{"color": NEGATIVE_COLOR, "dashes": False, "label": NEGATIVE_LEGEND}],
    }
