"""The closed vocabularies of the claim model: entity and source types, claim kinds, predicates.

Every predicate belongs to exactly one of the seven claim kinds (README, "Claim files"). The
registry below is the single source for the predicate's kind, the relationship type of the direct
edge in the property graph, and a human label; the ontology declares the same names as
sub-properties of the kinds. Relationship types are spliced into Cypher only from this allow-list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """What an entity is; also its node label in the property graph."""

    PERSON = "Person"
    CLUB = "Club"
    NATIONAL_TEAM = "NationalTeam"
    ORGANIZATION = "Organization"
    COMPETITION = "Competition"


class SourceType(StrEnum):
    """Who a claim is credited to; ``speaker`` is a person quoted directly (a club president)."""

    OUTLET = "outlet"
    JOURNALIST = "journalist"
    SPEAKER = "speaker"

    @property
    def label(self) -> str:
        """The node label of a source of this type (``Outlet``, ``Journalist``, ``Speaker``)."""
        return self.value.capitalize()


class Kind(StrEnum):
    """The seven claim families; every predicate is a sub-property of one of them."""

    ROLE = "role"
    MOVE = "move"
    INTEREST = "interest"
    DEPARTURE = "departure"
    CONTRACT = "contract"
    REJECTION = "rejection"
    RESULT = "result"


class Modality(StrEnum):
    """How firmly the claim is stated."""

    FACT = "fact"
    REPORTED = "reported"
    EXPECTED = "expected"
    RUMOURED = "rumoured"
    CONFIRMED = "confirmed"
    DENIED = "denied"


class Polarity(StrEnum):
    """Whether the claim asserts or negates its triple ("not Xabi Alonso")."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class Status(StrEnum):
    """Whether what really happened has confirmed or refuted the claim yet."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"


class TransferType(StrEnum):
    """How a move is made."""

    PERMANENT = "permanent"
    LOAN = "loan"
    FREE = "free"


@dataclass(frozen=True)
class Predicate:
    """A specific predicate: its name in claim files, its kind and its direct-edge types."""

    name: str
    kind: Kind
    rel_type: str
    label: str

    @property
    def negated_rel_type(self) -> str:
        """The direct edge of a claim that says the opposite (``NOT_CONSIDERS``): a negative or
        denied claim must never read as the plain positive edge in ``MATCH ()-[:CONSIDERS]->()``."""
        return NEGATED_PREFIX + self.rel_type


#: What the direct edge of a negative or denied claim starts with.
NEGATED_PREFIX = "NOT_"


def direct_rel_type(name: str, *, polarity: Polarity, modality: Modality) -> str:
    """The type of the direct edge that mirrors a claim between its two entities.

    A claim that is negative ("Real Madrid do not consider Xabi Alonso") or denied ("Real Madrid
    deny considering him"), or both, gets ``NOT_<TYPE>``; every other claim gets ``<TYPE>``. So
    ``MATCH ()-[:CONSIDERS]->()`` returns only what some source asserted, and the opposite is
    asked for by name. (Both edges keep the claim's own ``modality`` and ``polarity``.)
    """
    spec = predicate(name)
    if polarity is Polarity.NEGATIVE or modality is Modality.DENIED:
        return spec.negated_rel_type
    return spec.rel_type


def _p(name: str, kind: Kind, label: str) -> Predicate:
    return Predicate(name, kind, name.upper(), label)


PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        # role: a standing position
        _p("plays_for", Kind.ROLE, "plays for"),
        _p("manages", Kind.ROLE, "manages"),
        _p("holds_role", Kind.ROLE, "holds a role at"),
        _p("works_for", Kind.ROLE, "works for"),
        # move: a change of club or job
        _p("joins", Kind.MOVE, "joins"),
        _p("appointed_by", Kind.MOVE, "is appointed by"),
        _p("loaned_to", Kind.MOVE, "is loaned to"),
        _p("returns_to", Kind.MOVE, "returns to"),
        # interest: one party wants another
        _p("targets", Kind.INTEREST, "targets"),
        _p("bids_for", Kind.INTEREST, "bids for"),
        _p("approaches", Kind.INTEREST, "approaches"),
        _p("monitors", Kind.INTEREST, "monitors"),
        _p("considers", Kind.INTEREST, "considers"),
        _p("open_to", Kind.INTEREST, "is open to joining"),
        # departure: leaving a club or job
        _p("leaves", Kind.DEPARTURE, "leaves"),
        _p("sacked_by", Kind.DEPARTURE, "is sacked by"),
        _p("resigns_from", Kind.DEPARTURE, "resigns from"),
        # contract: staying on
        _p("extends_contract", Kind.CONTRACT, "extends contract with"),
        _p("in_contract_talks", Kind.CONTRACT, "is in contract talks with"),
        # rejection
        _p("rejects", Kind.REJECTION, "rejects"),
        # result: matches and tables
        _p("beats", Kind.RESULT, "beats"),
        _p("draws_with", Kind.RESULT, "draws with"),
        _p("leads", Kind.RESULT, "leads"),
        _p("ranks_in", Kind.RESULT, "ranks in"),
    )
}

#: Relationship types that may appear in Cypher: the direct edges (asserted and negated) plus the
#: claim structure; ``RESOLVED_BY`` joins a decided claim to the outcome claim that decided it.
CLAIM_REL_TYPES = (
    "SUBJECT",
    "OBJECT",
    "ATTRIBUTED_TO",
    "STATED_IN",
    "PUBLISHED_BY",
    "RESOLVED_BY",
)
REL_TYPES: frozenset[str] = frozenset(
    {p.rel_type for p in PREDICATES.values()}
    | {p.negated_rel_type for p in PREDICATES.values()}
    | set(CLAIM_REL_TYPES)
)
#: Node labels that may appear in Cypher.
LABELS: frozenset[str] = frozenset(
    {t.value for t in EntityType}
    | {t.label for t in SourceType}
    | {"Entity", "Source", "Claim", "Document"}
)


def predicate(name: str) -> Predicate:
    """Look up a predicate by name; raise ``KeyError`` with the known names when it is unknown."""
    try:
        return PREDICATES[name]
    except KeyError:
        raise KeyError(
            f"unknown predicate {name!r}; expected one of: {', '.join(sorted(PREDICATES))}"
        ) from None
