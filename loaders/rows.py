"""The one row reader for CSV, TSV and JSON Lines: rows with their line numbers, within limits.

Every tabular loader (claim files, rumour lists, outcome tables) reads through here, so they all
split lines the same way and refuse the same things:

* CSV and TSV go through the :mod:`csv` module over lines split on ``\\n``, ``\\r\\n`` and ``\\r``
  only (``newline=""``): a U+2028, U+0085 or form feed inside a field stays in the field, and a
  quoted field may span lines. A row whose quote never closes, or that runs on into the next row
  (``"text,src,url`` … ``"next"``), is refused at its first line and reading resumes on the line
  after it, so no row is ever merged with the next. Duplicate column names are refused.
* JSON Lines are split on ``\\n`` alone (``str.splitlines`` also breaks on U+2028, U+0085, form
  feeds and nine more, which are legal inside a JSON string), so line numbers are the editor's.
* Fields, records and nesting are bounded (:mod:`loaders.limits`); a row over a limit is refused
  in one line before it is kept in memory any further.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from loaders._text import decode
from loaders.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_RECORD_CHARS

#: Physical lines one CSV row may span (a quoted field with line breaks); past it, the row's
#: quote is taken as never closing.
MAX_ROW_LINES = 1000


class RowError(ValueError):
    """A row that cannot be read, or a record that does not fit; ``field`` names the field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


#: A row's values (a mapping from a CSV header, or a decoded JSON value), or why it was refused.
Row = tuple[int, Any]


class _RowTooLong(Exception):
    """Raised from inside the csv reader's line feed to stop a row that will not end."""


def delimiter_for(path: Path | None, first_line: str) -> str:
    """Tab for ``.tsv`` files and for header lines with more tabs than commas, else comma."""
    if path is not None and path.suffix.lower() == ".tsv":
        return "\t"
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def csv_rows(
    text: str,
    *,
    path: Path | None = None,
    delimiter: str | None = None,
    check_header: Callable[[list[str]], str | None] | None = None,
) -> Iterator[Row]:
    """``(line, {column: value})`` for every row after the header, or ``(line, RowError)``.

    The first non-blank row is the header; a header that cannot be read, repeats a name, or that
    ``check_header`` finds fault with (it returns the message) yields one error and nothing
    else. Blank lines are skipped; a row with a different number of cells than the header is
    refused.
    """
    lines = io.StringIO(text, newline="").readlines()
    delimiter = delimiter or delimiter_for(path, lines[0] if lines else "")
    csv.field_size_limit(MAX_FIELD_CHARS)
    header: list[str] | None = None
    pos = 0
    while pos < len(lines):
        start = pos
        row, pos, problem = _next_row(lines, start, delimiter)
        if problem is not None:
            yield start + 1, RowError(problem)
            if header is None:
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            repeated = sorted({h for h in header if header.count(h) > 1})
            fault = (
                f"the header names column(s) twice: {', '.join(repeated)}"
                if repeated
                else check_header(header)
                if check_header
                else None
            )
            if fault:
                yield start + 1, RowError(fault)
                return
            continue
        if len(row) != len(header):
            yield start + 1, RowError(f"expected {len(header)} columns, found {len(row)}")
            continue
        yield start + 1, dict(zip(header, row, strict=True))


def csv_header(text: str, *, path: Path | None = None) -> list[str]:
    """The column names of a CSV/TSV text's first non-blank row (used to recognise layouts)."""
    lines = io.StringIO(text, newline="").readlines()
    delimiter = delimiter_for(path, lines[0] if lines else "")
    csv.field_size_limit(MAX_FIELD_CHARS)
    pos = 0
    while pos < len(lines):
        row, pos, problem = _next_row(lines, pos, delimiter)
        if problem is not None:
            return []
        if row and any(cell.strip() for cell in row):
            return [cell.strip() for cell in row]
    return []


def _next_row(lines: list[str], start: int, delimiter: str) -> tuple[list[str], int, str | None]:
    """Read one row from ``lines[start:]``: (cells, index after it, None) or a problem and the
    index of the line after the row's first line, where reading resumes."""
    pos = start
    size = 0

    def feed() -> Iterator[str]:
        nonlocal pos, size
        while pos < len(lines):
            if pos - start >= MAX_ROW_LINES or size > MAX_RECORD_CHARS:
                raise _RowTooLong
            line = lines[pos]
            pos += 1
            size += len(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter, strict=True)
    try:
        row = next(reader, [])
    except _RowTooLong:
        return [], start + 1, _unclosed(start, pos, size)
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            return [], start + 1, f"a field is over {MAX_FIELD_CHARS} characters"
        if "unexpected end of data" in message or "expected after" in message:
            return [], start + 1, "unbalanced quotes: this row's quoted field never closes"
        return [], start + 1, f"unreadable CSV row: {message}"
    return row, pos, None


def _unclosed(start: int, pos: int, size: int) -> str:
    if size > MAX_RECORD_CHARS:
        return f"row is over {MAX_RECORD_CHARS} characters"
    return f"unbalanced quotes: this row's quoted field runs over {MAX_ROW_LINES} lines"


def jsonl_rows(text: str) -> Iterator[Row]:
    """``(line, value)`` for every non-blank line of a JSON Lines text, or ``(line, RowError)``.

    Lines are split on ``\\n`` only (a trailing ``\\r`` is dropped); control characters inside
    strings are accepted, as most writers emit them.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip(" \t\r"):
            continue
        yield number, json_value(line)


def json_value(text: str) -> Any:
    """One JSON value, or a :class:`RowError` saying why not (syntax, size, depth, huge number)."""
    if len(text) > MAX_RECORD_CHARS:
        return RowError(f"record is over {MAX_RECORD_CHARS} characters")
    try:
        value = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        return RowError(f"invalid JSON at column {exc.colno}: {exc.msg}")
    except RecursionError:
        return RowError(TOO_DEEP)
    except ValueError:  # an integer of more than 4,300 digits
        return RowError("invalid JSON: a number is too long to be a claim field")
    return RowError(TOO_DEEP) if too_deep(value) else value


TOO_DEEP = f"invalid JSON: nested too deeply to be a claim record (over {MAX_DEPTH} levels)"


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and mappings nest more than ``limit`` levels in ``value`` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:')


def head_keys(head: bytes, *, path: Path | None = None) -> list[str]:
    """Column names from the start of a file: a CSV/TSV header, or the first JSON object's keys.

    ``head`` may end mid-row; a first JSON object cut short gives the keys seen so far.
    """
    text = head_text(head)
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("{"):
        value = json_value(first)
        if isinstance(value, dict):
            return list(value)
        return [json.loads(f'"{k}"', strict=False) for k in _KEY.findall(first)]
    cut = text.rfind("\n")
    return csv_header(text[: cut + 1] if cut > 0 else text, path=path)


def head_text(head: bytes) -> str:
    """The start of a file as text (BOM honoured; a UTF-16 head cut to whole code units)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[: len(head) // 2 * 2]
        try:
            return decode(head)
        except UnicodeDecodeError:
            return ""
    return decode(head)
