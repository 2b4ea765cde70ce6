"""``kg viz -o FILE``: the stored graph as one interactive, offline HTML page."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from kg.cli.common import from_option, reading, stderr_console
from kg.vocab import Kind, Status


def _day(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


@click.command("viz")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (its folder is created).",
)
@click.option("--around", metavar="NAME", help="Ego view: only what is within --depth of NAME.")
@click.option("--depth", default=1, show_default=True, help="Claim hops from --around.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([k.value for k in Kind]),
    help="Only claims of this kind (repeatable).",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="NAME",
    help="Only claims credited to NAME (repeatable).",
)
@click.option(
    "--since", callback=_day, metavar="YYYY-MM-DD", help="Only claims stated on or after."
)
@click.option(
    "--until", callback=_day, metavar="YYYY-MM-DD", help="Only claims stated on or before."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in Status]),
    help="Only claims with this status (repeatable).",
)
@click.option(
    "--max-nodes", type=click.IntRange(min=1), help="Keep only the N most connected nodes."
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "physics", "static"]),
    default="auto",
    show_default=True,
    help="auto: physics for small graphs, a precomputed layout above 500 nodes.",
)
@click.option(
    "--cypher",
    metavar="QUERY",
    help="Draw only what this read-only Cypher query returns (paths, nodes, relationships or "
    "ids), with the claims it names.",
)
@click.option("--title", default="kg graph", show_default=True, help="Page title.")
@from_option
def command(
    output: Path,
    around: str | None,
    depth: int,
    kinds: tuple[str, ...],
    sources: tuple[str, ...],
    since: date | None,
    until: date | None,
    statuses: tuple[str, ...],
    max_nodes: int | None,
    layout: str,
    cypher: str | None,
    title: str,
    from_paths: tuple[Path, ...],
) -> None:
    """Write the graph as one self-contained HTML page (works offline, no CDN).

    Entities and sources are nodes; each claim is a line from subject to object, coloured by
    status (confirmed, refuted, open) and dashed by modality, as wide as its number of
    independent sources; source boxes show their track record. Hover or click for provenance,
    the reason for a status and the outcome that decided it.
    --since/--until compare the date a claim was stated (its article's date when it has none).

    \b
    Example:
      kg viz -o out/graph.html
      kg viz -o alonso.html --around "Xabi Alonso" --depth 2 --kind move --kind interest
      kg viz -o april.html --source Sport --since 2025-04-01 --until 2025-04-30
      kg viz -o q.html --cypher "MATCH p=(:Person {name: 'Xabi Alonso'})-[]->() RETURN p"
      kg viz -o seed.html --from examples/
    """
    with reading(from_paths) as source:
        drawn = source.html(
            output,
            cypher=cypher,
            title=title,
            around=around,
            depth=depth,
            kind=kinds,
            source=sources,
            since=since,
            until=until,
            status=statuses,
            max_nodes=max_nodes,
            layout=layout,
        )
    net = drawn.network
    claims = sum(len(e["claims"]) for e in net.edges if e["role"] == "claim")
    err = stderr_console()
    for note in drawn.notes:
        err.print(f"kg: note: {note}")
    err.print(
        f"Wrote {output}: {len(net.nodes)} nodes, "
        f"{sum(e['role'] == 'claim' for e in net.edges)} claim lines ({claims} claims)"
        + (", precomputed layout" if drawn.static_layout else "")
        + "."
    )
