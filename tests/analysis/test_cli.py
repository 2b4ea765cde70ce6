"""The analysis commands as a user runs them: build the seed story with its outcomes, then ask.

They are about the analysis, not the database: the graph is kept in memory (``KG_STORE=memory``,
equal to the servers' by ``tests/store/test_memory_store.py``), except where Cypher reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _build() -> CliRunner:
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return runner


@pytest.fixture
def built(memory_env: Path) -> CliRunner:
    """The seed story and its outcomes built into memory."""
    return _build()


@pytest.fixture
def built_on_server(kg_env: Settings) -> CliRunner:
    """The seed story and its outcomes built on each real server."""
    return _build()


def _json(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_sources_show_romano_right_and_uol_wrong(built: CliRunner) -> None:
    rows = {r["source"]: r for r in _json(built, "sources")}
    assert (rows["Fabrizio Romano"]["confirmed"], rows["Fabrizio Romano"]["refuted"]) == (2, 0)
    assert (rows["UOL"]["confirmed"], rows["UOL"]["refuted"]) == (0, 3)
    assert rows["Sport"]["echoes"] == 4


def test_timeline_and_explain_show_the_deciding_outcome(built: CliRunner) -> None:
    rows = _json(built, "timeline", "Jürgen Klopp")
    appointed = next(r for r in rows if r["claim"] == "Jürgen Klopp is appointed by Real Madrid")
    assert appointed["status"] == "refuted"
    assert str(appointed["why"]).startswith(
        "Xabi Alonso was appointed by Real Madrid on 2025-06-01"
    )
    result = built.invoke(cli, ["explain", str(appointed["id"])[:14], "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["outcome"]["claim"] == "Xabi Alonso is appointed by Real Madrid"
    assert info["outcome"]["sources"] == [{"name": "Real Madrid (official)", "role": "origin"}]


def test_contradictions_list_the_two_next_managers(built: CliRunner) -> None:
    rows = _json(built, "contradictions", "--kind", "manager")
    assert {r["about"] for r in rows} == {"Real Madrid: Jürgen Klopp, Xabi Alonso"}


def test_statuses_are_stored_on_claims_by_the_build(built_on_server: CliRunner) -> None:
    rows = _json(
        built_on_server,
        "query",
        "MATCH (c:Claim) WHERE c.status = 'refuted' RETURN count(c) AS n",
    )
    assert rows == [{"n": 6}]


def test_explain_an_unknown_claim_is_one_line_error(built: CliRunner) -> None:
    result = built.invoke(cli, ["explain", "claim:nope"])
    assert result.exit_code != 0
    assert "no claim with id 'claim:nope'" in result.output
