"""``make neo4j`` / ``make neo4j-stop`` (``scripts/neo4j_server.py``) against the real server."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import neo4j
import pytest

from scripts.neo4j_server import (
    Neo4jServer,
    ServerError,
    main,
    running_on,
    stop_home,
)

pytestmark = pytest.mark.neo4j


def read_env(path: Path) -> dict[str, str]:
    """The variables a shell gets from ``. .neo4j/env``."""
    script = f". {path} && env -0"
    out = subprocess.run(["sh", "-c", script], capture_output=True, check=True).stdout
    pairs = (item.partition(b"=") for item in out.split(b"\0") if item)
    return {k.decode(): v.decode() for k, _, v in pairs if k.startswith(b"NEO4J_")}


def count_nodes(env: dict[str, str]) -> int:
    auth = (env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"])
    with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n:Marker) RETURN count(n) AS n", database_=env["NEO4J_DATABASE"]
        )
    value: int = records[0]["n"]
    return value


def test_a_second_server_on_the_same_home_is_refused(neo4j_server: Neo4jServer) -> None:
    with pytest.raises(ServerError, match="already runs"):
        Neo4jServer(neo4j_server.home, lib=neo4j_server.lib).start()
    assert neo4j_server.pid is not None, "the running server is left alone"


def test_stop_without_a_server_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not stop_home(tmp_path)
    assert main(["stop", "--home", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "No Neo4j server was running.\n"


@pytest.mark.slow
def test_make_neo4j_start_env_stop_and_restart_with_the_same_data(
    neo4j_lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a user does, on servers of its own (``neo4j_lib``: Java and the jars are there);
    so it runs beside the tests that share the session's server, not after them."""
    home = tmp_path / "neo4j-home"
    args = ["--home", str(home), "--lib", str(neo4j_lib), "--heap", "512m"]
    try:
        assert main(["start", *args]) == 0
        shown = capsys.readouterr().out
        assert "is running on bolt://127.0.0.1:" in shown and f". {home}/env" in shown
        env_file = home / "env"
        assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
        env = read_env(env_file)
        assert set(env) == {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"}
        assert env["NEO4J_PASSWORD"] not in shown
        auth = (env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"])
        with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
            driver.execute_query("CREATE (:Marker)", database_=env["NEO4J_DATABASE"])

        assert main(["start", *args]) == 0  # a second `make neo4j` leaves it alone
        assert "already runs" in capsys.readouterr().out
        assert main(["stop", *args]) == 0
        assert capsys.readouterr().out == "Stopped the Neo4j server.\n"
        assert running_on(home) is None and not env_file.exists()

        assert main(["start", *args]) == 0
        again = read_env(env_file)
        assert again["NEO4J_PASSWORD"] == env["NEO4J_PASSWORD"]
        assert count_nodes(again) == 1
    finally:
        stop_home(home)
