"""The held-out evaluation on real gossip sentences (needs ../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.evaluation import default_corpus, evaluate, predict, read_gold

REPO = Path(__file__).resolve().parents[2]
CORPUS = default_corpus(REPO)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found at {CORPUS}"),
]


def test_held_out_sample_meets_the_quality_bar() -> None:
    gold = read_gold(REPO / "benchmarks" / "gold" / "heldout.jsonl")
    score = evaluate(gold, predict({r["doc"] for r in gold}, CORPUS, REPO))["heldout"]
    summary = score.summary()
    assert summary["f1"] >= 0.7, summary
    assert summary["attribution_accuracy"] >= 0.9, summary
