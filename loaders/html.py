"""Saved web pages: main text and metadata (title, author, date, site name, URL) via trafilatura.

A page without a main text (no body, a cookie wall, an index page) is reported and skipped. The
outlet comes from the page's site name, else its URL's domain, resolved through the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from kg.errors import InputError
from kg.model import ClaimGraph, Document
from kg.resolve import outlet_source
from loaders._prose import capped, parse_date, read_prose, shown_path
from loaders.base import LoadReport


class HtmlLoader:
    """``.html`` / ``.htm`` files, or any file whose head looks like HTML."""

    name: ClassVar[str] = "html"
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")

    def recognises(self, path: Path, head: bytes) -> bool:
        start = head.lstrip()[:200].lower()
        return path.suffix.lower() in self.extensions or start.startswith(
            (b"<!doctype html", b"<html")
        )

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        import trafilatura

        html = read_prose(path)
        report.records += 1
        result: Any = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True
        )
        data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
        text = (data.get("text") or "").strip()
        if not text:
            raise InputError.at(path, None, "no main text found in the page (empty or no body)")
        problems: list[tuple[int | None, str]] = []
        text = capped(text, path, None, problems)
        for line, message in problems:
            report.reject(path, line, message)
        graph = ClaimGraph()
        url: str | None = data.get("url") or None
        site: str | None = data.get("sitename") or None
        outlet_id = None
        named = site or url
        if named:
            outlet_id = graph.add_source(outlet_source(named))
        graph.add_document(
            Document.identified(
                url=url,
                title=data.get("title") or path.stem,
                published=parse_date(data.get("date")),
                path=shown_path(path),
                outlet=outlet_id,
                author=data.get("author") or None,
                text=text,
            )
        )
        yield graph
