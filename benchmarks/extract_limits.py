"""Extraction cost against text length: it must grow linearly, and a long input stays bounded.

Issue 21: 1,000 then 2,000 repeated sentences took 5.5 s then 21.8 s (spaCy's ``Span.ents``
rebuilt every entity of the document for each sentence), one 216 kB rumour row used more than
180 s of CPU, and a 1,000,000-character text took 212 s and 2.6 GB. Each case here runs in a
fresh process (so its peak memory is its own) on generated text, with the model loaded before
timing, and is timed twice in that process: a bare spaCy parse of the same text (the baseline)
and kg's extraction (:func:`kg.extract.extract_graph`, which parses too). The ratio is what kg
adds over parsing; it stays flat as the text grows when extraction is linear.

Usage:  .venv/bin/python benchmarks/extract_limits.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = "Arsenal are weighing a bid for Chelsea striker Tom Dwyer, according to Sky Sports. "
RUN_ON = "Arsenal Chelsea Liverpool Tom Dwyer Real Madrid Xabi Alonso Sky Sports and "


def text_for(case: str) -> str:
    """The generated input of one case: ``sentences:N``, ``run-on:CHARS`` or ``document:CHARS``."""
    kind, _, size = case.partition(":")
    n = int(size)
    if kind == "sentences":
        return SENTENCE * n
    if kind == "run-on":  # one "sentence" of names with no full stop, like a scraped row
        return (RUN_ON * (n // len(RUN_ON) + 1))[:n]
    paragraph = SENTENCE * 8 + "\n\n"
    return (paragraph * (n // len(paragraph) + 1))[:n]


def measure(case: str) -> dict[str, float]:
    """Run in a child process: time a bare parse and kg's extraction of the case's text."""
    from kg.extract import extract_graph
    from kg.extract.pipeline import nlp, parse
    from kg.model import ClaimGraph, Document
    from loaders._prose import capped

    text = capped(text_for(case), "bench", None, [])
    nlp()("warm up")
    started = time.perf_counter()
    for _ in parse([text]):
        pass
    bare = time.perf_counter() - started
    graph = ClaimGraph()
    graph.add_document(Document.identified(title=case, path=case, text=text))
    started = time.perf_counter()
    out = extract_graph(graph)
    kg_seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "bare": bare,
        "kg": kg_seconds,
        "claims": len(out.claims),
        "peak_mb": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small cases only")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # the child process's own case
    args = parser.parse_args()
    if args.case:
        print(json.dumps(measure(args.case)))
        return
    cases = ["sentences:500", "sentences:1000", "sentences:2000", "run-on:216000"]
    if not args.quick:
        cases += ["sentences:4000", "document:1000000"]
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {sys.version.split()[0]}"
    )
    print(
        "| case | characters | bare parse | kg extraction | ratio | kg s per 100k chars | peak memory |"
    )
    print("|---|---|---|---|---|---|---|")
    for case in cases:
        done = subprocess.run(
            [sys.executable, __file__, "--case", case],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout.splitlines()[-1])
        print(
            f"| {case} | {r['chars']:,.0f} | {r['bare']:.1f} s | {r['kg']:.1f} s | "
            f"{r['kg'] / r['bare']:.2f}x | {r['kg'] / r['chars'] * 1e5:.2f} | "
            f"{r['peak_mb']:.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
