"""Plain text and Markdown loading: front matter, encodings, and files that cannot be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.model import Document
from loaders import LoadReport, load_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def load(*paths: Path) -> tuple[list[Document], LoadReport]:
    report = LoadReport()
    docs = [d for g in load_paths(list(paths), report) for d in g.documents.values()]
    return docs, report


def test_front_matter_gives_the_document_metadata() -> None:
    (doc,), report = load(FIXTURES / "coach-search.md")
    assert not report.problems
    assert doc.title == "Madrid weigh up their coaching options"
    assert doc.published == date(2025, 4, 17)
    assert doc.outlet == "outlet:sky-sports"
    assert doc.author == "Fixture Writer"
    assert doc.text is not None and doc.text.startswith("# Madrid weigh up")


def test_date_from_the_file_name_and_title_from_the_name(tmp_path: Path) -> None:
    path = tmp_path / "story-2024-08-01.txt"
    path.write_text("Paul Minter is set to join Everton.", encoding="utf-8")
    (doc,), _ = load(path)
    assert (doc.published, doc.title) == (date(2024, 8, 1), "story-2024-08-01")


def test_latin1_and_utf16_text_load(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Jürgen Klopp joins Málaga.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Jürgen Klopp joins Málaga.".encode("utf-16"))
    (tmp_path / "utf16le.txt").write_bytes("Jürgen Klopp joins Málaga.".encode("utf-16-le"))
    docs, report = load(tmp_path)
    assert not report.problems
    assert [d.text for d in docs] == ["Jürgen Klopp joins Málaga."] * 3


def test_empty_binary_and_bad_front_matter_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"  \n")
    (tmp_path / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c-bad.md").write_text("---\ndate: someday\n---\nText.", encoding="utf-8")
    (tmp_path / "d-good.md").write_text("Paul Minter is set to join Everton.", encoding="utf-8")
    docs, report = load(tmp_path)
    assert [d.title for d in docs] == ["d-good"]
    messages = [str(p) for p in report.problems]
    assert any("a-empty.txt: empty file" in m for m in messages)
    assert any("b-binary.txt: binary file" in m for m in messages)
    assert any("c-bad.md:1: front matter: date: expected YYYY-MM-DD" in m for m in messages)


def test_a_10_mb_single_line_is_cut_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 2_000_000, encoding="utf-8")
    (doc,), report = load(path)
    assert doc.text is not None and len(doc.text) == 150_000
    assert "only the first 150000 are read" in str(report.problems[0])
