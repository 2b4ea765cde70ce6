"""Resolve the 2021 BBC gossip rumours against completed transfers and score the outlets.

Reads ../shared/corpus (skips with a message when it is absent):

* rumours: ``bbc_gossip_rumours/rumours_labelled_veracity.csv`` (2,239 rows with the outlet, the
  player, the clubs mentioned and a weak veracity label). Each row becomes one interest claim per
  club mentioned other than the player's current club ("Club targets Player"), stated on the
  row's date and attributed to the outlet's domain. No rumour text is stored.
* outcomes: every ``transfermarkt_transfers_ewenme/*.csv`` table and the completed PL transfers of
  2021–22, through ``loaders/outcomes.py``.

It reports the share of claims resolved, the agreement of kg's row status with the corpus's weak
labels against two baselines computed in the same run (always "False", and the corpus's own
date-blind rule: the player moved to a mentioned club in 2021–22, whenever the rumour was made),
the outlets with at least 30 resolved claims, and a sample of disagreements with kg's reasons.

Run:  .venv/bin/python benchmarks/reliability.py [--sample N]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.analysis.apply import analyse  # noqa: E402
from kg.analysis.reliability import ALL, source_reliability  # noqa: E402
from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source  # noqa: E402
from kg.outcomes.claims import is_outcome, mover_and_place  # noqa: E402
from kg.resolve.keys import name_key  # noqa: E402
from kg.vocab import EntityType, Kind, Modality, Polarity, SourceType, Status  # noqa: E402
from loaders import LoadReport, load_paths  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
RUMOURS = CORPUS / "bbc_gossip_rumours" / "rumours_labelled_veracity.csv"
OUTCOME_FILES = [
    *sorted((CORPUS / "transfermarkt_transfers_ewenme").glob("*_2016plus.csv")),
    CORPUS / "bbc_gossip_rumours" / "transfermarkt_completed_transfers_2021_2022.csv",
]
_ROLE = (
    r"(?:[A-Z][\w.'-]+ )*(?:winger|midfielder|defender|striker|forward|goalkeeper|keeper|"
    r"full-back|centre-back|right-back|left-back|playmaker|captain|attacker|international|"
    r"wing-back|centre-half|youngster|defender/midfielder|boss|manager|coach)"
)


def load_outcomes() -> tuple[ClaimGraph, LoadReport]:
    """Every outcome table as one graph."""
    graph, report = ClaimGraph(), LoadReport()
    for fragment in load_paths(OUTCOME_FILES, report):
        graph.merge(fragment)
    return graph, report


def moves_by_player(outcomes: ClaimGraph) -> dict[str, list[tuple[date, date, str, bool]]]:
    """Per player key: (from, to, club key, arrival?) of every dated move, for 'current club'."""
    out: dict[str, list[tuple[date, date, str, bool]]] = defaultdict(list)
    for c in outcomes.claims.values():
        pair = mover_and_place(c, outcomes)
        if pair is None or c.valid_from is None or c.kind not in (Kind.MOVE, Kind.DEPARTURE):
            continue
        person, club = (outcomes.entities[x] for x in pair)
        out[name_key(person.name, EntityType.PERSON)].append(
            (
                c.valid_from,
                c.valid_to or c.valid_from,
                name_key(club.name, EntityType.CLUB),
                c.kind is Kind.MOVE,
            )
        )
    return out


def current_club(moves: list[tuple[date, date, str, bool]], when: date) -> str | None:
    """The club a player was at on ``when``: joined last before it, else left first after it."""
    before = [m for m in moves if m[3] and m[1] <= when]
    if before:
        return max(before)[2]
    after = [m for m in moves if not m[3] and m[0] >= when]
    return min(after)[2] if after else None


def _same_club(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return a == b or wa[: len(wb)] == wb or wb[: len(wa)] == wa


def rumour_rows() -> list[dict[str, str]]:
    with RUMOURS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def outlet_name(domain: str) -> str:
    host = re.sub(r"^https?://", "", domain.strip()).split("/")[0]
    return re.sub(r"^(www\d?|m|amp)\.", "", host) or "unknown"


def add_rumours(
    graph: ClaimGraph,
    rows: list[dict[str, str]],
    moves: dict[str, list[tuple[date, date, str, bool]]],
) -> dict[str, list[str]]:
    """One interest claim per rumoured destination; returns claim ids by rumour row id."""
    by_row: dict[str, list[str]] = {}
    for row in rows:
        try:
            when = datetime.strptime(row["date"].strip(), "%d %B %Y").date()
            clubs = [c for c in ast.literal_eval(row["clubs_mentioned"] or "[]") if c]
        except (ValueError, SyntaxError):
            continue
        player = (row.get("player_name") or "").strip()
        if not player or not clubs:
            continue
        text = row.get("raw_text") or ""
        here = current_club(moves.get(name_key(player, EntityType.PERSON), []), when)
        outlet = graph.add_source(Source.named(outlet_name(row["source"]), SourceType.OUTLET))
        doc = graph.add_document(
            Document.identified(
                url=row.get("source_url") or None, title=f"rumour {row['id']}", published=when
            )
        )
        person = graph.add_entity(Entity.named(player, EntityType.PERSON))
        ids = []
        for club_name in dict.fromkeys(clubs):
            key = name_key(club_name, EntityType.CLUB)
            named_as_current = re.search(
                rf"{re.escape(club_name)}(?:'s| and) {_ROLE}", text
            ) or re.search(rf"(?:leave|from) {re.escape(club_name)}\b", text)
            if (here and _same_club(key, here)) or named_as_current:
                continue
            club = graph.add_entity(Entity.named(club_name, EntityType.CLUB))
            content: dict[str, Any] = {
                "subject": club,
                "predicate": "targets",
                "object": person,
                "object_value": None,
                "qualifiers": Qualifiers(),
                "modality": Modality.RUMOURED,
                "polarity": Polarity.POSITIVE,
                "attributed_to": [outlet],
                "document": doc,
                "stated_at": when,
                "valid_from": None,
                "valid_to": None,
            }
            claim = Claim(id=Claim.content_id(**content), kind=Kind.INTEREST, **content)
            ids.append(graph.add_claim(claim))
        by_row[row["id"]] = ids
    return by_row


def row_status(statuses: list[Status]) -> Status:
    """A rumour row is confirmed if any destination was, refuted if all were, else open."""
    if Status.CONFIRMED in statuses:
        return Status.CONFIRMED
    if statuses and all(s is Status.REFUTED for s in statuses):
        return Status.REFUTED
    return Status.OPEN


def date_blind(row: dict[str, str], completed: dict[str, set[str]]) -> bool:
    """The corpus's own rule, roughly: the player moved to a mentioned club in 2021 or 2022,
    whenever the rumour was made."""
    player = name_key(row.get("player_name") or "", EntityType.PERSON)
    try:
        clubs = ast.literal_eval(row["clubs_mentioned"] or "[]")
    except (ValueError, SyntaxError):
        return False
    joined = completed.get(player, set())
    return any(_same_club(name_key(c, EntityType.CLUB), j) for c in clubs for j in joined)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=10, help="disagreements to show")
    parser.add_argument("--min-claims", type=int, default=30)
    args = parser.parse_args()
    if not RUMOURS.exists():
        print(f"skipped: the shared corpus is not at {CORPUS}")
        return 0

    t0 = time.perf_counter()
    outcomes, report = load_outcomes()
    t_load = time.perf_counter() - t0
    moves = moves_by_player(outcomes)
    completed: dict[str, set[str]] = defaultdict(set)
    for player, items in moves.items():
        completed[player].update(
            club for start, _, club, arrive in items if arrive and start >= date(2021, 1, 1)
        )
    rows = rumour_rows()
    graph = outcomes.model_copy(deep=False)
    by_row = add_rumours(graph, rows, moves)
    t1 = time.perf_counter()
    analysed = analyse(graph)
    t_resolve = time.perf_counter() - t1
    status = {r.claim: r for r in analysed.resolutions}

    rumour_claims = [c for c in graph.claims.values() if not is_outcome(c)]
    counts = Counter(status[c.id].status.value for c in rumour_claims)
    resolved = counts["confirmed"] + counts["refuted"]

    labelled = [r for r in rows if r["veracity"] in ("True", "False") and by_row.get(r["id"])]
    agree = agree_blind = agree_false = decided = 0
    confusion: Counter[tuple[str, str]] = Counter()
    disagreements = []
    for row in labelled:
        kg_status = row_status([status[c].status for c in by_row[row["id"]]])
        label = row["veracity"] == "True"
        agree_blind += date_blind(row, completed) == label
        agree_false += not label
        if kg_status is Status.OPEN:
            continue
        decided += 1
        confusion[(row["veracity"], kg_status.value)] += 1
        if (kg_status is Status.CONFIRMED) == label:
            agree += 1
        else:
            reasons = [status[c].reason for c in by_row[row["id"]]]
            disagreements.append((row, kg_status, reasons))

    records = source_reliability(graph, analysed.resolutions, min_claims=args.min_claims)
    outlets = [r for r in records if r.kind == ALL]
    result = {
        "rumour_rows": len(rows),
        "rows_with_claims": sum(1 for v in by_row.values() if v),
        "claims": len(rumour_claims),
        "outcome_claims": len(graph.claims) - len(rumour_claims),
        "outcome_rows_rejected": report.rejected,
        "status": dict(counts),
        "resolved_share": resolved / len(rumour_claims),
        "labelled_rows": len(labelled),
        "labelled_rows_decided": decided,
        "agreement_kg": agree / decided if decided else None,
        "agreement_date_blind_same_rows": None,
        "agreement_date_blind_all_labelled": agree_blind / len(labelled),
        "agreement_always_false_all_labelled": agree_false / len(labelled),
        "confusion": {f"label={k[0]} kg={k[1]}": v for k, v in sorted(confusion.items())},
        "seconds_load_outcomes": round(t_load, 1),
        "seconds_resolve_and_score": round(t_resolve, 1),
        "outlets_ranked": len(outlets),
    }
    decided_rows = [
        r
        for r in labelled
        if row_status([status[c].status for c in by_row[r["id"]]]) is not Status.OPEN
    ]
    if decided_rows:
        result["agreement_date_blind_same_rows"] = sum(
            date_blind(r, completed) == (r["veracity"] == "True") for r in decided_rows
        ) / len(decided_rows)
        result["agreement_always_false_same_rows"] = sum(
            r["veracity"] == "False" for r in decided_rows
        ) / len(decided_rows)
    print(json.dumps(result, indent=2))
    print("\n| outlet | claims | confirmed | refuted | open | accuracy | Wilson 95% |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in outlets:
        low, high = r.wilson
        print(
            f"| {r.name} | {r.claims} | {r.confirmed} | {r.refuted} | {r.open} | "
            f"{r.accuracy:.3f} | {low:.3f}–{high:.3f} |"
        )
    print(f"\nDisagreements with the weak label (first {args.sample} of {len(disagreements)}):")
    for row, kg_status, reasons in disagreements[: args.sample]:
        print(
            f"- row {row['id']} {row['date']} {outlet_name(row['source'])}: "
            f"{row['player_name']}, clubs {row['clubs_mentioned']}; label {row['veracity']}, "
            f"kg {kg_status.value}: {' | '.join(reasons)}"
        )
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reliability.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
