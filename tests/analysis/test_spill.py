"""The analysis's scratch file: pages come back whole and in order, and leave nothing behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from kg.analysis.spill import Spill
from kg.model import ClaimGraph
from kg.synthetic import synthetic_graph


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
    with Spill[ClaimGraph]() as spill:
        for page in pages:
            spill.append(page)
        assert len(spill) == 3
        for _ in range(2):
            back = list(spill)
            assert [list(p.claims) for p in back] == [list(p.claims) for p in pages]
            assert back[1].claims[ids[150]] == graph.claims[ids[150]]


def test_the_file_is_never_visible_in_the_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spill[list[int]]() as spill:
        spill.append(list(range(10_000)))
        assert list(tmp_path.iterdir()) == [], "the file is unlinked, so a kill leaves nothing"
        assert list(spill) == [list(range(10_000))]
