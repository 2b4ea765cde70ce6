"""The build hash of every document met so far in one build, kept on disk rather than in memory.

A build must know every document it has already met: a document split across two files is
replaced at its first appearance and added to afterwards, and a cached file is skipped only when
none of its documents was met earlier. An archive of a million claims holds a quarter of a million
documents, so a dictionary of their hashes would make the build's memory grow with the archive.
This map lives in a private temporary SQLite database instead: SQLite keeps a small page cache
in memory and the rest in a file that is deleted when the build ends (or never outlives the
process, since SQLite creates it unlinked).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg import scratch


class BuildHashes:
    """Document id → build hash for one build, with batched reads and writes."""

    def __init__(self) -> None:
        self._db = scratch.connect()
        self._db.execute("CREATE TABLE hashes (id TEXT PRIMARY KEY, hash TEXT NOT NULL)")

    def get_many(self, document_ids: Iterable[str]) -> dict[str, str]:
        """The hashes of those of ``document_ids`` met so far in this build."""
        found: dict[str, str] = {}
        for chunk in scratch.batched(dict.fromkeys(document_ids), scratch.IN_CHUNK):
            found.update(
                self._db.execute(
                    f"SELECT id, hash FROM hashes WHERE id IN ({scratch.marks(len(chunk))})", chunk
                )
            )
        return found

    def put_many(self, hashes: Mapping[str, str]) -> None:
        """Record (or overwrite) these documents' hashes."""
        self._db.executemany("INSERT OR REPLACE INTO hashes VALUES (?, ?)", hashes.items())

    def close(self) -> None:
        """Delete the map's file."""
        self._db.close()
