"""The documents that gold locators point at: text and genre, read from ../shared/corpus.

Annotations never hold corpus text: a gold record names its document by a locator and its
evidence by character offsets into the text this module returns, so annotators, the trainer
and the evaluation all read the very same string.

Locators:

- ``corpus:bbc_gossip_rumours/rumours_all_2021.csv#<id>`` — one gossip row (``raw_text``);
  its outlet is the row's ``source`` domain. Genre ``gossip``.
- ``corpus:bbc_gossip_rumours/rumours_all_2021.csv@<d Month yyyy>`` — one day's gossip column as a
  round-up: every row of that date in file order, each paragraph followed by its outlet's name in
  brackets ("(Daily Mail)"), the way the column prints them. Genre ``roundup``.
- ``corpus:bbc_football_articles_2025/football_articles.json#<index>`` — title, a blank line and
  the content of the article at that 0-based index. Genre ``article``.
- ``corpus:bbcsport_greene2006/bbcsport/football/<NNN>.txt`` — the file (title on its first line).
  Genre ``article``.
- ``corpus:manager_departures_2017_18/manager_statements2017.csv#<name>`` — the statement a club
  published when its manager left (the ``value`` column). Genre ``statement``.
- ``corpus:seed/<file>`` and ``repo:<path>`` — a whole text file. Genre ``article``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.ids import digest
from kg.model import Document, Source

GOSSIP = "bbc_gossip_rumours/rumours_all_2021.csv"
ARTICLES_2025 = "bbc_football_articles_2025/football_articles.json"
STATEMENTS = "manager_departures_2017_18/manager_statements2017.csv"


@dataclass(frozen=True)
class CorpusDocument:
    """The text a locator names, with what the corpus says about it."""

    locator: str
    text: str
    genre: str
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


def default_corpus(root: Path) -> Path:
    """``<repo>/../shared/corpus``: where the evaluation looks for corpus documents."""
    return root.parent / "shared" / "corpus"


@cache
def _csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _json_list(path: Path) -> tuple[dict[str, str], ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8")))


def _gossip_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%d %B %Y").date()
    except ValueError:
        return None


def _outlet_name(domain: str) -> str:
    """The outlet's name for a gossip row's domain (the domain itself when unknown)."""
    from kg.resolve import outlet_source

    return outlet_source(domain).name


def document(locator: str, corpus: Path, root: Path | None = None) -> CorpusDocument:
    """The document ``locator`` names; an :class:`InputError` when it cannot be found."""
    scheme, _, rest = locator.partition(":")
    if scheme == "repo":
        if root is None:
            raise InputError.at(locator, None, "a 'repo:' locator needs the repository root")
        return CorpusDocument(locator, _read(root / rest, locator), "article")
    if scheme != "corpus":
        raise InputError.at(locator, None, "expected a 'corpus:' or 'repo:' locator")
    if "@" in rest:
        file, _, day = rest.partition("@")
        rows = [r for r in _csv_rows(corpus / file) if r["date"] == day]
        if not rows:
            raise InputError.at(locator, None, "no gossip rows on that date")
        text = "\n\n".join(f"{r['raw_text'].strip()} ({_outlet_name(r['source'])})" for r in rows)
        return CorpusDocument(locator, text, "roundup", None, _gossip_date(day), "Gossip column")
    file, _, key = rest.partition("#")
    path = corpus / file
    if not path.exists():
        raise InputError.at(path, None, f"corpus document {locator} not found")
    if file == GOSSIP and key:
        for row in _csv_rows(path):
            if row["id"] == key:
                return CorpusDocument(
                    locator, row["raw_text"], "gossip", row["source"], _gossip_date(row["date"])
                )
    elif file == STATEMENTS and key:
        for row in _csv_rows(path):
            if row["name"] == key and row["value"] not in {"", "NA"}:
                published = date.fromisoformat(row["date"])
                return CorpusDocument(locator, row["value"], "statement", None, published)
    elif file == ARTICLES_2025 and key.isdigit():
        articles = _json_list(path)
        if int(key) < len(articles):
            article = articles[int(key)]
            text = f"{article['title']}\n\n{article['content']}"
            return CorpusDocument(locator, text, "article", "BBC Sport", None, article["title"])
    elif not key:
        text = _read(path, locator)
        outlet = "BBC Sport" if file.startswith("bbcsport_greene2006/") else None
        return CorpusDocument(locator, text, "article", outlet)
    raise InputError.at(path, None, f"corpus document {locator} not found")


def _read(path: Path, locator: str) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read {locator}: {exc.strerror or exc}") from None


def as_document(found: CorpusDocument) -> Document:
    """The :class:`kg.model.Document` extraction reads for a corpus document (path = locator)."""
    outlet = None
    if found.outlet:
        from kg.resolve import outlet_source

        outlet = outlet_source(found.outlet).id
    return Document(
        id="doc:" + digest({"path": found.locator}),
        title=found.title,
        published=found.published,
        path=found.locator,
        outlet=outlet,
        text=found.text,
    )


def outlet_sources(found: CorpusDocument) -> list[Source]:
    """The outlet a corpus document came from, as a source to add beside it (none if unknown)."""
    if not found.outlet:
        return []
    from kg.resolve import outlet_source

    return [outlet_source(found.outlet)]
