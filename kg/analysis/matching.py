"""Which entities of a graph name the same club or person: safe fuzzy rules for matching outcomes.

Rumours and outcome tables spell names differently ("Man Utd", "Manchester United FC"; "Martin
Ødegaard", "Martin Odegaard"). The rules here link two entities of the same type only when that is
safe:

1. the same id, the same Wikidata id, or a shared folded name or alias;
2. the same *key*: the name folded, transliterated (ø→o, ß→ss), with club affixes (FC, AFC, CF …)
   and punctuation dropped and common short forms expanded (Utd→United, St→Saint, Man→Manchester);
3. for clubs, a short name whose words begin the long name ("Brighton" → "Brighton & Hove Albion"),
   unless it begins two different clubs' names ("Manchester") or is a generic word ("Real");
4. for people, ``token_sort_ratio`` ≥ 90 between keys sharing a surname (typos, dropped accents);
   Marcos Alonso and Xabi Alonso score well below.

>>> from kg.model import ClaimGraph, Entity
>>> from kg.vocab import EntityType
>>> g = ClaimGraph()
>>> for name in ("Manchester United", "Man Utd", "Manchester City", "Manchester"):
...     _ = g.add_entity(Entity.named(name, EntityType.CLUB))
>>> m = EntityMatcher(g)
>>> m.same("club:man-utd", "club:manchester-united")
True
>>> m.same("club:manchester", "club:manchester-city")
False
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.fuzz import token_sort_ratio
from rapidfuzz.process import extract

from kg import ids
from kg.model import ClaimGraph, Entity
from kg.vocab import EntityType

_TRANSLIT = str.maketrans(
    {"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_AFFIXES = frozenset(
    {"fc", "afc", "cf", "sc", "ssc", "ac", "as", "sv", "vfl", "vfb", "club", "the", "cd"}
)
_SHORT_FORMS = {"utd": "united", "st": "saint", "man": "manchester", "munchen": "munich"}
#: Whole-name nicknames whose expansion is unambiguous in European football.
_NICKNAMES = {
    "spurs": "tottenham hotspur",
    "tottenham": "tottenham hotspur",
    "wolves": "wolverhampton wanderers",
    "psg": "paris saint germain",
    "paris sg": "paris saint germain",
    "inter": "inter milan",
    "internazionale": "inter milan",
    "barca": "barcelona",
    "juve": "juventus",
    "atletico": "atletico madrid",
    "west brom": "west bromwich albion",
    "brighton and hove albion": "brighton hove albion",
    "gladbach": "borussia monchengladbach",
    "dortmund": "borussia dortmund",
    "leverkusen": "bayer leverkusen",
    "sheff utd": "sheffield united",
    "sheffield utd": "sheffield united",
    "lyon": "olympique lyonnais",
    "marseille": "olympique marseille",
}
#: Words too common in club names to identify one on their own.
_GENERIC = frozenset(
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
_RESERVES = frozenset(
    {"b", "ii", "u23", "u21", "u19", "u18", "castilla", "reserves", "youth", "women"}
)
_WORD = re.compile(r"[a-z0-9]+")
FUZZY_PERSON = 90.0


def name_key(name: str, type: EntityType) -> str:
    """The comparison key of a name: folded, transliterated, affixes dropped, short forms expanded.

    >>> name_key("Man Utd", EntityType.CLUB), name_key("Martin Ødegaard", EntityType.PERSON)
    ('manchester united', 'martin odegaard')
    >>> name_key("Paris St-Germain", EntityType.CLUB)
    'paris saint germain'
    """
    words = _WORD.findall(ids.fold(name).translate(_TRANSLIT))
    if type is EntityType.PERSON:
        return " ".join(words)
    joined = " ".join(w for w in words if w not in _AFFIXES) or " ".join(words)
    if joined in _NICKNAMES:
        return _NICKNAMES[joined]
    return " ".join(_SHORT_FORMS.get(w, w) for w in joined.split())


class EntityMatcher:
    """Clusters of entity ids that name the same thing, built once from a graph (or some entities).

    Building is linear in the number of entities plus fuzzy comparisons within surname blocks.
    """

    def __init__(self, graph: ClaimGraph, *, only: Iterable[str] | None = None) -> None:
        wanted = (
            graph.entities
            if only is None
            else {i: graph.entities[i] for i in only if i in graph.entities}
        )
        self._parent: dict[str, str] = {i: i for i in wanted}
        self._build(list(wanted.values()))

    def canonical(self, entity_id: str) -> str:
        """A stable representative of the entity's cluster (the entity itself if unknown)."""
        parent = self._parent.get(entity_id)
        if parent is None:
            return entity_id
        root = entity_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[entity_id] != root:  # path compression
            self._parent[entity_id], entity_id = root, self._parent[entity_id]
        return root

    def same(self, a: str, b: str) -> bool:
        """Whether two entity ids name the same thing."""
        return a == b or self.canonical(a) == self.canonical(b)

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.canonical(a), self.canonical(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self._parent[high] = low

    def _build(self, entities: list[Entity]) -> None:
        by_type: dict[EntityType, list[Entity]] = defaultdict(list)
        for e in entities:
            by_type[e.type].append(e)
        for type_, group in by_type.items():
            keys: dict[str, list[str]] = defaultdict(list)
            for e in group:
                for name in (e.name, *e.aliases):
                    keys[name_key(name, type_)].append(e.id)
                if e.wikidata:
                    keys["wd:" + e.wikidata].append(e.id)
            for members in keys.values():
                for other in members[1:]:
                    self._union(members[0], other)
            if type_ is EntityType.PERSON:
                self._fuzzy_people(keys)
            else:
                self._prefix_clubs(keys)

    def _fuzzy_people(self, keys: dict[str, list[str]]) -> None:
        blocks: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            if not key.startswith("wd:") and key:
                blocks[key.split()[-1]].append(key)
        for block in blocks.values():
            for i, a in enumerate(block):
                # One call per name compares it with the rest of its block inside rapidfuzz:
                # blocks of a common surname hold thousands of names in a large archive.
                later = block[i + 1 :]
                for b, _, _ in extract(
                    a, later, scorer=token_sort_ratio, score_cutoff=FUZZY_PERSON, limit=None
                ):
                    self._union(keys[a][0], keys[b][0])

    def _prefix_clubs(self, keys: dict[str, list[str]]) -> None:
        names = [k for k in keys if not k.startswith("wd:") and k]
        by_first: dict[str, list[str]] = defaultdict(list)
        for k in names:
            by_first[k.split()[0]].append(k)
        for short in names:
            words = short.split()
            if len(words) == 1 and words[0] in _GENERIC:
                continue
            longer = [
                k
                for k in by_first[words[0]]
                if k != short
                and k.split()[: len(words)] == words
                and not _RESERVES.intersection(k.split())
            ]
            clusters = {self.canonical(keys[k][0]) for k in longer}
            if len(clusters) == 1:
                self._union(keys[short][0], keys[longer[0]][0])
