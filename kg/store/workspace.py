"""The scratch workspace of one run: a private temporary SQLite database shared by the build and
its analysis.

A build meets every document, and the analysis every claim, outcome and entity; kept in
dictionaries they would make memory grow with the archive. A :class:`Workspace` holds them in one
temporary SQLite database instead: the build's document hashes (:class:`DocumentHashes`), the
analysis's pages of claims (:class:`Pages`), and the outcome index and entity clusters
(:class:`~kg.outcomes.index.OutcomeIndex`). SQLite keeps a small page cache in memory and
the rest in a file that it creates unlinked, so it is gone when the run ends, even after a kill.
Nothing here is ever committed or shared with another process: one connection, journal and
syncing off, and one transaction that is never committed (so that SQLite writes a page out only
when its cache is full).
"""

from __future__ import annotations

import itertools
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")

#: SQLite's page cache per scratch database, in KiB: a fixed ceiling on the memory it takes,
#: whatever the size of the archive (SQLite's default). Pages beyond it are read back from the
#: operating system's file cache (a 32 MiB cache added 30 MB to the peak memory of building and
#: analysing a million claims, see BENCHMARKS.md).
CACHE_KIB = 2 * 1024
#: Ids bound per ``IN (…)`` statement: well under SQLite's limit on bound parameters.
IN_CHUNK = 900


def connect(*, in_memory: bool = False) -> sqlite3.Connection:
    """A private scratch database: on disk (``""``), or in memory for data already in memory."""
    db = sqlite3.connect(":memory:" if in_memory else "", isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    db.execute("BEGIN")
    return db


def create(db: sqlite3.Connection, schema: str) -> None:
    """Run the ``;``-separated statements of ``schema`` (not ``executescript``, which would
    commit the open transaction)."""
    for statement in schema.split(";"):
        if statement.strip():
            db.execute(statement)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter).

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def marks(count: int) -> str:
    """``?, ?, …`` for an ``IN (…)`` list of ``count`` values.

    >>> marks(3)
    '?,?,?'
    """
    return ",".join("?" * count)


class Workspace:
    """One run's scratch database; nothing is created until first use. Close it (or use
    ``with``) to delete it."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None
        self._names = itertools.count(1)

    @property
    def db(self) -> sqlite3.Connection:
        """The connection (opened on first use)."""
        if self._db is None:
            self._db = connect()
        return self._db

    def name(self, prefix: str) -> str:
        """A table name no other user of this workspace has (``prefix`` must be an identifier)."""
        if not prefix.isidentifier():
            raise ValueError(f"not a table name prefix: {prefix!r}")
        return f"{prefix}_{next(self._names)}"

    def document_hashes(self) -> DocumentHashes:
        """A new, empty document id → build hash map in this workspace."""
        return DocumentHashes(self)

    def pages(self) -> Pages[T]:
        """A new, empty sequence of pickled pages in this workspace."""
        return Pages(self)

    def close(self) -> None:
        """Delete the database."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DocumentHashes:
    """Document id → build hash of every document met so far in one build, with batched reads
    and writes (an archive of a million claims holds a quarter of a million documents)."""

    def __init__(self, workspace: Workspace) -> None:
        self._db = workspace.db
        self._table = workspace.name("document_hash")
        self._db.execute(f"CREATE TABLE {self._table} (id TEXT PRIMARY KEY, hash TEXT NOT NULL)")

    def get_many(self, document_ids: Iterable[str]) -> dict[str, str]:
        """The hashes of those of ``document_ids`` met so far."""
        found: dict[str, str] = {}
        for chunk in batched(dict.fromkeys(document_ids), IN_CHUNK):
            found.update(
                self._db.execute(
                    f"SELECT id, hash FROM {self._table} WHERE id IN ({marks(len(chunk))})", chunk
                )
            )
        return found

    def put_many(self, hashes: Mapping[str, str]) -> None:
        """Record (or overwrite) these documents' hashes."""
        self._db.executemany(f"INSERT OR REPLACE INTO {self._table} VALUES (?, ?)", hashes.items())


class Pages(Generic[T]):
    """Items written once and read back in order, one in memory at a time (the analysis looks at
    every claim more than once, and reading them from the database again costs far more)."""

    def __init__(self, workspace: Workspace) -> None:
        self._db = workspace.db
        self._table = workspace.name("pages")
        self._db.execute(f"CREATE TABLE {self._table} (seq INTEGER PRIMARY KEY, item BLOB)")
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, item: T) -> None:
        """Add one item at the end."""
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        self._db.execute(f"INSERT INTO {self._table} VALUES (?, ?)", (self._count, data))
        self._count += 1

    def __iter__(self) -> Iterator[T]:
        """The items from the first (one query per item: no cursor stays open across a write)."""
        for seq in range(self._count):
            (data,) = self._db.execute(
                f"SELECT item FROM {self._table} WHERE seq = ?", (seq,)
            ).fetchone()
            item: T = pickle.loads(data)
            yield item
