"""``kg query "CYPHER"``."""

from __future__ import annotations

import json

import click

from kg.cli.common import open_graph
from kg.cli.output import emit, format_option
from kg.errors import KgError


@click.command("query")
@click.argument("cypher")
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=JSON",
    help="A query parameter, e.g. -p name='\"Xabi Alonso\"' (JSON value; plain text if not JSON).",
)
@format_option
def command(cypher: str, write: bool, params: tuple[str, ...], output_format: str) -> None:
    """Run a Cypher query against the graph and print the result.

    Queries run in a read-only transaction unless --write is given; a query that would change the
    graph is refused and rolled back. Values belong in parameters (-p), never in the query text.

    \b
    Example:
      kg query "MATCH (c:Claim) RETURN count(c) AS n" --format json
      kg query "MATCH (p:Person {name: \\$name})-[r]->(o) RETURN type(r), o.name" -p name='"Xabi Alonso"'
    """
    values = dict(_parse_param(p) for p in params)
    with open_graph() as graph:
        result = graph.result(cypher, values, write=write)
    emit(result.columns, result.rows, output_format)


def _parse_param(text: str) -> tuple[str, object]:
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise KgError(f"parameter {text!r} must look like NAME=VALUE")
    try:
        value: object = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value
