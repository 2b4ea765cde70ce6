"""Export formats by name: Turtle, N-Triples, N-Quads, TriG, JSON-LD and GraphML.

A registry keyed by name, like rdflib's plugins:
``FORMATS["turtle"].write(graph, out, base, progress)``.
RDF formats stream the quads of :mod:`kg.rdf.triples` through pyoxigraph's serializers (or the
JSON-LD writer), so output is written as it is produced and memory does not grow with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import RdfFormat, serialize

from kg.errors import KgError
from kg.model import ClaimGraph
from kg.rdf.graphml import write_graphml
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.jsonld import write_jsonld
from kg.rdf.triples import Progress, prefixes, quads

#: ``write(graph, out, base, progress)``: ``progress`` (or None) is told how many records are done.
Writer = Callable[[ClaimGraph, BinaryIO, str, Progress | None], None]


class ExportError(KgError):
    """An export was asked for in a format kg does not write."""


@dataclass(frozen=True)
class ExportFormat:
    """One output format: its name, usual file extension, media type and writer."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    write: Writer
    rdf: bool = True


def _rdf_writer(fmt: RdfFormat, *, named_graphs: bool = False) -> Writer:
    def write(graph: ClaimGraph, out: BinaryIO, base: str, progress: Progress | None) -> None:
        stream = quads(graph, base=base, named_graphs=named_graphs, progress=progress)
        if fmt.supports_datasets:
            serialize(stream, out, fmt, prefixes=prefixes(base))
        else:
            serialize((q.triple for q in stream), out, fmt, prefixes=prefixes(base))

    return write


def _jsonld(graph: ClaimGraph, out: BinaryIO, base: str, progress: Progress | None) -> None:
    write_jsonld(quads(graph, base=base, progress=progress), out)


def _graphml(graph: ClaimGraph, out: BinaryIO, base: str, progress: Progress | None) -> None:
    write_graphml(graph, out)  # networkx writes the whole graph at once
    if progress is not None:
        progress(records(graph))


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", (".ttl",), "text/turtle", _rdf_writer(RdfFormat.TURTLE)),
        ExportFormat(
            "ntriples", (".nt",), "application/n-triples", _rdf_writer(RdfFormat.N_TRIPLES)
        ),
        ExportFormat(
            "nquads",
            (".nq",),
            "application/n-quads",
            _rdf_writer(RdfFormat.N_QUADS, named_graphs=True),
        ),
        ExportFormat(
            "trig", (".trig",), "application/trig", _rdf_writer(RdfFormat.TRIG, named_graphs=True)
        ),
        ExportFormat("jsonld", (".jsonld", ".json"), "application/ld+json", _jsonld),
        ExportFormat("graphml", (".graphml",), "application/graphml+xml", _graphml, rdf=False),
    )
}


def format_named(name: str) -> ExportFormat:
    """The export format called ``name``; a :class:`ExportError` lists the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(
            f"unknown export format {name!r}; expected one of: {', '.join(FORMATS)}"
        ) from None


def format_for_path(path: Path) -> ExportFormat | None:
    """The format a file name's extension implies (``graph.ttl`` → turtle), if any."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def records(graph: ClaimGraph) -> int:
    """How many records an export of ``graph`` writes: what its progress counts up to."""
    return len(graph.entities) + len(graph.sources) + len(graph.documents) + len(graph.claims)


def export(
    graph: ClaimGraph,
    out: BinaryIO,
    *,
    format: str = "turtle",
    base: str = DEFAULT_BASE,
    progress: Progress | None = None,
) -> None:
    """Write ``graph`` to the binary stream ``out`` in ``format``, record IRIs under ``base``;
    ``progress`` is told how many of its :func:`records` are written, as they are."""
    format_named(format).write(graph, out, base, progress)
