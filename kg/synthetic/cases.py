"""Building small claim graphs by hand, for doctests, unit tests and benchmarks.

:func:`add_claim` writes one claim with its entities, source and document in a line, so a test can
state its case ("Romano says Alonso to Real Madrid on 17 April; Real Madrid announce it on 25 May")
without a claim file.
"""

from __future__ import annotations

from datetime import date

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.vocab import PREDICATES, EntityType, Kind, Modality, Polarity, SourceType, TransferType

_CLUB_FIRST = frozenset(
    p.name for p in PREDICATES.values() if p.kind is Kind.INTEREST and p.name != "open_to"
)


def add_claim(
    graph: ClaimGraph,
    subject: str,
    predicate: str,
    obj: str,
    *,
    stated: date | None,
    source: str = "Outlet",
    source_type: SourceType = SourceType.OUTLET,
    echoes: tuple[str, ...] = (),
    modality: Modality = Modality.REPORTED,
    polarity: Polarity = Polarity.POSITIVE,
    subject_type: EntityType | None = None,
    object_type: EntityType | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    transfer_type: TransferType | None = None,
    role_title: str | None = None,
    outcome: bool = False,
    covers: tuple[date, date] | None = None,
) -> str:
    """Add one claim (and what it refers to) to ``graph``; return the claim id.

    ``outcome`` marks it as loaded outcome data (its document an outcome source covering the
    people and clubs its outcomes name, over the period ``covers`` declares, else the outcome's
    own dates); a ``confirmed`` modality alone does not make an outcome. Types default to a
    person moving to a club, or a club interested in a person for the interest predicates other
    than ``open_to``.
    """
    club_first = predicate in _CLUB_FIRST
    s_type = subject_type or (EntityType.CLUB if club_first else EntityType.PERSON)
    o_type = object_type or (EntityType.PERSON if club_first else EntityType.CLUB)
    s = graph.add_entity(Entity.named(subject, s_type))
    o = graph.add_entity(Entity.named(obj, o_type))
    sources = [graph.add_source(Source.named(source, source_type))]
    sources += [graph.add_source(Source.named(name)) for name in echoes]
    doc = graph.add_document(
        Document.identified(
            title=f"{source} {stated}",
            published=stated,
            outcomes=outcome,
            covers_from=covers[0] if covers else None,
            covers_to=covers[1] if covers else None,
        )
    )
    qualifiers = Qualifiers(transfer_type=transfer_type, role_title=role_title)
    claim_id = Claim.content_id(
        subject=s,
        predicate=predicate,
        object=o,
        object_value=None,
        qualifiers=qualifiers,
        modality=modality,
        polarity=polarity,
        attributed_to=sources,
        document=doc,
        stated_at=stated,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    claim = Claim(
        outcome=outcome,
        id=claim_id,
        subject=s,
        predicate=predicate,
        object=o,
        kind=PREDICATES[predicate].kind,
        qualifiers=qualifiers,
        modality=modality,
        polarity=polarity,
        attributed_to=sources,
        document=doc,
        stated_at=stated,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return graph.add_claim(claim)


def tiny_graph() -> ClaimGraph:
    """Romano's claim that Xabi Alonso joins Real Madrid, and the club's announcement."""
    graph = ClaimGraph()
    add_claim(
        graph,
        "Xabi Alonso",
        "appointed_by",
        "Real Madrid",
        stated=date(2025, 4, 17),
        source="Fabrizio Romano",
        source_type=SourceType.JOURNALIST,
        modality=Modality.EXPECTED,
        role_title="head coach",
    )
    add_claim(
        graph,
        "Xabi Alonso",
        "appointed_by",
        "Real Madrid",
        stated=date(2025, 5, 25),
        valid_from=date(2025, 6, 1),
        source="Real Madrid (official)",
        modality=Modality.CONFIRMED,
        role_title="head coach",
        outcome=True,
    )
    return graph
