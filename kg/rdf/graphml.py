"""GraphML output (for Gephi, yEd, Cytoscape): entities, sources, documents and claims as nodes.

Each claim is a node linked to its subject and object (``SUBJECT``/``OBJECT``), its sources
(``ATTRIBUTED_TO``, with their rank) and its document (``STATED_IN``), mirroring the property
graph; the direct entity-to-entity edge (``MANAGES`` …, ``NOT_MANAGES`` for a negative or denied
claim) is added for every claim with an entity object, carrying the claim's id, modality, polarity
and status, as in the store.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.model import ClaimGraph
from kg.vocab import direct_rel_type

if TYPE_CHECKING:
    import networkx as nx

#: Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab and newlines,
#: lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold written as ``\\uXXXX``, so a name with a
    control character exports (readably) instead of crashing the writer.

    >>> xml_text("Real\x1bMadrid")
    'Real\\\\u001bMadrid'
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _attrs(**values: Any) -> dict[str, Any]:
    """GraphML cannot hold None: keep only the values that are set, as str/int/float/bool."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool | int | float):
            out[key] = value
        else:
            out[key] = xml_text(str(value))
    return out


def to_networkx(graph: ClaimGraph) -> nx.MultiDiGraph:
    """The claim graph as a networkx multigraph with scalar attributes on nodes and edges, in the
    shape it is stored (claims, sources and documents are nodes too), as GraphML writes it.
    :meth:`kg.model.ClaimGraph.to_networkx` is the entity view: claims are edges."""
    import networkx as nx  # imported on use: `kg export --help` must not pay for it

    g = nx.MultiDiGraph()
    for e in graph.entities.values():
        g.add_node(
            e.id,
            **_attrs(
                label=e.type.value,
                name=e.name,
                wikidata=e.wikidata,
                aliases="|".join(e.aliases) or None,
            ),
        )
    for s in graph.sources.values():
        g.add_node(
            s.id, **_attrs(label=s.type.label, name=s.name, domain=s.domain, wikidata=s.wikidata)
        )
    for d in graph.documents.values():
        g.add_node(
            d.id,
            **_attrs(
                label="Document", title=d.title, url=d.url, published=d.published, path=d.path
            ),
        )
    for c in graph.claims.values():
        g.add_node(
            c.id,
            **_attrs(
                label="Claim",
                predicate=c.predicate,
                kind=c.kind.value,
                object_value=c.object_value,
                modality=c.modality.value,
                polarity=c.polarity.value,
                status=c.status.value,
                stated_at=c.stated_at,
                valid_from=c.valid_from,
                valid_to=c.valid_to,
                evidence=c.evidence,
                confidence=c.confidence,
                status_reason=c.status_reason,
                resolved_by=c.resolved_by,
                outcome=c.outcome or None,
                **c.qualifiers.present(),
            ),
        )
        g.add_edge(c.id, c.subject, key="SUBJECT", label="SUBJECT")
        if c.object is not None:
            g.add_edge(c.id, c.object, key="OBJECT", label="OBJECT")
            rel = direct_rel_type(c.predicate, polarity=c.polarity, modality=c.modality)
            g.add_edge(
                c.subject,
                c.object,
                key=f"{rel}:{c.id}",
                **_attrs(
                    label=rel,
                    claim_id=c.id,
                    modality=c.modality.value,
                    polarity=c.polarity.value,
                    status=c.status.value,
                ),
            )
        for rank, source in enumerate(c.attributed_to, start=1):
            g.add_edge(c.id, source, key=f"ATTRIBUTED_TO:{rank}", label="ATTRIBUTED_TO", rank=rank)
        g.add_edge(c.id, c.document, key="STATED_IN", label="STATED_IN")
        if c.resolved_by is not None and c.resolved_by in graph.claims:
            g.add_edge(c.id, c.resolved_by, key="RESOLVED_BY", label="RESOLVED_BY")
    return g


def write_graphml(graph: ClaimGraph, out: BinaryIO) -> None:
    """Write ``graph`` as GraphML (UTF-8); an error writing ``out`` (a full disk) is raised once
    the writer has finished.

    networkx writes through lxml's incremental writer, which must not see the error: an lxml
    writer left open by an exception crashed the interpreter at exit (a segmentation fault after
    kg had printed its error line), so the error is held (:class:`_HeldError`) and raised here.
    """
    import networkx as nx

    held = _HeldError(out)
    nx.write_graphml(to_networkx(graph), held, encoding="utf-8")
    held.raise_error()


class _HeldError:
    """A binary stream that keeps the first error of a write and ignores the writes after it."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._error: OSError | None = None

    def write(self, data: bytes) -> int:
        if self._error is None:
            try:
                self._out.write(data)
            except OSError as exc:
                self._error = exc
        return len(data)

    def flush(self) -> None:
        if self._error is None:
            try:
                self._out.flush()
            except OSError as exc:
                self._error = exc

    def raise_error(self) -> None:
        """Raise the error kept, if any (after flushing what is buffered)."""
        self.flush()
        if self._error is not None:
            raise self._error
