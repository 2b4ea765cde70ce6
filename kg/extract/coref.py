"""References inside one document: pronouns, definite descriptions, surnames and the focal club.

Small, deterministic and explainable, in the spirit of rule-based coreference sieves: each
reference is linked to the most recent compatible mention before it ("he" → the last person
named, preferring the last sentence's grammatical subject; "the club", "the Welsh side" → the last
club; "the 43-year-old", "the Spaniard", "the midfielder" → the last person). The link is a
candidate, not a verdict: the claim model sees that a mention is a reference (and of what sort)
and learns how far to trust it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.extract.mentions import POSITIONS, Mention
from kg.vocab import EntityType

_PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_CLUB_NOUNS = {"club", "side", "team", "outfit", "giants", "champions", "hosts", "visitors"}
_PERSON_NOUN = re.compile(rf"^(?:{POSITIONS}|\d+-year-old|youngster|veteran|player|star)$")
_PERSON_NOUN_EXTRA = {
    "frenchman",
    "spaniard",
    "dutchman",
    "englishman",
    "scotsman",
    "irishman",
    "welshman",
    "argentine",
    "portuguese",
    "brazilian",
    "german",
    "italian",
    "belgian",
    "croatian",
    "serbian",
    "norwegian",
    "swede",
    "dane",
    "pole",
    "austrian",
    "swiss",
    "uruguayan",
    "colombian",
    "mexican",
    "american",
    "nigerian",
    "ghanaian",
    "senegalese",
    "ivorian",
    "egyptian",
    "moroccan",
    "algerian",
    "japanese",
    "korean",
    "australian",
    "turk",
    "greek",
    "czech",
    "slovak",
    "ukrainian",
    "russian",
    "cameroonian",
    "malian",
    "chilean",
    "peruvian",
    "ecuadorian",
    "paraguayan",
    "venezuelan",
    "canadian",
    "jamaican",
    "icelander",
    "finn",
    "hungarian",
    "romanian",
    "bulgarian",
    "slovenian",
    "bosnian",
    "albanian",
    "kosovan",
    "georgian",
    "israeli",
    "iranian",
    "tunisian",
    "gabonese",
    "guinean",
    "congolese",
    "zambian",
    "south african",
}


@dataclass
class Reference(Mention):
    """A mention that names an earlier entity without its name; ``sort`` says how."""

    sort: str = ""
    antecedent: Mention | None = None


def _is_subject(mention: Mention, doc: Any, offset: int) -> bool:
    span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


class Coreference:
    """Walks a document's sentences in order and links their references to earlier mentions."""

    def __init__(self) -> None:
        self.people: list[Mention] = []
        self.clubs: list[Mention] = []
        self.subject_person: Mention | None = None

    def references(self, sent: Any, offset: int, mentions: list[Mention]) -> list[Reference]:
        """The references of one sentence (linked to mentions of earlier sentences or earlier in
        this one); then remembers this sentence's mentions for the next."""
        found: list[Reference] = []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        ordered = sorted(mentions, key=lambda m: m.start)
        doc = sent.doc
        for tok in sent:
            start = offset + tok.idx
            if start in taken:
                continue
            lower = tok.lower_
            sort = None
            end_tok = tok
            if lower in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                sort = "pronoun"
            elif lower == "the" and tok.i + 1 < sent.end:
                sort, end_tok = self._definite(doc, tok.i, sent.end)
            if sort is None:
                continue
            end = offset + end_tok.idx + len(end_tok.text)
            if any(i in taken for i in range(start, end)):
                continue
            wants_club = sort.startswith("club")
            earlier = [m for m in ordered if m.end <= start]
            target = self._antecedent(earlier, wants_club, sort)
            if target is None:
                continue
            found.append(
                Reference(
                    start,
                    end,
                    doc.text[tok.idx : end_tok.idx + len(end_tok.text)],
                    target.label,
                    target.canonical or target.text,
                    sort=sort,
                    antecedent=target,
                )
            )
            taken.update(range(start, end))
        self._remember(sent, offset, sorted([*mentions, *found], key=lambda m: m.start))
        return found

    def _definite(self, doc: Any, i: int, limit: int) -> tuple[str | None, Any]:
        """ "the club", "the Welsh side", "the 43-year-old", "the Spaniard", "the midfielder"."""
        j = i + 1
        while j < limit and j - i <= 4:
            tok = doc[j]
            lower = tok.lower_
            if lower in _CLUB_NOUNS:
                nxt = doc[j + 1].lower_ if j + 1 < limit else ""
                if nxt in {"captain", "boss", "manager", "'s"}:
                    return None, tok
                return "club-" + lower, tok
            if lower in _PERSON_NOUN_EXTRA:
                return "person-demonym", tok
            if _PERSON_NOUN.match(lower):
                nxt = doc[j + 1] if j + 1 < limit else None
                if nxt is not None and nxt.pos_ == "PROPN":
                    return None, tok  # "the midfielder John Smith": a name follows
                return ("person-age" if "year-old" in lower else "person-noun"), tok
            if tok.pos_ in {"ADJ", "PROPN", "NUM"} or (tok.is_punct and lower == "-"):
                j += 1
                continue
            return None, tok
        return None, doc[i]

    def _antecedent(self, earlier: list[Mention], wants_club: bool, sort: str) -> Mention | None:
        labels = {EntityType.CLUB.value} if wants_club else {EntityType.PERSON.value}
        for mention in reversed(earlier):
            if mention.label in labels and not isinstance(mention, Reference):
                return mention
        if wants_club:
            return self.clubs[-1] if self.clubs else None
        if sort == "pronoun" and self.subject_person is not None:
            return self.subject_person
        return self.people[-1] if self.people else None

    def _remember(self, sent: Any, offset: int, mentions: list[Mention]) -> None:
        subject = None
        for mention in mentions:
            target = mention.antecedent if isinstance(mention, Reference) else mention
            if target is None:
                continue
            if target.label == EntityType.PERSON.value:
                self.people.append(target)
                if subject is None and _is_subject(mention, sent.doc, offset):
                    subject = target
            elif target.label == EntityType.CLUB.value:
                self.clubs.append(target)
        people = [m for m in mentions if m.label == EntityType.PERSON.value]
        if subject is not None:
            self.subject_person = subject
        elif people:
            first = people[0]
            self.subject_person = first.antecedent if isinstance(first, Reference) else first
