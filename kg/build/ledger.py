"""What kg remembers between builds, in one SQLite file in the graph's folder (``ledger.sqlite``).

- **Files**: for each input file, the digest of its bytes (with kg's version and the ``--format``
  given), its record count and the build hashes of its documents. A re-build skips a file unread
  when its digest matches and the store holds those documents with those hashes: the store stays
  the judge, so a stale or foreign ledger can only cost a re-read, never a wrong skip. Files that
  had rejected records are not remembered, so their problems are reported on every build.
- **The last build's stamp**: its input files and their digests (in reading order), what it
  reported, and which embedded server it ran on. A build of the same files, when no server is
  running and the database folder is as that server left it when it stopped
  (:func:`kg.store.server.stopped_fingerprint`), would write nothing; kg then reports the
  stamp without starting the database (a JVM start of several seconds). Every command that
  writes to the graph forgets the stamp first.

Each input file is hashed once per build: :meth:`Ledger.digest` remembers what it computed.
The CLI and the library (:meth:`kg.api.Graph.build`) use the ledger the same way.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.config import VERSION
from kg.errors import KgError
from loaders.base import iter_files

LEDGER_FILE = "ledger.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, digest TEXT NOT NULL, "
    "records INTEGER NOT NULL, documents TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS stamp (one INTEGER PRIMARY KEY CHECK (one = 1), data TEXT NOT NULL)",
)


def file_digest(path: Path, format: str | None) -> str | None:
    """A digest of the file's bytes, kg's version and the format; None when it cannot be read."""
    digest = hashlib.sha256(f"{VERSION}\0{format or ''}\0".encode())
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class Stamp:
    """What the last complete build read and reported."""

    #: Absolute path → digest of every input file, in the order read.
    inputs: dict[str, str]
    files: int
    records: int
    documents: int
    #: The graph's node counts as the build reported them.
    counts: dict[str, int]
    #: The start time of the embedded server the build wrote through (it names the server).
    server: float | None


class LedgerError(KgError):
    """The ledger file cannot be read or written (a full disk, a file that is not a ledger)."""


class Ledger:
    """The ledger of one graph folder; nothing is opened (or created) until first needed. A
    failure of its file (a full disk: "database or disk is full") is a :class:`LedgerError`
    naming it."""

    def __init__(self, home: Path) -> None:
        self._path = home / LEDGER_FILE
        self._db: sqlite3.Connection | None = None
        self._digests: dict[tuple[str, str | None, int, int], str | None] = {}

    def _conn(self, *, create: bool = True) -> sqlite3.Connection | None:
        if self._db is None:
            if not create and not self._path.exists():
                return None
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self._path)
            with self._db:
                for statement in _SCHEMA:
                    self._db.execute(statement)
        return self._db

    @contextmanager
    def _using(self, doing: str) -> Iterator[None]:
        """SQLite's errors inside the block as one line naming the file and what failed."""
        try:
            yield
        except sqlite3.Error as exc:
            raise LedgerError(f"{self._path}: cannot {doing} the build ledger: {exc}") from None

    def close(self) -> None:
        """Close the file."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- digests -----------------------------------------------------------------------------

    def digest(self, path: Path, format: str | None) -> str | None:
        """The file's digest (:func:`file_digest`), computed once while the file's size and
        modification time stay the same (so once per build; again after an edit)."""
        try:
            info = path.stat()
        except OSError:
            return None
        key = (str(path.resolve()), format, info.st_size, info.st_mtime_ns)
        if key not in self._digests:
            self._digests[key] = file_digest(path, format)
        return self._digests[key]

    def input_digests(self, paths: Iterable[Path], format: str | None) -> dict[str, str] | None:
        """The digest of every file a build of ``paths`` reads; None if one cannot be read."""
        out: dict[str, str] = {}
        try:
            for path in iter_files(paths):
                digest = self.digest(path, format)
                if digest is None:
                    return None
                out[str(path.resolve())] = digest
        except (KgError, OSError):
            return None
        return out

    # -- files -------------------------------------------------------------------------------

    def file(self, path: Path, digest: str) -> tuple[int, dict[str, str]] | None:
        """(records, document id → build hash) remembered for this file with this digest."""
        with self._using("read"):
            db = self._conn(create=False)
            if db is None:
                return None
            row = db.execute(
                "SELECT records, documents FROM files WHERE path = ? AND digest = ?",
                (str(path.resolve()), digest),
            ).fetchone()
        if row is None:
            return None
        return int(row[0]), dict(json.loads(row[1]))

    def remember_file(
        self, path: Path, digest: str, records: int, documents: dict[str, str]
    ) -> None:
        """Remember what the file with this digest holds."""
        with self._using("write"):
            db = self._conn()
            assert db is not None
            with db:
                db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                    (str(path.resolve()), digest, records, json.dumps(documents, sort_keys=True)),
                )

    # -- the last build's stamp --------------------------------------------------------------

    def stamp(self) -> Stamp | None:
        """The last complete build's stamp, if one is kept (and readable)."""
        with self._using("read"):
            db = self._conn(create=False)
            if db is None:
                return None
            row = db.execute("SELECT data FROM stamp").fetchone()
        if row is None:
            return None
        try:
            return Stamp(**json.loads(row[0]))
        except (ValueError, TypeError):
            return None

    def set_stamp(self, stamp: Stamp) -> None:
        """Replace the stamp."""
        with self._using("write"):
            db = self._conn()
            assert db is not None
            with db:
                db.execute(
                    "INSERT OR REPLACE INTO stamp VALUES (1, ?)", (json.dumps(asdict(stamp)),)
                )

    def forget_stamp(self) -> None:
        """Forget the stamp (before anything may write to the graph)."""
        with self._using("write"):
            db = self._conn(create=False)
            if db is not None:
                with db:
                    db.execute("DELETE FROM stamp")

    def unchanged(
        self, inputs: dict[str, str] | None, database: str | None, stopped: str | None
    ) -> Stamp | None:
        """The stamp, if a build of ``inputs`` would change nothing: the same files in the same
        order, and the database folder's fingerprint now (``database``, None while a server
        runs) equal to the one the stamp's server left when it stopped (``stopped``)."""
        stamp = self.stamp()
        if stamp is None or inputs is None or database is None or stopped is None:
            return None
        if list(inputs.items()) != list(stamp.inputs.items()):  # the order of reading counts too
            return None
        return stamp if database == stopped else None
