"""Printing query-like results as a table, JSON or CSV: the ``--format`` option every command shares."""

from __future__ import annotations

import csv
import json
import re
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


#: What a terminal would act on instead of showing: C0 and C1 controls (ESC starts colour and
#: cursor sequences) and the bidirectional overrides that reorder what follows them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character shown as ``\\xNN`` / ``\\uNNNN``, never sent raw.

    >>> visible("Real\x1b[2JMadrid")
    'Real\\\\x1b[2JMadrid'
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _escape(text: str) -> str:
    """Show square brackets literally instead of as Rich markup, and controls as escapes."""
    from rich.markup import escape

    return escape(visible(text))
