"""A Bolt message holds at most 16 MiB (ArcadeDB refuses a bigger one and kg waited forever for
its answer, issue 21): a document whose claims together pass that is written in several messages
of one transaction, and a single record that could never fit is refused in one line before it is
sent. Against the real servers, as a user's build would write."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from kg.errors import StoreError
from kg.model import ClaimGraph
from kg.store.bolt import BoltStore
from tests.conftest import loaded

#: Two-byte characters of evidence per claim: 1.98 MB each in UTF-8, under the loaders' limit.
EVIDENCE_CHARS = 990_000


def _record(i: int, evidence: str) -> dict[str, Any]:
    return {
        "subject": f"Player {i}",
        "subject_type": "Person",
        "predicate": "plays_for",
        "object": "Bayer Leverkusen",
        "object_type": "Club",
        "evidence": evidence,
    }


def _load(path: Path) -> ClaimGraph:
    return loaded(path)


def _write_within(store: BoltStore, graph: ClaimGraph, seconds: float) -> None:
    """``store.write(graph)``, failing the test (not hanging it) when no answer comes in time."""
    outcome: list[BaseException | None] = []

    def write() -> None:
        try:
            store.write(graph)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=write, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        store.close()
        pytest.fail(f"the write did not finish within {seconds:g} s")
    if outcome[0] is not None:
        raise outcome[0]


@pytest.mark.parametrize("backend", ["arcadedb"])  # the server with the limit; Neo4j takes 14 s
def test_a_document_larger_than_one_bolt_message_is_stored(
    store: BoltStore, tmp_path: Path
) -> None:
    path = tmp_path / "long-evidence.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(9):  # 9 x 1.98 MB: 17.8 MB, one document (the file)
            out.write(json.dumps(_record(i, chr(0xE9 + i) * EVIDENCE_CHARS), ensure_ascii=False))
            out.write("\n")
    graph = _load(path)
    assert len(graph.documents) == 1 and len(graph.claims) == 9

    _write_within(store, graph, 120)

    stored = store.query(
        "MATCH (c:Claim)-[:STATED_IN]->(d:Document) "
        "RETURN count(DISTINCT d) AS documents, count(c) AS claims, "
        "min(size(c.evidence)) AS shortest, max(size(c.evidence)) AS longest"
    )
    assert stored.records() == [
        {"documents": 1, "claims": 9, "shortest": EVIDENCE_CHARS, "longest": EVIDENCE_CHARS}
    ]


def test_a_record_no_bolt_message_can_hold_is_refused_before_it_is_sent(
    store: BoltStore, tmp_path: Path
) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(_record(1, "fine")) + "\n", encoding="utf-8")
    graph = _load(path)
    (claim,) = graph.claims.values()
    # past the loaders' limits (only the Python API can make it): 18 MB of evidence in one claim
    graph.claims[claim.id] = claim.model_copy(update={"evidence": "\u00e9" * 9_000_000})

    with pytest.raises(StoreError) as refused:
        _write_within(store, graph, 60)

    message = str(refused.value)
    assert "\n" not in message
    assert claim.id in message and "16 MiB" in message, message
    assert store.counts()["claims"] == 0
