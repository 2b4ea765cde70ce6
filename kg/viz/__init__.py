"""Interactive HTML graphs of a claim graph (pyvis / vis-network), offline and self-contained.

``build_network(graph, **filters)`` gives the pyvis ``Network`` for notebooks; ``write_html(graph,
path, **options)`` writes the page the ``kg viz`` command produces.
"""

from kg.viz.network import build_network
from kg.viz.page import VizError, write_html
from kg.viz.select import SelectionError

__all__ = ["SelectionError", "VizError", "build_network", "write_html"]
