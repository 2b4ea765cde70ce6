"""What each input file's documents hashed to, so that a re-build skips unchanged files unread.

Parsing and validating records is most of the cost of re-building an unchanged archive. The
build hash of a document is a function of the file it was read from, so this cache keeps, per
file, the digest of its bytes (with kg's version and the ``--format`` given) and the build hashes
of its documents. When a file's digest matches, the build asks the store whether those documents
are stored with those hashes, and skips the file if they all are. The store stays the judge: a
stale or foreign cache can only cost a re-read, never a wrong skip. Files that had rejected
records are not cached, so their problems are reported on every build.

The cache is an SQLite file in ``KG_HOME`` (atomic, safe to kill mid-write).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import kg

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files "
    "(path TEXT PRIMARY KEY, digest TEXT NOT NULL, records INTEGER NOT NULL, documents TEXT NOT NULL)"
)


def file_digest(path: Path, format: str | None) -> str | None:
    """A digest of the file's bytes, kg's version and the format; None when it cannot be read."""
    digest = hashlib.sha256(f"{kg.__version__}\0{format or ''}\0".encode())
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class FileCache:
    """The per-file record; nothing is opened until first use."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self._path)
            with self._db:
                self._db.execute(_SCHEMA)
        return self._db

    def get(self, path: Path, digest: str) -> tuple[int, dict[str, str]] | None:
        """(records, document id → build hash) recorded for this file with this digest."""
        row = (
            self._conn()
            .execute(
                "SELECT records, documents FROM files WHERE path = ? AND digest = ?",
                (str(path.resolve()), digest),
            )
            .fetchone()
        )
        if row is None:
            return None
        return int(row[0]), dict(json.loads(row[1]))

    def put(self, path: Path, digest: str, records: int, documents: dict[str, str]) -> None:
        """Record what the file with this digest holds."""
        with self._conn() as db:
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (str(path.resolve()), digest, records, json.dumps(documents, sort_keys=True)),
            )

    def close(self) -> None:
        """Close the database file."""
        if self._db is not None:
            self._db.close()
            self._db = None
