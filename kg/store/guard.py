"""A second line of defence for read-only queries on servers that do not enforce the access mode.

Read-only queries run in a READ transaction that kg always rolls back, and are refused when the
server reports changes (see :meth:`kg.store.bolt.BoltStore.query`). That covers data. It does not
cover schema statements on ArcadeDB, which applies ``CREATE``/``DROP`` of indexes and constraints
at once, outside the transaction, and ignores the READ mode; nor file access through ``LOAD CSV``.
Nor does it cover the types a write names: ArcadeDB creates a new label's or relationship
type's schema entry (and its bucket files) when ``CREATE (:NewLabel)`` runs, and Neo4j creates
the token, both even when the transaction is rolled back. So before a read-only query is sent,
its text (with string literals, quoted names and comments removed) is checked for schema
statements, file access and write clauses, and such a query never reaches the server.
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
#: A write clause: the keyword as a clause, not a property (``n.set``), label (``:Create``),
#: parameter (``$merge``) or map key (``{delete: 1}``).
_WRITE_CLAUSE = re.compile(
    r"(?<![.:$\w])(?:CREATE|MERGE|SET|DELETE|REMOVE|FOREACH)\b(?!\s*:)", re.IGNORECASE
)

#: What a user is told when a read-only query would write.
WRITE_REFUSED = (
    "this query writes to the graph and was not run; queries are read-only unless you pass --write"
)


def refuse_in_read_only(cypher: str) -> str | None:
    """Why ``cypher`` may not run as a read-only query, or None when nothing forbids it."""
    code = _STRINGS_AND_COMMENTS.sub(" ", cypher)
    if _SCHEMA.search(code):
        return "schema and administration statements (indexes, constraints, users) need --write"
    if _FILE_ACCESS.search(code):
        return "LOAD CSV reads files on the database server and needs --write"
    if _WRITE_CLAUSE.search(code):
        return WRITE_REFUSED.removesuffix("; queries are read-only unless you pass --write")
    return None
