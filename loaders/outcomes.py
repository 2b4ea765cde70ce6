"""Outcome tables: completed transfers and managerial spells as claims of record.

Each row becomes claims with modality ``confirmed`` (status ``confirmed``) marked as outcome data
(``Claim.outcome``), attributed to the table's source of record, in one outcome document standing
for the file (its coverage, the clubs and people it names over the period of its rows, is inferred
by :mod:`kg.outcomes.index`), which :mod:`kg.outcomes.resolution` uses to confirm or refute
rumours. Three layouts are built in, each a :class:`Columns` mapping that a
user can copy with other column names (``TransferTable(Columns(player="name", ...))``):

* ``transfers`` — one row per move seen from one club (Transfermarkt scrapes: ``club_name,
  player_name, club_involved_name, fee, transfer_movement, transfer_period, year``). The move is
  dated to its transfer window; "loan" fees make loans, "End of loan" a return, "free transfer" a
  free move.
* ``completed-transfers`` — one row per move (``player_name, club_left, club_joined, season``),
  dated to the season's two windows.
* ``manager-spells`` — one row per spell (``manager, start_date, end_date, club``; end "Present"
  for a spell still running): a ``manages`` role with ``valid_from`` / ``valid_to``.

Extra outcomes need no loader of their own: they are claim files whose records say ``outcome:
true`` or whose document says ``outcomes: true`` (README, "Outcomes and source reliability").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.resolve import known_entity
from kg.vocab import (
    PREDICATES,
    EntityType,
    Modality,
    Polarity,
    SourceType,
    Status,
    TransferType,
)
from kg.windows import TRANSFER_WINDOWS, TransferWindows
from loaders._prose import file_document, parse_date
from loaders._text import read_text
from loaders.base import LoadReport
from loaders.limits import shown
from loaders.records import one_line
from loaders.rows import RowError, csv_rows, head_keys

#: Rows per yielded fragment, so a 50k-row table streams into the store in batches.
BATCH_ROWS = 2000


@dataclass(frozen=True)
class Columns:
    """Which column holds each field of an outcome table (empty: the layout has no such column)."""

    player: str = "player_name"
    club: str = "club_name"
    other_club: str = "club_involved_name"
    direction: str = "transfer_movement"
    period: str = "transfer_period"
    year: str = "year"
    fee: str = "fee"
    club_left: str = ""
    club_joined: str = ""
    season: str = ""
    start: str = ""
    end: str = ""

    def required(self) -> list[str]:
        """The column names a file must have for this layout."""
        return [v for v in (getattr(self, f) for f in self.__dataclass_fields__) if v]


class _OutcomeTable:
    """Common part: header check, row loop with line numbers, claim building, batching."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = (".csv",)
    columns: Columns
    source_name: str = "Transfermarkt"

    def recognises(self, path: Path, head: bytes) -> bool:
        """A ``.csv`` file whose header has every column of this layout."""
        if path.suffix.lower() not in self.extensions:
            return False
        return set(self.columns.required()) <= set(head_keys(head, path=path))

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        text = read_text(path)
        rows = csv_rows(text, path=path, check_header=self._missing)
        covers = self.covers(row for _, row in rows if not isinstance(row, RowError))
        document = file_document(path).model_copy(
            update={
                "title": f"{self.source_name}: {path.name}",
                "outcomes": True,
                "covers": covers,
            }
        )
        graph = self._fresh(document)
        for line, row in csv_rows(text, path=path, check_header=self._missing):
            report.records += 1
            if isinstance(row, RowError):
                report.reject(path, line, str(row))
                continue
            try:
                self.add_row(graph, document, row)
            except ValueError as exc:  # pydantic's ValidationError too: a name over 500 chars
                report.reject(path, line, one_line(exc))
            if len(graph.claims) >= BATCH_ROWS:
                yield graph
                graph = self._fresh(document)
        if graph.claims:
            yield graph

    def _missing(self, header: list[str]) -> str | None:
        missing = [c for c in self.columns.required() if c not in header]
        if not missing:
            return None
        return f"missing column(s) {', '.join(missing)} for the {self.name} layout"

    def _fresh(self, document: Document) -> ClaimGraph:
        graph = ClaimGraph()
        graph.add_document(document)
        graph.add_source(Source.named(self.source_name, SourceType.OUTLET))
        return graph

    def add_row(self, graph: ClaimGraph, document: Document, row: Mapping[str, str]) -> None:
        raise NotImplementedError

    def covers(self, rows: Iterable[Mapping[str, str]]) -> list[str]:
        """The names the table covers in full, read from its rows before it is loaded; empty
        (the default) lets :mod:`kg.outcomes.index` infer them from the outcomes: every person
        and club they name."""
        return []

    def outcome(
        self,
        graph: ClaimGraph,
        document: Document,
        subject: Entity,
        predicate: str,
        obj: Entity,
        *,
        valid_from: date | None,
        valid_to: date | None = None,
        transfer_type: TransferType | None = None,
        fee: str | None = None,
        role_title: str | None = None,
    ) -> None:
        """Add one confirmed claim with its entities."""
        s, o = graph.add_entity(subject), graph.add_entity(obj)
        sources = [Source.named(self.source_name, SourceType.OUTLET).id]
        qualifiers = Qualifiers(transfer_type=transfer_type, fee=fee, role_title=role_title)
        claim_id = Claim.content_id(
            subject=s,
            predicate=predicate,
            object=o,
            object_value=None,
            qualifiers=qualifiers,
            modality=Modality.CONFIRMED,
            polarity=Polarity.POSITIVE,
            attributed_to=sources,
            document=document.id,
            stated_at=None,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        graph.add_claim(
            Claim(
                id=claim_id,
                subject=s,
                predicate=predicate,
                object=o,
                kind=PREDICATES[predicate].kind,
                qualifiers=qualifiers,
                modality=Modality.CONFIRMED,
                attributed_to=sources,
                document=document.id,
                valid_from=valid_from,
                valid_to=valid_to,
                status=Status.CONFIRMED,
                outcome=True,
            )
        )


def _needed(row: Mapping[str, str], column: str, what: str) -> str:
    value = (row.get(column) or "").strip()
    if not value or value.upper() == "NA":
        raise ValueError(f"column {column!r} ({what}) is empty")
    return value


def _fee(raw: str) -> tuple[str, TransferType | None]:
    """The predicate and transfer type a Transfermarkt fee string implies."""
    text = raw.strip().lower()
    if text.startswith("end of loan"):
        return "returns_to", None
    if "loan" in text:
        return "loaned_to", TransferType.LOAN
    if "free" in text:
        return "joins", TransferType.FREE
    if text in {"", "-", "?", "na"}:
        return "joins", None
    return "joins", TransferType.PERMANENT


@dataclass
class TransferTable(_OutcomeTable):
    """One row per move seen from one club (see the module docstring)."""

    columns: Columns = field(default_factory=Columns)
    windows: TransferWindows = TRANSFER_WINDOWS
    name: ClassVar[str] = "transfers"

    def covers(self, rows: Iterable[Mapping[str, str]]) -> list[str]:
        """The clubs whose moves the table lists (its ``club`` column) and the players in it;
        not the other clubs of those moves, of which it lists only the moves with these."""
        c = self.columns
        names = {(row.get(column) or "").strip() for row in rows for column in (c.club, c.player)}
        names.discard("")
        return sorted(names)

    def add_row(self, graph: ClaimGraph, document: Document, row: Mapping[str, str]) -> None:
        c = self.columns
        player = known_entity(_needed(row, c.player, "player"), EntityType.PERSON)
        club = known_entity(_needed(row, c.club, "club"), EntityType.CLUB)
        other = known_entity(_needed(row, c.other_club, "other club"), EntityType.CLUB)
        direction = _needed(row, c.direction, "in or out").lower()
        if direction not in {"in", "out"}:
            raise ValueError(f"column {c.direction!r}: expected 'in' or 'out', got {direction!r}")
        period = _needed(row, c.period, "Summer or Winter")
        try:
            year = int(_needed(row, c.year, "year"))
        except ValueError:
            raise ValueError(f"column {c.year!r}: expected a year such as 2021") from None
        # a season's winter window falls in January of the next calendar year
        opens, closes = self.windows.window_of(year + (period.strip().lower() == "winter"), period)
        to, left = (club, other) if direction == "in" else (other, club)
        fee = (row.get(c.fee) or "").strip() if c.fee else ""
        predicate, transfer_type = _fee(fee)
        self.outcome(
            graph,
            document,
            player,
            predicate,
            to,
            valid_from=opens,
            valid_to=closes,
            transfer_type=transfer_type,
            fee=fee if transfer_type is TransferType.PERMANENT else None,
        )
        if predicate != "returns_to":
            self.outcome(graph, document, player, "leaves", left, valid_from=opens, valid_to=closes)


@dataclass
class CompletedTransfers(_OutcomeTable):
    """One row per move with the clubs left and joined and the season (see the module docstring)."""

    columns: Columns = field(
        default_factory=lambda: Columns(
            club="",
            other_club="",
            direction="",
            period="",
            year="",
            fee="",
            club_left="club_left",
            club_joined="club_joined",
            season="season",
        )
    )
    windows: TransferWindows = TRANSFER_WINDOWS
    name: ClassVar[str] = "completed-transfers"

    def add_row(self, graph: ClaimGraph, document: Document, row: Mapping[str, str]) -> None:
        c = self.columns
        player = known_entity(_needed(row, c.player, "player"), EntityType.PERSON)
        left = known_entity(_needed(row, c.club_left, "club left"), EntityType.CLUB)
        joined = known_entity(_needed(row, c.club_joined, "club joined"), EntityType.CLUB)
        season = _needed(row, c.season, "season")
        try:
            year = int(season[:4])
        except ValueError:
            raise ValueError(f"column {c.season!r}: expected a season such as 2021") from None
        opens = self.windows.window_of(year, "summer")[0]
        closes = self.windows.window_of(year + 1, "winter")[1]
        self.outcome(graph, document, player, "joins", joined, valid_from=opens, valid_to=closes)
        self.outcome(graph, document, player, "leaves", left, valid_from=opens, valid_to=closes)


def _spell_date(value: str, column: str) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(
            f"column {column!r}: expected a date like '22 Dec, 2019', got {shown(value)}"
        )
    return parsed


@dataclass
class ManagerSpells(_OutcomeTable):
    """One row per managerial spell (see the module docstring)."""

    columns: Columns = field(
        default_factory=lambda: Columns(
            player="manager",
            club="club",
            other_club="",
            direction="",
            period="",
            year="",
            fee="",
            start="start_date",
            end="end_date",
        )
    )
    source_name: str = "Soccerbase"
    name: ClassVar[str] = "manager-spells"

    def add_row(self, graph: ClaimGraph, document: Document, row: Mapping[str, str]) -> None:
        c = self.columns
        manager = known_entity(_needed(row, c.player, "manager"), EntityType.PERSON)
        club = known_entity(_needed(row, c.club, "club"), EntityType.CLUB)
        start = _spell_date(_needed(row, c.start, "start date"), c.start)
        end_text = (row.get(c.end) or "").strip()
        end = None if end_text.lower() in {"", "present", "na"} else _spell_date(end_text, c.end)
        if end is not None and end < start:
            raise ValueError(f"the spell ends ({end}) before it starts ({start})")
        self.outcome(
            graph,
            document,
            manager,
            "manages",
            club,
            valid_from=start,
            valid_to=end,
            role_title="manager",
        )
