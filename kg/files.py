"""Output files written whole or not at all, and one line naming the file when that fails.

An export or a page is written to a temporary file beside its target and renamed over it once
complete, so a full disk, a quota or a kill leaves the old file (or none), never half of one; the
temporary file is removed when writing fails. A target that is a link is followed: the file it
points to is replaced, the link stays. A target that exists and is not a regular file (a device
such as ``/dev/null`` or ``/dev/full``, a FIFO, ``/dev/stdout`` on a pipe) is written in place
instead: a rename would replace the device node itself (as root it can: ``kg export -o
/dev/full`` did). Standard
output is a stream and is written as it comes (:func:`to_stream`).

Every operating-system error on the way (no space left, a quota, a read-only file system, no
permission) becomes an :class:`OutputError` naming the file and what was being written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError

Writer = Callable[[BinaryIO], object]


class OutputError(KgError):
    """An output file (or standard output) could not be written."""


def write_whole(path: str | os.PathLike[str], write: Writer, *, what: str) -> None:
    """Call ``write`` with a binary file whose bytes end up at ``path`` only if it returns; see the
    module docstring. ``what`` names the content for the error line (``"the export"``)."""
    target = Path(path)
    if _is_stream(target):
        try:
            with target.open("wb") as out:
                write(out)
        except OSError as exc:
            raise _failed(target, what, exc) from None
        return
    real = target.resolve()  # a link is followed, not replaced (``/dev/stdout`` into a file too)
    tmp = _tmp(real)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as out:
            write(out)
        tmp.replace(real)
    except OSError as exc:
        raise _failed(target, what, exc, own=(real, tmp)) from None
    finally:
        tmp.unlink(missing_ok=True)


def to_stream(out: BinaryIO, write: Writer, *, what: str, name: str = "standard output") -> None:
    """Call ``write`` with ``out`` and flush it; an error (but a closed pipe, which the caller
    treats as the reader having had enough) becomes an :class:`OutputError` naming ``name``."""
    try:
        write(out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"{name}: cannot write {what}: {_reason(exc)}") from None


def _is_stream(path: Path) -> bool:
    """Whether ``path`` (after its links) exists and is not a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _failed(target: Path, what: str, exc: OSError, *, own: tuple[Path, ...] = ()) -> OutputError:
    """The error line: the target, what was being written, why (with the other path involved,
    such as a parent that is not a folder), and, for a whole write (``own``: its target and
    temporary file), that the target was left as it was."""
    other = exc.filename
    named = f" ({other})" if other and Path(other) not in (target, *own) else ""
    left = "; nothing was written there" if own else ""
    return OutputError(f"{target}: cannot write {what}: {_reason(exc)}{named}{left}")


def _tmp(target: Path) -> Path:
    """The temporary file beside ``target`` that this process writes first."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__
