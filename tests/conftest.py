"""Shared fixtures: a real ArcadeDB Bolt server for the whole session, and a real Neo4j when
``NEO4J_URI`` is set. Store tests run against every available backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.config import Settings
from kg.store.bolt import BoltStore

if TYPE_CHECKING:
    from kg.store.arcadedb import ArcadeDBServer

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def arcadedb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArcadeDBServer]:
    """One ArcadeDB Bolt server (from arcadedb-embedded) on a free loopback port for the session."""
    from kg.store.arcadedb import ArcadeDBServer

    server = ArcadeDBServer(tmp_path_factory.mktemp("arcadedb"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _backends() -> list[str]:
    return ["arcadedb", "neo4j"] if os.environ.get("NEO4J_URI") else ["arcadedb"]


@pytest.fixture(params=_backends())
def bolt_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings that point kg at one backend's Bolt server (as a user would with NEO4J_URI)."""
    if request.param == "neo4j":
        return Settings.from_env()
    server: ArcadeDBServer = request.getfixturevalue("arcadedb")
    return Settings(
        uri=server.uri,
        username=server.username,
        password=server.password,
        database=server.database,
    )


@pytest.fixture
def store(bolt_settings: Settings) -> Iterator[BoltStore]:
    """An empty store with kg's schema on each backend; emptied again afterwards."""
    store = BoltStore(
        bolt_settings.uri or "",
        (bolt_settings.username, bolt_settings.password),
        database=bolt_settings.database,
    )
    store.ensure_schema()
    store.clear()
    try:
        yield store
    finally:
        store.clear()
        store.close()


@pytest.fixture
def kg_env(
    bolt_settings: Settings, monkeypatch: pytest.MonkeyPatch, store: BoltStore, tmp_path: Path
) -> Settings:
    """Environment variables that make the CLI use the test server, starting from an empty graph.

    KG_HOME (where the build cache lives) is the test's own folder, so no test sees another's
    cache, and none writes into the checkout's ``.kg``.
    """
    monkeypatch.setenv("KG_HOME", str(tmp_path / "kg-home"))
    monkeypatch.setenv("NEO4J_URI", bolt_settings.uri or "")
    monkeypatch.setenv("NEO4J_USERNAME", bolt_settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_settings.password)
    if bolt_settings.database:
        monkeypatch.setenv("NEO4J_DATABASE", bolt_settings.database)
    return bolt_settings
