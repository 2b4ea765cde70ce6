"""Graph storage: one interface (:class:`~kg.store.base.GraphStore`), Bolt backends behind it.

``open_store`` picks the backend from :class:`~kg.config.Settings`: the Bolt server in
``NEO4J_URI`` when set, otherwise an embedded ArcadeDB server that kg starts on a free loopback
port with its data in ``KG_HOME`` and stops when done; with ``KG_STORE=memory``, the
:class:`~kg.store.memory.MemoryStore` this process keeps for ``KG_HOME`` (so consecutive commands
in one process, a notebook's or a test's, see one graph).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.config import Settings
from kg.store.base import GraphStore, QueryResult, WriteSummary
from kg.store.bolt import BoltStore
from kg.store.memory import MemoryStore

logger = logging.getLogger(__name__)

__all__ = ["BoltStore", "GraphStore", "MemoryStore", "QueryResult", "WriteSummary", "open_store"]

#: The in-memory graphs of this process, by the resolved ``KG_HOME`` they stand for.
MEMORY_STORES: dict[Path, MemoryStore] = {}


@contextmanager
def open_store(settings: Settings) -> Iterator[GraphStore]:
    """A connected store with kg's schema, closed (and an embedded server stopped) on exit."""
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

    from kg.store.arcadedb import ArcadeDBServer

    with ArcadeDBServer(settings.home, heap=settings.heap) as server:
        store = BoltStore(server.uri, (server.username, server.password), database=server.database)
        try:
            store.ensure_schema()
            yield store
        finally:
            store.close()
