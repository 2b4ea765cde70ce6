"""``kg validate [FILE]``: SHACL validation against ontology/shapes.ttl."""

from __future__ import annotations

import io
from pathlib import Path

import click

from kg.cli.common import stderr_console
from kg.cli.export import graph_options, load_graph
from kg.errors import KgError
from kg.rdf.iri import check_base


class NotConforming(KgError):
    """The data breaks the SHACL shapes."""


@click.command("validate")
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@graph_options
def command(file: Path | None, base: str, from_paths: tuple[Path, ...]) -> None:
    """Check RDF data against kg's SHACL shapes and print every violation.

    With FILE (Turtle, N-Triples, N-Quads, TriG, JSON-LD), check that file; without it, export
    the current graph (or the --from inputs) and check that. Each violation is printed as one
    line: the focus node, the property path and what is wrong. Exits with status 1 when the data
    does not conform.

    \b
    Example:
      kg validate out/graph.ttl
      kg validate --from examples/
    """
    from kg.rdf.export import export
    from kg.rdf.parse import parse_bytes, read_rdflib
    from kg.rdf.validate import validate  # pySHACL: loaded only when validating

    check_base(base)
    if file is not None:
        data = read_rdflib(file)
        what = str(file)
    else:
        buffer = io.BytesIO()
        export(load_graph(from_paths), buffer, format="ntriples", base=base)
        data = parse_bytes(buffer.getvalue())
        what = "the graph"
    err = stderr_console()
    if err.is_terminal:
        with err.status(f"validating {len(data)} triples…"):
            violations = validate(data)
    else:
        violations = validate(data)
    for violation in violations:
        click.echo(str(violation))
    if violations:
        raise NotConforming(
            f"{what} does not conform to ontology/shapes.ttl: {len(violations)} violation(s)"
        )
    click.echo(f"{what} conforms to ontology/shapes.ttl ({len(data)} triples checked).")
