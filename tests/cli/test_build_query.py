"""``kg build``, ``kg query`` and ``kg stats`` driven as a user would.

Queries run against the real Bolt servers; the build tests that are not about the database keep
the graph in memory (``memory_env``: ``KG_STORE=memory``) and read it with ``kg stats`` or from
the store the command used."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.config import Settings
from kg.store import MEMORY_STORES
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "seed-2025-04-17.yaml"


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def claim_count() -> int:
    result = kg("query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "json")
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)[0]["n"])


def test_build_then_count_claims_as_json(kg_env: Settings) -> None:
    result = kg("build", str(SEED))
    assert result.exit_code == 0, result.output
    assert "16 claims" in result.stdout
    assert claim_count() == 16


def stored_claims() -> int:
    """How many claims ``kg stats`` counts (any store, Cypher or not)."""
    result = kg("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    return int({r["what"]: r["count"] for r in json.loads(result.stdout)}["claims"])


def test_building_twice_changes_no_count(memory_env: Path) -> None:
    kg("build", str(SEED))
    first = kg("stats", "--format", "json").stdout
    kg("build", str(SEED))
    assert kg("stats", "--format", "json").stdout == first


def test_write_query_is_refused_without_write(kg_env: Settings) -> None:
    result = CliRunner().invoke(cli, ["query", "CREATE (x:X) RETURN x"])
    assert result.exit_code == 1
    assert "read-only unless you pass --write" in result.stderr
    assert kg("query", "MATCH (x:X) RETURN count(x) AS n", "--format", "csv").stdout == "n\n0\n"
    allowed = kg("query", "CREATE (x:X {n: 1}) RETURN x.n AS n", "--write", "--format", "csv")
    assert allowed.stdout == "n\n1\n"


def test_query_parameters_and_csv_output(kg_env: Settings) -> None:
    kg("build", str(SEED))
    result = kg(
        "query",
        "MATCH (c:Claim)-[:ATTRIBUTED_TO]->(s:Source {name: $name}) "
        "MATCH (c)-[:SUBJECT]->(p) RETURN p.name AS subject, c.predicate AS predicate "
        "ORDER BY subject, predicate",
        "-p",
        'name="Fabrizio Romano"',
        "--format",
        "csv",
    )
    assert result.stdout.splitlines() == [
        "subject,predicate",
        "Real Madrid,targets",
        "Xabi Alonso,appointed_by",
    ]


def test_mixed_file_loads_good_records_and_exits_nonzero(memory_env: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = {
        "subject": "Pedri",
        "subject_type": "Person",
        "predicate": "plays_for",
        "object": "Barcelona",
        "object_type": "Club",
    }
    lines = [
        json.dumps(good),
        json.dumps({**good, "kind": "move"}),
        "{broken",
        json.dumps({**good, "subject": "Gavi"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["build", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: kind:" in result.stderr
    assert f"{path}:3: invalid JSON" in result.stderr
    assert "2 record(s) rejected" in result.stderr
    assert stored_claims() == 2


def test_strict_build_writes_nothing(memory_env: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "subject,subject_type,predicate,object,object_type\n"
        "Pedri,Person,plays_for,Barcelona,Club\n"
        "Gavi,Person,plays_for,Barcelona,Galaxy\n",
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["build", "--strict", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: object_type:" in result.stderr
    stats = kg("stats")  # nothing was stored: the graph is still empty, and kg stats says so
    assert stats.exit_code != 0 and "is empty" in stats.output, stats.output


def test_missing_input_is_one_line_error(memory_env: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: cannot read file: No such file or directory" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["MATCH (n RETURN n", "RETURN $missing"])
def test_bad_query_is_one_line_error(kg_env: Settings, bad: str) -> None:
    result = CliRunner().invoke(cli, ["query", bad])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error:")
    assert "Traceback" not in result.output


def test_build_reads_articles_and_stores_extracted_claims_with_evidence(memory_env: Path) -> None:
    articles = EXAMPLES.parent / "tests" / "fixtures" / "articles"
    result = kg("build", str(articles))
    assert result.exit_code == 0, result.output
    graph = MEMORY_STORES[memory_env.resolve()].read_graph()  # what the command stored
    claims = [c for c in graph.claims.values() if c.attributed_to]
    assert len(claims) >= 3
    assert all(c.evidence and c.evidence_start is not None for c in claims)
    titles = {graph.documents[c.document].title for c in claims}
    assert "Madrid weigh up their coaching options" in titles
    sources = {graph.sources[s].name for c in claims for s in c.attributed_to}
    assert "Fabrizio Romano" in sources


def test_json_keeps_nodes_relationships_and_paths_whole(kg_env: Settings) -> None:
    kg("build", str(SEED))
    result = kg(
        "query",
        "MATCH p = (c:Claim)-[r:SUBJECT]->(s:Person {name: $name}) "
        "WHERE c.predicate = 'appointed_by' RETURN p, r, s LIMIT 1",
        "-p",
        'name="Xabi Alonso"',
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    person, rel, path = row["s"], row["r"], row["p"]
    assert person["labels"] == ["Entity", "Person"]
    assert person["properties"]["name"] == "Xabi Alonso"
    assert person["properties"]["id"] == "person:xabi-alonso"
    claim = path["nodes"][0]
    assert claim["labels"] == ["Claim"] and claim["properties"]["predicate"] == "appointed_by"
    assert path["nodes"][1] == person
    assert path["relationships"] == [rel]
    assert rel["type"] == "SUBJECT"
    assert (rel["start"], rel["end"]) == (claim["element_id"], person["element_id"])
    assert rel["properties"] == {}


def test_json_relationship_keeps_its_properties(kg_env: Settings) -> None:
    kg("build", str(SEED))
    result = kg(
        "query",
        "MATCH (p:Person {name: 'Jürgen Klopp'})-[r:HOLDS_ROLE]->(o) RETURN r",
        "--format",
        "json",
    )
    [row] = json.loads(result.stdout)
    assert row["r"]["type"] == "HOLDS_ROLE"
    assert row["r"]["properties"]["title"] == "Head of Global Soccer"
    assert row["r"]["properties"]["claim_id"].startswith("claim:")


def test_server_notifications_do_not_reach_stderr(kg_env: Settings) -> None:
    # A process of its own: under pytest, its log capture would swallow the driver's warnings.
    # Neo4j warns of a property key it has never seen, once per new query text.
    key = f"no_such_key_{uuid.uuid4().hex}"
    asked = subprocess.run(
        [sys.executable, "-m", "kg", "query", f"MATCH (c:Claim) RETURN c.{key} AS x LIMIT 1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert asked.returncode == 0, asked.stderr
    assert asked.stderr == "(0 rows)\n", asked.stderr
