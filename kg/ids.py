"""Deterministic identifiers from normalised content.

Loading the same input twice must change nothing, so every id is a function of what the record
says, never of when or where it was loaded. Entity and source ids stay readable for Cypher users
(``club:real-madrid``); claim and document ids are content hashes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name: ``"  Jürgen KLOPP"`` → ``"jurgen klopp"``.

    Invisible format characters (zero-width space and joiners, soft hyphen, byte-order mark) are
    dropped, so a name keys as it reads: ``"Xabi\u200bAlonso"`` is ``"XabiAlonso"``, never a
    second spelling of ``"Xabi Alonso"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()


def slug(text: str) -> str:
    """A readable key for a name: folded, punctuation collapsed to ``-``; a hash when nothing is left.

    Names that differ only in case, accents, punctuation or spacing share a slug on purpose: they
    name the same thing ("St. Pauli", "St Pauli").
    """
    key = _NON_WORD.sub("-", fold(text)).strip("-")
    return key or "x" + digest(text, size=10)


def digest(value: Any, *, size: int = 16) -> str:
    """Hex SHA-256 of a JSON-serialisable value, canonically encoded, cut to ``size`` characters."""
    payload = json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:size]


def entity_prefix(type_name: str) -> str:
    """How the ids of entities of one type begin: ``person:``."""
    return f"{type_name.lower()}:"


def entity_id(type_name: str, name: str) -> str:
    """Id of an entity: ``<type>:<slug>``, e.g. ``person:xabi-alonso``."""
    return entity_prefix(type_name) + slug(name)


def source_id(type_name: str, name: str) -> str:
    """Id of a source: ``<type>:<slug>``, e.g. ``outlet:sky-sports``."""
    return f"{type_name.lower()}:{slug(name)}"
