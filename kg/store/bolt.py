"""The Bolt backend: Neo4j (or any Bolt server, ArcadeDB included) through the official driver.

Writes are ``UNWIND $rows`` batches inside managed transactions: what is stored is looked up and
refreshed, the rest CREATEd with its relationships, so writing the same graph twice changes
nothing (MERGE only for documents; see :mod:`kg.store.cypher` for why). The driver
retries on transient errors (for :data:`RETRY_SECONDS`). Each call to :meth:`BoltStore.write`
groups whole documents into transactions, so a document's claims are never half-written: a build
killed at any point, or a server that dies mid-build, leaves every document either wholly stored
or absent. Replacing a changed document (removing the claims its new version dropped) happens in
the same transaction that writes the new version.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.config import redact_uri
from kg.errors import QueryError, StoreError
from kg.ids import entity_prefix
from kg.model import ClaimGraph, Entity, Source
from kg.store import cypher
from kg.store.base import ForgetSummary, QueryResult, WriteSummary
from kg.store.guard import refuse_in_read_only
from kg.store.messages import sized_batches
from kg.store.rows import (
    STREAMED_DOCUMENT,
    GraphRows,
    Row,
    add_documents,
    add_loose,
    claim_from,
    claims_by_document,
    document_from,
    entity_from,
    graph_rows,
    native,
    source_from,
)
from kg.store.workspace import batched
from kg.vocab import PREDICATES, EntityType, Modality, Polarity, direct_rel_type

logger = logging.getLogger(__name__)

#: Rows per UNWIND statement (fewer when they hold more than
#: :data:`~kg.store.messages.BATCH_BYTES`: one statement is one Bolt message).
BATCH_ROWS = 2000
#: Claims per transaction: documents are grouped up to this size, never split.
CLAIMS_PER_TRANSACTION = 10_000
#: URI schemes of the Bolt protocol (the driver's HTTP preview is not one kg supports).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

#: How long a managed transaction is retried on transient errors before kg gives up, in seconds.
RETRY_SECONDS = 30.0


class BoltStore:
    """A :class:`~kg.store.base.GraphStore` on a Bolt server."""

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None,
        *,
        database: str | None = None,
        retry_seconds: float = RETRY_SECONDS,
        disk_error: Callable[[], str | None] | None = None,
    ) -> None:
        self._uri = uri
        self._auth = auth
        self._database = database
        self._retry_seconds = retry_seconds
        #: For a server kg runs itself (the embedded one): why it last failed to write its files
        #: (a full disk), which its answer to the client does not say ("Transaction error on
        #: commit"); None when it did not fail so.
        self._disk_error = disk_error
        self._driver: neo4j.Driver | None = None
        #: Whether the server has full-text indexes (known after :meth:`ensure_schema`).
        self.fulltext: bool | None = None

    # -- connection ---------------------------------------------------------------------------

    @property
    def database(self) -> str | None:
        """The database kg uses (None: the server's default)."""
        return self._database

    @property
    def driver(self) -> neo4j.Driver:
        """The driver, connected on first use (no I/O in the constructor)."""
        if self._driver is None:
            scheme = self._uri.partition("://")[0].lower() if "://" in self._uri else ""
            if scheme not in BOLT_SCHEMES:
                raise StoreError(
                    f"{redact_uri(self._uri)}: NEO4J_URI must start with "
                    f"{', '.join(s + '://' for s in BOLT_SCHEMES)}"
                )
            try:
                self._driver = neo4j.GraphDatabase.driver(
                    self._uri,
                    auth=self._auth,
                    max_transaction_retry_time=self._retry_seconds,
                    connection_timeout=min(30.0, max(1.0, self._retry_seconds)),
                )
                self._driver.verify_connectivity()
            except (DriverError, Neo4jError, ValueError, OSError) as exc:
                self._driver = None
                raise StoreError(self._explain(exc, connecting=True)) from None
        return self._driver

    def _explain(self, exc: BaseException, *, connecting: bool = False) -> str:
        where = redact_uri(self._uri)
        if isinstance(exc, AuthError):
            return f"{where} refused the credentials (check NEO4J_USERNAME and NEO4J_PASSWORD)"
        if isinstance(exc, ServiceUnavailable | SessionExpired):
            detail = self._redact(str(exc))
            # only a transaction is retried; a first connection fails as soon as it is refused
            retried = "" if connecting else f" (retried for {self._retry_seconds:g} s)"
            return f"cannot reach the graph database at {where}{retried}: {detail}"
        if not connecting and self._disk_error is not None and isinstance(exc, Neo4jError):
            cause = self._disk_error()
            if cause is not None:
                return cause
        # the server's own message for its errors; the driver's text (not its generic GQL
        # "50N42: Unexpected error has occurred") for errors the driver raises itself
        message = (exc.message if isinstance(exc, Neo4jError) else None) or str(exc)
        return f"{where}: {self._redact(message)}"

    def _redact(self, text: str) -> str:
        """``text`` on one line, with the password (and any ``user:password@``) removed."""
        if self._auth and self._auth[1]:
            text = text.replace(self._auth[1], "***")
        text = text.replace(self._uri, redact_uri(self._uri))
        return " ".join(text.split())

    def _session(self, *, write: bool) -> neo4j.Session:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self._database, default_access_mode=mode)

    def _run(self, work: Callable[[neo4j.ManagedTransaction], Any], *, write: bool) -> Any:
        """``work`` in a managed (retried) transaction; driver errors become a StoreError."""
        try:
            with self._session(write=write) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except (DriverError, Neo4jError) as exc:
            raise StoreError(self._explain(exc)) from None

    def _run_write(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        return self._run(work, write=True)

    def _run_read(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        return self._run(work, write=False)

    def _execute(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run one of kg's own statements in a write transaction and return its records."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [dict(r) for r in tx.run(statement, params)]

        result: list[dict[str, Any]] = self._run_write(work)
        return result

    def _read_all(
        self, statement: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [dict(r) for r in tx.run(statement, dict(params or {}))]

        result: list[dict[str, Any]] = self._run_read(work)
        return result

    def close(self) -> None:
        """Close the driver's connections."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    # -- schema and writes --------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create kg's uniqueness constraints and name indexes if they are missing, and the
        full-text indexes where the server has them (:attr:`fulltext` says which)."""
        for statement in cypher.SCHEMA:
            self._execute(statement)
        try:
            for statement in cypher.FULLTEXT_SCHEMA:
                self._execute(statement)
        except StoreError as exc:
            self.fulltext = False
            logger.info("no full-text indexes: the server refused to create one (%s)", exc)
        else:
            self.fulltext = True

    def write(
        self,
        graph: ClaimGraph,
        *,
        hashes: Mapping[str, str] | None = None,
        replace: Collection[str] = (),
    ) -> WriteSummary:
        """Write ``graph``; documents are grouped into transactions and never split.

        ``hashes`` (document id → build hash) are stored on the documents, which are also marked
        as waiting for the after-build analysis. Documents in ``replace`` are new versions: their
        stored claims that ``graph`` no longer has are removed (with their edges, and entities and
        sources left with nothing) in the transaction that writes the new version.
        """
        summary = WriteSummary()
        parts = 0
        links: list[Row] = []
        for part in _transactions(graph):
            parts += 1
            rows = graph_rows(part)
            for row in rows.documents:
                if hashes is not None and row["id"] in hashes:
                    row["props"]["kg_hash"] = hashes[row["id"]]
                    row["props"]["kg_pending"] = True
            kept: dict[str, list[str]] = {d: [] for d in part.documents if d in replace}
            for claim in part.claims.values():
                if claim.document in kept:
                    kept[claim.document].append(claim.id)
            started = time.perf_counter()
            removed, linked = self._run_write(partial(_write_rows, rows=rows, replace=kept))
            links.extend(linked)
            logger.info(
                "wrote %d documents, %d claims in one transaction (%.2f s)",
                len(part.documents),
                len(part.claims),
                time.perf_counter() - started,
            )
            summary.documents += len(part.documents)
            summary.entities += len(part.entities)
            summary.sources += len(part.sources)
            summary.claims += len(part.claims)
            summary.removed_claims += removed
        if parts > 1:
            # a new claim's outcome may have come in a later transaction than the claim
            for chunk in sized_batches(links, BATCH_ROWS):
                self._execute(cypher.LINK_RESOLVED, rows=chunk)
        return summary

    def stored_hashes(self, document_ids: Sequence[str]) -> dict[str, str | None]:
        """The build hash of each of ``document_ids`` that is stored (None: stored without one)."""
        found: dict[str, str | None] = {}
        for chunk in batched(document_ids, BATCH_ROWS):
            for row in self._read_all(cypher.STORED_HASHES, {"ids": chunk}):
                found[row["id"]] = row["hash"]
        return found

    def forget(self, keys: Sequence[str]) -> ForgetSummary:
        """Remove the documents named by id, URL or path, in one transaction: their claims, the
        claims' edges, and the entities and sources nothing else refers to."""

        def work(tx: neo4j.ManagedTransaction) -> ForgetSummary:
            doc_ids = [r["id"] for r in tx.run(cypher.FIND_DOCUMENTS, keys=list(keys))]
            if not doc_ids:
                return ForgetSummary()
            removal = _remove_stale(tx, {d: [] for d in doc_ids})
            tx.run(cypher.DELETE_DOCUMENTS, ids=doc_ids).consume()
            entities, sources = removal.delete_orphans(tx)
            return ForgetSummary(
                documents=doc_ids, claims=removal.claims, entities=entities, sources=sources
            )

        summary: ForgetSummary = self._run_write(work)
        return summary

    def analysis_pending(self) -> bool:
        """Whether documents were written since the after-build analysis last completed."""
        return bool(self._read_all(cypher.PENDING_ANALYSIS))

    def analysis_done(self) -> None:
        """Record that the after-build analysis has run over everything written so far."""
        while self._execute(cypher.ANALYSED_BATCH, limit=5000)[0]["cleared"]:
            pass

    def update_claims(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Set analysis results on claims (and their direct edges).

        ``rows``: ``{id, status, confidence, resolved_by, status_reason}``; missing keys are left
        alone. A row's ``resolved_by`` also becomes the claim's ``RESOLVED_BY`` relationship to
        that outcome claim (replacing the old one). A row's optional ``subject`` (the claim's
        subject id) spares the second statement for a claim whose subject is a person (see
        :data:`cypher.UPDATE_CLAIMS`).
        """
        person = entity_prefix(EntityType.PERSON.value)
        # (statement row, whether its edge needs the second statement)
        payload: list[tuple[dict[str, Any], bool]] = []
        for row in rows:
            props = {k: v for k, v in row.items() if k not in ("id", "subject")}
            edge = {k: props[k] for k in ("status", "confidence") if k in props}
            subject = row.get("subject")
            from_object = bool(edge) and not (subject and subject.startswith(person))
            payload.append(({"id": row["id"], "props": props, "edge": edge}, from_object))

        def work(tx: neo4j.ManagedTransaction, chunk: list[tuple[dict[str, Any], bool]]) -> None:
            tx.run(cypher.UPDATE_CLAIMS, rows=[r for r, _ in chunk], person=person).consume()
            rest = [r for r, from_object in chunk if from_object]
            if rest:
                tx.run(cypher.UPDATE_EDGES_FROM_OBJECT, rows=rest, person=person).consume()
            links = [
                {"id": r["id"], "resolved_by": r["props"]["resolved_by"]}
                for r, _ in chunk
                if "resolved_by" in r["props"]
            ]
            if links:
                tx.run(cypher.LINK_RESOLVED, rows=links).consume()

        for chunk in sized_batches(payload, BATCH_ROWS):
            self._run_write(partial(work, chunk=chunk))

    def update_sources(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Set reliability figures on sources; ``rows``: ``{id, <property>: value, …}``."""
        payload = [
            {"id": r["id"], "props": {k: v for k, v in r.items() if k != "id"}} for r in rows
        ]
        for chunk in sized_batches(payload, BATCH_ROWS):
            self._execute(cypher.UPDATE_SOURCES, rows=chunk)

    def clear(self) -> None:
        """Delete every relationship, then every node, in batches small enough for any server."""
        for statement in (cypher.DELETE_RELATIONSHIPS_BATCH, cypher.DELETE_BATCH):
            while self._execute(statement, limit=10_000)[0]["deleted"]:
                pass

    # -- reads --------------------------------------------------------------------------------

    def query(
        self, cypher_text: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run a user's Cypher.

        Read-only queries run in a READ-mode transaction that is always rolled back, and are refused
        when the server reports that they changed anything, so a write never lands without
        ``write=True`` even on a server that does not enforce the access mode itself.
        """

        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(cypher_text, dict(params or {}))
            keys = list(result.keys())
            rows = [[to_python(v) for v in record.values()] for record in result]
            counters = result.consume().counters
            if not write and counters.contains_updates:
                raise _WriteRefused()
            return QueryResult(keys, rows)

        if not write and (reason := refuse_in_read_only(cypher_text)) is not None:
            raise QueryError(f"{reason}; queries are read-only unless you pass --write")
        try:
            if write:
                with self._session(write=True) as session:
                    out: QueryResult = session.execute_write(work)
                    return out
            with self._session(write=False) as session, session.begin_transaction() as tx:
                try:
                    return work(tx)  # type: ignore[arg-type]
                finally:
                    tx.rollback()
        except _WriteRefused:
            raise QueryError(_READ_ONLY_MESSAGE) from None
        except (ClientError, DatabaseError) as exc:
            # ArcadeDB reports some query mistakes (unknown function, DELETE without DETACH) as
            # DatabaseError; either way the user's query is at fault, not the connection.
            if _is_write_refusal(exc):
                raise QueryError(_READ_ONLY_MESSAGE) from None
            raise QueryError(f"the database rejected the query: {exc.message}") from None
        except (DriverError, Neo4jError) as exc:
            raise StoreError(self._explain(exc)) from None

    def counts(self) -> dict[str, int]:
        """Documents, entities, claims, sources, all nodes, and relationships."""
        counts = {k: int(v) for k, v in self._read_all(cypher.COUNT_NODES)[0].items()}
        counts.update({k: int(v) for k, v in self._read_all(cypher.COUNT_RELATIONSHIPS)[0].items()})
        return counts

    def read_graph(self) -> ClaimGraph:
        """Read everything back into a :class:`ClaimGraph`."""
        graph = ClaimGraph()
        for row in self._read_all(cypher.READ_ENTITIES):
            graph.add_entity(entity_from(row["props"]))
        for row in self._read_all(cypher.READ_SOURCES):
            graph.add_source(source_from(row["props"]))
        for row in self._read_all(cypher.READ_DOCUMENTS):
            graph.add_document(document_from(row["props"]))
        attributions: dict[str, list[str]] = defaultdict(list)
        for row in self._read_all(cypher.READ_ATTRIBUTIONS):
            attributions[row["claim"]].append(row["source"])
        for row in self._read_all(cypher.READ_CLAIMS):
            claim = claim_from(
                row["props"],
                subject=row["subject"],
                object=row["object"],
                document=row["document"],
                sources=attributions.get(row["id"], []),
            )
            graph.claims[claim.id] = claim
        return graph

    def read_claims(self, claim_ids: Sequence[str]) -> ClaimGraph:
        """These claims (those that exist), with their entities, sources and documents."""
        return self._claim_parts(cypher.READ_CLAIMS_BY_ID, list(claim_ids))

    def claims_about(self, entity_ids: Sequence[str]) -> ClaimGraph:
        """The claims whose subject or object is one of these entities, with their parts."""
        return self._claim_parts(cypher.READ_CLAIMS_ABOUT, list(entity_ids))

    def has_documents(self) -> bool:
        """Whether anything was stored (one indexed lookup)."""
        return bool(self._read_all(cypher.ANY_DOCUMENT, {}))

    def has_outcomes(self) -> bool:
        """Whether any claim was loaded as outcome data."""
        return bool(self._read_all(cypher.ANY_OUTCOME, {}))

    def claim_ids_starting(self, prefix: str) -> list[str]:
        """Up to two ids of claims that start with ``prefix``."""
        return [row["id"] for row in self._read_all(cypher.CLAIM_IDS_STARTING, {"prefix": prefix})]

    def _claim_parts(self, statement: str, ids: list[str]) -> ClaimGraph:
        graph = ClaimGraph()
        if not ids:
            return graph
        for row in self._read_all(statement, {"ids": ids}):
            subject = entity_from(row["subject"])
            graph.entities.setdefault(subject.id, subject)
            target = entity_from(row["object"]) if row["object"] else None
            if target is not None:
                graph.entities.setdefault(target.id, target)
            document = document_from(row["document"])
            graph.documents.setdefault(document.id, document)
            sources = [
                source_from(props) for _, props in sorted(row["sources"], key=lambda p: p[0])
            ]
            for source in sources:
                graph.sources.setdefault(source.id, source)
            graph.claims[row["id"]] = claim_from(
                row["props"],
                subject=subject.id,
                object=target.id if target else None,
                document=document.id,
                sources=[s.id for s in sources],
            )
        return graph

    def read_sources(self) -> dict[str, Source]:
        """Every source, by id."""
        return {row["id"]: source_from(row["props"]) for row in self._read_all(cypher.READ_SOURCES)}

    def iter_entities(self, page_size: int) -> Iterator[list[Entity]]:
        """Every entity in lists of ``page_size``, streamed as the driver fetches the rows."""
        for rows in batched(self._stream(cypher.READ_ENTITIES, page_size), page_size):
            yield [entity_from(row["props"]) for row in rows]

    def iter_claims(self, page_size: int) -> Iterator[ClaimGraph]:
        """Every claim in pages, streamed from one read query as the driver fetches its rows.

        The query runs on its own connection, so the caller may write between pages (the
        after-build analysis does); a page is yielded once it is full, never half-read.
        """
        page = ClaimGraph()
        for record in self._stream(cypher.STREAM_CLAIMS, page_size):
            page.claims[record["id"]] = claim_from(
                record["props"],
                subject=record["subject"],
                object=record["object"],
                document=record["document"],
                sources=[s for _, s in sorted(record["sources"])],
            )
            if record["document"] not in page.documents:
                page.documents[record["document"]] = document_from(
                    {
                        "id": record["document"],
                        **{k: record[k] for k in STREAMED_DOCUMENT if record[k] is not None},
                    }
                )
            if len(page.claims) >= page_size:
                yield page
                page = ClaimGraph()
        if page.claims:
            yield page

    def _stream(self, query: str, fetch_size: int) -> Iterator[neo4j.Record]:
        """The rows of a read query as the driver fetches them, ``fetch_size`` at a time, in a
        session of its own (so the caller may write while reading)."""
        try:
            with self._session(write=False) as session:
                yield from session.run(query, fetch_size=fetch_size)
        except (DriverError, Neo4jError) as exc:
            raise StoreError(self._explain(exc)) from None


class _WriteRefused(Exception):
    """A read-only query changed the graph; its transaction is rolled back."""


_READ_ONLY_MESSAGE = (
    "this query writes to the graph and was rolled back; queries are read-only unless you "
    "pass --write"
)


def _is_write_refusal(exc: Neo4jError) -> bool:
    code = exc.code or ""
    text = (exc.message or "").lower()
    return (
        "ForbiddenDueToTransactionType" in code
        or "AccessMode" in code
        or ("read" in text and ("write" in text or "access mode" in text))
    )


def _stored(tx: neo4j.ManagedTransaction, statement: str, ids: list[str]) -> set[str]:
    """Which of ``ids`` the database holds already (``statement`` returns an ``id`` column)."""
    found: set[str] = set()
    for chunk in batched(ids, BATCH_ROWS):
        found.update(rec["id"] for rec in tx.run(statement, ids=chunk))
    return found


def _send(tx: neo4j.ManagedTransaction, statement: str, data: Sequence[Mapping[str, Any]]) -> None:
    """``statement`` over ``data`` in ``UNWIND`` batches that each fit one Bolt message."""
    for chunk in sized_batches(data, BATCH_ROWS):
        tx.run(statement, rows=chunk).consume()


class _Removal:
    """What removing stale claims took away, and the nodes that may be left with nothing."""

    def __init__(self) -> None:
        self.claims = 0
        self.entities: set[str] = set()
        self.sources: set[str] = set()

    def delete_orphans(self, tx: neo4j.ManagedTransaction) -> tuple[int, int]:
        """Delete the candidate entities and sources nothing refers to; return how many."""
        counts = []
        for statement, ids in (
            (cypher.DELETE_ORPHAN_ENTITIES, sorted(self.entities)),
            (cypher.DELETE_ORPHAN_SOURCES, sorted(self.sources)),
        ):
            deleted = 0
            for chunk in batched(ids, BATCH_ROWS):
                deleted += sum(int(r["deleted"]) for r in tx.run(statement, ids=chunk))
            counts.append(deleted)
        return counts[0], counts[1]


def _remove_stale(tx: neo4j.ManagedTransaction, keep: Mapping[str, list[str]]) -> _Removal:
    """Remove the claims of each document in ``keep`` except the listed ones, their direct edges,
    and the documents' publisher links; orphans are left for :meth:`_Removal.delete_orphans`."""
    removal = _Removal()
    if not keep:
        return removal
    doc_ids = list(keep)
    stale: list[dict[str, Any]] = []
    for chunk in batched(doc_ids, BATCH_ROWS):
        rows = [{"document": d, "keep": keep[d]} for d in chunk]
        stale.extend(dict(r) for r in tx.run(cypher.STALE_CLAIMS, rows=rows))
        removal.sources.update(r["id"] for r in tx.run(cypher.DETACH_PUBLISHERS, ids=chunk))
    direct: dict[str, list[Row]] = defaultdict(list)
    for row in stale:
        removal.entities.add(row["subject"])
        removal.sources.update(row["sources"])
        if row["object"] is not None:
            removal.entities.add(row["object"])
            if row["predicate"] in PREDICATES:
                rel = direct_rel_type(
                    row["predicate"],
                    polarity=Polarity(row["polarity"] or Polarity.POSITIVE),
                    modality=Modality(row["modality"] or Modality.REPORTED),
                )
                direct[rel].append(
                    {"subject": row["subject"], "object": row["object"], "claim": row["id"]}
                )
    for type_name, data in sorted(direct.items()):
        _send(tx, cypher.delete_direct_edges(type_name), data)
    for chunk in batched([r["id"] for r in stale], BATCH_ROWS):
        tx.run(cypher.DELETE_CLAIMS, ids=chunk).consume()
    removal.claims = len(stale)
    return removal


def _upsert(
    tx: neo4j.ManagedTransaction,
    by_label: Mapping[str, Sequence[Row]],
    existing: str,
    refresh: str,
    create: Callable[[str], str],
) -> None:
    """Entities or sources grouped by type label: refresh the stored ones, CREATE the rest.

    This is a MERGE taken apart, because ArcadeDB cannot use an index for a two-label MERGE; the
    lookup and the CREATE share the transaction, and the uniqueness constraints still guard ids.
    """
    ids = [row["id"] for data in by_label.values() for row in data]
    stored = _stored(tx, existing, ids)
    _send(tx, refresh, [row for data in by_label.values() for row in data if row["id"] in stored])
    for type_label, data in sorted(by_label.items()):
        _send(tx, create(type_label), [row for row in data if row["id"] not in stored])


def _write_rows(
    tx: neo4j.ManagedTransaction, *, rows: GraphRows, replace: Mapping[str, list[str]] | None = None
) -> tuple[int, list[Row]]:
    """Send every row group of one transaction: the removal of what replaced documents dropped,
    then nodes, then relationships, then the orphans. Returns how many claims were removed and
    the ``RESOLVED_BY`` links of the new claims (a link to an outcome not stored yet is missing)."""

    def send(statement: str, data: Sequence[Mapping[str, Any]]) -> None:
        _send(tx, statement, data)

    removal = _remove_stale(tx, replace or {})

    _upsert(
        tx, rows.entities, cypher.EXISTING_ENTITIES, cypher.REFRESH_ENTITIES, cypher.create_entities
    )
    _upsert(
        tx, rows.sources, cypher.EXISTING_SOURCES, cypher.REFRESH_SOURCES, cypher.create_sources
    )
    known_documents = _stored(tx, cypher.EXISTING_DOCUMENTS, [r["id"] for r in rows.documents])
    known_documents -= set(replace or {})  # their publisher links were removed above
    send(cypher.MERGE_DOCUMENTS, rows.documents)
    send(
        cypher.RESET_DOCUMENTS,
        [
            {"id": r["id"], "props": {"id": r["id"], **r["props"]}}
            for r in rows.documents
            if r["id"] in (replace or {})
        ],
    )
    send(
        cypher.CREATE_PUBLISHERS,
        [r for r in rows.publishers if r["document"] not in known_documents],
    )
    stored = _stored(tx, cypher.EXISTING_CLAIMS, [r["id"] for r in rows.claims])
    send(cypher.REFRESH_CLAIMS, [r for r in rows.claims if r["id"] in stored])
    new_claims = [row for row in rows.claims if row["id"] not in stored]
    send(cypher.create_claims(with_object=True), [r for r in new_claims if r["rel"]])
    send(cypher.create_claims(with_object=False), [r for r in new_claims if not r["rel"]])
    direct: dict[str, list[Row]] = defaultdict(list)
    for row in new_claims:
        if row["rel"]:
            direct[row["rel"]].append(
                {
                    "id": row["id"],
                    "subject": row["subject"],
                    "object": row["object"],
                    "edge": row["edge"],
                }
            )
    for rel, group in sorted(direct.items()):
        send(cypher.create_direct_edges(rel), group)
    links = [
        {"id": r["id"], "resolved_by": r["resolved_by"]}
        for r in new_claims
        if r["resolved_by"] is not None
    ]
    send(cypher.LINK_RESOLVED, links)
    removal.delete_orphans(tx)
    return removal.claims, links


def _transactions(graph: ClaimGraph) -> Iterator[ClaimGraph]:
    """Split a graph into parts of whole documents, each small enough for one transaction.

    Entities and sources that no claim of ``graph`` refers to travel with the first part.
    """
    if len(graph.claims) <= CLAIMS_PER_TRANSACTION:
        yield graph
        return
    by_document = claims_by_document(graph)
    part = ClaimGraph()
    add_loose(part, graph)
    for doc_id in graph.documents:
        size = len(by_document.get(doc_id, ()))
        if part.claims and len(part.claims) + size > CLAIMS_PER_TRANSACTION:
            yield part
            part = ClaimGraph()
        add_documents(part, graph, [doc_id], by_document)
    if part.documents:
        yield part


def to_python(value: Any) -> Any:
    """A driver value as plain Python (JSON-ready), keeping graph values whole.

    A node is ``{"element_id", "labels", "properties"}``; a relationship is ``{"element_id",
    "type", "start", "end", "properties"}``, where ``start`` and ``end`` are the element ids of its
    end nodes; a path is ``{"nodes": [...], "relationships": [...]}`` in path order. Element ids
    are the server's own (stable within one result, not across backends); kg's ids are the
    ``id`` property.
    """
    if isinstance(value, neo4j.graph.Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_python(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Relationship):
        start, end = value.nodes
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": start.element_id if start is not None else None,
            "end": end.element_id if end is not None else None,
            "properties": {k: to_python(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [to_python(n) for n in value.nodes],
            "relationships": [to_python(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    return native(value)
