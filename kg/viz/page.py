"""Write the graph as one self-contained HTML page that works offline.

pyvis's own template loads Bootstrap and vis-network from CDNs; this page uses the project's
template (``template.html``, ``page.css``, ``page.js``) and inlines vis-network 9.1.2 read at run
time from the installed pyvis package (vis-network is dual-licensed Apache-2.0/MIT; its licence
header stays in the inlined file). The graph travels as JSON in a ``<script type=application/json>``
block, escaped so that no value can close the block or be read as markup.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Unpack

from kg.errors import KgError
from kg.files import write_whole
from kg.model import ClaimGraph
from kg.viz import style
from kg.viz.network import (
    PHYSICS_THRESHOLD,
    Composition,
    FilterArgs,
    compose,
    make_filters,
)
from kg.vocab import Kind

_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


class VizError(KgError):
    """The page cannot be written (its assets are missing or the output path is unusable)."""


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """A vis-network file from the installed pyvis package (never fetched from the network)."""
    try:
        text = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name)
        return text.read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise VizError(f"cannot read vis-network's {name} from the pyvis package: {exc}") from None


def _inline(kind: str, text: str) -> str:
    """Refuse content that would end its ``<script>``/``<style>`` element early."""
    if re.search(rf"</{kind}", text, re.IGNORECASE):
        raise VizError(f"an inlined asset contains '</{kind}' and cannot be inlined safely")
    return text


def _compact_attribution(
    edges: list[dict[str, Any]], claim_edges: list[dict[str, Any]]
) -> list[list[Any]]:
    """Attribution edges as ``[source, entity, [claim edge positions]]``; the page rebuilds them.

    There are several per claim, so their ids and shared style are left for the script to add.
    """
    position = {e["id"]: i for i, e in enumerate(claim_edges)}
    return [
        [e["from"], e["to"], [position[c] for c in e["claimEdges"]]]
        for e in edges
        if e["role"] == "attribution"
    ]


def render(composed: Composition, *, title: str = "kg graph") -> str:
    """The HTML of the page for an already composed network."""
    net = composed.network
    claim_edges = [e for e in net.edges if e["role"] == "claim"]
    payload = {
        "nodes": net.nodes,
        "edges": claim_edges,
        "attribution": _compact_attribution(net.edges, claim_edges),
        "attributionStyle": style.ATTRIBUTION_STYLE,
        "showAttribution": not composed.static_layout,
        "options": net.options,
        "sources": composed.sources,
        "documents": composed.documents,
        "notes": composed.notes,
        "filters": composed.filters,
        "center": composed.center,
        "legend": style.legend(),
        "kindOrder": [k.value for k in Kind],
        "title": title,
    }
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": _inline("style", _vis_asset("vis-network.css")),
        "PAGE_CSS": _inline("style", _asset("page.css")),
        "VIS_JS": _inline("script", _vis_asset("vis-network.min.js")),
        "PAGE_JS": _inline("script", _asset("page.js")),
        "DATA": script_json(payload),
    }
    # One pass: text put in is never scanned again for placeholders.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))


def write_html(
    graph: ClaimGraph,
    path: str | Path,
    *,
    title: str = "kg graph",
    layout: str = "auto",
    physics_threshold: int = PHYSICS_THRESHOLD,
    **filters: Unpack[FilterArgs],
) -> Composition:
    """Write ``graph`` (after the filters) as one offline HTML page at ``path``; return the drawing.

    Filters are those of :func:`kg.viz.build_network`. The file is written whole or not at all
    (:func:`kg.files.write_whole`), so a failure never leaves half a page.
    """
    composed = compose(
        graph, make_filters(**filters), layout=layout, physics_threshold=physics_threshold
    )
    page = render(composed, title=title)
    data = page.encode("utf-8")
    write_whole(path, lambda out: out.write(data), what="the page")
    return composed
