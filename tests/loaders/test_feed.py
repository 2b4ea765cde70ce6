"""RSS/Atom feeds: one document per entry; broken entries are reported, the rest load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from loaders import LoadReport, load_paths

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>
<link>https://www.skysports.com/</link>
<item><title>Sevilla watch Minter</title><description>&lt;p&gt;Sevilla are monitoring
Paul Minter.&lt;/p&gt;</description><link>https://www.skysports.com/a</link>
<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>
<item></item>
<item><title>Unclosed<description>broken
</channel></rss>"""


def test_entries_become_documents_and_broken_ones_are_reported(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "empty.xml").write_text("<rss><channel></channel></rss>", encoding="utf-8")
    report = LoadReport()
    docs = [d for g in load_paths([tmp_path], report) for d in g.documents.values()]
    first = docs[0]
    assert first.text == "Sevilla watch Minter.\nSevilla are monitoring Paul Minter."
    assert (first.published, first.url, first.outlet) == (
        date(2025, 3, 3),
        "https://www.skysports.com/a",
        "outlet:sky-sports",
    )
    messages = [str(p) for p in report.problems]
    assert any("feed.rss: entry: entry 2 has no title or text" in m for m in messages)
    assert any("empty.xml: no feed entries could be read" in m for m in messages)
