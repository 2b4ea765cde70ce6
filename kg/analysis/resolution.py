"""Claim resolution: confirm or refute move, interest and departure claims with what happened.

The rules, for a claim about person P and club C made on day d (``stated_at`` or the document's
date):

* Its *window* runs from ``d - lookback`` to its deadline: the end of the next transfer window
  after d by default (:mod:`kg.analysis.windows`), or ``valid_from ± date_tolerance`` when the claim
  names a date ("sacked on 26 April").
* **confirmed** when an outcome shows P arriving at C (for a move or interest claim) or leaving C
  (for a departure) inside the window. A loan does not confirm a permanent move or the reverse.
* **refuted** when a contradicting outcome occurs inside the window: P joins another club, or, for
  a manager's job, C appoints someone else; the move happens on other terms (a loan for a
  permanent move); the departure happens, but far from the date claimed. A return from loan
  decides only a claim that the player returns. Also refuted when the
  window has closed (``as_of`` past the deadline) with no matching outcome.
* **open** otherwise. A claim that denies the move ("not Xabi Alonso") gets the opposite status.

``as_of`` is the day outcomes are known up to; by default the latest date of any outcome in the
graph, so a graph with no outcomes leaves everything open. Entities match through
:class:`kg.analysis.matching.EntityMatcher`. Outcome claims themselves are ``confirmed``.

>>> from kg.analysis.examples import tiny_graph
>>> for r in resolve_claims(tiny_graph()):
...     print(r.status.value, "-", r.reason)  # doctest: +NORMALIZE_WHITESPACE
confirmed - outcome of record (Real Madrid (official))
confirmed - Xabi Alonso was appointed by Real Madrid on 2025-06-01
  (announced 2025-05-25; source: Real Madrid (official)), within the window ending 2025-09-01
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kg.analysis.claims import (
    claim_date,
    is_loan,
    is_managerial,
    is_outcome,
    is_resolvable,
    mover_and_place,
    names_of_sources,
    negated,
    source_names,
)
from kg.analysis.matching import EntityMatcher
from kg.analysis.windows import TRANSFER_WINDOWS, Window, deadline
from kg.model import Claim, ClaimGraph
from kg.vocab import PREDICATES, Kind, Status


@dataclass(frozen=True)
class Resolution:
    """The status of one claim, why, and which outcome decided it (None: the window closed)."""

    claim: str
    status: Status
    reason: str
    resolved_by: str | None = None
    deadline: date | None = None
    outcome: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What resolution needs of one outcome claim, without the claim itself.

    ``mover`` and ``place`` are entity ids as stored (before matching); ``sources`` are the
    claim's source ids, origin first. Keeping these few fields instead of the claim keeps the
    :class:`OutcomeContext` small on a large graph.
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
        )


@dataclass(frozen=True, slots=True)
class Event:
    """An arrival or departure taken from an outcome, dated to a range ``[lo, hi]``.

    ``mover`` and ``place`` are matched (canonical) entity ids.
    """

    outcome: Outcome
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
        return self.lo, self.outcome.id


def _dates(outcome: Outcome) -> tuple[date, date] | None:
    """The range in which a move or departure outcome happened or was announced."""
    points = [d for d in (outcome.stated_at, outcome.valid_from) if d is not None]
    if not points:
        return None
    lo = min(points)
    hi = outcome.valid_to or outcome.valid_from or outcome.stated_at
    assert hi is not None
    return lo, max(lo, hi)


def outcome_events(
    outcomes: Iterable[Outcome], matcher: EntityMatcher, coaches: set[str]
) -> Iterator[Event]:
    """Arrivals and departures recorded by outcome claims.

    Move outcomes are arrivals and departure outcomes departures, dated ``[stated_at or
    valid_from, valid_to or valid_from]`` (tables that know only the window give its two ends);
    a role outcome (a tenure) is an arrival at ``valid_from`` and, when closed, a departure at
    ``valid_to``.
    """
    for outcome in outcomes:
        mover, place = matcher.canonical(outcome.mover), matcher.canonical(outcome.place)
        yield from _events_of(outcome, mover, place, outcome.managerial or mover in coaches)


def _events_of(outcome: Outcome, mover: str, place: str, managerial: bool) -> Iterator[Event]:
    def event(arrive: bool, lo: date, hi: date, loan: bool | None, returning: bool) -> Event:
        return Event(outcome, mover, place, arrive, lo, hi, loan, managerial, returning)

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


class Timeline:
    """Events found by the span they overlap, earliest first (:meth:`Event.key`).

    The events are kept in tiers by how long they last (a day, up to two days, up to four …),
    each sorted by start date, so a bisection skips every event of a tier that ends before the
    span: finding the first overlapping event costs the events near the span, not all the
    events of a busy club.
    """

    __slots__ = ("tiers",)

    def __init__(self, events: Iterable[Event]) -> None:
        by_reach: dict[int, list[Event]] = defaultdict(list)
        for event in sorted(events, key=Event.key):
            by_reach[(event.hi - event.lo).days.bit_length()].append(event)
        #: ``(longest duration, start dates, events)`` per tier.
        self.tiers = [
            (timedelta(days=(1 << bits) - 1), [e.lo for e in tier], tier)
            for bits, tier in by_reach.items()
        ]

    def first(self, start: date, end: date, accept: Callable[[Event], bool]) -> Event | None:
        """The earliest event overlapping ``[start, end]`` that ``accept`` takes."""
        found: Event | None = None
        for reach, starts, events in self.tiers:
            for i in range(bisect_left(starts, start - reach), len(events)):
                event = events[i]
                if event.lo > end or (found is not None and event.key() >= found.key()):
                    break
                if event.hi >= start and accept(event):
                    found = event
                    break
        return found


#: Claim kinds whose entities take part in matching (see :class:`OutcomeContext`).
_MATCHED_KINDS = frozenset({Kind.MOVE, Kind.INTEREST, Kind.DEPARTURE, Kind.ROLE})
#: Kinds of outcome claim that give arrival and departure events (:func:`outcome_events`).
_EVENT_KINDS = frozenset({Kind.MOVE, Kind.DEPARTURE, Kind.ROLE})


class OutcomeContext:
    """What claims are resolved against, gathered from the claims page by page.

    It keeps an :class:`Outcome` for each outcome claim that records a move, departure or job,
    the people the claims show in a manager's job, the latest date any outcome knows, and the
    ids of the entities that move, interest, departure and role claims involve: everything a
    claim's resolution looks at besides the claim itself. Its size follows the outcome records
    and the entities, not the number of rumours, so a store can stream its claims through
    :meth:`add` and then through :meth:`Resolver.resolve` one page at a time.
    """

    def __init__(self, names: ClaimGraph) -> None:
        #: Entities and sources, shared with ``names``; no claims.
        self.graph = ClaimGraph.model_construct(
            entities=names.entities, sources=names.sources, documents={}, claims={}
        )
        self.outcomes: list[Outcome] = []
        self.involved: set[str] = set()
        #: People shown in a manager's job by any claim (ids as stored, not yet matched).
        self.managers: set[str] = set()
        #: The latest date of any outcome claim: outcomes are known up to this day.
        self.latest: date | None = None

    @classmethod
    def of(cls, graph: ClaimGraph) -> OutcomeContext:
        """The context of a whole in-memory graph."""
        context = cls(graph)
        context.add(graph)
        return context

    def add(self, page: ClaimGraph) -> None:
        """Take what the context needs from one page of claims."""
        for claim in page.claims.values():
            if claim.kind in _MATCHED_KINDS:
                self.involved.add(claim.subject)
                if claim.object is not None:
                    self.involved.add(claim.object)
            if is_managerial(claim):
                pair = mover_and_place(claim, self.graph)
                if pair is not None:
                    self.managers.add(pair[0])
            if not is_outcome(claim):
                continue
            for day in (claim.stated_at, claim.valid_from, claim.valid_to):
                if day is not None and (self.latest is None or day > self.latest):
                    self.latest = day
            if claim.kind in _EVENT_KINDS:
                outcome = Outcome.of(claim, self.graph)
                if outcome is not None:
                    self.outcomes.append(outcome)


class Resolver:
    """Resolves claims against an :class:`OutcomeContext`: its events indexed by person, by person
    and place, and (managers' appointments) by club; the entity matcher; and the options of
    :func:`resolve_claims`."""

    def __init__(
        self,
        context: OutcomeContext,
        *,
        window: Window = TRANSFER_WINDOWS,
        as_of: date | None = None,
        date_tolerance: timedelta = timedelta(days=7),
        lookback: timedelta = timedelta(days=7),
    ) -> None:
        self.graph = context.graph
        self.matcher = EntityMatcher(self.graph, only=context.involved)
        self.coaches = {self.matcher.canonical(m) for m in context.managers}
        self.events = list(outcome_events(context.outcomes, self.matcher, self.coaches))
        by_mover: dict[str, list[Event]] = defaultdict(list)
        appointed_at: dict[str, list[Event]] = defaultdict(list)
        #: Each person's arrivals at and departures from each place, earliest first.
        self.between: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for event in sorted(self.events, key=Event.key):
            by_mover[event.mover].append(event)
            self.between[event.mover, event.place].append(event)
            if event.arrive and event.managerial:
                appointed_at[event.place].append(event)
        #: Each person's arrivals and departures.
        self.by_mover = {mover: Timeline(events) for mover, events in by_mover.items()}
        #: Each club's appointments of managers.
        self.appointed_at = {place: Timeline(events) for place, events in appointed_at.items()}
        self.as_of = as_of or context.latest
        self.window = window
        self.tolerance = date_tolerance
        self.lookback = lookback

    def name(self, entity_id: str) -> str:
        entity = self.graph.entities.get(entity_id)
        return entity.name if entity else entity_id

    def known(self, event: Event) -> bool:
        return self.as_of is not None and event.lo <= self.as_of

    def moves(self, mover: str, place: str) -> list[Event]:
        """The person's arrivals at and departures from the place, earliest first."""
        return self.between.get((mover, place), [])

    def resolve(self, page: ClaimGraph) -> list[Resolution]:
        """The resolutions of the page's outcome and resolvable claims, in the page's order.

        ``page`` holds claims and their documents; entities and sources come from the context.
        """
        view = ClaimGraph.model_construct(
            entities=self.graph.entities,
            sources=self.graph.sources,
            documents=page.documents,
            claims=page.claims,
        )
        out: list[Resolution] = []
        for claim in page.claims.values():
            if is_outcome(claim):
                names = ", ".join(source_names(claim, view)) or "no source"
                out.append(
                    Resolution(
                        claim.id, Status.CONFIRMED, f"outcome of record ({names})", outcome=True
                    )
                )
            elif is_resolvable(claim):
                decided = _decide(claim, claim_date(claim, view), self)
                if negated(claim) and decided.status is not Status.OPEN:
                    decided = Resolution(
                        claim.id,
                        _FLIP[decided.status],
                        "the claim denies the move, and " + decided.reason,
                        decided.resolved_by,
                        decided.deadline,
                    )
                out.append(decided)
        return out


def _verb(event: Event, ctx: Resolver) -> str:
    outcome = event.outcome
    predicate = outcome.predicate
    if event.arrive and predicate in PREDICATES and PREDICATES[predicate].kind is Kind.MOVE:
        verb = {
            "appointed_by": "was appointed by",
            "loaned_to": "was loaned to",
            "returns_to": "returned to",
        }.get(predicate, "joined")
    else:
        verb = "joined" if event.arrive else "left"
    when, notes = _when(event)
    names = names_of_sources(outcome.sources, ctx.graph)
    if names:
        notes.append("source: " + ", ".join(names))
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{verb} {ctx.name(outcome.place)} {when}{extra}"


def _when(event: Event) -> tuple[str, list[str]]:
    outcome = event.outcome
    if event.lo == event.hi:
        return f"on {event.lo.isoformat()}", []
    if outcome.kind is not Kind.ROLE and outcome.valid_to is None and outcome.valid_from:
        return f"on {outcome.valid_from.isoformat()}", [f"announced {event.lo.isoformat()}"]
    return f"between {event.lo.isoformat()} and {event.hi.isoformat()}", []


def _decide(claim: Claim, made: date | None, ctx: Resolver) -> Resolution:
    """The positive reading's status; the caller flips it for a claim that denies the move.

    ``made`` is the day the claim was made (:func:`~kg.analysis.claims.claim_date`).
    """
    pair = mover_and_place(claim, ctx.graph)
    if pair is None:
        return Resolution(claim.id, Status.OPEN, "no person and club to match outcomes against")
    if made is None:
        return Resolution(claim.id, Status.OPEN, "the claim has no date, so it has no window")
    mover = ctx.matcher.canonical(pair[0])
    place = ctx.matcher.canonical(pair[1])
    who = ctx.name(pair[0])
    arriving = claim.kind is not Kind.DEPARTURE
    dated = claim.valid_from is not None and claim.valid_from >= made - ctx.lookback
    if dated:
        assert claim.valid_from is not None
        start, end = claim.valid_from - ctx.tolerance, claim.valid_from + ctx.tolerance
    else:
        start, end = made - ctx.lookback, deadline(made, ctx.window)
    loan = is_loan(claim)
    same_place = [
        e
        for e in ctx.moves(mover, place)
        if e.arrive == arriving
        and ctx.known(e)
        and (not e.returning or claim.predicate == "returns_to")
    ]

    def done(status: Status, reason: str, event: Event | None = None) -> Resolution:
        return Resolution(claim.id, status, reason, event.outcome.id if event else None, end)

    for event in same_place:
        if event.overlaps(start, end) and (
            loan is None or event.loan is None or loan == event.loan
        ):
            return done(
                Status.CONFIRMED,
                f"{who} {_verb(event, ctx)}, within the window ending {end.isoformat()}",
                event,
            )
    for event in same_place:
        if event.overlaps(start, end):
            terms = "on loan" if event.loan else "on a permanent deal"
            return done(Status.REFUTED, f"{who} {_verb(event, ctx)}, but {terms}", event)
        if dated and event.hi >= made - ctx.lookback:
            assert claim.valid_from is not None
            return done(
                Status.REFUTED,
                f"{who} {_verb(event, ctx)}, not around {claim.valid_from.isoformat()} as claimed",
                event,
            )
    if arriving:
        rival = _rival(claim, who, mover, place, (start, end), ctx)
        if rival is not None:
            return done(Status.REFUTED, rival[1], rival[0])
    if ctx.as_of is not None and ctx.as_of >= end:
        return done(
            Status.REFUTED,
            f"no outcome shows it by {end.isoformat()}, when its window closed",
        )
    return done(Status.OPEN, f"its window is open until {end.isoformat()}")


def _rival(
    claim: Claim, who: str, mover: str, place: str, span: tuple[date, date], ctx: Resolver
) -> tuple[Event, str] | None:
    """The earliest outcome in the window that rules the move out: the person joining another
    club, or (for a manager's job) the club appointing another manager."""
    if ctx.as_of is None:
        return None
    start, end = span[0], min(span[1], ctx.as_of)  # only outcomes known by as_of count
    joined = appointed = None
    if (moves := ctx.by_mover.get(mover)) is not None:
        joined = moves.first(
            start, end, lambda e: e.arrive and e.place != place and not e.returning
        )
    if (is_managerial(claim) or mover in ctx.coaches) and (
        appointments := ctx.appointed_at.get(place)
    ) is not None:
        appointed = appointments.first(start, end, lambda e: e.mover != mover)
    if joined and (not appointed or joined.key() <= appointed.key()):
        return joined, f"{who} {_verb(joined, ctx)} instead"
    if appointed:
        return appointed, f"{ctx.name(appointed.outcome.mover)} {_verb(appointed, ctx)} instead"
    return None


_FLIP = {
    Status.CONFIRMED: Status.REFUTED,
    Status.REFUTED: Status.CONFIRMED,
    Status.OPEN: Status.OPEN,
}


def resolve_claims(
    graph: ClaimGraph,
    *,
    window: Window = TRANSFER_WINDOWS,
    as_of: date | None = None,
    date_tolerance: timedelta = timedelta(days=7),
    lookback: timedelta = timedelta(days=7),
) -> list[Resolution]:
    """The status of every move, interest and departure claim, and of every outcome, by claim id.

    ``window`` is a :class:`~kg.analysis.windows.TransferWindows` calendar or a fixed span after
    the claim; ``lookback`` lets an outcome announced just before the claim still count (gossip
    columns repeat yesterday's news); ``date_tolerance`` is the slack around a claimed date.
    """
    resolver = Resolver(
        OutcomeContext.of(graph),
        window=window,
        as_of=as_of,
        date_tolerance=date_tolerance,
        lookback=lookback,
    )
    return sorted(resolver.resolve(graph), key=lambda r: r.claim)
