"""Lists of one-paragraph rumours: CSV or JSON Lines, one rumour (one document) per row.

The default columns follow the BBC gossip-column layout (``id,date,raw_text,source,source_url``,
``source`` being the outlet's domain); other common names (``text``, ``published``, ``outlet``,
``url``) are recognised, and :class:`RumourColumns` sets any others. Each row becomes one document
whose id comes from its URL and row id, with the outlet resolved through the gazetteer and the
date parsed from "1 February 2021" or ISO. Bad rows are reported with their line; the rest load.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from kg import ids
from kg.model import ClaimGraph, Document, Source
from kg.resolve import outlet_source
from loaders._prose import capped, fragments, parse_date, read_prose, shown_path
from loaders._text import bad_bytes
from loaders.base import LoadReport, register


@dataclass(frozen=True)
class RumourColumns:
    """Which column holds what; each field lists accepted names, first match wins."""

    text: tuple[str, ...] = ("raw_text", "text", "rumour", "rumor", "paragraph", "content")
    date: tuple[str, ...] = ("date", "published", "published_at")
    outlet: tuple[str, ...] = ("source", "outlet", "publisher")
    url: tuple[str, ...] = ("source_url", "url", "link")
    id: tuple[str, ...] = ("id", "row_id")

    def pick(self, header: list[str], field: str) -> str | None:
        """The header's column for ``field`` (case-insensitive), or None."""
        lowered = {h.strip().lower(): h for h in header}
        for name in getattr(self, field):
            if name.lower() in lowered:
                return lowered[name.lower()]
        return None


def _head_keys(path: Path, head: bytes) -> list[str]:
    """Column names from a CSV header line or the first JSON object's keys."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    if first.startswith("{"):
        try:
            value = json.loads(first)
        except json.JSONDecodeError:
            return []
        return list(value) if isinstance(value, dict) else []
    return next(csv.reader([first]), [])


class RumoursLoader:
    """CSV / JSON Lines rumour lists (recognised by a text column and no ``subject`` column)."""

    name: ClassVar[str] = "rumours"
    extensions: ClassVar[tuple[str, ...]] = (".csv", ".tsv", ".jsonl", ".ndjson")

    def __init__(self, columns: RumourColumns | None = None) -> None:
        self.columns = columns or RumourColumns()

    def sniff(self, path: Path, head: bytes) -> bool:
        keys = _head_keys(path, head)
        lowered = {k.strip().lower() for k in keys}
        return "subject" not in lowered and self.columns.pick(keys, "text") is not None

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        text = read_prose(path)
        sources: dict[str, Source] = {}
        yield from fragments(self._documents(path, text, report, sources), sources)

    def _rows(self, text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
        """(line, row) pairs, or (line, problem message) for a row that cannot be read."""
        if text.lstrip().startswith("{"):
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, f"invalid JSON at column {exc.colno}: {exc.msg}"
                    continue
                yield number, value if isinstance(value, dict) else "expected a JSON object"
            return
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        csv.field_size_limit(sys.maxsize)
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:
            yield reader.line_num, f"unreadable CSV row: {exc}"

    def _documents(
        self, path: Path, text: str, report: LoadReport, sources: dict[str, Source]
    ) -> Iterator[Document]:
        shown = shown_path(path)
        columns: dict[str, str | None] | None = None
        for line, row in self._rows(text):
            report.records += 1
            if isinstance(row, str):
                report.reject(path, line, row)
                continue
            if columns is None:
                header = [k for k in row if k is not None]  # None: extra cells
                columns = {
                    f: self.columns.pick(header, f) for f in ("text", "date", "outlet", "url", "id")
                }
                if columns["text"] is None:
                    report.reject(
                        path, line, f"no text column; expected one of {self.columns.text}"
                    )
                    return
            doc = self._document(path, shown, line, row, columns, report, sources)
            if doc is not None:
                yield doc

    def _document(
        self,
        path: Path,
        shown: str,
        line: int,
        row: dict[str, Any],
        columns: dict[str, str | None],
        report: LoadReport,
        sources: dict[str, Source],
    ) -> Document | None:
        def value(field: str) -> str | None:
            column = columns[field]
            raw = row.get(column) if column else None
            return str(raw).strip() or None if raw is not None else None

        body = value("text")
        if body is None:
            report.reject(path, line, "empty rumour text", columns["text"])
            return None
        problem = bad_bytes(body)
        if problem:
            report.reject(path, line, problem, columns["text"])
            return None
        problems: list[tuple[int | None, str]] = []
        body = capped(body, path, line, problems)
        for where, message in problems:
            report.reject(path, where, message, columns["text"])
        raw_date = value("date")
        published = parse_date(raw_date)
        if raw_date and published is None:
            report.reject(
                path, line, f"unreadable date {raw_date!r}; kept without a date", columns["date"]
            )
        outlet_id = None
        outlet = value("outlet")
        if outlet:
            source = outlet_source(outlet)
            sources[source.id] = source
            outlet_id = source.id
        url = value("url")
        row_id = value("id") or str(line)
        return Document(
            id="doc:" + ids.digest({"url": url, "row": row_id, "file": None if url else shown}),
            url=url,
            published=published,
            outlet=outlet_id,
            path=f"{shown}#{row_id}",
            text=body,
        )


register(RumoursLoader())
