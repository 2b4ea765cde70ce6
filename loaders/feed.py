"""RSS and Atom files: one document per entry (title and summary or content, link, date, author).

Parsed with feedparser, which tolerates broken XML: entries it recovers still load, entries with
neither text nor link are reported with their position, and a file with no entries at all is
reported with feedparser's reason.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from kg.errors import InputError
from kg.model import ClaimGraph, Document, Source
from kg.resolve import outlet_source
from loaders._prose import capped, fragments, read_prose, shown_path
from loaders.base import LoadReport

_TAG = re.compile(r"<[^>]+>")
_FEED_ROOT = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!doctype[^>]*>)\s*)*"
    r"<(?:rss|feed|rdf:rdf)[\s>/]",
    re.I | re.S,
)


def _plain(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", markup))).strip()


def _published(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


class FeedLoader:
    """``.rss``, ``.atom`` and ``.xml`` files whose head holds an RSS or Atom root."""

    name: ClassVar[str] = "feed"
    extensions: ClassVar[tuple[str, ...]] = (".rss", ".atom", ".xml")

    def recognises(self, path: Path, head: bytes) -> bool:
        """A file whose first element (after the XML declaration, comments and a doctype) is
        ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
        text = head[:4096].lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace")
        return _FEED_ROOT.match(text) is not None

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        import feedparser

        parsed = feedparser.parse(read_prose(path))
        if not parsed.entries:
            reason = parsed.get("bozo_exception") or "no <item> or <entry> elements"
            raise InputError.at(path, None, f"no feed entries could be read: {reason}")
        channel = parsed.feed
        site = channel.get("title") or channel.get("link")
        sources: dict[str, Source] = {}
        outlet_id = None
        if site:
            source = outlet_source(channel.get("link") or site)
            sources[source.id] = source
            outlet_id = source.id
        yield from fragments(self._documents(path, parsed.entries, outlet_id, report), sources)

    def _documents(
        self, path: Path, entries: list[Any], outlet: str | None, report: LoadReport
    ) -> Iterator[Document]:
        shown = shown_path(path)
        for number, entry in enumerate(entries, start=1):
            report.records += 1
            title = _plain(entry.get("title") or "")
            content = entry.get("content") or []
            body = _plain(content[0].get("value", "") if content else entry.get("summary") or "")
            link = entry.get("link") or None
            if not title and not body:
                report.reject(path, None, f"entry {number} has no title or text", "entry")
                continue
            text = f"{title}.\n{body}" if title and body else title or body
            problems: list[tuple[int | None, str]] = []
            text = capped(text, path, None, problems)
            for line, message in problems:
                report.reject(path, line, f"entry {number}: {message}")
            yield Document.identified(
                url=link,
                title=title or None,
                published=_published(entry),
                path=f"{shown}#{number}",
                outlet=outlet,
                author=entry.get("author") or None,
                text=text,
            )
