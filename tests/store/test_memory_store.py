"""The in-memory store keeps exactly what a Bolt server keeps.

The same sequence of builds, a changed document, the analysis, direct updates and a forget runs
on a :class:`MemoryStore` and on each real server; after every step both hold the same graph:
the same node, relationship and property counts, the same sorted N-Triples (statuses, reasons and
outcome links included), the same build hashes and pending marks. The store contract tests of
``test_bolt_store.py`` that need no Cypher run on it too (the ``any_store`` fixture).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import QueryError
from kg.model import Document
from kg.store.base import GraphStore
from kg.store.bolt import BoltStore
from kg.store.memory import MemoryStore
from kg.synthetic.corpus import write_corpus
from tests.conftest import EXAMPLES
from tests.robustness.snapshot import snapshot


def assert_same(memory: MemoryStore, server: GraphStore, documents: list[str]) -> None:
    """Both stores hold the same graph, hashes, pending marks and source figures."""
    mine, theirs = snapshot(memory), snapshot(server)
    assert mine == theirs, theirs.differences(mine)
    assert memory.stored_hashes(documents) == server.stored_hashes(documents)
    assert memory.analysis_pending() == server.analysis_pending()
    assert memory.read_sources() == server.read_sources()
    for size in (1, 7):
        assert list(memory.iter_entities(size)) == list(server.iter_entities(size))
    assert memory.has_outcomes() == server.has_outcomes()
    assert streamed_documents(memory) == streamed_documents(server)


def streamed_documents(store: GraphStore) -> dict[str, Document]:
    """The documents as the claims' stream gives them: dates and outcome coverage."""
    return {d: doc for page in store.iter_claims(50) for d, doc in page.documents.items()}


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _save(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_every_operation_leaves_the_same_graph_as_on_a_server(
    store: BoltStore, tmp_path: Path
) -> None:
    memory = MemoryStore()
    corpus = write_corpus(tmp_path / "corpus", 300, documents_per_file=10)
    shutil.copytree(EXAMPLES, tmp_path / "examples")  # outcomes, so the analysis decides claims
    paths = [corpus.root, tmp_path / "examples"]

    results = [build(paths, s) for s in (memory, store)]
    assert results[0].written == results[1].written
    documents = sorted(store.read_graph().documents)
    assert_same(memory, store, documents)
    assert any(c.status.value != "open" for c in memory.read_graph().claims.values())
    assert memory.has_outcomes()
    assert any(d.outcomes and d.covers for d in streamed_documents(memory).values())

    # a changed document: one claim dropped, one given a new subject (a new entity)
    target = corpus.root / "part-00001.jsonl"
    rows = _records(target)
    url = rows[0]["document"]["url"]  # type: ignore[index]
    same_doc = [r for r in rows if r["document"]["url"] == url]  # type: ignore[index]
    rows.remove(same_doc[0])
    same_doc[1]["subject"] = "Brand New Signing"
    _save(target, rows)
    results = [build(paths, s) for s in (memory, store)]
    assert results[0].written == results[1].written and results[0].replaced == 1
    assert_same(memory, store, documents)

    # direct updates: a status, a link to an outcome and its removal, figures on a source
    graph = memory.read_graph()
    claim, outcome = sorted(graph.claims)[:2]
    source = sorted(graph.sources)[0]
    for s in (memory, store):
        s.update_claims([{"id": claim, "status": "refuted", "resolved_by": outcome}])
        s.update_claims([{"id": outcome, "status": "confirmed", "confidence": 0.5}])
        s.update_sources([{"id": source, "accuracy": 0.25, "decided": 4}])
    assert_same(memory, store, documents)
    for s in (memory, store):
        s.update_claims([{"id": claim, "resolved_by": None, "status_reason": None}])
    assert_same(memory, store, documents)

    # forgetting by URL and by path, then the analysis marks
    examples = str((tmp_path / "examples" / "seed-2025-04-17.yaml").resolve())
    summaries = [s.forget([str(url), examples]) for s in (memory, store)]
    assert summaries[0] == summaries[1] and len(summaries[0].documents) == 2
    assert_same(memory, store, documents)
    for s in (memory, store):
        s.analysis_done()
    assert_same(memory, store, documents)


def test_the_memory_store_refuses_cypher_in_one_line() -> None:
    with pytest.raises(QueryError, match="runs no Cypher"):
        MemoryStore().query("MATCH (n) RETURN n")


def test_clear_empties_the_memory_store(memory_store: MemoryStore) -> None:
    build([EXAMPLES], memory_store)
    assert memory_store.counts()["claims"] > 0 and memory_store.has_outcomes()
    memory_store.clear()
    assert set(memory_store.counts().values()) == {0}
    assert not memory_store.has_outcomes()
