"""Lists of one-paragraph rumours: CSV or JSON Lines, one rumour (one document) per row.

The default columns follow the BBC gossip-column layout (``id,date,raw_text,source,source_url``,
``source`` being the outlet's domain); other common names (``text``, ``published``, ``outlet``,
``url``) are recognised, and :class:`RumourColumns` sets any others. Each row becomes one document
whose id comes from its URL and row id, with the outlet resolved through the gazetteer and the
date parsed from "1 February 2021" or ISO. Bad rows are reported with their line; the rest load.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from kg import ids
from kg.model import ClaimGraph, Document, Source
from kg.resolve import outlet_source
from loaders import limits
from loaders._prose import capped, fragments, parse_date, read_prose, shown_path
from loaders._text import bad_bytes
from loaders.base import LoadReport
from loaders.records import one_line
from loaders.rows import RowError, csv_rows, head_keys, jsonl_rows


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


class RumoursLoader:
    """CSV / JSON Lines rumour lists (recognised by a text column and no ``subject`` column)."""

    name: ClassVar[str] = "rumours"
    extensions: ClassVar[tuple[str, ...]] = (".csv", ".tsv", ".jsonl", ".ndjson")

    def __init__(self, columns: RumourColumns | None = None) -> None:
        self.columns = columns or RumourColumns()

    def recognises(self, path: Path, head: bytes) -> bool:
        """A CSV, TSV or JSON Lines file with a text column and no claim ``subject`` column."""
        if path.suffix.lower() not in self.extensions:
            return False
        keys = head_keys(head, path=path)
        lowered = {k.strip().lower() for k in keys}
        return "subject" not in lowered and self.columns.pick(keys, "text") is not None

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        text = read_prose(path)
        sources: dict[str, Source] = {}
        yield from fragments(self._documents(path, text, report, sources), sources)

    def _rows(self, path: Path, text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
        """(line, row) pairs, or (line, problem message) for a row that cannot be read."""
        rows = (
            jsonl_rows(text)
            if text.lstrip().startswith("{")
            else csv_rows(text, path=path, check_header=self._no_text_column)
        )
        for line, row in rows:
            if isinstance(row, RowError):
                yield line, str(row)
            elif not isinstance(row, dict):
                yield line, "expected a JSON object"
            else:
                yield line, {str(k): v for k, v in row.items()}

    def _no_text_column(self, header: list[str]) -> str | None:
        if self.columns.pick(header, "text") is not None:
            return None
        return f"no text column; expected one of {self.columns.text}"

    def _documents(
        self, path: Path, text: str, report: LoadReport, sources: dict[str, Source]
    ) -> Iterator[Document]:
        shown = shown_path(path)
        columns: dict[str, str | None] | None = None
        for line, row in self._rows(path, text):
            report.records += 1
            if isinstance(row, str):
                report.reject(path, line, row)
                continue
            if columns is None:
                header = list(row)
                columns = {
                    f: self.columns.pick(header, f) for f in ("text", "date", "outlet", "url", "id")
                }
                if columns["text"] is None:
                    report.reject(
                        path, line, f"no text column; expected one of {self.columns.text}"
                    )
                    return
            try:
                doc = self._document(path, shown, line, row, columns, report, sources)
            except ValueError as exc:  # a URL or outlet the model refuses (over 500 characters)
                report.reject(path, line, one_line(exc))
                continue
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
                path,
                line,
                f"unreadable date {limits.shown(raw_date)}; kept without a date",
                columns["date"],
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
