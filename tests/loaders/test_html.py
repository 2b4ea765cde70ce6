"""Saved HTML pages: main text and metadata with trafilatura; pages without text are reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from loaders import LoadReport, load_paths

PAGE = """<!doctype html><html><head><title>Minter close | Example</title>
<meta property="og:site_name" content="Sky Sports"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-01"></head><body><article>
<h1>Everton close in on Minter</h1>
<p>Everton are set to sign Celtic and Scotland midfielder Paul Minter, according to Sky Sports.
The deal is expected to be completed before the end of the week, with a medical planned.</p>
<p>Minter, who joined Celtic three years ago, is said to be keen on a move to the Premier League
and talks between the clubs have progressed quickly in recent days.</p>
</article></body></html>"""


def test_page_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "nobody.html").write_text("<html><head><title>x</title></head></html>", "utf-8")
    report = LoadReport()
    docs = [d for g in load_paths([tmp_path], report) for d in g.documents.values()]
    (doc,) = docs
    assert doc.text is not None and "Everton are set to sign" in doc.text
    assert (doc.author, doc.published, doc.outlet) == (
        "Jane Doe",
        date(2025, 3, 1),
        "outlet:sky-sports",
    )
    assert "nobody.html: no main text found" in str(report.problems[0])
