"""Turn parsed documents into claim-graph fragments: resolve mentions, attribute, date, build ids.

Returned documents keep their metadata and a ``content_hash`` of the text they were extracted
from, but not the text itself (``text=None``): every claim carries its evidence sentence and
offsets, and graphs of thousands of articles stay small.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from kg import ids
from kg.extract import cues, dates
from kg.extract.mentions import Mention, sentence_mentions, skeleton
from kg.extract.pipeline import parse
from kg.extract.rules import Context, RawClaim, sentence_claims
from kg.model import Claim, ClaimGraph, Document, Qualifiers, Source
from kg.resolve import DocumentResolver, credit_source
from kg.resolve.resolver import Resolved
from kg.vocab import EntityType, Kind, Polarity

_P, _C, _N, _K, _O = (
    EntityType.PERSON,
    EntityType.CLUB,
    EntityType.NATIONAL_TEAM,
    EntityType.COMPETITION,
    EntityType.ORGANIZATION,
)
#: Allowed (subject types, object types) per kind, checked after resolution.
_SHAPES: dict[Kind, tuple[set[EntityType], set[EntityType]]] = {
    Kind.ROLE: ({_P}, {_C, _N, _O}),
    Kind.MOVE: ({_P}, {_C, _N, _O}),
    Kind.INTEREST: ({_C, _P, _N}, {_P, _C, _N}),
    Kind.DEPARTURE: ({_P}, {_C, _N, _O}),
    Kind.CONTRACT: ({_P}, {_C, _N, _O}),
    Kind.REJECTION: ({_P, _C, _N}, {_C, _P, _N}),
    Kind.RESULT: ({_C, _N}, {_C, _N, _K}),
}


def _hint(mention: Mention) -> EntityType:
    try:
        return EntityType(mention.label)
    except ValueError:
        return EntityType.PERSON


def _resolve(resolver: DocumentResolver, mention: Mention) -> Resolved:
    return resolver.resolve(mention.canonical or mention.text, _hint(mention))


def _credit(mention: Mention) -> Source:
    return credit_source(mention.canonical or mention.text)


class _DocumentExtractor:
    """Extraction state of one document: resolver, references, credit chain."""

    def __init__(self, document: Document, out: ClaimGraph) -> None:
        self.document = document
        self.out = out
        self.resolver = DocumentResolver()
        self.context = Context()
        self.credits = cues.Credits()
        self.outlet = [document.outlet] if document.outlet else []

    def run(self, pieces: list[tuple[int, Any]]) -> None:
        sentences = [(offset, sent) for offset, doc in pieces for sent in doc.sents]
        found = [(offset, sent, sentence_mentions(sent, offset)) for offset, sent in sentences]
        self.resolver.observe(
            (m.canonical or m.text, _hint(m))
            for _, _, ms in found
            for m in ms
            if m.label in {"Person", "Club"}
        )
        for offset, sent, mentions in found:
            start = offset + sent.start_char
            text = sent.text
            skel = skeleton(text, start, mentions)
            credited = self.credits.sentence(skel, mentions)
            when = dates.sentence_date(sent, self.document.published) if mentions else None
            for raw in sentence_claims(skel, mentions, self.context):
                self._add(raw, credited, when, text, start)

    def _add(
        self, raw: RawClaim, credited: list[Mention], when: date | None, text: str, start: int
    ) -> None:
        subject = _resolve(self.resolver, raw.subject)
        obj = _resolve(self.resolver, raw.object)
        allowed_subjects, allowed_objects = _SHAPES[raw.kind]
        if subject.type not in allowed_subjects or obj.type not in allowed_objects:
            return
        if subject.name == obj.name:
            return
        attributed = [self.out.add_source(_credit(m)) for m in credited] or list(self.outlet)
        modality = cues.modality(raw.cue, text.lower(), fact=raw.fact)
        content: dict[str, Any] = {
            "subject": self.out.add_entity(subject.entity()),
            "predicate": raw.predicate,
            "object": self.out.add_entity(obj.entity()),
            "object_value": None,
            "qualifiers": Qualifiers(role_title=raw.role_title, transfer_type=raw.transfer_type),
            "modality": modality,
            "polarity": Polarity.NEGATIVE if raw.negated else Polarity.POSITIVE,
            "attributed_to": attributed,
            "document": self.document.id,
            "stated_at": self.document.published,
            "valid_from": None if raw.kind is Kind.ROLE else when,
            "valid_to": None,
        }
        claim = Claim(
            id=Claim.content_id(**content),
            kind=raw.kind,
            evidence=text.strip(),
            evidence_start=start + (len(text) - len(text.lstrip())),
            evidence_end=start + len(text.rstrip()),
            **content,
        )
        self.out.add_claim(claim)


def _stored(document: Document) -> Document:
    """The document as returned: text dropped, its hash kept."""
    if document.text is None:
        return document
    return document.model_copy(
        update={"text": None, "content_hash": document.content_hash or ids.digest(document.text)}
    )


def extract_fragment(fragment: ClaimGraph, parsed: Iterator[list[tuple[int, Any]]]) -> ClaimGraph:
    """One fragment's graph plus the claims of its documents (``parsed`` in document order)."""
    out = ClaimGraph()
    for source in fragment.sources.values():
        out.add_source(source)
    for entity in fragment.entities.values():
        out.add_entity(entity)
    for document in fragment.documents.values():
        out.add_document(_stored(document))
    for claim in fragment.claims.values():
        out.claims.setdefault(claim.id, claim)
    for document in fragment.documents.values():
        if document.text:
            _DocumentExtractor(document, out).run(next(parsed))
    return out


def extract_graphs(fragments: Iterable[ClaimGraph]) -> Iterator[ClaimGraph]:
    """Extract claims from every fragment, parsing the texts of each in ``nlp.pipe`` batches."""
    for fragment in fragments:
        texts = [d.text for d in fragment.documents.values() if d.text]
        yield extract_fragment(fragment, parse(texts))
