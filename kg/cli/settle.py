"""``kg settle``: confirm or refute the stored claims against the stored outcomes again.

``kg resolve`` is its old name, kept as an alias for one release (:data:`kg.cli.ALIASES`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import click

from kg.cli.common import open_graph, stdout_console


@click.command("settle")
@click.option(
    "--window-days",
    type=click.IntRange(min=1),
    help="Give every claim this many days instead of the end of the next transfer window.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Outcomes are known up to this day (default: the latest outcome's date).",
)
@click.option(
    "--tolerance-days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    help='Slack around a date a claim names ("sacked on 26 April").',
)
def command(window_days: int | None, as_of: datetime | None, tolerance_days: int) -> None:
    """Settle claims by outcomes: set every claim's status (confirmed, refuted, open), reason,
    deciding outcome and confidence, and every source's record, from the outcome data in the
    graph. `kg build` does this after each load. A claim whose window closes is refuted only where
    the loaded outcomes cover its person or club; otherwise it stays open and says so.

    \b
    Example:
      kg settle
      kg settle --window-days 90 --as-of 2025-09-01
    """
    from kg.outcomes.claims import NO_OUTCOMES
    from kg.windows import TRANSFER_WINDOWS, Window

    window: Window = timedelta(days=window_days) if window_days else TRANSFER_WINDOWS
    with open_graph() as graph:  # a writer: one at a time, and the build's stamp is forgotten
        analysed = graph.settle(
            window=window,
            as_of=as_of.date() if as_of is not None else None,
            date_tolerance=timedelta(days=tolerance_days),
        )
    if not analysed.outcomes:
        click.echo(f"kg: note: {NO_OUTCOMES}", err=True)
    stdout_console().print(analysed.summary())
