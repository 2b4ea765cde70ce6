"""The seed article through `kg extract`: the links the project was created around (needs
../shared/corpus)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract.corpus import default_corpus

REPO = Path(__file__).resolve().parents[2]
SEED = default_corpus(REPO) / "seed" / "real-madrid-2025-04-17.txt"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}"),
]


@pytest.fixture(scope="module")
def claims() -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def find(claims: list[dict[str, Any]], subject: str, kind: str, obj: str) -> list[dict[str, Any]]:
    return [
        c
        for c in claims
        if c["subject"].startswith(subject) and c["kind"] == kind and c["object"] == obj
    ]


def test_klopp_holds_the_red_bull_role_credited_to_uol(claims: list[dict[str, Any]]) -> None:
    found = find(claims, "J", "role", "Red Bull")
    assert found, claims
    assert found[0]["subject"] in {"Jurgen Klopp", "Jürgen Klopp"}
    assert found[0]["role_title"] == "head of global soccer"
    assert found[0]["attributed_to"][0] == "UOL"


def test_xabi_alonso_manages_leverkusen(claims: list[dict[str, Any]]) -> None:
    found = find(claims, "Xabi Alonso", "role", "Bayer Leverkusen")
    assert found and found[0]["predicate"] == "manages", claims


def test_trent_to_real_madrid_on_a_free_expected_credited_to_sport(
    claims: list[dict[str, Any]],
) -> None:
    found = find(claims, "Trent Alexander-Arnold", "move", "Real Madrid")
    assert found, claims
    assert found[0]["transfer_type"] == "free"
    assert found[0]["modality"] == "expected"
    assert "Sport" in found[0]["attributed_to"]


def test_romanos_only_xabi_alonso_is_credited_to_romano(claims: list[dict[str, Any]]) -> None:
    found = [
        c
        for c in claims
        if "Xabi Alonso" in (c["subject"], c["object"])
        and c["object"] != "Bayer Leverkusen"
        and "Fabrizio Romano" in c["attributed_to"]
    ]
    assert found, claims


def test_none_of_the_old_wrong_links(claims: list[dict[str, Any]]) -> None:
    assert not find(claims, "Carlo Ancelotti", "role", "Bayer Leverkusen")
    assert not find(claims, "J", "departure", "Real Madrid")
    assert not find(claims, "Real Madrid", "interest", "Hansi Flick")
