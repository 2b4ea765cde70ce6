"""The kg ontology as code: a closed :class:`~rdflib.namespace.DefinedNamespace` plus the maps
between kg's Python vocabularies (:mod:`kg.vocab`) and ontology terms.

``KG.plaisFor`` (a typo) raises ``AttributeError`` instead of minting a term the ontology does not
declare; ``tests/ontology`` checks that this class and ``ontology/kg.ttl`` declare the same terms.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

import ontology
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

#: Wikidata entities (``wd:Q8682``) and truthy properties (``wdt:P54``).
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")


class KG(DefinedNamespace):
    """Terms of the kg football-claims ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace(ontology.NAMESPACE)

    # classes
    Entity: URIRef
    Person: URIRef
    Club: URIRef
    NationalTeam: URIRef
    Organization: URIRef
    Competition: URIRef
    Source: URIRef
    Outlet: URIRef
    Journalist: URIRef
    Speaker: URIRef
    Document: URIRef
    Claim: URIRef
    Modality: URIRef
    Polarity: URIRef
    Status: URIRef
    TransferType: URIRef

    # value individuals
    ModalityFact: URIRef
    ModalityReported: URIRef
    ModalityExpected: URIRef
    ModalityRumoured: URIRef
    ModalityConfirmed: URIRef
    ModalityDenied: URIRef
    PolarityPositive: URIRef
    PolarityNegative: URIRef
    StatusOpen: URIRef
    StatusConfirmed: URIRef
    StatusRefuted: URIRef
    TransferPermanent: URIRef
    TransferLoan: URIRef
    TransferFree: URIRef

    # the seven claim kinds
    role: URIRef
    move: URIRef
    interest: URIRef
    departure: URIRef
    contract: URIRef
    rejection: URIRef
    result: URIRef

    # specific predicates
    playsFor: URIRef
    manages: URIRef
    holdsRole: URIRef
    worksFor: URIRef
    joins: URIRef
    appointedBy: URIRef
    loanedTo: URIRef
    returnsTo: URIRef
    targets: URIRef
    bidsFor: URIRef
    approaches: URIRef
    monitors: URIRef
    considers: URIRef
    openTo: URIRef
    leaves: URIRef
    sackedBy: URIRef
    resignsFrom: URIRef
    extendsContract: URIRef
    inContractTalks: URIRef
    rejects: URIRef
    beats: URIRef
    drawsWith: URIRef
    leads: URIRef
    ranksIn: URIRef

    # claim structure, qualifiers and time
    subject: URIRef
    predicate: URIRef
    object: URIRef
    objectValue: URIRef
    kind: URIRef
    modality: URIRef
    polarity: URIRef
    status: URIRef
    confidence: URIRef
    statusReason: URIRef
    resolvedBy: URIRef
    isOutcome: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    statedAt: URIRef
    validFrom: URIRef
    validTo: URIRef
    recordedAt: URIRef
    rank: URIRef
    roleTitle: URIRef
    fee: URIRef
    transferType: URIRef
    score: URIRef
    competition: URIRef
    margin: URIRef
    note: URIRef

    # sources and documents
    domain: URIRef
    author: URIRef
    path: URIRef
    contentHash: URIRef
    outcomeData: URIRef
    covers: URIRef
    coversCompetition: URIRef
    coversFrom: URIRef
    coversTo: URIRef


def camel(code: str) -> str:
    """``plays_for`` → ``playsFor``: the ontology's name for a snake_case vocabulary code."""
    head, *rest = code.split("_")
    return head + "".join(part.capitalize() for part in rest)


#: Ontology term of every value of kg's closed vocabularies.
ENTITY_CLASS: dict[EntityType, URIRef] = {t: KG[t.value] for t in EntityType}
SOURCE_CLASS: dict[SourceType, URIRef] = {t: KG[t.label] for t in SourceType}
KIND: dict[Kind, URIRef] = {k: KG[k.value] for k in Kind}
PREDICATE: dict[str, URIRef] = {name: KG[camel(name)] for name in PREDICATES}
MODALITY: dict[Modality, URIRef] = {m: KG["Modality" + m.value.capitalize()] for m in Modality}
POLARITY: dict[Polarity, URIRef] = {p: KG["Polarity" + p.value.capitalize()] for p in Polarity}
STATUS: dict[Status, URIRef] = {s: KG["Status" + s.value.capitalize()] for s in Status}
TRANSFER_TYPE: dict[TransferType, URIRef] = {
    t: KG["Transfer" + t.value.capitalize()] for t in TransferType
}
