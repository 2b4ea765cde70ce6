"""Crashes: ``kg build`` killed with SIGKILL at random points, and a database server killed
mid-build. No document is ever half-stored, and finishing the build gives a clean build's graph."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from kg.build import BuildInterrupted, build
from kg.config import Settings
from kg.store.arcadedb import ArcadeDBServer
from kg.store.bolt import BoltStore
from kg.synthetic.corpus import write_corpus
from loaders import LoadReport, load_paths
from tests.robustness.snapshot import snapshot

KG = [sys.executable, "-m", "kg"]
KILLS = 5


def expected_documents(root: Path) -> dict[str, set[str]]:
    """The claim ids of every document of the corpus, as a clean build stores them."""
    out: dict[str, set[str]] = defaultdict(set)
    for fragment in load_paths([root], LoadReport()):
        for doc_id in fragment.documents:
            out.setdefault(doc_id, set())
        for claim in fragment.claims.values():
            out[claim.document].add(claim.id)
    return out


def assert_no_partial_document(store: BoltStore, expected: dict[str, set[str]]) -> int:
    """Every stored document has exactly its claims; return how many documents are stored."""
    stored: dict[str, set[str]] = {}
    for doc_id, claims in store.query(
        "MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:STATED_IN]->(d) "
        "RETURN d.id AS d, collect(c.id) AS claims"
    ).rows:
        stored[doc_id] = set(claims)
    partial = {d: len(c) for d, c in stored.items() if c != expected[d]}
    assert not partial, f"documents stored without all their claims: {partial}"
    loose = store.query(
        "MATCH (c:Claim) WHERE NOT EXISTS { (c)-[:STATED_IN]->(:Document) } RETURN count(c) AS n"
    ).rows
    assert loose == [[0]], "claims stored without their document"
    return len(stored)


def stored_documents(store: BoltStore) -> int:
    """How many documents the graph holds now."""
    return int(store.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0])


def env_for(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NEO4J_URI=settings.uri or "",
        NEO4J_USERNAME=settings.username,
        NEO4J_PASSWORD=settings.password,
        NEO4J_DATABASE=settings.database or "",
    )
    return env


def test_builds_killed_five_times_then_finished_equal_a_clean_build(
    store: BoltStore, bolt_settings: Settings, tmp_path: Path
) -> None:
    # 600 claims (about 150 documents, 15 write batches): room for five kills mid-build
    corpus = write_corpus(tmp_path / "corpus", 600, seed=7, documents_per_file=10)
    expected = expected_documents(corpus.root)
    env = env_for(bolt_settings)
    rng = random.Random(20250417)
    # Kill points chosen by progress, not by the clock, so a faster machine or store still gets
    # killed mid-build: each run is killed a random moment after the graph reaches its target.
    targets = sorted(rng.sample(range(1, corpus.documents), KILLS))
    progress = []
    for target in targets:
        build_process = subprocess.Popen(
            [*KG, "build", "-q", str(corpus.root)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while build_process.poll() is None and stored_documents(store) < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.05))
        build_process.send_signal(signal.SIGKILL)
        build_process.wait()
        progress.append(assert_no_partial_document(store, expected))

    assert any(0 < n < corpus.documents for n in progress), f"no kill landed mid-build: {progress}"
    finished = subprocess.run(
        [*KG, "build", str(corpus.root)], env=env, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr
    assert "unchanged skipped" in finished.stdout
    assert assert_no_partial_document(store, expected) == corpus.documents
    resumed = snapshot(store)

    store.clear()
    clean = subprocess.run(
        [*KG, "build", "-q", str(corpus.root)], env=env, capture_output=True, text=True
    )
    assert clean.returncode == 0, clean.stderr
    reference = snapshot(store)
    print(f"documents stored after each kill: {progress} of {corpus.documents}")
    assert resumed == reference, f"after kills at {progress} documents: " + (
        reference.differences(resumed)
    )


@pytest.fixture
def private_server(tmp_path: Path) -> ArcadeDBServer:
    """An ArcadeDB server of the test's own, which the test may kill."""
    return ArcadeDBServer(tmp_path / "server", password="private-test-password-0001")


def connect(server: ArcadeDBServer) -> BoltStore:
    store = BoltStore(
        server.uri, (server.username, server.password), database=server.database, retry_seconds=3
    )
    store.ensure_schema()
    return store


def test_a_server_killed_mid_build_loses_no_document(
    private_server: ArcadeDBServer, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 600, seed=3, documents_per_file=10)
    expected = expected_documents(corpus.root)
    private_server.start()
    store = connect(private_server)
    writes = 0

    def kill_server_after_some_writes(_claims: int) -> None:
        nonlocal writes
        writes += 1
        if writes == 4:
            process = private_server._process  # the test plays the crashing server
            assert process is not None
            process.send_signal(signal.SIGKILL)
            process.wait()

    try:
        with pytest.raises(BuildInterrupted) as lost:
            build([corpus.root], store, progress=kill_server_after_some_writes)
    finally:
        store.close()
        private_server.stop()
    message = str(lost.value)
    assert "\n" not in message
    assert "cannot reach the graph database at bolt://127.0.0.1:" in message
    assert "retried for 3 s" in message
    assert "this build had written 40 document(s)" in message
    assert "Run the same kg build again to finish" in message
    assert private_server.password not in message

    restarted = ArcadeDBServer(private_server.root, password=private_server.password)
    restarted.start()
    try:
        store = connect(restarted)
        assert assert_no_partial_document(store, expected) >= 40
        finished = build([corpus.root], store)
        assert finished.skipped >= 40
        resumed = snapshot(store)
        store.clear()
        build([corpus.root], store)
        assert resumed == snapshot(store)
        store.close()
    finally:
        restarted.stop()
