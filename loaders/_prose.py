"""What the prose loaders share: decoding any text file, refusing binaries, capping huge documents.

Prose loaders (text, HTML, feeds, rumour lists) yield :class:`kg.model.ClaimGraph` fragments that
hold :class:`kg.model.Document` records with ``text`` set and no claims; ``kg.extract`` turns the
text into claims later.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from kg.errors import InputError
from kg.model import ClaimGraph, Document, Source
from loaders._text import bad_bytes, decode_file, read_bytes

#: Longer document texts are cut here (and the cut reported): extraction's time and memory grow
#: with a document's length (910 MB of peak memory at 200,000 characters, 1.4 GB at
#: 332,000, see BENCHMARKS.md), and a long-form article is 5,000-30,000 characters.
MAX_DOCUMENT_CHARS = 150_000
#: How many documents one fragment carries (extraction batches them through ``nlp.pipe``).
FRAGMENT_DOCUMENTS = 256

#: The one list of written date formats kg reads (rumour lists, pages, outcome tables' spells).
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%d %B, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%Y",
)


def read_prose(path: Path) -> str:
    """A prose file's text: UTF-8 or UTF-16 (with or without BOM), else Windows-1252/Latin-1.

    Raises :class:`InputError` for an empty or binary file, saying which.
    """
    return decode_prose(read_bytes(path), path)


def decode_prose(data: bytes, path: Path | str) -> str:
    """Decode prose bytes (see :func:`read_prose`); ``path`` names the file in messages."""
    if not data.strip():
        raise InputError.at(path, None, "empty file: no text to read")
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        if b"\x00" in data[:8192]:
            raise InputError.at(path, None, "binary file (NUL bytes), expected text")
    text = decode_file(data, path)
    if bad_bytes(text) is not None:
        text = _legacy(data)
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, recognised by NULs in every other byte of ASCII text."""
    head = data[:4096]
    if len(head) < 4:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def shown_path(path: Path) -> str:
    """The path as shown in documents and messages: relative to the working directory if below."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path.resolve())


def file_document(path: Path) -> Document:
    """The document standing for a whole file (claim files, outcome tables), named by the file."""
    return Document.identified(title=path.name, path=shown_path(path))


def capped(
    text: str, path: Path | str, line: int | None, problems: list[tuple[int | None, str]]
) -> str:
    """``text`` cut to :data:`MAX_DOCUMENT_CHARS`, noting the cut in ``problems``."""
    if len(text) <= MAX_DOCUMENT_CHARS:
        return text
    problems.append(
        (line, f"document is {len(text)} characters; only the first {MAX_DOCUMENT_CHARS} are read")
    )
    return text[:MAX_DOCUMENT_CHARS]


def parse_date(value: object) -> date | None:
    """A date from ISO text, "1 February 2021", "Feb 1, 2021" or a datetime; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = re.match(r"\d{4}-\d{2}-\d{2}", text)
    if iso:
        try:
            return date.fromisoformat(iso.group())
        except ValueError:
            return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def fragments(
    documents: Iterable[Document], sources: dict[str, Source], size: int = FRAGMENT_DOCUMENTS
) -> Iterable[ClaimGraph]:
    """Group documents into fragments of ``size``, each with the outlets its documents name."""
    graph = ClaimGraph()
    for doc in documents:
        graph.add_document(doc)
        if doc.outlet and doc.outlet in sources:
            graph.add_source(sources[doc.outlet])
        if len(graph.documents) >= size:
            yield graph
            graph = ClaimGraph()
    if graph.documents:
        yield graph
