"""The corpus evaluation through ``kg build`` itself: kg extracts the 2021 gossip rumours and
settles them against the outcome tables, and the result is scored like benchmarks/reliability.py.

Reads ../shared/corpus (skips with a message when it is absent):

* rumours: ``bbc_gossip_rumours/rumours_labelled_veracity.csv`` (2,239 rows), read by kg's own
  rumour loader and extractor (nothing is mapped by a script);
* outcomes: every ``transfermarkt_transfers_ewenme/*.csv`` table and the completed PL transfers of
  2021-22, read by ``loaders/outcomes.py`` (outcome data: they cover the clubs and people they
  name over the windows of their rows).

It runs ``kg build`` on them into ``--home`` (a build there is incremental: a second run only
re-reads), then reads the stored claims of the rumour rows and reports: the share of move,
interest and departure claims settled, agreement of each row's status with the weak ``veracity``
label against the two baselines of benchmarks/reliability.py on the same rows (always "False";
the label's own date-blind rule), the outlets with at least ``--min-claims`` settled claims
ranked by the Wilson lower bound, and a seeded random sample of refuted and confirmed claims
(row, claim, reason) for checking by hand. No rumour text is printed or stored.

Run:  .venv/bin/python benchmarks/reliability_build.py --home /tmp/kg-eval --rebuild [--sample 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from reliability import (  # noqa: E402
    OUTCOME_FILES,
    RUMOURS,
    date_blind,
    load_outcomes,
    moves_by_player,
    rumour_rows,
)

from kg.config import Settings  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.vocab import Status  # noqa: E402

#: The move, interest and departure claims of the rumour rows, with what the sample needs.
CLAIMS = """
MATCH (c:Claim)-[:STATED_IN]->(d:Document)
WHERE d.path STARTS WITH $prefix AND c.kind IN ['move', 'interest', 'departure']
MATCH (c)-[:SUBJECT]->(s:Entity)
OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
OPTIONAL MATCH (c)-[a:ATTRIBUTED_TO {position: 0}]->(src:Source)
RETURN c.id AS id, d.path AS path, c.kind AS kind, c.predicate AS predicate,
       c.modality AS modality, c.polarity AS polarity, c.status AS status,
       c.status_reason AS reason, c.resolved_by AS resolved_by, s.name AS subject,
       o.name AS object, src.name AS source, c.stated_at AS stated
"""
SOURCES = """
MATCH (s:Source) WHERE s.claims > 0
RETURN s.name AS name, s.claims AS claims, s.confirmed AS confirmed, s.refuted AS refuted,
       s.open AS open, s.accuracy AS accuracy, s.wilson_low AS low, s.wilson_high AS high
"""


def build(home: Path, *, rebuild: bool) -> float:
    """Run ``kg build`` on the rumours and the outcome tables, then ``kg settle``; return the
    wall time of both."""
    started = time.perf_counter()
    env = {**os.environ, "KG_HOME": str(home)}
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        env.pop(key, None)
    kg = str(REPO / ".venv" / "bin" / "kg")
    again = ["--rebuild"] if rebuild else []
    subprocess.run(
        [kg, "build", *again, str(RUMOURS), *map(str, OUTCOME_FILES)], env=env, check=True
    )
    # settle again: a re-run of an unchanged build keeps the statuses an older kg stored
    subprocess.run([kg, "settle"], env=env, check=True)
    return time.perf_counter() - started


def row_status(statuses: list[str]) -> str:
    """A rumour row is confirmed if any of its claims was, refuted if every one was, else open."""
    if "confirmed" in statuses:
        return "confirmed"
    if statuses and all(s == "refuted" for s in statuses):
        return "refuted"
    return "open"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="KG_HOME of the build")
    parser.add_argument("--sample", type=int, default=30, help="refuted and confirmed claims")
    parser.add_argument("--min-claims", type=int, default=20)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--no-build", action="store_true", help="use the graph already in --home")
    parser.add_argument(
        "--rebuild", action="store_true", help="empty the graph first (after upgrading kg)"
    )
    args = parser.parse_args()
    if not RUMOURS.exists():
        print(f"skipped: the shared corpus is not at {RUMOURS.parents[1]}")
        return 0
    seconds = None if args.no_build else build(args.home, rebuild=args.rebuild)
    settings = Settings.from_env({"KG_HOME": str(args.home)})
    with open_store(settings) as store:
        claims = store.query(CLAIMS, {"prefix": str(RUMOURS)}).records()
        sources = store.query(SOURCES).records()

    by_row: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        by_row[str(c["path"]).rsplit("#", 1)[-1]].append(c)
    counts = Counter(str(c["status"]) for c in claims)
    rows = rumour_rows()
    outcomes, _ = load_outcomes()
    completed: dict[str, set[str]] = defaultdict(set)
    for player, items in moves_by_player(outcomes).items():
        completed[player].update(
            club for start, _, club, arrive in items if arrive and start >= date(2021, 1, 1)
        )
    labelled = [r for r in rows if r["veracity"] in ("True", "False")]
    with_claims = [r for r in labelled if by_row.get(r["id"])]
    decided = []
    confusion: Counter[tuple[str, str]] = Counter()
    for row in with_claims:
        status = row_status([str(c["status"]) for c in by_row[row["id"]]])
        if status != "open":
            decided.append((row, status))
            confusion[(row["veracity"], status)] += 1
    agree = sum((s == "confirmed") == (r["veracity"] == "True") for r, s in decided)
    blind = sum(date_blind(r, completed) == (r["veracity"] == "True") for r, _ in decided)
    always_false = sum(r["veracity"] == "False" for r, _ in decided)
    settled = counts["confirmed"] + counts["refuted"]
    result = {
        "kg_build_seconds": None if seconds is None else round(seconds, 1),
        "rumour_rows": len(rows),
        "rows_with_a_claim": len(by_row),
        "claims_move_interest_departure": len(claims),
        "status": dict(counts),
        "settled_share": round(settled / len(claims), 3) if claims else None,
        "labelled_rows": len(labelled),
        "labelled_rows_with_a_claim": len(with_claims),
        "labelled_rows_decided": len(decided),
        "agreement_kg": round(agree / len(decided), 3) if decided else None,
        "agreement_date_blind_same_rows": round(blind / len(decided), 3) if decided else None,
        "agreement_always_false_same_rows": round(always_false / len(decided), 3)
        if decided
        else None,
        "confusion": {f"label={k[0]} kg={k[1]}": v for k, v in sorted(confusion.items())},
        "open_reasons": Counter(
            str(c["reason"]).split(" (")[0].split(" in that period")[0][:40]
            for c in claims
            if c["status"] == "open"
        ).most_common(4),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    ranked = sorted(
        (s for s in sources if (s["confirmed"] or 0) + (s["refuted"] or 0) >= args.min_claims),
        key=lambda s: (-(s["low"] or 0.0), s["name"]),
    )
    print("\n| outlet | claims | confirmed | refuted | open | accuracy | Wilson 95% |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for s in ranked:
        print(
            f"| {s['name']} | {s['claims']} | {s['confirmed']} | {s['refuted']} | {s['open']} | "
            f"{s['accuracy']:.3f} | {s['low']:.3f}–{s['high']:.3f} |"
        )
    rng = random.Random(args.seed)
    for status in (Status.REFUTED, Status.CONFIRMED):
        pool = sorted(
            (c for c in claims if c["status"] == status.value), key=lambda c: str(c["id"])
        )
        chosen = rng.sample(pool, min(args.sample, len(pool)))
        print(f"\nSample of {len(chosen)} {status.value} claims (of {len(pool)}):")
        for c in sorted(chosen, key=lambda c: int(str(c["path"]).rsplit("#", 1)[-1])):
            row_id = str(c["path"]).rsplit("#", 1)[-1]
            print(
                f"- row {row_id} {c['stated']} {c['source']}: {c['subject']} {c['predicate']} "
                f"{c['object']} [{c['modality']}{', negative' if c['polarity'] == 'negative' else ''}]"
                f" -- {c['reason']}"
            )
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reliability_build.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
