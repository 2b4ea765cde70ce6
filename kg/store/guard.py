"""A second line of defence for read-only queries on servers that do not enforce the access mode.

Read-only queries run in a READ transaction that kg always rolls back, and are refused when the
server reports changes (see :meth:`kg.store.bolt.BoltStore.query`). That covers data. It does not
cover schema statements on ArcadeDB, which applies ``CREATE``/``DROP`` of indexes and constraints
at once, outside the transaction, and ignores the READ mode; nor file access through ``LOAD CSV``.
So before a read-only query is sent, its text (with string literals and comments removed) is
checked for those statements only.
"""

from __future__ import annotations

import re

_STRINGS_AND_COMMENTS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_SCHEMA = re.compile(
    r"\b(?:CREATE|DROP|ALTER)\b(?:\s+\w+){0,3}?\s+\b(?:INDEX|CONSTRAINT|DATABASE|USER|ROLE)\b",
    re.IGNORECASE,
)
_FILE_ACCESS = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)


def refuse_in_read_only(cypher: str) -> str | None:
    """Why ``cypher`` may not run as a read-only query, or None when nothing forbids it."""
    code = _STRINGS_AND_COMMENTS.sub(" ", cypher)
    if _SCHEMA.search(code):
        return "schema and administration statements (indexes, constraints, users) need --write"
    if _FILE_ACCESS.search(code):
        return "LOAD CSV reads files on the database server and needs --write"
    return None
