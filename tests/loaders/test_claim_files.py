"""Structured claim files: the same records in YAML, JSON, JSON Lines and CSV, and bad records
reported with file, line and field while the good ones still load."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from kg.model import ClaimGraph
from loaders import LoadReport, load_paths
from tests.conftest import EXAMPLES

GOOD = {
    "subject": "Xabi Alonso",
    "subject_type": "Person",
    "predicate": "appointed_by",
    "object": "Real Madrid",
    "object_type": "Club",
    "object_wikidata": "Q8682",
    "role_title": "head coach",
    "modality": "expected",
    "attributed_to": ["journalist:Fabrizio Romano", "Marca"],
    "stated_at": "2025-04-10",
    "document.title": "Madrid's next coach",
    "document.url": "https://example.org/madrid-next-coach",
}


def load(*paths: Path) -> tuple[ClaimGraph, LoadReport]:
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths(list(paths), report):
        graph.merge(fragment)
    return graph, report


def nested(record: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {k: v for k, v in record.items() if not k.startswith("document.")}
    out["document"] = {
        k.split(".", 1)[1]: v for k, v in record.items() if k.startswith("document.")
    }
    return out


def write_yaml(path: Path, records: Sequence[Mapping[str, object]]) -> None:
    import yaml

    path.write_text(yaml.safe_dump([nested(r) for r in records], allow_unicode=True), "utf-8")


def write_csv(path: Path, records: Sequence[Mapping[str, object]]) -> None:
    import csv

    columns = sorted({k for r in records for k in r})
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        for r in records:
            writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in r.items()})


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl", "csv"])
def test_every_format_gives_the_same_claim(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"claims.{fmt}"
    if fmt == "yaml":
        write_yaml(path, [GOOD])
    elif fmt == "json":
        path.write_text(json.dumps([nested(GOOD)], ensure_ascii=False), "utf-8")
    elif fmt == "jsonl":
        path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", "utf-8")
    else:
        write_csv(path, [GOOD])
    graph, report = load(path)
    assert report.problems == []
    (claim,) = graph.claims.values()
    assert graph.entities[claim.subject].name == "Xabi Alonso"
    assert graph.entities[claim.object or ""].wikidata == "Q8682"
    assert [graph.sources[s].name for s in claim.attributed_to] == ["Fabrizio Romano", "Marca"]
    assert graph.sources[claim.attributed_to[0]].type.value == "journalist"
    assert claim.kind.value == "move" and claim.modality.value == "expected"
    assert claim.qualifiers.role_title == "head coach"
    assert graph.documents[claim.document].url == "https://example.org/madrid-next-coach"
    # the id depends only on content: every format gives the same one
    assert claim.id == "claim:" + claim.id.split(":", 1)[1]
    reference, _ = load(_jsonl(tmp_path / "ref", GOOD))
    assert set(reference.claims) == set(graph.claims)


def _jsonl(path: Path, record: Mapping[str, object]) -> Path:
    path.mkdir(exist_ok=True)
    out = path / "ref.jsonl"
    out.write_text(json.dumps(record) + "\n", "utf-8")
    return out


def test_the_seed_example_loads_completely() -> None:
    graph, report = load(EXAMPLES / "seed-2025-04-17.yaml")
    assert report.problems == []
    assert len(graph.claims) >= 15
    names = {e.name for e in graph.entities.values()}
    assert {"Carlo Ancelotti", "Xabi Alonso", "Jürgen Klopp", "Real Madrid", "Red Bull"} <= names
    romano = [
        c
        for c in graph.claims.values()
        if any(graph.sources[s].name == "Fabrizio Romano" for s in c.attributed_to)
    ]
    assert romano, "Romano's claim is attributed to him"
    assert all(c.attributed_to for c in graph.claims.values()), "every claim has a source"


def test_loading_twice_gives_identical_ids() -> None:
    first, _ = load(EXAMPLES / "seed-2025-04-17.yaml")
    second, _ = load(EXAMPLES / "seed-2025-04-17.yaml")
    assert first.model_dump() == second.model_dump()


BAD_YAML = """\
- subject: Hansi Flick
  subject_type: Person
  predicate: manages
  object: Barcelona
  object_type: Club
- subject: Somebody
  subject_type: Person
  predicate: manages
  kind: transfer
  object: Somewhere
  object_type: Club
- subject_type: Person
  predicate: joins
  object: Arsenal
  object_type: Club
- subject: Pedri
  subject_type: Person
  predicate: plays_for
  object: Barcelona
  object_type: Club
  stated_at: 2025-13-45
- subject: Gavi
  subject_type: Person
  predicate: plays_for
  object: Barcelona
  object_type: Club
  colour: blue
- subject: "Unclosed
  subject_type: Person
- subject: Lamine Yamal
  subject_type: Person
  predicate: plays_for
  object: Barcelona
  object_type: Club
"""


def test_bad_yaml_records_are_reported_by_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(BAD_YAML, "utf-8")
    graph, report = load(path)
    subjects = {graph.entities[c.subject].name for c in graph.claims.values()}
    assert subjects == {"Hansi Flick", "Lamine Yamal"}
    messages = [str(p) for p in report.problems]
    assert len(messages) == 5, messages
    assert messages[0].startswith(f"{path}:6: kind:") and "'transfer'" in messages[0]
    assert messages[1].startswith(f"{path}:12: subject: is required")
    assert messages[2].startswith(f"{path}:16: stated_at:") and "YYYY-MM-DD" in messages[2]
    assert messages[3].startswith(f"{path}:22: colour: unknown field")
    assert messages[4].startswith(f"{path}:28: invalid YAML")


def test_broken_json_element_does_not_hide_the_rest(tmp_path: Path) -> None:
    good = json.dumps(nested(GOOD))
    other = json.dumps({**nested(GOOD), "subject": "Klopp"})
    path = tmp_path / "claims.json"
    path.write_text(f'[\n{good},\n{{"subject": "oops",,}},\n{other}\n]\n', "utf-8")
    graph, report = load(path)
    assert {graph.entities[c.subject].name for c in graph.claims.values()} == {
        "Xabi Alonso",
        "Jurgen Klopp",  # the gazetteer's name for the alias "Klopp"
    }
    (problem,) = report.problems
    assert problem.line == 3 and "invalid JSON" in problem.message


def test_csv_with_unclosed_quote_and_latin1_bytes(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    header = "subject,subject_type,predicate,object,object_type\n"
    rows = [
        b"Hansi Flick,Person,manages,Barcelona,Club\n",
        b'"Broken,Person,manages,Barcelona,Club\n',
        "J\xfcrgen Klopp,Person,holds_role,Red Bull,Organization\n".encode("latin-1"),
        "Jürgen Klopp,Person,holds_role,Red Bull,Organization\n".encode(),
        b"Too,Few,Columns\n",
    ]
    path.write_bytes(header.encode() + b"".join(rows))
    graph, report = load(path)
    assert {graph.entities[c.subject].name for c in graph.claims.values()} == {
        "Hansi Flick",
        "Jürgen Klopp",
    }
    by_line = {p.line: p.message for p in report.problems}
    assert set(by_line) == {3, 4, 6}
    assert "quote" in by_line[3]
    assert "0xFC" in by_line[4] and "UTF-8" in by_line[4]
    assert "expected 5 columns" in by_line[6]


def test_jsonl_reports_each_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    lines = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({**GOOD, "predicate": "likes"}),
        json.dumps({**GOOD, "confidence": 3}),
        json.dumps([1, 2]),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    graph, report = load(path)
    assert len(graph.claims) == 1
    assert [p.line for p in report.problems] == [2, 3, 4, 5]
    assert "unknown predicate" in report.problems[1].message
    assert report.problems[1].field == "predicate"
    assert report.problems[2].field == "confidence"


def test_unknown_file_type_and_missing_path_are_reported(tmp_path: Path) -> None:
    blob = tmp_path / "picture.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    graph, report = load(blob)
    assert not graph.claims
    assert len(report.problems) == 1 and "picture.png" in str(report.problems[0])
