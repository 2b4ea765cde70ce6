"""One name resolver for all of kg: the comparison keys, nicknames from the gazetteer file, and
the same thresholds for text, claim files, outcome tables and the after-build clustering."""

from __future__ import annotations

from pathlib import Path

from kg.model import ClaimGraph, Entity
from kg.outcomes.matching import EntityMatcher
from kg.resolve import known_entity, name_key, same_person
from kg.resolve.gazetteer import read_gazetteer
from kg.vocab import EntityType
from tests.conftest import loaded

P, C = EntityType.PERSON, EntityType.CLUB


def test_nicknames_in_the_gazetteer_give_the_canonical_key() -> None:
    for nickname, canonical in [
        ("Spurs", "Tottenham Hotspur"),
        ("Wolves", "Wolverhampton Wanderers"),
        ("PSG", "Paris Saint-Germain"),
        ("Barça", "Barcelona"),
        ("Nerazzurri", "Inter Milan"),
        ("Spurs FC", "Tottenham Hotspur"),
    ]:
        assert name_key(nickname, C) == name_key(canonical, C), nickname
    assert name_key("Manchester", C) != name_key("Manchester City", C)


def test_the_nicknames_come_from_the_gazetteer_file(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text("clubs:\n  - {name: Hamburger SV, aliases: [Die Rothosen]}\n", "utf-8")
    gaz = read_gazetteer(path)
    assert name_key("Die Rothosen", C, gaz) == "hamburger"
    assert name_key("Die Rothosen", C) == "die rothosen", "the project gazetteer lacks it"
    assert name_key("Spurs", C, gaz) == "spurs", "and this file lacks Spurs"


def test_known_entity_takes_the_canonical_name_of_an_exact_alias_only() -> None:
    assert known_entity("Spurs", C).id == "club:tottenham-hotspur"
    assert known_entity("Kylian Mbappé", P).name == "Kylian Mbappé", "accents of the name kept"
    assert known_entity("Kylian Mbappé", P).id == known_entity("Kylian Mbappe", P).id
    assert known_entity("Xabi Alonzo", P).name == "Xabi Alonzo", "no fuzzy guess in a record"
    assert known_entity("Spurs", P).name == "Spurs", "the record's type is kept"
    assert known_entity("Barcelona", C).wikidata == "Q7156"
    assert known_entity("Barcelona", C, wikidata="Q1").wikidata == "Q1"


def _load(*paths: Path) -> ClaimGraph:
    return loaded(*paths)


def test_a_claim_file_and_an_outcome_table_name_one_club_one_way(tmp_path: Path) -> None:
    claims = tmp_path / "rumours.yaml"
    claims.write_text(
        "- subject: Spurs\n  subject_type: Club\n  predicate: targets\n"
        "  object: Jonathan David\n  object_type: Person\n  attributed_to: [Sky Sports]\n"
        "  stated_at: 2025-06-01\n",
        encoding="utf-8",
    )
    table = tmp_path / "completed.csv"
    table.write_text(
        "player_name,club_left,club_joined,season\nJonathan David,Lille,Tottenham,2025\n",
        encoding="utf-8",
    )
    graph = _load(claims, table)
    clubs = {e.id for e in graph.entities.values() if e.type is C}
    assert "club:tottenham-hotspur" in clubs
    assert not {"club:spurs", "club:tottenham"} & clubs


def test_the_clustering_uses_the_resolvers_keys_and_person_rule() -> None:
    graph = ClaimGraph()
    for name, type_ in [
        ("Inter Milan", C),
        ("Nerazzurri", C),  # a gazetteer alias only: no nickname table of its own here
        ("Kylian Mbappe", P),
        ("Kylain Mbappe", P),  # a typo (people are compared within a surname)
        ("Xabi Alonso", P),
        ("Marcos Alonso", P),
    ]:
        graph.add_entity(Entity.named(name, type_))
    matcher = EntityMatcher(graph)
    assert matcher.same("club:nerazzurri", "club:inter-milan")
    assert matcher.same("person:kylain-mbappe", "person:kylian-mbappe")
    assert not matcher.same("person:marcos-alonso", "person:xabi-alonso")
    assert same_person("kylian mbape", "kylian mbappe")
    assert not same_person("marcos alonso", "xabi alonso")
