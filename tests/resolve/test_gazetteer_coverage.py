"""The gazetteer file itself: it loads, no name is given to two entities, grounds stay apart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ids import fold
from kg.resolve import DocumentResolver, resolve_entity
from kg.resolve.gazetteer import Entry, Gazetteer, Ground, gazetteer, ground_key, read_gazetteer
from kg.vocab import EntityType

C, N, P, K, ORG = (
    EntityType.CLUB,
    EntityType.NATIONAL_TEAM,
    EntityType.PERSON,
    EntityType.COMPETITION,
    EntityType.ORGANIZATION,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def _owners(gaz: Gazetteer) -> dict[tuple[str, str], set[str]]:
    """(label, folded name or alias) → the canonical names of the entries that carry it."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in gaz.entries:
        for name in entry.names():
            owners[entry.label, fold(name)].add(entry.name)
    return owners


def test_every_entry_has_a_name_of_its_own(gaz: Gazetteer) -> None:
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for entry in gaz.entries:
        seen[entry.label, fold(entry.name)] += 1
    assert [key for key, count in seen.items() if count > 1] == []


def test_no_name_or_alias_names_two_entities_of_one_type(gaz: Gazetteer) -> None:
    """An ambiguous word ("United") belongs under one entry's `short`, never in two `aliases`."""
    clashes = {key: names for key, names in _owners(gaz).items() if len(names) > 1}
    assert clashes == {}


def test_short_forms_are_unique_and_no_other_entrys_alias(gaz: Gazetteer) -> None:
    shorts: dict[str, list[Entry]] = defaultdict(list)
    for entry in gaz.entries:
        for name in entry.short:
            shorts[fold(name)].append(entry)
    assert {k: [e.name for e in v] for k, v in shorts.items() if len(v) > 1} == {}
    owners = _owners(gaz)
    clashes = [
        (entry.name, name)
        for key, (entry, *_) in shorts.items()
        for name in owners.get((entry.label, key), set())
        if name != entry.name
    ]
    assert clashes == []


def test_aliases_are_strings_and_not_empty(gaz: Gazetteer) -> None:
    for entry in gaz.entries:
        for name in (*entry.names(), *entry.short):
            assert isinstance(name, str) and name.strip() == name and name, entry


def test_grounds_are_not_entities_nor_aliases(gaz: Gazetteer) -> None:
    """A ground's name never resolves to a club, person or source, and `lookup` never finds it."""
    named = {fold(name) for entry in gaz.entries for name in (*entry.names(), *entry.short)}
    clashes = [key for key in gaz.grounds if key in named]
    assert clashes == []
    for name in ("Anfield", "Old Trafford", "Goodison Park", "Etihad", "Stamford Bridge",
                 "Turf Moor", "Molineux", "Elland Road", "Selhurst Park", "St James' Park",
                 "Tottenham Hotspur Stadium", "Emirates", "Bernabeu", "Camp Nou"):  # fmt: skip
        assert gaz.lookup(name) is None, name
        assert gaz.ground(name) is not None, name


def test_every_ground_has_a_single_key_and_a_known_club(gaz: Gazetteer) -> None:
    keys: dict[str, set[str]] = defaultdict(set)
    for ground in gaz.ground_entries:
        for name in ground.names():
            keys[ground_key(name)].add(ground.name)
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    clubs = {e.name for e in gaz.of_type(C)}
    assert all(g.club is None or g.club in clubs for g in gaz.ground_entries)


@pytest.mark.parametrize(
    ("text", "name", "club"),
    [
        ("Anfield", "Anfield", "Liverpool"),
        ("the Etihad", "Etihad Stadium", "Manchester City"),
        ("The Hawthorns", "The Hawthorns", "West Bromwich Albion"),
        ("Hawthorns", "The Hawthorns", "West Bromwich Albion"),
        ("GOODISON", "Goodison Park", "Everton"),
        ("the Bernabéu", "Santiago Bernabeu", "Real Madrid"),
        ("St James’ Park", "St James' Park", "Newcastle United"),
        ("St James Park", "St James Park", "Exeter City"),
        ("Ibrox", "Ibrox Stadium", "Rangers"),
        ("Parkhead", "Celtic Park", "Celtic"),
        ("Wembley", "Wembley Stadium", None),
    ],
)
def test_grounds_are_found_by_name_alias_and_with_or_without_the(
    gaz: Gazetteer, text: str, name: str, club: str | None
) -> None:
    found = gaz.ground(text)
    assert found is not None and (found.name, found.club) == (name, club)


def test_unknown_grounds_and_entities_are_not_grounds(gaz: Gazetteer) -> None:
    assert gaz.ground("Liverpool") is None
    assert gaz.ground("Nowhere Lane") is None


@pytest.mark.parametrize(
    ("phrase", "club"),
    [
        ("Anfield club", "Liverpool"),
        ("Old Trafford club", "Manchester United"),
        ("Ibrox side", "Rangers"),
        ("Stamford Bridge outfit", "Chelsea"),
    ],
)
def test_a_ground_with_club_or_side_still_names_the_club(
    gaz: Gazetteer, phrase: str, club: str
) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None and (entry.name, entry.type) == (club, C)


def test_demonyms_map_to_national_teams(gaz: Gazetteer) -> None:
    assert gaz.demonyms["brazilian"] == "Brazil"
    assert gaz.demonyms["dutch"] == "Netherlands"
    assert gaz.demonyms["irish"] == "Republic of Ireland"
    assert gaz.demonyms["northern irish"] == "Northern Ireland"
    teams = {e.name for e in gaz.of_type(N)}
    assert set(gaz.demonyms.values()) <= teams
    assert all(e.demonym for e in gaz.of_type(N)), "every national team carries its demonym"
    demonyms = [fold(e.demonym or "") for e in gaz.of_type(N)]
    assert len(demonyms) == len(set(demonyms))


def test_coverage_of_the_leagues_named_in_the_corpus(gaz: Gazetteer) -> None:
    """A sample of each league of 2004-05 and 2024-25, by the names BBC Sport writes."""
    expected = {
        "Spurs": "Tottenham Hotspur",
        "Toffees": "Everton",
        "Pompey": "Portsmouth",
        "Argyle": "Plymouth Argyle",
        "MK Dons": "Milton Keynes Dons",
        "Gravesend & Northfleet": "Ebbsfleet United",
        "Exiles": "Newport County",
        "TNS": "The New Saints",
        "Connah's Quay": "Connah's Quay Nomads",
        "Gers": "Rangers",
        "Hibs": "Hibernian",
        "Jambos": "Heart of Midlothian",
        "Caley Thistle": "Inverness Caledonian Thistle",
        "Airdrie United": "Airdrieonians",
        "Accies": "Hamilton Academical",
        "Glentoran": "Glentoran",
        "Los Blancos": "Real Madrid",
        "Old Lady": "Juventus",
        "Depor": "Deportivo La Coruna",
        "Sociedad": "Real Sociedad",
        "Hamburger SV": "Hamburg",
        "Bodø/Glimt": "Bodo/Glimt",
        "Chelsea FC Women": "Chelsea Women",
        "Al Nassr": "Al-Nassr",
        "LAFC": "Los Angeles FC",
    }
    assert {k: getattr(gaz.lookup(k, label="Club"), "name", None) for k in expected} == expected


@pytest.mark.parametrize(
    ("name", "type", "expected"),
    [
        ("Carling Cup", K, "EFL Cup"),
        ("Carabao Cup", K, "EFL Cup"),
        ("SPL", K, "Scottish Premiership"),
        ("Uefa Cup", K, "UEFA Europa League"),
        ("Euro 2024", K, "UEFA European Championship"),
        ("WSL", K, "Women's Super League"),
        ("Primera Liga", K, "LaLiga"),
        ("Charity Shield", K, "Community Shield"),
        ("CIS Insurance Cup", K, "Scottish League Cup"),
        ("Uefa", ORG, "UEFA"),
        ("SFA", ORG, "Scottish Football Association"),
        ("PFA", ORG, "Professional Footballers' Association"),
        ("Red Bull GmbH", ORG, "Red Bull"),
        ("Holland", N, "Netherlands"),
        ("Türkiye", N, "Turkey"),
        ("Sir Alex Ferguson", P, "Alex Ferguson"),
        ("Rafa Benítez", P, "Rafael Benitez"),
        ("Kun Aguero", P, "Sergio Aguero"),
        ("Heung-min Son", P, "Son Heung-min"),
        ("Sven Goran Eriksson", P, "Sven-Goran Eriksson"),
    ],
)
def test_competitions_organisations_teams_and_people_resolve(
    name: str, type: EntityType, expected: str
) -> None:
    resolved = resolve_entity(name, type)
    assert (resolved.name, resolved.type, resolved.known) == (expected, type, True)


def test_people_new_to_the_gazetteer_have_no_bare_surname_alias(gaz: Gazetteer) -> None:
    """Single-word person aliases are the older entries' ("Klopp") or mononyms' ("Alisson")."""
    allowed = {"ancelotti", "klopp", "flick", "florentino", "guardiola", "alexander-arnold",
               "mourinho", "pochettino", "zidane", "solskjaer", "arteta", "tuchel", "conte",
               "mbappe", "haaland", "ronaldo", "messi", "cr7", "alisson", "amad"}  # fmt: skip
    single = {
        fold(alias)
        for entry in gaz.of_type(P)
        for alias in entry.aliases
        if " " not in alias and fold(alias) != fold(entry.name)
    }
    assert single <= allowed


def test_a_ground_naming_an_unknown_club_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "gaz.yaml"
    bad.write_text(
        "clubs:\n  - {name: Everton}\ngrounds:\n  - {name: Anfield, club: Liverpool}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"gaz\.yaml: grounds: Anfield: 'Liverpool'"):
        read_gazetteer(bad)


def test_a_small_file_reads_grounds_apart_from_entries(tmp_path: Path) -> None:
    path = tmp_path / "gaz.yaml"
    path.write_text(
        "clubs:\n  - {name: Everton}\n"
        "national_teams:\n  - {name: Brazil, demonym: Brazilian}\n"
        "grounds:\n  - {name: Goodison Park, club: Everton, aliases: [Goodison]}\n"
        "  - {name: Wembley Stadium, aliases: [Wembley]}\n",
        encoding="utf-8",
    )
    small = read_gazetteer(path)
    assert [e.name for e in small.entries] == ["Everton", "Brazil"]
    assert small.ground("goodison") == Ground("Goodison Park", "Everton", ("Goodison",))
    assert small.ground("Wembley") == Ground("Wembley Stadium", None, ("Wembley",))
    assert small.lookup("Goodison Park") is None
    assert small.demonyms == {"brazilian": "Brazil"}


def test_shared_club_words_follow_the_document_then_the_listed_club() -> None:
    resolver = DocumentResolver()
    resolver.observe([("Raith Rovers", C), ("Inverness Caledonian Thistle", C)])
    assert resolver.resolve("Rovers", C).name == "Raith Rovers"
    assert resolver.resolve("Thistle", C).name == "Inverness Caledonian Thistle"
    assert DocumentResolver().resolve("Rovers", C).name == "Blackburn Rovers"
    assert DocumentResolver().resolve("Thistle", C).name == "Partick Thistle"
