"""How much one Bolt message may carry, and rows cut into batches that fit.

Every write sends its rows as the ``$rows`` parameter of one ``UNWIND`` statement, and a
statement with its parameters is one Bolt message. A server refuses a message over its limit:
ArcadeDB's is 16 MiB ("BOLT message too large"), and it then never answers, so the driver waited
forever. A document of many long claims passes that limit while each claim is legal, so rows are
batched by size as well as by count (:func:`sized_batches`); a single row that no message could
hold is refused before anything is sent (:class:`RowTooLarge`), in one line naming the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar

from kg.errors import StoreError

#: The largest message a Bolt server takes (ArcadeDB's default ``arcadedb.bolt.maxMessageSize``).
MESSAGE_LIMIT: Final = 16 * 1024 * 1024
#: Bytes of rows sent in one statement: half the limit, leaving room for the statement's text
#: and PackStream's markers (which :func:`row_bytes` counts generously anyway).
BATCH_BYTES: Final = MESSAGE_LIMIT // 2
#: The most one row may take: what is left of a message once a statement's text is in it.
ROW_LIMIT: Final = MESSAGE_LIMIT - 64 * 1024
#: Bytes counted for a number, a date, a boolean, None, and for the marker of a text or container.
_SCALAR = 9

T = TypeVar("T")


class RowTooLarge(StoreError):
    """One record is more than a Bolt message can hold."""


def row_bytes(value: Any) -> int:
    """About how many bytes ``value`` takes in a Bolt message, never fewer: text as UTF-8, and a
    few bytes per value and container besides (PackStream's markers take 1-9).

    >>> row_bytes({"id": "claim:1", "props": {"evidence": "é" * 10, "position": 0}})
    131
    """
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += _SCALAR + (
                len(item) if item.isascii() else len(item.encode("utf-8", "replace"))
            )
        elif isinstance(item, Mapping):
            total += _SCALAR
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            total += _SCALAR
            stack.extend(item)
        else:
            total += _SCALAR
    return total


def sized_batches(
    rows: Iterable[T], max_rows: int, max_bytes: int = BATCH_BYTES
) -> Iterator[list[T]]:
    """``rows`` in lists of at most ``max_rows`` rows and ``max_bytes`` bytes (a row bigger than
    ``max_bytes`` but within one message goes alone); a row that no message can hold raises
    :class:`RowTooLarge` before any list with it is yielded.

    >>> [len(b) for b in sized_batches([{"t": "x" * 40}] * 5, max_rows=4, max_bytes=150)]
    [2, 2, 1]
    """
    batch: list[T] = []
    size = 0
    for row in rows:
        cost = row_bytes(row)
        if cost > ROW_LIMIT:
            raise RowTooLarge(
                f"{_name(row)} takes {cost / 2**20:.1f} MiB; one record must fit a Bolt message "
                f"(16 MiB): shorten its text (the loaders refuse such records with file and line)"
            )
        if batch and (len(batch) >= max_rows or size + cost > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += cost
    if batch:
        yield batch


def _name(row: Any) -> str:
    """What a row stands for, for an error line: its record's id (a row may come paired with
    what the store needs to know about it, as ``(row, flag)``)."""
    if isinstance(row, tuple) and row:
        row = row[0]
    if isinstance(row, Mapping):
        for key in ("id", "claim", "document"):
            value = row.get(key)
            if isinstance(value, str):
                return value if len(value) <= 120 else value[:117] + "..."
    return "a record"
