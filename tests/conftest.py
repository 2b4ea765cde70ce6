"""Shared fixtures: a real ArcadeDB Bolt server and a real Neo4j 5 server for the whole session.
Store tests run against both.

The Neo4j server is the one ``make neo4j`` runs (``scripts/neo4j_server.py``: Neo4j Community from
Maven Central), started here with its data in the session's temporary folder, never a server that
``NEO4J_URI`` names: the tests empty the graph they are given. Without Java 17/21 or Maven the Neo4j
half of each test is skipped with the reason (or fails, when ``KG_REQUIRE_NEO4J`` is set, as CI
does).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest

from kg.config import Settings
from kg.model import ClaimGraph
from kg.store.base import GraphStore
from kg.store.bolt import BoltStore
from kg.store.memory import MemoryStore
from loaders import LoadReport, load_paths

if TYPE_CHECKING:
    from kg.store.arcadedb import ArcadeDBServer
    from scripts.neo4j_server import Neo4jServer

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"


def loaded(*paths: Path) -> ClaimGraph:
    """The files (or folders) read by the project's own loaders into one graph, as ``kg build``
    reads them, failing the test if any record is reported as a problem."""
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths(list(paths), report):
        graph.merge(fragment)
    assert not report.problems, report.problems
    return graph


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With ``-n 2 --dist loadgroup`` (``make test``), the tests that share a costly session
    resource run in one worker: one Neo4j server and one Chromium for the run, not one per worker.
    A ``neo4j`` test that only needs Java and the jars (it starts servers of its own) is left
    free to run in either worker, beside the group.
    """
    for item in items:
        if _uses_the_session_neo4j(item):
            item.add_marker(pytest.mark.xdist_group("neo4j"))
        elif item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))


def _uses_the_session_neo4j(item: pytest.Item) -> bool:
    """Whether ``item`` uses the session's Neo4j server: it asks for ``neo4j_server`` (or a
    fixture built on it), or it is the ``neo4j`` case of a test parametrised by backend."""
    if item.get_closest_marker("neo4j") is None:
        return False
    if "neo4j_server" in getattr(item, "fixturenames", ()):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "neo4j" in callspec.params.values()


@pytest.fixture(autouse=True)
def _embedded_servers_end_with_the_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Embedded servers that a test's kg commands start (in its own folders) stop when it ends,
    and never live long after a test that forgot one; no test finds the user's own graph."""
    monkeypatch.setenv("KG_SERVER_IDLE", "120")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    yield
    from kg.store.server import STATE_FILE, stop

    for state in tmp_path.rglob(STATE_FILE):
        stop(state.parent, force=True)


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


@pytest.fixture(scope="session")
def neo4j_lib() -> Path:
    """The Neo4j jars ``make neo4j`` uses (fetched once), with Java to run them; the test is
    skipped without them (or fails, when ``KG_REQUIRE_NEO4J`` is set, as CI does)."""
    from scripts.neo4j_server import Unavailable, fetch, java_executable

    try:
        java_executable()
        return fetch()
    except Unavailable as exc:
        if os.environ.get("KG_REQUIRE_NEO4J"):  # CI: a green run must have run both servers
            pytest.fail(f"no Neo4j server for the tests: {exc}")
        pytest.skip(f"no Neo4j server for the tests: {exc}")


@pytest.fixture(scope="session")
def neo4j_server(
    neo4j_lib: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jServer]:
    """One Neo4j Community server (the jars ``make neo4j`` uses) on a free loopback port: the one
    the controller of a whole-suite ``-n`` run started as the run began, else started here."""
    from scripts.neo4j_server import Neo4jServer

    early = os.environ.get(EARLY_NEO4J)
    if early:
        yield _started_early(Path(early), neo4j_lib)
        return
    server = Neo4jServer(
        tmp_path_factory.mktemp("neo4j"), lib=neo4j_lib, heap="1g", pagecache="128m"
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


#: Set by the controller of a whole-suite ``-n`` run (``make test``) for its workers: the file
#: where it says which Neo4j server it started for them (see :class:`_EarlyNeo4j`).
EARLY_NEO4J: Final = "KG_TEST_NEO4J_STATE"


def pytest_configure(config: pytest.Config) -> None:
    """In the controller of a whole-suite run in workers (``make test``: ``-n 2``, no ``-m`` or
    ``-k``), start the session's Neo4j server at once, in the background. Its start-up (20 s on
    a quiet machine, over a minute on a busy one) then overlaps the first tests instead of
    holding up the worker that runs the Neo4j group; the workers attach to it.

    In every run, the Java servers the tests start (about 40 ArcadeDB servers, two Neo4j ones)
    use only C1, the JIT's quick tier, unless ``JAVA_TOOL_OPTIONS`` is set already: they live for
    seconds or minutes, too short for the full JIT's second compilations to pay for themselves
    (an ArcadeDB server's start and a build of the examples took 6.5-7.8 s of CPU, 4.6 s with C1;
    a Neo4j start 16 s, 11 s; its build of the 1,000-document corpus no longer). What the servers
    store and answer is the same.
    """
    os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")
    if (
        hasattr(config, "workerinput")
        or not config.getoption("numprocesses", None)
        or config.args_source != pytest.Config.ArgsSource.TESTPATHS
        or config.option.markexpr
        or config.option.keyword
        or config.option.collectonly
    ):
        return
    early = _EarlyNeo4j(Path(tempfile.mkdtemp(prefix="kg-test-neo4j-")))
    os.environ[EARLY_NEO4J] = str(early.state)  # the workers, started after this, inherit it
    early.thread.start()
    config.add_cleanup(early.end)


class _EarlyNeo4j:
    """The session's Neo4j server, started by an xdist controller in a thread of its own; its
    outcome (the server's home, or why there is none) goes to ``state`` for the workers."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.state = root / "state.json"
        self.server: Neo4jServer | None = None
        self.thread = threading.Thread(target=self._start, name="early-neo4j", daemon=True)

    def _start(self) -> None:
        from scripts.neo4j_server import Neo4jServer, fetch, java_executable

        try:
            java_executable()
            self.server = Neo4jServer(self.root / "neo4j", lib=fetch(), heap="1g", pagecache="128m")
            self.server.start()
            state = {"home": str(self.server.home)}
        except Exception as exc:  # the workers report it (they skip first without Java or Maven)
            state = {"error": f"{type(exc).__name__}: {exc}"}
        written = self.state.with_suffix(".tmp")
        written.write_text(json.dumps(state), encoding="utf-8")
        written.replace(self.state)

    def end(self) -> None:
        self.thread.join()
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def _started_early(state: Path, lib: Path) -> Neo4jServer:
    """The server the controller started, once its start-up has ended."""
    from scripts.neo4j_server import Neo4jServer

    deadline = time.monotonic() + 600
    while not state.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the Neo4j server of this test run did not report in {state}")
        time.sleep(0.2)
    started = json.loads(state.read_text(encoding="utf-8"))
    if "error" in started:
        pytest.fail(f"no Neo4j server for the tests: {started['error']}")
    return Neo4jServer.attach(Path(started["home"]), lib=lib)


#: Every store test runs once per backend; ``-m "not neo4j"`` leaves Neo4j out.
BACKENDS = [pytest.param("arcadedb"), pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which server this test runs against: ``arcadedb`` or ``neo4j``."""
    name: str = request.param
    return name


@pytest.fixture
def bolt_settings(backend: str, request: pytest.FixtureRequest) -> Settings:
    """Settings that point kg at one backend's Bolt server (as a user would with NEO4J_URI)."""
    server: ArcadeDBServer | Neo4jServer = request.getfixturevalue(
        "neo4j_server" if backend == "neo4j" else "arcadedb"
    )
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
    with emptied(store):
        yield store


@contextmanager
def emptied(store: BoltStore) -> Iterator[BoltStore]:
    """``store`` with kg's schema and nothing in it; emptied again and closed afterwards."""
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


@pytest.fixture
def memory_store() -> MemoryStore:
    """An empty in-memory store: for build, forget and analysis tests that are not about the
    database (``tests/store/test_memory_store.py`` keeps it equal to the servers)."""
    store = MemoryStore()
    store.ensure_schema()
    return store


@pytest.fixture
def memory_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Environment variables that make the CLI keep the graph in memory (``KG_STORE=memory``),
    starting empty, for command tests that are not about the database; yields ``KG_HOME``."""
    import kg.store

    home = tmp_path / "kg-home"
    monkeypatch.setenv("KG_STORE", "memory")
    monkeypatch.setenv("KG_HOME", str(home))
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    try:
        yield home
    finally:
        kg.store.MEMORY_STORES.pop(home.resolve(), None)


@pytest.fixture(params=[pytest.param("memory"), *BACKENDS])
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty store of each kind, in memory and on each server, for contract tests that use
    only the :class:`GraphStore` methods (no Cypher)."""
    if request.param == "memory":
        yield MemoryStore()
        return
    server: ArcadeDBServer | Neo4jServer = request.getfixturevalue(
        "neo4j_server" if request.param == "neo4j" else "arcadedb"
    )
    with emptied(
        BoltStore(server.uri, (server.username, server.password), database=server.database)
    ) as store:
        yield store
