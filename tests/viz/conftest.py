"""Graphs for the viz tests (the seed story, a two-date story, a hostile one) and a real browser.

Browser tests run Debian's chromium through Playwright with every non-file request blocked and
recorded, so "works offline" is checked, not assumed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.viz.browser import CHROMIUM, CHROMIUM_ARGS
from kg.vocab import EntityType, Kind, Modality, Polarity, SourceType, Status
from tests.conftest import loaded

REPO = Path(__file__).resolve().parents[2]

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_QUOTE = 'He said "</script><script>window.pwned = 1; alert(2)</script>" \u2028 & left.'


def load_seed() -> ClaimGraph:
    """The seed story from examples/, read by the project's own loaders."""
    return loaded(REPO / "examples" / "seed-2025-04-17.yaml")


_ID_FIELDS = (
    "subject",
    "predicate",
    "object",
    "object_value",
    "qualifiers",
    "modality",
    "polarity",
    "attributed_to",
    "document",
    "stated_at",
    "valid_from",
    "valid_to",
)
_DEFAULTS: dict[str, Any] = {
    "object": None,
    "object_value": None,
    "qualifiers": Qualifiers(),
    "modality": Modality.REPORTED,
    "polarity": Polarity.POSITIVE,
    "attributed_to": [],
    "stated_at": None,
    "valid_from": None,
    "valid_to": None,
}


def add_claim(graph: ClaimGraph, **given: Any) -> Claim:
    """Add a claim whose id is its content id, as a loader would make it."""
    fields = {**_DEFAULTS, **given}
    claim = Claim(id=Claim.content_id(**{k: fields[k] for k in _ID_FIELDS}), **fields)
    graph.add_claim(claim)
    return claim


@pytest.fixture
def seed_graph() -> ClaimGraph:
    return load_seed()


@pytest.fixture
def story_graph() -> ClaimGraph:
    """The seed story plus a May article with a URL confirming Xabi Alonso's appointment."""
    graph = load_seed()
    outlet = graph.add_source(Source.named("Club statement", SourceType.OUTLET))
    doc = graph.add_document(
        Document.identified(
            url="https://example.org/news/alonso",
            title="Alonso appointed",
            published=date(2025, 5, 25),
            outlet=outlet,
        )
    )
    add_claim(
        graph,
        subject="person:xabi-alonso",
        predicate="appointed_by",
        object="club:real-madrid",
        kind=Kind.MOVE,
        modality=Modality.CONFIRMED,
        attributed_to=[outlet],
        document=doc,
        stated_at=date(2025, 5, 25),
        status=Status.CONFIRMED,
        evidence="Real Madrid announced Xabi Alonso as head coach.",
    )
    return graph


@pytest.fixture
def hostile_graph() -> ClaimGraph:
    """Names, quotes and URLs that would run script if the page treated them as HTML."""
    graph = ClaimGraph()
    bad = graph.add_entity(Entity.named(XSS_NAME, EntityType.PERSON))
    club = graph.add_entity(Entity.named("Real Madrid", EntityType.CLUB))
    src = graph.add_source(Source.named("<b>Loud</b> Outlet", SourceType.OUTLET))
    doc = graph.add_document(
        Document.identified(
            url="javascript:alert(3)", title="<script>alert(4)</script>", outlet=src
        )
    )
    add_claim(
        graph,
        subject=bad,
        predicate="joins",
        object=club,
        kind=Kind.MOVE,
        attributed_to=[src],
        document=doc,
        evidence=XSS_QUOTE,
        stated_at=date(2025, 4, 17),
    )
    return graph


@dataclass
class OpenPage:
    """A loaded page with what went wrong on it: script errors, dialogs and blocked requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open an HTML file offline: every request other than file:// is aborted and recorded."""
    contexts = []

    def opener(path: Path) -> OpenPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = OpenPage(page)

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        return opened

    yield opener
    for context in contexts:
        context.close()
