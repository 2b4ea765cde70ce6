"""Check annotation files against GUIDELINES.md before they are committed.

Each record must name a known kind, a predicate of that kind, entity types, modality, polarity,
tense and split from the guidelines' lists, and evidence offsets that fall inside the text
``kg.extract.corpus.document()`` returns for its locator. A document must keep one split in every
file, and a ``"kind": null`` line may not sit beside claims of the same document. Problems are
printed one per line as ``file:line: message``; the exit status is 1 when there are any.

Usage:  .venv/bin/python benchmarks/check_gold.py [FILE ...]   (default: benchmarks/gold/annotations/*.jsonl)
Offsets are checked only when ../shared/corpus is present (a note says so when it is not).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import InputError  # noqa: E402
from kg.extract.corpus import default_corpus, document  # noqa: E402
from kg.vocab import PREDICATES, EntityType, Modality, Polarity  # noqa: E402

GENRES = {"gossip", "roundup", "article", "statement"}
TYPES = {t.value for t in EntityType}
MODALITIES = {m.value for m in Modality}
SPLITS = {"dev", "test"}
REQUIRED = [
    "doc",
    "split",
    "genre",
    "subject",
    "subject_type",
    "kind",
    "predicate",
    "object",
    "object_type",
    "role_title",
    "attributed_to",
    "modality",
    "polarity",
    "tense",
    "start",
    "end",
]


def problems(record: dict[str, Any], text: str | None) -> Iterator[str]:
    """What is wrong with one annotation record (nothing for a good one)."""
    if record.get("split") not in SPLITS:
        yield f"split {record.get('split')!r} is not one of {sorted(SPLITS)}"
    if record.get("genre") not in GENRES:
        yield f"genre {record.get('genre')!r} is not one of {sorted(GENRES)}"
    if record.get("kind") is None:
        return
    missing = [key for key in REQUIRED if key not in record]
    if missing:
        yield f"missing {', '.join(missing)}"
        return
    spec = PREDICATES.get(record["predicate"])
    if spec is None:
        yield f"unknown predicate {record['predicate']!r}"
    elif spec.kind.value != record["kind"]:
        yield f"predicate {record['predicate']} is a {spec.kind.value}, not a {record['kind']}"
    for side in ("subject", "object"):
        if not isinstance(record[side], str) or not record[side].strip():
            yield f"empty {side}"
        if record[f"{side}_type"] not in TYPES:
            yield f"{side}_type {record[f'{side}_type']!r} is not one of {sorted(TYPES)}"
    if record["modality"] not in MODALITIES:
        yield f"modality {record['modality']!r} is not one of {sorted(MODALITIES)}"
    if record["polarity"] not in {p.value for p in Polarity}:
        yield f"polarity {record['polarity']!r} is not positive or negative"
    if record["tense"] not in {"present", "past"}:
        yield f"tense {record['tense']!r} is not present or past"
    credits = record["attributed_to"]
    if not isinstance(credits, list) or not all(isinstance(c, str) and c for c in credits):
        yield "attributed_to must be a list of names"
    start, end = record["start"], record["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        yield f"evidence offsets {start!r}..{end!r} are not 0 <= start < end"
    elif text is not None and end > len(text):
        yield f"evidence ends at {end}, past the document's {len(text)} characters"
    elif text is not None and _cuts_a_word(text, start, end):
        yield f"evidence {start}..{end} starts or ends inside a word (offsets into another text?)"


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends in the middle of a word."""

    def inside(i: int) -> bool:
        return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()

    return inside(start) or inside(end)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: .venv/bin/python benchmarks/check_gold.py "
        "benchmarks/gold/annotations/batch-15.jsonl",
    )
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "benchmarks/gold/annotations").glob("*.jsonl"))
    corpus = default_corpus(ROOT)
    if not corpus.is_dir():
        print(f"note: {corpus} is absent; evidence offsets are not checked against the text")
    texts: dict[str, str | None] = {}
    splits: dict[str, str] = {}
    empty: set[str] = set()
    claimed: set[str] = set()
    count = 0
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
            count += 1
            continue
        for number, line in enumerate(lines, 1):
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: invalid JSON: {exc.msg}")
                count += 1
                continue
            if not isinstance(record, dict):
                print(f"{where}: expected a JSON object, got {type(record).__name__}")
                count += 1
                continue
            locator = record.get("doc", "")
            if locator not in texts:
                try:
                    texts[locator] = document(locator, corpus).text if corpus.is_dir() else None
                except InputError as exc:
                    print(f"{where}: {exc}")
                    count += 1
                    texts[locator] = None
            if splits.setdefault(locator, record.get("split", "")) != record.get("split"):
                print(f"{where}: {locator} is {splits[locator]} elsewhere")
                count += 1
            (empty if record.get("kind") is None else claimed).add(locator)
            for problem in problems(record, texts[locator]):
                print(f"{where}: {problem}")
                count += 1
    for locator in sorted(empty & claimed):
        print(f"{locator}: has claims and a 'kind: null' line")
        count += 1
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
