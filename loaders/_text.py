"""Reading input bytes as text without losing anything the user gave.

Files are decoded as UTF-8 (a byte-order mark is honoured, UTF-16 included). Bytes that are not
valid UTF-8 are kept as surrogate escapes so that only the records containing them are rejected,
with the line and column of the first bad byte.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import InputError

_BAD_BYTE = re.compile("[\udc80-\udcff]")

#: Inputs above this size are refused with a clear message rather than read into memory.
MAX_FILE_BYTES = 2 * 1024**3


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an :class:`InputError` naming the file (unreadable, or too large)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError.at(path, None, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        return path.read_bytes()
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """The file's text; undecodable bytes survive as ``\\udcXX`` escapes (see :func:`bad_bytes`).

    A file that starts with a UTF-16 byte-order mark but is not UTF-16 is refused whole.
    """
    return decode_file(read_bytes(path), path)


def decode_file(data: bytes, path: Path | str) -> str:
    """:func:`decode`, with a broken UTF-16 file refused as an :class:`InputError` naming it."""
    try:
        return decode(data)
    except UnicodeDecodeError as exc:
        raise InputError.at(
            path, None, f"not valid UTF-16 despite its byte-order mark: {exc.reason}"
        ) from None


def decode(data: bytes) -> str:
    """Decode bytes by their BOM (UTF-8 or UTF-16), else as UTF-8 with surrogate escapes."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8", errors="surrogateescape")


def bad_bytes(text: str) -> str | None:
    """A message naming the first byte that was not valid UTF-8 in ``text``, or None."""
    match = _BAD_BYTE.search(text)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    byte = ord(match.group()) - 0xDC00
    return (
        f"byte 0x{byte:02X} at column {match.start() - line_start + 1} is not valid UTF-8; "
        "save the file as UTF-8"
    )


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
