"""Private temporary SQLite databases: where kg keeps per-run tables that grow with the archive.

A build meets every document and the analysis every outcome and entity; kept in dictionaries,
they would make memory grow with the archive. SQLite keeps a small page cache in memory and the
rest in a file of its own that is deleted when the connection closes (and that it creates
unlinked, so a killed process leaves nothing behind). Nothing here is ever committed or shared:
one connection, one process, journal and syncing off, and one transaction that is never committed
(so that SQLite writes a page out only when its cache is full).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import TypeVar

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
