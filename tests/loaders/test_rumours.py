"""Rumour lists (CSV / JSON Lines, one paragraph per row) in the gossip-column layout and others."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kg.model import ClaimGraph
from loaders import LoadReport, load_paths, loader_for

HEADER = "id,date,raw_text,source,source_url\n"
ROWS = (
    '1,1 February 2021,"Sevilla are monitoring Paul Minter, 24.",www.dailymail.co.uk,'
    "https://example.org/a\n"
    '2,1 February 2021,"Napoli have turned down Celtic.",www.ilmilanista.it,https://example.org/b\n'
    "3,31 February 2021,,www.mirror.co.uk,https://example.org/c\n"
    '4,not a date,"Brighton are set to sign Daan de Vries.",www.mirror.co.uk,https://example.org/a\n'
)


def load(path: Path) -> tuple[ClaimGraph, LoadReport]:
    report = LoadReport()
    graph = ClaimGraph()
    for fragment in load_paths([path], report):
        graph.merge(fragment)
    return graph, report


def test_gossip_layout_rows_become_documents_with_outlet_and_date(tmp_path: Path) -> None:
    path = tmp_path / "rumours.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    assert loader_for(path).name == "rumours"
    graph, report = load(path)
    docs = sorted(graph.documents.values(), key=lambda d: d.path or "")
    assert [d.path.rsplit("#", 1)[1] for d in docs] == ["1", "2", "4"]  # type: ignore[union-attr]
    first = docs[0]
    assert (first.published, first.outlet, first.url) == (
        date(2021, 2, 1),
        "outlet:daily-mail",
        "https://example.org/a",
    )
    assert graph.sources["outlet:ilmilanista-it"].domain == "ilmilanista.it"
    assert docs[0].id != docs[2].id  # same URL, different rows
    messages = [str(p) for p in report.problems]
    assert any(":4: raw_text: empty rumour text" in m for m in messages)
    assert any(":5: date: unreadable date 'not a date'" in m for m in messages)


def test_json_lines_with_other_column_names(tmp_path: Path) -> None:
    path = tmp_path / "rumours.jsonl"
    lines: list[dict[str, str] | str] = [
        {
            "text": "Sevilla are monitoring Paul Minter.",
            "published": "2021-03-04",
            "outlet": "Marca",
        },
        "not json",
    ]
    path.write_text(
        "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines), encoding="utf-8"
    )
    graph, report = load(path)
    (doc,) = graph.documents.values()
    assert (doc.published, doc.outlet) == (date(2021, 3, 4), "outlet:marca")
    assert "rumours.jsonl:2: invalid JSON" in str(report.problems[0])


def test_claim_files_still_go_to_the_claim_loader(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("subject,subject_type,predicate,object,object_type\n", encoding="utf-8")
    assert loader_for(path).name == "csv"
