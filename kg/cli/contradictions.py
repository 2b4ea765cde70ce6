"""``kg contradictions``: claims that cannot all hold."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import from_option, reading
from kg.cli.output import emit, format_option


@click.command("contradictions")
@click.option(
    "--kind",
    type=click.Choice(("destination", "manager", "denial")),
    help="Only contradictions of this shape.",
)
@format_option
@from_option
def command(kind: str | None, output_format: str, from_paths: tuple[Path, ...]) -> None:
    """List groups of claims that cannot all hold, one row per claim, with sources and dates.

    destination: one person to two clubs in the same transfer window; manager: two people
    appointed to one club's job; denial: a move and a claim denying it.

    \b
    Example:
      kg contradictions
      kg contradictions --kind manager --format json
      kg contradictions --from examples/
    """
    from kg.analysis.contradictions import contradictions
    from kg.outcomes.claims import claim_date, claim_text, source_names

    with reading(from_paths) as source:
        graph = source.graph()
    rows = []
    for n, group in enumerate(contradictions(graph, kind=kind), start=1):
        for claim_id in group.claims:
            claim = graph.claims[claim_id]
            rows.append(
                [
                    n,
                    group.kind,
                    group.about,
                    claim_date(claim, graph),
                    claim_text(claim, graph),
                    ", ".join(source_names(claim, graph)),
                    claim.status.value,
                    claim_id,
                ]
            )
    emit(
        ["group", "kind", "about", "date", "claim", "sources", "status", "id"], rows, output_format
    )
