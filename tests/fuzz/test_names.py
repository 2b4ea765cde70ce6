"""Any name a user's input can carry, through the store, every RDF export and the HTML page: it
comes back exactly, is found by a parameterised query, and never breaks out of its context."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.rdf.export import export
from kg.rdf.parse import parse_bytes
from kg.store.bolt import BoltStore
from kg.viz import write_html
from kg.vocab import EntityType, Kind, Modality, Polarity, SourceType

#: Names: any text without lone surrogates (which UTF-8 cannot carry), markup and Cypher included.
NAMES = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40
) | st.sampled_from(
    [
        "</script><script>alert(1)</script>",
        "Robert'); MATCH (n) DETACH DELETE n //",
        "`backtick` {id: $x}",
        '"quoted" \\ back\\slash',
        "line\nbreak\r\ttab",
        "\u2028separator\u2029",
        "ソン・フンミン",
        "]]> <!-- -->",
    ]
)
DB = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PURE = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def graph_of(names: list[str]) -> ClaimGraph:
    """One ``plays_for`` claim per name, from a source and a document also named by the names."""
    graph = ClaimGraph()
    club = graph.add_entity(Entity.named(names[0], EntityType.CLUB))
    source = graph.add_source(Source.named(names[-1], SourceType.JOURNALIST))
    doc = graph.add_document(
        Document.identified(title=names[0], url=f"https://x.example/{names[0]}")
    )
    for name in names:
        person = graph.add_entity(Entity.named(name, EntityType.PERSON))
        fields: dict[str, Any] = dict(
            subject=person,
            predicate="plays_for",
            object=club,
            object_value=None,
            qualifiers=Qualifiers(note=name),
            modality=Modality.REPORTED,
            polarity=Polarity.POSITIVE,
            attributed_to=[source],
            document=doc,
            stated_at=None,
            valid_from=None,
            valid_to=None,
        )
        graph.add_claim(
            Claim(id=Claim.content_id(**fields), kind=Kind.ROLE, evidence=name, **fields)
        )
    return graph


def entity_names(graph: ClaimGraph) -> set[str]:
    return {e.name for e in graph.entities.values()}


def test_names_come_back_from_the_store_and_parameterised_queries_find_them(
    store: BoltStore,
) -> None:
    @DB
    @given(names=st.lists(NAMES, min_size=1, max_size=4))
    def check(names: list[str]) -> None:
        store.clear()
        graph = graph_of(names)
        store.write(graph)
        back = store.read_graph()
        assert back.entities == graph.entities
        assert back.sources == graph.sources
        assert {c.evidence for c in back.claims.values()} == set(names)
        for name in names:
            found = store.query(
                "MATCH (e:Person {name: $name}) RETURN e.id AS id", {"name": name}
            ).rows
            assert found, f"no Person named {name!r}"
        assert store.counts()["claims"] == len(graph.claims)

    check()


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "trig"])
def test_names_survive_every_rdf_export(fmt: str) -> None:
    parser = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]

    @PURE
    @given(names=st.lists(NAMES, min_size=1, max_size=4))
    def check(names: list[str]) -> None:
        graph = graph_of(names)
        out = io.BytesIO()
        export(graph, out, format=fmt)
        parsed = parse_bytes(out.getvalue(), parser)
        literals = {str(o) for o in parsed.objects() if isinstance(o, Literal)}
        missing = entity_names(graph) - literals
        assert not missing, f"names lost in {fmt}: {missing}"

    check()


KG_DATA = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.DOTALL)


def page_of(names: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        write_html(graph_of(names), page, title=names[0])
        return page.read_text(encoding="utf-8")


def test_names_stay_inside_the_html_pages_data() -> None:
    scripts = page_of(["Plain Name"]).count("<script")

    @PURE
    @given(names=st.lists(NAMES, min_size=1, max_size=4))
    def check(names: list[str]) -> None:
        graph = graph_of(names)
        html = page_of(names)
        match = KG_DATA.search(html)
        assert match is not None
        data = json.loads(match.group(1))  # the first </script> closes the data: nothing earlier
        labels = {n.get("label") for n in data["nodes"]} if "nodes" in data else set()
        text = json.dumps(data, ensure_ascii=False)
        for name in entity_names(graph):
            assert name in labels or json.dumps(name, ensure_ascii=False)[1:-1] in text
        assert html.count("<script") == scripts, "a name opened a script element"

    check()
