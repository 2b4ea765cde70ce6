"""Resolve names found in text to entities and sources, safely.

Order of preference: an exact alias in the gazetteer (case and accents folded); a surname or short
form already named in full in the same document; a fuzzy match *within one entity type* using
``token_sort_ratio`` (``WRatio`` scores Real Betis→Real Madrid and Marcos Alonso→Xabi Alonso at
90, ``token_sort_ratio`` does not); otherwise the name is kept as a new entity, never dropped.
Entity ids are derived from the resolved canonical name, so the same club named "Spurs" in one
article and "Tottenham Hotspur" in another merges across documents; claim files and outcome tables
take the canonical name of an exact alias (:func:`known_entity`), so "Spurs" in a table meets
"Tottenham Hotspur" in an article.

This module and :mod:`kg.resolve.keys` are kg's one name resolver: its thresholds
(:data:`FUZZY_THRESHOLD`, :data:`PERSON_PART_THRESHOLD`), the fuzzy rule for people
(:func:`same_person`) and the comparison keys are used by extraction, the loaders of claim files
and outcome tables, and the after-build clustering (:mod:`kg.outcomes.matching`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from kg.ids import fold, slug
from kg.model import Entity, Source
from kg.resolve.gazetteer import Entry, Gazetteer, gazetteer
from kg.vocab import EntityType, SourceType

#: Minimum ``token_sort_ratio`` for a fuzzy match within one entity type.
FUZZY_THRESHOLD = 90
#: Minimum ``ratio`` of each part of a person's name (first name, surname) to the candidate's.
PERSON_PART_THRESHOLD = 80
#: Names shorter than this (folded) are never fuzzy-matched: too little to go on.
FUZZY_MIN_LENGTH = 6

_DOMAIN = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/.*)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_CLUB_SUFFIX = re.compile(r"\s+(?:Football Club|F\.?C\.?|A\.?F\.?C\.?)$", re.IGNORECASE)
#: What scraped text leaves after a name: quotes, mojibake, line breaks ("Club.â€\x9d\r\n").
_TRAILING_JUNK = re.compile(r"(?:[.,;:!?\s]*â€.*|[^\w)]+)$", re.DOTALL)


@dataclass(frozen=True)
class Resolved:
    """A name resolved to a canonical entity (``known`` when the gazetteer has it)."""

    name: str
    type: EntityType
    wikidata: str | None = None
    known: bool = False

    def entity(self) -> Entity:
        """The :class:`kg.model.Entity` with a deterministic id."""
        return Entity.named(self.name, self.type, wikidata=self.wikidata)


def clean_name(text: str) -> str:
    """A mention without a possessive ending, leading "the", surrounding punctuation or a
    trailing "Football Club" / "FC" ("Peterborough United Football Club" → "Peterborough
    United")."""
    text = _TRAILING_JUNK.sub("", text.strip())
    text = _POSSESSIVE.sub("", text.strip().strip(",.;:\"'“”‘’()"))
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    text = " ".join(text.split())
    stripped = _CLUB_SUFFIX.sub("", text)
    return stripped if stripped and stripped != text and " " in text else text


def _from_entry(entry: Entry) -> Resolved:
    assert entry.type is not None
    return Resolved(entry.name, entry.type, entry.wikidata, known=True)


def fuzzy_entry(name: str, type: EntityType, gaz: Gazetteer | None = None) -> Entry | None:
    """The entry of ``type`` whose name or alias is a close ``token_sort_ratio`` match, or None."""
    gaz = gaz or gazetteer()
    key = fold(name)
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    choices = gaz.choices(type)
    best = process.extractOne(
        key, list(choices), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None:
        return None
    match = best[0]
    if type is EntityType.PERSON and not same_person(key, match):
        return None
    return choices[match]


def same_person(a: str, b: str) -> bool:
    """Whether two folded person names whose ``token_sort_ratio`` reached
    :data:`FUZZY_THRESHOLD` may name one person: every name part agrees closely, in order; a typo
    passes, Marcos → Xabi Alonso does not. Used by text resolution and the after-build
    clustering alike."""
    left, right = a.split(), b.split()
    return len(left) == len(right) and all(
        fuzz.ratio(x, y) >= PERSON_PART_THRESHOLD for x, y in zip(left, right, strict=True)
    )


def resolve_entity(name: str, hint: EntityType, gaz: Gazetteer | None = None) -> Resolved:
    """Resolve one name on its own: gazetteer alias, then typed fuzzy match, else a new entity."""
    if gaz is None or gaz is gazetteer():
        return _resolve_known(name, hint)
    return _resolve(name, hint, gaz)


@lru_cache(maxsize=65536)
def _resolve_known(name: str, hint: EntityType) -> Resolved:
    """:func:`resolve_entity` against the project gazetteer, memoised (names repeat a lot)."""
    return _resolve(name, hint, gazetteer())


def _resolve(name: str, hint: EntityType, gaz: Gazetteer) -> Resolved:
    name = clean_name(name)
    entry = gaz.lookup(name, label=hint.value) or _any_entity(gaz, name)
    if entry is not None:
        return _from_entry(entry)
    short = gaz.by_short.get(fold(name))
    if short is not None:
        return _from_entry(short)
    entry = fuzzy_entry(name, hint, gaz)
    if entry is not None:
        return _from_entry(entry)
    return Resolved(name, hint)


def known_entity(
    name: str, type: EntityType, *, wikidata: str | None = None, gaz: Gazetteer | None = None
) -> Entity:
    """The entity a structured record names (a claim file's subject or object, an outcome table's
    player or club): the gazetteer's canonical name and Wikidata id when it knows ``name`` as an
    alias of ``type`` ("Spurs" → Tottenham Hotspur), else ``name`` as written.

    Exact aliases only, never a fuzzy guess, and the type is the record's: a record's author
    wrote the name and its type on purpose, where text gives a mention to interpret
    (:func:`resolve_entity`). Spellings the gazetteer lacks still meet across files in the
    after-build clustering, which compares :func:`kg.resolve.keys.name_key` keys.
    """
    entry = (gaz or gazetteer()).lookup(name, label=type.value)
    if entry is None:
        return Entity.named(name, type, wikidata=wikidata)
    # a spelling of the canonical name itself ("Jürgen Klopp" for "Jurgen Klopp") keeps the
    # record's accents: the id is the same either way
    canonical = name if slug(name) == slug(entry.name) else entry.name
    return Entity.named(canonical, type, wikidata=wikidata or entry.wikidata)


def _any_entity(gaz: Gazetteer, name: str) -> Entry | None:
    for entry in gaz.by_name.get(fold(name), ()):
        if entry.type is not None:
            return entry
    return None


@dataclass
class DocumentResolver:
    """Resolves the mentions of one document, using the document's own full names for short forms.

    Call :meth:`observe` with every mention first, so a surname ("Ancelotti") or a short club name
    ("United") finds the full name wherever the document spells it out.
    """

    gaz: Gazetteer = field(default_factory=gazetteer)
    _people: list[str] = field(default_factory=list)
    _clubs: list[Resolved] = field(default_factory=list)

    def observe(self, mentions: Iterable[tuple[str, EntityType]]) -> None:
        """Remember the full names of people and clubs this document mentions."""
        for text, hint in mentions:
            resolved = resolve_entity(text, hint, self.gaz)
            if resolved.type is EntityType.PERSON and " " in resolved.name:
                if resolved.name not in self._people:
                    self._people.append(resolved.name)
            elif (
                resolved.type is EntityType.CLUB
                and fold(text) not in self.gaz.by_short
                and resolved not in self._clubs
            ):
                self._clubs.append(resolved)

    def resolve(self, text: str, hint: EntityType) -> Resolved:
        """Resolve a mention of this document."""
        name = clean_name(text)
        key = fold(name)
        if key in self.gaz.by_short:
            for club in self._clubs:
                if key in fold(club.name).split():
                    return club
        resolved = resolve_entity(name, hint, self.gaz)
        if resolved.type is EntityType.PERSON and not resolved.known and " " in resolved.name:
            words = key.split()
            longer = [
                p
                for p in self._people
                if len(p.split()) > len(words) and fold(p).split()[-len(words) :] == words
            ]
            if len(longer) == 1:  # "van Dijk" → "Virgil van Dijk"
                return resolve_entity(longer[0], EntityType.PERSON, self.gaz)
        if resolved.type is EntityType.PERSON and " " not in resolved.name:
            full = [p for p in self._people if fold(p).split()[-1] == key]
            if not full:  # a first name alone, as club statements write ("we thank Richie")
                full = [p for p in self._people if fold(p).split()[0] == key]
            if len(full) == 1:
                return resolve_entity(full[0], EntityType.PERSON, self.gaz)
        return resolved


def _host(value: str) -> str | None:
    if not _DOMAIN.match(value.strip()):
        return None
    host = value.strip().lower().split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def outlet_source(value: str, gaz: Gazetteer | None = None) -> Source:
    """The outlet for a domain (``www.dailymail.co.uk``), URL or outlet name; unknown ones kept."""
    gaz = gaz or gazetteer()
    host = _host(value)
    entry = gaz.outlet_for_domain(host) if host else gaz.lookup(value, label="Outlet")
    if entry is not None:
        domain = entry.domains[0] if entry.domains else None
        return Source.named(entry.name, SourceType.OUTLET, domain=domain)
    if host:
        return Source.named(host, SourceType.OUTLET, domain=host)
    return Source.named(clean_name(value), SourceType.OUTLET)


def credit_source(name: str, gaz: Gazetteer | None = None) -> Source:
    """The source a text credits by name: a known outlet or journalist, else a person speaking."""
    gaz = gaz or gazetteer()
    for label in (SourceType.OUTLET.label, SourceType.JOURNALIST.label):
        entry = gaz.lookup(name.strip(), label=label) or gaz.lookup(clean_name(name), label=label)
        if entry is not None:
            assert entry.source_type is not None
            domain = entry.domains[0] if entry.domains else None
            return Source.named(entry.name, entry.source_type, domain=domain)
    name = clean_name(name)
    if _host(name):
        return outlet_source(name, gaz)
    person = gaz.lookup(name, label=EntityType.PERSON.value)
    return Source.named(person.name if person else name, SourceType.SPEAKER)


def normalise_name(name: str, gaz: Gazetteer | None = None) -> str:
    """A comparison key for an entity or source name: canonical when known, else folded.

    Used by the evaluation to compare gold and extracted names "after alias normalisation".
    """
    gaz = gaz or gazetteer()
    known = gaz.lookup(name.strip())
    if known is not None:
        return fold(known.name)
    cleaned = clean_name(name)
    host = _host(cleaned)
    if host:
        entry = gaz.outlet_for_domain(host)
        return fold(entry.name) if entry else host
    entry = gaz.lookup(cleaned)
    if entry is None and fold(cleaned) in gaz.by_short:
        entry = gaz.by_short[fold(cleaned)]
    return fold(entry.name if entry else cleaned)
