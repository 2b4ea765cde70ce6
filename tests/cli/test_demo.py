"""The demo path on the embedded default, as `make demo` runs it: no server configured, kg starts
its own ArcadeDB in KG_HOME, and the files land where the README says."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import rdflib

from tests.conftest import EXAMPLES, REPO

KG = [sys.executable, "-m", "kg"]


def run_kg(*args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["KG_HOME"] = str(home)
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [*KG, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_demo_on_the_embedded_default(tmp_path: Path) -> None:
    home = tmp_path / "kgdata"
    built = run_kg("build", "--rebuild", str(EXAMPLES), home=home, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "embedded ArcadeDB" in built.stdout
    assert (home / "databases").is_dir(), "the data lives in KG_HOME"

    count = run_kg(
        "query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "json", home=home, cwd=tmp_path
    )
    assert count.returncode == 0, count.stderr
    n_claims = json.loads(count.stdout)[0]["n"]
    assert n_claims >= 16

    again = run_kg("build", str(EXAMPLES), home=home, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    recount = run_kg(
        "query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "json", home=home, cwd=tmp_path
    )
    assert json.loads(recount.stdout)[0]["n"] == n_claims

    out = tmp_path / "out"
    exported = run_kg(
        "export", "-f", "turtle", "-o", str(out / "graph.ttl"), home=home, cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > n_claims
    _demo_export_has_reasons_and_conforms(graph)

    drawn = run_kg("viz", "-o", str(out / "graph.html"), home=home, cwd=tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    page = (out / "graph.html").read_text("utf-8")
    assert "Fabrizio Romano" in page and "Xabi Alonso" in page


def _demo_export_has_reasons_and_conforms(graph: rdflib.Graph) -> None:
    """Issue 19's must-holds on ``out/graph.ttl``: the statuses are as the seed story's outcomes
    say, each decided claim carries its reason and the outcome that decided it, and the export
    conforms to the shapes with and without RDFS entailment."""
    from pyshacl import validate

    import ontology
    from kg.rdf.namespace import KG

    decided = {
        c: (
            graph.value(c, KG.status),
            graph.value(c, KG.statusReason),
            graph.value(c, KG.resolvedBy),
        )
        for c in graph.subjects(rdflib.RDF.type, KG.Claim)
        if graph.value(c, KG.status) != KG.StatusOpen and graph.value(c, KG.isOutcome) is None
    }
    assert len(decided) == 10
    assert all(
        reason is not None and outcome is not None for _, reason, outcome in decided.values()
    )
    reasons = {str(r): s for s, r, _ in decided.values()}
    sacking = next(r for r in reasons if "not around 2025-04-26 as claimed" in r)
    assert reasons[sacking] == KG.StatusRefuted

    def statuses(predicate: rdflib.URIRef, value: str) -> set[rdflib.term.Node | None]:
        return {
            status
            for c, (status, _, _) in decided.items()
            if any(str(o).endswith(value) for o in graph.objects(c, predicate))
        }

    assert statuses(KG.subject, "person/jurgen-klopp") == {KG.StatusRefuted}
    romano = rdflib.URIRef("http://www.w3.org/ns/prov#wasAttributedTo")
    assert statuses(romano, "journalist/fabrizio-romano") == {KG.StatusConfirmed}
    for inference in ("none", "rdfs"):
        conforms, _, text = validate(
            graph,
            shacl_graph=rdflib.Graph().parse(ontology.SHAPES_TTL),
            ont_graph=rdflib.Graph().parse(ontology.ONTOLOGY_TTL),
            inference=inference,
        )
        assert conforms, (inference, text)


def test_sigterm_stops_kg_and_leaves_the_shared_server_serving(tmp_path: Path) -> None:
    import signal
    import time

    from kg.store.server import status

    home = tmp_path / "kgdata"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(KG_HOME=str(home), PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [*KG, "build", str(EXAMPLES)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and status(home) is None:
        time.sleep(0.2)
    running = status(home)
    assert running is not None, "the embedded server did not start"
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode in (0, 128 + signal.SIGTERM)  # it may have finished first
    assert "Traceback" not in stderr
    assert status(home) == running, "the server outlives the command that started it"
    answered = run_kg("query", "RETURN 1 AS one", "--format", "json", home=home, cwd=tmp_path)
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout) == [{"one": 1}]
    stopped = run_kg("server", "stop", home=home, cwd=tmp_path)
    assert stopped.returncode == 0 and "stopped the server" in stopped.stdout
    assert not Path(f"/proc/{running.server_pid}").exists()
    assert not Path(f"/proc/{running.pid}").exists()


def test_an_unchanged_rebuild_does_not_start_the_database(tmp_path: Path) -> None:
    home, inputs = tmp_path / "kgdata", tmp_path / "inputs"
    shutil.copytree(EXAMPLES, inputs)
    first = run_kg("build", str(inputs), home=home, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    graph = first.stdout.split("Graph in", 1)[1]

    # commands that only read the graph leave the build's stamp valid
    assert run_kg("stats", home=home, cwd=tmp_path).returncode == 0
    assert run_kg("server", "stop", home=home, cwd=tmp_path).returncode == 0
    again = run_kg("-v", "build", str(inputs), home=home, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "the database was not started" in again.stderr
    assert "ArcadeDB server ready" not in again.stderr
    assert run_kg("server", "status", home=home, cwd=tmp_path).returncode == 1, "none started"
    assert " 0 document(s) written" in again.stdout
    assert again.stdout.split("Graph in", 1)[1] == graph, "the same graph is reported"

    # a command that writes to the database makes the next build look at it again
    seed = next(inputs.glob("seed-*.yaml"))
    forgot = run_kg("forget", str(seed), home=home, cwd=tmp_path)
    assert forgot.returncode == 0, forgot.stderr
    assert run_kg("server", "stop", home=home, cwd=tmp_path).returncode == 0
    restored = run_kg("-v", "build", str(inputs), home=home, cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "the database was not started" not in restored.stderr
    assert "ArcadeDB server ready" in restored.stderr
    assert " 0 document(s) written" not in restored.stdout
    assert restored.stdout.split("Graph in", 1)[1] == graph

    # so does an edited input file (with the server up: the store judges, nothing is restarted)
    with seed.open("a", encoding="utf-8") as fh:
        fh.write("\n# a note added by hand\n")
    edited = run_kg("-v", "build", str(inputs), home=home, cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert "the database was not started" not in edited.stderr
    assert "using the running embedded server" in edited.stderr
