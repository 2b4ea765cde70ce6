"""The last build's inputs and the embedded database as that build left it, so that running the
same ``kg build`` again need not start the database at all.

Starting the embedded ArcadeDB server costs 4-10 s (a JVM), most of the time of re-building an
unchanged archive from the command line. A build on the embedded default that completes with no
rejected record writes a *stamp* into ``KG_HOME``: the digest of every input file
(:func:`kg.build_cache.file_digest`, which covers kg's version and ``--format``), taken before
the build read them, and a fingerprint of the database folder, taken after the server
stopped. A later build whose input files have the
same digests, on a database folder with the same fingerprint, would find every document stored
with its hash and write nothing, and the analysis has nothing new to do, so kg reports that
without starting the server. Anything else (an edited, added or removed file, another
``--format``, a command that wrote to the database, a restored backup, a kill mid-build) changes
one side, and the build runs as usual.

Commands that only read the graph leave the stamp valid. The server rewrites a few small files
each time it starts (its last transaction id, and its statistics with their keys in another
order), so files smaller than ArcadeDB's smallest page file are compared by content (JSON with
sorted keys), and the rest by size and modification time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.build_cache import file_digest
from kg.errors import KgError
from loaders.base import iter_files

STAMP_FILE = "last-build.json"
_VERSION = 1


@dataclass(frozen=True)
class Stamp:
    """What the last complete build read and what it left in the graph."""

    #: Absolute path → digest of every input file, in the order read.
    inputs: dict[str, str]
    #: Fingerprint of the database folder once the server had stopped.
    database: str
    files: int
    records: int
    documents: int
    #: The graph's node counts as the build reported them.
    counts: dict[str, int]


def database_folder(home: Path) -> Path:
    """Where the embedded server keeps its databases under ``home``."""
    return home / "databases"


#: Files smaller than this (ArcadeDB's smallest page file) are fingerprinted by content.
_SMALL = 64 * 1024


def fingerprint(folder: Path) -> str:
    """A digest of every file under ``folder``: its relative path and its content when small,
    its size and modification time otherwise."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(root, name)
                try:
                    info = path.stat()
                except OSError:
                    continue
                relative = path.relative_to(folder).as_posix()
                digest.update(f"{relative}\0{info.st_size}\0".encode())
                if info.st_size < _SMALL:
                    try:
                        digest.update(_content(path))
                    except OSError:
                        continue
                else:
                    digest.update(str(info.st_mtime_ns).encode())
                digest.update(b"\n")
    return digest.hexdigest()


def _content(path: Path) -> bytes:
    """A small file's bytes; a JSON file's content with its keys sorted (the server writes its
    statistics from a hash map, in a different order on each start)."""
    data = path.read_bytes()
    if path.suffix == ".json":
        try:
            return json.dumps(json.loads(data), sort_keys=True).encode()
        except ValueError:
            pass
    return data


def input_digests(paths: Iterable[Path], format: str | None) -> dict[str, str] | None:
    """The digest of every file a build of ``paths`` reads; None if one cannot be read."""
    out: dict[str, str] = {}
    try:
        for path in iter_files(paths):
            digest = file_digest(path, format)
            if digest is None:
                return None
            out[str(path.resolve())] = digest
    except (KgError, OSError):
        return None
    return out


def read(home: Path) -> Stamp | None:
    """The stamp in ``home``, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads((home / STAMP_FILE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.pop("version", None) != _VERSION:
            return None
        stamp = Stamp(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(stamp.inputs, dict) or not isinstance(stamp.database, str):
        return None
    return stamp


def write(home: Path, stamp: Stamp) -> None:
    """Replace the stamp atomically (write a sibling file, then rename it over)."""
    target = home / STAMP_FILE
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps({"version": _VERSION, **asdict(stamp)}), encoding="utf-8")
    os.replace(partial, target)


def remove(home: Path) -> None:
    """Forget the stamp (before anything may write to the database)."""
    (home / STAMP_FILE).unlink(missing_ok=True)


def unchanged(home: Path, inputs: dict[str, str] | None) -> Stamp | None:
    """The stamp, if a build of ``inputs`` on the database as it is now would change nothing."""
    stamp = read(home)
    if stamp is None or inputs is None:
        return None
    if list(inputs.items()) != list(stamp.inputs.items()):  # the order of reading counts too
        return None
    if stamp.database != fingerprint(database_folder(home)):
        return None
    return stamp
