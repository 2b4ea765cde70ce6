"""Export speed and memory: kg's streaming exporter against rdflib's serializer, same run.

For each size, a synthetic graph (kg.synthetic) is exported to Turtle and N-Triples by kg (quads
streamed into pyoxigraph's serializers), and the same triples are serialised by rdflib's own
Turtle serializer (the baseline: build an rdflib Graph, then ``serialize``). Each measurement
runs in a forked child with its peak-RSS counter reset, so "extra memory" is what the export
itself needed on top of the claim graph already in memory.

    .venv/bin/python benchmarks/export.py            # 10k and 100k claims
    .venv/bin/python benchmarks/export.py --sizes 2000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import tempfile
import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.model import ClaimGraph
from kg.rdf.export import export
from kg.rdf.triples import prefixes, quads
from kg.synthetic import synthetic_graph

_GRAPH: ClaimGraph | None = None  # set before forking; children inherit it


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def _kg(fmt: str, path: Path) -> None:
    assert _GRAPH is not None
    with path.open("wb") as out:
        export(_GRAPH, out, format=fmt)


def _rdflib(fmt: str, path: Path) -> None:
    assert _GRAPH is not None
    g = Graph()
    for name, ns in prefixes().items():
        g.bind(name, ns)
    for q in quads(_GRAPH):
        s, o = q.subject, q.object
        assert isinstance(s, ox.NamedNode)  # kg's exporter writes no blank nodes or quoted triples
        if isinstance(o, ox.NamedNode):
            obj: URIRef | Literal = URIRef(o.value)
        else:
            assert isinstance(o, ox.Literal)
            obj = Literal(o.value, datatype=URIRef(o.datatype.value))
        g.add((URIRef(s.value), URIRef(q.predicate.value), obj))
    g.serialize(path, format=fmt)


def _child(
    job: Callable[[str, Path], None], fmt: str, path: Path, queue: Queue[tuple[float, int, int]]
) -> None:
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak-RSS counter (VmHWM)
    before = _status("VmRSS")
    start = time.perf_counter()
    job(fmt, path)
    seconds = time.perf_counter() - start
    queue.put((seconds, _status("VmHWM") - before, path.stat().st_size))


def measure(job: Callable[[str, Path], None], fmt: str, path: Path) -> tuple[float, int, int]:
    """Seconds, extra peak memory in bytes and output size of one export in a forked child."""
    ctx = mp.get_context("fork")
    queue: Queue[tuple[float, int, int]] = ctx.Queue()
    proc = ctx.Process(target=_child, args=(job, fmt, path, queue))
    proc.start()
    result = queue.get()
    proc.join()
    path.unlink(missing_ok=True)
    return result


def main() -> None:
    global _GRAPH
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    head = ("claims", "format", "exporter", "seconds", "extra MiB", "out MiB", "speed-up")
    print("{:>8} {:>9} {:>17} {:>8} {:>9} {:>8} {:>8}".format(*head))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            _GRAPH = synthetic_graph(size)
            base_s, base_m, base_size = measure(_rdflib, "turtle", Path(tmp) / "rdflib.ttl")
            rows = [("turtle", "rdflib (baseline)", base_s, base_m, base_size)]
            for fmt, ext in (("turtle", "ttl"), ("ntriples", "nt")):
                s, m, n = measure(_kg, fmt, Path(tmp) / f"kg.{ext}")
                rows.append((fmt, "kg", s, m, n))
            for fmt, who, s, m, n in rows:
                print(
                    f"{size:>8} {fmt:>9} {who:>17} {s:>8.2f} {m / 2**20:>9.1f} "
                    f"{n / 2**20:>8.1f} {base_s / s:>7.1f}x",
                    flush=True,
                )
            os.sync()


if __name__ == "__main__":
    main()
