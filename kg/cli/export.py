"""``kg export -f FORMAT -o FILE``, and the graph-source options the linked-data commands share."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.cli.common import from_option, reading, stderr_console
from kg.rdf.iri import DEFAULT_BASE, check_base

if TYPE_CHECKING:
    from kg.model import ClaimGraph

#: The names of kg.rdf.export.FORMATS, for --help without loading the writers (a test keeps
#: them equal).
FORMAT_NAMES = ("turtle", "ntriples", "nquads", "trig", "jsonld", "graphml")

F = TypeVar("F", bound=Callable[..., Any])


def graph_options(func: F) -> F:
    """``--base IRI`` and ``--from PATH``: where record IRIs live and where the graph comes from."""
    func = from_option(func)
    func = click.option(
        "--base",
        default=DEFAULT_BASE,
        show_default=True,
        metavar="IRI",
        help="Base IRI that record IRIs are minted under (must end in / or #).",
    )(func)
    return func


def load_graph(from_paths: tuple[Path, ...]) -> ClaimGraph:
    """The graph to work on: read from ``from_paths`` when given, else the stored graph."""
    with reading(from_paths) as source:
        return source.graph()


@click.command("export")
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(FORMAT_NAMES),
    help="Output format; by default guessed from the -o file name, else turtle.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="File to write ('-' for standard output). Written whole or not at all.",
)
@graph_options
def command(format_: str | None, output: str, base: str, from_paths: tuple[Path, ...]) -> None:
    """Export the graph as linked data (Turtle, N-Triples, N-Quads, TriG, JSON-LD) or GraphML.

    Every claim is a kg:Claim resource with its qualifiers and PROV-O provenance; the plain
    entity-to-entity triple is added only for claims that hold as facts (positive, not refuted,
    and confirmed or stated as fact). TriG and N-Quads put each claim in its own named graph.
    Terms are described by the ontology in ontology/kg.ttl; JSON-LD uses its published context.

    \b
    Example:
      kg export -f turtle -o out/graph.ttl
      kg export -f jsonld -o - --from examples/ | head
      kg export -o graph.trig --base https://example.org/football/
    """
    from kg.api.reading import export_graph
    from kg.files import to_stream
    from kg.rdf.export import export, format_for_path

    check_base(base)
    path = None if output == "-" else Path(output)
    graph = load_graph(from_paths)
    if path is None:
        to_stream(
            sys.stdout.buffer,
            lambda out: export(graph, out, format=format_ or "turtle", base=base),
            what="the export",
        )
        return
    guessed = format_for_path(path)
    fmt = format_ or (guessed.name if guessed else "turtle")
    counts = export_graph(graph, path, format=fmt, base=base)
    stderr_console().print(
        f"Exported {counts['claims']} claims, {counts['entities']} entities, "
        f"{counts['sources']} sources and {counts['documents']} documents as {fmt} to {path}"
    )
