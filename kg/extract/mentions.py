"""Mentions of entities and sources in a sentence, and the sentence "skeleton" the rules read.

The skeleton is the sentence in lower case with every mention replaced by a placeholder such as
``«C3»`` (club, mention 3). Rules are regular expressions over skeletons, which keeps them short
and readable while the placeholders carry the exact spans back to the text. Lists ("Arsenal,
Everton and Spurs") collapse into one placeholder with several indices (``«C1,2,3»``), and
references ("the 23-year-old", "the club") become the placeholder of the mention they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.pipeline import sentence_ents
from kg.vocab import EntityType

#: Placeholder letters by mention type.
LETTERS = {
    EntityType.PERSON.value: "P",
    EntityType.CLUB.value: "C",
    EntityType.NATIONAL_TEAM.value: "N",
    EntityType.COMPETITION.value: "K",
    EntityType.ORGANIZATION.value: "O",
    "Outlet": "S",
    "Journalist": "J",
}
TYPES = {letter: label for label, letter in LETTERS.items()}
#: spaCy NER labels kept when the gazetteer does not know the name.
_NER = {"PERSON": EntityType.PERSON.value, "ORG": EntityType.CLUB.value}
#: Words that make an unknown organisation name a club ("Adana Demirspor" has none: a person
#: reading is then tried, since the small model tags many players' names as ORG).
_CLUBBY = re.compile(
    r"\b(?:FC|CF|SC|AC|AS|SV|United|City|Town|Rovers|Wanderers|Albion|Athletic|Sporting|Real|"
    r"Inter|Dynamo|Dinamo|Olympique|Atletico|Club|Juniors|Rangers|County|Borussia|Racing|"
    r"Deportivo|Spor|Calcio|Hotspur|Villa|Forest|Palace)\b"
)
_PERSON_NAME = re.compile(
    r"^[A-Z][\w'’.-]+(?: (?:(?:de|van|der|da|di|dos|del|ter|el) )*[A-Z][\w'’.-]+){1,2}$"
)

POSITIONS = (
    r"(?:(?:attacking|defensive|central|holding|creative|left|right|centre|center|left-sided|"
    r"right-sided|box-to-box|wide|second-choice|first-choice|reserve|back-up|third-choice)\s+)?"
    r"(?:midfielder|defender|forward|striker|winger|goalkeeper|keeper|full-back|left-back|"
    r"right-back|centre-back|center-back|centre-half|centre-forward|wing-back|playmaker|attacker|"
    r"captain|defender/midfielder|midfielder/defender|forward/winger|international|youngster|"
    r"teenager|star|left-winger|right-winger|number nine|skipper|frontman|stopper|duo|trio|pair|"
    r"loanee|team-mate|teammate|legend|stalwart|academy graduate|signing|recruit|"
    r"boss|manager|head coach|coach|chairman|president|owner|chief executive|sporting director|"
    r"director of football|technical director|assistant manager|assistant|interim manager|"
    r"interim boss|caretaker manager|caretaker boss)"
)
_PARTICLES = {"de", "van", "der", "den", "ter", "da", "dos", "di", "del", "le", "la", "el", "von"}


@dataclass
class Mention:
    """A typed name in the document text: ``label`` is an entity type or Outlet/Journalist."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None

    @property
    def letter(self) -> str:
        return LETTERS[self.label]


@dataclass
class Sentence:
    """One sentence: its span in the document, its mentions and its skeleton."""

    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    skeleton: str = ""


def sentence_mentions(sent: Any, offset: int) -> list[Mention]:
    """Mentions in a spaCy sentence span (``offset`` added to character positions).

    Gazetteer names come from the entity ruler; unknown people and organisations from the NER;
    an unlabelled run of proper nouns right after a playing position ("centre-back Duje Caleta
    Car") is a person too, since the small model misses many foreign names.
    """
    found: list[Mention] = []
    taken: set[int] = set()
    for ent in sentence_ents(sent):
        kind, known = ent.label_, ent.ent_id_
        label = kind if kind in LETTERS else _NER.get(kind)
        if label is None and kind == "GPE" and _club_town(ent):
            label = EntityType.CLUB.value
        if label is None:
            continue
        if not known:
            ent = _trimmed(ent)
            if ent is None:
                continue
        if label == EntityType.CLUB.value and kind == "ORG" and not known:
            name = re.sub(r"(?:'s|’s|'|’)$", "", ent.text)
            if _after_position(ent) or (not _CLUBBY.search(name) and _PERSON_NAME.match(name)):
                label = EntityType.PERSON.value
        found.append(
            Mention(offset + ent.start_char, offset + ent.end_char, ent.text, label, known or None)
        )
        taken.update(range(ent.start, ent.end))
    for tok in sent:
        if tok.i in taken or tok.pos_ != "PROPN" or not _after_position(tok):
            continue
        end = tok.i
        while (
            end + 1 < sent.end
            and end + 1 not in taken
            and (sent.doc[end + 1].pos_ == "PROPN" or sent.doc[end + 1].lower_ in _PARTICLES)
        ):
            end += 1
        span = sent.doc[tok.i : end + 1]
        found.append(Mention(offset + span.start_char, offset + span.end_char, span.text, "Person"))
        taken.update(range(tok.i, end + 1))
    found.sort(key=lambda m: m.start)
    return found


def _trimmed(ent: Any) -> Any:
    """A statistical entity without the lower-case words the model sometimes takes in front of a
    name ("striker Jay Donnelly", "Striker Jay Donnelly"); None when nothing capitalised is left."""
    start = ent.start
    while start < ent.end and (
        not ent.doc[start].text[:1].isupper() or _POSITION_WORD.match(ent.doc[start].lower_)
    ):
        start += 1
    if start == ent.end:
        return None
    return ent if start == ent.start else ent.doc[start : ent.end]


_POSITION_WORD = re.compile(rf"^{POSITIONS}$")
#: Words before a place name that make it a place, not the town's club ("in Walsall").
_PLACE_BEFORE = {"in", "near", "outside", "around", "across", "of", "born", "city", "town"}


def _club_town(ent: Any) -> bool:
    """Whether a place name the model found is used as its football club: football prose says
    "joined Coleraine", "(Glentoran)", "Walsall's manager"; a place is "in Walsall"."""
    if ent.start == 0:
        return True
    before = ent.doc[ent.start - 1]
    return before.lower_ not in _PLACE_BEFORE


def _after_position(span: Any) -> bool:
    """Whether the token before ``span`` is a playing position or a staff title."""
    start = span.start if hasattr(span, "start") else span.i
    if start == 0:
        return False
    prev = span.doc[start - 1]
    return bool(_POSITION_WORD.match(prev.lower_)) and prev.lower_ not in {"star", "boss"}


def token_span(doc: Any, mention: Mention, offset: int) -> Any:
    """The tokens of ``doc`` (a piece starting at character ``offset`` of the document) that a
    mention covers, widened to whole tokens; None when it falls outside the piece."""
    return doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")


def skeleton(text: str, start: int, mentions: list[Mention]) -> str:
    """The sentence with each mention replaced by its placeholder, lower-cased elsewhere."""
    out: list[str] = []
    position = start
    for index, mention in enumerate(mentions):
        out.append(text[position - start : mention.start - start].lower())
        out.append(f"«{mention.letter}{index}»")
        position = mention.end
    out.append(text[position - start :].lower())
    return re.sub(r"[‘’]", "'", re.sub(r"\s+", " ", "".join(out)))
