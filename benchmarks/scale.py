"""How ``kg build`` scales: 10k, 100k and 1M claims, on the embedded default and on a Bolt server.

For each size a synthetic corpus is written first (:func:`kg.synthetic.corpus.write_corpus`: JSON
Lines files of 50 documents, ~4 claims per document, thousands of entities; not timed). Then a
fresh worker process runs the real build (``kg.build.build``: load, hash, write in whole-document
transactions, outcome analysis) into an empty graph and reports:

- wall time of the whole build and of the analysis step at its end, and claims per second;
- peak memory (max RSS) of the kg process before the analysis step (loading and writing, which
  stream the corpus file by file) and at the end (the analysis reads the whole graph back);
- peak memory of the database server process (VmHWM), except for a server in NEO4J_URI;
- CPU time (user + system) of the kg process and of the database server during the build: the
  machine is shared, and its speed varies from hour to hour, so the ratio of CPU seconds
  between sizes is steadier than the ratio of wall times (time the CPU was taken by other
  tenants is not counted).

Backends: ``embedded`` is what a user gets with no configuration (kg starts ArcadeDB itself, with
its data in a fresh KG_HOME, start-up included in the time); ``bolt`` is a Bolt server kg does not
start: the server in NEO4J_URI when set, else a standalone ArcadeDB server this script starts
before timing, a new one for each build. The baseline is the smallest size in the same run: the
table gives the time ratio between consecutive sizes (10x the claims should cost at most 12x the
time). The machine's speed drifts while the largest build runs (it takes the better part of an
hour), so the next smaller size is built again after it (``--bracket``, on by default), and the
largest size's ratios are taken against the mean of the two builds that bracket it; both are in
the table.

Usage::

    python benchmarks/scale.py                          # 10k, 100k, 1M on both backends
    python benchmarks/scale.py --sizes 10000,100000 --backends embedded
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _rss_peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not ``ru_maxrss``: Linux carries that across exec, so a
    worker would report the peak of the forked parent (which generated the corpus)."""
    return _hwm_mb(os.getpid())


def _server_pids() -> list[int]:
    """Java processes that are children of this process (the embedded ArcadeDB server)."""
    pids: list[int] = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children = (task / "children").read_text().split()
        pids.extend(int(p) for p in children)
    return pids


def _hwm_mb(pid: int) -> float:
    return _status_mb(pid, "VmHWM")


def _status_mb(pid: int, field: str) -> float:
    """A memory field of ``/proc/PID/status`` (VmHWM, VmRSS) in MB; 0 once the process has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    times = os.times()
    return times.user + times.system


class _MemoryFormatter(logging.Formatter):
    """Adds the process's memory and CPU at the moment of each analysis log line, to see which
    pass of the analysis raises the peak (VmHWM) and which takes the CPU."""

    def format(self, record: logging.LogRecord) -> str:
        return (
            f"{record.getMessage()} [RSS {_status_mb(os.getpid(), 'VmRSS'):.0f} MB, "
            f"peak {_rss_peak_mb():.0f} MB, CPU {_own_cpu_s():.1f} s]"
        )


def worker(corpus: Path) -> dict[str, Any]:
    """Build ``corpus`` into the store the environment names; return the measurements."""
    import kg.build
    from kg.config import Settings
    from kg.store import open_store

    # The analysis step's passes, timed, on stderr: the parent shows them with the results.
    analysis_log = logging.getLogger("kg.analysis")
    analysis_log.setLevel(logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_MemoryFormatter())
    analysis_log.addHandler(handler)
    measured: dict[str, Any] = {}
    server_peak = [0.0]
    server_cpu: dict[int, float] = {}  # the latest reading per server process
    stop = threading.Event()

    def read_servers() -> None:
        for pid in _server_pids():
            server_peak[0] = max(server_peak[0], _hwm_mb(pid))
            server_cpu[pid] = max(server_cpu.get(pid, 0.0), _cpu_s(pid))

    def watch_server() -> None:
        while not stop.wait(0.5):
            read_servers()

    watcher = threading.Thread(target=watch_server, daemon=True)
    watcher.start()
    original_after = kg.build.after_build

    def timed_after(store: Any, workspace: Any = None) -> None:
        measured["rss_before_analysis_mb"] = _rss_peak_mb()
        start = time.perf_counter()
        original_after(store, workspace)
        measured["analysis_s"] = time.perf_counter() - start

    kg.build.after_build = timed_after
    written: list[tuple[int, float]] = []  # (claims written so far, when), after each document
    start = time.perf_counter()
    with open_store(Settings.from_env()) as store:
        store.clear()
        written.append((0, time.perf_counter()))
        result = kg.build.build(
            [corpus], store, progress=lambda n: written.append((n, time.perf_counter()))
        )
        counts = store.counts()
        read_servers()
        measured["kg_cpu_s"] = _own_cpu_s()
    measured["total_s"] = time.perf_counter() - start
    measured["write_tenths_s"] = tenths(written)
    stop.set()
    measured["rss_end_mb"] = _rss_peak_mb()
    measured["server_hwm_mb"] = server_peak[0]
    measured["server_cpu_s"] = sum(server_cpu.values())
    measured["claims"] = counts["claims"]
    measured["documents"] = counts["documents"]
    measured["rejected"] = result.report.rejected
    return measured


def tenths(written: list[tuple[int, float]]) -> list[float]:
    """How long each tenth of the claims took to load and write, in order.

    The last tenth against the first, in the same build, shows whether writing slows down as
    the graph grows, without comparing runs made at different times on a shared machine.
    """
    total = written[-1][0]
    out, previous, k = [], written[0][1], 1
    for n, when in written:
        while k <= 10 and n >= total * k / 10:
            out.append(when - previous)
            previous, k = when, k + 1
    return out


def run_worker(corpus: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", str(corpus)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker failed:\n{done.stderr[-3000:]}")
    for line in done.stderr.splitlines():
        print(f"#   {line}", file=sys.stderr, flush=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _on_fresh_server(corpus: Path, folder: Path, heap: str) -> dict[str, Any]:
    """Build ``corpus`` through Bolt into a standalone ArcadeDB server started for this build
    alone (not timed), so that every bolt build, like every embedded one, starts from a new
    database rather than one that held and deleted the previous size's graph."""
    from kg.store.arcadedb import ArcadeDBServer

    server = ArcadeDBServer(folder, heap=heap)
    server.start()
    pid = server.pid
    assert pid is not None
    try:
        env = dict(
            os.environ,
            NEO4J_URI=server.uri,
            NEO4J_USERNAME=server.username,
            NEO4J_PASSWORD=server.password,
            NEO4J_DATABASE=server.database,
        )
        cpu_before = _cpu_s(pid)
        measured = run_worker(corpus, env)
        measured["server_cpu_s"] = _cpu_s(pid) - cpu_before
        measured["server_hwm_mb"] = _hwm_mb(pid)
        return measured
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="embedded,bolt")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also append raw results to this file")
    parser.add_argument(
        "--bracket",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="build the next smaller size again after the largest one (see the docstring)",
    )
    parser.add_argument(
        "--heap", default="2g", help="Java heap of both ArcadeDB servers (KG_HEAP for embedded)"
    )
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return

    sys.path.insert(0, str(ROOT))
    from kg.synthetic.corpus import write_corpus

    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    rows = []
    plan = list(sizes)
    if args.bracket and len(sizes) > 1:
        plan.append(sizes[-2])
    corpora: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        for run, size in enumerate(plan):
            if size not in corpora:
                t0 = time.perf_counter()
                corpus = write_corpus(Path(tmp) / f"corpus-{size}", size)
                corpora[size] = corpus.root
                print(
                    f"# corpus {size}: {corpus.documents} documents, {corpus.files} files, "
                    f"generated in {time.perf_counter() - t0:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
            for backend in backends:
                folder = Path(tmp) / f"{backend}-{run}"
                if backend == "embedded":
                    env = dict(base_env, KG_HOME=str(folder), KG_HEAP=args.heap)
                    measured = run_worker(corpora[size], env)
                elif os.environ.get("NEO4J_URI"):
                    measured = run_worker(corpora[size], dict(os.environ))
                else:
                    measured = _on_fresh_server(corpora[size], folder, args.heap)
                shutil.rmtree(folder, ignore_errors=True)
                measured.update(size=size, backend=backend, repeat=run >= len(sizes))
                rows.append(measured)
                print(f"# {json.dumps(measured)}", file=sys.stderr, flush=True)
                if args.json:
                    with args.json.open("a") as out:
                        out.write(json.dumps(measured) + "\n")
    print_table(rows)


def _cpu_total(row: dict[str, Any]) -> float:
    return float(row.get("kg_cpu_s", 0.0) + row.get("server_cpu_s", 0.0))


def _ratios(row: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[str, str]:
    """Wall and CPU time of ``row`` against the mean of the same backend's builds of the next
    smaller size (two builds when ``--bracket`` built it again after the largest)."""
    if row.get("repeat"):
        return "repeat", "repeat"
    smaller = [
        r["size"] for r in rows if r["backend"] == row["backend"] and r["size"] < row["size"]
    ]
    if not smaller:
        return "baseline", "baseline"
    base = [r for r in rows if r["backend"] == row["backend"] and r["size"] == max(smaller)]
    wall = sum(r["total_s"] for r in base) / len(base)
    cpu = sum(_cpu_total(r) for r in base) / len(base)
    mean = f" (mean of {len(base)})" if len(base) > 1 else ""
    return (
        f"{row['total_s'] / wall:.1f}x{mean}",
        f"{_cpu_total(row) / cpu:.1f}x{mean}" if cpu else "n/a",
    )


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print(
        "| backend | claims | documents | build (s) | of which analysis (s) | claims/s "
        "| time vs 10x fewer | CPU s (kg + server) | CPU vs 10x fewer "
        "| last tenth of writes vs first | kg peak RSS before analysis (MB) "
        "| kg peak RSS (MB) | server peak (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio, cpu_ratio = _ratios(r, rows)
        server = f"{r['server_hwm_mb']:.0f}" if r["server_hwm_mb"] else "n/a (NEO4J_URI)"
        parts = r.get("write_tenths_s") or []
        drift = f"{parts[-1] / parts[0]:.2f}x" if len(parts) == 10 and parts[0] else "n/a"
        print(
            f"| {r['backend']} | {r['claims']:,} | {r['documents']:,} | {r['total_s']:.1f} "
            f"| {r.get('analysis_s', 0):.1f} | {r['claims'] / r['total_s']:,.0f} | {ratio} "
            f"| {_cpu_total(r):.0f} | {cpu_ratio} | {drift} "
            f"| {r.get('rss_before_analysis_mb', 0):.0f} | {r['rss_end_mb']:.0f} | {server} |"
        )


if __name__ == "__main__":
    main()
