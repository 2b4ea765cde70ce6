"""Exceptions a user can act on.

Every error kg raises on purpose derives from :class:`KgError`; the CLI turns one into a single line
on stderr and a non-zero exit. Input errors carry the file, line and field so the user can fix the
record without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class KgError(Exception):
    """Base class for errors that kg reports to the user as one line."""


class StoreError(KgError):
    """The graph database could not be reached or refused a statement."""


class ConfigError(KgError):
    """A setting (an environment variable) has a value kg cannot use."""


class GraphMissing(KgError):
    """A command that reads the graph found none (or an empty one); nothing was created."""


class QueryError(KgError):
    """A user's Cypher query failed (syntax, or a write in a read-only query)."""


@dataclass(frozen=True)
class Problem:
    """One rejected input record: where it is and what was expected."""

    path: str
    line: int | None
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class InputError(KgError):
    """An input file (or one record in it) cannot be read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    @classmethod
    def at(
        cls, path: str | Path, line: int | None, message: str, field: str | None = None
    ) -> InputError:
        """Build an error pointing at ``path:line`` (and the field, when known)."""
        return cls(Problem(str(path), line, message, field))
