"""Entity resolution: gazetteer aliases, safe typed fuzzy matching, per-document short forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.resolve import DocumentResolver, credit_source, outlet_source, resolve_entity
from kg.resolve.gazetteer import read_gazetteer
from kg.vocab import EntityType, SourceType

P, C = EntityType.PERSON, EntityType.CLUB


@pytest.mark.parametrize(
    ("name", "hint", "expected"),
    [
        ("Spurs", C, "Tottenham Hotspur"),
        ("Los Blancos", C, "Real Madrid"),
        ("Real Bettis", C, "Real Betis"),
        ("Tottenahm Hotspur", C, "Tottenham Hotspur"),
        ("Jürgen KLOPP", P, "Jurgen Klopp"),
        ("Xabi Alonzo", P, "Xabi Alonso"),
        ("Watford", P, "Watford"),
    ],
)
def test_aliases_typos_and_case_resolve_to_the_canonical_name(
    name: str, hint: EntityType, expected: str
) -> None:
    assert resolve_entity(name, hint).name == expected


def test_near_names_of_different_things_stay_apart() -> None:
    assert resolve_entity("Real Betis", C).name == "Real Betis"
    assert resolve_entity("Marcos Alonso", P).name == "Marcos Alonso"
    assert resolve_entity("Marco Alonso", P).name != "Xabi Alonso"


def test_unknown_names_are_kept_as_new_entities() -> None:
    resolved = resolve_entity("Nathaniel Chalobah", P)
    assert (resolved.name, resolved.known) == ("Nathaniel Chalobah", False)
    assert resolved.entity().id == "person:nathaniel-chalobah"


def test_gazetteer_types_win_over_the_ner_guess_and_carry_wikidata() -> None:
    resolved = resolve_entity("Real Madrid", P)
    assert (resolved.type, resolved.wikidata) == (C, "Q8682")


def test_surnames_and_short_club_names_resolve_within_a_document() -> None:
    resolver = DocumentResolver()
    resolver.observe([("Kieran Trippier", P), ("Newcastle United", C)])
    assert resolver.resolve("Trippier", P).name == "Kieran Trippier"
    assert resolver.resolve("United", C).name == "Newcastle United"
    assert DocumentResolver().resolve("United", C).name == "Manchester United"


def test_the_same_club_named_two_ways_gets_one_id_across_documents() -> None:
    a = resolve_entity("Spurs", C).entity().id
    b = resolve_entity("Tottenham Hotspur", C).entity().id
    assert a == b == "club:tottenham-hotspur"


def test_outlet_domains_and_names_map_to_outlets() -> None:
    assert outlet_source("www.dailymail.co.uk").name == "Daily Mail"
    assert outlet_source("https://en.as.com/x").name == "AS"
    unknown = outlet_source("www.ilmilanista.it")
    assert (unknown.name, unknown.type) == ("ilmilanista.it", SourceType.OUTLET)
    assert credit_source("The Athletic").name == "The Athletic"
    assert credit_source("Fabrizio Romano").type is SourceType.JOURNALIST
    assert credit_source("Giuseppe Marotta").type is SourceType.SPEAKER


def test_a_broken_gazetteer_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "gaz.yaml"
    bad.write_text("stadiums:\n  - {name: Anfield}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gaz\.yaml: unknown section 'stadiums'"):
        read_gazetteer(bad)
