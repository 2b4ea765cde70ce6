"""kg as a Python library: :func:`load` a graph from files, or :func:`open` the stored one.

The ``kg`` command is a thin layer over these; ``import kg`` re-exports them (``kg.load``,
``kg.open``), loading this package only on first use so that ``kg --help`` stays quick.
"""

from kg.api.graph import BuildSummary, Graph, open
from kg.api.reading import Loaded, load

__all__ = ["BuildSummary", "Graph", "Loaded", "load", "open"]
