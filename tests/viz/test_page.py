"""The written page as a file: self-contained, nothing remote, data that cannot break out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyvis.network import Network

from kg.files import OutputError
from kg.model import ClaimGraph
from kg.viz import build_network, write_html
from kg.viz.page import script_json
from tests.viz.conftest import XSS_NAME, XSS_QUOTE

REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    """Collects every URL the page could load: src/href attributes and CSS url()/@import."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "data", "action")]
        for k, v in attrs:
            if k == "style" and v:
                self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", v)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
            self.urls += re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", data)


def test_script_json_escapes_what_could_end_a_script() -> None:
    value = {"q": "</script><!-- & \u2028\u2029 >"}
    text = script_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_page_loads_nothing_remote(story_graph: ClaimGraph, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    write_html(story_graph, page)
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.urls, "expected the inlined vis CSS's data: URLs to be seen by the check"
    remote = [u for u in parser.urls if REMOTE.match(u)]
    assert remote == []
    assert "link" not in parser.tags
    assert all(u.startswith("data:") for u in parser.urls)


def test_hostile_text_never_becomes_markup(hostile_graph: ClaimGraph, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    write_html(hostile_graph, page, title="<script>alert(5)</script> & co")
    text = page.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(text)
    assert parser.tags.count("script") == 3  # the data block, vis-network and the page script
    assert "img" not in parser.tags
    assert "<title>&lt;script&gt;alert(5)&lt;/script&gt; &amp; co</title>" in text
    assert XSS_NAME not in text
    assert "</script><script>window.pwned" not in text
    data = text.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[
        0
    ]
    payload = json.loads(data)
    assert {n.get("name", n["label"]) for n in payload["nodes"]} >= {XSS_NAME, "<b>Loud</b> Outlet"}
    assert payload["edges"][0]["claims"][0]["evidence"] == XSS_QUOTE


def test_write_creates_the_folder_and_reports_an_unusable_path(
    seed_graph: ClaimGraph, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "deeper" / "graph.html"
    drawn = write_html(seed_graph, target)
    assert target.stat().st_size > 100_000  # vis-network is inlined
    assert len(drawn.network.nodes) == len(seed_graph.entities) + len(seed_graph.sources)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temporary file left
    with pytest.raises(OutputError, match=r"cannot write the page: Is a directory"):
        write_html(seed_graph, tmp_path / "out")  # a folder, not a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing half-written left


def test_build_network_gives_pyvis_network_with_text_titles(seed_graph: ClaimGraph) -> None:
    net = build_network(seed_graph, around="Jürgen Klopp")
    assert isinstance(net, Network)
    ids = {n["id"] for n in net.nodes}
    assert "person:jurgen-klopp" in ids and "club:barcelona" not in ids
    klopp_rm = [
        e for e in net.edges if e["from"] == "person:jurgen-klopp" and e["to"] == "club:real-madrid"
    ]
    assert sorted(e["label"] for e in klopp_rm) == ["is appointed by", "is open to joining"]
    rumour = next(e for e in klopp_rm if e["label"] == "is appointed by")
    assert rumour["dashes"] and rumour["arrows"] == "to"
    assert rumour["title"].startswith("is appointed by [rumoured, open] 2025-04-17 — UOL → Sport")
    assert rumour["independentSources"] == 1  # Sport echoes UOL: one origin


def test_large_graph_gets_positions_and_physics_off() -> None:
    from kg.synthetic.sample import sample_graph

    net = build_network(sample_graph(700, seed=1))
    assert net.options["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in net.nodes)
    small = build_network(sample_graph(100, seed=1))
    assert small.options["physics"]["enabled"] is True
    assert not any("x" in n for n in small.nodes)
