"""Structured claim files: YAML, JSON, JSON Lines and CSV carrying the same records.

Each reader splits its file into records with their line numbers, so one broken record (bad
quoting, a non-UTF-8 byte, a wrong field) is reported with its line and the rest still load.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import yaml

from kg.model import ClaimGraph, Document
from loaders._text import bad_bytes, line_of, read_text
from loaders.base import LoadReport, register
from loaders.records import RecordError, record_to_graph

#: A raw record and the line it starts on, or a problem found while splitting the file.
Chunk = tuple[int, Any] | tuple[int, RecordError]


def file_document(path: Path) -> Document:
    """The document standing for a claim file, for records that name no document of their own."""
    try:
        shown = str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        shown = str(path.resolve())
    return Document.identified(title=path.name, path=shown)


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
            if isinstance(raw, RecordError):
                report.reject(path, line, str(raw), raw.field)
                continue
            try:
                graph.merge(record_to_graph(raw, file_document=fallback))
            except RecordError as exc:
                report.reject(path, line, str(exc), exc.field)
        if graph.claims:
            yield graph


class _YamlReader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is a field error, not a crash."""


_YamlReader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _rumour_list(path: Path, head: bytes) -> bool:
    """Whether the file is a rumour list (a text column, no ``subject``) for loaders/rumours.py."""
    from loaders.rumours import RumoursLoader

    return RumoursLoader().sniff(path, head)


def _outcome_table(path: Path, head: bytes) -> bool:
    """Whether the file is an outcome table (transfers, manager spells) for loaders/outcomes.py."""
    from loaders.outcomes import is_outcome_table

    return is_outcome_table(path, head)


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

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        problem = _check_bytes(text)
        if problem is None:
            try:
                yield from self._whole(text)
                return
            except yaml.YAMLError:
                pass  # fall back to item-by-item parsing to isolate the broken record
        yield from self._items(text)

    def _whole(self, text: str) -> Iterator[tuple[int, Any]]:
        """Parse the whole file (anchors and aliases work) and yield items with their lines."""
        root = yaml.compose(text, Loader=_YamlReader)
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
        constructor = _YamlReader("")
        for item in root.value:
            try:
                value = constructor.construct_document(item)
            except (yaml.YAMLError, ValueError) as exc:
                value = RecordError(f"invalid YAML value: {exc}")
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
            try:
                parsed = yaml.load(chunk, Loader=_YamlReader)
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
    """One JSON object per line."""

    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def sniff(self, path: Path, head: bytes) -> bool:
        return (
            path.suffix.lower() in self.extensions
            or (head.lstrip().startswith(b"{") and b"\n{" in head)
        ) and not _rumour_list(path, head)

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            problem = _check_bytes(line)
            if problem:
                yield number, problem
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, RecordError(f"invalid JSON at column {exc.colno}: {exc.msg}")
            except RecursionError:
                yield number, RecordError(_TOO_DEEP)


class JsonLoader(_ClaimFileLoader):
    """A JSON array of records (or an object with a ``"claims"`` array).

    Elements are decoded one at a time; after a broken element the reader resumes at the next line
    that opens an object, so the records after it still load.
    """

    name: ClassVar[str] = "json"
    extensions: ClassVar[tuple[str, ...]] = (".json",)
    _NEXT_OBJECT = re.compile(r"\n\s*\{")

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json" or head.lstrip().startswith(b"[")

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        decoder = json.JSONDecoder()
        i = _skip_ws(text, 0)
        if text.startswith("{", i):
            match = re.compile(r'"claims"\s*:\s*\[').search(text, i)
            if match is None:
                yield (
                    line_of(text, i),
                    RecordError('expected a JSON array, or an object with "claims"'),
                )
                return
            i = match.end()
        elif text.startswith("[", i):
            i += 1
        else:
            yield line_of(text, i), RecordError("expected a JSON array of claim records")
            return
        while True:
            i = _skip_ws(text, i)
            if i >= len(text) or text[i] == "]":
                return
            start = i
            try:
                value, i = decoder.raw_decode(text, i)
            except RecursionError:
                yield line_of(text, start), RecordError(_TOO_DEEP)
                return
            except json.JSONDecodeError as exc:
                yield line_of(text, exc.pos), RecordError(f"invalid JSON: {exc.msg}")
                resume = self._NEXT_OBJECT.search(text, exc.pos if exc.pos > start else start + 1)
                if resume is None:
                    return
                i = resume.end() - 1
                continue
            problem = _check_bytes(text[start:i])
            yield line_of(text, start), problem or value
            i = _skip_ws(text, i)
            if i < len(text) and text[i] == ",":
                i += 1


_TOO_DEEP = "invalid JSON: nested too deeply to be a claim record"


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


class CsvLoader(_ClaimFileLoader):
    """A CSV file with a header row of field names (``document.title`` for nested fields).

    Rows are read physical line by physical line; a quoted field may span lines, but a row whose
    quotes never close is reported and reading resumes on the next line.
    """

    name: ClassVar[str] = "csv"
    extensions: ClassVar[tuple[str, ...]] = (".csv", ".tsv")
    MAX_ROW_LINES = 50

    def sniff(self, path: Path, head: bytes) -> bool:
        return (
            path.suffix.lower() in self.extensions
            and not _rumour_list(path, head)
            and not _outcome_table(path, head)
        )

    def chunks(self, text: str) -> Iterator[tuple[int, Any]]:
        lines = text.splitlines(keepends=True)
        if not lines:
            return
        delimiter = "\t" if lines[0].count("\t") > lines[0].count(",") else ","
        header = next(csv.reader([lines[0]], delimiter=delimiter))
        header = [h.strip() for h in header]
        if "subject" not in header:
            yield (
                1,
                RecordError(
                    f"the header row must name the fields (subject, predicate, …); got {header}"
                ),
            )
            return
        i = 1
        while i < len(lines):
            start = i
            if not lines[i].strip():
                i += 1
                continue
            row: list[str] | None = None
            for end in range(i + 1, min(i + self.MAX_ROW_LINES, len(lines)) + 1):
                block = "".join(lines[i:end])
                if block.count('"') % 2:
                    continue
                parsed = list(csv.reader(io.StringIO(block), delimiter=delimiter))
                if len(parsed) == 1:
                    row, i = parsed[0], end
                break
            if row is None:
                yield (
                    start + 1,
                    RecordError("unbalanced quotes: this row's quoted field never closes"),
                )
                i = start + 1
                continue
            problem = _check_bytes("".join(row))
            if problem:
                yield start + 1, problem
            elif len(row) != len(header):
                yield start + 1, RecordError(f"expected {len(header)} columns, found {len(row)}")
            else:
                yield start + 1, {k: v for k, v in zip(header, row, strict=True) if v != ""}


register(YamlLoader())
register(JsonLoader())
register(JsonLinesLoader())
register(CsvLoader())
