"""Synthetic corpora on disk: claim files (JSON Lines) made from :func:`kg.synthetic.synthetic_graph`.

Benchmarks and robustness tests need inputs that look like a real archive: many documents, each
with a few claims about people, clubs and competitions drawn from thousands of entities, credited
to outlets, journalists and quoted speakers. :func:`write_corpus` writes such a corpus as files
of ``documents_per_file`` documents each, every record carrying its own ``document``, so one file
holds many documents (as a day's export of a news archive would). Large corpora are generated in
slices of :data:`SLICE_CLAIMS` claims with their own seeds, so the generator's memory does not
grow with the corpus. The same arguments always give the same files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.model import Claim, ClaimGraph, Entity
from kg.synthetic.graph import synthetic_graph
from kg.vocab import SourceType

#: Claims generated at a time; each slice is its own synthetic graph (seed + slice number).
SLICE_CLAIMS = 50_000


@dataclass
class Corpus:
    """What :func:`write_corpus` wrote."""

    root: Path
    files: int = 0
    documents: int = 0
    claims: int = 0


def _entity_fields(prefix: str, entity: Entity) -> dict[str, Any]:
    fields: dict[str, Any] = {prefix: entity.name, f"{prefix}_type": entity.type.value}
    if entity.wikidata:
        fields[f"{prefix}_wikidata"] = entity.wikidata
    return fields


def claim_record(graph: ClaimGraph, claim: Claim) -> dict[str, Any]:
    """The claim-file record (see loaders/records.py) that loads back as ``claim``."""
    record: dict[str, Any] = {
        **_entity_fields("subject", graph.entities[claim.subject]),
        "predicate": claim.predicate,
    }
    if claim.object is not None:
        record.update(_entity_fields("object", graph.entities[claim.object]))
    else:
        record.update({"object": claim.object_value, "object_type": "literal"})
    record.update(claim.qualifiers.present())
    record["modality"] = claim.modality.value
    record["polarity"] = claim.polarity.value
    if claim.outcome:
        record["outcome"] = True
    record["attributed_to"] = [
        {"name": s.name, "type": s.type.value, **({"domain": s.domain} if s.domain else {})}
        for s in (graph.sources[sid] for sid in claim.attributed_to)
    ]
    document = graph.documents[claim.document]
    outlet = graph.sources[document.outlet] if document.outlet else None
    record["document"] = {
        k: v
        for k, v in {
            "title": document.title,
            "url": document.url,
            "published": document.published.isoformat() if document.published else None,
            "outlet": outlet.name if outlet and outlet.type is SourceType.OUTLET else None,
            "author": document.author,
        }.items()
        if v is not None
    }
    optional = {
        "evidence": claim.evidence,
        "evidence_start": claim.evidence_start,
        "evidence_end": claim.evidence_end,
        "stated_at": claim.stated_at,
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "confidence": claim.confidence,
    }
    record.update({k: v for k, v in optional.items() if v is not None})
    record["status"] = claim.status.value
    return record


def documents_of(graph: ClaimGraph) -> Iterator[list[dict[str, Any]]]:
    """The records of each document of ``graph``, document by document, in generation order."""
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for claim in graph.claims.values():
        by_document[claim.document].append(claim)
    for doc_id in graph.documents:
        if by_document.get(doc_id):
            yield [claim_record(graph, c) for c in by_document[doc_id]]


def write_corpus(
    root: Path,
    n_claims: int,
    *,
    seed: int = 0,
    documents_per_file: int = 50,
    max_documents: int | None = None,
) -> Corpus:
    """Write about ``n_claims`` claims (exactly, unless slices share a claim) as JSON Lines files
    under ``root`` (``part-00000.jsonl`` …), ``documents_per_file`` documents per file; stop
    early after ``max_documents`` documents when given."""
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root)
    pending: list[list[dict[str, Any]]] = []

    def flush() -> None:
        path = root / f"part-{corpus.files:05d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for records in pending:
                for record in records:
                    out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        corpus.files += 1
        pending.clear()

    remaining, slice_no = n_claims, 0
    while remaining > 0:
        size = min(SLICE_CLAIMS, remaining)
        graph = synthetic_graph(size, seed=seed * 1_000_003 + slice_no)
        for records in documents_of(graph):
            if corpus.documents == max_documents:
                break
            pending.append(records)
            corpus.documents += 1
            corpus.claims += len(records)
            if len(pending) >= documents_per_file:
                flush()
        remaining -= size
        slice_no += 1
    if pending:
        flush()
    return corpus


def main(argv: list[str] | None = None) -> None:
    """``python -m kg.synthetic.corpus OUT N_CLAIMS [--seed S] [--per-file D]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=50, help="documents per file")
    parser.add_argument("--documents", type=int, help="stop after this many documents")
    args = parser.parse_args(argv)
    corpus = write_corpus(
        args.out,
        args.claims,
        seed=args.seed,
        documents_per_file=args.per_file,
        max_documents=args.documents,
    )
    print(
        f"wrote {corpus.claims} claims in {corpus.documents} documents, "
        f"{corpus.files} files, under {corpus.root}"
    )


if __name__ == "__main__":
    main()
