"""Incremental re-builds: a corpus of 1,000 documents built once, then again unchanged, then again
with 1% of its documents edited, against the first build in the same run.

The corpus is synthetic (:func:`kg.synthetic.corpus.write_corpus`: ~4 claims per document, 20
JSON Lines files of 50 documents). Two measurements:

- **build work** (in one process, on a Bolt server that is already running: the server in
  NEO4J_URI, else a standalone ArcadeDB server this script starts): ``kg.build.build`` on an empty
  graph, then unchanged, then after the edit. This is the cost the issue bounds (re-build under a
  tenth of the first build).
- **command line** (``kg build`` as a user runs it, on the embedded default in a fresh KG_HOME):
  every run pays Python's start-up and the embedded server's start (5–15 s here), which does not
  depend on the corpus; reported as measured.

Usage::

    python benchmarks/rebuild.py                 # 1,000 documents
    python benchmarks/rebuild.py --documents 5000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.build import BuildResult, build
from kg.build.ledger import Ledger
from kg.config import Settings
from kg.store.bolt import BoltStore
from kg.synthetic.corpus import Corpus, write_corpus


@contextmanager
def bolt_server(tmp: Path) -> Iterator[Settings]:
    """NEO4J_URI's server when set, else a standalone ArcadeDB server started here."""
    if os.environ.get("NEO4J_URI"):
        yield Settings.from_env()
        return
    from kg.store.arcadedb import ArcadeDBServer

    with ArcadeDBServer(tmp / "server") as server:
        yield Settings(
            uri=server.uri,
            username=server.username,
            password=server.password,
            database=server.database,
        )


def timed(work: Callable[[], BuildResult]) -> tuple[float, BuildResult]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def edit_one_percent(corpus: Corpus) -> int:
    """Change the first claim of every 100th document (its evidence text); return how many."""
    edited, seen = 0, 0
    for path in sorted(corpus.root.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out, last_url = [], None
        for line in lines:
            record = json.loads(line)
            url = record["document"]["url"]
            if url != last_url:
                last_url, seen = url, seen + 1
                if seen % 100 == 0:
                    record["evidence"] = f"{record.get('evidence', '')} (updated)"
                    edited += 1
            out.append(json.dumps(record, ensure_ascii=False))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return edited


def in_process(corpus: Corpus, settings: Settings) -> list[tuple[str, float, BuildResult]]:
    store = BoltStore(
        settings.uri or "", (settings.username, settings.password), database=settings.database
    )
    store.ensure_schema()
    store.clear()
    cache = Ledger(corpus.root.parent)  # as kg build keeps it in the graph's folder
    try:
        first = timed(lambda: build([corpus.root], store, ledger=cache))
        unchanged = timed(lambda: build([corpus.root], store, ledger=cache))
        edited = edit_one_percent(corpus)
        changed = timed(lambda: build([corpus.root], store, ledger=cache))
    finally:
        cache.close()
        store.clear()
        store.close()
    return [
        ("first build", *first),
        ("unchanged re-build", *unchanged),
        (f"re-build, {edited} documents edited", *changed),
    ]


def command_line(corpus: Corpus, home: Path) -> list[tuple[str, float]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["KG_HOME"] = str(home)
    kg = [sys.executable, "-m", "kg"]
    runs = []
    for label in ("first build", "unchanged re-build", "unchanged re-build after `kg stats`"):
        if "stats" in label:  # a read-only command starts the server, and must not cost a re-read
            subprocess.run([*kg, "stats"], env=env, check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([*kg, "build", "-q", str(corpus.root)], env=env, check=True)
        runs.append((label, time.perf_counter() - start))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-rebuild-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(tmp / "corpus", args.documents * 10, max_documents=args.documents)
        print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"Corpus: {corpus.documents} documents, {corpus.claims} claims, {corpus.files} files")
        print()
        with bolt_server(tmp) as settings:
            rows = in_process(corpus, settings)
        base = rows[0][1]
        print(
            "| build work (in-process, running Bolt server) | time (s) | vs first build "
            "| documents written | skipped |"
        )
        print("|---|---:|---:|---:|---:|")
        for label, seconds, result in rows:
            print(
                f"| {label} | {seconds:.2f} | {seconds / base:.3f} "
                f"| {result.written.documents} | {result.skipped} |"
            )
        print()
        corpus = write_corpus(tmp / "corpus-cli", args.documents * 10, max_documents=args.documents)
        cli_rows = command_line(corpus, tmp / "home")
        print("| `kg build` (embedded default, server start included) | time (s) | vs first |")
        print("|---|---:|---:|")
        for label, seconds in cli_rows:
            print(f"| {label} | {seconds:.2f} | {seconds / cli_rows[0][1]:.3f} |")


if __name__ == "__main__":
    main()
