"""``kg build PATH...``."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import click

from kg.build import build
from kg.build_cache import FileCache
from kg.cli.common import stderr_console, stdout_console, store_from_env
from kg.config import Settings


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Stop at the first bad record and write nothing.")
@click.option("--rebuild", is_flag=True, help="Empty the graph before loading.")
@click.option(
    "--format",
    "format_",
    metavar="NAME",
    help="Read every file with this loader (yaml, json, jsonl, csv, …) instead of guessing.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(
    paths: tuple[Path, ...], strict: bool, rebuild: bool, format_: str | None, quiet: bool
) -> None:
    """Read claim files and articles under PATHS and store their claims.

    Rejected records are listed with file, line and field; the good ones are still stored, and
    the command exits with status 1 and the count of rejected records.

    Builds are incremental: documents stored unchanged by an earlier build are skipped, changed
    ones replace their earlier claims, and a build that was killed is finished by running it
    again. Each document is written in one transaction, so none is ever half-stored.

    \b
    Example:
      kg build examples/
      kg build --strict claims.csv more/claims.yaml
    """
    err = stderr_console()
    cache_path = Settings.from_env().home / "build-cache.sqlite"
    with closing(FileCache(cache_path)) as cache, store_from_env() as store:
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
                )
        else:
            result = build(paths, store, strict=strict, format=format_, cache=cache)
        counts = store.counts()
    report = result.report
    for problem in report.problems:
        click.echo(f"kg: rejected: {problem}", err=True)
    if not quiet:
        changed = f"{result.written.documents} document(s) written"
        if result.replaced:
            changed += f" ({result.replaced} changed, {result.written.removed_claims} old claim(s) removed)"
        stdout_console().print(
            f"Read {report.files} file(s), {report.records} record(s); {changed}, "
            f"{result.skipped} unchanged skipped. "
            f"Graph in {Settings.from_env().describe()}: "
            f"{counts['documents']} documents, {counts['entities']} entities, "
            f"{counts['claims']} claims, {counts['sources']} sources."
        )
    if report.rejected:
        click.echo(f"kg: error: {report.rejected} record(s) rejected", err=True)
        sys.exit(1)
