"""The loader interface, the load report, and the walk over the files a build reads.

A loader turns one file into :class:`kg.model.ClaimGraph` fragments. Problems with single records
go into the :class:`LoadReport` (file, line, field, what was expected) and the good records still
load; a file that cannot be read at all raises :class:`kg.errors.InputError`, which
:func:`loaders.registry.load_paths` reports before going on with the next file. Which loader reads
a file is decided by the ordered table in :mod:`loaders.registry`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from kg.errors import InputError, Problem
from kg.model import ClaimGraph


class Loader(Protocol):
    """Reads one input format into claim-graph fragments."""

    #: The name ``kg build --format NAME`` picks it by.
    name: ClassVar[str]

    def recognises(self, path: Path, head: bytes) -> bool:
        """Whether this loader reads a file with this name that starts with ``head``."""
        ...

    def load(self, path: Path, report: LoadReport) -> Iterator[ClaimGraph]:
        """Yield fragments of the file's graph; record rejected records in ``report``."""
        ...


@dataclass
class LoadReport:
    """What went wrong while loading, record by record, and how much was read."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    records: int = 0

    def reject(
        self, path: Path | str, line: int | None, message: str, field: str | None = None
    ) -> None:
        """Record one rejected record (or file)."""
        self.problems.append(Problem(str(path), line, message, field))

    @property
    def rejected(self) -> int:
        """How many records (or whole files) were rejected."""
        return len(self.problems)


def regular_file(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a regular file kg may open without hanging
    (a FIFO named ``x.yaml`` would block the build forever)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError.at(path, None, "is a directory")
    if not stat.S_ISREG(mode):
        raise InputError.at(path, None, "not a regular file (a pipe, socket or device); not read")


def iter_files(paths: Iterable[Path], report: LoadReport | None = None) -> Iterator[Path]:
    """Regular files under ``paths`` in a stable order, skipping hidden files and folders.

    A path that is missing, a folder that cannot be listed, or a named pipe raises
    :class:`InputError`; with a ``report``, it is recorded there instead (counted as a file) and
    the walk goes on, so one bad path never stops the others.
    """
    for path in paths:
        problems: list[InputError] = []
        yield from _files_under(path, problems.append)
        for problem in problems:
            if report is None:
                raise problem
            report.files += 1
            report.problems.append(problem.problem)


def _files_under(path: Path, refuse: Callable[[InputError], None]) -> Iterator[Path]:
    """The regular files under ``path`` (sorted); what cannot be read goes to ``refuse``."""
    if not path.is_dir():
        try:
            regular_file(path)
        except InputError as exc:
            refuse(exc)
            return
        yield path
        return

    def unreadable(exc: OSError) -> None:
        where = exc.filename or path
        refuse(InputError.at(where, None, f"cannot read folder: {exc.strerror or exc}"))

    found: list[Path] = []
    for folder, dirs, names in os.walk(path, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder) / name
            for name in names
            if not name.startswith(".") and (Path(folder) / name).is_file()
        )
    yield from sorted(found)
