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

from kg.extract.mentions import POSITIONS, Mention, token_span
from kg.vocab import EntityType

_PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_CLUB_NOUNS = {"club", "side", "team", "outfit", "giants", "champions", "hosts", "visitors"}
#: Plural pronouns football writing uses for a team ("they lost", "their 2-1 win").
_TEAM_PRONOUNS = {"they", "them", "their", "themselves"}
_TEAMS = {EntityType.CLUB.value, EntityType.NATIONAL_TEAM.value}
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
    span = token_span(doc, mention, offset)
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


#: Descriptions that fit a national team as well as a club.
_SIDE_SORTS = {"club-side", "club-team", "club-hosts", "club-visitors", "club-champions"}

#: Weights of the sentences before a reference when choosing its antecedent by salience.
_DECAY = (1.0, 0.8, 0.6, 0.4)


class Coreference:
    """Walks a document's sentences in order and links their references to earlier mentions.

    A pronoun prefers the last sentence's grammatical subject; a description ("the Bayer
    Leverkusen boss", "the Spaniard", "the club") takes the most salient compatible entity of
    the last few sentences (mentions counted with decaying weight, ties to the most recent).
    """

    def __init__(self) -> None:
        self.history: list[list[Mention]] = []
        self.subject_person: Mention | None = None
        #: The team that was the grammatical subject of the last sentence, if one was.
        self.subject_team: Mention | None = None

    def references(self, sent: Any, offset: int, mentions: list[Mention]) -> list[Reference]:
        """The references of one sentence (linked to mentions of earlier sentences or earlier in
        this one); then remembers this sentence's mentions for the next."""
        found: list[Reference] = []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        ordered = sorted(mentions, key=lambda m: m.start)
        doc = sent.doc
        for tok in sent:
            if offset + tok.idx in taken:
                continue
            lower = tok.lower_
            sort = None
            head = tok
            if lower in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                sort = "pronoun"
            elif lower in _TEAM_PRONOUNS and tok.pos_ == "PRON":
                sort = "team-pronoun"
            elif lower == "the" and tok.i + 1 < sent.end:
                sort, head = self._definite(doc, tok.i, sent.end)
            if sort is None:
                continue
            start = offset + head.idx
            end = start + len(head.text)
            if any(i in taken for i in range(start, end)):
                continue
            earlier = [m for m in ordered if m.end <= start]
            if sort == "team-pronoun":
                target = self._team_antecedent(earlier, doc, offset)
            else:
                target = self._antecedent(earlier, sort)
            if target is None:
                continue
            found.append(
                Reference(
                    start,
                    end,
                    head.text,
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
        """ "the club", "the Welsh side", "the 43-year-old", "the Spaniard", "the Leverkusen boss":
        the sort of reference and its head token."""
        j = i + 1
        while j < limit and j - i <= 5:
            tok = doc[j]
            lower = tok.lower_
            nxt = doc[j + 1] if j + 1 < limit else None
            if lower in _CLUB_NOUNS:
                if nxt is not None and nxt.lower_ in {"captain", "boss", "manager", "'s"}:
                    return None, tok
                return "club-" + lower, tok
            if lower in _PERSON_NOUN_EXTRA:
                return "person-demonym", tok
            if _PERSON_NOUN.match(lower):
                if nxt is not None and nxt.pos_ == "PROPN":
                    return None, tok  # "the midfielder John Smith": a name follows
                if nxt is not None and _PERSON_NOUN.match(nxt.lower_):
                    j += 1  # "the Spain midfielder", "the centre back"
                    continue
                return ("person-age" if "year-old" in lower else "person-noun"), tok
            if tok.pos_ in {"ADJ", "PROPN", "NUM"} or (tok.is_punct and lower == "-"):
                j += 1
                continue
            return None, tok
        return None, doc[i]

    def _team_antecedent(self, earlier: list[Mention], doc: Any, offset: int) -> Mention | None:
        """ "they", "their": the team that is this sentence's subject before the pronoun, else
        the last sentence's subject team. Only a subject: a team named in passing ("after
        beating Celtic, they ...") is too often not the one meant."""
        for mention in reversed(earlier):
            target = _target(mention)
            if target is not None and target.label in _TEAMS and _is_subject(mention, doc, offset):
                return target
        return self.subject_team

    def _antecedent(self, earlier: list[Mention], sort: str) -> Mention | None:
        label = EntityType.CLUB.value if sort.startswith("club") else EntityType.PERSON.value
        #: "the side", "the team", "the hosts" may be a national team; "the club" may not
        labels = _TEAMS if sort in _SIDE_SORTS else {label}
        if sort == "pronoun":
            for mention in reversed(earlier):
                if mention.label == label:
                    return _target(mention)
            if self.subject_person is not None:
                return self.subject_person
        scores: dict[str, float] = {}
        latest: dict[str, tuple[int, Mention]] = {}
        windows = [earlier, *reversed(self.history[-(len(_DECAY) - 1) :])]
        order = 0
        for weight, window in zip(_DECAY, windows, strict=False):
            for mention in reversed(window):
                if isinstance(mention, Reference) and mention.sort == "pronoun":
                    continue  # a pronoun adds no salience: it may point forward ("his" channel)
                target = _target(mention)
                if target is None or target.label not in labels:
                    continue
                key = target.canonical or target.text
                scores[key] = scores.get(key, 0.0) + weight
                order += 1
                if key not in latest:
                    latest[key] = (order, target)
        if not scores:
            for window in reversed(self.history):
                for mention in reversed(window):
                    target = _target(mention)
                    if target is not None and target.label in labels:
                        return target
            return None
        best = max(scores, key=lambda k: (scores[k], -latest[k][0]))
        return latest[best][1]

    def salient(self, label: str) -> Mention | None:
        """The most salient entity with ``label`` before the current sentence (the antecedent a
        description of that type would get at the sentence's start)."""
        return self._antecedent([], "club" if label == EntityType.CLUB.value else "person")

    def _remember(self, sent: Any, offset: int, mentions: list[Mention]) -> None:
        self.history.append(mentions)
        people = [m for m in mentions if m.label == EntityType.PERSON.value]
        subject = next((m for m in people if _is_subject(m, sent.doc, offset)), None)
        chosen = subject or (people[0] if people else None)
        if chosen is not None:
            self.subject_person = _target(chosen)
        teams = [m for m in mentions if m.label in _TEAMS and _is_subject(m, sent.doc, offset)]
        self.subject_team = _target(teams[0]) if teams else None


def _target(mention: Mention) -> Mention | None:
    return mention.antecedent if isinstance(mention, Reference) else mention
