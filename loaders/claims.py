"""Structured claim files: YAML, JSON, JSON Lines and CSV carrying the same records.

Each reader splits its file into records with their line numbers, so one broken record (bad
quoting, a non-UTF-8 byte, a wrong field, a value over a limit) is reported with its line and the
rest still load. CSV and JSON Lines are read by :mod:`loaders.rows`, YAML by
:mod:`loaders.yaml_reader`; each loader recognises its files by name (``.csv``, ``.yaml`` …) or,
for JSON, by a leading ``[`` or ``{`` line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import yaml

from kg.model import ClaimGraph
from loaders import yaml_reader
from loaders._prose import file_document
from loaders._text import bad_bytes, line_of, read_text
from loaders.base import LoadReport
from loaders.limits import MAX_DEPTH, MAX_RECORD_CHARS, shown
from loaders.records import RecordError, record_to_graph
from loaders.rows import TOO_DEEP, RowError, csv_rows, jsonl_rows, too_deep

#: A raw record and the line it starts on, or a problem found while splitting the file.
Chunk = tuple[int, Any] | tuple[int, RecordError]


class _ClaimFileLoader:
    """Common part: turn the (line, record) chunks of a file into one graph fragment."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        text = read_text(path)
        fallback = file_document(path)
        graph = ClaimGraph()
        for line, raw in self.chunks(text):
            report.records += 1
            if isinstance(raw, RowError):
                report.reject(path, line, str(raw), raw.field)
                continue
            try:
                graph.merge(record_to_graph(raw, file_document=fallback))
            except RecordError as exc:
                report.reject(path, line, str(exc), exc.field)
        if graph.claims:
            yield graph


#: A claim file may wrap its list in a ``claims:`` mapping, one level more than a bare list.
MAX_DEPTH_WITH_WRAPPER = MAX_DEPTH + 2


def shown_error(exc: Exception) -> str:
    """An exception's message cut short (PyYAML and int() may quote a whole value)."""
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "…"


def _check_bytes(chunk: str) -> RecordError | None:
    message = bad_bytes(chunk)
    return RecordError(message) if message else None


class YamlLoader(_ClaimFileLoader):
    """A YAML sequence of records (or a mapping with a ``claims:`` sequence).

    Top-level items are parsed one by one, so a syntax error spoils only its own record.
    """

    name: ClassVar[str] = "yaml"
    extensions: ClassVar[tuple[str, ...]] = (".yaml", ".yml")
    _ITEM = re.compile(r"^(?P<indent> *)- ", re.MULTILINE)

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        problem = _check_bytes(text)
        if problem is None:
            try:
                root = yaml_reader.compose(text, depth=MAX_DEPTH_WITH_WRAPPER)
            except (yaml.YAMLError, yaml_reader.YamlLimitError):
                pass  # fall back to item-by-item parsing to isolate the broken record
            else:
                yield from self._whole(root)
                return
        yield from self._items(text)

    def _whole(self, root: yaml.Node | None) -> Iterator[tuple[int, Any]]:
        """Yield the items of a parsed file (anchors and aliases work) with their lines."""
        if root is None:
            return
        if isinstance(root, yaml.MappingNode):
            claims = [v for k, v in root.value if getattr(k, "value", None) == "claims"]
            if not claims:
                yield 1, RecordError("expected a list of claim records, or a 'claims:' list")
                return
            root = claims[0]
        if not isinstance(root, yaml.SequenceNode):
            yield root.start_mark.line + 1, RecordError("expected a YAML list of claim records")
            return
        for item in root.value:
            try:
                value = yaml_reader.construct(item)
            except yaml_reader.YamlLimitError as exc:
                value = RecordError(str(exc))
            except (yaml.YAMLError, ValueError) as exc:
                value = RecordError(f"invalid YAML value: {shown_error(exc)}")
            yield item.start_mark.line + 1, value

    def _items(self, text: str) -> Iterator[tuple[int, Any]]:
        """Parse top-level list items one by one, so a syntax error spoils only its own record."""
        body_start = 0
        header = re.search(r"^claims:\s*$", text, re.MULTILINE)
        if header:
            body_start = header.end()
        items = list(self._ITEM.finditer(text, body_start))
        if not items:
            if text.strip():
                yield 1, RecordError("expected a YAML list of claim records ('- subject: …')")
            return
        indent = min(len(m.group("indent")) for m in items)
        starts = [m.start() for m in items if len(m.group("indent")) == indent]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            chunk = text[start:end]
            line = line_of(text, start)
            problem = _check_bytes(chunk)
            if problem:
                yield line, problem
                continue
            if len(chunk) > MAX_RECORD_CHARS:
                yield line, RecordError(f"record is over {MAX_RECORD_CHARS} characters")
                continue
            try:
                parsed = yaml_reader.load(chunk)
            except yaml_reader.YamlLimitError as exc:
                yield line, RecordError(str(exc))
                continue
            except ValueError as exc:
                yield line, RecordError(f"invalid YAML value: {shown_error(exc)}")
                continue
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                near = f" (near line {line + mark.line})" if mark is not None else ""
                reason = getattr(exc, "problem", None) or str(exc)
                yield line, RecordError(f"invalid YAML in this record: {reason}{near}")
                continue
            if not isinstance(parsed, list) or len(parsed) != 1:
                yield line, RecordError("expected one claim record per list item")
                continue
            yield line, parsed[0]


class JsonLinesLoader(_ClaimFileLoader):
    """One JSON object per line (lines split on ``\\n`` only, see :mod:`loaders.rows`)."""

    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions or (
            head.lstrip().startswith(b"{") and b"\n{" in head
        )

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        for number, value in jsonl_rows(text):
            if not isinstance(value, RowError):
                problem = _check_bytes(json.dumps(value, ensure_ascii=False))
                value = problem or value
            yield number, value


class JsonLoader(_ClaimFileLoader):
    """A JSON array of records (or an object with a ``"claims"`` array).

    Elements are decoded one at a time; after a broken element the reader resumes at the next line
    that opens an object, so the records after it still load.
    """

    name: ClassVar[str] = "json"
    extensions: ClassVar[tuple[str, ...]] = (".json",)
    _NEXT_OBJECT = re.compile(r"\n\s*\{")

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json" or head.lstrip().startswith(b"[")

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        decoder = json.JSONDecoder(strict=False)
        line = _Lines(text)
        i = _skip_ws(text, 0)
        wrapped = text.startswith("{", i)
        if wrapped:
            match = re.compile(r'"claims"\s*:\s*\[').search(text, i)
            if match is None:
                yield line(i), RecordError('expected a JSON array, or an object with "claims"')
                return
            i = match.end()
        elif text.startswith("[", i):
            i += 1
        else:
            yield line(i), RecordError("expected a JSON array of claim records")
            return
        while True:
            i = _skip_ws(text, i)
            if i >= len(text):
                yield line(i), RecordError("invalid JSON: the array never closes (no ']')")
                return
            if text[i] == "]":
                yield from self._after_array(text, i + 1, wrapped, line)
                return
            start = i
            try:
                value, i = decoder.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                yield line(exc.pos), RecordError(f"invalid JSON: {exc.msg}")
                resume = self._NEXT_OBJECT.search(text, exc.pos if exc.pos > start else start + 1)
                if resume is None:
                    return
                i = resume.end() - 1
                continue
            except (RecursionError, ValueError) as exc:
                message = TOO_DEEP if isinstance(exc, RecursionError) else _HUGE_NUMBER
                yield line(start), RecordError(message)
                return
            yield line(start), self._checked(text, start, i, value)
            i = _skip_ws(text, i)
            if i < len(text) and text[i] == ",":
                i += 1
            elif i < len(text) and text[i] != "]":
                yield line(i), RecordError("invalid JSON: expected ',' or ']' after a record")
                resume = self._NEXT_OBJECT.search(text, i)
                if resume is None:
                    return
                i = resume.end() - 1

    @staticmethod
    def _checked(text: str, start: int, end: int, value: Any) -> Any:
        """The decoded element, or why it is refused (size, depth, bytes that were not UTF-8)."""
        if end - start > MAX_RECORD_CHARS:
            return RecordError(f"record is over {MAX_RECORD_CHARS} characters")
        if too_deep(value):
            return RecordError(TOO_DEEP)
        return _check_bytes(text[start:end]) or value

    @staticmethod
    def _after_array(text: str, i: int, wrapped: bool, line: _Lines) -> Iterator[tuple[int, Any]]:
        """Refuse anything after the closing ``]`` but white space (and, for an object holding
        ``"claims"``, the rest of that object)."""
        rest = text[i:].strip()
        if wrapped:
            try:
                json.loads('{"claims": []' + text[i:], strict=False)
                return
            except ValueError:
                pass
        elif not rest:
            return
        yield line(_skip_ws(text, i)), RecordError("invalid JSON: unexpected text after the end")


_HUGE_NUMBER = "invalid JSON: a number is too long to be a claim field"


class _Lines:
    """1-based line numbers of offsets, counted incrementally (offsets mostly increase)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def __call__(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


class CsvLoader(_ClaimFileLoader):
    """A CSV or TSV file with a header row of field names (``document.title`` for nested fields).

    Rows come from :func:`loaders.rows.csv_rows`: a quoted field may span lines, and a row whose
    quotes never close is reported at its first line and reading resumes on the next.
    """

    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = (".csv", ".tsv")

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        for line, row in csv_rows(text, check_header=_claim_header):
            if isinstance(row, RowError):
                yield line, row
                continue
            problem = _check_bytes("".join(row.values()))
            yield line, problem or {k: v for k, v in row.items() if v != ""}


def _claim_header(header: list[str]) -> str | None:
    if "subject" in header:
        return None
    return f"the header row must name the fields (subject, predicate, …); got {shown(header)}"
