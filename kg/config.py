"""Settings, read from the environment in one place (never at import time).

With ``NEO4J_URI`` set, kg talks to that Bolt server (Neo4j, Aura, or any Bolt server); without it,
it runs the embedded default, an ArcadeDB server it starts itself with its data in the graph's
folder. That folder is ``KG_HOME`` when set, else the nearest ``.kg`` in the current folder or a
parent (as git finds ``.git``), else a per-user data folder (:func:`find_home`).
``KG_STORE=memory`` keeps the graph in the process's memory instead (:mod:`kg.store.memory`: no
database, no Cypher, gone when the process ends), for the Python API and for tests that are not
about the database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ConfigError

#: kg's version (pyproject.toml's), re-exported as ``kg.__version__``; what a build ledger was
#: written by.
VERSION = "0.1.0"
#: The folder name searched for in the current folder and its parents.
HOME_NAME = ".kg"
#: Seconds an embedded server with no command using it stays up before it stops itself.
DEFAULT_IDLE = 600.0


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
    #: Seconds the embedded server stays up with no command using it (``KG_SERVER_IDLE``; 0: until
    #: ``kg server stop``).
    idle: float = DEFAULT_IDLE
    #: The graph in this process's memory (``KG_STORE=memory``), whatever else is set.
    memory: bool = False

    @property
    def embedded(self) -> bool:
        """True when no server is configured and kg runs its own ArcadeDB."""
        return not self.uri and not self.memory

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``,
        ``KG_HOME``, ``KG_HEAP``, ``KG_SERVER_IDLE`` and ``KG_STORE``."""
        env = os.environ if env is None else env
        idle = env.get("KG_SERVER_IDLE") or str(DEFAULT_IDLE)
        try:
            idle_seconds = float(idle)
        except ValueError:
            idle_seconds = -1.0
        if not idle_seconds >= 0:  # also refuses nan
            raise ConfigError(
                f"KG_SERVER_IDLE: expected seconds (0 to keep the server up), got {idle!r}"
            )
        heap = env.get("KG_HEAP") or "1g"
        if not re.fullmatch(r"[1-9][0-9]*[kKmMgG]?", heap):
            raise ConfigError(f"invalid Java heap size {heap!r} (expected e.g. 512m or 2g)")
        return cls(
            uri=env.get("NEO4J_URI") or None,
            username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE") or None,
            home=find_home(env),
            heap=heap,
            idle=idle_seconds,
            memory=(env.get("KG_STORE") or "").strip().lower() == "memory",
        )

    def describe(self) -> str:
        """Where the graph is, for messages; never includes the password."""
        if self.memory:
            return "this process's memory (KG_STORE=memory)"
        if self.embedded:
            return f"embedded ArcadeDB in {self.home}/"
        db = f", database {self.database}" if self.database else ""
        return f"{redact_uri(self.uri or '')}{db}"


def find_home(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """The graph's folder: ``KG_HOME``; else the nearest ``.kg`` folder in ``cwd`` or a parent;
    else ``graph`` in the per-user data folder (``~/.local/share/kg/graph`` on Linux).

    Nothing is created: a command that only reads finds out that there is no graph instead.
    """
    env = os.environ if env is None else env
    if env.get("KG_HOME"):
        return Path(env["KG_HOME"])
    here = (cwd or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        candidate = folder / HOME_NAME
        if candidate.is_dir():
            return candidate
    import platformdirs  # small, but only needed when no folder is found

    return platformdirs.user_data_path("kg", appauthor=False) / "graph"


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
