"""The stored graph as a Python object: what every ``kg`` command does, for scripts and notebooks.

:func:`open` gives a :class:`Graph` for the graph's folder (or a Bolt server); it connects on
first use, to the embedded server that commands share (started if needed), and a reading method
on a graph that does not exist raises :class:`~kg.errors.GraphMissing` and creates nothing.
Commands that show one thing read only that thing: :meth:`Graph.explain` reads one claim and its
outcome, :meth:`Graph.timeline` the claims about one entity, :meth:`Graph.sources` the claims'
statuses and attributions.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kg.api.reading import claim_key, describe, export_graph, one_claim_id
from kg.config import Settings
from kg.errors import GraphMissing, InputError, KgError, QueryError
from kg.model import ClaimGraph

if TYPE_CHECKING:
    from kg.analysis.reliability import SourceRecord
    from kg.analysis.timeline import TimelineEntry
    from kg.build.ledger import Ledger
    from kg.errors import Problem
    from kg.store.base import ForgetSummary, GraphStore, QueryResult

#: Called with the number of claims written so far.
Progress = Callable[[int], None]


@dataclass
class BuildSummary:
    """What :meth:`Graph.build` read, wrote and rejected, and what the graph holds after it."""

    files: int = 0
    records: int = 0
    written: int = 0
    replaced: int = 0
    removed_claims: int = 0
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    #: False when nothing had changed since the last build and the database was not started.
    database_used: bool = True
    #: Whether claims were settled by outcomes after the load (only when something changed).
    analysed: bool = False
    #: How many outcome records they were settled against (None: not settled this time).
    outcomes: int | None = None


def open(
    home: str | os.PathLike[str] | None = None,
    uri: str | None = None,
    *,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Graph:
    """The graph in ``home`` (default: found like ``kg`` finds it) or on the Bolt server ``uri``;
    anything not given comes from the environment, as for the ``kg`` command.

    >>> import kg
    >>> with kg.open(home) as graph:                   # doctest: +SKIP
    ...     graph.build("examples/")
    """
    settings = Settings.from_env()
    if home is not None:
        settings = replace(settings, home=Path(home))
    if uri is not None:
        settings = replace(settings, uri=uri, username="neo4j", password="", database=None)
    settings = replace(
        settings,
        username=settings.username if username is None else username,
        password=settings.password if password is None else password,
        database=settings.database if database is None else database,
    )
    return Graph(settings)


class Graph:
    """A stored graph: the embedded database in a folder, or a Bolt server. Use it with ``with``
    (or call :meth:`close`) so its connection is closed; the embedded server stays up for the
    next user and stops by itself when idle."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._stack = contextlib.ExitStack()
        self._store: GraphStore | None = None
        #: When the embedded server this graph is connected to started (None: not connected).
        self._server_started: float | None = None

    @property
    def settings(self) -> Settings:
        """Where the graph lives."""
        return self._settings

    def __repr__(self) -> str:
        return f"Graph({self._settings.describe()})"

    def __enter__(self) -> Graph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (an embedded server keeps running for later commands)."""
        self._store = None
        self._stack.close()

    # -- connecting ------------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether there is a graph to read: an embedded database in the folder, or a server."""
        if not self._settings.embedded:
            return True
        return (self._settings.home / "databases").is_dir()

    def _open(self, *, create: bool = False) -> GraphStore:
        if self._store is not None and self._server_replaced():
            self.close()  # its server was stopped (kg server stop --force): connect anew
        if self._store is None:
            if not create and not self.exists():
                raise GraphMissing(
                    f"no graph in {self._settings.home.absolute()}; fill it with `kg build PATH` "
                    "(kg uses KG_HOME, else the nearest .kg folder, else your data folder)"
                )
            from kg.store import open_store

            self._store = self._stack.enter_context(open_store(self._settings))
            if self._settings.embedded and not self._settings.memory:
                from kg.store.server import status

                running = status(self._settings.home)
                self._server_started = running.started if running is not None else None
        return self._store

    def _server_replaced(self) -> bool:
        """Whether the embedded server this graph connected to has stopped (or another one runs
        in its place) since: a graph kept open in a notebook outlives ``kg server stop --force``
        and then connects to a new server instead of failing each statement."""
        if not self._settings.embedded or self._settings.memory:
            return False
        from kg.store.server import status

        running = status(self._settings.home)
        return running is None or running.started != self._server_started

    def _reading(self) -> GraphStore:
        """The store, for a command that shows what the graph holds (an empty one is an error)."""
        store = self._open()
        if not store.has_documents():
            raise GraphMissing(
                f"the graph in {self._settings.describe()} is empty; fill it with `kg build PATH`"
            )
        return store

    @contextlib.contextmanager
    def _writing(self) -> Iterator[GraphStore]:
        """The store, for one writer at a time on the embedded database (two writers would race
        for the same keys); the last build's stamp is forgotten first."""
        from kg.build.ledger import Ledger

        store = self._open(create=True)
        if not self._settings.embedded:
            yield store
            return
        home = self._settings.home.absolute()
        fd = os.open(home / "write.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with Ledger(home) as ledger:  # under the lock: no other writer is between
                ledger.forget_stamp()
            yield store
        finally:
            os.close(fd)

    # -- writing ---------------------------------------------------------------------------------

    def build(
        self,
        *paths: str | os.PathLike[str],
        strict: bool = False,
        rebuild: bool = False,
        format: str | None = None,
        progress: Progress | None = None,
        file_done: Callable[[Path], None] | None = None,
        outcomes: Iterable[str | os.PathLike[str]] = (),
    ) -> BuildSummary:
        """Read ``paths`` (files or folders), extract claims from prose, store them and settle
        them by the loaded outcomes; incremental (see :mod:`kg.build`). Files under ``outcomes``
        are read as outcome data (``kg build --outcomes``). Rejected records are in the summary's
        ``problems`` (the good ones are stored), unless ``strict``, which raises at the first and
        writes nothing."""
        from kg.build import build
        from kg.build.ledger import Ledger, Stamp
        from kg.store import server
        from kg.store.workspace import Workspace

        settings = self._settings
        home = settings.home.absolute()
        inputs = [Path(p) for p in paths]
        outcome_inputs = [Path(p) for p in outcomes]
        stamped = settings.embedded and not rebuild
        with Ledger(home) as ledger, Workspace() as workspace:
            digests = _input_digests(ledger, inputs, outcome_inputs, format) if stamped else None
            if stamped and self._store is None and (stamp := ledger.stamp()) is not None:
                running = server.status(home)
                unchanged = ledger.unchanged(
                    digests,
                    server.fingerprint(home) if running is None else None,
                    server.stopped_fingerprint(home, stamp.server) if stamp.server else None,
                )
                if unchanged is not None:
                    return BuildSummary(
                        files=stamp.files,
                        records=stamp.records,
                        skipped=stamp.documents,
                        counts=stamp.counts,
                        database_used=False,
                    )
            with self._writing() as store:
                if rebuild:
                    store.clear()
                result = build(
                    inputs,
                    store,
                    strict=strict,
                    format=format,
                    progress=progress,
                    file_done=file_done,
                    ledger=ledger,
                    workspace=workspace,
                    outcomes=outcome_inputs,
                )
                counts = store.counts()
                report = result.report
                running = server.status(home) if settings.embedded else None
                if stamped and digests and not report.problems and running is not None:
                    ledger.set_stamp(  # still holding the write lock: nothing wrote since
                        Stamp(
                            inputs=digests,
                            files=report.files,
                            records=report.records,
                            documents=result.written.documents + result.skipped,
                            counts=counts,
                            server=running.started,
                        )
                    )
        return BuildSummary(
            files=report.files,
            records=report.records,
            written=result.written.documents,
            replaced=result.replaced,
            removed_claims=result.written.removed_claims,
            skipped=result.skipped,
            counts=counts,
            problems=list(report.problems),
            rejected=report.rejected,
            analysed=result.analysed,
            outcomes=result.outcomes,
        )

    def forget(self, *docs: str) -> ForgetSummary:
        """Remove documents (by id, URL or the path they were read from) and what only they
        supported, then decide the claims again."""
        from kg.build import after_build

        keys = [key for doc in docs for key in _document_keys(doc)]
        with self._writing() as store:
            summary = store.forget(keys)
            if not summary.documents:
                raise InputError.at(
                    docs[0] if docs else "",
                    None,
                    "no stored document has this id, URL or path (see: kg query "
                    '"MATCH (d:Document) RETURN d.id, d.url, d.path")',
                )
            after_build(store)
        return summary

    def settle(self, **options: Any) -> Any:
        """Settle every claim by the stored outcomes again, as ``kg settle`` does (options of
        :class:`kg.outcomes.resolution.Resolver`), and store each status, reason and deciding
        outcome; the result's ``outcomes`` is how many outcome records there were."""
        from kg.analysis import resolve_and_store

        with self._writing() as store:
            return resolve_and_store(store, **options)

    # -- reading ---------------------------------------------------------------------------------

    def result(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """A Cypher query's columns and rows (read-only unless ``write``)."""
        if write:
            with self._writing() as store:
                return store.query(cypher, params or {}, write=True)
        return self._open().query(cypher, params or {}, write=False)

    def query(self, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a read-only Cypher query with ``params``; one dict per row."""
        return self.result(cypher, params).records()

    def execute(self, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a Cypher query that may change the graph; one dict per row."""
        return self.result(cypher, params, write=True).records()

    def stats(self) -> dict[str, int]:
        """Documents, entities, claims, sources, all nodes and relationships."""
        return self._reading().counts()

    def graph(self) -> ClaimGraph:
        """The whole stored graph in memory, with the statuses outcomes gave its claims."""
        from kg.analysis.apply import current

        return current(self._reading().read_graph())

    def claims(self, **equal: Any) -> list[dict[str, Any]]:
        """The claims as flat rows (:meth:`ClaimGraph.to_records`), only those whose fields
        equal the given values: ``graph.claims(subject="Xabi Alonso", status="confirmed")``."""
        rows = self.graph().to_records()
        unknown = set(equal) - (set(rows[0]) if rows else set(equal))
        if unknown:
            raise KgError(f"claims have no field {sorted(unknown)[0]!r}")
        return [r for r in rows if all(r.get(k) == v for k, v in equal.items())]

    def export(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        base: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, int]:
        """Write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML (``format``,
        else guessed from the file name), whole or not at all; return what it holds.
        ``progress`` is told how many records are written so far (see :func:`export_graph`)."""
        return export_graph(self.graph(), path, format=format, base=base, progress=progress)

    def html(
        self, path: str | os.PathLike[str], *, cypher: str | None = None, **filters: Any
    ) -> Any:
        """Write the graph as one offline HTML page (``around=``, ``depth=``, ``kind=``, … as for
        ``kg viz``); with ``cypher``, only what that read-only query returns (paths, nodes,
        relationships or ids) and the claims it names."""
        from kg.viz import write_html
        from kg.viz.select import ids_in_result

        graph = self.graph()
        if cypher is not None:
            only = ids_in_result(self._open().query(cypher, {}, write=False).rows, graph)
            if not only:
                raise QueryError(
                    "the --cypher query returned no entity, source or claim of the graph to draw "
                    "(return nodes, relationships, paths or their id properties)"
                )
            filters.update(only=only, query=cypher)
        return write_html(graph, Path(path), **filters)

    def explain(self, claim_id: str) -> dict[str, Any]:
        """One claim (its id or a unique prefix): what it says, who said it, when, its status
        and why, and the outcome that decided it under ``outcome``. Reads that claim and its
        outcome only."""
        store = self._reading()
        key = claim_key(claim_id)
        part = store.read_claims([key])
        if key not in part.claims:
            key = one_claim_id(claim_id, store.claim_ids_starting(key))
            part = store.read_claims([key])
        claim = part.claims[key]
        info = describe(claim, part)
        if claim.resolved_by:
            outcome = store.read_claims([claim.resolved_by])
            if claim.resolved_by in outcome.claims:
                info["outcome"] = describe(outcome.claims[claim.resolved_by], outcome)
        return info

    def timeline(self, name: str) -> list[TimelineEntry]:
        """The claims about the entity called ``name`` (and its other spellings), oldest first.
        Reads the entities, then only the claims about the ones found."""
        from kg.analysis.timeline import find_entities, timeline

        store = self._reading()
        entities = ClaimGraph()
        for page in store.iter_entities(10_000):
            for entity in page:
                entities.entities[entity.id] = entity
        about = store.claims_about(sorted(find_entities(entities, name)))
        for entity in entities.entities.values():
            about.entities.setdefault(entity.id, entity)
        return timeline(about, name)

    def has_outcomes(self) -> bool:
        """Whether any outcome data is stored (without it every claim stays open)."""
        return self._reading().has_outcomes()

    def sources(self, *, by_kind: bool = False, min_claims: int = 0) -> list[SourceRecord]:
        """Every source's record on the decided claims, best first. Reads the sources and the
        claims' statuses and attributions (no entities, no documents)."""
        from kg.analysis.reliability import Tally

        store = self._reading()
        tally = Tally(store.read_sources(), by_kind=by_kind)
        for page in store.iter_claims(10_000):
            for claim in page.claims.values():
                tally.add(claim, claim.status)
        return tally.records(min_claims=min_claims)


def _input_digests(
    ledger: Ledger, paths: list[Path], outcomes: list[Path], format: str | None
) -> dict[str, str] | None:
    """The digests the build's stamp compares: the inputs, and the outcome inputs apart (the
    same file read as outcome data is another build)."""
    inputs = ledger.input_digests(paths, format)
    marked = ledger.input_digests(outcomes, format) if outcomes else {}
    if inputs is None or marked is None:
        return None
    return {**inputs, **{f"outcomes:{k}": v for k, v in marked.items()}}


def _document_keys(doc: str) -> list[str]:
    """The ways ``doc`` may be stored: as given (id, URL, path) and as the loaders record a path
    (relative to the current directory when inside it, else absolute)."""
    keys = [doc]
    path = Path(doc)
    if path.exists():
        resolved = path.resolve()
        keys.append(str(resolved))
        with contextlib.suppress(ValueError):
            keys.append(str(resolved.relative_to(Path.cwd())))
    return keys
