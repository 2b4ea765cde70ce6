"""Entity sanity checks: a mention must look like what its label says.

The small English model invents entities in football prose: a capitalised verb at the start of a
sentence as a person ("Dismiss"), a demonym as a club ("Scottish"), a ground as a person or a club
("Villa Park", "the Etihad"), a possessive surname as a club ("Smith's dismissal"). Gazetteer
names (the entity ruler's, with a canonical id) are trusted; statistical ones must pass these
checks.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.mentions import Mention, token_span
from kg.ids import fold
from kg.resolve.gazetteer import gazetteer

_GROUND_WORDS = re.compile(
    r"\b(?:Stadium|Park|Arena|Road|Lane|Ground|Stadion|Estadio|Stade|Stadio|Field|Meadow|Den)\b"
)
_NOT_A_NAME = {
    "chairman",
    "manager",
    "boss",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "transfer",
    "premier",
    "league",
    "cup",
    "var",
    "fifa",
    "uefa",
    "first team",
    "board",
}


#: Words a statistical "club" made only of is no club ("First Team", "Board", "Director &
#: Company", "Women", "Player/Coach", "Football Club" with no name, a capitalised "I").
_NOT_A_CLUB = {
    "board",
    "club",
    "team",
    "first",
    "company",
    "director",
    "directors",
    "women",
    "men",
    "squad",
    "academy",
    "reserves",
    "fans",
    "supporters",
    "chairman",
    "manager",
    "staff",
    "caretaker",
    "interim",
    "assistant",
    "head",
    "coach",
    "player",
    "football",
    "in",
    "i",
    "we",
}
_FILLER = {"&", "and", "of", "the"}


def _common_words(text: str) -> bool:
    """Whether every word of ``text`` is a common club-less word or a demonym."""
    words = [w for w in re.split(r"[\s/-]+", fold(text)) if w and w not in _FILLER]
    return bool(words) and all(w in _NOT_A_CLUB or _demonym(w.title(), loose=True) for w in words)


def _ground(name: str) -> bool:
    return gazetteer().ground(name) is not None


def _demonym(name: str, *, loose: bool) -> bool:
    """A nationality word; ``loose`` also accepts unknown words with a demonym's ending."""
    if fold(name) in gazetteer().demonyms:
        return True
    return loose and bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ese|ish|ean)", name.strip()))


def plausible(mention: Mention, sent: Any, offset: int) -> bool:
    """Whether a mention of ``sent`` is believable as the entity type it is labelled with."""
    if mention.canonical:
        return not _ground(mention.text) or mention.label not in {"Person", "Outlet", "Journalist"}
    text = mention.text.strip()
    if not text or _ground(text):
        return False
    if mention.label in {"Person", "Club"} and _GROUND_WORDS.search(text):
        return False
    words = text.split()
    if mention.label == "Club" and (
        (len(words) == 1 and _demonym(text, loose=True)) or _common_words(text)
    ):
        return False
    if mention.label == "Person":
        if fold(text) in _NOT_A_NAME or (_demonym(text, loose=False) and len(words) == 1):
            return False
        span = token_span(sent.doc, mention, offset)
        if span is not None and len(span) == 1:
            tok = span[0]
            if tok.pos_ not in {"PROPN"} or (tok.i == sent.start and tok.pos_ != "PROPN"):
                return False
        if not any(ch.isupper() for ch in text):
            return False
    return True
