"""The loader interface, the registry of loaders by name, and the directory walk.

A loader turns one file into :class:`kg.model.ClaimGraph` fragments. Problems with single records
go into the :class:`LoadReport` (file, line, field, what was expected) and the good records still
load; a file that cannot be read at all raises :class:`kg.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from kg.errors import InputError, Problem
from kg.model import ClaimGraph

#: How many bytes of a file a loader may look at to decide whether it can read it.
SNIFF_BYTES = 4096


class Loader(Protocol):
    """Reads one input format into claim-graph fragments."""

    name: ClassVar[str]
    #: File name endings this loader claims outright (lower case, with the dot).
    extensions: ClassVar[tuple[str, ...]]

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether this loader can read a file with this name that starts with ``head``."""
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


_REGISTRY: dict[str, Loader] = {}


def register(loader: Loader) -> Loader:
    """Add a loader to the registry under its name (later registrations win)."""
    _REGISTRY[loader.name] = loader
    return loader


def registered() -> dict[str, Loader]:
    """All loaders by name, importing the built-in ones first."""
    import loaders.claims  # noqa: F401  (registers the structured claim-file loaders)

    _load_optional_modules()
    return dict(_REGISTRY)


def _load_optional_modules() -> None:
    """Import every other loader module in this package so it can register itself."""
    import importlib
    import pkgutil

    import loaders

    for info in pkgutil.iter_modules(loaders.__path__):
        if info.name not in {"base", "claims"} and not info.name.startswith("_"):
            importlib.import_module(f"loaders.{info.name}")


def loader_for(path: Path, *, name: str | None = None) -> Loader:
    """The loader for ``path``: by explicit name, else by extension, else by sniffing content."""
    loaders = registered()
    if name is not None:
        try:
            return loaders[name]
        except KeyError:
            raise InputError.at(
                path, None, f"unknown format {name!r}; known: {', '.join(sorted(loaders))}"
            ) from None
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None
    suffix = "".join(path.suffixes[-2:]).lower()
    by_extension = [
        ld
        for ld in loaders.values()
        if any(suffix.endswith(ext) for ext in ld.extensions) and ld.sniff(path, head)
    ]
    if by_extension:
        return by_extension[0]
    for ld in loaders.values():
        if ld.sniff(path, head):
            return ld
    raise InputError.at(
        path,
        None,
        "unrecognised input format (expected e.g. .yaml, .json, .jsonl, .csv claim files)",
    )


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order, skipping hidden files and folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in rel.parts):
                    yield child
        elif path.exists():
            yield path
        else:
            raise InputError.at(path, None, "no such file or directory")


def load_paths(
    paths: Iterable[Path], report: LoadReport, *, format: str | None = None
) -> Iterator[ClaimGraph]:
    """Yield claim-graph fragments from every file under ``paths``.

    A file that cannot be read at all is reported and skipped, so one bad file never stops the
    others from loading.
    """
    for path in iter_files(paths):
        report.files += 1
        try:
            loader = loader_for(path, name=format)
            yield from loader.load(path, report)
        except InputError as exc:
            report.problems.append(exc.problem)
