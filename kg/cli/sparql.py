"""``kg sparql "SELECT …"``: SPARQL over the current graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.export import graph_options, load_graph
from kg.cli.output import emit, format_option
from kg.rdf.iri import check_base


@click.command("sparql")
@click.argument("query")
@format_option
@graph_options
def command(query: str, output_format: str, base: str, from_paths: tuple[Path, ...]) -> None:
    """Run a SPARQL query over the graph as exported (plus the ontology) and print the answer.

    SELECT prints a table, JSON or CSV (IRIs shortened to prefixes in the table, full in JSON and
    CSV); ASK prints true or false; CONSTRUCT and DESCRIBE print Turtle. Prefixes kg:, prov:,
    schema:, rdfs:, owl:, skos:, xsd:, dcterms:, wd: and one per record kind (person:, club:,
    claim:, outlet: …) are predeclared. Each claim is its own named graph; the default graph is
    the union of all of them.

    \b
    Example:
      kg sparql "SELECT ?who ?club WHERE { ?c kg:predicate/rdfs:subPropertyOf kg:interest ;
                 kg:subject/rdfs:label ?club ; kg:object/rdfs:label ?who }"
      kg sparql "ASK { person:hansi-flick kg:manages club:barcelona }" --from examples/
    """
    check_base(base)
    from kg.rdf.sparql import load_store, run, shorten
    from kg.rdf.triples import prefixes

    store = load_store(load_graph(from_paths), base=base)
    result = run(store, query, base=base)
    if result.boolean is not None:
        click.echo("true" if result.boolean else "false")
        return
    if result.turtle is not None:
        sys.stdout.buffer.write(result.turtle)
        sys.stdout.buffer.flush()
        return
    names = prefixes(base) if output_format == "table" else {}
    emit(
        result.columns,
        [[shorten(value, names) for value in row] for row in result.rows],
        output_format,
    )
