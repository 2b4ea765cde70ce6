"""Read one parsed document: its mentions, references, names, rule suggestions and candidates.

The same reading serves extraction (:mod:`kg.extract.graph`) and training
(:mod:`kg.extract.train`), so the model is trained on exactly the candidates it later scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.extract import cues
from kg.extract.candidates import Candidate, sentence_candidates
from kg.extract.coref import Coreference, Reference
from kg.extract.mentions import Mention, sentence_mentions, skeleton
from kg.extract.rules import Context, RawClaim, sentence_claims
from kg.extract.sanity import plausible
from kg.resolve import DocumentResolver
from kg.resolve.resolver import Resolved
from kg.vocab import EntityType


def hint(mention: Mention) -> EntityType:
    """The entity type a mention's label suggests (people for unknown labels)."""
    try:
        return EntityType(mention.label)
    except ValueError:
        return EntityType.PERSON


@dataclass
class SentenceReading:
    """What one sentence holds."""

    offset: int
    sent: Any
    start: int
    text: str
    mentions: list[Mention]
    credited: list[Mention]
    rules: list[RawClaim] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def _rule_feature(claim: RawClaim, direction: str) -> str:
    return f"rule={claim.kind.value}:{direction}"


class DocumentReader:
    """Mentions, references and candidates of one document, with a resolver for its names."""

    def __init__(self) -> None:
        self.resolver = DocumentResolver()
        self._names: dict[tuple[str, str], Resolved] = {}

    def resolve(self, mention: Mention) -> Resolved:
        """The entity a mention names (memoised per document)."""
        key = (mention.canonical or mention.text, mention.label)
        found = self._names.get(key)
        if found is None:
            found = self.resolver.resolve(key[0], hint(mention))
            self._names[key] = found
        return found

    def read(self, pieces: list[tuple[int, Any]]) -> Iterator[SentenceReading]:
        """The sentences of a parsed document (``(offset, spaCy Doc)`` pieces), in order."""
        sentences = [(offset, sent) for offset, doc in pieces for sent in doc.sents]
        found = [
            (
                offset,
                sent,
                [m for m in sentence_mentions(sent, offset) if plausible(m, sent, offset)],
            )
            for offset, sent in sentences
        ]
        self.resolver.observe(
            (m.canonical or m.text, hint(m))
            for _, _, ms in found
            for m in ms
            if m.label in {"Person", "Club"}
        )
        clubs = Counter(self.resolve(m).name for _, _, ms in found for m in ms if m.label == "Club")
        main_club = clubs.most_common(1)[0][0] if clubs else None
        coref = Coreference()
        context = Context()
        credits = cues.Credits()
        last_club: Mention | None = None
        for offset, sent, mentions in found:
            start = offset + sent.start_char
            text = sent.text
            skel = skeleton(text, start, mentions)
            credited = credits.sentence(skel, mentions)
            references = coref.references(sent, offset, mentions)
            reading = SentenceReading(offset, sent, start, text, mentions, credited)
            reading.rules = list(sentence_claims(skel, mentions, context))
            everything = sorted([*mentions, *references], key=lambda m: m.start)
            names = {id(m): self.resolve(m).name for m in everything}
            focal = last_club
            if focal is None and main_club is not None:
                focal = next(
                    (m for _, _, ms in found for m in ms if self.resolve(m).name == main_club),
                    None,
                )
            if focal is not None:
                names[id(focal)] = self.resolve(focal).name
            reading.candidates = sentence_candidates(sent, offset, everything, focal, names)
            self._add_rules(reading)
            for m in everything:
                target = m.antecedent if isinstance(m, Reference) else m
                if target is not None and target.label == "Club":
                    last_club = target
            yield reading

    def _add_rules(self, reading: SentenceReading) -> None:
        """The rules' claims as features of the candidates they concern; a rule claim about a pair
        no candidate holds (a reference the rules resolved themselves) becomes a candidate."""
        by_pair = {c.names: c for c in reading.candidates}
        for claim in reading.rules:
            subject = self.resolve(claim.subject).name
            obj = self.resolve(claim.object).name
            forward = by_pair.get((subject, obj))
            backward = by_pair.get((obj, subject))
            if forward is not None:
                forward.rules.append((claim, "f"))
                forward.features.append(_rule_feature(claim, "f"))
            elif backward is not None:
                backward.rules.append((claim, "r"))
                backward.features.append(_rule_feature(claim, "r"))
            elif subject != obj:
                types = f"types={claim.subject.label}>{claim.object.label}"
                candidate = Candidate(
                    claim.subject,
                    claim.object,
                    reading.start,
                    reading.start + len(reading.text),
                    [types, "ruleonly", _rule_feature(claim, "f")],
                    claim.cue,
                    names=(subject, obj),
                    rules=[(claim, "f")],
                )
                reading.candidates.append(candidate)
                by_pair[candidate.names] = candidate
