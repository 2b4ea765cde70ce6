"""``kg contradictions``: claims that cannot all hold."""

from __future__ import annotations

import click

from kg.analysis.apply import current
from kg.analysis.contradictions import KINDS, contradictions
from kg.cli.common import store_from_env
from kg.cli.output import emit, format_option
from kg.outcomes.claims import claim_date, claim_text, source_names


@click.command("contradictions")
@click.option("--kind", type=click.Choice(KINDS), help="Only contradictions of this shape.")
@format_option
def command(kind: str | None, output_format: str) -> None:
    """List groups of claims that cannot all hold, one row per claim, with sources and dates.

    destination: one person to two clubs in the same transfer window; manager: two people
    appointed to one club's job; denial: a move and a claim denying it.

    \b
    Example:
      kg contradictions
      kg contradictions --kind manager --format json
    """
    with store_from_env() as store:
        graph = store.read_graph()
    graph = current(graph)
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
