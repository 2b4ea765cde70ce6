"""The loader table (issue 20): explicit order, recognition by each loader, nothing imported from
the layers above (the store, the analysis, the database driver)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders import LoadReport, loader_for
from loaders.registry import BUILT_IN, registered

FORBIDDEN = ("neo4j", "kg.store", "kg.analysis")


@pytest.mark.parametrize(
    "code", ["import loaders", "from loaders.registry import registered; registered()"]
)
def test_loaders_import_nothing_from_the_store_the_analysis_or_the_driver(code: str) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert not [m for m in imported if m.startswith(FORBIDDEN)]
    assert "loaders.records" in imported or code == "import loaders"


def test_the_table_is_tried_in_order_and_every_loader_is_in_it() -> None:
    assert list(registered()) == [entry.name for entry in BUILT_IN]


@pytest.mark.parametrize(
    ("name", "head", "loader"),
    [
        (
            "t.csv",
            "club_name,player_name,club_involved_name,fee,transfer_movement,transfer_period,year\n",
            "transfers",
        ),
        ("t.csv", "player_name,club_left,club_joined,season\n", "completed-transfers"),
        ("t.csv", "manager,start_date,end_date,club\n", "manager-spells"),
        ("t.csv", "id,date,raw_text,source,source_url\n", "rumours"),
        ("t.jsonl", '{"text": "Arsenal want a striker", "url": "u"}\n', "rumours"),
        ("t.csv", "subject,subject_type,predicate,object,object_type\n", "csv"),
        ("t.tsv", "subject\tsubject_type\tpredicate\tobject\tobject_type\n", "csv"),
        ("t.jsonl", '{"subject": "Xabi Alonso"}\n', "jsonl"),
        ("t.json", "[]", "json"),
        ("t.yaml", "[]", "yaml"),
        ("t.ttl", "", "rdf"),
        ("t.jsonld", '{"@context": {}\n,"@graph": [\n{"@id": "x"}]}', "rdf"),
        ("t.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "feed"),
        ("t.html", "<p>Some text that mentions <feed> in passing</p>", "html"),
        ("t.md", "# A title\n", "text"),
    ],
)
def test_each_layout_is_recognised_by_its_own_loader(
    tmp_path: Path, name: str, head: str, loader: str
) -> None:
    path = tmp_path / name
    path.write_text(head, encoding="utf-8")
    assert loader_for(path).name == loader


def test_an_unknown_format_name_lists_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("[]")
    report = LoadReport()
    from loaders import load_paths

    assert list(load_paths([path], report, format="nope")) == []
    assert "unknown format 'nope'; known: transfers, completed-transfers" in str(report.problems[0])
