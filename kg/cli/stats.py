"""``kg stats``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import from_option, reading
from kg.cli.output import emit, format_option


@click.command("stats")
@format_option
@from_option
def command(output_format: str, from_paths: tuple[Path, ...]) -> None:
    """Count what the graph holds: documents, entities, claims, sources, nodes, relationships.

    \b
    Example:
      kg stats
      kg stats --format json
      kg stats --from examples/       # the inputs' counts, without the database
    """
    with reading(from_paths) as graph:
        counts = graph.stats()
    emit(["what", "count"], [[k, v] for k, v in counts.items()], output_format)
