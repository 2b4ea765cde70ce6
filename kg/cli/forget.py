"""``kg forget DOC...``: remove what documents contributed to the graph."""

from __future__ import annotations

import click

from kg.cli.common import open_graph, stdout_console


@click.command("forget")
@click.argument("docs", nargs=-1, required=True, metavar="DOC...")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(docs: tuple[str, ...], quiet: bool) -> None:
    """Remove documents and everything only they supported.

    DOC is a document id (doc:…), its URL, or the file it was read from (every document read
    from that file). Its claims go, with their edges; entities and sources that no other claim
    or document uses go too, and the others stay. Outcome analysis is then run again. All of it
    happens in one transaction: an interrupted forget changes nothing.

    \b
    Example:
      kg forget https://example.com/news/retracted-story
      kg forget claims/2025-04-17.yaml
    """
    with open_graph() as graph:  # an unknown DOC is an error naming the first one given
        summary = graph.forget(*docs)
    if not quiet:
        stdout_console().print(
            f"Forgot {len(summary.documents)} document(s): {summary.claims} claim(s), "
            f"{summary.entities} entities and {summary.sources} source(s) that nothing else "
            "used were removed."
        )
