"""Claims as flat rows: the JSON Lines of ``kg extract`` and the records the evaluation compares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.model import ClaimGraph


def claim_rows(graph: ClaimGraph) -> Iterator[dict[str, Any]]:
    """One row per claim, ordered by document and offset, with names instead of ids."""

    def order(claim: Any) -> tuple[str, int, str]:
        doc = graph.documents.get(claim.document)
        where = (doc.path or doc.url or doc.id) if doc else claim.document
        return (where, claim.evidence_start or 0, claim.id)

    for claim in sorted(graph.claims.values(), key=order):
        doc = graph.documents.get(claim.document)
        subject = graph.entities[claim.subject]
        obj = graph.entities.get(claim.object) if claim.object else None
        when = claim.valid_from
        yield {
            "doc": (doc.path or doc.url or doc.id) if doc else claim.document,
            "subject": subject.name,
            "subject_type": subject.type.value,
            "kind": claim.kind.value,
            "predicate": claim.predicate,
            "object": obj.name if obj else claim.object_value,
            "object_type": obj.type.value if obj else "literal",
            "role_title": claim.qualifiers.role_title,
            "transfer_type": (
                claim.qualifiers.transfer_type.value if claim.qualifiers.transfer_type else None
            ),
            "attributed_to": [graph.sources[s].name for s in claim.attributed_to],
            "modality": claim.modality.value,
            "polarity": claim.polarity.value,
            "tense": "past" if claim.qualifiers.note == "past" else "present",
            "date": when.isoformat() if when else None,
            "evidence": claim.evidence,
            "start": claim.evidence_start,
            "end": claim.evidence_end,
        }
