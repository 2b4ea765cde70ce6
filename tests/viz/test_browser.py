"""The page in real headless Chromium, offline: what it draws, shows on hover, filters and finds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.model import ClaimGraph
from kg.synthetic.sample import sample_graph
from kg.viz import write_html
from kg.vocab import PREDICATES
from tests.viz.conftest import XSS_NAME, XSS_QUOTE, OpenPage

pytestmark = pytest.mark.browser
Opener = Callable[[Path], OpenPage]


def expected_drawing(
    graph: ClaimGraph,
) -> tuple[set[str], set[tuple[str, str, str, str, str]], set[tuple[str, str]]]:
    """Nodes, claim lines and attribution lines the page should hold, worked out from the graph."""
    nodes = set(graph.entities) | set(graph.sources)
    lines = {
        (c.subject, PREDICATES[c.predicate].label, c.object, c.modality.value, c.polarity.value)
        for c in graph.claims.values()
        if c.object is not None
    }
    attribution = {
        (s, e)
        for c in graph.claims.values()
        if c.object is not None
        for s in c.attributed_to
        for e in (c.subject, c.object)
    }
    return nodes, lines, attribution


def drawn(p: OpenPage) -> dict[str, Any]:
    """What the page's vis DataSets hold and what the network actually draws."""
    found: dict[str, Any] = p.js(
        """() => ({
        nodes: kg.nodes.getIds(),
        lines: kg.edges.get({filter: e => e.role === 'claim'})
                 .map(e => [e.from, e.predicate, e.to, e.modality, e.polarity]),
        attribution: kg.edges.get({filter: e => e.role === 'attribution'}).map(e => [e.from, e.to]),
        shownNodes: kg.network.body.nodeIndices.slice(),
        shownLines: kg.network.body.edgeIndices.filter(id => kg.edges.get(id).role === 'claim'),
        })"""
    )
    return found


def test_example_page_offline_draws_exactly_the_graph(
    seed_graph: ClaimGraph,
    open_page: Opener,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "graph.html"
    write_html(seed_graph, path, title="Seed story")
    p = open_page(path)
    got = drawn(p)
    nodes, lines, attribution = expected_drawing(seed_graph)
    assert set(got["nodes"]) == nodes and len(got["nodes"]) == len(nodes)
    assert {tuple(x) for x in got["lines"]} == lines and len(got["lines"]) == len(lines)
    assert {tuple(x) for x in got["attribution"]} == attribution
    assert set(got["shownNodes"]) == nodes
    assert len(got["shownLines"]) == len(lines)
    assert p.errors == [] and p.dialogs == []
    assert p.blocked == []
    resources = p.js("performance.getEntriesByType('resource').map(r => r.name)")
    assert [r for r in resources if not r.startswith(("file:", "data:"))] == []
    assert p.js("kg.nodes.get('club:real-madrid').shape") == "diamond"
    assert p.js("kg.nodes.get('outlet:sky-sports').shape") == "box"
    assert p.page.text_content("#counts") == "12 entities · 6 sources · 16 claim lines"
    shot = Path(tmp_path / "viz-example.png")
    p.page.wait_for_timeout(500)
    p.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    with capsys.disabled():
        print(f"\nviz review screenshot: {shot}")


def _hover_line(p: OpenPage, source: str, target: str, predicate: str) -> None:
    """Move the real mouse onto the middle of one drawn claim line."""
    point = p.js(
        f"""() => {{
        const e = kg.edges.get({{filter: e => e.from === {source!r} && e.to === {target!r}
                                          && e.predicate === {predicate!r}}})[0];
        const mid = kg.network.body.edges[e.id].edgeType.getPoint(0.5);
        const dom = kg.network.canvasToDOM(mid);
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
        }}"""
    )
    p.page.mouse.move(point[0], point[1])
    p.page.wait_for_selector("#tooltip:not([hidden])")


def _node_point(p: OpenPage, node: str) -> list[float]:
    point: list[float] = p.js(
        f"""() => {{
        const dom = kg.network.canvasToDOM(kg.network.getPositions([{node!r}])[{node!r}]);
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
        }}"""
    )
    return point


def test_hover_and_click_show_provenance(
    story_graph: ClaimGraph, open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "graph.html"
    write_html(story_graph, path, physics_threshold=0)  # fixed layout: the mouse finds lines
    p = open_page(path)
    _hover_line(p, "person:jurgen-klopp", "club:real-madrid", "is appointed by")
    tip = p.page.inner_text("#tooltip")
    assert "Jürgen Klopp — is appointed by → Real Madrid" in tip
    assert "UOL (outlet) — origin" in tip and "Sport (outlet) — echo" in tip
    assert "rumoured" in tip and "status: open" in tip and "Stated 2025-04-17" in tip
    assert "head coach" in tip and "gaining momentum" in tip
    _hover_line(p, "person:xabi-alonso", "club:real-madrid", "is appointed by")
    p.page.mouse.down()  # click where the mouse is: on the confirmed line
    p.page.mouse.up()
    details = p.page.locator("#details")
    details.get_by_text("Real Madrid announced Xabi Alonso as head coach.").wait_for()
    link = details.locator("a", has_text="https://example.org/news/alonso")
    assert link.get_attribute("href") == "https://example.org/news/alonso"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert p.errors == [] and p.blocked == []


def test_hostile_names_and_quotes_render_as_text(
    hostile_graph: ClaimGraph, open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "graph.html"
    write_html(hostile_graph, path, physics_threshold=0)
    p = open_page(path)
    assert p.js("kg.nodes.get({filter: n => n.role === 'entity'}).map(n => n.label).sort()") == [
        XSS_NAME,
        "Real Madrid",
    ]
    p.page.fill("#search", "<img")
    p.page.press("#search", "Enter")
    assert p.page.text_content("#details h3") == XSS_NAME
    p.page.wait_for_timeout(700)  # let the focus animation end before aiming the mouse
    _hover_line(p, "person:img-src-x-onerror-alert-1", "club:real-madrid", "joins")
    assert p.page.text_content("#tooltip blockquote") == XSS_QUOTE
    assert "<script>alert(4)</script>" in p.page.inner_text("#tooltip")
    p.page.check("#show-sources")  # a precomputed layout starts without source boxes
    p.page.mouse.move(*_node_point(p, "outlet:b-loud-b-outlet"))
    p.page.wait_for_selector("#tooltip h3")
    assert p.page.text_content("#tooltip h3") == "<b>Loud</b> Outlet"
    assert p.js("document.querySelectorAll('img, b, #details script, #tooltip script').length") == 0
    assert p.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert p.js("window.pwned") is None
    assert p.dialogs == [] and p.errors == [] and p.blocked == []


def test_filters_change_what_is_drawn(
    story_graph: ClaimGraph, open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "graph.html"
    write_html(story_graph, path)
    p = open_page(path)
    shown_lines = (
        "kg.edgesView.get({filter: e => e.role === 'claim'}).map(e => [e.kind, e.predicate]).sort()"
    )
    shown_nodes = "kg.nodesView.getIds().sort()"
    for kind in ("role", "interest", "departure", "result"):
        p.page.uncheck(f"#kind-filter input[value={kind}]")
    moves = {c.id for c in story_graph.claims.values() if c.kind.value == "move"}
    got = p.js(shown_lines)
    assert {k for k, _ in got} == {"move"}
    assert len(got) == len(
        {
            (
                story_graph.claims[c].subject,
                story_graph.claims[c].predicate,
                story_graph.claims[c].object,
                story_graph.claims[c].modality,
            )
            for c in moves
        }
    )
    assert "club:barcelona" not in p.js(shown_nodes)
    assert "(filtered)" in p.page.text_content("#counts")

    p.page.click("#reset")
    p.page.select_option("#source-filter", "outlet:sky-sports")
    assert p.js(shown_lines) == [["departure", "is sacked by"], ["move", "is appointed by"]]
    assert p.js(shown_nodes) == [
        "club:real-madrid",
        "nationalteam:brazil",
        "outlet:sky-sports",
        "person:carlo-ancelotti",
    ]

    p.page.click("#reset")
    p.page.fill("#since", "2025-05-01")
    p.page.dispatch_event("#since", "change")
    assert p.js(shown_lines) == [["move", "is appointed by"]]
    assert p.js(shown_nodes) == ["club:real-madrid", "outlet:club-statement", "person:xabi-alonso"]
    p.page.fill("#until", "2025-05-20")
    p.page.dispatch_event("#until", "change")
    assert p.js(shown_lines) == []

    p.page.click("#reset")
    assert len(p.js(shown_nodes)) == len(story_graph.entities) + len(story_graph.sources)
    p.page.uncheck("#show-sources")
    assert not [
        n for n in p.js(shown_nodes) if n.startswith(("outlet:", "journalist:", "speaker:"))
    ]
    assert p.js("kg.edgesView.get({filter: e => e.role === 'attribution'}).length") == 0

    assert p.js("kg.network.physics.options.enabled") is True
    p.page.uncheck("#physics")
    assert p.js("kg.network.physics.options.enabled") is False
    assert p.errors == [] and p.blocked == []


def test_search_finds_focuses_and_highlights(
    seed_graph: ClaimGraph, open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "graph.html"
    write_html(seed_graph, path)
    p = open_page(path)
    p.page.fill("#search", "klopp")
    p.page.press("#search", "Enter")
    assert p.page.text_content("#search-status") == "Found Jürgen Klopp."
    assert p.js("kg.network.getSelectedNodes()") == ["person:jurgen-klopp"]
    p.page.wait_for_timeout(600)  # the focus animation
    view = p.js("kg.network.getViewPosition()")
    node = p.js("kg.network.getPositions(['person:jurgen-klopp'])['person:jurgen-klopp']")
    assert abs(view["x"] - node["x"]) < 2 and abs(view["y"] - node["y"]) < 2
    assert p.js("kg.nodes.get('club:barcelona').color.background") == "#eeeeee"  # dimmed
    assert p.js("kg.nodes.get('club:real-madrid').color.background") == "#e15759"  # neighbour
    assert p.page.text_content("#details h3") == "Jürgen Klopp"
    p.page.fill("#search", "Zinedine")
    p.page.press("#search", "Enter")
    assert p.page.text_content("#search-status") == "No node matches “Zinedine”."
    p.page.mouse.click(*_node_point(p, "club:real-madrid"))
    assert p.js("kg.network.getSelectedNodes()") == ["club:real-madrid"]
    assert p.page.text_content("#details h3") == "Real Madrid"
    assert p.js("kg.nodes.get('club:bayer-leverkusen').color.background") == "#eeeeee"
    assert p.js("kg.nodes.get('club:arsenal').color.background") == "#e15759"
    assert p.errors == []


def test_around_draws_only_the_ego_view(
    seed_graph: ClaimGraph, open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "alonso.html"
    write_html(seed_graph, path, around="Xabi Alonso", depth=1)
    p = open_page(path)
    assert sorted(p.js("kg.nodes.getIds()")) == [
        "club:bayer-leverkusen",
        "club:real-madrid",
        "journalist:fabrizio-romano",
        "outlet:seed-article",
        "outlet:sport",
        "person:xabi-alonso",
        "speaker:florentino-perez",
    ]
    assert (
        len(p.js("kg.network.body.edgeIndices.filter(id => kg.edges.get(id).role === 'claim')"))
        == 4
    )
    assert "around Xabi Alonso (depth 1)" in p.page.text_content("#notes")
    assert p.errors == [] and p.blocked == []


def test_large_graph_opens_with_fixed_layout_and_says_what_was_left_out(
    open_page: Opener, tmp_path: Path
) -> None:
    graph = sample_graph(1500, seed=2)
    path = tmp_path / "large.html"
    drawn_ = write_html(graph, path, max_nodes=800)
    p = open_page(path)
    entities = sum(n["role"] == "entity" for n in drawn_.network.nodes)
    assert p.js("kg.nodesView.getIds().length") == entities  # source boxes start hidden here
    assert p.js("kg.network.physics.options.enabled") is False
    assert p.page.is_checked("#physics") is False
    first = drawn_.network.nodes[0]
    assert p.js(f"kg.network.getPositions([{first['id']!r}])[{first['id']!r}]") == {
        "x": first["x"],
        "y": first["y"],
    }
    total = len(graph.entities) + len(graph.sources)
    assert f"Showing the 800 most connected of {total:,} nodes" in p.page.text_content("#notes")
    p.page.check("#show-sources")
    # the budget, less the sources that kept no line to an entity (never drawn floating alone)
    assert p.js("kg.nodesView.getIds().length") == len(drawn_.network.nodes)
    assert 760 <= len(drawn_.network.nodes) <= 800
    assert p.errors == [] and p.blocked == []


def test_a_small_graph_with_physics_is_at_rest_once_ready(
    open_page: Opener, tmp_path: Path
) -> None:
    path = tmp_path / "small.html"
    write_html(sample_graph(300, seed=3), path)
    p = open_page(path)
    assert p.js("kg.network.physics.options.enabled") is True
    assert p.page.is_checked("#physics") is True
    before = p.js("kg.network.getPositions()")
    p.page.wait_for_timeout(500)
    assert p.js("kg.network.getPositions()") == before, "the drawing still moves after ready"
    assert p.errors == [] and p.blocked == []
