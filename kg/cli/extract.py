"""``kg extract FILE...``: print the claims found in articles, without storing anything."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.common import stdout_console


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (one claim per line) or a readable table.",
)
@click.option(
    "--loader",
    metavar="NAME",
    help="Read every file with this loader (text, html, feed, rumours, …) instead of guessing.",
)
def command(paths: tuple[Path, ...], format_: str, loader: str | None) -> None:
    """Extract claims from articles, feeds and rumour lists and print them.

    Each claim has the keys doc, subject, subject_type, kind, predicate, object, object_type,
    role_title, attributed_to, modality, polarity, date, evidence, start and end (character
    offsets of the evidence in the document text). Unreadable files and records are listed on
    stderr and the exit status is 1; everything else is still printed.

    \b
    Example:
      kg extract article.md
      kg extract --format table saved-pages/ feed.xml rumours.csv
    """
    from kg.extract import extract_graphs
    from kg.extract.output import claim_rows
    from loaders import LoadReport, load_paths

    report = LoadReport()
    rows = (
        row
        for graph in extract_graphs(load_paths(paths, report, format=loader))
        for row in claim_rows(graph)
    )
    if format_ == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        _table(list(rows))
    for problem in report.problems:
        click.echo(f"kg: rejected: {problem}", err=True)
    if report.rejected:
        sys.exit(1)


def _table(rows: list[dict[str, object]]) -> None:
    from rich.table import Table

    table = Table("subject", "kind", "predicate", "object", "attributed to", "modality", "date")
    for row in rows:
        attributed = row["attributed_to"]
        negative = " (not)" if row["polarity"] == "negative" else ""
        table.add_row(
            str(row["subject"]),
            str(row["kind"]),
            f"{row['predicate']}{negative}",
            str(row["object"]),
            ", ".join(attributed) if isinstance(attributed, list) else "",
            str(row["modality"]),
            str(row["date"] or ""),
        )
    stdout_console().print(table)
