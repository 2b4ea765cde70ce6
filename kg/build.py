"""``kg build``: read inputs, extract claims from prose, and store the graph.

The steps are plain functions so that the CLI, tests and benchmarks run the same code:
:func:`collect` loads (and extracts), :func:`build` writes what was collected. In ``strict`` mode
everything is read and checked before anything is written, so a bad record leaves the graph
untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import ClaimGraph
from kg.store.base import GraphStore, WriteSummary
from loaders import LoadReport, load_paths

#: Called after each fragment is written, with the number of claims written so far.
Progress = Callable[[int], None]


@dataclass
class BuildResult:
    """What a build read, wrote and rejected."""

    report: LoadReport = field(default_factory=LoadReport)
    written: WriteSummary = field(default_factory=WriteSummary)


def _needs_extraction(fragment: ClaimGraph) -> bool:
    return any(d.text for d in fragment.documents.values())


def extracted(fragments: Iterable[ClaimGraph]) -> Iterator[ClaimGraph]:
    """Fragments with claims extracted from any article text they carry.

    The extraction pipeline is imported only when some input has text, so claim files never pay
    for loading a language model.
    """
    pending: list[ClaimGraph] = []
    for fragment in fragments:
        if _needs_extraction(fragment):
            pending.append(fragment)
            if len(pending) >= 64:
                yield from _extract(pending)
                pending = []
        else:
            yield fragment
    if pending:
        yield from _extract(pending)


def _extract(fragments: list[ClaimGraph]) -> Iterator[ClaimGraph]:
    try:
        from kg.extract import extract_graphs
    except ImportError as exc:  # pragma: no cover - the extractor ships with kg
        raise InputError.at("<input>", None, f"article extraction is unavailable: {exc}") from None
    yield from extract_graphs(fragments)


def collect(
    paths: Iterable[Path], report: LoadReport, *, format: str | None = None
) -> Iterator[ClaimGraph]:
    """Load every input under ``paths`` and extract claims from prose, fragment by fragment."""
    yield from extracted(load_paths(paths, report, format=format))


def build(
    paths: Iterable[Path],
    store: GraphStore,
    *,
    strict: bool = False,
    format: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Load ``paths`` into ``store``; see the module docstring for ``strict``."""
    result = BuildResult()
    fragments: Iterable[ClaimGraph] = collect(paths, result.report, format=format)
    if strict:
        staged = list(fragments)
        if result.report.problems:
            raise InputError(result.report.problems[0])
        fragments = staged
    for fragment in fragments:
        written = store.write(fragment)
        result.written.documents += written.documents
        result.written.entities += written.entities
        result.written.sources += written.sources
        result.written.claims += written.claims
        if progress is not None:
            progress(result.written.claims)
    after_build(store)
    return result


def after_build(store: GraphStore) -> None:
    """Steps that run on the whole stored graph after every build (outcome resolution)."""
    try:
        from kg.analysis import resolve_and_store
    except ImportError:
        return
    resolve_and_store(store)
