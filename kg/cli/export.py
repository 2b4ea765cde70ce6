"""``kg export -f FORMAT -o FILE``, and the graph-source options the linked-data commands share."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.cli import progress
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
    """The graph to work on: read from ``from_paths`` when given (settled by the outcome data
    among them, as ``kg build`` would store it, unless they carry statuses with reasons already),
    else the stored graph."""
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
    On a terminal a progress bar shows the records written and the time left (not with CI=true).

    \b
    Example:
      kg export -f turtle -o out/graph.ttl
      kg export -f jsonld -o - --from examples/ | head
      kg export -o graph.trig --base https://example.org/football/
    """
    from kg.rdf.export import format_for_path

    check_base(base)
    path = None if output == "-" else Path(output)
    guessed = format_for_path(path) if path is not None else None
    fmt = format_ or (guessed.name if guessed else "turtle")
    if progress.shown():
        with progress.bar("records") as bar:
            task = bar.add_task("reading the graph", total=None)
            graph = load_graph(from_paths)
            bar.update(task, description="exporting", total=records(graph))
            counts = _export(graph, path, fmt, base, lambda n: bar.update(task, completed=n))
    else:
        counts = _export(load_graph(from_paths), path, fmt, base, None)
    if path is not None:
        stderr_console().print(
            f"Exported {counts['claims']} claims, {counts['entities']} entities, "
            f"{counts['sources']} sources and {counts['documents']} documents as {fmt} to {path}"
        )


def _export(
    graph: ClaimGraph,
    path: Path | None,
    fmt: str,
    base: str,
    done: Callable[[int], None] | None,
) -> dict[str, int]:
    """Write ``graph`` to ``path`` (whole or not at all) or to standard output; its counts."""
    from kg.api.reading import export_graph
    from kg.files import to_stream
    from kg.rdf.export import export

    if path is not None:
        return export_graph(graph, path, format=fmt, base=base, progress=done)
    to_stream(
        sys.stdout.buffer,
        lambda out: export(graph, out, format=fmt, base=base, progress=done),
        what="the export",
    )
    return graph.counts()


def records(graph: ClaimGraph) -> int:
    """What the export's progress counts up to (:func:`kg.rdf.export.records`)."""
    from kg.rdf.export import records as count

    return count(graph)
