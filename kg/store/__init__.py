"""Graph storage: one interface (:class:`~kg.store.base.GraphStore`), Bolt backends behind it.

``open_store`` picks the backend from :class:`~kg.config.Settings`: the Bolt server in
``NEO4J_URI`` when set, otherwise the embedded ArcadeDB server of the graph's folder, started on a
free loopback port by the first command that needs it and shared by later ones
(:mod:`kg.store.server`). The driver is imported on first use of :class:`BoltStore`, so the
light modules of this package (the server's keeper, the scratch workspace) load without it.
With ``KG_STORE=memory``, the :class:`~kg.store.memory.MemoryStore` this process keeps for the
graph's folder (so consecutive commands in one process, a notebook's or a test's, see one graph).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Settings
from kg.store.base import GraphStore, QueryResult, WriteSummary
from kg.store.memory import MemoryStore

if TYPE_CHECKING:
    from kg.store.bolt import BoltStore

logger = logging.getLogger(__name__)

__all__ = ["BoltStore", "GraphStore", "MemoryStore", "QueryResult", "WriteSummary", "open_store"]

#: The in-memory graphs of this process, by the resolved ``KG_HOME`` they stand for.
MEMORY_STORES: dict[Path, MemoryStore] = {}


def __getattr__(name: str) -> Any:
    if name == "BoltStore":
        from kg.store.bolt import BoltStore

        return BoltStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextmanager
def open_store(settings: Settings) -> Iterator[GraphStore]:
    """A connected store with kg's schema, closed on exit (an embedded server stays up for the
    next command, see :mod:`kg.store.server`)."""
    from kg.store.bolt import BoltStore

    logger.info("graph: %s", settings.describe())
    if settings.memory:
        yield MEMORY_STORES.setdefault(settings.home.resolve(), MemoryStore())
        return
    if not settings.embedded:
        store = BoltStore(
            settings.uri or "",
            (settings.username, settings.password) if settings.password else None,
            database=settings.database,
        )
        try:
            store.ensure_schema()
            yield store
        finally:
            store.close()
        return

    from kg.store.arcadedb import disk_error
    from kg.store.server import session

    with session(settings) as server:
        store = BoltStore(
            server.uri,
            (server.username, server.password),
            database=server.database,
            disk_error=partial(disk_error, Path(server.home)),
        )
        try:
            store.ensure_schema()
            yield store
        finally:
            store.close()
