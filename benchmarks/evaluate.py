"""Evaluate extraction against the project's gold claims (dev and held-out splits).

Usage:  .venv/bin/python benchmarks/evaluate.py [GOLD.jsonl ...] [--errors]
Needs ../shared/corpus for corpus documents; prints one JSON line per split.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.evaluation import default_corpus, evaluate, predict, read_gold  # noqa: E402


def main(argv: list[str]) -> int:
    show_errors = "--errors" in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or sorted(
        (ROOT / "benchmarks" / "gold").glob("*.jsonl")
    )
    corpus = default_corpus(ROOT)
    if not corpus.exists():
        print(f"corpus not found at {corpus}; nothing to evaluate", file=sys.stderr)
        return 0
    gold = [record for f in files for record in read_gold(f)]
    scores = evaluate(gold, predict({r["doc"] for r in gold}, corpus, ROOT))
    for name, score in sorted(scores.items()):
        print(json.dumps({"split": name, **score.summary()}))
        if show_errors and name != "all":
            for label, item in score.errors():
                print(f"  {label}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
