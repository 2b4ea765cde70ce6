"""``kg build PATH...``."""

from __future__ import annotations

import logging
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg import build_stamp
from kg.build_cache import FileCache
from kg.cli.common import stderr_console, stdout_console, store_from_env
from kg.config import Settings
from kg.outcomes.claims import NO_OUTCOMES

if TYPE_CHECKING:
    from kg.build import BuildResult

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
    changed since does not even start the database.

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
    err = stderr_console()
    settings = Settings.from_env()
    stamped = settings.embedded and not rebuild
    inputs = _input_digests(paths, outcomes, format_) if stamped else None
    if stamped and (stamp := build_stamp.unchanged(settings.home, inputs)) is not None:
        logger.info(
            "nothing changed since the last build (same input files, database untouched): "
            "the database was not started"
        )
        if not quiet:
            _summary(
                settings,
                stamp.files,
                stamp.records,
                "0 document(s) written",
                stamp.documents,
                stamp.counts,
            )
        return
    if settings.embedded:
        build_stamp.remove(settings.home)
    from kg.build import build  # loads the database driver: only when the build has work to do

    with (
        closing(FileCache(settings.home / "build-cache.sqlite")) as cache,
        store_from_env() as store,
    ):
        if rebuild:
            store.clear()
        if err.is_terminal and not quiet:
            with err.status("building…") as status:
                result = build(
                    paths,
                    store,
                    strict=strict,
                    format=format_,
                    progress=lambda n: status.update(f"building… {n} claims written"),
                    cache=cache,
                    outcomes=outcomes,
                )
        else:
            result = build(
                paths, store, strict=strict, format=format_, cache=cache, outcomes=outcomes
            )
        counts = store.counts()
    report = result.report
    if stamped and inputs is not None and not report.problems:
        # the server has stopped: its files are as the next build will find them
        _stamp(settings, inputs, result, counts)
    for problem in report.problems:
        click.echo(f"kg: rejected: {problem}", err=True)
    if result.analysed and not result.outcomes:
        click.echo(f"kg: note: {NO_OUTCOMES}", err=True)
    if not quiet:
        changed = f"{result.written.documents} document(s) written"
        if result.replaced:
            changed += f" ({result.replaced} changed, {result.written.removed_claims} old claim(s) removed)"
        _summary(settings, report.files, report.records, changed, result.skipped, counts)
    if report.rejected:
        click.echo(f"kg: error: {report.rejected} record(s) rejected", err=True)
        sys.exit(1)


def _input_digests(
    paths: tuple[Path, ...], outcomes: tuple[Path, ...], format_: str | None
) -> dict[str, str] | None:
    """The digests the build stamp compares: the inputs, and the outcome inputs apart."""
    inputs = build_stamp.input_digests(paths, format_)
    marked = build_stamp.input_digests(outcomes, format_) if outcomes else {}
    if inputs is None or marked is None:
        return None
    return {**inputs, **{f"outcomes:{k}": v for k, v in marked.items()}}


def _summary(
    settings: Settings, files: int, records: int, changed: str, skipped: int, counts: dict[str, int]
) -> None:
    stdout_console().print(
        f"Read {files} file(s), {records} record(s); {changed}, {skipped} unchanged skipped. "
        f"Graph in {settings.describe()}: "
        f"{counts['documents']} documents, {counts['entities']} entities, "
        f"{counts['claims']} claims, {counts['sources']} sources."
    )


def _stamp(
    settings: Settings, inputs: dict[str, str], result: BuildResult, counts: dict[str, int]
) -> None:
    """Record this build's inputs and the database it left, for the next build to compare."""
    folder = build_stamp.database_folder(settings.home)
    build_stamp.write(
        settings.home,
        build_stamp.Stamp(
            inputs=inputs,
            database=build_stamp.fingerprint(folder),
            files=result.report.files,
            records=result.report.records,
            documents=result.written.documents + result.skipped,
            counts=counts,
        ),
    )
