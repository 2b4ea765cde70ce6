"""Minting IRIs for kg's records under a configurable base IRI.

A record id (``person:xabi-alonso``, ``claim:3fa1…``) becomes ``<base><type>/<local>``. Both parts
are percent-encoded so that anything a name or id can hold (spaces, quotes, ``/``, ``#``, ``>``,
backslashes, newlines) yields a valid IRI that parsers accept unchanged, while letters and digits
of any script stay readable (IRIs allow them; ``jürgen`` is not turned into ``j%C3%BCrgen``).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from kg.errors import KgError

#: The data base IRI used when none is given (``kg export --base``).
DEFAULT_BASE = "https://w3id.org/kg-football/id/"

_ASCII_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_BAD_IN_BASE = re.compile(r"[\x00-\x20<>\"{}|^`\\]")


class IriError(KgError):
    """A base IRI that cannot prefix kg's record IRIs."""


def _keep(char: str) -> bool:
    if char in _ASCII_SAFE:
        return True
    # Letters, digits and combining marks of any script are valid IRI characters (RFC 3987
    # ucschar); everything else (symbols, emoji, spaces, controls) is percent-encoded.
    code = ord(char)
    in_ucschar = (
        0xA0 <= code <= 0xD7FF
        or 0xF900 <= code <= 0xFDCF
        or 0xFDF0 <= code <= 0xFFEF
        or (
            0x10000 <= code <= 0xEFFFD and code & 0xFFFF < 0xFFFE and not 0xE0000 <= code <= 0xE0FFF
        )
    )
    return in_ucschar and unicodedata.category(char)[0] in "LNM"


def segment(text: str) -> str:
    """``text`` as one IRI path segment: unsafe characters become ``%XX`` (UTF-8 bytes).

    ``.`` and ``..`` are encoded too, since a resolver would otherwise remove them.

    >>> segment("Jürgen Klopp / \\"KK\\" #1")
    'Jürgen%20Klopp%20%2F%20%22KK%22%20%231'
    >>> segment("..")
    '%2E%2E'
    """
    if text in {".", ".."}:
        return "%2E" * len(text)
    out = []
    for char in text:
        if _keep(char):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix record IRIs: absolute, ending in ``/``, ``#`` or ``:``."""
    parts = urlsplit(base)
    if not parts.scheme or not (parts.netloc or parts.scheme == "urn"):
        raise IriError(f"base IRI {base!r} is not absolute; expected e.g. {DEFAULT_BASE}")
    if _BAD_IN_BASE.search(base):
        raise IriError(f'base IRI {base!r} contains a space or one of <>"{{}}|^`\\')
    if not base.endswith(("/", "#", ":")):
        raise IriError(f"base IRI {base!r} must end with '/', '#' or ':'")
    return base


def iri_for(base: str, record_id: str) -> str:
    """The IRI of a record: ``person:xabi-alonso`` → ``<base>person/xabi-alonso``.

    >>> iri_for(DEFAULT_BASE, "club:real-madrid")
    'https://w3id.org/kg-football/id/club/real-madrid'
    """
    kind, sep, local = record_id.partition(":")
    if not sep:
        return base + segment(record_id)
    return f"{base}{segment(kind)}/{segment(local)}"


def attribution_iri(base: str, claim_id: str, rank: int) -> str:
    """The IRI of a claim's ``rank``-th attribution (``<base>attribution/<claim hash>-1``)."""
    local = claim_id.removeprefix("claim:")
    return f"{base}attribution/{segment(local)}-{rank}"
