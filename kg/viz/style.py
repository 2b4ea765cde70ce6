"""The visual encoding of the graph page: shape and colour per node type; a claim line's colour
says its status (did it come true?) and its dash pattern its modality (how firmly it was said).

One table per dimension, so the page, its legend and the tests read the same values. Entities are
round-ish shapes with the label below; sources are labelled boxes, so none looks like an entity.
Status and modality are kept apart on purpose: "confirmed" as a modality (a source says it is
done) is not "confirmed" as a status (an outcome shows it happened).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.vocab import EntityType, Modality, Polarity, SourceType, Status


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
class LineStyle:
    """One value of one line dimension: a colour (status) or a dash pattern (modality; False is
    solid, else a vis dash pattern), and its legend label."""

    color: str
    dashes: bool | list[int]
    label: str


#: Line colour by status: what the outcomes say.
STATUS_STYLES: dict[Status, LineStyle] = {
    Status.CONFIRMED: LineStyle("#2e7d32", False, "confirmed by an outcome (green)"),
    Status.REFUTED: LineStyle("#c62828", False, "refuted by an outcome (red)"),
    Status.OPEN: LineStyle("#6c7a89", False, "open: not decided (grey)"),
}

#: Line dash pattern by modality: how firmly the source said it (drawn in a neutral colour in
#: the legend, since the colour is the status).
MODALITY_STYLES: dict[Modality, LineStyle] = {
    Modality.FACT: LineStyle("#555555", False, "stated as fact (solid)"),
    Modality.CONFIRMED: LineStyle("#555555", False, "said to be done (solid)"),
    Modality.REPORTED: LineStyle("#555555", False, "reported (solid)"),
    Modality.EXPECTED: LineStyle("#555555", [10, 6], "expected (dashed)"),
    Modality.RUMOURED: LineStyle("#555555", [3, 5], "rumoured (dotted)"),
    Modality.DENIED: LineStyle("#555555", [12, 4, 2, 4], "denied (dash-dot, ✗)"),
}
#: The label mark of a denied claim, and of a negative one ("not Xabi Alonso").
DENIED_MARK = "✗ "
NEGATIVE_MARK = "✗ not "
NEGATIVE_LEGEND = "negative claim: label starts “✗ not”"

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


def claim_edge_style(
    status: Status, modality: Modality, polarity: Polarity
) -> tuple[str, bool | list[int], str]:
    """Colour (status), dash pattern (modality) and label prefix of a claim line."""
    mark = NEGATIVE_MARK if polarity is Polarity.NEGATIVE else ""
    if not mark and modality is Modality.DENIED:
        mark = DENIED_MARK
    return STATUS_STYLES[status].color, MODALITY_STYLES[modality].dashes, mark


def legend() -> dict[str, list[dict[str, Any]]]:
    """The legend as data for the page script (it draws the swatches itself): node types, then
    line colours by status and line styles by modality, each under its own heading."""
    return {
        "nodes": [
            {"shape": s.shape, "color": s.color, "label": s.label}
            for s in (*ENTITY_STYLES.values(), *SOURCE_STYLES.values())
        ],
        "status": [
            {"status": status.value, "color": s.color, "dashes": False, "label": s.label}
            for status, s in STATUS_STYLES.items()
        ],
        "modality": [
            {"modality": modality.value, "color": s.color, "dashes": s.dashes, "label": s.label}
            for modality, s in MODALITY_STYLES.items()
        ]
        + [{"color": "#555555", "dashes": False, "label": NEGATIVE_LEGEND}],
    }
