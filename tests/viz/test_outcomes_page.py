"""Issue 19 on the page, in real headless Chromium: who said it, and did it come true?

The demo graph (the seed story with its outcomes, settled as ``kg build`` stores it) is drawn and
driven with the real mouse and keyboard: line colour by status with modality apart, a legend that
names both, the status filter, source track records, a node's claim list, reasons and deciding
outcomes in tooltips, alias search, tooltips that hide, and no source box without its lines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.analysis.apply import resolved_graph
from kg.model import ClaimGraph
from kg.viz import write_html
from kg.viz.style import STATUS_STYLES
from kg.vocab import Status
from tests.conftest import loaded
from tests.viz.conftest import REPO, OpenPage
from tests.viz.test_browser import _hover_line, _node_point

pytestmark = pytest.mark.browser
Opener = Callable[[Path], OpenPage]


@pytest.fixture(scope="module")
def demo_graph() -> ClaimGraph:
    return resolved_graph(loaded(REPO / "examples"))[0]


@pytest.fixture
def demo_page(demo_graph: ClaimGraph, open_page: Opener, tmp_path: Path) -> OpenPage:
    path = tmp_path / "demo.html"
    write_html(demo_graph, path, physics_threshold=0)  # fixed layout: the mouse finds lines
    page = open_page(path)
    page.page.check("#show-sources")
    return page


SHOWN_LINES = "kg.edgesView.get({filter: e => e.role === 'claim'})"


def test_lines_are_coloured_by_status_and_the_legend_names_status_and_modality(
    demo_graph: ClaimGraph, demo_page: OpenPage
) -> None:
    p = demo_page
    lines = p.js(f"{SHOWN_LINES}.map(e => [e.status, e.color, e.modality, e.dashes])")
    statuses = {s for s, *_ in lines}
    assert statuses == {"confirmed", "refuted", "open"}
    for status, color, _, _ in lines:
        assert color == STATUS_STYLES[Status(status)].color
    # one modality, two statuses: colour follows the status, not the modality
    reported = {(s, c) for s, c, m, _ in lines if m == "reported"}
    assert len({c for _, c in reported}) > 1
    legend = p.page.inner_text("#legend")
    assert "Line colour: status" in legend and "Line style: modality" in legend
    in_legend = set(
        p.js("[...document.querySelectorAll('#legend [data-status]')].map(r => r.dataset.status)")
    )
    assert statuses <= in_legend  # the status of every line is in the legend
    for label in (
        "confirmed by an outcome (green)",
        "refuted by an outcome (red)",
        "rumoured (dotted)",
    ):
        assert label in legend
    assert p.errors == [] and p.blocked == []


def test_the_status_filter_keeps_only_the_chosen_statuses(
    demo_graph: ClaimGraph, demo_page: OpenPage
) -> None:
    p = demo_page
    p.page.uncheck("#status-filter input[value=open]")
    p.page.uncheck("#status-filter input[value=confirmed]")
    shown = p.js(f"{SHOWN_LINES}.flatMap(e => e.claims.map(c => c.id)).sort()")
    refuted = sorted(
        c.id
        for c in demo_graph.claims.values()
        if c.status is Status.REFUTED and c.object is not None
    )
    assert shown == refuted and len(refuted) == 6
    assert "(filtered)" in p.page.text_content("#counts")
    # no source box is left without a line to what it reported
    orphans = p.js(
        """() => kg.nodesView.get({filter: n => n.role === 'source'}).filter(n =>
            !kg.edgesView.get({filter: e => e.role === 'attribution' && e.from === n.id}).length)
            .map(n => n.id)"""
    )
    assert orphans == []
    assert "journalist:fabrizio-romano" not in p.js("kg.nodesView.getIds()")  # only right calls
    p.page.click("#reset")
    assert len(p.js(SHOWN_LINES + ".map(e => e.id)")) == p.js(
        "kg.edges.get({filter: e => e.role === 'claim'}).length"
    )
    p.page.uncheck("#show-sources")
    assert p.js("kg.nodesView.get({filter: n => n.role === 'source'}).length") == 0
    assert p.errors == []


def test_clicking_xabi_alonso_lists_his_claims_and_each_opens(
    demo_graph: ClaimGraph, demo_page: OpenPage
) -> None:
    p = demo_page
    p.page.mouse.click(*_node_point(p, "person:xabi-alonso"))
    details = p.page.locator("#details")
    assert details.locator("h3").first.text_content() == "Xabi Alonso"
    his = [
        c
        for c in demo_graph.claims.values()
        if "person:xabi-alonso" in (c.subject, c.object) and c.object is not None
    ]
    items = details.locator("li.claim-item")
    assert items.count() == len(his) == 5
    text = details.inner_text()
    assert f"{len(his)} claim(s) on the graph" in text
    assert "Fabrizio Romano" in text and "2025-04-17" in text
    for status in ("confirmed", "refuted", "open"):
        assert status in [t.strip() for t in details.locator("li .tag").all_text_contents()]
    romano = items.filter(has_text="Fabrizio Romano").filter(
        has=p.page.locator("button", has_text="Xabi Alonso is appointed by Real Madrid")
    )
    assert romano.count() == 1
    romano.locator("button").click()
    assert (
        "Xabi Alonso — is appointed by → Real Madrid" in details.locator("h3").first.text_content()
    )
    assert "Decided by:" in details.inner_text()
    assert p.errors == []


def test_the_refuted_26_april_claim_shows_its_reason_and_deciding_outcome(
    demo_page: OpenPage,
) -> None:
    p = demo_page
    _hover_line(p, "person:carlo-ancelotti", "club:real-madrid", "is sacked by")
    tip = p.page.inner_text("#tooltip")
    assert "refuted" in tip
    assert "not around 2025-04-26 as claimed" in tip
    assert (
        "Decided by: Carlo Ancelotti leaves Real Madrid (Real Madrid (official), 2025-05-24)" in tip
    )
    # the pointer leaves the graph: the tooltip goes
    p.page.mouse.move(5, 300)
    p.page.wait_for_selector("#tooltip", state="hidden")
    # hovering again, then a filter hides the line under the pointer: the tooltip goes too
    _hover_line(p, "person:carlo-ancelotti", "club:real-madrid", "is sacked by")
    p.page.evaluate(
        "() => { const b = document.querySelector('#status-filter input[value=refuted]');"
        " b.checked = false; b.dispatchEvent(new Event('change')); }"
    )
    assert p.js("document.getElementById('tooltip').hidden") is True
    assert p.errors == []


def test_source_boxes_carry_their_track_record(demo_page: OpenPage) -> None:
    p = demo_page
    label = p.js("kg.nodes.get('journalist:fabrizio-romano').label")
    assert label == "Fabrizio Romano\n2 of 2 right · 100% (34%–100%)"
    assert p.js("kg.nodes.get('outlet:uol').label").endswith("0 of 3 right · 0% (0%–56%)")
    p.page.mouse.move(*_node_point(p, "outlet:sky-sports"))
    p.page.wait_for_selector("#tooltip h3")
    assert "Track record: 1 of 2 right · 50% (9%–91%)" in p.page.inner_text("#tooltip")
    p.page.mouse.move(5, 300)
    p.page.wait_for_selector("#tooltip", state="hidden")


@pytest.mark.parametrize(
    ("query", "found"),
    [("Los Blancos", "Real Madrid"), ("barca", "Barcelona"), ("Leverkusen", "Bayer Leverkusen")],
)
def test_search_knows_aliases(demo_page: OpenPage, query: str, found: str) -> None:
    p = demo_page
    p.page.fill("#search", query)
    p.page.press("#search", "Enter")
    assert p.page.text_content("#search-status") == f"Found {found}."
    assert p.page.locator("#details h3").first.text_content() == found
