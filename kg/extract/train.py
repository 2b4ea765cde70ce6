"""Train the claim model on the project's annotated corpus (``make train``).

Reads the gold files (``benchmarks/gold/*.jsonl`` and ``benchmarks/gold/annotations/*.jsonl``),
takes the documents of the ``dev`` split only (``test`` and ``heldout`` are never trained or
tuned on), reads each one exactly as extraction does (:class:`kg.extract.reader.DocumentReader`)
and labels every candidate from the gold: ``<kind>:f`` when its first mention is a gold claim's
subject and its second the object, ``<kind>:r`` the other way round, ``none`` otherwise. A
candidate matches a gold claim only inside the claim's evidence span when the gold gives one.

The classifier is scikit-learn's multinomial logistic regression (lbfgs, L2) over binary
features; ``--cv`` reports grouped cross-validation over dev documents for a few regularisation
strengths, which is how ``C`` was chosen. The result is written as plain JSON weights
(:mod:`kg.extract.model`); the run is deterministic, so the same gold gives the same file.

Usage: ``python -m kg.extract.train [--cv] [--corpus DIR] [--out FILE]``
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract.candidates import Candidate
from kg.extract.corpus import default_corpus, document
from kg.extract.model import MODEL_PATH, NONE, LinearModel, encode
from kg.extract.pipeline import parse
from kg.extract.reader import DocumentReader
from kg.resolve import normalise_name

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"
TRAIN_SPLITS = {"dev"}
#: The regularisation strength chosen by grouped cross-validation on dev (``--cv``).
C = 1.0
#: Weights smaller than this are dropped from the shipped file (they move no decision; the file
#: shrinks from 2.3 MB to a few hundred kB).
MIN_WEIGHT = 0.02


@dataclass
class Example:
    """One candidate with its gold label and its document."""

    doc: str
    features: list[str]
    label: str
    #: The pair's normalised names and mention types, for claim-level scores.
    names: tuple[str, str] = ("", "")
    types: tuple[str, str] = ("", "")


def gold_files(folder: Path = GOLD) -> list[Path]:
    """Every gold file: the gossip gold beside the guidelines and the annotation batches."""
    return sorted(folder.glob("*.jsonl")) + sorted((folder / "annotations").glob("*.jsonl"))


def gold_records(files: Iterable[Path]) -> list[dict[str, Any]]:
    """All gold records of ``files``."""
    from kg.extract.evaluation import read_gold

    return [record for path in files for record in read_gold(path)]


def _overlaps(candidate: Candidate, record: dict[str, Any]) -> bool:
    start, end = record.get("start"), record.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return True
    return candidate.sentence_start < end and start < candidate.sentence_end


def label(candidate: Candidate, gold: list[dict[str, Any]]) -> str:
    """The candidate's label given its document's gold claims."""
    first, second = (normalise_name(n) for n in candidate.names)
    for record in gold:
        subject, obj = normalise_name(record["subject"]), normalise_name(record["object"])
        if not _overlaps(candidate, record):
            continue
        labels = (candidate.first.label, candidate.second.label)
        if (first, second) == (subject, obj):
            return encode(record["kind"], True, *labels)
        if (second, first) == (subject, obj):
            return encode(record["kind"], False, *labels)
    return NONE


def examples(
    records: list[dict[str, Any]], corpus: Path, splits: set[str] = TRAIN_SPLITS
) -> list[Example]:
    """Labelled candidates of every document of ``splits``."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    wanted: list[str] = []
    for record in records:
        if record.get("split", "dev") not in splits:
            continue
        if record["doc"] not in by_doc:
            wanted.append(record["doc"])
        if record.get("kind") is not None:
            by_doc[record["doc"]].append(record)
        else:
            by_doc.setdefault(record["doc"], [])
    texts = [document(locator, corpus, ROOT).text for locator in wanted]
    out: list[Example] = []
    for locator, pieces in zip(wanted, parse(texts), strict=True):
        for reading in DocumentReader().read(pieces):
            for candidate in reading.candidates:
                out.append(
                    Example(
                        locator,
                        candidate.features,
                        label(candidate, by_doc[locator]),
                        (normalise_name(candidate.names[0]), normalise_name(candidate.names[1])),
                        (candidate.first.label, candidate.second.label),
                    )
                )
    return out


def fit(train: list[Example], c: float = C, none_weight: float = 1.0) -> LinearModel:
    """A logistic regression over the examples' binary features, as a :class:`LinearModel`."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in train])
    y = [e.label for e in train]
    classifier = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    weights_of = [none_weight if label == NONE else 1.0 for label in y]
    classifier.fit(x, y, sample_weight=weights_of)
    labels = tuple(str(name) for name in classifier.classes_)
    names = vectorizer.get_feature_names_out()
    weights: dict[str, dict[int, float]] = {}
    coef = classifier.coef_
    for column, feature in enumerate(names):
        row = {
            i: float(coef[i, column])
            for i in range(len(labels))
            if abs(coef[i, column]) >= MIN_WEIGHT
        }
        if row:
            weights[str(feature)] = row
    return LinearModel(labels, tuple(float(b) for b in classifier.intercept_), weights)


def cross_validate(data: list[Example], folds: int = 5) -> None:
    """Candidate-level F1 (labels other than none) by document folds, for a few values of C."""
    docs = sorted({e.doc for e in data})
    for c in (0.1, 0.25, 0.5, 1.0, 2.0, 4.0):
        tp = fp = fn = 0
        for fold in range(folds):
            held = {d for i, d in enumerate(docs) if i % folds == fold}
            model = fit([e for e in data if e.doc not in held], c)
            for e in (e for e in data if e.doc in held):
                probs = model.probabilities(e.features)
                guess, p = max(probs.items(), key=lambda item: item[1])
                guess = guess if p >= 0.5 else NONE
                if guess != NONE and guess == e.label:
                    tp += 1
                else:
                    fp += guess != NONE
                    fn += e.label != NONE
        _report(f"C={c:<5}", tp, fp, fn)
    tp = fp = fn = 0
    for e in data:
        rules = [f.removeprefix("rule=") for f in e.features if f.startswith("rule=")]
        guess = rules[0] if rules else NONE
        if guess != NONE and guess == e.label:
            tp += 1
        else:
            fp += guess != NONE
            fn += e.label != NONE
    _report("rules alone", tp, fp, fn)


def _report(name: str, tp: int, fp: int, fn: int) -> None:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name:12} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.extract.train",
        description=__doc__.splitlines()[0],
        epilog="example: python -m kg.extract.train --cv   (then `make train` writes the model)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=default_corpus(ROOT),
        help="the corpus folder [../shared/corpus]",
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="the model file to write")
    parser.add_argument("--cv", action="store_true", help="cross-validate C on dev and stop")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"python -m kg.extract.train: corpus folder {args.corpus} not found", file=sys.stderr)
        return 1
    data = examples(gold_records(gold_files()), args.corpus)
    counts: dict[str, int] = defaultdict(int)
    for e in data:
        counts[e.label] += 1
    print(f"{len(data)} candidates from {len({e.doc for e in data})} documents: {dict(counts)}")
    if args.cv:
        cross_validate(data)
        return 0
    model = fit(data)
    import json

    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} features, {args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
