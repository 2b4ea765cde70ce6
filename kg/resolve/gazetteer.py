"""The football gazetteer: clubs, national teams, competitions, people, outlets and journalists.

The data lives in ``gazetteer.yaml`` next to this module (written for the project). It is read once
per process, on first use, and gives exact alias lookup (case- and accent-folded), the outlet for a
web domain, and the phrase patterns the extraction pipeline's entity ruler is built from.

Grounds (``Anfield``, ``the Bernabeu``) are kept apart: they are not entities, never returned by
:meth:`Gazetteer.lookup` and never ruler patterns, only known so that a ground is not mistaken for a
person, a club or a source. Nationality words (``Brazilian``) come from the national teams.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.ids import fold
from kg.vocab import EntityType, SourceType

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.yaml")

#: The YAML section of grounds (stadiums): not entities, see :class:`Ground`.
GROUNDS = "grounds"

#: Section of the YAML file → (entity type, source type) of its entries.
_SECTIONS: dict[str, tuple[EntityType | None, SourceType | None]] = {
    "clubs": (EntityType.CLUB, None),
    "national_teams": (EntityType.NATIONAL_TEAM, None),
    "competitions": (EntityType.COMPETITION, None),
    "organizations": (EntityType.ORGANIZATION, None),
    "people": (EntityType.PERSON, None),
    "outlets": (None, SourceType.OUTLET),
    "journalists": (None, SourceType.JOURNALIST),
}


@dataclass(frozen=True)
class Entry:
    """One known name: an entity (``type``) or a source (``source_type``), with its other names."""

    name: str
    type: EntityType | None = None
    source_type: SourceType | None = None
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    wikidata: str | None = None
    demonym: str | None = None
    domains: tuple[str, ...] = ()
    outlet: str | None = None

    @property
    def label(self) -> str:
        """The entity-ruler label for this entry (an entity type or ``Outlet``/``Journalist``)."""
        if self.type is not None:
            return self.type.value
        assert self.source_type is not None
        return self.source_type.label

    def names(self) -> tuple[str, ...]:
        """The canonical name and every unambiguous alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Ground:
    """A stadium or ground: a place, not an entity. ``club`` is the canonical name of the club that
    plays there (None for national and shared stadiums: Wembley, San Siro)."""

    name: str
    club: str | None = None
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """The ground's name and every alias."""
        return (self.name, *self.aliases)


def ground_key(name: str) -> str:
    """The lookup key of a ground's name: folded, curly apostrophes made straight."""
    return fold(name).replace("\u2019", "'").replace("\u2018", "'")


@dataclass
class Gazetteer:
    """Entries indexed by folded name; ``short`` aliases and domains are kept apart.

    ``ground_entries`` (the ``grounds`` section) are indexed into ``grounds`` by every folded name
    and alias; ``demonyms`` maps a folded nationality word to its national team's canonical name.
    """

    entries: list[Entry]
    ground_entries: list[Ground] = field(default_factory=list)
    by_name: dict[str, list[Entry]] = field(default_factory=dict)
    by_short: dict[str, Entry] = field(default_factory=dict)
    by_domain: dict[str, Entry] = field(default_factory=dict)
    by_demonym: dict[str, Entry] = field(default_factory=dict)
    grounds: dict[str, Ground] = field(init=False, default_factory=dict)
    demonyms: dict[str, str] = field(init=False, default_factory=dict)
    _choices: dict[EntityType, dict[str, Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for name in entry.names():
                self.by_name.setdefault(fold(name), []).append(entry)
            for name in entry.short:
                self.by_short[fold(name)] = entry
            for domain in entry.domains:
                self.by_domain[domain.lower()] = entry
            if entry.demonym:
                self.by_demonym[fold(entry.demonym)] = entry
                if entry.type is EntityType.NATIONAL_TEAM:
                    self.demonyms[fold(entry.demonym)] = entry.name
        for ground in self.ground_entries:
            for name in ground.names():
                self.grounds.setdefault(ground_key(name), ground)

    def ground(self, name: str) -> Ground | None:
        """The ground called ``name`` (folded; a leading "the" optional either way), or None."""
        key = ground_key(name.strip())
        found = self.grounds.get(key)
        if found is None:
            other = key[4:] if key.startswith("the ") else f"the {key}"
            found = self.grounds.get(other)
        return found

    def lookup(self, name: str, *, label: str | None = None) -> Entry | None:
        """The entry whose name or alias folds to ``name`` (of ``label`` when given), or None."""
        for entry in self.by_name.get(fold(name), ()):
            if label is None or entry.label == label:
                return entry
        return None

    def of_type(self, type: EntityType) -> list[Entry]:
        """Every entity entry of one type."""
        return [e for e in self.entries if e.type is type]

    def choices(self, type: EntityType) -> dict[str, Entry]:
        """Folded names and aliases of one type → entry: the candidates for fuzzy matching."""
        if type not in self._choices:
            found: dict[str, Entry] = {}
            for entry in self.of_type(type):
                for alias in entry.names():
                    found.setdefault(fold(alias), entry)
            self._choices[type] = found
        return self._choices[type]

    def outlet_for_domain(self, domain: str) -> Entry | None:
        """The outlet publishing at ``domain`` (``www.`` and sub-domains ignored), or None."""
        host = domain.lower().strip().rstrip(".")
        host = host.split("//", 1)[-1].split("/", 1)[0]
        host = host.removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            entry = self.by_domain.get(".".join(parts[i:]))
            if entry is not None:
                return entry
        return None


def _entry(section: str, raw: object, where: Path) -> Entry:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError.at(where, None, f"{section}: every entry needs a 'name', got {raw!r}")
    etype, stype = _SECTIONS[section]
    return Entry(
        name=raw["name"],
        type=etype,
        source_type=stype,
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        short=tuple(str(a) for a in raw.get("short", ())),
        wikidata=raw.get("wikidata"),
        demonym=raw.get("demonym"),
        domains=tuple(str(d).lower() for d in raw.get("domains", ())),
        outlet=raw.get("outlet"),
    )


def _ground(raw: object, where: Path) -> Ground:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError.at(where, None, f"{GROUNDS}: every ground needs a 'name', got {raw!r}")
    club = raw.get("club")
    if club is not None and not isinstance(club, str):
        raise InputError.at(where, None, f"{GROUNDS}: {raw['name']}: 'club' must be a name")
    return Ground(
        name=raw["name"], club=club, aliases=tuple(str(a) for a in raw.get("aliases", ()))
    )


def read_gazetteer(path: Path) -> Gazetteer:
    """Read a gazetteer file; unknown sections, nameless entries and grounds of clubs the file
    does not list are errors naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError.at(path, None, f"cannot read the gazetteer: {exc}") from None
    if not isinstance(data, dict):
        raise InputError.at(path, None, "expected a mapping of sections (clubs, outlets, …)")
    entries: list[Entry] = []
    grounds: list[Ground] = []
    for section, items in data.items():
        if section == GROUNDS:
            grounds.extend(_ground(raw, path) for raw in items or ())
            continue
        if section not in _SECTIONS:
            expected = ", ".join([*_SECTIONS, GROUNDS])
            raise InputError.at(
                path, None, f"unknown section {section!r}; expected one of {expected}"
            )
        entries.extend(_entry(section, raw, path) for raw in items or ())
    clubs = {e.name for e in entries if e.type is EntityType.CLUB}
    for ground in grounds:
        if ground.club is not None and ground.club not in clubs:
            raise InputError.at(
                path, None, f"{GROUNDS}: {ground.name}: {ground.club!r} is not a club's name"
            )
    return Gazetteer(entries, grounds)


@cache
def gazetteer() -> Gazetteer:
    """The project gazetteer, read once per process on first use."""
    return read_gazetteer(GAZETTEER_PATH)
