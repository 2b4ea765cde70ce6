"""``kg timeline NAME``: an entity's claims and outcomes in date order."""

from __future__ import annotations

import click

from kg.analysis.apply import current
from kg.analysis.timeline import timeline
from kg.cli.common import store_from_env
from kg.cli.output import emit, format_option


@click.command("timeline")
@click.argument("name")
@format_option
def command(name: str, output_format: str) -> None:
    """Show the claims about NAME, oldest first, with their status and why.

    NAME is matched case- and accent-insensitively, with aliases and other spellings of the same
    club ("Man Utd", "Manchester United"). Outcomes are marked in the "outcome" column.

    \b
    Example:
      kg timeline "Xabi Alonso"
      kg timeline "real madrid" --format csv
    """
    with store_from_env() as store:
        graph = store.read_graph()
    graph = current(graph)
    rows = [
        [
            e.when,
            e.text,
            e.modality,
            "yes" if e.outcome else "",
            e.status,
            ", ".join(e.sources),
            "" if e.outcome else e.reason,
            e.claim,
        ]
        for e in timeline(graph, name)
    ]
    columns = ["date", "claim", "modality", "outcome", "status", "sources", "why", "id"]
    emit(columns, rows, output_format)
