"""Issue 19's "evidence before verdicts", as a user meets it on the command line.

A rumour archive with no outcome data leaves every move, interest and departure claim open and
says so in one line from ``kg build``, ``kg settle`` (and its old name ``kg resolve``) and ``kg
sources``; roles the rumours state in passing decide nothing. Outcome data loaded later (a claim
file marked as outcomes, or any claim file through ``kg build --outcomes``) decides what it
covers, and only that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.config import Settings

#: Rumours written for this test (the BBC gossip layout), with roles stated in passing.
RUMOURS = """id,date,raw_text,source,source_url
1,1 February 2021,"Leicester City are interested in signing Watford midfielder Tom Dwyer, 26.",www.dailymail.co.uk,https://www.dailymail.co.uk/sport/a1
2,2 February 2021,"Everton want Brentford striker Ivan Toney, 25, in the summer.",www.thesun.co.uk,https://www.thesun.co.uk/sport/a2
3,3 February 2021,"Chelsea manager Thomas Tuchel is interested in signing Norwich forward Emi Buendia, 24.",www.mirror.co.uk,https://www.mirror.co.uk/sport/a3
"""

NO_OUTCOMES = "no outcome data is loaded"


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _rows(*args: str) -> list[dict[str, Any]]:
    result = kg(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


CLAIMS = (
    "MATCH (c:Claim)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o) "
    "RETURN s.name AS subject, c.predicate AS predicate, o.name AS object, c.kind AS kind, "
    "c.status AS status, c.status_reason AS reason, c.resolved_by AS decided_by, "
    "c.outcome AS outcome ORDER BY subject, predicate, object"
)


@pytest.fixture
def archive(kg_env: Settings, tmp_path: Path) -> Path:
    path = tmp_path / "rumours.csv"
    path.write_text(RUMOURS, encoding="utf-8")
    return path


def test_a_rumour_archive_without_outcomes_leaves_everything_open_and_says_so(
    archive: Path,
) -> None:
    built = kg("build", str(archive))
    assert built.exit_code == 0, built.output
    assert built.stderr.count(NO_OUTCOMES) == 1
    rows = _rows("query", CLAIMS)
    rumours = [r for r in rows if r["kind"] in ("move", "interest", "departure")]
    roles = [r for r in rows if r["kind"] == "role"]
    assert rumours and roles, rows  # the extractor read interest and roles in passing
    assert {r["status"] for r in rows} == {"open"}
    assert all(r["decided_by"] is None and not r["outcome"] for r in rows)
    for r in rumours:
        assert r["reason"].startswith("no outcome data covers "), r
        assert " in that period" in r["reason"]
    sources = kg("sources", "--format", "json")
    assert sources.exit_code == 0 and NO_OUTCOMES in sources.stderr
    assert {(r["confirmed"], r["refuted"]) for r in json.loads(sources.stdout)} == {(0, 0)}
    settled = kg("settle")
    assert settled.exit_code == 0 and NO_OUTCOMES in settled.stderr
    assert "0 confirmed, 0 refuted" in settled.stdout
    old_name = kg("resolve")
    assert old_name.exit_code == 0
    assert "`kg resolve` is now `kg settle`" in old_name.stderr
    assert "0 confirmed, 0 refuted" in old_name.stdout


def test_outcome_data_decides_only_what_it_covers(archive: Path, tmp_path: Path) -> None:
    assert kg("build", str(archive)).exit_code == 0
    # Leicester's, Everton's and Brentford's summer 2021 as a user would record it: a plain
    # claim file read as outcome data with --outcomes (nothing in it says so). Its coverage is
    # inferred: the people and clubs it names, from its first to its last date (1 September).
    outcomes = tmp_path / "summer-2021.yaml"
    outcomes.write_text(
        """
- {subject: Sam Okafor, subject_type: Person, predicate: joins, object: Leicester City,
   object_type: Club, modality: confirmed, attributed_to: [Club statements], stated_at: 2021-07-01}
- {subject: Ivan Toney, subject_type: Person, predicate: extends_contract, object: Brentford,
   object_type: Club, modality: fact, attributed_to: [Club statements], stated_at: 2021-09-01}
- {subject: Demarai Gray, subject_type: Person, predicate: joins, object: Everton,
   object_type: Club, modality: confirmed, attributed_to: [Club statements], stated_at: 2021-07-20,
   note: not a rumour's subject}
""",
        encoding="utf-8",
    )
    built = kg("build", "--outcomes", str(outcomes))
    assert built.exit_code == 0, built.output
    assert NO_OUTCOMES not in built.stderr
    rows = {(r["subject"], r["object"]): r for r in _rows("query", CLAIMS)}
    assert all(r["outcome"] for k, r in rows.items() if k[0] in ("Sam Okafor", "Demarai Gray"))
    dwyer = next(r for (s, o), r in rows.items() if "Dwyer" in s + o and "Leicester" in s + o)
    # Leicester are covered through 1 September, when the window closed with no Dwyer move
    assert dwyer["status"] == "refuted", dwyer
    assert "window closed" in dwyer["reason"] and "Club statements" in dwyer["reason"]
    toney = next(r for (s, o), r in rows.items() if "Toney" in s + o and "Everton" in s + o)
    assert toney["status"] == "refuted" and "window closed" in toney["reason"]
    buendia = [r for (s, o), r in rows.items() if "Buendia" in s + o and r["kind"] != "role"]
    assert buendia and all(r["status"] == "open" for r in buendia)  # nobody covers Chelsea
    assert all("no outcome data covers" in r["reason"] for r in buendia)
