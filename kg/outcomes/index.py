"""What claims are resolved against: outcome records, their events and the entities' clusters.

Resolving a claim looks at the outcomes of the same person and club, at the person's other
moves and at the club's appointments, anywhere in the archive. An :class:`OutcomeIndex` gathers
these as a store's claims stream past it page by page (:meth:`OutcomeIndex.add`), then matches
the entities and derives the events (:meth:`OutcomeIndex.finish`). Everything that grows with
the archive (entities, outcome records, events) is kept in a private temporary SQLite database
(:mod:`kg.store.workspace`), so memory holds one page of claims and SQLite's cache, however many
claims, entities and outcomes there are. The sources, a few hundred outlets and journalists,
stay in memory for the reasons' wording and the source records.

It also keeps what the outcome data *covers*: for each outcome document, the period (declared
in ``Document.covers_from``/``covers_to``, else its outcomes' earliest and latest dates) and the
matched people and clubs (the names it declares in ``Document.covers``, else, or for a declared
competition, those its outcomes name). :meth:`OutcomeIndex.covering` asks whether any of it covers
a person or a club on a given day, so that silence refutes only where someone was looking.

Queries return :class:`Event` objects, earliest first (:meth:`Event.key`). A club's appointments
are indexed in *tiers* by how long their date range is (a day, a week, two months …, see
:data:`_TIER_BITS`), each by start date: the first appointment in a claim's window is the
earliest of one short index seek per tier, so it costs the appointments near the window, not all
those of the club's history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kg.model import Claim, ClaimGraph, Entity, Source
from kg.outcomes.claims import (
    is_loan,
    is_managerial,
    is_outcome,
    mover_and_place,
    names_of_sources,
)
from kg.outcomes.matching import EntityMatcher
from kg.resolve.keys import name_key
from kg.store import workspace as scratch
from kg.vocab import EntityType, Kind


@dataclass(frozen=True, slots=True)
class Outcome:
    """What resolution needs of one outcome claim, without the claim itself.

    ``mover`` and ``place`` are entity ids as stored (before matching), with their names for
    the reasons that cite the outcome; ``sources`` are the claim's source ids, origin first.
    """

    id: str
    predicate: str
    kind: Kind
    mover: str
    place: str
    stated_at: date | None
    valid_from: date | None
    valid_to: date | None
    loan: bool | None
    managerial: bool
    sources: tuple[str, ...]
    mover_name: str
    place_name: str

    @classmethod
    def of(cls, claim: Claim, graph: ClaimGraph) -> Outcome | None:
        """The outcome record of ``claim`` (an outcome claim), or None if it names no mover."""
        pair = mover_and_place(claim, graph)
        if pair is None:
            return None
        return cls(
            claim.id,
            claim.predicate,
            claim.kind,
            *pair,
            claim.stated_at,
            claim.valid_from,
            claim.valid_to,
            is_loan(claim),
            is_managerial(claim),
            tuple(claim.attributed_to),
            graph.entities[pair[0]].name,
            graph.entities[pair[1]].name,
        )


@dataclass(frozen=True, slots=True)
class Event:
    """An arrival or departure taken from an outcome, dated to a range ``[lo, hi]``.

    ``outcome`` is the id of the outcome claim it comes from (:meth:`OutcomeIndex.outcome` reads
    its record, needed only to word the reason of the claim it decides); ``mover`` and ``place``
    are matched (canonical) entity ids.
    """

    outcome: str
    mover: str
    place: str
    arrive: bool
    lo: date
    hi: date
    loan: bool | None
    managerial: bool
    returning: bool

    def overlaps(self, start: date, end: date) -> bool:
        return self.lo <= end and self.hi >= start

    def key(self) -> tuple[date, str]:
        """The order events are searched in: earliest first, ties by outcome id."""
        return self.lo, self.outcome


def _dates(outcome: Outcome) -> tuple[date, date] | None:
    """The range in which a move or departure outcome happened or was announced."""
    points = [d for d in (outcome.stated_at, outcome.valid_from) if d is not None]
    if not points:
        return None
    lo = min(points)
    hi = outcome.valid_to or outcome.valid_from or outcome.stated_at
    assert hi is not None
    return lo, max(lo, hi)


def events_of(outcome: Outcome, mover: str, place: str, managerial: bool) -> Iterator[Event]:
    """The arrivals and departures an outcome records, for its matched mover and place.

    Move outcomes are arrivals and departure outcomes departures, dated ``[stated_at or
    valid_from, valid_to or valid_from]`` (tables that know only the window give its two ends);
    a role outcome (a tenure) is an arrival at ``valid_from`` and, when closed, a departure at
    ``valid_to``.
    """

    def event(arrive: bool, lo: date, hi: date, loan: bool | None, returning: bool) -> Event:
        return Event(outcome.id, mover, place, arrive, lo, hi, loan, managerial, returning)

    if outcome.kind in (Kind.MOVE, Kind.DEPARTURE):
        span = _dates(outcome)
        if span is not None:
            returning = outcome.predicate == "returns_to"
            yield event(outcome.kind is Kind.MOVE, *span, outcome.loan, returning)
    elif outcome.kind is Kind.ROLE:
        if outcome.valid_from is not None:
            yield event(True, outcome.valid_from, outcome.valid_from, None, False)
        if outcome.valid_to is not None:
            yield event(False, outcome.valid_to, outcome.valid_to, None, False)


@dataclass(frozen=True, slots=True)
class Known:
    """What the index knows of an entity a claim names: its matched id, and whether it (or an
    entity matched with it) is shown in a manager's job by an outcome (never by a rumour's
    roles)."""

    canonical: str
    coach: bool


#: Claim kinds whose entities take part in matching.
_MATCHED_KINDS = frozenset({Kind.MOVE, Kind.INTEREST, Kind.DEPARTURE, Kind.ROLE})
#: Kinds of outcome claim that give arrival and departure events.
_EVENT_KINDS = frozenset({Kind.MOVE, Kind.DEPARTURE, Kind.ROLE})
#: The entity types a declared covered name is read as (their name keys differ).
_COVER_TYPES = (EntityType.CLUB, EntityType.PERSON)
#: Separates source ids in the ``outcome.sources`` column (ids never contain it).
_SEP = "\x1f"

_SCHEMA = """
CREATE TABLE entity (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
    wikidata TEXT, involved INTEGER NOT NULL DEFAULT 0, manager INTEGER NOT NULL DEFAULT 0,
    canonical TEXT, coach INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outcome (
    id TEXT PRIMARY KEY, predicate TEXT NOT NULL, kind TEXT NOT NULL, mover TEXT NOT NULL,
    place TEXT NOT NULL, stated_at INTEGER, valid_from INTEGER, valid_to INTEGER, loan INTEGER,
    managerial INTEGER NOT NULL, sources TEXT NOT NULL, mover_name TEXT NOT NULL,
    place_name TEXT NOT NULL
);
CREATE TABLE event (
    outcome TEXT NOT NULL, mover TEXT NOT NULL, place TEXT NOT NULL, arrive INTEGER NOT NULL,
    lo INTEGER NOT NULL, hi INTEGER NOT NULL, loan INTEGER, managerial INTEGER NOT NULL,
    comeback INTEGER NOT NULL, tier INTEGER NOT NULL
);
CREATE INDEX event_by_mover
    ON event (mover, lo, outcome, place, arrive, hi, loan, managerial, comeback);
CREATE INDEX event_by_place ON event (place, lo);
CREATE INDEX appointment ON event (place, tier, lo, outcome, hi, mover)
    WHERE arrive = 1 AND managerial = 1;
CREATE TABLE wanted (
    mover TEXT NOT NULL, place TEXT NOT NULL, since INTEGER NOT NULL, until INTEGER NOT NULL
);
CREATE TABLE cover (
    doc TEXT PRIMARY KEY, lo INTEGER, hi INTEGER, declared_lo INTEGER, declared_hi INTEGER,
    names TEXT NOT NULL, competitions TEXT NOT NULL
);
CREATE TABLE cover_entity (doc TEXT NOT NULL, entity TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (doc, entity, source)) WITHOUT ROWID;
CREATE TABLE cover_named (canonical TEXT PRIMARY KEY, source TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE covered (entity TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    source TEXT NOT NULL);
CREATE INDEX covered_by_entity ON covered (entity, hi, lo)
"""

_INSERT_OUTCOME = "INSERT OR IGNORE INTO outcome VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#: An event, as :func:`_event` reads it.
_EVENT_COLUMNS = "outcome, mover, place, arrive, lo, hi, loan, managerial, comeback"
#: The events that can decide the claims in ``wanted`` (:meth:`OutcomeIndex.moves`), each once.
_MOVES = (
    "SELECT DISTINCT e.rowid, "
    + ", ".join(f"e.{c}" for c in _EVENT_COLUMNS.split(", "))
    + " FROM wanted w JOIN event e ON e.mover = w.mover "
    "WHERE e.place = w.place OR (e.arrive = 1 AND e.lo <= w.until AND e.hi >= w.since) "
    "ORDER BY e.mover, e.lo, e.outcome, e.arrive"
)
#: Appointments are kept in tiers by how long they last: tier t holds those of less than
#: 2 ** (3 * t) days (a day, a week, two months, a year and a half …).
_TIER_BITS = 3


def _tier(days: int) -> int:
    """The tier of an event lasting ``days`` (see :data:`_TIER_BITS`).

    >>> [_tier(d) for d in (0, 1, 7, 8, 63, 64, 511, 512)]
    [0, 1, 1, 2, 2, 3, 3, 4]
    """
    return (days.bit_length() + _TIER_BITS - 1) // _TIER_BITS


def _day(value: int | None) -> date | None:
    return None if value is None else date.fromordinal(value)


def _ordinal(value: date | None) -> int | None:
    return None if value is None else value.toordinal()


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _outcome_row(o: Outcome) -> tuple[Any, ...]:
    return (
        o.id,
        o.predicate,
        o.kind.value,
        o.mover,
        o.place,
        _ordinal(o.stated_at),
        _ordinal(o.valid_from),
        _ordinal(o.valid_to),
        o.loan,
        o.managerial,
        _SEP.join(o.sources),
        o.mover_name,
        o.place_name,
    )


_KINDS = {k.value: k for k in Kind}
_TYPES = {t.value: t for t in EntityType}


def _outcome(row: tuple[Any, ...]) -> Outcome:
    (id_, predicate, kind, mover, place, stated, start, end, loan, managerial, sources, *names) = (
        row
    )
    return Outcome(
        id_,
        predicate,
        _KINDS[kind],
        mover,
        place,
        _day(stated),
        _day(start),
        _day(end),
        _flag(loan),
        bool(managerial),
        tuple(sources.split(_SEP)) if sources else (),
        *names,
    )


def _event(row: tuple[Any, ...]) -> Event:
    outcome, mover, place, arrive, lo, hi, loan, managerial, returning = row
    return Event(
        outcome,
        mover,
        place,
        bool(arrive),
        date.fromordinal(lo),
        date.fromordinal(hi),
        _flag(loan),
        bool(managerial),
        bool(returning),
    )


class OutcomeIndex:
    """The outcomes, events and entity clusters claims are resolved against (module docstring).

    Fill it with the entities (:meth:`add_entities`), then every page of claims (:meth:`add`),
    then call :meth:`finish` once before the queries. Close it to delete its file.
    """

    def __init__(
        self,
        sources: dict[str, Source],
        *,
        in_memory: bool = False,
        workspace: scratch.Workspace | None = None,
    ) -> None:
        self.sources = sources
        #: In the run's workspace when given (its tables are dropped on close), else its own.
        self._shared = workspace is not None
        self._db = workspace.db if workspace is not None else scratch.connect(in_memory=in_memory)
        scratch.create(self._db, _SCHEMA)
        #: The latest date of any outcome claim: outcomes are known up to this day.
        self.latest: date | None = None
        self.outcomes = 0
        self.events = 0
        self._finished = False
        #: The tiers that hold appointments, and the query that looks in each (made on use).
        self._tiers: set[int] = set()
        self._appointed_query: str | None = None
        #: The sources of the loaded outcome data (after :meth:`finish`).
        self.sources_of_outcomes: list[str] = []
        #: The entities themselves when they are in memory anyway (:meth:`of`).
        self._entities: dict[str, Entity] | None = None

    @classmethod
    def of(cls, graph: ClaimGraph) -> OutcomeIndex:
        """The finished index of a whole in-memory graph (kept in memory too)."""
        index = cls(graph.sources, in_memory=True)
        index._entities = graph.entities
        index.add_entities(graph.entities.values())
        index.add(graph)
        index.finish()
        return index

    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Record entities (all of them, before the first page of claims)."""
        self._db.executemany(
            "INSERT OR REPLACE INTO entity (id, type, name, aliases, wikidata) "
            "VALUES (?, ?, ?, ?, ?)",
            ((e.id, e.type.value, e.name, json.dumps(e.aliases), e.wikidata) for e in entities),
        )

    def view(
        self, page: ClaimGraph, claims: Iterable[Claim] | None = None
    ) -> tuple[ClaimGraph, dict[str, Known]]:
        """The page with the entities its claims name (id, type and name only), and what the
        index knows of each (one query per 900 entities, not one per claim); ``claims`` limits
        the entities to those these claims of the page name."""
        if claims is None:
            claims = page.claims.values()
        wanted = {i for c in claims for i in (c.subject, c.object) if i}
        entities: dict[str, Entity] = {}
        known: dict[str, Known] = {}
        for chunk in scratch.batched(wanted, scratch.IN_CHUNK):
            for id_, type_, name, canonical, coach in self._db.execute(
                "SELECT id, type, name, canonical, coach FROM entity "
                f"WHERE id IN ({scratch.marks(len(chunk))})",
                chunk,
            ):
                entities[id_] = (
                    self._entities[id_]
                    if self._entities is not None
                    else Entity.model_construct(
                        id=id_, type=_TYPES[type_], name=name, aliases=[], wikidata=None
                    )
                )
                known[id_] = Known(canonical or id_, bool(coach))
        view = ClaimGraph.model_construct(
            entities=entities, sources=self.sources, documents=page.documents, claims=page.claims
        )
        return view, known

    def add(self, page: ClaimGraph) -> None:
        """Take what resolution needs from one page of claims: the outcome records, the
        entities that take part in matching, the people shown in a manager's job and the
        latest date any outcome knows."""
        if self._finished:
            raise RuntimeError("claims were added to an outcome index after finish()")
        # Only managers' and outcome claims need their entities' types.
        view, _ = self.view(
            page, [c for c in page.claims.values() if is_outcome(c) or is_managerial(c)]
        )
        involved: set[str] = set()
        managers: set[str] = set()
        outcomes: list[tuple[Any, ...]] = []
        for claim in page.claims.values():
            if claim.kind in _MATCHED_KINDS:
                involved.add(claim.subject)
                if claim.object is not None:
                    involved.add(claim.object)
            if is_managerial(claim) and is_outcome(claim):  # never from a rumour's roles
                pair = mover_and_place(claim, view)
                if pair is not None:
                    managers.add(pair[0])
            if not is_outcome(claim):
                continue
            days = [d for d in (claim.stated_at, claim.valid_from, claim.valid_to) if d]
            for day in days:
                if self.latest is None or day > self.latest:
                    self.latest = day
            self._cover(claim, page, view, days)
            if claim.kind in _EVENT_KINDS:
                outcome = Outcome.of(claim, view)
                if outcome is not None:
                    outcomes.append(_outcome_row(outcome))
        db = self._db
        db.executemany("UPDATE entity SET involved = 1 WHERE id = ?", ((i,) for i in involved))
        db.executemany("UPDATE entity SET manager = 1 WHERE id = ?", ((i,) for i in managers))
        before = db.total_changes
        db.executemany(_INSERT_OUTCOME, outcomes)
        self.outcomes += db.total_changes - before

    def _cover(self, claim: Claim, page: ClaimGraph, view: ClaimGraph, days: list[date]) -> None:
        """Note what an outcome claim's document covers: its period, from the dates of its
        outcomes unless declared, and the people and clubs its outcomes name."""
        document = page.documents.get(claim.document)
        declared = document if document is not None and document.outcomes else None
        source = ", ".join(names_of_sources(claim.attributed_to, view)) or claim.document
        lo = _ordinal(min(days)) if days else None
        hi = _ordinal(max(days)) if days else None
        self._db.execute(
            "INSERT INTO cover VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc) DO UPDATE SET "
            "lo = min(coalesce(lo, excluded.lo), coalesce(excluded.lo, lo)), "
            "hi = max(coalesce(hi, excluded.hi), coalesce(excluded.hi, hi))",
            (
                claim.document,
                lo,
                hi,
                _ordinal(declared.covers_from) if declared else None,
                _ordinal(declared.covers_to) if declared else None,
                json.dumps(declared.covers if declared else []),
                json.dumps(declared.covers_competitions if declared else []),
            ),
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO cover_entity VALUES (?, ?, ?)",
            [(claim.document, e, source) for e in (claim.subject, claim.object) if e],
        )

    def _coverage(self) -> None:
        """Which matched entities each outcome source covers, and over which period: the names
        it declares (``Document.covers``), else (or for a declared competition, whose clubs
        are those its outcomes name) the people and clubs its own outcomes name.

        Each covered entity keeps the source that reasons name as covering it: the source of
        the document's outcomes that name it (the first by name), else, for a declared name
        that none of them names, all the document's sources. One outcome file can hold several
        sources' announcements, and the club's own is the one that covers the club.
        """
        db = self._db
        rows = db.execute(
            "SELECT doc, coalesce(declared_lo, lo), coalesce(declared_hi, hi), names, "
            "competitions FROM cover"
        ).fetchall()
        labels: list[str] = []
        for doc, lo, hi, names, competitions in rows:
            sources = [
                s
                for (s,) in db.execute(
                    "SELECT DISTINCT source FROM cover_entity WHERE doc = ? ORDER BY source",
                    (doc,),
                )
            ]
            label = ", ".join(sources) or doc
            labels.append(label)
            if lo is None or hi is None:
                continue
            db.execute("DELETE FROM cover_named")
            db.execute(
                "INSERT INTO cover_named SELECT coalesce(e.canonical, c.entity), min(c.source) "
                "FROM cover_entity c LEFT JOIN entity e ON e.id = c.entity WHERE c.doc = ? "
                "GROUP BY 1",
                (doc,),
            )
            declared = json.loads(names)
            keys = {name_key(n, t) for n in declared for t in _COVER_TYPES}
            for chunk in scratch.batched(sorted(keys), scratch.IN_CHUNK):
                db.execute(
                    "INSERT INTO covered SELECT DISTINCT coalesce(e.canonical, k.id), ?, ?, "
                    "coalesce(n.source, ?) FROM match_key k LEFT JOIN entity e ON e.id = k.id "
                    "LEFT JOIN cover_named n ON n.canonical = coalesce(e.canonical, k.id) "
                    f"WHERE k.key IN ({scratch.marks(len(chunk))})",
                    (lo, hi, label, *chunk),
                )
            if not declared or json.loads(competitions):
                db.execute(
                    "INSERT INTO covered SELECT canonical, ?, ?, source FROM cover_named",
                    (lo, hi),
                )
        self.sources_of_outcomes = labels

    def covering(self, entities: Iterable[str], day: date) -> str | None:
        """The outcome source that covers one of these matched entities on ``day`` (the day a
        claim's window closes), or None when no loaded outcome data does."""
        wanted = list(dict.fromkeys(entities))
        row = self._db.execute(
            f"SELECT source FROM covered WHERE entity IN ({scratch.marks(len(wanted))}) "
            "AND lo <= ? AND hi >= ? ORDER BY source LIMIT 1",
            (*wanted, day.toordinal(), day.toordinal()),
        ).fetchone()
        return None if row is None else str(row[0])

    def witness(self, mover: str, place: str, start: date, end: date) -> Event | None:
        """What the outcome data records of this (matched) person, else of this club, inside
        ``[start, end]``, earliest first: the outcome cited when a covered claim's window closes
        with nothing matching it ("in that window, X joined Y")."""
        for column, value in (("mover", mover), ("place", place)):
            row = self._db.execute(
                f"SELECT {_EVENT_COLUMNS} FROM event WHERE {column} = ? AND lo <= ? AND hi >= ? "
                "ORDER BY lo, outcome LIMIT 1",
                (value, end.toordinal(), start.toordinal()),
            ).fetchone()
            if row is not None:
                return _event(row)
        return None

    def finish(self) -> None:
        """Match the entities the claims involve, mark the coaches and derive the events."""
        if self._finished:
            return
        self._finished = True
        db = self._db

        def involved() -> Iterator[tuple[str, EntityType, tuple[str, ...], str | None]]:
            for id_, type_, name, aliases, wikidata in db.execute(
                "SELECT id, type, name, aliases, wikidata FROM entity WHERE involved = 1"
            ):
                yield id_, _TYPES[type_], (name, *json.loads(aliases)), wikidata

        EntityMatcher.in_database(db, involved())
        db.execute(
            "UPDATE entity SET canonical = coalesce("
            "(SELECT parent FROM match_parent WHERE match_parent.id = entity.id), id)"
        )
        db.execute("CREATE INDEX entity_by_canonical ON entity (canonical)")
        self._coverage()
        db.execute(
            "UPDATE entity SET coach = 1 "
            "WHERE canonical IN (SELECT canonical FROM entity WHERE manager = 1)"
        )
        rows = db.execute(
            "SELECT o.*, coalesce(m.canonical, o.mover), coalesce(p.canonical, o.place), "
            "coalesce(m.coach, 0) FROM outcome o "
            "LEFT JOIN entity m ON m.id = o.mover LEFT JOIN entity p ON p.id = o.place"
        ).fetchmany
        while batch := rows(1000):
            events: list[Event] = []
            for *record, mover, place, coach in batch:
                outcome = _outcome(tuple(record))
                events.extend(events_of(outcome, mover, place, outcome.managerial or bool(coach)))
            self._index(events)

    def add_events(self, outcomes: Iterable[Outcome], events: Iterable[Event]) -> None:
        """Index outcome records and events as they are (:meth:`finish` derives the events from
        the outcome claims; this is for events made by hand)."""
        self._db.executemany(_INSERT_OUTCOME, (_outcome_row(o) for o in outcomes))
        self._index(events)

    def _index(self, events: Iterable[Event]) -> None:
        db = self._db
        for e in events:
            lo, hi = e.lo.toordinal(), e.hi.toordinal()
            tier = _tier(hi - lo)
            db.execute(
                "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e.outcome,
                    e.mover,
                    e.place,
                    e.arrive,
                    lo,
                    hi,
                    e.loan,
                    e.managerial,
                    e.returning,
                    tier,
                ),
            )
            self.events += 1
            if e.arrive and e.managerial and tier not in self._tiers:
                self._tiers.add(tier)
                self._appointed_query = None

    def moves(self, wanted: Iterable[tuple[str, str, date, date]]) -> dict[str, list[Event]]:
        """The moves that can decide claims about these (matched) people and places, by person,
        earliest first: for each ``(person, place, start, end)``, every arrival at and departure
        from the place, whenever it happened, and every arrival anywhere overlapping
        ``[start, end]``. A page of claims asks for all its claims at once.

        Only the person's moves near a claim's window are read, not the person's whole history:
        a claim is decided by its place's moves and by arrivals elsewhere inside its window
        (:func:`kg.outcomes.resolution._decide`).
        """
        db = self._db
        db.execute("DELETE FROM wanted")
        db.executemany(
            "INSERT INTO wanted VALUES (?, ?, ?, ?)",
            ((m, p, start.toordinal(), end.toordinal()) for m, p, start, end in wanted),
        )
        out: dict[str, list[Event]] = {}
        for _, *row in db.execute(_MOVES):
            event = _event(tuple(row))
            out.setdefault(event.mover, []).append(event)
        return out

    def appointed(self, place: str, other_than: str, start: date, end: date) -> Event | None:
        """The club's earliest appointment of a manager other than ``other_than`` overlapping
        ``[start, end]``."""
        if not self._tiers:
            return None
        if self._appointed_query is None:
            # One seek per tier: an event of tier t lasts less than 2 ** (3 * t) days, so one
            # that overlaps the window starts at most that many days, less one, before it.
            # The seeks read only the index; the one event found is then read from the table.
            firsts = " UNION ALL ".join(
                "SELECT * FROM (SELECT e.rowid AS event, e.lo AS lo, e.outcome AS outcome "
                "FROM event e WHERE e.arrive = 1 AND e.managerial = 1 AND e.place = :place "
                f"AND e.tier = {tier} "
                f"AND e.lo BETWEEN :start - {(1 << (_TIER_BITS * tier)) - 1} AND :end "
                "AND e.hi >= :start AND e.mover != :other ORDER BY e.lo, e.outcome LIMIT 1)"
                for tier in sorted(self._tiers)
            )
            self._appointed_query = (
                f"SELECT {_EVENT_COLUMNS} FROM event "
                f"WHERE rowid = (SELECT event FROM ({firsts}) ORDER BY lo, outcome LIMIT 1)"
            )
        row = self._db.execute(
            self._appointed_query,
            {
                "place": place,
                "start": start.toordinal(),
                "end": end.toordinal(),
                "other": other_than,
            },
        ).fetchone()
        return None if row is None else _event(row)

    def outcome(self, outcome_id: str) -> Outcome:
        """The record of an outcome an event comes from."""
        row = self._db.execute("SELECT * FROM outcome WHERE id = ?", (outcome_id,)).fetchone()
        if row is None:
            raise KeyError(outcome_id)
        return _outcome(row)

    def close(self) -> None:
        """Delete the index's tables (its own database, unless it lives in a run's workspace)."""
        if not self._shared:
            self._db.close()
            return
        for (table,) in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
            "('entity', 'outcome', 'event', 'wanted', 'cover', 'cover_entity', 'cover_named', "
            "'covered', 'match_parent', 'match_key')"
        ).fetchall():
            self._db.execute(f"DROP TABLE {table}")

    def __enter__(self) -> OutcomeIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
