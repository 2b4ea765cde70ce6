"""Hostile names on the way out (issue 21, classes 6 and 7): exports and tables show what a name
holds without crashing or driving the terminal, invisible characters never merge two names, and
SPARQL never leaves the local graph."""

from __future__ import annotations

import io
import json
import socket
import threading
from pathlib import Path
from typing import Any

import networkx as nx
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from kg.model import ClaimGraph
from kg.store.bolt import BoltStore
from kg.viz import write_html
from loaders import LoadReport, load_paths
from tests.conftest import EXAMPLES

RECORDS = """- subject: "Real\\e[2JMadrid\\x07"
  subject_type: Club
  predicate: targets
  object: "Xabi\\u200bAlonso"
  object_type: Person
- subject: Bayer Leverkusen
  subject_type: Club
  predicate: leaves
  object: Xabi Alonso
  object_type: Person
"""


def claim_file(tmp_path: Path) -> Path:
    path = tmp_path / "controls.yaml"
    path.write_text(RECORDS, encoding="utf-8")
    return path


def test_graphml_exports_a_name_with_control_characters(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "-f", "graphml", "-o", "-", "--from", str(claim_file(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(io.BytesIO(result.stdout_bytes))
    names = {data.get("name") for _, data in graph.nodes(data=True)}
    assert "Real\\u001b[2JMadrid\\u0007" in names


def test_a_zero_width_space_never_merges_two_names(tmp_path: Path) -> None:
    report = LoadReport()
    entities = {}
    for fragment in load_paths([claim_file(tmp_path)], report):
        entities.update(fragment.entities)
    people = sorted(e.name for e in entities.values() if e.type.value == "Person")
    assert people == ["Xabi Alonso", "Xabi\u200bAlonso"]
    assert len({e.id for e in entities.values()}) == len(entities)


def test_query_tables_show_control_characters_as_escapes(kg_env: Settings) -> None:
    result = CliRunner().invoke(
        cli, ["query", "RETURN $n AS name", "-p", 'n="Real\\u001b[2JMadrid\\u202e"']
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Real\\x1b[2JMadrid\\u202e" in result.stdout
    as_json = CliRunner().invoke(
        cli, ["query", "RETURN $n AS name", "-p", 'n="a\\u001bb"', "--format", "json"]
    )
    assert json.loads(as_json.stdout) == [{"name": "a\x1bb"}]


def test_sparql_service_is_refused_without_any_request() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    port = listener.getsockname()[1]
    requests: list[bytes] = []

    def accept() -> None:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            return
        requests.append(conn.recv(100))
        conn.close()

    thread = threading.Thread(target=accept)
    thread.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(cli, ["sparql", "--from", str(EXAMPLES), query])
    thread.join()
    listener.close()
    assert requests == []
    assert result.exit_code == 1
    assert result.stderr == (
        f"kg: error: SERVICE <http://127.0.0.1:{port}/sparql> refused: "
        "kg's SPARQL runs over the local graph only\n"
    )


def test_sparql_from_names_only_the_graphs_own_graphs() -> None:
    remote = CliRunner().invoke(
        cli, ["sparql", "--from", str(EXAMPLES), "SELECT * FROM <http://h/g> WHERE { ?s ?p ?o }"]
    )
    assert remote.exit_code == 1
    assert "FROM <http://h/g> refused" in remote.stderr
    words = CliRunner().invoke(
        cli,
        [
            "sparql",
            "--from",
            str(EXAMPLES),
            'SELECT ?service WHERE { ?service rdfs:label "SERVICE <http://h/>" } # SERVICE',
        ],
    )
    assert words.exit_code == 0, words.output


MINIMAL = """- subject: Xabi Alonso
  subject_type: Person
  predicate: manages
  object: Bayer Leverkusen
  object_type: Club
"""


def test_a_claim_naming_no_source_is_credited_to_its_file(tmp_path: Path) -> None:
    """Issue 21, class 1: the page, the exports and the SHACL shapes agree on who says it."""
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths([path], report):
        graph.merge(fragment)
    (claim,) = graph.claims.values()
    assert [graph.sources[s].name for s in claim.attributed_to] == ["minimal.yaml"]
    valid = CliRunner().invoke(cli, ["validate", "--from", str(path)])
    assert valid.exit_code == 0, valid.output
    assert "conforms" in valid.stdout


def test_the_page_draws_a_claim_with_no_source(tmp_path: Path) -> None:
    """A claim read before sources were required, or extracted with none, draws as 'no source'."""
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    graph = ClaimGraph()
    for fragment in load_paths([path], LoadReport()):
        graph.merge(fragment)
    for claim_id, claim in list(graph.claims.items()):
        graph.claims[claim_id] = claim.model_copy(update={"attributed_to": []})
    page = tmp_path / "page.html"
    write_html(graph, page)
    assert "Xabi Alonso" in page.read_text(encoding="utf-8")


def test_kg_viz_draws_a_claim_file_with_only_the_required_fields(
    kg_env: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert CliRunner().invoke(cli, ["build", str(path)]).exit_code == 0
    page = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "minimal.yaml" in page.read_text(encoding="utf-8")


PROBES = [
    "CREATE (x:Probe1) RETURN x",
    "MATCH (e:Entity) WITH e LIMIT 1 CREATE (e)-[:PROBE_2]->(e)",
    "MERGE (x:Probe3 {id: 'p'}) RETURN x",
    "MATCH (e:Entity) WITH e LIMIT 1 SET e:Probe4",
    "CALL { CREATE (:Probe5)-[:PROBE_6]->(:Probe5) } RETURN 1",
    "UNWIND [1] AS i CREATE (:Probe7 {i: i})",
]


def schema(store: BoltStore) -> tuple[list[list[Any]], list[list[Any]]]:
    labels = store.query("CALL db.labels() YIELD label RETURN label ORDER BY label").rows
    types = store.query(
        "CALL db.relationshipTypes() YIELD relationshipType "
        "RETURN relationshipType ORDER BY relationshipType"
    ).rows
    return labels, types


def test_refused_read_only_queries_leave_no_schema_behind(
    store: BoltStore, kg_env: Settings
) -> None:
    """Issue 21, class 8: a write refused in read-only mode never reaches the server, so no new
    label or relationship type (ArcadeDB: no new type or bucket files) is left behind."""
    assert CliRunner().invoke(cli, ["build", "-q", str(EXAMPLES)]).exit_code == 0
    before = schema(store)
    for probe in PROBES:
        result = CliRunner().invoke(cli, ["query", probe])
        assert result.exit_code == 1
        assert result.stderr == (
            "kg: error: this query writes to the graph and was not run; "
            "queries are read-only unless you pass --write\n"
        )
    assert schema(store) == before
    assert not any("Probe" in str(row) or "PROBE" in str(row) for part in before for row in part)
