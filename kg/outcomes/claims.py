"""Small readings of a claim shared by the analyses: is it an outcome, when was it said, who moves.

An *outcome* is a claim of record that the user loaded as outcome data (``Claim.outcome``: from an
outcome table, a claim file marked as outcomes, or ``kg build --outcomes``), with modality
``confirmed`` or ``fact`` and positive polarity: a completed transfer, an appointment, a tenure
with its dates. A role or move a rumour states in passing ("Watford midfielder X", "the club have
appointed Y") is never one, however firmly it is worded. The claims that outcomes decide are the
``move``, ``interest`` and ``departure`` claims that are not outcomes themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from kg.model import Claim, ClaimGraph
from kg.vocab import PREDICATES, EntityType, Kind, Modality, Polarity, TransferType

#: What ``kg build``, ``kg settle`` and ``kg sources`` say when the graph holds no outcome data.
NO_OUTCOMES = (
    "no outcome data is loaded, so every claim stays open and no source is scored; load outcome "
    "tables, claim files marked `outcomes: true`, or use `kg build --outcomes FILE`"
)
#: Claim kinds that outcomes confirm or refute.
RESOLVABLE = frozenset({Kind.MOVE, Kind.INTEREST, Kind.DEPARTURE})
OUTCOME_MODALITIES = frozenset({Modality.CONFIRMED, Modality.FACT})
#: Predicates that make a person a manager whatever the role title says.
MANAGERIAL_PREDICATES = frozenset({"manages", "appointed_by", "sacked_by"})
_COACH = re.compile(r"\b(coach|manager|head coach|boss|trainer)\b", re.IGNORECASE)
_MOVERS = frozenset({EntityType.PERSON})
_PLACES = frozenset({EntityType.CLUB, EntityType.NATIONAL_TEAM, EntityType.ORGANIZATION})


def is_outcome(claim: Claim) -> bool:
    """Whether the claim is outcome data: loaded as such, ``confirmed``/``fact``, positive."""
    return (
        claim.outcome
        and claim.modality in OUTCOME_MODALITIES
        and claim.polarity is Polarity.POSITIVE
    )


def mark_as_outcomes(graph: ClaimGraph) -> ClaimGraph:
    """The graph read as outcome data (``kg build --outcomes``): its documents become outcome
    sources (coverage inferred from their outcomes) and its ``confirmed``/``fact`` positive
    claims outcomes; other claims are left as they are. Changes ``graph`` in place."""
    for doc_id, document in graph.documents.items():
        if not document.outcomes:
            graph.documents[doc_id] = document.model_copy(update={"outcomes": True})
    for claim in graph.claims.values():
        if claim.modality in OUTCOME_MODALITIES and claim.polarity is Polarity.POSITIVE:
            claim.outcome = True
    return graph


def is_resolvable(claim: Claim) -> bool:
    """Whether outcomes can confirm or refute the claim."""
    return claim.kind in RESOLVABLE and not is_outcome(claim)


def negated(claim: Claim) -> bool:
    """Whether the claim asserts that the move will *not* happen (negative, or a denial)."""
    return (claim.polarity is Polarity.NEGATIVE) != (claim.modality is Modality.DENIED)


def claim_date(claim: Claim, graph: ClaimGraph) -> date | None:
    """When the claim was made: ``stated_at``, else its document's publication date."""
    if claim.stated_at is not None:
        return claim.stated_at
    document = graph.documents.get(claim.document)
    return document.published if document is not None else None


def mover_and_place(claim: Claim, graph: ClaimGraph) -> tuple[str, str] | None:
    """The person who moves and the club (or team, organisation) involved, whatever the direction.

    "Xabi Alonso appointed_by Real Madrid" and "Real Madrid targets Xabi Alonso" both give
    ``(person:xabi-alonso, club:real-madrid)``; a claim with no person and no place gives None.
    """
    if claim.object is None:
        return None
    subject = graph.entities.get(claim.subject)
    obj = graph.entities.get(claim.object)
    if subject is None or obj is None:
        return None
    if subject.type in _MOVERS and obj.type in _PLACES:
        return subject.id, obj.id
    if obj.type in _MOVERS and subject.type in _PLACES:
        return obj.id, subject.id
    return None


def is_loan(claim: Claim) -> bool | None:
    """True for a loan, False for a permanent (or free) move, None when the claim does not say."""
    if claim.predicate == "loaned_to" or claim.qualifiers.transfer_type is TransferType.LOAN:
        return True
    if claim.qualifiers.transfer_type in (TransferType.PERMANENT, TransferType.FREE):
        return False
    return None


def is_managerial(claim: Claim) -> bool:
    """Whether the claim is about a manager's job (by predicate or role title)."""
    title = claim.qualifiers.role_title or ""
    return claim.predicate in MANAGERIAL_PREDICATES or bool(_COACH.search(title))


def claim_text(claim: Claim, graph: ClaimGraph) -> str:
    """The claim as a short sentence: ``Xabi Alonso is appointed by Real Madrid``."""
    subject = graph.entities.get(claim.subject)
    name = subject.name if subject else claim.subject
    if claim.object is not None:
        target = graph.entities.get(claim.object)
        other = target.name if target else claim.object
    else:
        other = claim.object_value or ""
    label = PREDICATES[claim.predicate].label
    if claim.polarity is Polarity.NEGATIVE:
        label = "not: " + label
    return f"{name} {label} {other}".strip()


def source_names(claim: Claim, graph: ClaimGraph) -> list[str]:
    """Names of the claim's sources, origin first."""
    return names_of_sources(claim.attributed_to, graph)


def names_of_sources(source_ids: Iterable[str], graph: ClaimGraph) -> list[str]:
    """The names of these sources, in order (an unknown id stands for itself)."""
    return [graph.sources[s].name if s in graph.sources else s for s in source_ids]
