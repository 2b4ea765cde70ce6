"""``kg export -f FORMAT -o FILE``, and the graph-source options the linked-data commands share."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.cli.common import stderr_console, store_from_env
from kg.errors import InputError
from kg.model import ClaimGraph
from kg.rdf.export import FORMATS, export, format_for_path
from kg.rdf.iri import DEFAULT_BASE, check_base
from loaders import LoadReport, load_paths

F = TypeVar("F", bound=Callable[..., Any])


def graph_options(func: F) -> F:
    """``--base IRI`` and ``--from PATH``: where record IRIs live and where the graph comes from."""
    func = click.option(
        "--from",
        "sources",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        metavar="PATH",
        help="Read the graph from these input files (claim files, kg's RDF exports …) "
        "instead of the database. Repeatable.",
    )(func)
    func = click.option(
        "--base",
        default=DEFAULT_BASE,
        show_default=True,
        metavar="IRI",
        help="Base IRI that record IRIs are minted under (must end in / or #).",
    )(func)
    return func


def load_graph(sources: tuple[Path, ...]) -> ClaimGraph:
    """The graph to work on: read from ``sources`` when given (settled by the outcome data among
    them, as ``kg build`` would store it, unless they carry statuses with reasons already), else
    the stored graph."""
    if not sources:
        with store_from_env() as store:
            return store.read_graph()
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths(sources, report):
        graph.merge(fragment)
    if report.problems:
        for problem in report.problems[1:]:
            click.echo(f"kg: rejected: {problem}", err=True)
        raise InputError(report.problems[0])
    from kg.analysis.apply import current  # the analysis loads only for --from

    return current(graph)


@click.command("export")
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(list(FORMATS)),
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
def command(format_: str | None, output: str, base: str, sources: tuple[Path, ...]) -> None:
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
    check_base(base)
    path = None if output == "-" else Path(output)
    guessed = format_for_path(path) if path is not None else None
    fmt = format_ or (guessed.name if guessed else "turtle")
    graph = load_graph(sources)
    if path is None:
        export(graph, sys.stdout.buffer, format=fmt, base=base)
        sys.stdout.buffer.flush()
        return
    _write_atomically(path, lambda out: export(graph, out, format=fmt, base=base))
    counts = graph.counts()
    stderr_console().print(
        f"Exported {counts['claims']} claims, {counts['entities']} entities, "
        f"{counts['sources']} sources and {counts['documents']} documents as {fmt} to {path}"
    )


def _write_atomically(path: Path, write: Callable[[Any], None]) -> None:
    """Write through a temporary file beside ``path`` and rename it, so no half file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            write(out)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
