"""``kg sources``: every outlet's and journalist's record once outcomes are loaded."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import from_option, reading
from kg.cli.output import emit, format_option

COLUMNS = [
    "source",
    "type",
    "kind",
    "claims",
    "origin",
    "echoes",
    "confirmed",
    "refuted",
    "open",
    "coverage",
    "accuracy",
    "wilson_low",
    "wilson_high",
]


@click.command("sources")
@click.option(
    "--min-claims",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Only sources with at least this many resolved (confirmed or refuted) claims.",
)
@click.option("--by-kind", is_flag=True, help="Add one row per claim kind under each source.")
@click.option(
    "--type",
    "source_type",
    type=click.Choice(["outlet", "journalist", "speaker"]),
    help="Only sources of this type.",
)
@format_option
@from_option
def command(
    min_claims: int,
    by_kind: bool,
    source_type: str | None,
    output_format: str,
    from_paths: tuple[Path, ...],
) -> None:
    """Rank sources by how often outcomes proved them right.

    Every source a claim is attributed to gets it: the first as its origin, later ones as echoes.
    Accuracy is confirmed / (confirmed + refuted) with a Wilson 95% interval; sources are ranked
    by the interval's lower bound, so a long good record beats two lucky calls. Coverage is the
    share of a source's claims that outcomes decided: a low one means the loaded outcome data
    says little about what it reports. With no outcome data loaded, a line says so.

    \b
    Example:
      kg sources
      kg sources --min-claims 30 --format csv
      kg sources --by-kind --type journalist
      kg sources --from examples/
    """
    from kg.analysis.reliability import ALL
    from kg.outcomes.claims import NO_OUTCOMES

    with reading(from_paths) as graph:
        if not graph.has_outcomes():
            click.echo(f"kg: note: {NO_OUTCOMES}", err=True)
        records = graph.sources(by_kind=by_kind, min_claims=min_claims)
    rows = []
    for r in records:
        if source_type is not None and r.type != source_type:
            continue
        low, high = r.wilson
        rows.append(
            [
                r.name,
                r.type,
                r.kind if r.kind != ALL else "all",
                r.claims,
                r.origin,
                r.echoes,
                r.confirmed,
                r.refuted,
                r.open,
                None if r.coverage is None else round(r.coverage, 3),
                None if r.accuracy is None else round(r.accuracy, 3),
                round(low, 3) if r.resolved else None,
                round(high, 3) if r.resolved else None,
            ]
        )
    emit(COLUMNS, rows, output_format)
