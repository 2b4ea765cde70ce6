"""Printing query-like results as a table, JSON or CSV: the ``--format`` option every command shares."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import click
from rich.table import Table

from kg.cli.common import stdout_console

FORMATS = ("table", "json", "csv")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(func: F) -> F:
    """The ``--format table|json|csv`` option."""
    option = click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output as a table, a JSON array of objects, or CSV with a header row.",
    )
    return option(func)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return str(value)


def emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], output_format: str) -> None:
    """Write ``rows`` to stdout in the chosen format."""
    if output_format == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2, default=_json_default))
        sys.stdout.write("\n")
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_escape(_cell(v)) for v in row))
        stdout_console().print(table)
        click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


def _escape(text: str) -> str:
    """Show square brackets literally instead of as Rich markup."""
    from rich.markup import escape

    return escape(text)
