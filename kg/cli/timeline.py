"""``kg timeline NAME``: an entity's claims and outcomes in date order."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import from_option, reading
from kg.cli.output import emit, format_option


@click.command("timeline")
@click.argument("name")
@format_option
@from_option
def command(name: str, output_format: str, from_paths: tuple[Path, ...]) -> None:
    """Show the claims about NAME, oldest first, with their status and why.

    NAME is matched case- and accent-insensitively, with aliases and other spellings of the same
    club ("Man Utd", "Manchester United"). Outcomes are marked in the "outcome" column.

    \b
    Example:
      kg timeline "Xabi Alonso"
      kg timeline "real madrid" --format csv
      kg timeline "Xabi Alonso" --from examples/
    """
    with reading(from_paths) as graph:
        entries = graph.timeline(name)
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
        for e in entries
    ]
    columns = ["date", "claim", "modality", "outcome", "status", "sources", "why", "id"]
    emit(columns, rows, output_format)
