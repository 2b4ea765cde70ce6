"""``kg build PATH...``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli import progress
from kg.cli.common import open_graph, stdout_console
from kg.config import Settings

if TYPE_CHECKING:
    from kg.api import BuildSummary

logger = logging.getLogger(__name__)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Stop at the first bad record and write nothing.")
@click.option("--rebuild", is_flag=True, help="Empty the graph before loading.")
@click.option(
    "--format",
    "format_",
    metavar="NAME",
    help="Read every file with this loader (yaml, json, jsonl, csv, …) instead of guessing.",
)
@click.option(
    "--outcomes",
    "outcomes",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Also read PATH as outcome data: its confirmed and fact claims decide the others "
    "(repeatable). Outcome tables and claim files saying `outcomes: true` need no flag.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(
    paths: tuple[Path, ...],
    strict: bool,
    rebuild: bool,
    format_: str | None,
    outcomes: tuple[Path, ...],
    quiet: bool,
) -> None:
    """Read claim files and articles under PATHS and store their claims.

    Rejected records are listed with file, line and field; the good ones are still stored, and
    the command exits with status 1 and the count of rejected records.

    Builds are incremental: documents stored unchanged by an earlier build are skipped, changed
    ones replace their earlier claims, and a build that was killed is finished by running it
    again. Each document is written in one transaction, so none is ever half-stored. Re-running
    the same build on the embedded default when no input file and nothing in the database has
    changed since does not even start the database. On a terminal a progress bar shows the
    files read, the claims written and the time left (not with CI=true or --quiet).

    Claims are then settled by the outcome data in the graph (see `kg settle`); a line says so
    when there is none, since every claim then stays open.

    \b
    Example:
      kg build examples/
      kg build --strict claims.csv more/claims.yaml
      kg build rumours.csv --outcomes results-2025.yaml
    """
    if not paths and not outcomes:
        raise click.UsageError("give the PATHS to read (or --outcomes PATH)")
    settings = Settings.from_env()
    with open_graph() as graph:
        if progress.shown(quiet=quiet):
            summary = _with_progress(graph, paths, outcomes, strict, rebuild, format_)
        else:
            summary = graph.build(
                *paths, strict=strict, rebuild=rebuild, format=format_, outcomes=outcomes
            )
    if not summary.database_used:
        logger.info(
            "nothing changed since the last build (same input files, database untouched): "
            "the database was not started"
        )
    for problem in summary.problems:
        click.echo(f"kg: rejected: {problem}", err=True)
    if summary.analysed and not summary.outcomes:
        from kg.outcomes.claims import NO_OUTCOMES

        click.echo(f"kg: note: {NO_OUTCOMES}", err=True)
    if not quiet:
        _summary(settings, summary)
    if summary.rejected:
        click.echo(f"kg: error: {summary.rejected} record(s) rejected", err=True)
        sys.exit(1)


def _with_progress(
    graph: object,
    paths: tuple[Path, ...],
    outcomes: tuple[Path, ...],
    strict: bool,
    rebuild: bool,
    format_: str | None,
) -> BuildSummary:
    """The build with the progress bar: files read of the total, claims written, time left."""
    from kg.api import Graph
    from loaders.base import iter_files

    assert isinstance(graph, Graph)
    try:
        total: int | None = sum(1 for _ in iter_files([*paths, *outcomes]))
    except Exception:
        total = None
    with progress.bar("files · {task.fields[claims]} claims written") as bar:
        task = bar.add_task("building", total=total, claims=0)
        return graph.build(
            *paths,
            strict=strict,
            rebuild=rebuild,
            format=format_,
            progress=lambda n: bar.update(task, claims=n),
            file_done=lambda _path: bar.advance(task),
            outcomes=outcomes,
        )


def _summary(settings: Settings, summary: BuildSummary) -> None:
    changed = f"{summary.written} document(s) written"
    if summary.replaced:
        changed += f" ({summary.replaced} changed, {summary.removed_claims} old claim(s) removed)"
    counts = summary.counts
    stdout_console().print(
        f"Read {summary.files} file(s), {summary.records} record(s); {changed}, "
        f"{summary.skipped} unchanged skipped. Graph in {settings.describe()}: "
        f"{counts['documents']} documents, {counts['entities']} entities, "
        f"{counts['claims']} claims, {counts['sources']} sources."
    )
