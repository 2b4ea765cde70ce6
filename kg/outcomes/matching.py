"""Which entities of a graph name the same club or person: safe fuzzy rules for matching outcomes.

Rumours and outcome tables spell names differently ("Man Utd", "Manchester United FC"; "Martin
Ødegaard", "Martin Odegaard"). The rules here link two entities of the same type only when that is
safe:

1. the same id, the same Wikidata id, or a shared folded name or alias;
2. the same *key* (:func:`kg.resolve.keys.name_key`: the gazetteer's canonical name for a known
   name or nickname, folded and transliterated, club affixes dropped, short forms expanded);
3. for clubs, a short name whose words begin the long name ("Brighton" → "Brighton & Hove Albion"),
   unless it begins two different clubs' names ("Manchester") or is a generic word ("Real");
4. for people sharing a surname, the resolver's fuzzy rule (:func:`kg.resolve.resolver.same_person`:
   typos and dropped accents pass; Marcos Alonso and Xabi Alonso do not).

The keys, the nicknames and the thresholds belong to :mod:`kg.resolve`, the one name resolver;
this module only clusters a graph's entities with them.

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

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from rapidfuzz.fuzz import token_sort_ratio
from rapidfuzz.process import extract

from kg.model import ClaimGraph
from kg.resolve.keys import GENERIC, RESERVES, name_key
from kg.resolve.resolver import FUZZY_THRESHOLD, same_person
from kg.store import workspace as scratch
from kg.vocab import EntityType

#: What matching needs of an entity: its id, type, names (name and aliases) and Wikidata id.
EntityNames = tuple[str, EntityType, Sequence[str], str | None]

_SCHEMA = """
CREATE TABLE match_parent (id TEXT PRIMARY KEY, parent TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE match_key (type TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, last TEXT);
CREATE INDEX match_key_by_key ON match_key (type, key, id);
"""


class EntityMatcher:
    """Clusters of entity ids that name the same thing, built once from a graph (or some entities).

    The names' keys and the clusters live in SQLite tables (``match_*``): in a private in-memory
    database for a graph in memory, or in the analysis's scratch file (:meth:`in_database`), so
    that matching the entities of a large archive holds one surname block in memory, not every
    entity. Building is linear in the number of entities plus fuzzy comparisons within surname
    blocks; once built, :meth:`canonical` is one lookup.
    """

    def __init__(self, graph: ClaimGraph, *, only: Iterable[str] | None = None) -> None:
        wanted = (
            graph.entities.values()
            if only is None
            else [graph.entities[i] for i in sorted(set(only)) if i in graph.entities]
        )
        self._db = scratch.connect(in_memory=True)
        self._build((e.id, e.type, (e.name, *e.aliases), e.wikidata) for e in wanted)

    @classmethod
    def in_database(cls, db: sqlite3.Connection, entities: Iterable[EntityNames]) -> EntityMatcher:
        """A matcher of ``entities`` whose tables are made in ``db`` (which must not have them)."""
        matcher = cls.__new__(cls)
        matcher._db = db
        matcher._build(entities)
        return matcher

    def canonical(self, entity_id: str) -> str:
        """A stable representative of the entity's cluster, its smallest id (the entity itself
        if unknown)."""
        row = self._db.execute(
            "SELECT parent FROM match_parent WHERE id = ?", (entity_id,)
        ).fetchone()
        return entity_id if row is None else str(row[0])

    def same(self, a: str, b: str) -> bool:
        """Whether two entity ids name the same thing."""
        return a == b or self.canonical(a) == self.canonical(b)

    # Building: a union-find over ``match_parent``; at the end every id points at its root.

    def _find(self, entity_id: str) -> str:
        path = []
        while True:
            (parent,) = self._db.execute(
                "SELECT parent FROM match_parent WHERE id = ?", (entity_id,)
            ).fetchone()
            if parent == entity_id:
                break
            path.append(entity_id)
            entity_id = parent
        if len(path) > 1:  # path compression
            self._db.executemany(
                "UPDATE match_parent SET parent = ? WHERE id = ?", [(entity_id, p) for p in path]
            )
        return str(entity_id)

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self._db.execute("UPDATE match_parent SET parent = ? WHERE id = ?", (low, high))

    def _build(self, entities: Iterable[EntityNames]) -> None:
        db = self._db
        scratch.create(db, _SCHEMA)
        for chunk in scratch.batched(entities, 1000):
            db.executemany(
                "INSERT OR IGNORE INTO match_parent VALUES (?, ?)", [(e[0], e[0]) for e in chunk]
            )
            db.executemany("INSERT INTO match_key VALUES (?, ?, ?, ?)", _key_rows(chunk))
        # 1 and 2: the same key (a folded name or alias, or a Wikidata id).
        rows = db.execute("SELECT type, key, id FROM match_key ORDER BY type, key, id")
        for _, group in groupby(rows, key=lambda row: (row[0], row[1])):
            first, *others = (row[2] for row in group)
            for other in others:
                self._union(first, other)
        # 3 and 4.
        self._fuzzy_people()
        types = [t for (t,) in db.execute("SELECT DISTINCT type FROM match_key ORDER BY type")]
        for type_ in types:
            if type_ != EntityType.PERSON.value:
                self._prefix_clubs(type_)
        self._point_at_roots()

    def _names(self, type_: str, order: str) -> sqlite3.Cursor:
        """``(key, last word, one id)`` for each name key of the type (no Wikidata keys)."""
        return self._db.execute(
            "SELECT key, last, MIN(id) FROM match_key "
            "WHERE type = ? AND key != '' AND key NOT LIKE 'wd:%' "
            f"GROUP BY key ORDER BY {order}",
            (type_,),
        )

    def _fuzzy_people(self) -> None:
        rows = self._names(EntityType.PERSON.value, "last, key")
        for _, members in groupby(rows, key=lambda row: row[1]):
            block = [(key, id_) for key, _, id_ in members]
            names = [key for key, _ in block]
            for i, (a, first) in enumerate(block):
                # One call per name compares it with the rest of its block inside rapidfuzz:
                # blocks of a common surname hold thousands of names in a large archive.
                for b, _, j in extract(
                    a,
                    names[i + 1 :],
                    scorer=token_sort_ratio,
                    score_cutoff=FUZZY_THRESHOLD,
                    limit=None,
                ):
                    if same_person(a, b):
                        self._union(first, block[i + 1 + j][1])

    def _prefix_clubs(self, type_: str) -> None:
        for short, _, first in self._names(type_, "key"):
            words = short.split()
            if len(words) == 1 and words[0] in GENERIC:
                continue
            # Every longer key whose first words are this one's: ``short + " "`` and then
            # more (keys hold only [a-z0-9 ], and "!" sorts just after the space).
            longer = [
                id_
                for key, id_ in self._db.execute(
                    "SELECT key, MIN(id) FROM match_key WHERE type = ? AND key > ? AND key < ? "
                    "GROUP BY key ORDER BY key",
                    (type_, short + " ", short + "!"),
                )
                if not RESERVES.intersection(key.split())
            ]
            clusters = {self._find(id_) for id_ in longer}
            if len(clusters) == 1:
                self._union(first, longer[0])

    def _point_at_roots(self) -> None:
        """Point every id at its cluster's root, so :meth:`canonical` needs one lookup."""
        after = ""
        while True:
            ids_ = [
                i
                for (i,) in self._db.execute(
                    "SELECT id FROM match_parent WHERE id > ? ORDER BY id LIMIT 1000", (after,)
                )
            ]
            if not ids_:
                return
            for i in ids_:
                self._find(i)
            after = ids_[-1]


def _key_rows(entities: Iterable[EntityNames]) -> Iterator[tuple[str, str, str, str | None]]:
    for id_, type_, names, wikidata in entities:
        for key in {name_key(name, type_) for name in names}:
            yield type_.value, key, id_, key.rsplit(" ", 1)[-1] if key else None
        if wikidata:
            yield type_.value, "wd:" + wikidata, id_, None
