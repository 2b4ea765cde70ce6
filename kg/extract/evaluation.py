"""Score extracted claims against gold claims: precision, recall and F1 over (subject, kind,
object) after alias normalisation, plus attribution and modality accuracy on matched claims.

Gold is JSON Lines in the keys of ``kg extract`` plus ``split`` (``dev``/``heldout``). Each ``doc``
is a locator, so no corpus text is copied into the repository: ``corpus:<path>#<row id>`` (a row of
a rumour list under the corpus folder), ``corpus:<path>`` or ``repo:<path>`` (a whole file).
A gold line with ``"kind": null`` marks a document annotated as having no claims.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.corpus import as_document, document, outlet_sources
from kg.extract.corpus import default_corpus as default_corpus
from kg.extract.graph import extract_graphs
from kg.extract.output import claim_rows
from kg.model import ClaimGraph
from kg.resolve import normalise_name

Key = tuple[str, str, str]


@dataclass
class Score:
    """Counts for one split, and the derived rates."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attribution_right: int = 0
    modality_right: int = 0
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_attribution: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def errors(self) -> list[tuple[str, str]]:
        """Every missed, extra and mis-attributed claim, as ("miss" | "extra" | "attribution",
        what), for printing."""
        return [
            *(("miss", item) for item in self.misses),
            *(("extra", item) for item in self.extras),
            *(("attribution", item) for item in self.wrong_attribution),
        ]

    def summary(self) -> dict[str, Any]:
        """The numbers, rounded, for printing or JSON."""
        m = self.matched or 1
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "attribution_accuracy": round(self.attribution_right / m, 3),
            "modality_accuracy": round(self.modality_right / m, 3),
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records, with errors naming the line."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read gold file: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError.at(path, number, f"invalid JSON: {exc.msg}") from None
        if not isinstance(record, dict) or "doc" not in record:
            raise InputError.at(path, number, "expected an object with a 'doc' locator")
        if record.get("kind") is not None:
            missing = [k for k in ("subject", "object") if not record.get(k)]
            if missing:
                raise InputError.at(path, number, "missing gold field", missing[0])
        records.append(record)
    return records


def _key(row: dict[str, Any]) -> Key:
    return (normalise_name(row["subject"]), str(row["kind"]), normalise_name(row["object"]))


def _attribution(row: dict[str, Any]) -> list[str]:
    return [normalise_name(a) for a in row.get("attributed_to") or []]


def predict(locators: Iterable[str], corpus: Path, root: Path) -> dict[str, list[dict[str, Any]]]:
    """Extract the claims of the located documents; rows keyed by locator.

    Each document is read as :mod:`kg.extract.corpus` gives it (the same text the annotators and
    the trainer read), with its outlet as the document's source.
    """
    fragment = ClaimGraph()
    for locator in sorted(set(locators)):
        found = document(locator, corpus, root)
        for source in outlet_sources(found):
            fragment.add_source(source)
        fragment.add_document(as_document(found))
    predictions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for graph in extract_graphs([fragment]):
        for claim in claim_rows(graph):
            predictions[claim["doc"]].append(claim)
    return predictions


def evaluate(
    gold: list[dict[str, Any]], predictions: dict[str, list[dict[str, Any]]]
) -> dict[str, Score]:
    """Scores per split (and ``all``), from gold records and predicted rows by locator."""
    scores: dict[str, Score] = defaultdict(Score)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    split_of: dict[str, str] = {}
    genre_of: dict[str, str] = {}
    for record in gold:
        split_of[record["doc"]] = record.get("split", "dev")
        genre_of[record["doc"]] = record.get("genre") or _genre(record["doc"])
        if record.get("kind") is not None:
            by_doc[record["doc"]].append(record)
    for doc, split in sorted(split_of.items()):
        gold_keys = {_key(r): r for r in by_doc.get(doc, [])}
        predicted = {_key(r): r for r in predictions.get(doc, [])}
        names = (split, "all", f"{split}/{genre_of[doc]}")
        for name in names:
            _count(scores[name], doc, gold_keys, predicted)
        for kind in {k[1] for k in gold_keys} | {k[1] for k in predicted}:
            _count(
                scores[f"{split}/kind={kind}"],
                doc,
                {k: v for k, v in gold_keys.items() if k[1] == kind},
                {k: v for k, v in predicted.items() if k[1] == kind},
            )
    return dict(scores)


def _genre(locator: str) -> str:
    if "rumours_all_2021.csv#" in locator:
        return "gossip"
    if "rumours_all_2021.csv@" in locator:
        return "roundup"
    if "manager_statements" in locator:
        return "statement"
    return "article"


def _count(
    score: Score,
    doc: str,
    gold_keys: dict[Key, dict[str, Any]],
    predicted: dict[Key, dict[str, Any]],
) -> None:
    """Add one document's gold and predicted claims to ``score``."""
    score.documents += 1
    score.gold += len(gold_keys)
    score.predicted += len(predicted)
    for key, g in gold_keys.items():
        p = predicted.get(key)
        if p is None:
            score.misses.append(f"{doc}: {key}")
            continue
        score.matched += 1
        if _attribution(g) == _attribution(p):
            score.attribution_right += 1
        else:
            score.wrong_attribution.append(
                f"{doc}: {key} gold {g.get('attributed_to')} got {p['attributed_to']}"
            )
        if g.get("modality") == p.get("modality"):
            score.modality_right += 1
    score.extras.extend(f"{doc}: {k}" for k in predicted if k not in gold_keys)
