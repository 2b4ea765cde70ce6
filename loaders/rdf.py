"""kg's own RDF exports as input: Turtle, N-Triples, N-Quads, TriG and JSON-LD.

``kg export`` followed by ``kg build graph.ttl`` gives back the same graph (same ids); see
:mod:`kg.rdf.read`. Files are parsed with pyoxigraph; a syntax error is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from pyoxigraph import RdfFormat, parse

from kg.errors import InputError
from kg.model import ClaimGraph
from kg.rdf.read import read_graph
from loaders.base import LoadReport

_FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
}
_LINE = re.compile(r"line (\d+)|(\d+):\d+")


def parse_file(path: Path) -> ClaimGraph:
    """Read one RDF file; raise :class:`InputError` on a syntax error or an incomplete record."""
    report = LoadReport()
    graphs = list(RdfLoader().load(path, report))
    if report.problems:
        raise InputError(report.problems[0])
    return graphs[0] if graphs else ClaimGraph()


class RdfLoader:
    """Reads RDF written by ``kg export`` back into a claim graph."""

    name: ClassVar[str] = "rdf"
    extensions: ClassVar[tuple[str, ...]] = tuple(_FORMATS)

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in _FORMATS

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        fmt = _FORMATS.get(path.suffix.lower(), RdfFormat.TURTLE)
        try:
            graph, problems = read_graph(parse(path=path, format=fmt))
        except SyntaxError as exc:
            match = _LINE.search(str(exc))
            line = int(match.group(1) or match.group(2)) if match else None
            raise InputError.at(path, line, f"invalid {fmt.name}: {exc}") from None
        except OSError as exc:
            raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None
        report.records += len(graph.claims) + len(problems)
        for problem in problems:
            report.reject(path, None, str(problem), problem.field)
        if graph.claims or graph.entities:
            yield graph
