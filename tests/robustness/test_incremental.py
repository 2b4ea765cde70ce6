"""Incremental builds: unchanged documents are skipped, changed ones replace their claims, and
``kg forget`` removes a document's contribution; each time the graph equals a clean build.

These are about the build, not the database: they run on the in-memory store, which
``tests/store/test_memory_store.py`` keeps equal to ArcadeDB and Neo4j operation by operation.
The command-line test runs on the real servers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.config import Settings
from kg.store.memory import MemoryStore
from kg.synthetic.corpus import write_corpus
from tests.conftest import EXAMPLES
from tests.robustness.snapshot import Snapshot, snapshot

SEED = EXAMPLES / "seed-2025-04-17.yaml"


def clean_build(store: MemoryStore, *paths: Path) -> Snapshot:
    """Empty the store, build ``paths`` from nothing and snapshot the result."""
    store.clear()
    build(list(paths), store)
    return snapshot(store)


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def save(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_unchanged_documents_are_skipped(memory_store: MemoryStore, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 400, documents_per_file=10)
    first = build([corpus.root], memory_store)
    assert first.written.documents == corpus.documents and first.skipped == 0
    before = snapshot(memory_store)

    again = build([corpus.root], memory_store)

    assert again.written.documents == 0
    assert again.skipped == corpus.documents
    assert not again.analysed, "nothing changed, so the analysis is not run again"
    assert snapshot(memory_store) == before


def test_a_changed_document_replaces_its_claims(memory_store: MemoryStore, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 300, documents_per_file=10)
    build([corpus.root], memory_store)
    target = corpus.root / "part-00001.jsonl"
    rows = records(target)
    doc_url = rows[0]["document"]["url"]  # type: ignore[index]
    same_doc = [r for r in rows if r["document"]["url"] == doc_url]  # type: ignore[index]
    assert len(same_doc) >= 2, "the generator gives documents several claims"
    dropped = same_doc[0]
    same_doc[1]["subject"] = "Brand New Signing"  # a new entity, only in this document
    rows.remove(dropped)
    save(target, rows)

    result = build([corpus.root], memory_store)

    assert result.written.documents == 1 and result.replaced == 1
    assert result.written.removed_claims == 2  # the dropped claim and the edited one's old id
    assert result.skipped == corpus.documents - 1
    incremental = snapshot(memory_store)
    assert incremental == clean_build(memory_store, corpus.root), incremental.differences(
        clean_build(memory_store, corpus.root)
    )


def test_forget_removes_a_documents_contribution(memory_store: MemoryStore, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 300, documents_per_file=10)
    build([corpus.root], memory_store)
    victim = records(corpus.root / "part-00002.jsonl")[0]
    url = victim["document"]["url"]  # type: ignore[index]

    summary = memory_store.forget([str(url)])

    assert len(summary.documents) == 1 and summary.claims >= 1
    for path in corpus.root.iterdir():
        save(path, [r for r in records(path) if r["document"]["url"] != url])  # type: ignore[index]
    after_forget = snapshot(memory_store)
    # the analysis is stale until the next build; compare the stored facts, not the statuses
    expected = clean_build(memory_store, corpus.root)
    assert after_forget.counts == expected.counts, after_forget.differences(expected)


def test_forget_keeps_entities_used_elsewhere(memory_store: MemoryStore, tmp_path: Path) -> None:
    only = tmp_path / "only.yaml"
    shutil.copy(SEED, tmp_path / "seed.yaml")
    only.write_text(
        "- subject: Xabi Alonso\n  subject_type: Person\n  predicate: manages\n"
        "  object: Nobody United\n  object_type: Club\n  attributed_to: [Marca]\n"
        "  stated_at: 2025-04-20\n",
        encoding="utf-8",
    )
    build([tmp_path], memory_store)
    with_both = memory_store.counts()

    summary = memory_store.forget([str(only.resolve())])

    assert summary.claims == 1
    assert summary.entities == 1, "Nobody United goes; Xabi Alonso is in the seed story too"
    names = {e.name for e in memory_store.read_graph().entities.values()}
    assert "Xabi Alonso" in names and "Nobody United" not in names
    assert memory_store.counts()["claims"] == with_both["claims"] - 1
    assert memory_store.counts()["documents"] == with_both["documents"] - 1


def test_kg_forget_and_rebuild_on_the_command_line(kg_env: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(SEED)])
    assert built.exit_code == 0, built.output
    assert "0 unchanged skipped" in built.stdout
    again = runner.invoke(cli, ["build", str(SEED)])
    assert "0 document(s) written" in again.stdout and "unchanged skipped" in again.stdout

    forgot = runner.invoke(cli, ["forget", str(SEED)])
    assert forgot.exit_code == 0, forgot.output
    assert forgot.stdout.startswith("Forgot ")
    count = runner.invoke(cli, ["query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "csv"])
    assert count.stdout == "n\n0\n"

    unknown = runner.invoke(cli, ["forget", "https://nowhere.example/x"])
    assert unknown.exit_code == 1
    assert "no stored document has this id, URL or path" in unknown.stderr

    rebuilt = runner.invoke(cli, ["build", "--rebuild", str(SEED)])
    assert rebuilt.exit_code == 0 and "0 unchanged skipped" in rebuilt.stdout


def test_a_big_single_document_file_is_written_and_skipped_whole(
    memory_store: MemoryStore, tmp_path: Path
) -> None:
    # an outcome table is one document that its loader yields in batches of 2,000 rows
    table = tmp_path / "completed.csv"
    rows = [
        f"{i},Player {i},21,Winger,Club {i % 40},Club {(i + 1) % 40},€1.00m,2021"
        for i in range(2100)
    ]
    header = "id,player_name,player_age,player_position,club_left,club_joined,market_value,season"
    table.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    first = build([table], memory_store)
    again = build([table], memory_store)

    assert first.written.documents == 1 and first.written.claims >= 2100
    assert again.written.documents == 0 and again.skipped == 1


def test_the_file_cache_skips_unchanged_files_unread(
    memory_store: MemoryStore, tmp_path: Path
) -> None:
    from kg.build.ledger import Ledger

    corpus = write_corpus(tmp_path / "corpus", 200, documents_per_file=10)
    bad = corpus.root / "zz-bad.jsonl"
    bad.write_text('{"subject": "X"}\n', encoding="utf-8")
    cache = Ledger(tmp_path / "home")
    try:
        first = build([corpus.root], memory_store, ledger=cache)
        again = build([corpus.root], memory_store, ledger=cache)
        assert again.written.documents == 0 and again.skipped == corpus.documents
        assert again.report.records == first.report.records
        assert again.report.problems == first.report.problems, "files with problems are re-read"

        memory_store.clear()  # a cache never vouches for what the store does not hold
        third = build([corpus.root], memory_store, ledger=cache)
        assert third.written.documents == corpus.documents and third.skipped == 0
    finally:
        cache.close()


def test_a_document_split_across_files_is_stored_whole(
    memory_store: MemoryStore, tmp_path: Path
) -> None:
    # The build remembers every document it has met (in the run's workspace, kg.store.workspace):
    # the second half of a document, two files later, is added to the first rather than replacing
    # it.
    corpus = write_corpus(tmp_path / "corpus", 200, documents_per_file=5)
    whole = clean_build(memory_store, corpus.root)
    first = corpus.root / "part-00000.jsonl"
    rows = records(first)
    url = rows[0]["document"]["url"]  # type: ignore[index]
    same_doc = [r for r in rows if r["document"]["url"] == url]  # type: ignore[index]
    assert len(same_doc) >= 2, "the generator gives documents several claims"
    moved = same_doc[len(same_doc) // 2 :]
    save(first, [r for r in rows if r not in moved])
    save(corpus.root / "part-99999.jsonl", moved)

    split = clean_build(memory_store, corpus.root)

    assert split.counts == whole.counts

    def facts(snap: Snapshot) -> list[str]:  # the document's path names the file read last
        return [t for t in snap.triples if "ontology#path>" not in t]

    assert facts(split) == facts(whole), whole.differences(split)
