"""Candidate claims: pairs of entity mentions in one sentence, described by features.

Every pair of typed mentions in a sentence whose types some claim kind allows is a candidate,
in text order (``first`` before ``second``); so is a person with the document's current club when
the sentence names no club ("Smith was sacked last night"). Features follow the classic
feature-based relation extraction recipe: the entity types, the dependency path between the two
heads through their lowest common ancestor, the words between and around the pair, how each
mention was found (name, surname, pronoun, description), cue words for negation, tense and
modality, and what the hand-written rules (:mod:`kg.extract.rules`) said about the pair. The
claim model (:mod:`kg.extract.model`) reads these features; the same function serves training
and extraction, so both see identical candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.coref import Reference
from kg.extract.mentions import Mention, token_span
from kg.extract.rules import TRIGGERS
from kg.vocab import EntityType

_P, _C, _N, _K, _O = (
    EntityType.PERSON.value,
    EntityType.CLUB.value,
    EntityType.NATIONAL_TEAM.value,
    EntityType.COMPETITION.value,
    EntityType.ORGANIZATION.value,
)
#: Unordered type pairs that some kind allows (role, move, interest, ..., result).
PAIR_TYPES = {
    frozenset({_P, _C}),
    frozenset({_P, _N}),
    frozenset({_P, _O}),
    frozenset({_C}),
    frozenset({_C, _N}),
    frozenset({_N}),
    frozenset({_C, _K}),
    frozenset({_N, _K}),
}
#: Sentences with more mentions than this pair each mention with its nearest neighbours only.
_MAX_DISTANCE = 40
_NEGATION = {"not", "n't", "never", "no", "without", "nothing"}
_PAST = {"former", "ex", "ex-", "then", "previously", "formerly", "once", "spent", "left"}
_WORD = re.compile(r"^[a-z][a-z'-]*$")


@dataclass
class Candidate:
    """A pair of mentions in one sentence, in text order, and what describes it."""

    first: Mention
    second: Mention
    sentence_start: int
    sentence_end: int
    features: list[str] = field(default_factory=list)
    between: str = ""
    implicit: bool = False
    names: tuple[str, str] = ("", "")
    #: What the rules said about the pair: (their claim, "f" or "r" as the model's directions).
    rules: list[tuple[Any, str]] = field(default_factory=list)


def _how(mention: Mention) -> str:
    if isinstance(mention, Reference):
        return mention.sort
    if mention.canonical and mention.canonical != mention.text:
        return "alias"
    return "name" if " " in mention.text.strip() else "single"


def _path(a: Any, b: Any) -> tuple[list[str], Any, list[str]]:
    """Dependency labels from ``a`` up to the lowest common ancestor, the ancestor, and down to ``b``."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, tok in enumerate(up_a):
        if tok.i in ids_b:
            left = [t.dep_ for t in up_a[:n]]
            right = [t.dep_ for t in up_b[: ids_b[tok.i]]]
            return left, tok, right[::-1]
    return [t.dep_ for t in up_a], None, [t.dep_ for t in up_b][::-1]


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def _lemma(tok: Any) -> str:
    """A crude stem of the token ("signing", "signed", "signs" → "sign"), or its part of speech
    for numbers and punctuation. The pipeline runs without spaCy's lemmatizer, for speed."""
    word = str(tok.lower_)
    if not _WORD.match(word):
        return str(tok.pos_)
    if len(word) > 5:
        word = _SUFFIX.sub("", word)
    return word


def triggers(words: str) -> list[str]:
    """The rules' trigger phrases found in ``words``, as features ("trig=sacked_by")."""
    return sorted(
        {
            f"trig={predicate}"
            for _, _, trigger, _, predicate, _ in TRIGGERS
            if trigger.search(words)
        }
    )


@dataclass(frozen=True)
class _Arrays:
    """A sentence's words as plain lists, read from spaCy once and shared by its candidates."""

    lowers: list[str]
    lemmas: list[str]
    entity: list[bool]
    #: Where each token starts in ``" ".join(lowers)``, and the rules' triggers found there.
    starts: list[int]
    hits: list[tuple[str, int, int]]

    @classmethod
    def of(cls, sent: Any) -> _Arrays:
        tokens = list(sent)
        lowers = [str(t.lower_) for t in tokens]
        starts, position = [], 0
        for word in lowers:
            starts.append(position)
            position += len(word) + 1
        starts.append(position)
        joined = " ".join(lowers)
        hits = [
            (f"trig={predicate}", m.start(), m.end())
            for _, _, trigger, _, predicate, _ in TRIGGERS
            for m in trigger.finditer(joined)
        ]
        return cls(
            lowers, [_lemma(t) for t in tokens], [bool(t.ent_type_) for t in tokens], starts, hits
        )

    def triggers(self, start: int, end: int) -> list[str]:
        """The triggers wholly inside tokens ``start`` to ``end`` (as :func:`triggers` would
        find in their words, read once per sentence instead of once per pair)."""
        if end <= start:
            return []
        low, high = self.starts[start], self.starts[end] - 1
        return sorted({name for name, a, b in self.hits if low <= a and b <= high})


def pair_features(
    sent: Any,
    offset: int,
    a: Mention,
    b: Mention,
    spans: dict[int, Any] | None = None,
    arrays: _Arrays | None = None,
) -> tuple[list[str], str]:
    """Features of the pair ``a`` (earlier) and ``b`` (later) in ``sent``, and the words between
    (``spans`` caches each mention's token span by ``id``)."""
    doc = sent.doc
    types = f"{a.label}>{b.label}"
    feats = [f"types={types}", f"how_a={_how(a)}", f"how_b={_how(b)}"]
    spans = {} if spans is None else spans
    for m in (a, b):
        if id(m) not in spans:
            spans[id(m)] = token_span(doc, m, offset)
    sa, sb = spans[id(a)], spans[id(b)]
    if sa is None or sb is None:
        return [*feats, "nospan"], ""
    ra, rb = sa.root, sb.root
    feats += [f"dep_a={ra.dep_}", f"dep_b={rb.dep_}", f"{types}|dep_b={rb.dep_}"]
    if ra.dep_ == "pobj":
        feats.append(f"prep_a={ra.head.lower_}")
    if rb.dep_ == "pobj":
        feats.append(f"prep_b={rb.head.lower_}")
        feats.append(f"{types}|prep_b={rb.head.lower_}")
    left, lca, right = _path(ra, rb)
    lca_word = _lemma(lca) if lca is not None else "none"
    path = "^".join(left) + f"|{lca.pos_ if lca is not None else '-'}|" + "v".join(right)
    feats += [
        f"path={path}",
        f"{types}|path={path}",
        f"lca={lca_word}",
        f"{types}|lca={lca_word}",
        f"plen={min(len(left) + len(right), 6)}",
    ]
    if lca is not None:
        for tok in (*ra.ancestors,):
            if tok.i == lca.i:
                break
            feats.append(f"up_a={_lemma(tok)}")
        for tok in (*rb.ancestors,):
            if tok.i == lca.i:
                break
            feats.append(f"up_b={_lemma(tok)}")
        for child in lca.children:
            if child.dep_ == "neg" or child.lower_ in _NEGATION:
                feats.append("neg_lca")
            if child.dep_ in {"aux", "auxpass"}:
                feats.append(f"aux={_lemma(child)}")
        feats.append(f"lca_tag={lca.tag_}")
    words_of = arrays or _Arrays.of(sent)
    base = sent.start
    start, end = sa.end - base, sb.start - base
    lowers = words_of.lowers[start:end] if end > start else []
    words = words_of.lemmas[start:end] if end > start else []
    n = len(words)
    feats.append(f"dist={min(n, 10) if n < 10 else (15 if n < 20 else 25)}")
    near = words if n <= 8 else words[:4] + words[-4:]
    feats += [f"w={w}" for w in near]
    feats += [f"{types}|w={w}" for w in near]
    if 0 < n <= 4:
        feats.append(f"btw={'_'.join(words)}")
    a_start = sa.start - base
    feats += [f"l={w}" for w in words_of.lemmas[max(0, a_start - 3) : a_start]]
    feats += [f"r={w}" for w in words_of.lemmas[sb.end - base : sb.end - base + 3]]
    between_text = " ".join(lowers)
    found = words_of.triggers(start, end) if len(between_text) < 300 else []
    feats += found
    feats += [f"{types}|{f}" for f in found]
    if any(w in _NEGATION for w in lowers):
        feats.append("neg_between")
    context = words_of.lowers[max(0, a_start - 2) : a_start]
    if any(w in _PAST for w in context) or any(w in _PAST for w in lowers[:3]):
        feats.append("past_cue")
    others = sum(words_of.entity[start:end]) if end > start else 0
    feats.append(f"ents_between={min(others, 3)}")
    return feats, between_text


def sentence_features(sent: Any) -> list[str]:
    """Features of the whole sentence, shared by its candidates: past tense, speech, quotes."""
    feats = []
    root = sent.root
    if root.tag_ in {"VBD", "VBN"}:
        feats.append("root_past")
    words = {t.lower_ for t in sent}
    if words & {"said", "says", "told", "added"}:
        feats.append("speech")
    if words & {'"', "“", "”", "‘", "’"}:
        feats.append("quote")
    return feats


def sentence_candidates(
    sent: Any,
    offset: int,
    mentions: list[Mention],
    focal_club: Mention | None,
    names: dict[int, str],
) -> list[Candidate]:
    """Candidates of one sentence. ``names`` maps ``id(mention)`` to its resolved name, so a pair
    of two mentions of the same entity is skipped."""
    start = offset + sent.start_char
    end = offset + sent.end_char
    typed = [m for m in mentions if m.label in {_P, _C, _N, _K, _O}]
    typed.sort(key=lambda m: m.start)
    out: list[Candidate] = []
    spans: dict[int, Any] = {}
    if len(typed) < 2 and (focal_club is None or not typed):
        return out  # no pair to describe: skip reading the sentence's words
    shared = sentence_features(sent)
    arrays = _Arrays.of(sent)
    for i, a in enumerate(typed):
        for b in typed[i + 1 :]:
            if frozenset({a.label, b.label}) not in PAIR_TYPES:
                continue
            if names[id(a)] == names[id(b)]:
                continue
            if b.start - a.end > _MAX_DISTANCE * 8:
                continue
            feats, between = pair_features(sent, offset, a, b, spans, arrays)
            feats += shared
            out.append(
                Candidate(a, b, start, end, feats, between, names=(names[id(a)], names[id(b)]))
            )
    has_team = any(m.label in {_C, _N} for m in typed)
    if focal_club is not None and not has_team:
        for person in (m for m in typed if m.label == _P):
            if names.get(id(person)) == names.get(id(focal_club)):
                continue
            feats, _ = pair_features(sent, offset, person, person, spans, arrays)
            feats += shared
            feats = [
                f for f in feats if not f.startswith(("path", "lca", "plen", "dist", "w=", "btw"))
            ]
            words = [_lemma(t) for t in sent if not t.is_punct]
            feats += ["implicit", *(f"iw={w}" for w in words), *triggers(sent.text.lower())]
            out.append(
                Candidate(
                    person,
                    focal_club,
                    start,
                    end,
                    feats,
                    sent.text.lower(),
                    True,
                    (names[id(person)], names[id(focal_club)]),
                )
            )
    return out
