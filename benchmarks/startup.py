"""How quick short commands are: the embedded default with its server up against the same command
pointed at an already running Bolt server through NEO4J_URI, and the CPU time of ``kg --help``.

Both sides of each pair run as whole processes (``python -m kg ...``), in turn (A B A B ...), on
the same ArcadeDB server: the embedded side finds it through the graph's folder, the other is
given its URI and credentials. The ratio A/B is taken pair by pair and its median reported, so a
machine whose speed drifts during the run still compares like with like. Targets (issue 18): at
most 1.3x for each command; ``kg --help`` under 0.5 s of CPU. One cold run (no server up) is
shown for scale.

    .venv/bin/python benchmarks/startup.py --runs 7
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole ``kg`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*KG, *args], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted pairs per command")
    options = parser.parse_args()

    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    base["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryDirectory(prefix="kg-startup-") as tmp:
        home = Path(tmp) / "home"
        embedded = {**base, "KG_HOME": str(home)}
        built = subprocess.run(
            [*KG, "build", str(REPO / "examples")], env=embedded, capture_output=True, text=True
        )
        if built.returncode != 0:
            raise SystemExit(built.stderr)
        state = json.loads((home / "server.json").read_text(encoding="utf-8"))
        direct = {
            **base,
            "KG_HOME": str(Path(tmp) / "other"),
            "NEO4J_URI": state["uri"],
            "NEO4J_USERNAME": state["username"],
            "NEO4J_PASSWORD": state["password"],
            "NEO4J_DATABASE": state["database"],
        }
        refuted = subprocess.run(
            [
                *KG,
                "query",
                "MATCH (c:Claim {status: 'refuted'}) RETURN c.id AS id ORDER BY id LIMIT 1",
                "--format",
                "json",
            ],
            env=embedded,
            capture_output=True,
            text=True,
            check=True,
        )
        claim = json.loads(refuted.stdout)[0]["id"]
        commands = [["query", "RETURN 1"], ["stats"], ["sources"], ["explain", claim]]
        print(
            f"{options.runs} pairs per command, one warm-up pair; medians; python {sys.version.split()[0]}"
        )
        print(f"{'command':<32} {'embedded s':>10} {'NEO4J_URI s':>11} {'ratio':>6}")
        for args in commands:
            run(args, embedded), run(args, direct)  # warm-up
            a, b, ratios = [], [], []
            for _ in range(options.runs):
                wall_a, _ = run(args, embedded)
                wall_b, _ = run(args, direct)
                a.append(wall_a)
                b.append(wall_b)
                ratios.append(wall_a / wall_b)
            label = " ".join(args if args[0] != "explain" else ["explain", "ID"])
            print(
                f"kg {label:<29} {statistics.median(a):>10.3f} {statistics.median(b):>11.3f} "
                f"{statistics.median(ratios):>6.2f}"
            )
        help_cpu = [run(["--help"], base)[1] for _ in range(options.runs)]
        print(f"kg --help CPU s: median {statistics.median(help_cpu):.3f}, max {max(help_cpu):.3f}")
        subprocess.run([*KG, "server", "stop"], env=embedded, capture_output=True, check=True)
        cold, _ = run(["stats"], embedded)
        print(f"kg stats with no server up (starts one): {cold:.2f} s")
        subprocess.run([*KG, "server", "stop"], env=embedded, capture_output=True, check=True)


if __name__ == "__main__":
    main()
