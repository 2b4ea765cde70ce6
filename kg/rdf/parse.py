"""Reading an RDF file into an rdflib graph for validation (named graphs merged into one)."""

from __future__ import annotations

import logging
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from kg.errors import InputError


def read_rdflib(path: Path) -> Graph:
    """Parse ``path`` (format from its extension) into one rdflib graph.

    rdflib's warnings about ill-typed literals (``"2025-02-30"^^xsd:date``) are silenced here:
    SHACL reports them to the user with the focus node and property instead.
    """
    fmt = guess_format(str(path)) or "turtle"
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        if fmt in {"trig", "nquads"}:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise InputError.at(path, None, f"invalid {fmt}: {exc}") from None
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        term_log.setLevel(level)


def parse_bytes(data: bytes, fmt: str = "nt") -> Graph:
    """Parse kg's own serialised output (N-Triples by default) into an rdflib graph."""
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        return Graph().parse(data=data, format=fmt)
    finally:
        term_log.setLevel(level)
