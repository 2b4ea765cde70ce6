"""The run's scratch workspace: the build's document hashes and the analysis's pages share one
temporary SQLite database that leaves nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.model import ClaimGraph
from kg.store.workspace import Pages, Workspace
from kg.synthetic import synthetic_graph


def test_hashes_are_found_updated_and_absent_ids_are_left_out() -> None:
    with Workspace() as workspace:
        hashes = workspace.document_hashes()
        hashes.put_many({"doc:a": "1", "doc:b": "2"})
        hashes.put_many({"doc:b": "3"})
        assert hashes.get_many(["doc:a", "doc:b", "doc:c"]) == {"doc:a": "1", "doc:b": "3"}
        assert hashes.get_many([]) == {}


def test_more_ids_than_one_statement_binds_are_read_in_chunks() -> None:
    with Workspace() as workspace:
        hashes = workspace.document_hashes()
        many = {f"doc:{i}": f"h{i}" for i in range(5000)}
        hashes.put_many(many)
        assert hashes.get_many([*many, "doc:missing"]) == many


@given(st.lists(st.dictionaries(st.text(max_size=20), st.text(max_size=8), max_size=6), max_size=6))
def test_the_map_agrees_with_a_dictionary(batches: list[dict[str, str]]) -> None:
    expected: dict[str, str] = {}
    with Workspace() as workspace:
        hashes = workspace.document_hashes()
        for batch in batches:
            hashes.put_many(batch)
            expected.update(batch)
        assert hashes.get_many([*expected, "never-put"]) == expected


def test_pages_come_back_equal_in_order_and_can_be_read_again() -> None:
    graph = synthetic_graph(300)
    ids = sorted(graph.claims)
    pages = [
        ClaimGraph.model_construct(
            entities={},
            sources={},
            documents=graph.documents,
            claims={i: graph.claims[i] for i in ids[start : start + 100]},
        )
        for start in range(0, 300, 100)
    ]
    with Workspace() as workspace:
        spill: Pages[ClaimGraph] = workspace.pages()
        other: Pages[list[int]] = workspace.pages()  # two users of one workspace do not mix
        for page in pages:
            spill.append(page)
            other.append([len(page.claims)])
        assert len(spill) == 3 and list(other) == [[100], [100], [100]]
        for _ in range(2):
            back = list(spill)
            assert [list(p.claims) for p in back] == [list(p.claims) for p in pages]
            assert back[1].claims[ids[150]] == graph.claims[ids[150]]


def test_the_build_and_the_analysis_share_one_database() -> None:
    with Workspace() as workspace:
        workspace.document_hashes().put_many({"doc:a": "1"})
        pages: Pages[str] = workspace.pages()
        pages.append("page")
        tables = {name for (name,) in workspace.db.execute("SELECT name FROM sqlite_master")}
        assert any(t.startswith("document_hash_") for t in tables)
        assert any(t.startswith("pages_") for t in tables)


def test_the_file_is_never_visible_in_the_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where SQLite puts its temporary files
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Workspace() as workspace:
        pages: Pages[list[int]] = workspace.pages()
        for _ in range(50):
            pages.append(list(range(10_000)))  # more than SQLite's page cache: it spills to disk
        assert list(tmp_path.iterdir()) == [], "the file is unlinked, so a kill leaves nothing"
        assert next(iter(pages)) == list(range(10_000))
