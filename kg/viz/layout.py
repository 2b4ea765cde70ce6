"""Node positions computed in Python, so that large pages open with physics off.

vis-network's physics needs minutes to settle thousands of nodes in the browser; a layout computed
once here lets the page draw at once. networkx splits the graph into connected components and
lays out the small ones (``spring_layout``); networkx's spring layout needs SciPy beyond 500 nodes,
so large components use a Fruchterman-Reingold layout written for NumPy whose repulsion is computed
on a grid with FFTs (O(n + g² log g) per step instead of O(n²)). Components are then packed in rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np
from numpy.typing import NDArray

#: Ideal distance between two linked nodes, in vis-network canvas units (pixels at zoom 1).
SPACING = 110.0
#: Components up to this size use networkx's spring layout; larger ones the grid layout.
SMALL_COMPONENT = 300

Array = NDArray[np.float64]


def compute_positions(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str, float]],
    *,
    seed: int = 0,
    iterations: int = 120,
) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes`` given weighted undirected ``edges`` (weight 1 = a normal spring)."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, w in edges:
        if a != b:
            prior = graph.get_edge_data(a, b, {}).get("weight", 0.0)
            graph.add_edge(a, b, weight=prior + w)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    laid_out = []
    for component in components:
        members = sorted(component)
        if len(members) == 1:
            coords = np.zeros((1, 2))
        elif len(members) <= SMALL_COMPONENT:
            spring = nx.spring_layout(graph.subgraph(members), seed=seed, weight="weight")
            coords = np.array([spring[m] for m in members]) * SPACING * math.sqrt(len(members))
        else:
            index = {m: i for i, m in enumerate(members)}
            sub = graph.subgraph(members)
            pairs = np.array([(index[a], index[b]) for a, b in sub.edges()], dtype=np.int64)
            weights = np.array([w for _, _, w in sub.edges(data="weight")], dtype=np.float64)
            coords = grid_force_layout(
                len(members), pairs, weights, seed=seed, iterations=iterations
            )
        laid_out.append((members, coords - coords.mean(axis=0)))
    return _pack(laid_out)


def grid_force_layout(
    n: int, pairs: NDArray[np.int64], weights: Array, *, seed: int = 0, iterations: int = 120
) -> Array:
    """Fruchterman-Reingold on ``n`` nodes; repulsion k²/d summed over a grid by FFT convolution."""
    rng = np.random.default_rng(seed)
    k = SPACING
    pos = rng.normal(size=(n, 2)) * k * math.sqrt(n) / 3
    cells = int(min(256, max(32, 2 * math.sqrt(n))))
    temperature = k * math.sqrt(n) / 4
    src, dst = pairs[:, 0], pairs[:, 1]
    for step in range(iterations):
        disp = _grid_repulsion(pos, cells, k)
        delta = pos[dst] - pos[src]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-9)
        pull = delta * (dist * weights / k)[:, None]
        for axis in (0, 1):
            disp[:, axis] += np.bincount(src, pull[:, axis], minlength=n)
            disp[:, axis] -= np.bincount(dst, pull[:, axis], minlength=n)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        limit = temperature * (1 - step / iterations) + k * 0.05
        pos += disp * (np.minimum(length, limit) / length)[:, None]
    return pos


def _grid_repulsion(pos: Array, cells: int, k: float) -> Array:
    """Repulsive force on every node from every other, binned on a ``cells``×``cells`` grid."""
    low = pos.min(axis=0)
    size = float((pos.max(axis=0) - low).max()) / (cells - 1) + 1e-9
    ij = np.clip(((pos - low) / size).astype(np.int64), 0, cells - 1)
    density = np.zeros((2 * cells, 2 * cells))
    np.add.at(density, (ij[:, 0], ij[:, 1]), 1.0)
    offsets = np.arange(2 * cells, dtype=np.float64)
    offsets[offsets >= cells] -= 2 * cells  # wrap-around so the FFT convolution is linear
    dx, dy = np.meshgrid(offsets * size, offsets * size, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[0, 0] = np.inf
    spectrum = np.fft.rfft2(density)
    force = np.empty_like(pos)
    for axis, component in enumerate((dx, dy)):
        field = np.fft.irfft2(spectrum * np.fft.rfft2(k * k * component / r2), s=density.shape)
        force[:, axis] = field[ij[:, 0], ij[:, 1]]
    return force


def _pack(laid_out: list[tuple[list[str], Array]]) -> dict[str, tuple[float, float]]:
    """Place components left to right in rows, largest first, each in its own box."""
    boxes = []
    for members, coords in laid_out:
        half = np.abs(coords).max(axis=0) + SPACING / 2
        boxes.append((members, coords, half))
    area = sum(float(4 * h[0] * h[1]) for _, _, h in boxes)
    row_width = max(math.sqrt(area) * 1.3, float(2 * boxes[0][2][0]) if boxes else 0.0)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, coords, half in boxes:
        if x > 0 and x + 2 * half[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centre = np.array([x + half[0], y + half[1]])
        for name, (px, py) in zip(members, coords + centre, strict=True):
            positions[name] = (round(float(px)), round(float(py)))
        x += 2 * half[0]
        row_height = max(row_height, float(2 * half[1]))
    return positions
