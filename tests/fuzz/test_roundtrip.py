"""Any text survives every claim-file format (issue 21): records with random text from all of
Unicode (line and paragraph separators, NEL, form feeds, controls, zero-width characters) written
as YAML, JSON, JSON Lines, CSV and TSV by the usual writers read back exactly as written."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ids import slug
from kg.model import ClaimGraph
from loaders import LoadReport, load_paths

#: Every character a UTF-8 file can hold (lone surrogates cannot be encoded).
CHARS = st.characters(exclude_categories=["Cs"])
#: Optional fields read blank text as "not given", so a value has something besides spaces.
TEXT = st.text(CHARS, min_size=1, max_size=40).filter(lambda s: bool(s.strip()))
NAME = st.text(CHARS, min_size=1, max_size=60).filter(lambda s: bool(s.strip()))
#: A credited source in a list: CSV joins them with "|", and "journalist:" names its type.
SOURCE = TEXT.filter(lambda s: s == s.strip() and "|" not in s and ":" not in s)

QUALIFIERS = ("role_title", "fee", "score", "competition", "margin", "note")
DOCUMENT = ("title", "url", "author", "outlet")

RECORD = st.fixed_dictionaries(
    {
        "subject": NAME,
        "object": NAME,
        "attributed_to": st.lists(
            SOURCE, min_size=1, max_size=3, unique_by=lambda s: slug(f"r0 {s}")
        ),
    },
    optional={
        **{q: TEXT for q in QUALIFIERS},
        **{f"document.{d}": TEXT for d in DOCUMENT},
    },
)


def full(record: dict[str, Any], index: int) -> dict[str, Any]:
    """The record as a claim file holds it (fixed fields added, ``document.*`` kept flat).

    Names that differ only in case or accents name one thing, and a document is known by its
    URL, else its title: each record's names and document get a prefix of their own, so that
    records are never merged and every one is compared whole.
    """
    out = {"subject_type": "Person", "predicate": "joins", "object_type": "Club", **record}
    out["subject"] = f"r{index} {out['subject']}"
    out["object"] = f"r{index} {out['object']}"
    out["attributed_to"] = [f"r{index} {s}" for s in out["attributed_to"]]
    if any(k.startswith("document.") for k in out):
        out["document.title"] = f"{index} {out.get('document.title', '')}"
        if "document.url" in out:
            out["document.url"] += f"#{index}"
    return out


def nested(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if not k.startswith("document.")}
    document = {k[9:]: v for k, v in record.items() if k.startswith("document.")}
    if document:
        out["document"] = document
    return out


def write_yaml(path: Path, records: list[dict[str, Any]]) -> None:
    # PyYAML's emitter with allow_unicode=True writes NEL, U+2028 and U+2029 raw inside quoted
    # scalars, where YAML reads them as line breaks folded to a space: its escapes are exact.
    text = yaml.safe_dump([nested(r) for r in records], allow_unicode=False)
    path.write_text(text, encoding="utf-8")


def write_json(path: Path, records: list[dict[str, Any]]) -> None:
    text = json.dumps([nested(r) for r in records], ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    lines = [json.dumps(nested(r), ensure_ascii=False) + "\n" for r in records]
    path.write_text("".join(lines), encoding="utf-8")


def _write_table(path: Path, records: list[dict[str, Any]], delimiter: str) -> None:
    columns = sorted({k for r in records for k in r})
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns, delimiter=delimiter)
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "attributed_to": "|".join(r["attributed_to"])})


WRITERS: dict[str, Callable[[Path, list[dict[str, Any]]], None]] = {
    "claims.yaml": write_yaml,
    "claims.json": write_json,
    "claims.jsonl": write_jsonl,
    "claims.csv": lambda p, rs: _write_table(p, rs, ","),
    "claims.tsv": lambda p, rs: _write_table(p, rs, "\t"),
}


def seen(graph: ClaimGraph) -> set[tuple[Any, ...]]:
    """What a user would see of each claim: names, credited sources, qualifiers, document."""
    out = set()
    for claim in graph.claims.values():
        assert claim.object is not None
        doc = graph.documents[claim.document]
        outlet = graph.sources[doc.outlet].name if doc.outlet else None
        out.add(
            (
                graph.entities[claim.subject].name,
                graph.entities[claim.object].name,
                tuple(graph.sources[s].name for s in claim.attributed_to),
                tuple(getattr(claim.qualifiers, q) for q in QUALIFIERS),
                (doc.title, doc.url, doc.author, outlet),
            )
        )
    return out


def expected(records: list[dict[str, Any]], file_name: str) -> set[tuple[Any, ...]]:
    out = set()
    for r in records:
        title = r.get("document.title")
        has_document = any(f"document.{d}" in r for d in DOCUMENT)
        out.add(
            (
                r["subject"],
                r["object"],
                tuple(r["attributed_to"]),
                tuple(r.get(q) for q in QUALIFIERS),
                (
                    title if has_document else file_name,
                    r.get("document.url"),
                    r.get("document.author"),
                    r.get("document.outlet"),
                ),
            )
        )
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_every_claim_file_format_reads_back_what_was_written(
    records: list[dict[str, Any]],
) -> None:
    records = [full(r, i) for i, r in enumerate(records)]
    with tempfile.TemporaryDirectory() as tmp:
        for file_name, write in WRITERS.items():
            path = Path(tmp) / file_name
            write(path, records)
            report = LoadReport()
            graph = ClaimGraph()
            for fragment in load_paths([path], report):
                graph.merge(fragment)
            assert not report.problems, (file_name, report.problems)
            assert seen(graph) == expected(records, file_name), file_name
