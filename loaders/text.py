"""Plain text and Markdown articles, with optional front matter (title, date, outlet, author, url).

One file is one document. The outlet may be a name ("Sky Sports") or a domain; either is resolved
through the gazetteer (:func:`kg.resolve.outlet_source`). Text in UTF-8, UTF-16 or Latin-1 loads;
empty and binary files are reported and skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from kg.errors import InputError
from kg.model import ClaimGraph, Document
from kg.resolve import outlet_source
from loaders._frontmatter import FrontMatterError, read_metadata
from loaders._prose import capped, read_prose, shown_path
from loaders.base import LoadReport


class TextLoader:
    """``.txt``, ``.text``, ``.md`` and ``.markdown`` files: one article each."""

    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text", ".md", ".markdown")

    def recognises(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        text = read_prose(path)
        report.records += 1
        try:
            meta = read_metadata(text, path.name)
        except FrontMatterError as exc:
            raise InputError.at(path, 1, str(exc), "front matter") from None
        problems: list[tuple[int | None, str]] = []
        body = capped(text[meta.body_start :], path, None, problems)
        for line, message in problems:
            report.reject(path, line, message)
        if not body.strip():
            raise InputError.at(path, None, "no text after the front matter")
        graph = ClaimGraph()
        outlet_id = None
        if meta.outlet:
            outlet_id = graph.add_source(outlet_source(meta.outlet))
        shown = shown_path(path)
        graph.add_document(
            Document.identified(
                url=meta.url,
                title=meta.title or path.stem,
                published=meta.published,
                path=shown,
                outlet=outlet_id,
                author=meta.author,
                text=body,
            )
        )
        yield graph
