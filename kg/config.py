"""Settings, read from the environment in one place (never at import time).

With ``NEO4J_URI`` set, kg talks to that Bolt server (Neo4j, Aura, or any Bolt server); without it,
it runs the embedded default, an ArcadeDB server it starts itself with its data under ``KG_HOME``
(``.kg`` in the current directory unless set).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and how to reach it."""

    uri: str | None = None
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None
    home: Path = Path(".kg")
    #: Java heap of the embedded ArcadeDB server (``KG_HEAP``, e.g. ``2g`` for million-claim graphs).
    heap: str = "1g"

    @property
    def embedded(self) -> bool:
        """True when no server is configured and kg runs its own ArcadeDB."""
        return not self.uri

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``,
        ``KG_HOME`` and ``KG_HEAP``."""
        env = os.environ if env is None else env
        return cls(
            uri=env.get("NEO4J_URI") or None,
            username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE") or None,
            home=Path(env.get("KG_HOME") or ".kg"),
            heap=env.get("KG_HEAP") or "1g",
        )

    def describe(self) -> str:
        """Where the graph is, for messages; never includes the password."""
        if self.embedded:
            return f"embedded ArcadeDB in {self.home}/"
        db = f", database {self.database}" if self.database else ""
        return f"{redact_uri(self.uri or '')}{db}"


def redact_uri(uri: str) -> str:
    """A URI with any ``user:password@`` part removed and query values masked, safe to print.

    >>> redact_uri("bolt://neo4j:s3cret@db:7687?password=s3cret&policy=eu")
    'bolt://db:7687?password=***&policy=***'
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri
    rest = rest.rpartition("@")[2]
    where, question, query = rest.partition("?")
    if question:
        masked = "&".join(
            f"{key}=***" if eq else key
            for key, eq, _ in (part.partition("=") for part in query.split("&"))
        )
        where = f"{where}?{masked}"
    return f"{scheme}://{where}"
