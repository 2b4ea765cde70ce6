"""Claim resolution: confirm or refute move, interest and departure claims with what happened.

The rules, for a claim about person P and club C made on day d (``stated_at`` or the document's
date):

* Its *window* runs from ``d - lookback`` to its deadline: the end of the next transfer window
  after d by default (:mod:`kg.windows`), or ``valid_from ± date_tolerance`` when the claim
  names a date ("sacked on 26 April").
* **confirmed** when an outcome shows P arriving at C (for a move or interest claim) or leaving C
  (for a departure) inside the window. A loan does not confirm a permanent move or the reverse.
* **refuted** when a contradicting outcome occurs inside the window: P joins another club, or, for
  a manager's job, C appoints someone else; the move happens on other terms (a loan for a
  permanent move); the departure happens, but far from the date claimed. A return from loan
  decides only a claim that the player returns. A contradicting outcome refutes wherever it
  comes from. Also refuted when the window has closed (``as_of`` past the deadline) with no
  matching outcome, but only when the loaded outcome data *covers* P or C on the day the window
  closes (:meth:`kg.outcomes.index.OutcomeIndex.covering`): silence is evidence only where
  someone was looking.
* **open** otherwise, with the reason ("no outcome data covers P or C in that period", "its
  window is open until …"). A claim that denies the move ("not Xabi Alonso") gets the opposite
  status.

``as_of`` is the day outcomes are known up to; by default the latest date of any outcome in the
graph, so a graph with no outcomes leaves everything open. Outcomes are only the claims loaded as
outcome data (:func:`kg.outcomes.claims.is_outcome`). Entities match through
:class:`kg.outcomes.matching.EntityMatcher`. Outcome claims themselves are ``confirmed``.

>>> from kg.synthetic.cases import tiny_graph
>>> for r in resolve_claims(tiny_graph()):
...     print(r.status.value, "-", r.reason)  # doctest: +NORMALIZE_WHITESPACE
confirmed - outcome of record (Real Madrid (official))
confirmed - Xabi Alonso was appointed by Real Madrid on 2025-06-01
  (announced 2025-05-25; source: Real Madrid (official)), within the window ending 2025-09-01
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, partial
from typing import NamedTuple

from kg.model import Claim, ClaimGraph
from kg.outcomes.claims import (
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
from kg.outcomes.index import Event, Known, Outcome, OutcomeIndex
from kg.vocab import PREDICATES, Kind, Status
from kg.windows import TRANSFER_WINDOWS, Window, deadline


@dataclass(frozen=True)
class Resolution:
    """The status of one claim, why, and which outcome decided it (None: the window closed)."""

    claim: str
    status: Status
    reason: str
    resolved_by: str | None = None
    deadline: date | None = None
    outcome: bool = False


#: Outcome records, and the wording of events, that a resolver keeps for reuse (the most recently
#: used). Reasons cite a few outcomes again and again (89,000 citations of 5,000 records in 300k
#: synthetic claims, 94 % of them served from here), and at a million claims a record read from
#: the index misses SQLite's cache: 0.74x CPU for the resolve step there. A few MB at most.
RECENT = 4096


class _Span(NamedTuple):
    """A claim's window (:meth:`Resolver._window`): the day it was made, whether it names the
    day of the move, and the first and last day outcomes count."""

    made: date
    dated: bool
    start: date
    end: date


@dataclass(frozen=True)
class _Page:
    """A page of claims with what resolving them needs from the index: the page with its
    entities, what the index knows of them, each resolvable claim's mover and place (as
    stored) and window (:meth:`Resolver._window`, for the claims that have a mover, a place
    and a date), and the movers' moves that can decide these claims (by matched id, earliest
    first; :meth:`~kg.outcomes.index.OutcomeIndex.moves`)."""

    view: ClaimGraph
    known: dict[str, Known]
    pairs: dict[str, tuple[str, str] | None]
    windows: dict[str, _Span]
    moves: dict[str, list[Event]]


class Resolver:
    """Resolves claims against an :class:`~kg.outcomes.index.OutcomeIndex` (finished
    here if it is not yet) with the options of :func:`resolve_claims`."""

    def __init__(
        self,
        index: OutcomeIndex,
        *,
        window: Window = TRANSFER_WINDOWS,
        as_of: date | None = None,
        date_tolerance: timedelta = timedelta(days=7),
        lookback: timedelta = timedelta(days=7),
    ) -> None:
        index.finish()
        self.index = index
        #: The sources, for the reasons' wording.
        self.graph = ClaimGraph.model_construct(
            entities={}, sources=index.sources, documents={}, claims={}
        )
        self.as_of = as_of or index.latest
        self.window = window
        self.tolerance = date_tolerance
        self.lookback = lookback
        #: The record of an outcome (by id) and how an event is told in a reason, both
        #: remembered for the :data:`RECENT` most recently used.
        self.record: Callable[[str], Outcome] = lru_cache(maxsize=RECENT)(index.outcome)
        self.told: Callable[[Event], str] = lru_cache(maxsize=RECENT)(partial(_verb, ctx=self))

    def known(self, event: Event) -> bool:
        return self.as_of is not None and event.lo <= self.as_of

    def _window(self, claim: Claim, made: date) -> _Span:
        """The window of a claim made on day ``made``."""
        if claim.valid_from is not None and claim.valid_from >= made - self.lookback:
            return _Span(
                made, True, claim.valid_from - self.tolerance, claim.valid_from + self.tolerance
            )
        return _Span(made, False, made - self.lookback, deadline(made, self.window))

    def resolve(self, page: ClaimGraph) -> list[Resolution]:
        """The resolutions of the page's outcome and resolvable claims, in the page's order.

        ``page`` holds claims and their documents; entities, and the moves of the people the
        page names, come from the index, a page at a time.
        """
        # Outcome claims need only their sources; the others, their entities and the moves of
        # the people who would move.
        resolvable = [c for c in page.claims.values() if is_resolvable(c)]
        view, known = self.index.view(page, resolvable)
        pairs = {c.id: mover_and_place(c, view) for c in resolvable}
        windows: dict[str, _Span] = {}
        wanted: list[tuple[str, str, date, date]] = []
        for claim in resolvable:
            pair, made = pairs[claim.id], claim_date(claim, view)
            if pair is not None and made is not None:
                span = windows[claim.id] = self._window(claim, made)
                mover, place = known[pair[0]].canonical, known[pair[1]].canonical
                wanted.append((mover, place, span.start, span.end))
        context = _Page(view, known, pairs, windows, self.index.moves(wanted))
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
                decided = _decide(claim, context, self)
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
    """How ``event`` is told in a reason ("joined X on …"; :attr:`Resolver.told` remembers it)."""
    outcome = ctx.record(event.outcome)
    predicate = outcome.predicate
    if event.arrive and predicate in PREDICATES and PREDICATES[predicate].kind is Kind.MOVE:
        verb = {
            "appointed_by": "was appointed by",
            "loaned_to": "was loaned to",
            "returns_to": "returned to",
        }.get(predicate, "joined")
    else:
        verb = "joined" if event.arrive else "left"
    when, notes = _when(event, outcome)
    names = names_of_sources(outcome.sources, ctx.graph)
    if names:
        notes.append("source: " + ", ".join(names))
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{verb} {outcome.place_name} {when}{extra}"


def _when(event: Event, outcome: Outcome) -> tuple[str, list[str]]:
    if event.lo == event.hi:
        return f"on {event.lo.isoformat()}", []
    if outcome.kind is not Kind.ROLE and outcome.valid_to is None and outcome.valid_from:
        return f"on {outcome.valid_from.isoformat()}", [f"announced {event.lo.isoformat()}"]
    return f"between {event.lo.isoformat()} and {event.hi.isoformat()}", []


def _decide(claim: Claim, page: _Page, ctx: Resolver) -> Resolution:
    """The positive reading's status; the caller flips it for a claim that denies the move."""
    view, known = page.view, page.known
    pair = page.pairs[claim.id]
    if pair is None:
        return Resolution(claim.id, Status.OPEN, "no person and club to match outcomes against")
    span = page.windows.get(claim.id)  # every claim with a mover, a place and a date has one
    if span is None:
        return Resolution(claim.id, Status.OPEN, "the claim has no date, so it has no window")
    mover, place = known[pair[0]].canonical, known[pair[1]].canonical
    coach = known[pair[0]].coach
    who = view.entities[pair[0]].name
    arriving = claim.kind is not Kind.DEPARTURE
    made, dated, start, end = span
    loan = is_loan(claim)
    moves = page.moves.get(mover, [])
    same_place = [
        e
        for e in moves
        if e.place == place
        and e.arrive == arriving
        and ctx.known(e)
        and (not e.returning or claim.predicate == "returns_to")
    ]

    def done(status: Status, reason: str, event: Event | None = None) -> Resolution:
        return Resolution(claim.id, status, reason, event.outcome if event else None, end)

    for event in same_place:
        if event.overlaps(start, end) and (
            loan is None or event.loan is None or loan == event.loan
        ):
            return done(
                Status.CONFIRMED,
                f"{who} {ctx.told(event)}, within the window ending {end.isoformat()}",
                event,
            )
    for event in same_place:
        if event.overlaps(start, end):
            terms = "on loan" if event.loan else "on a permanent deal"
            return done(Status.REFUTED, f"{who} {ctx.told(event)}, but {terms}", event)
        if dated and event.hi >= made - ctx.lookback:
            assert claim.valid_from is not None
            return done(
                Status.REFUTED,
                f"{who} {ctx.told(event)}, not around {claim.valid_from.isoformat()} as claimed",
                event,
            )
    if arriving:
        manager = is_managerial(claim) or coach
        rival = _rival(manager, who, (mover, moves), place, (start, end), ctx)
        if rival is not None:
            return done(Status.REFUTED, rival[1], rival[0])
    # Silence is evidence only where the loaded outcomes cover the person or the club then.
    covering = ctx.index.covering((mover, place), end)
    if covering is None:
        club = view.entities[pair[1]].name
        return done(
            Status.OPEN,
            f"no outcome data covers {who} or {club} in that period "
            f"(its window closes {end.isoformat()})",
        )
    if ctx.as_of is not None and ctx.as_of >= end:
        # cite what the covering data did record of them in the window, when it has something
        seen = ctx.index.witness(mover, place, start, end)
        noted = (
            f"; it records that {ctx.record(seen.outcome).mover_name} {ctx.told(seen)}"
            if seen is not None
            else ""
        )
        return done(
            Status.REFUTED,
            f"no outcome shows it by {end.isoformat()}, when its window closed "
            f"(outcome data covering it: {covering}{noted})",
            seen,
        )
    return done(Status.OPEN, f"its window is open until {end.isoformat()}")


def _rival(
    manager: bool,
    who: str,
    person: tuple[str, list[Event]],
    place: str,
    span: tuple[date, date],
    ctx: Resolver,
) -> tuple[Event, str] | None:
    """The earliest outcome in the window that rules the move out: the person joining another
    club, or (for a manager's job) the club appointing another manager. ``person`` is the
    person's matched id and moves, earliest first."""
    mover, moves = person
    if ctx.as_of is None or not (moves or manager):
        return None
    start, end = span[0], min(span[1], ctx.as_of)  # only outcomes known by as_of count
    joined = next(
        (
            e
            for e in moves
            if e.arrive and not e.returning and e.place != place and e.overlaps(start, end)
        ),
        None,
    )
    appointed = ctx.index.appointed(place, mover, start, end) if manager else None
    if joined and (not appointed or joined.key() <= appointed.key()):
        return joined, f"{who} {ctx.told(joined)} instead"
    if appointed:
        mover_name = ctx.record(appointed.outcome).mover_name
        return appointed, f"{mover_name} {ctx.told(appointed)} instead"
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

    ``window`` is a :class:`~kg.windows.TransferWindows` calendar or a fixed span after
    the claim; ``lookback`` lets an outcome announced just before the claim still count (gossip
    columns repeat yesterday's news); ``date_tolerance`` is the slack around a claimed date.
    """
    with OutcomeIndex.of(graph) as index:
        resolver = Resolver(
            index, window=window, as_of=as_of, date_tolerance=date_tolerance, lookback=lookback
        )
        return sorted(resolver.resolve(graph), key=lambda r: r.claim)
