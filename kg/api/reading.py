"""Reading a claim graph that is in memory: the answers ``kg explain``, ``kg timeline``,
``kg sources`` and ``kg stats`` give, as plain functions and as :class:`Loaded`, which has the
same reading methods as a stored :class:`~kg.api.graph.Graph`.

:func:`load` reads any input kg reads (claim files, articles, feeds, outcome tables, kg's RDF
exports) through the same loading and extraction as ``kg build``, then decides the claims by the
loaded outcomes as a build does, all without a database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, QueryError
from kg.model import Claim, ClaimGraph

if TYPE_CHECKING:
    from kg.analysis.reliability import SourceRecord
    from kg.analysis.timeline import TimelineEntry
    from loaders import LoadReport


def load(
    *paths: str | os.PathLike[str], format: str | None = None, report: LoadReport | None = None
) -> ClaimGraph:
    """Every input under ``paths`` as one :class:`ClaimGraph`, prose extracted and claims decided
    by the loaded outcomes, without a database.

    A bad record raises :class:`~kg.errors.InputError` (file, line, field) unless a ``report``
    is given to collect the problems in (the good records are then still loaded).

    >>> import kg
    >>> graph = kg.load("examples/seed-2025-04-17.yaml")
    >>> graph.counts()["claims"]
    16
    """
    from kg.analysis.apply import current
    from kg.build import collect
    from loaders import LoadReport

    collected = LoadReport() if report is None else report
    graph = ClaimGraph()
    for fragment in collect([Path(p) for p in paths], collected, format=format):
        graph.merge(fragment)
    if report is None and collected.problems:
        raise InputError(collected.problems[0])
    return current(graph)


def find_claim(graph: ClaimGraph, wanted: str) -> Claim:
    """The claim with this id, or the only one whose id starts with it (``claim:`` optional)."""
    key = claim_key(wanted)
    if key in graph.claims:
        return graph.claims[key]
    return graph.claims[one_claim_id(wanted, [i for i in graph.claims if i.startswith(key)])]


def claim_key(wanted: str) -> str:
    """``wanted`` with the ``claim:`` prefix."""
    return wanted if wanted.startswith("claim:") else "claim:" + wanted


def one_claim_id(wanted: str, matches: list[str]) -> str:
    """The one id in ``matches``, else an error that says there are none or several."""
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise QueryError(f"no claim with id {wanted!r}; list ids with `kg timeline NAME`")
    raise QueryError(
        f"{len(matches)} claims have ids starting with {wanted!r}; give more of the id"
    )


def describe(claim: Claim, graph: ClaimGraph) -> dict[str, Any]:
    """What a user needs to judge one claim, as plain data."""
    from kg.outcomes.claims import claim_date, claim_text, source_names

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


def explain(graph: ClaimGraph, claim_id: str) -> dict[str, Any]:
    """:func:`describe` of the claim ``claim_id`` names, with the outcome that decided it (if
    any) described under ``outcome``."""
    claim = find_claim(graph, claim_id)
    info = describe(claim, graph)
    if claim.resolved_by and claim.resolved_by in graph.claims:
        info["outcome"] = describe(graph.claims[claim.resolved_by], graph)
    return info


class Loaded:
    """A graph in memory with the reading methods of a stored :class:`~kg.api.graph.Graph`, so
    that code (and the CLI's ``--from``) reads either the same way."""

    def __init__(self, graph: ClaimGraph) -> None:
        self._graph = graph

    def graph(self) -> ClaimGraph:
        """The whole graph."""
        return self._graph

    def stats(self) -> dict[str, int]:
        """How many documents, entities, claims and sources it holds."""
        return self._graph.counts()

    def explain(self, claim_id: str) -> dict[str, Any]:
        """See :func:`explain`."""
        return explain(self._graph, claim_id)

    def timeline(self, name: str) -> list[TimelineEntry]:
        """The claims about the entity called ``name``, oldest first."""
        from kg.analysis.timeline import timeline

        return timeline(self._graph, name)

    def has_outcomes(self) -> bool:
        """Whether the graph holds any outcome data (without it every claim stays open)."""
        from kg.outcomes.claims import is_outcome

        return any(is_outcome(c) for c in self._graph.claims.values())

    def sources(self, *, by_kind: bool = False, min_claims: int = 0) -> list[SourceRecord]:
        """Every source's record, best first."""
        from kg.analysis.reliability import source_reliability

        return source_reliability(self._graph, by_kind=by_kind, min_claims=min_claims)

    def export(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        base: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, int]:
        """Write the graph as linked data or GraphML (see :func:`export_graph`)."""
        return export_graph(self._graph, path, format=format, base=base, progress=progress)

    def html(
        self, path: str | os.PathLike[str], *, cypher: str | None = None, **filters: Any
    ) -> Any:
        """Write the graph as one offline HTML page (filters of :func:`kg.viz.write_html`);
        ``cypher`` needs a stored graph and is refused here."""
        from kg.viz import write_html

        if cypher is not None:
            raise QueryError("a Cypher query needs the stored graph; it cannot be used with --from")

        return write_html(self._graph, Path(path), **filters)


def export_graph(
    graph: ClaimGraph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    base: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write ``graph`` to ``path`` whole or not at all, in ``format`` (else guessed from the file
    name, else Turtle); return its counts. ``progress`` is told how many records (entities,
    sources, documents, claims: :func:`kg.rdf.export.records` in all) are written so far."""
    from kg.files import write_whole
    from kg.rdf.export import export, format_for_path
    from kg.rdf.iri import DEFAULT_BASE, check_base

    target = Path(path)
    check_base(base or DEFAULT_BASE)
    guessed = format_for_path(target)
    fmt = format or (guessed.name if guessed else "turtle")
    write_whole(
        target,
        lambda out: export(graph, out, format=fmt, base=base or DEFAULT_BASE, progress=progress),
        what="the export",
    )
    return graph.counts()
