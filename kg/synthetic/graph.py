"""Synthetic claim graphs of any size, for benchmarks, scale tests and the store and export tests.

``synthetic_graph(10_000)`` gives a realistic-looking graph: people with accented and non-Latin
names, clubs, national teams, organisations and competitions, outlets, journalists and quoted
speakers, and claims of every kind, modality and status spread over 2024–2025, with evidence
offsets, qualifiers and some literal objects. The same ``n_claims`` and ``seed`` always give the
same graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from kg.model import Claim, ClaimGraph, Document, Entity, Qualifiers, Source
from kg.vocab import (
    PREDICATES,
    EntityType,
    Kind,
    Modality,
    Polarity,
    SourceType,
    Status,
    TransferType,
)

FIRST = (
    "José", "Jürgen", "Łukasz", "Martin", "Ødegaard", "Kylian", "Thiago", "Rúben", "Zoë",
    "Ángel", "Søren", "Mykhailo", "Hakan", "Dušan", "Sadio", "Heung-min", "Takefusa", "Luka",
    "Erling", "Mohamed", "João", "Björn", "Çağlar", "Francesc", "Jean-Philippe", "Sergej",
    "Andriy", "Nuno", "Raphaël", "Iñaki", "Vinícius", "Pau", "Aurélien", "Kai", "Florian",
    "Khvicha", "Granit", "Ilkay", "Virgil", "Bukayo", "Алексей", "Андрей", "明", "Yusuf",
)  # fmt: skip
LAST = (
    "García", "Müller", "Nuñez", "Çalhanoğlu", "Kovačić", "Szczęsny", "Ødegaard", "Mbappé",
    "Fernández", "Schröder", "Lewandowski", "Dembélé", "Gündoğan", "Vlahović", "Kvaratskhelia",
    "Williams", "O'Brien", "Dias", "Rodríguez", "Søndergaard", "Mudryk", "Mané", "Son", "Kubo",
    "Modrić", "Haaland", "Salah", "Félix", "Lindelöf", "Söyüncü", "Tchouaméni", "Güler",
    "Wirtz", "Musiala", "de Jong", "van Dijk", "Saka", "Ramos", "Аршавин", "Шевченко", "田中",
)  # fmt: skip
CITIES = (
    "Madrid", "München", "Köln", "Sevilla", "Málaga", "Zürich", "Göteborg", "Kraków", "İstanbul",
    "São Paulo", "Bordeaux", "Saint-Étienne", "Dnipro", "Porto", "Genova", "Napoli", "Leeds",
    "Brøndby", "Mönchengladbach", "Düsseldorf", "Bilbao", "A Coruña", "Lisboa", "Marseille",
    "Torino", "Bergen", "Plzeň", "Łódź", "Craiova", "Zagreb", "Beograd", "Tromsø",
)  # fmt: skip
CLUB_FORMS = ("{} FC", "Real {}", "Sporting {}", "Atlético {}", "{} United", "1. FC {}", "AC {}")
COUNTRIES = (
    "Brazil", "Spain", "Germany", "France", "Portugal", "Türkiye", "Côte d'Ivoire", "Curaçao",
    "Japan", "Korea Republic", "Ukraine", "Poland", "Croatia", "Serbia", "Norway", "England",
)  # fmt: skip
ORGANIZATIONS = ("Red Bull", "FIFA", "UEFA", "City Football Group", "RFEF", "DFB", "Fédération")
COMPETITIONS = ("LaLiga", "Bundesliga", "Premier League", "Serie A", "Ligue 1", "Süper Lig")
OUTLETS = (
    "Sky Sports", "Marca", "L'Équipe", "Gazzetta dello Sport", "A Bola", "kicker", "Sport",
    "UOL", "Mundo Deportivo", "The Athletic", "Bild", "Record", "Fanatik", "Спорт-Экспресс",
)  # fmt: skip
ROLE_TITLES = ("head coach", "sporting director", "assistant coach", "president", "captain")
NOTES = (
    "a deal is close",
    'described as "the dream target"',
    "talks are at an early stage",
    "subject to a medical",
    "the fee could rise with add-ons",
)

_START = date(2024, 1, 1)


def _person(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return name if rng.random() < 0.7 else f"{name} {rng.choice(LAST)}"


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    """Entities with distinct ids (names that fold to the same slug are one entity), by id."""
    by_id: dict[str, Entity] = {}
    for e in entities:
        by_id.setdefault(e.id, e)
    return [by_id[k] for k in sorted(by_id)]


def _entities(rng: random.Random, n_claims: int) -> dict[EntityType, list[Entity]]:
    people = _unique(
        Entity.named(_person(rng), EntityType.PERSON) for _ in range(n_claims // 4 + 8)
    )
    clubs = _unique(Entity.named(f.format(c), EntityType.CLUB) for f in CLUB_FORMS for c in CITIES)
    by_type = {
        EntityType.PERSON: people,
        EntityType.CLUB: clubs,
        EntityType.NATIONAL_TEAM: [Entity.named(c, EntityType.NATIONAL_TEAM) for c in COUNTRIES],
        EntityType.ORGANIZATION: [Entity.named(o, EntityType.ORGANIZATION) for o in ORGANIZATIONS],
        EntityType.COMPETITION: [Entity.named(c, EntityType.COMPETITION) for c in COMPETITIONS],
    }
    for i, entity in enumerate(by_type[EntityType.CLUB][:20]):
        entity.wikidata = f"Q{900000 + i}"  # synthetic ids: valid shape, not real items
    for entity in by_type[EntityType.PERSON][:: max(1, len(by_type[EntityType.PERSON]) // 50)]:
        entity.aliases = [entity.name.split()[-1]]
    return by_type


def _sources(rng: random.Random) -> list[Source]:
    outlets = [
        Source.named(o, SourceType.OUTLET, domain=f"outlet{i}.example")
        for i, o in enumerate(OUTLETS)
    ]
    journalists = [Source.named(_person(rng), SourceType.JOURNALIST) for _ in range(30)]
    speakers = [Source.named(_person(rng), SourceType.SPEAKER) for _ in range(20)]
    return outlets + journalists + speakers


def _ends(
    kind: Kind, rng: random.Random, ents: dict[EntityType, list[Entity]]
) -> tuple[Entity, Entity]:
    """A subject and object of sensible types for a claim of ``kind``."""
    people, clubs = ents[EntityType.PERSON], ents[EntityType.CLUB]
    if kind is Kind.INTEREST:
        return rng.choice(clubs), rng.choice(people)
    if kind is Kind.RESULT:
        if rng.random() < 0.2:
            return rng.choice(clubs), rng.choice(ents[EntityType.COMPETITION])
        a, b = rng.sample(clubs, 2)
        return a, b
    pool = rng.choices(
        [clubs, ents[EntityType.NATIONAL_TEAM], ents[EntityType.ORGANIZATION]], weights=[8, 1, 1]
    )[0]
    return rng.choice(people), rng.choice(pool)


def synthetic_graph(n_claims: int, *, seed: int = 0) -> ClaimGraph:
    """A deterministic claim graph with exactly ``n_claims`` claims."""
    rng = random.Random(seed)
    ents = _entities(rng, n_claims)
    sources = _sources(rng)
    outlets = [s for s in sources if s.type is SourceType.OUTLET]
    graph = ClaimGraph()
    for table in ents.values():
        for entity in table:
            graph.add_entity(entity)
    for source in sources:
        graph.add_source(source)

    predicates = list(PREDICATES.values())
    documents: list[tuple[Document, date]] = []
    while len(graph.claims) < n_claims:
        if not documents or rng.random() < 0.25:
            outlet = rng.choice(outlets)
            published = _START + timedelta(days=rng.randrange(700))
            doc = Document.identified(
                url=f"https://{outlet.domain}/news/{len(documents)}-{rng.randrange(10**6)}",
                title=f"Transfer news {len(documents)}",
                published=published,
                outlet=outlet.id,
                author=rng.choice([None, _person(rng)]),
            )
            graph.add_document(doc)
            documents.append((doc, published))
        doc, published = documents[-1]
        pred = rng.choice(predicates)
        subject, obj = _ends(pred.kind, rng, ents)
        literal = pred.kind is Kind.RESULT and rng.random() < 0.05
        qualifiers = Qualifiers(
            role_title=rng.choice(ROLE_TITLES) if pred.kind in {Kind.ROLE, Kind.MOVE} else None,
            fee=f"€{rng.randrange(1, 150)}m" if pred.name in {"joins", "bids_for"} else None,
            transfer_type=rng.choice(list(TransferType)) if pred.name == "joins" else None,
            score=f"{rng.randrange(5)}-{rng.randrange(5)}" if pred.name == "beats" else None,
            note=rng.choice(NOTES) if rng.random() < 0.3 else None,
        )
        attributed = [s.id for s in rng.sample(sources, rng.choice([1, 1, 1, 2, 3]))]
        modality = rng.choice(list(Modality))
        valid_from = published - timedelta(days=rng.randrange(400)) if rng.random() < 0.3 else None
        valid_to = (
            valid_from + timedelta(days=rng.randrange(1, 300))
            if valid_from and rng.random() < 0.3
            else None
        )
        obj_id = None if literal else obj.id
        value = f"{rng.randrange(1, 20)} points clear" if literal else None
        polarity = Polarity.NEGATIVE if rng.random() < 0.1 else Polarity.POSITIVE
        evidence = f"{subject.name} {pred.label} {obj.name}"
        start = rng.randrange(5000)
        claim = Claim(
            id="",
            subject=subject.id,
            predicate=pred.name,
            object=obj_id,
            object_value=value,
            document=doc.id,
            qualifiers=qualifiers,
            modality=modality,
            polarity=polarity,
            attributed_to=attributed,
            stated_at=published,
            valid_from=valid_from,
            valid_to=valid_to,
            kind=pred.kind,
            evidence=evidence,
            evidence_start=start,
            evidence_end=start + len(evidence),
            recorded_at=datetime(2025, 5, 1, tzinfo=UTC) + timedelta(seconds=len(graph.claims)),
            status=(status := rng.choices(list(Status), weights=[6, 2, 2])[0]),
            # a status always comes with its reason (the shapes check it)
            status_reason=None if status is Status.OPEN else f"{status.value} (synthetic)",
            confidence=round(rng.uniform(0.3, 1.0), 3) if rng.random() < 0.5 else None,
            # the confirmed claims stand for outcome data (announcements of record)
            outcome=modality is Modality.CONFIRMED and polarity is Polarity.POSITIVE,
        )
        claim.id = _content_id(claim)
        graph.add_claim(claim)
    return graph


def _content_id(c: Claim) -> str:
    """The claim's deterministic id, from the fields :meth:`Claim.content_id` hashes."""
    return Claim.content_id(
        subject=c.subject,
        predicate=c.predicate,
        object=c.object,
        object_value=c.object_value,
        qualifiers=c.qualifiers,
        modality=c.modality,
        polarity=c.polarity,
        attributed_to=c.attributed_to,
        document=c.document,
        stated_at=c.stated_at,
        valid_from=c.valid_from,
        valid_to=c.valid_to,
    )
