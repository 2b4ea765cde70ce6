"""Comparison keys of names: the one place that says when two spellings name the same thing.

Rumours and outcome tables spell names differently ("Man Utd", "Manchester United FC"; "Spurs",
"Tottenham Hotspur"; "Martin Ødegaard", "Martin Odegaard"). A name's *key* is its gazetteer
entry's canonical name when the gazetteer knows it as a name, alias or nickname of that type (the
nicknames live in ``gazetteer.yaml``, nowhere else), then folded, transliterated (ø→o, ß→ss),
with club affixes (FC, AFC, CF …) and punctuation dropped and common short forms expanded
(Utd→United, St→Saint, Man→Manchester). The after-build clustering
(:class:`kg.outcomes.matching.EntityMatcher`), timelines and the benchmarks compare keys; the
fuzzy rule for people (:func:`kg.resolve.resolver.same_person`) and its thresholds are in
:mod:`kg.resolve.resolver`.

>>> name_key("Man Utd", EntityType.CLUB), name_key("Martin Ødegaard", EntityType.PERSON)
('manchester united', 'martin odegaard')
>>> name_key("Paris St-Germain", EntityType.CLUB), name_key("Spurs", EntityType.CLUB)
('paris saint germain', 'tottenham hotspur')
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.ids import fold
from kg.resolve.gazetteer import Gazetteer, gazetteer
from kg.vocab import EntityType

_TRANSLIT = str.maketrans(
    {"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
#: Words around a club's name that do not tell clubs apart.
AFFIXES = frozenset(
    {"fc", "afc", "cf", "sc", "ssc", "ac", "as", "sv", "vfl", "vfb", "club", "the", "cd"}
)
_SHORT_FORMS = {"utd": "united", "st": "saint", "man": "manchester", "munchen": "munich"}
#: Words too common in club names to identify one on their own.
GENERIC = frozenset(
    {
        "real",
        "athletic",
        "atletico",
        "sporting",
        "united",
        "city",
        "inter",
        "dynamo",
        "dinamo",
        "olympique",
        "racing",
        "borussia",
        "saint",
        "west",
        "aston",
        "crystal",
        "young",
        "red",
        "fc",
    }
)
#: Words that mark a reserve or youth side, never the same club as the first team.
RESERVES = frozenset(
    {"b", "ii", "u23", "u21", "u19", "u18", "castilla", "reserves", "youth", "women"}
)
_WORD = re.compile(r"[a-z0-9]+")


def name_key(name: str, type: EntityType, gaz: Gazetteer | None = None) -> str:
    """The comparison key of a name of one entity type (see the module docstring)."""
    if gaz is None or gaz is gazetteer():
        return _known_key(name, type)
    return _key(name, type, gaz)


@lru_cache(maxsize=65536)
def _known_key(name: str, type: EntityType) -> str:
    """:func:`name_key` against the project gazetteer, memoised (names repeat a lot)."""
    return _key(name, type, gazetteer())


def _words(name: str) -> list[str]:
    return _WORD.findall(fold(name).translate(_TRANSLIT))


def _key(name: str, type: EntityType, gaz: Gazetteer) -> str:
    entry = gaz.lookup(name, label=type.value)
    words = _words(entry.name if entry is not None else name)
    if type is EntityType.PERSON:
        return " ".join(words)
    joined = " ".join(w for w in words if w not in AFFIXES) or " ".join(words)
    if (
        entry is None
    ):  # "Spurs FC", "Wolves" in a table's own spelling: the nickname without affixes
        entry = gaz.lookup(joined, label=type.value)
        if entry is not None:
            words = _words(entry.name)
            joined = " ".join(w for w in words if w not in AFFIXES) or " ".join(words)
    return " ".join(_SHORT_FORMS.get(w, w) for w in joined.split())
