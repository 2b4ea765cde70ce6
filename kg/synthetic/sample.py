"""Generated claim graphs of a chosen number of nodes, for HTML pages, their tests and benchmarks.

The shape imitates the transfer news: many players with a club, fewer clubs and national teams,
a few outlets and journalists who report interest and moves, some echoing others. Names and
evidence sentences are made up (``Player 17 targets …``); the same ``seed`` gives the same graph.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.vocab import PREDICATES, EntityType, Modality, Polarity, SourceType

_INTEREST = ("targets", "monitors", "bids_for", "approaches", "considers")
_MODALITIES = (Modality.REPORTED, Modality.RUMOURED, Modality.EXPECTED, Modality.DENIED)


def sample_graph(n_nodes: int, *, seed: int = 0) -> ClaimGraph:
    """A graph of about ``n_nodes`` nodes (entities plus sources) and ~1.5 claims per node."""
    rng = random.Random(seed)
    graph = ClaimGraph()
    n_sources = max(3, n_nodes // 100)
    n_clubs = max(2, n_nodes // 12)
    n_teams = max(1, min(40, n_nodes // 60))
    n_people = max(1, n_nodes - n_sources - n_clubs - n_teams)
    sources = [
        graph.add_source(
            Source.named(f"Outlet {i}", SourceType.OUTLET)
            if i % 3
            else Source.named(f"Reporter {i}", SourceType.JOURNALIST)
        )
        for i in range(n_sources)
    ]
    clubs = [
        graph.add_entity(Entity.named(f"Club {i} FC", EntityType.CLUB)) for i in range(n_clubs)
    ]
    teams = [
        graph.add_entity(Entity.named(f"Nation {i}", EntityType.NATIONAL_TEAM))
        for i in range(n_teams)
    ]
    people = [
        graph.add_entity(Entity.named(f"Player {i}", EntityType.PERSON)) for i in range(n_people)
    ]
    start = date(2025, 1, 1)
    documents = []
    for i in range(max(1, n_nodes // 10)):
        outlet = rng.choice(sources)
        day = start + timedelta(days=rng.randrange(180))
        documents.append(
            graph.add_document(
                Document.identified(title=f"Generated report {i}", published=day, outlet=outlet)
            )
        )

    def claim(subject: str, pred: str, obj: str, modality: Modality) -> None:
        doc = graph.documents[rng.choice(documents)]
        echoes = rng.sample(sources, k=rng.choice((0, 0, 1, 2)))
        credited = list(dict.fromkeys([doc.outlet or sources[0], *echoes]))
        fields = {
            "subject": subject,
            "predicate": pred,
            "object": obj,
            "object_value": None,
            "qualifiers": Qualifiers(),
            "modality": modality,
            "polarity": Polarity.POSITIVE,
            "attributed_to": credited,
            "document": doc.id,
            "stated_at": doc.published,
            "valid_from": None,
            "valid_to": None,
        }
        s, o = graph.entities[subject].name, graph.entities[obj].name
        graph.add_claim(
            Claim(
                id=Claim.content_id(**fields),  # type: ignore[arg-type]
                kind=PREDICATES[pred].kind,
                evidence=f"{s} {PREDICATES[pred].label} {o}, the report says.",
                **fields,
            )
        )

    for person in people:
        claim(person, "plays_for", rng.choice(clubs), Modality.FACT)
        if rng.random() < 0.35:
            claim(rng.choice(clubs), rng.choice(_INTEREST), person, rng.choice(_MODALITIES))
        if rng.random() < 0.1:
            claim(person, "joins", rng.choice(clubs), rng.choice(_MODALITIES))
        if rng.random() < 0.05:
            claim(person, "plays_for", rng.choice(teams), Modality.FACT)
    for club in clubs:
        rival = rng.choice(clubs)
        if rival != club:
            claim(club, "beats", rival, Modality.FACT)
    return graph
