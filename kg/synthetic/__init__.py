"""Generated and hand-made claim graphs: the one home of kg's generators, for tests, benchmarks,
docstring examples and sample pages.

- :func:`synthetic_graph` (:mod:`kg.synthetic.graph`): a realistic-looking graph of any number of
  claims, every kind, modality and status, with accented and non-Latin names;
- :func:`kg.synthetic.corpus.write_corpus`: such graphs written as an archive of claim files
  (``python -m kg.synthetic.corpus OUT N_CLAIMS``; imported from its module, not from here, so
  that running it as a script finds it unloaded);
- :func:`sample_graph` (:mod:`kg.synthetic.sample`): a graph of a chosen number of nodes, for
  pages and their benchmarks;
- :func:`add_claim` and :func:`tiny_graph` (:mod:`kg.synthetic.cases`): small cases written by
  hand in a line each, for doctests and unit tests.

Every generator is deterministic: the same arguments give the same graph or files. Nothing here
is imported by kg's own commands; it sits beside the loaders as another maker of
:class:`~kg.model.ClaimGraph` objects.
"""

from kg.synthetic.cases import add_claim, tiny_graph
from kg.synthetic.graph import synthetic_graph
from kg.synthetic.sample import sample_graph

__all__ = ["add_claim", "sample_graph", "synthetic_graph", "tiny_graph"]
