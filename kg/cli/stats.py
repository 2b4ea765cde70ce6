"""``kg stats``."""

from __future__ import annotations

import click

from kg.cli.common import store_from_env
from kg.cli.output import emit, format_option


@click.command("stats")
@format_option
def command(output_format: str) -> None:
    """Count what the graph holds: documents, entities, claims, sources, nodes, relationships.

    \b
    Example:
      kg stats
      kg stats --format json
    """
    with store_from_env() as store:
        counts = store.counts()
    emit(["what", "count"], [[k, v] for k, v in counts.items()], output_format)
