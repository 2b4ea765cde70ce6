"""Front matter of text and Markdown files: a leading ``---`` YAML block of document metadata.

Recognised keys: ``title``, ``date`` (or ``published``), ``outlet`` (name or domain), ``author``,
``url``. Without front matter, a first Markdown heading is the title and a ``YYYY-MM-DD`` in the
file name (or a leading ``date YYYY-MM-DD``) is the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import yaml

from loaders import yaml_reader
from loaders._prose import parse_date
from loaders.limits import shown

_BLOCK = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_HEADING = re.compile(r"\A\s*#\s+(?P<title>[^\n]+)\n")
_LEADING_DATE = re.compile(r"\A\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2})\s+")
_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")

KEYS = ("title", "date", "published", "outlet", "author", "url")


class FrontMatterError(ValueError):
    """Front matter that is not a YAML mapping of the known keys."""


@dataclass
class Metadata:
    """What a text file says about itself, and where its body starts (an offset into the text)."""

    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    body_start: int = 0


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:200] + "…"


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def read_metadata(text: str, file_name: str) -> Metadata:
    """Split off front matter; raise :class:`FrontMatterError` when it is malformed."""
    meta = Metadata()
    block = _BLOCK.match(text)
    if block:
        try:
            data = yaml_reader.load(block.group("yaml")) or {}
        except yaml_reader.YamlLimitError as exc:
            raise FrontMatterError(f"front matter: {exc}") from None
        except (yaml.YAMLError, ValueError) as exc:
            raise FrontMatterError(f"front matter is not valid YAML: {_one_line(exc)}") from None
        if not isinstance(data, dict):
            raise FrontMatterError("front matter must be a mapping (title: …, date: …)")
        unknown = sorted(shown(k) for k in data if k not in KEYS)
        if unknown:
            raise FrontMatterError(
                f"unknown front-matter keys {', '.join(unknown)}; expected {', '.join(KEYS)}"
            )
        meta.title = _text(data.get("title"))
        raw_date = data.get("date", data.get("published"))
        meta.published = parse_date(raw_date)
        if raw_date is not None and meta.published is None:
            raise FrontMatterError(f"date: expected YYYY-MM-DD, got {shown(raw_date)}")
        meta.outlet = _text(data.get("outlet"))
        meta.author = _text(data.get("author"))
        meta.url = _text(data.get("url"))
        meta.body_start = block.end()
    body = text[meta.body_start :]
    leading = _LEADING_DATE.match(body)
    if leading and meta.published is None:
        meta.published = parse_date(leading.group("date"))
        meta.body_start += leading.end()
        body = text[meta.body_start :]
    heading = _HEADING.match(body)
    if heading and meta.title is None:
        meta.title = heading.group("title").strip()
    if meta.published is None:
        named = _NAME_DATE.search(file_name)
        meta.published = parse_date(named.group(1)) if named else None
    return meta
