"""The embedded server's start-up cache: Java's ahead-of-time cache (JDK 25 and later).

An ArcadeDB server spends most of its 7-10 s start-up loading and linking the same classes every
time. Java 25 can record them once (``-XX:AOTCacheOutput``: written when that JVM exits) and map
them on later starts (``-XX:AOTCache``), which then take about 3 s. The runtime that the
``arcadedb-embedded`` wheel bundles is Java 25, so kg keeps one cache per runtime, class path and
heap in the user's cache folder (``~/.cache/kg/`` on Linux):

- With no cache yet, a server *trains*: it writes a cache of its own under a temporary name when
  it stops (a few seconds more for that one stop), and :meth:`StartupCache.keep` moves it into
  place only if that server had started properly, so a server that failed at start-up never
  leaves a cache of half a start. Servers training at once each write their own file; the last
  one kept wins, and every one of them is whole.
- With a cache, a server maps it. Java ignores a cache that does not match its runtime (it warns
  and starts as before), and deleting the file only costs the next start its speed.

On an older runtime, or with no writable cache folder, no option is added at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["StartupCache", "startup_cache"]

#: The first Java release that writes a cache in one run (JEP 514).
FIRST_RELEASE: Final = 25
#: Training files older than this are left-overs of a server that was killed: removed.
STALE_SECONDS: Final = 3600.0

_VERSION = re.compile(r'^JAVA_VERSION="(\d+)', re.MULTILINE)


@dataclass(frozen=True)
class StartupCache:
    """The cache one server start uses (``path``) or writes (``training``); both None: neither."""

    path: Path | None = None
    training: Path | None = None

    def options(self) -> list[str]:
        """The JVM options that map the cache or write a new one."""
        if self.training is not None:
            return [f"-XX:AOTCacheOutput={self.training}"]
        if self.path is not None:
            return [f"-XX:AOTCache={self.path}"]
        return []

    def keep(self, started: bool) -> None:
        """After the JVM has exited: put what a training server wrote in place if it had
        ``started`` (else drop it), and remove the JVM's own temporary file."""
        if self.training is None or self.path is None:
            return
        with contextlib.suppress(OSError):
            if started and self.training.is_file():
                os.replace(self.training, self.path)
            self.training.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.training.with_name(self.training.name + ".config").unlink(missing_ok=True)


def startup_cache(java: Path, classpath: list[str], heap: str) -> StartupCache:
    """The start-up cache for a server run by ``java`` (a bundled runtime's ``bin/java``)."""
    try:
        release = (java.parent.parent / "release").read_text(encoding="utf-8")
    except OSError:
        return StartupCache()
    version = _VERSION.search(release)
    if version is None or int(version.group(1)) < FIRST_RELEASE:
        return StartupCache()
    import platformdirs  # only here: the cache folder is needed when a server starts

    folder = platformdirs.user_cache_path("kg", appauthor=False)
    key = hashlib.sha256("\0".join([str(java), release, heap, *classpath]).encode())
    path = folder / f"arcadedb-{key.hexdigest()[:16]}.aot"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
    except OSError:
        return StartupCache()
    if path.is_file():
        return StartupCache(path)
    training = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    return StartupCache(path, training)


def _remove_stale(folder: Path) -> None:
    """Training files (and the JVM's ``.config`` beside them) that no one will keep any more."""
    now = time.time()
    for left in folder.glob("arcadedb-*.aot.*.tmp*"):
        with contextlib.suppress(OSError):
            if now - left.stat().st_mtime > STALE_SECONDS:
                left.unlink()
