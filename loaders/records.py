"""The structured claim record: one documented format shared by YAML, JSON, JSON Lines and CSV.

A record is a flat mapping (nested ``document`` mapping allowed; in CSV its fields are the columns
``document.title``, ``document.url`` …, and lists are separated by ``|``). See README.md, "Claim
files", for the full reference. :func:`record_to_graph` validates one record and turns it into a
claim-graph fragment, or raises :class:`RecordError` naming the field and what was expected.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from kg import ids
from kg.model import Claim, ClaimGraph, Document, Qualifiers, Source
from kg.resolve import known_entity
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
from loaders.limits import MAX_CLAIM_CHARS, shown
from loaders.rows import RowError


class RecordError(RowError):
    """A record that does not fit the format; ``field`` names the offending field when known."""


def _entity_type(value: Any) -> Any:
    """Accept ``national team``, ``national_team`` and any case for entity types."""
    if isinstance(value, str):
        key = ids.fold(value).replace("_", "").replace(" ", "").replace("-", "")
        for t in EntityType:
            if t.value.lower() == key:
                return t.value
        if key == "literal":
            return "literal"
    return value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    return value


def _blank_to_false(value: Any) -> Any:
    return False if value is None or (isinstance(value, str) and not value.strip()) else value


Opt = Annotated[str | None, BeforeValidator(_blank_to_none)]
Flag = Annotated[bool, BeforeValidator(_blank_to_false)]
OptDate = Annotated[date | None, BeforeValidator(_blank_to_none)]
OptInt = Annotated[int | None, BeforeValidator(_blank_to_none)]
OptFloat = Annotated[float | None, BeforeValidator(_blank_to_none), Field(ge=0.0, le=1.0)]
EType = Annotated[EntityType, BeforeValidator(_entity_type)]
ObjType = Annotated[EntityType | Literal["literal"], BeforeValidator(_entity_type)]


class SourceRecord(BaseModel):
    """A credited source: ``{name, type}``; as a string, ``"journalist:Fabrizio Romano"`` or a name."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    type: Annotated[SourceType, BeforeValidator(_lower)] = SourceType.OUTLET
    domain: Opt = None

    @classmethod
    def parse(cls, value: Any) -> SourceRecord:
        if isinstance(value, str):
            prefix, sep, rest = value.partition(":")
            if sep and _lower(prefix) in {*(t.value for t in SourceType), "person"}:
                kind = "speaker" if _lower(prefix) == "person" else _lower(prefix)
                return cls(name=rest.strip(), type=kind)
            return cls(name=value.strip())
        return cls.model_validate(value)


class DocumentRecord(BaseModel):
    """Where the claim was stated."""

    model_config = ConfigDict(extra="forbid")
    title: Opt = None
    url: Opt = None
    published: OptDate = None
    outlet: Opt = None
    author: Opt = None
    #: Outcome data: the document's confirmed and fact records are outcomes of record.
    outcomes: Flag = False
    #: What the outcome data covers (names of clubs, national teams or people; competitions;
    #: the period); left out, it is inferred from the outcomes themselves.
    covers: Annotated[list[str], BeforeValidator(_split_list)] = Field(default_factory=list)
    covers_competitions: Annotated[list[str], BeforeValidator(_split_list)] = Field(
        default_factory=list
    )
    covers_from: OptDate = None
    covers_to: OptDate = None


class ClaimRecord(BaseModel):
    """One claim as written in a claim file (see README.md, "Claim files")."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    subject: str = Field(min_length=1, max_length=500)
    subject_type: EType
    subject_wikidata: Opt = None
    predicate: Annotated[str, BeforeValidator(_lower)]
    kind: Annotated[Kind | None, BeforeValidator(_lower), BeforeValidator(_blank_to_none)] = None
    object: str = Field(min_length=1, max_length=500)
    object_type: ObjType
    object_wikidata: Opt = None
    role_title: Opt = None
    fee: Opt = None
    transfer_type: Annotated[
        TransferType | None, BeforeValidator(_lower), BeforeValidator(_blank_to_none)
    ] = None
    score: Opt = None
    competition: Opt = None
    margin: Opt = None
    note: Opt = None
    modality: Annotated[Modality, BeforeValidator(_lower), BeforeValidator(_blank_to_none)] = (
        Modality.REPORTED
    )
    polarity: Annotated[Polarity, BeforeValidator(_lower), BeforeValidator(_blank_to_none)] = (
        Polarity.POSITIVE
    )
    attributed_to: Annotated[list[Any], BeforeValidator(_split_list)] = Field(default_factory=list)
    evidence: Opt = None
    evidence_start: OptInt = Field(default=None, ge=0)
    evidence_end: OptInt = Field(default=None, ge=0)
    stated_at: OptDate = None
    valid_from: OptDate = None
    valid_to: OptDate = None
    status: Annotated[Status, BeforeValidator(_lower), BeforeValidator(_blank_to_none)] = (
        Status.OPEN
    )
    confidence: OptFloat = None
    outcome: Flag = False
    document: DocumentRecord | None = None

    @field_validator("predicate")
    @classmethod
    def _known_predicate(cls, value: str) -> str:
        if value not in PREDICATES:
            raise ValueError(f"unknown predicate; expected one of: {', '.join(sorted(PREDICATES))}")
        return value


def _friendly(error: ValidationError) -> RecordError:
    """The first validation problem as one readable message naming its field."""
    first = error.errors()[0]
    parts = [str(p) for p in first["loc"] if not (isinstance(p, str) and "[" in p)]
    field = ".".join(parts) or None
    if field == "object_type":
        types = ", ".join(t.value for t in EntityType)
        return RecordError(
            f"got {shown(first.get('input'))}; expected one of {types} or literal", field
        )
    kind = first["type"]
    given = first.get("input")
    if kind == "missing":
        return RecordError("is required but missing", field)
    if kind == "extra_forbidden":
        allowed = ", ".join(ClaimRecord.model_fields)
        return RecordError(f"unknown field; allowed fields: {allowed}", field)
    if kind in {
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    }:
        return RecordError(f"expected a date as YYYY-MM-DD, got {shown(given)}", field)
    if kind == "enum" or kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        return RecordError(f"got {shown(given)}; expected one of {expected}", field)
    message = first["msg"].removeprefix("Value error, ")
    return RecordError(
        f"{message} (got {shown(given)})"
        if given is not None and not isinstance(given, dict)
        else message,
        field,
    )


def one_line(exc: ValueError) -> str:
    """Any record problem as one line (pydantic's own messages run over several)."""
    if isinstance(exc, ValidationError):
        err = _friendly(exc)
        return f"{err.field}: {err}" if err.field else str(err)
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def parse_record(raw: Any) -> ClaimRecord:
    """Validate a raw mapping as a claim record."""
    if not isinstance(raw, dict):
        raise RecordError(f"expected a mapping of fields, got {type(raw).__name__}")
    size = _text_size(raw)
    if size > MAX_CLAIM_CHARS:
        raise RecordError(
            f"the record holds {size} characters of text; a claim record may hold {MAX_CLAIM_CHARS}"
        )
    nested: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            raise RecordError(f"field names must be text, got {shown(key)}")
        head, dot, tail = key.partition(".")
        if dot and head == "document":
            nested.setdefault("document", {})[tail] = value
        else:
            nested[key] = value
    if isinstance(nested.get("document"), dict) and not any(
        v not in (None, "") for v in nested["document"].values()
    ):
        nested["document"] = None
    try:
        return ClaimRecord.model_validate(nested)
    except ValidationError as exc:
        raise _friendly(exc) from None


def _named(field: str, name: str, type: SourceType, domain: str | None = None) -> Source:
    """A credited source, or a :class:`RecordError` naming the record's field it came from."""
    try:
        return Source.named(name, type, domain=domain)
    except ValidationError as exc:
        raise RecordError(str(_friendly(exc)), field) from None


def _text_size(value: Any) -> int:
    """Characters of text in a record's keys and values, however nested (no recursion)."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            total += 8
        if total > MAX_CLAIM_CHARS:
            break
    return total


def record_to_graph(raw: Any, *, file_document: Document) -> ClaimGraph:
    """Turn one raw record into a claim-graph fragment (entities, sources, document, claim)."""
    try:
        return _record_to_graph(raw, file_document=file_document)
    except ValidationError as exc:  # a name, title or URL the model refuses (too long …)
        raise _friendly(exc) from None


def _record_to_graph(raw: Any, *, file_document: Document) -> ClaimGraph:
    rec = parse_record(raw)
    graph = ClaimGraph()
    predicate = PREDICATES[rec.predicate]
    if rec.kind is not None and rec.kind is not predicate.kind:
        raise RecordError(
            f"predicate {rec.predicate!r} belongs to kind {predicate.kind.value!r}, "
            f"not {rec.kind.value!r}",
            "kind",
        )
    try:
        subject = graph.add_entity(
            known_entity(rec.subject, rec.subject_type, wikidata=rec.subject_wikidata)
        )
        obj: str | None = None
        value: str | None = None
        if rec.object_type == "literal":
            value = rec.object
        else:
            obj = graph.add_entity(
                known_entity(rec.object, rec.object_type, wikidata=rec.object_wikidata)
            )
    except ValidationError as exc:
        raise _friendly(exc) from None

    sources = []
    for i, item in enumerate(rec.attributed_to):
        try:
            src = SourceRecord.parse(item)
        except ValidationError as exc:
            err = _friendly(exc)
            raise RecordError(str(err), f"attributed_to[{i}]") from None
        sources.append(
            graph.add_source(_named(f"attributed_to[{i}]", src.name, src.type, src.domain))
        )

    document = file_document
    if rec.document is not None:
        d = rec.document
        outlet_id = None
        if d.outlet:
            outlet_id = graph.add_source(_named("document.outlet", d.outlet, SourceType.OUTLET))
        document = Document.identified(
            url=d.url,
            title=d.title,
            published=d.published or rec.stated_at,
            path=file_document.path,
            outlet=outlet_id,
            author=d.author,
            outcomes=d.outcomes,
            covers=sorted(d.covers),  # a set of names: sorted, as RDF gives them back
            covers_competitions=sorted(d.covers_competitions),
            covers_from=d.covers_from,
            covers_to=d.covers_to,
        )
        if d.covers_from and d.covers_to and d.covers_to < d.covers_from:
            raise RecordError("covers_to is before covers_from", "document.covers_to")
        if not d.outcomes and (d.covers or d.covers_competitions or d.covers_from or d.covers_to):
            raise RecordError(
                "coverage is declared only for outcome data; add outcomes: true", "document"
            )
    graph.add_document(document)
    if not sources and document.outlet:
        sources.append(document.outlet)  # a claim in the article's own voice: its outlet says it
    elif not sources:
        # nobody named: the file that holds the claim says it, so every claim has a source (the
        # SHACL shapes, the page's provenance and source reliability all rely on one)
        sources.append(
            graph.add_source(_named("attributed_to", file_document.title or "", SourceType.OUTLET))
        )

    qualifiers = Qualifiers(
        role_title=rec.role_title,
        fee=rec.fee,
        transfer_type=rec.transfer_type,
        score=rec.score,
        competition=rec.competition,
        margin=rec.margin,
        note=rec.note,
    )
    stated_at = rec.stated_at or document.published
    content: dict[str, Any] = {
        "subject": subject,
        "predicate": rec.predicate,
        "object": obj,
        "object_value": value,
        "qualifiers": qualifiers,
        "modality": rec.modality,
        "polarity": rec.polarity,
        "attributed_to": sources,
        "document": document.id,
        "stated_at": stated_at,
        "valid_from": rec.valid_from,
        "valid_to": rec.valid_to,
    }
    outcome = rec.outcome or (
        document.outcomes
        and rec.modality in (Modality.CONFIRMED, Modality.FACT)
        and rec.polarity is Polarity.POSITIVE
    )
    if rec.outcome and (
        rec.modality not in (Modality.CONFIRMED, Modality.FACT)
        or rec.polarity is not Polarity.POSITIVE
    ):
        raise RecordError(
            "an outcome needs modality confirmed or fact and positive polarity", "outcome"
        )
    if outcome and not document.outcomes:
        document = document.model_copy(update={"outcomes": True})
        graph.documents[document.id] = document
    try:
        claim = Claim(
            outcome=outcome,
            id=Claim.content_id(**content),
            kind=predicate.kind,
            evidence=rec.evidence,
            evidence_start=rec.evidence_start,
            evidence_end=rec.evidence_end,
            status=rec.status,
            confidence=rec.confidence,
            **content,
        )
    except ValidationError as exc:
        raise _friendly(exc) from None
    graph.add_claim(claim)
    return graph
