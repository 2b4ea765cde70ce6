"""``kg explain CLAIM_ID``: a claim, its provenance, its status and the outcome that decided it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.cli.common import from_option, reading, stdout_console


@click.command("explain")
@click.argument("claim_id")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text, or JSON with the deciding outcome nested under 'outcome'.",
)
@from_option
def command(claim_id: str, output_format: str, from_paths: tuple[Path, ...]) -> None:
    """Explain a claim's status: who said it, when, and the outcome that confirmed or refuted it.

    CLAIM_ID may be shortened to any unique prefix (with or without "claim:").

    \b
    Example:
      kg timeline "Xabi Alonso"          # find an id
      kg explain claim:af0ca79c
      kg explain af0ca79c --from examples/ --format json
    """
    with reading(from_paths) as graph:
        info = graph.explain(claim_id)
    if output_format == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return
    console = stdout_console()
    _print(console, info)
    if "outcome" in info:
        console.print()
        console.print("[bold]Decided by[/bold]")
        _print(console, info["outcome"], indent="  ")


def _print(console: Any, info: dict[str, Any], indent: str = "") -> None:
    from rich.markup import escape

    for key, value in info.items():
        if key == "outcome" or value in (None, {}, []):
            continue
        if key == "sources":
            value = ", ".join(f"{s['name']} ({s['role']})" for s in value)
        elif key == "qualifiers":
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        console.print(f"{indent}[bold]{key:>11}[/bold]  {escape(str(value))}")
