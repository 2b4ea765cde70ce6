"""The outcome index's lookups agree with a plain scan of every event."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.outcomes.index import Event, Outcome, OutcomeIndex
from kg.outcomes.resolution import resolve_claims
from kg.synthetic import synthetic_graph
from kg.vocab import Kind

DAY0 = date(2024, 1, 1)
PEOPLE = ("person:a", "person:b", "person:c")
CLUBS = ("club:x", "club:y")

#: One event: (mover, place, arrives, manager's job, returns from loan, first day, length).
_events = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from(CLUBS),
        st.booleans(),
        st.booleans(),
        st.booleans(),
        st.integers(0, 400),
        st.sampled_from([0, 0, 0, 1, 3, 7, 8, 30, 63, 64, 92, 300, 511, 600]),
    ),
    max_size=40,
)


def _made(
    spec: list[tuple[str, str, bool, bool, bool, int, int]],
) -> tuple[list[Outcome], list[Event]]:
    outcomes, events = [], []
    for i, (mover, place, arrive, manager, returning, lo, length) in enumerate(spec):
        outcome = Outcome(
            f"claim:{i:03d}",
            "joins",
            Kind.MOVE,
            mover,
            place,
            None,
            None,
            None,
            None,
            manager,
            (),
            mover.upper(),
            place.upper(),
        )
        first = DAY0 + timedelta(days=lo)
        last = first + timedelta(days=length)
        outcomes.append(outcome)
        events.append(
            Event(outcome.id, mover, place, arrive, first, last, None, manager, returning)
        )
    return outcomes, events


def _earliest(events: list[Event]) -> Event | None:
    return min(events, key=Event.key) if events else None


@settings(max_examples=150, deadline=None)
@given(
    spec=_events,
    start=st.integers(0, 700),
    length=st.integers(0, 250),
    who=st.sampled_from(PEOPLE),
    where=st.sampled_from(CLUBS),
)
def test_lookups_find_what_a_scan_of_all_events_finds(
    spec: list[tuple[str, str, bool, bool, bool, int, int]],
    start: int,
    length: int,
    who: str,
    where: str,
) -> None:
    outcomes, events = _made(spec)
    begin, end = DAY0 + timedelta(days=start), DAY0 + timedelta(days=start + length)
    with OutcomeIndex({}, in_memory=True) as index:
        index.add_events(outcomes, events)
        for outcome in outcomes:
            assert index.outcome(outcome.id) == outcome

        moves = index.moves([(who, where, begin, end), ("person:nobody", where, begin, end)])
        decisive = (
            e
            for e in events
            if e.mover == who and (e.place == where or (e.arrive and e.overlaps(begin, end)))
        )
        assert moves.get(who, []) == sorted(decisive, key=Event.key)
        assert "person:nobody" not in moves
        assert index.appointed(where, who, begin, end) == _earliest(
            [
                e
                for e in events
                if e.place == where
                and e.arrive
                and e.managerial
                and e.mover != who
                and e.overlaps(begin, end)
            ]
        )


def test_an_index_built_on_disk_resolves_as_the_in_memory_one() -> None:
    graph = synthetic_graph(300, seed=8)
    with OutcomeIndex(graph.sources) as on_disk:
        on_disk.add_entities(graph.entities.values())
        on_disk.add(graph)
        on_disk.finish()
        in_memory = OutcomeIndex.of(graph)
        assert (on_disk.outcomes, on_disk.events, on_disk.latest) == (
            in_memory.outcomes,
            in_memory.events,
            in_memory.latest,
        )
        assert on_disk.outcomes > 0 and on_disk.events > 0
        in_memory.close()
    statuses = {r.status for r in resolve_claims(graph)}
    assert len(statuses) == 3, statuses
