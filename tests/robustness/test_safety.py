"""Safety: read-only queries cannot change the graph, credentials are never shown, Cypher values
travel only as parameters, and labels and relationship types come from an allow-list."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from kg.errors import QueryError
from kg.store import cypher
from kg.store.bolt import BoltStore
from tests.conftest import EXAMPLES, REPO
from tests.robustness.snapshot import PROPERTY_COUNTS

if TYPE_CHECKING:
    from kg.store.arcadedb import ArcadeDBServer
    from scripts.neo4j_server import Neo4jServer

SEED = EXAMPLES / "seed-2025-04-17.yaml"

WRITES = [
    "CREATE (x:X) RETURN x",
    "MATCH (e:Entity) SET e.name = 'hacked' RETURN count(e)",
    "MATCH (c:Claim) DETACH DELETE c",
    "MERGE (x:Entity {id: 'new'}) RETURN x",
    "MATCH (e:Entity) REMOVE e.name RETURN count(e)",
    "MATCH (e:Entity) FOREACH (i IN [1] | SET e.hacked = true)",
    "MATCH (e:Entity) WITH e LIMIT 1 CREATE (e)-[:HACKED]->(e)",
    "CALL { CREATE (x:X) RETURN x } RETURN count(x)",
    "MATCH (e:Entity) DETACH DELETE e",
]


def state(store: BoltStore) -> tuple[dict[str, int], list[list[object]]]:
    return store.counts(), store.query(PROPERTY_COUNTS).rows


@pytest.mark.parametrize("statement", WRITES)
def test_read_only_queries_cannot_change_the_graph(
    store: BoltStore, kg_env: Settings, statement: str
) -> None:
    assert CliRunner().invoke(cli, ["build", "-q", str(SEED)]).exit_code == 0
    before = state(store)

    with pytest.raises(QueryError, match="read-only unless you pass --write"):
        store.query(statement)
    shown = CliRunner().invoke(cli, ["query", statement])

    assert shown.exit_code == 1
    assert "read-only unless you pass --write" in shown.stderr
    assert state(store) == before


def run_kg(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def server_env(settings: Settings, **changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NEO4J_URI=settings.uri or "",
        NEO4J_USERNAME=settings.username,
        NEO4J_PASSWORD=settings.password,
        NEO4J_DATABASE=settings.database or "",
    )
    env.update(changes)
    return env


def server_logs(backend: str, request: pytest.FixtureRequest) -> list[Path]:
    """The log files of the server this test runs against."""
    if backend == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        return sorted((server.home / "logs").glob("*.log"))
    arcadedb: ArcadeDBServer = request.getfixturevalue("arcadedb")
    return [arcadedb.log_path]


def test_credentials_never_appear_in_output_files_or_logs(
    kg_env: Settings, backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    env = server_env(kg_env)
    secret = kg_env.password
    outputs = [
        run_kg("build", str(SEED), env=env, cwd=tmp_path),
        run_kg("stats", env=env, cwd=tmp_path),
        run_kg("query", "MATCH (n) RETURN n LIMIT 3", env=env, cwd=tmp_path),
        run_kg("query", "CREATE (x:X)", env=env, cwd=tmp_path),
        run_kg("export", "-f", "turtle", "-o", str(tmp_path / "g.ttl"), env=env, cwd=tmp_path),
        run_kg("export", "-f", "jsonld", "-o", str(tmp_path / "g.jsonld"), env=env, cwd=tmp_path),
        run_kg("viz", "-o", str(tmp_path / "g.html"), env=env, cwd=tmp_path),
        run_kg("build", str(tmp_path / "missing.yaml"), env=env, cwd=tmp_path),
    ]
    assert [p.returncode for p in outputs] == [0, 0, 0, 1, 0, 0, 0, 1]
    for done in outputs:
        assert secret not in done.stdout + done.stderr, done.args
    for written in ("g.ttl", "g.jsonld", "g.html"):
        assert secret not in (tmp_path / written).read_text(encoding="utf-8")
    logs = server_logs(backend, request)
    assert logs
    for log in logs:
        assert secret not in log.read_text(encoding="utf-8", errors="replace"), log


def test_a_wrong_password_is_reported_without_it(kg_env: Settings, tmp_path: Path) -> None:
    wrong = "Wrong-Secret-4d8f1a"
    done = run_kg("stats", env=server_env(kg_env, NEO4J_PASSWORD=wrong), cwd=tmp_path)

    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("kg: error: ")
    assert "refused the credentials" in done.stderr
    assert wrong not in done.stdout + done.stderr


def test_credentials_in_the_uri_are_redacted(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI="bolt://root:Uri-Secret-77@127.0.0.1:9", NEO4J_PASSWORD="Pw-Secret-88")
    done = run_kg("stats", env=env, cwd=tmp_path)

    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "bolt://127.0.0.1:9" in done.stderr
    assert "Uri-Secret-77" not in done.stderr and "Pw-Secret-88" not in done.stderr
    assert "Pw-Secret-88" not in repr(Settings.from_env(env))


# -- Cypher is built only from kg's own statements, values travel as parameters ---------------------

CYPHER_CALLS = {"run", "query", "_execute", "_read_all", "execute_query"}


def _kg_modules() -> list[Path]:
    return sorted((REPO / "kg").rglob("*.py"))


def _is_built_string(node: ast.expr) -> bool:
    """An f-string, a concatenation or a .format()/% call: text built from values."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"format", "replace", "join"}
    )


def test_no_cypher_is_built_from_values_outside_the_statement_module() -> None:
    offenders = []
    for path in _kg_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CYPHER_CALLS
                and node.args
                and _is_built_string(node.args[0])
            ):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, f"Cypher text built from values (use parameters): {offenders}"


def test_the_statement_module_splices_only_allow_listed_names() -> None:
    tree = ast.parse((REPO / "kg" / "store" / "cypher.py").read_text(encoding="utf-8"))
    spliced = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            value = node.value
            allowed = (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in {"label", "rel_type"}
            ) or isinstance(value, ast.Name)  # a fragment assembled from the two above
            if not allowed:
                spliced.append(f"kg/store/cypher.py:{node.lineno}: {ast.unparse(value)}")
    assert not spliced, spliced


@pytest.mark.parametrize("name", ["Person`) DETACH DELETE n //", "person", "Claim:Entity", "", "X"])
def test_labels_and_relationship_types_outside_the_allow_list_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="allow-list"):
        cypher.label(name)
    with pytest.raises(ValueError, match="allow-list"):
        cypher.rel_type(name)
    assert cypher.label("Person") == "`Person`"
    assert cypher.rel_type("PLAYS_FOR") == "`PLAYS_FOR`"


def test_verbose_output_shows_the_steps_but_never_the_password(
    kg_env: Settings, tmp_path: Path
) -> None:
    env = server_env(kg_env)
    done = run_kg("-vv", "build", str(SEED), env=env, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    log = done.stderr
    assert f"reading {SEED}" in log
    assert "wrote 1 documents, 16 claims in one transaction" in log
    assert "after-build analysis took" in log
    assert "neo4j" in log  # -vv includes the driver's own debug lines
    assert kg_env.password not in log + done.stdout


def test_verbose_output_on_the_embedded_default_names_its_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["KG_HOME"] = str(tmp_path / "home")
    done = run_kg("-vv", "build", str(EXAMPLES), env=env, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "ArcadeDB server ready on bolt://127.0.0.1:" in done.stderr
    assert f"data in {tmp_path / 'home'}" in done.stderr
