"""Settings come from the environment in one place; a bad value is named in a one-line error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kg.config import Settings


def test_embedded_default_and_its_heap_come_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env({"KG_HOME": str(tmp_path), "KG_HEAP": "2g"})
    assert settings.embedded
    assert (settings.home, settings.heap) == (tmp_path, "2g")
    assert Settings.from_env({}).heap == "1g"


def test_an_invalid_heap_is_refused_before_java_starts(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(KG_HOME=str(tmp_path / "home"), KG_HEAP="lots")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(Path(__file__).parents[1] / "examples")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "kg: error: invalid Java heap size 'lots' (expected e.g. 512m or 2g)"
    )


def test_kg_store_memory_keeps_the_graph_in_the_process(memory_env: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    settings = Settings.from_env()
    assert settings.memory and not settings.embedded
    assert settings.describe() == "this process's memory (KG_STORE=memory)"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(Path(__file__).parents[1] / "examples")])
    assert built.exit_code == 0, built.output
    assert built.stdout.endswith(
        "Graph in this process's memory (KG_STORE=memory): "
        "2 documents, 12 entities, 21 claims, 9 sources.\n"
    )
    stats = runner.invoke(cli, ["stats", "--format", "json"])  # the next command sees the graph
    counts = {row["what"]: row["count"] for row in json.loads(stats.stdout)}
    assert counts["claims"] == 21, stats.output
    query = runner.invoke(cli, ["query", "MATCH (n) RETURN count(n)"])
    assert query.exit_code == 1
    assert query.stderr.strip() == (
        "kg: error: the in-memory store runs no Cypher; "
        "build into ArcadeDB or Neo4j to query the graph"
    )
