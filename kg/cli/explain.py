"""``kg explain CLAIM_ID``: a claim, its provenance, its status and the outcome that decided it."""

from __future__ import annotations

import json
from typing import Any

import click

from kg.analysis.apply import current
from kg.cli.common import stdout_console, store_from_env
from kg.errors import QueryError
from kg.model import Claim, ClaimGraph
from kg.outcomes.claims import claim_date, claim_text, source_names


def find_claim(graph: ClaimGraph, wanted: str) -> Claim:
    """The claim with this id, or the only one whose id starts with it (``claim:`` optional)."""
    key = wanted if wanted.startswith("claim:") else "claim:" + wanted
    if key in graph.claims:
        return graph.claims[key]
    matches = [c for i, c in graph.claims.items() if i.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise QueryError(f"no claim with id {wanted!r}; list ids with `kg timeline NAME`")
    raise QueryError(
        f"{len(matches)} claims have ids starting with {wanted!r}; give more of the id"
    )


def describe(claim: Claim, graph: ClaimGraph) -> dict[str, Any]:
    """What a user needs to judge one claim, as plain data."""
    document = graph.documents.get(claim.document)
    return {
        "id": claim.id,
        "claim": claim_text(claim, graph),
        "kind": claim.kind.value,
        "modality": claim.modality.value,
        "polarity": claim.polarity.value,
        "stated": claim_date(claim, graph),
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "qualifiers": claim.qualifiers.present(),
        "sources": [
            {"name": name, "role": "origin" if i == 0 else "echo"}
            for i, name in enumerate(source_names(claim, graph))
        ],
        "document": (document.title or document.url or document.path) if document else None,
        "evidence": claim.evidence,
        "status": claim.status.value,
        "confidence": claim.confidence,
        "why": claim.status_reason,
        "decided_by": claim.resolved_by,
    }


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
def command(claim_id: str, output_format: str) -> None:
    """Explain a claim's status: who said it, when, and the outcome that confirmed or refuted it.

    CLAIM_ID may be shortened to any unique prefix (with or without "claim:").

    \b
    Example:
      kg timeline "Xabi Alonso"          # find an id
      kg explain claim:af0ca79c
    """
    with store_from_env() as store:
        graph = store.read_graph()
    graph = current(graph)
    claim = find_claim(graph, claim_id)
    info = describe(claim, graph)
    if claim.resolved_by and claim.resolved_by in graph.claims:
        info["outcome"] = describe(graph.claims[claim.resolved_by], graph)
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
