"""``kg viz`` driven as a user would: build the seed story, write pages. The pages are drawn from
the stored graph, whichever store holds it; these tests keep it in memory (``KG_STORE=memory``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from kg.cli import cli
from kg.config import Settings
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "seed-2025-04-17.yaml"


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def page_data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text.split('type="application/json">', 1)[1].split("</script>", 1)[0])


def test_viz_writes_the_stored_graph(memory_env: Path, tmp_path: Path) -> None:
    assert kg("build", str(SEED)).exit_code == 0
    out = tmp_path / "out" / "graph.html"
    result = kg("viz", "-o", str(out), "--title", "Seed story")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 18 nodes, 16 claim lines (16 claims)." in result.stderr
    data = page_data(out)
    assert len(data["nodes"]) == 18 and len(data["edges"]) == 16
    assert "<title>Seed story</title>" in out.read_text(encoding="utf-8")


def test_viz_around_and_filters(memory_env: Path, tmp_path: Path) -> None:
    kg("build", str(SEED))
    out = tmp_path / "alonso.html"
    result = kg("viz", "-o", str(out), "--around", "Xabi Alonso", "--depth", "1", "--kind", "move")
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert sorted(n["id"] for n in data["nodes"]) == [
        "club:real-madrid",
        "journalist:fabrizio-romano",
        "person:xabi-alonso",
    ]
    assert [e["predicate"] for e in data["edges"]] == ["is appointed by"]
    assert data["filters"] == "around Xabi Alonso (depth 1); kind move"


def test_viz_max_nodes_says_what_was_left_out(memory_env: Path, tmp_path: Path) -> None:
    kg("build", str(SEED))
    result = kg("viz", "-o", str(tmp_path / "g.html"), "--max-nodes", "5")
    assert result.exit_code == 0, result.output
    assert "kg: note: Showing the 5 most connected of 18 nodes; left out 13 nodes" in result.stderr


def test_viz_errors_name_what_was_expected(memory_env: Path, tmp_path: Path) -> None:
    kg("build", str(SEED))
    out = tmp_path / "g.html"
    unknown = kg("viz", "-o", str(out), "--around", "Xabi Alonzo")
    assert unknown.exit_code == 1
    assert "kg: error: no entity named 'Xabi Alonzo' in the graph; did you mean: Xabi Alonso" in (
        unknown.stderr
    )
    bad_date = kg("viz", "-o", str(out), "--since", "17/04/2025")
    assert bad_date.exit_code == 2
    assert "expected a date as YYYY-MM-DD, got '17/04/2025'" in bad_date.stderr
    bad_kind = kg("viz", "-o", str(out), "--kind", "gossip")
    assert bad_kind.exit_code == 2
    assert not out.exists()


def test_viz_cypher_draws_what_the_query_returns(kg_env: Settings, tmp_path: Path) -> None:
    assert kg("build", str(EXAMPLES)).exit_code == 0
    out = tmp_path / "q.html"
    query = (
        "MATCH p=(:Person {name: 'Xabi Alonso'})-[r:APPOINTED_BY]->(:Club) "
        "RETURN p ORDER BY r.claim_id"
    )
    result = kg("viz", "-o", str(out), "--cypher", query)
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert {e["predicate"] for e in data["edges"]} == {"is appointed by"}
    drawn = {c["id"] for e in data["edges"] for c in e["claims"]}
    expected = kg("query", query.replace("RETURN p", "RETURN r.claim_id AS id"), "--format", "json")
    assert drawn == {row["id"] for row in json.loads(expected.stdout)}
    entities = {n["id"] for n in data["nodes"] if n["role"] == "entity"}
    assert entities == {"person:xabi-alonso", "club:real-madrid"}
    assert data["filters"] == f"the result of {query}"
    nodes_only = kg("viz", "-o", str(tmp_path / "n.html"), "--cypher", "MATCH (n:Club) RETURN n")
    assert nodes_only.exit_code == 0, nodes_only.output
    assert {n["id"] for n in page_data(tmp_path / "n.html")["nodes"]} == {
        "club:real-madrid",
        "club:barcelona",
        "club:bayer-leverkusen",
        "club:arsenal",
    }
    empty = kg("viz", "-o", str(tmp_path / "e.html"), "--cypher", "RETURN 1 AS one")
    assert empty.exit_code != 0
    assert "returned no entity, source or claim" in empty.output
    write = kg("viz", "-o", str(tmp_path / "w.html"), "--cypher", "CREATE (x:X) RETURN x")
    assert write.exit_code != 0 and "read-only" in write.output
    assert not (tmp_path / "w.html").exists()
