"""Neo4j and the embedded default store the same graph: ``kg build`` of the examples and of a
1,000-document generated corpus, run as a user runs it (once with no ``NEO4J_*`` settings, once
with the ``.neo4j/env`` settings of a Neo4j server), gives the same ``kg stats`` and the same
sorted N-Triples from ``kg export`` (``kg:recordedAt`` aside: it records when each build ran).
The two builds run side by side, as two users' would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.store.bolt import BoltStore
from kg.synthetic.corpus import write_corpus
from tests.conftest import EXAMPLES
from tests.robustness.snapshot import ntriples_lines

if TYPE_CHECKING:
    from scripts.neo4j_server import Neo4jServer

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def kg(*args: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def built(inputs: Path, env: dict[str, str], cwd: Path) -> tuple[dict[str, int], tuple[str, ...]]:
    """``kg build``, then what ``kg stats`` and ``kg export -f ntriples`` show."""
    kg("build", "-q", str(inputs), env=env, cwd=cwd)
    stats = {
        row["what"]: row["count"]
        for row in json.loads(kg("stats", "--format", "json", env=env, cwd=cwd))
    }
    triples = ntriples_lines(kg("export", "-f", "ntriples", "-o", "-", env=env, cwd=cwd).encode())
    return stats, triples


@pytest.mark.parametrize("inputs", ["examples", "corpus-1000"])
def test_neo4j_and_the_embedded_default_store_the_same_graph(
    neo4j_server: Neo4jServer, tmp_path: Path, inputs: str
) -> None:
    if inputs == "examples":
        source = EXAMPLES
    else:
        corpus = write_corpus(tmp_path / "corpus", 5000, seed=11, max_documents=1000)
        assert corpus.documents == 1000
        source = corpus.root
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    embedded = {**clean, "KG_HOME": str(tmp_path / "embedded")}
    with_neo4j = {**clean, "KG_HOME": str(tmp_path / "neo4j"), **neo4j_server.env()}
    store = BoltStore(neo4j_server.uri, (neo4j_server.username, neo4j_server.password))
    store.clear()
    store.close()

    # the two builds share nothing (their own KG_HOME, their own server), so they run at once
    with ThreadPoolExecutor(max_workers=2) as pool:
        arcadedb_run = pool.submit(built, source, embedded, tmp_path)
        neo4j_run = pool.submit(built, source, with_neo4j, tmp_path)
        on_arcadedb, on_neo4j = arcadedb_run.result(), neo4j_run.result()

    assert on_neo4j[0] == on_arcadedb[0]
    assert on_arcadedb[0]["claims"] > (3000 if inputs == "corpus-1000" else 20)
    missing = sorted(set(on_arcadedb[1]) - set(on_neo4j[1]))[:3]
    extra = sorted(set(on_neo4j[1]) - set(on_arcadedb[1]))[:3]
    assert on_neo4j[1] == on_arcadedb[1], f"missing on Neo4j {missing}; extra {extra}"
