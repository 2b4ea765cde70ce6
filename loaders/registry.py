"""Which loader reads a file: one explicit, ordered table, most specific layout first.

Like kg's export formats (:mod:`kg.rdf.export`) and rdflib's plugin registry, the built-in
loaders are listed here by name with the module that holds each, imported only when the search
reaches it (so reading a claim file never loads the feed, HTML or RDF libraries). Every loader
says itself whether it recognises a file (:meth:`loaders.base.Loader.recognises`); the first in
the table that does reads it. Loaders a user registers with :func:`register` are tried before
the built-in ones, so a custom outcome table is recognised by its columns without naming it::

    from loaders import register
    from loaders.outcomes import Columns, TransferTable
    register(TransferTable(Columns(player="name", club="team", other_club="other")))
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.model import ClaimGraph
from loaders.base import Loader, LoadReport, iter_files, regular_file

#: How many bytes of a file a loader may look at to decide whether it reads it.
HEAD_BYTES = 65536


@dataclass(frozen=True)
class Entry:
    """A built-in loader: its name and the class in ``module`` that implements it."""

    name: str
    module: str
    cls: str

    def loader(self) -> Loader:
        """An instance of the loader (its module imported on first use)."""
        return _instance(self.module, self.cls)


#: Built-in loaders, most specific first: outcome tables and rumour lists are CSV files with
#: known columns, so they come before the general claim-file CSV reader; loaders that go by the
#: file's name (``.yaml``) come before those that also go by its first bytes (``[``, ``{``).
BUILT_IN: tuple[Entry, ...] = (
    Entry("transfers", "loaders.outcomes", "TransferTable"),
    Entry("completed-transfers", "loaders.outcomes", "CompletedTransfers"),
    Entry("manager-spells", "loaders.outcomes", "ManagerSpells"),
    Entry("rumours", "loaders.rumours", "RumoursLoader"),
    Entry("csv", "loaders.claims", "CsvLoader"),
    Entry("yaml", "loaders.claims", "YamlLoader"),
    Entry("rdf", "loaders.rdf", "RdfLoader"),
    Entry("jsonl", "loaders.claims", "JsonLinesLoader"),
    Entry("json", "loaders.claims", "JsonLoader"),
    Entry("feed", "loaders.feed", "FeedLoader"),
    Entry("html", "loaders.html", "HtmlLoader"),
    Entry("text", "loaders.text", "TextLoader"),
)

_USER: list[Loader] = []


@cache
def _instance(module: str, cls: str) -> Loader:
    loader: Loader = getattr(importlib.import_module(module), cls)()
    return loader


def register(loader: Loader) -> Loader:
    """Try ``loader`` before every built-in one (and before earlier registrations); it replaces
    an earlier registration of the same name."""
    unregister(loader.name)
    _USER.insert(0, loader)
    return loader


def unregister(name: str) -> None:
    """Forget a loader registered under ``name`` (the built-in one of that name is back)."""
    _USER[:] = [ld for ld in _USER if ld.name != name]


def candidates() -> Iterator[Loader]:
    """Every loader in the order they are tried: registered ones, then :data:`BUILT_IN`."""
    yield from list(_USER)
    for entry in BUILT_IN:
        if all(ld.name != entry.name for ld in _USER):
            yield entry.loader()


def registered() -> dict[str, Loader]:
    """Every loader by name, in the order they are tried."""
    return {ld.name: ld for ld in candidates()}


def names() -> list[str]:
    """The names ``--format`` accepts."""
    return [ld.name for ld in _USER] + [e.name for e in BUILT_IN]


def loader_for(path: Path, *, name: str | None = None) -> Loader:
    """The loader for ``path``: by explicit name, else the first in the table that recognises it."""
    if name is not None:
        for ld in _USER:
            if ld.name == name:
                return ld
        for entry in BUILT_IN:
            if entry.name == name:
                return entry.loader()
        known = ", ".join(dict.fromkeys(names()))
        raise InputError.at(path, None, f"unknown format {name!r}; known: {known}")
    regular_file(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read file: {exc.strerror or exc}") from None
    for ld in candidates():
        if ld.recognises(path, head):
            return ld
    raise InputError.at(
        path,
        None,
        "unrecognised input format (expected e.g. .yaml, .json, .jsonl, .csv claim files)",
    )


def load_paths(
    paths: Iterable[Path], report: LoadReport, *, format: str | None = None
) -> Iterator[ClaimGraph]:
    """Yield claim-graph fragments from every file under ``paths``.

    A path or file that cannot be read at all is reported and skipped, so one bad file never
    stops the others from loading.
    """
    for path in iter_files(paths, report):
        report.files += 1
        try:
            loader = loader_for(path, name=format)
            yield from loader.load(path, report)
        except InputError as exc:
            report.problems.append(exc.problem)
