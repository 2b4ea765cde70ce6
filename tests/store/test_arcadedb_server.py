"""The ArcadeDB launcher against the real server from arcadedb-embedded (no mocks).

Most tests use the session's shared server (the ``arcadedb`` fixture in ``tests/conftest.py``); only
the restart and failure tests start servers of their own, because that is what they are about.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from kg.errors import StoreError
from kg.store.arcadedb import ArcadeDBServer, free_port


def _return_1(server: ArcadeDBServer) -> int:
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS x", database_=server.database)
    value: int = records[0]["x"]
    return value


def _server_files(root: Path) -> list[Path]:
    """Every file the server and the launcher wrote that a password could leak into."""
    return [path for path in root.rglob("*") if path.is_file() and "databases" not in path.parts]


def test_free_port_is_bindable_on_loopback() -> None:
    port = free_port()
    assert 1024 <= port <= 65535
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_constructor_does_no_io(tmp_path: Path) -> None:
    root = tmp_path / "not-yet"
    server = ArcadeDBServer(root, port=7999, password="given-password")
    assert not root.exists()
    assert server.uri == "bolt://127.0.0.1:7999"
    assert (server.username, server.password, server.database) == ("root", "given-password", "kg")
    assert not server.running
    server.stop()  # idempotent, even on a server that never started
    assert not root.exists()


def test_generated_password_is_random_and_not_in_repr(tmp_path: Path) -> None:
    first, second = ArcadeDBServer(tmp_path), ArcadeDBServer(tmp_path)
    assert first.password != second.password
    assert len(first.password) >= 24
    assert first.password not in repr(first)


def test_rejects_database_names_that_would_break_its_settings(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="invalid ArcadeDB database name"):
        ArcadeDBServer(tmp_path, database="kg;other[root]")


def test_rejects_a_password_arcadedb_would_refuse_without_quoting_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="at least 8 characters") as caught:
        ArcadeDBServer(tmp_path, password="s3cr3t")
    assert "s3cr3t" not in str(caught.value)


def test_shared_server_answers_return_1(arcadedb: ArcadeDBServer) -> None:
    assert arcadedb.running
    assert arcadedb.uri == f"bolt://127.0.0.1:{arcadedb.port}"
    assert arcadedb.username == "root"
    assert _return_1(arcadedb) == 1
    assert (arcadedb.root / "log").is_dir()  # its ./log went to the root, not the test's cwd
    assert not (arcadedb.root / ".root-password").exists()


def test_password_is_not_written_anywhere(arcadedb: ArcadeDBServer) -> None:
    for path in _server_files(arcadedb.root):
        assert arcadedb.password.encode() not in path.read_bytes(), path


def test_second_server_on_the_same_root_fails_fast(arcadedb: ArcadeDBServer) -> None:
    second = ArcadeDBServer(arcadedb.root, password="second-secret-password")
    started = time.monotonic()
    with pytest.raises(StoreError, match="another kg process is using") as caught:
        second.start()
    assert time.monotonic() - started < 2
    assert str(arcadedb.root) in str(caught.value)
    assert arcadedb.password not in str(caught.value)
    assert "second-secret-password" not in str(caught.value)
    assert not second.running
    # the failed attempt left the running server alone
    assert _return_1(arcadedb) == 1


def test_second_server_from_another_process_fails_fast(arcadedb: ArcadeDBServer) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kg.errors import StoreError\n"
        "from kg.store.arcadedb import ArcadeDBServer\n"
        "try:\n"
        "    ArcadeDBServer(Path(sys.argv[1])).start()\n"
        "except StoreError as exc:\n"
        "    sys.exit(str(exc))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(arcadedb.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert f"another kg process is using {arcadedb.root}" in result.stderr
    assert arcadedb.password not in result.stderr
    assert _return_1(arcadedb) == 1


def test_start_failure_quotes_the_log_but_not_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    secret = "kg-test-secret-3f9a1c"
    server = ArcadeDBServer(tmp_path / "slow", password=secret)
    with pytest.raises(StoreError, match="did not answer in time") as caught:
        server.start(timeout=0.5)
    message = str(caught.value)
    assert "server.log" in message
    assert secret not in message
    assert not server.running
    for path in _server_files(tmp_path / "slow"):
        assert secret.encode() not in path.read_bytes(), path
    # the failed start released the lock: the root can be used again at once
    other = ArcadeDBServer(tmp_path / "slow")
    with pytest.raises(StoreError, match="did not answer in time"):
        other.start(timeout=0.1)
    assert not list((tmp_path / "cache").rglob("*.aot")), "no start-up cache of half a start"


def test_data_persists_across_stop_and_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """And the first server, finding no start-up cache, leaves one that the second maps."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "kg-home"
    with ArcadeDBServer(root) as server:
        first_password = server.password
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as d:
            d.execute_query(
                "CREATE (:Entity {id: $id, name: $name})",
                id="real-madrid",
                name="Real Madrid ⚽ «Los Blancos»",
                database_=server.database,
            )
    assert not server.running
    server.stop()  # idempotent

    caches = list((tmp_path / "cache" / "kg").glob("*.aot"))
    assert len(caches) == 1 and caches[0].stat().st_size > 1_000_000, "the start-up cache"

    # a new instance gets a new random password, and the stored root user follows it
    with ArcadeDBServer(root) as again:
        assert again.pid is not None
        cmdline = Path(f"/proc/{again.pid}/cmdline").read_bytes().split(b"\0")
        assert f"-XX:AOTCache={caches[0]}".encode() in cmdline
        assert again.password != first_password
        with neo4j.GraphDatabase.driver(again.uri, auth=(again.username, again.password)) as d:
            records, _, _ = d.execute_query(
                "MATCH (n:Entity {id: $id}) RETURN n.name AS name",
                id="real-madrid",
                database_=again.database,
            )
    assert [r["name"] for r in records] == ["Real Madrid ⚽ «Los Blancos»"]
    for path in _server_files(root):
        for password in (first_password, again.password):
            assert password.encode() not in path.read_bytes(), path


def test_server_orphaned_by_a_killed_kg_is_stopped_by_the_next_one(tmp_path: Path) -> None:
    """A kg killed with SIGKILL leaves its server running; the next kg stops it and starts afresh."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from kg.store.arcadedb import ArcadeDBServer\n"
        "server = ArcadeDBServer(Path(sys.argv[1]))\n"
        "server.start()\n"
        "print('ready', flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        note = (tmp_path / "lock").read_text()
        server_pid = int(note.rsplit("server pid ", 1)[1])
    finally:
        child.kill()
        child.wait()
    assert Path(f"/proc/{server_pid}").exists(), "the orphaned server outlives its kg"
    with ArcadeDBServer(tmp_path) as server:
        assert _return_1(server) == 1
    assert (
        not Path(f"/proc/{server_pid}").exists()
        or b"arcadedb" not in Path(f"/proc/{server_pid}/cmdline").read_bytes()
    )
