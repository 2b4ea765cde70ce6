"""kg as a Python library: ``kg.load`` without a database, ``kg.open`` on the real servers (both
backends), the flat table and the networkx view, and the command line giving the same answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

import kg
import kg.build.ledger
from kg.config import Settings
from kg.errors import GraphMissing, InputError, QueryError
from kg.store.bolt import BoltStore
from kg.synthetic.corpus import write_corpus
from tests.conftest import EXAMPLES, REPO

SEED = EXAMPLES / "seed-2025-04-17.yaml"
ARTICLE = REPO / "tests" / "fixtures" / "articles" / "coach-search.md"


def test_load_reads_any_input_without_a_database() -> None:
    graph = kg.load(EXAMPLES)
    assert graph.counts()["claims"] == 21
    decided = {c.status.value for c in graph.claims.values()}
    assert "refuted" in decided, "claims are decided by the loaded outcomes, as a build does"


def test_load_extracts_prose_like_kg_extract() -> None:
    extracted = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(ARTICLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in extracted.stdout.splitlines()]
    graph = kg.load(ARTICLE)
    assert len(rows) > 0
    assert len(graph.claims) == len(rows)


def test_load_refuses_a_bad_record_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- subject: X\n  subject_type: Person\n  predicate: nonsense\n")
    with pytest.raises(InputError, match=r"bad\.yaml:1"):
        kg.load(bad)


def test_records_dataframe_and_networkx_views() -> None:
    graph = kg.load(SEED)
    rows = graph.to_records()
    assert len(rows) == 16
    alonso = [r for r in rows if r["subject"] == "Xabi Alonso" and r["predicate"] == "manages"]
    assert alonso and alonso[0]["object"] == "Bayer Leverkusen"
    assert alonso[0]["object_type"] == "Club" and alonso[0]["origin"] == "Seed article"

    frame = graph.to_dataframe()
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == 16

    g = graph.to_networkx()
    assert g.nodes["person:xabi-alonso"]["name"] == "Xabi Alonso"
    edges = g.get_edge_data("person:xabi-alonso", "club:bayer-leverkusen")
    assert any(e["predicate"] == "manages" for e in edges.values())
    literal = sum(1 for c in graph.claims.values() if c.object is None)
    assert g.number_of_edges() == len(graph.claims) - literal


@pytest.fixture
def opened(bolt_settings: Settings, store: BoltStore, tmp_path: Path) -> kg.Graph:
    """``kg.open`` on one backend's server, starting from an empty graph."""
    return kg.open(
        tmp_path / "home",
        uri=bolt_settings.uri,
        username=bolt_settings.username,
        password=bolt_settings.password,
        database=bolt_settings.database,
    )


def test_the_stored_graph_as_a_library(opened: kg.Graph, tmp_path: Path) -> None:
    with opened as graph:
        built = graph.build(EXAMPLES)
        assert built.counts["claims"] == 21 and not built.problems

        rows = graph.query(
            "MATCH (c:Claim)-[:SUBJECT]->(p:Person {name: $name}) RETURN count(c) AS n",
            name="Xabi Alonso",
        )
        assert rows[0]["n"] > 0
        with pytest.raises(QueryError):
            graph.query("CREATE (x:X)")
        assert graph.stats()["claims"] == 21

        stored = graph.graph()
        assert stored.counts() == kg.load(EXAMPLES).counts()
        refuted = graph.claims(status="refuted")
        assert refuted and all(r["status"] == "refuted" for r in refuted)

        graph.export(tmp_path / "out" / "graph.ttl")
        assert len(rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")) > 100
        graph.html(tmp_path / "out" / "graph.html", around="Xabi Alonso", depth=1)
        assert "Xabi Alonso" in (tmp_path / "out" / "graph.html").read_text("utf-8")

        records = graph.sources()
        in_memory = kg.Loaded(kg.load(EXAMPLES)).sources()
        assert [(r.name, r.confirmed, r.refuted, r.open) for r in records] == [
            (r.name, r.confirmed, r.refuted, r.open) for r in in_memory
        ]

        decided = refuted[0]["id"]
        info = graph.explain(decided[len("claim:") :][:10])
        assert info["id"] == decided and info["status"] == "refuted"
        assert info["outcome"]["id"] == info["decided_by"]
        assert info == kg.Loaded(kg.load(EXAMPLES)).explain(decided)

        entries = graph.timeline("xabi alonso")
        assert entries == kg.Loaded(kg.load(EXAMPLES)).timeline("Xabi Alonso")

        forgotten = graph.forget(str(SEED))
        assert len(forgotten.documents) == 1 and forgotten.claims == 16
        assert graph.stats()["claims"] == 21 - 16


def test_a_build_hashes_each_input_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 60, documents_per_file=10)
    files = sorted(p for p in corpus.root.rglob("*") if p.is_file())
    hashed: list[Path] = []
    real = kg.build.ledger.file_digest

    def counting(path: Path, format: str | None) -> str | None:
        hashed.append(path.resolve())
        return real(path, format)

    monkeypatch.setattr(kg.build.ledger, "file_digest", counting)
    with kg.open(tmp_path / "home") as graph:  # the embedded default: stamp check and build
        first = graph.build(corpus.root)
        assert first.written == corpus.documents
    assert sorted(hashed) == [p.resolve() for p in files], "each file once"
    hashed.clear()
    with kg.open(tmp_path / "home") as graph:
        again = graph.build(corpus.root)
        assert again.written == 0 and again.skipped == corpus.documents
    assert sorted(hashed) == [p.resolve() for p in files], "each file once in the next build too"


def test_reading_a_graph_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "nothing-here"
    with kg.open(home) as graph, pytest.raises(GraphMissing, match="kg build PATH"):
        graph.stats()
    assert not home.exists()
