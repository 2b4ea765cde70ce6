"""``kg build``: read inputs, extract claims from prose, and store the graph.

The steps are plain functions so that the CLI, tests and benchmarks run the same code:
:func:`collect` loads (and extracts), :func:`build` writes what was collected. In ``strict`` mode
everything is read and checked before anything is written, so a bad record leaves the graph
untouched.

Builds are incremental. Every document gets a build hash (:func:`document_hashes`: its metadata,
its text or its claims, and the entities and sources they name) that is stored on its node.
Before a fragment is extracted and written, the store is asked for the stored hashes of its
documents in one read; unchanged documents are skipped, changed ones replace their earlier
version in the transaction that writes them, and new ones are written. A document that appears
in several fragments of one build is replaced at its first appearance and added to afterwards.
Extraction is assumed to be a function of the text: after upgrading the extractor, rebuild with
``--rebuild``. With the graph's :class:`~kg.build.ledger.Ledger`, files whose bytes are unchanged
and whose documents are all stored up to date are skipped without being read. What a build must
know of every document it met lives in the run's scratch workspace
(:class:`~kg.store.workspace.Workspace`), which the after-build analysis shares.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import ids
from kg.build.ledger import Ledger
from kg.errors import InputError, StoreError
from kg.model import ClaimGraph
from kg.outcomes.claims import mark_as_outcomes
from kg.store.base import GraphStore, WriteSummary
from kg.store.rows import add_documents, add_loose, claims_by_document
from kg.store.workspace import DocumentHashes, Workspace
from loaders import LoadReport, load_paths
from loaders.base import iter_files

logger = logging.getLogger(__name__)

#: Called after each fragment is written, with the number of claims written so far.
Progress = Callable[[int], None]


@dataclass
class BuildResult:
    """What a build read, wrote and rejected."""

    report: LoadReport = field(default_factory=LoadReport)
    written: WriteSummary = field(default_factory=WriteSummary)
    #: Documents whose stored version was already up to date.
    skipped: int = 0
    #: Documents that were stored before and changed (their earlier claims were replaced).
    replaced: int = 0
    #: Whether the after-build analysis ran.
    analysed: bool = False
    #: How many outcome records it settled claims against (None: it did not run).
    outcomes: int | None = None


class BuildInterrupted(StoreError):
    """The database went away mid-build; the message says what was written and what was not."""


def document_hashes(fragment: ClaimGraph) -> dict[str, str]:
    """The build hash of every document in ``fragment``.

    It covers what the document contributes: its metadata, its text (still to be extracted) or
    its claims, and the entities and sources those claims name, so that any change to an input
    record changes it. Claims are sorted, so the order of records does not matter.
    """
    claims: dict[str, list[Any]] = defaultdict(list)
    for claim in fragment.claims.values():
        ends = [fragment.entities[claim.subject].model_dump(mode="json")]
        if claim.object is not None:
            ends.append(fragment.entities[claim.object].model_dump(mode="json"))
        sources = [fragment.sources[s].model_dump(mode="json") for s in claim.attributed_to]
        claims[claim.document].append([claim.model_dump(mode="json"), ends, sources])
    hashes = {}
    for doc_id, document in fragment.documents.items():
        outlet = fragment.sources.get(document.outlet) if document.outlet else None
        hashes[doc_id] = ids.digest(
            [
                document.model_dump(mode="json"),
                outlet.model_dump(mode="json") if outlet else None,
                sorted(claims.get(doc_id, []), key=lambda c: str(c[0]["id"])),
            ],
            size=32,
        )
    return hashes


def only_documents(fragment: ClaimGraph, wanted: set[str]) -> ClaimGraph:
    """The part of ``fragment`` that belongs to the ``wanted`` documents.

    Entities and sources that no claim of the fragment refers to are kept too (writing a stored
    one again only refreshes it), so a build that skips documents stores what a clean build stores.
    """
    if wanted >= fragment.documents.keys():
        return fragment
    part = ClaimGraph()
    add_documents(
        part, fragment, [d for d in fragment.documents if d in wanted], claims_by_document(fragment)
    )
    add_loose(part, fragment)
    return part


def whole_documents(fragments: Iterable[ClaimGraph]) -> Iterator[ClaimGraph]:
    """Fragments merged while consecutive ones share a document.

    A loader may cut one big document (an outcome table of 50,000 rows is one document) into
    batches; merged, each document is hashed, skipped or written whole, in one transaction.
    """
    pending: ClaimGraph | None = None
    for fragment in fragments:
        if pending is not None and pending.documents.keys() & fragment.documents.keys():
            pending.merge(fragment)
            continue
        if pending is not None:
            yield pending
        pending = fragment
    if pending is not None:
        yield pending


@dataclass
class _Plan:
    """Per build: the hash each document is to be stored with, and which ones replace a stored
    version. ``hashes`` remembers every document met so far (in the run's workspace: it grows
    with the archive)."""

    store: GraphStore
    hashes: DocumentHashes
    replace: set[str] = field(default_factory=set)
    skipped: int = 0

    def unchanged(self, known: tuple[int, dict[str, str]] | None) -> bool:
        """Whether a file whose documents hash to ``known`` is stored up to date (and then note its
        documents as skipped). Documents met earlier in this build make it not skippable."""
        if known is None or self.hashes.get_many(known[1]):
            return False
        documents = known[1]
        stored = self.store.stored_hashes(list(documents)) if documents else {}
        if any(stored.get(d) != h for d, h in documents.items()):
            return False
        self.hashes.put_many(documents)
        self.skipped += len(documents)
        return True

    def changed(
        self, fragments: Iterable[ClaimGraph], seen: dict[str, str] | None = None
    ) -> Iterator[ClaimGraph]:
        """The part of each fragment that is new or changed (fragments with nothing are dropped);
        ``seen`` collects every document's own build hash."""
        for fragment in fragments:
            hashes = document_hashes(fragment)
            if seen is not None:
                seen.update(hashes)
            met = self.hashes.get_many(hashes)
            fresh = [d for d in hashes if d not in met]
            stored = self.store.stored_hashes(fresh) if fresh else {}
            wanted: dict[str, str] = {}
            for doc_id, digest in hashes.items():
                if doc_id in met:
                    # met earlier in this build: add to it, and store the combined hash
                    wanted[doc_id] = ids.digest([met[doc_id], digest], size=32)
                elif stored.get(doc_id) == digest:
                    self.skipped += 1
                else:
                    if doc_id in stored:
                        self.replace.add(doc_id)
                    wanted[doc_id] = digest
            self.hashes.put_many({**hashes, **wanted})
            if wanted:
                yield only_documents(fragment, set(wanted))


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


def _changed_fragments(
    paths: Iterable[Path],
    report: LoadReport,
    plan: _Plan,
    format: str | None,
    ledger: Ledger | None,
    outcome_files: set[Path],
    file_done: Callable[[Path], None] | None = None,
) -> Iterator[ClaimGraph]:
    """File by file: skip files the ledger and the store show unchanged, else load them (those in
    ``outcome_files`` as outcome data) and yield the new or changed part of each fragment."""
    for path in iter_files(paths, report):
        marked = path in outcome_files
        key = f"{format or ''}+outcomes" if marked else format  # read as outcomes: another build
        digest = ledger.digest(path, key) if ledger is not None else None
        if ledger is not None and digest is not None:
            known = ledger.file(path, digest)
            if plan.unchanged(known):
                assert known is not None
                report.files += 1
                report.records += known[0]
                logger.info("unchanged since the last build, skipped: %s", path)
                if file_done is not None:
                    file_done(path)
                continue
        logger.info("reading %s", path)
        problems, records = len(report.problems), report.records
        hashes: dict[str, str] = {}
        loaded = whole_documents(load_paths([path], report, format=format))
        if marked:
            loaded = map(mark_as_outcomes, loaded)
        yield from plan.changed(loaded, hashes)
        if ledger is not None and digest is not None and len(report.problems) == problems:
            ledger.remember_file(path, digest, report.records - records, hashes)
        if file_done is not None:
            file_done(path)


def build(
    paths: Iterable[Path],
    store: GraphStore,
    *,
    strict: bool = False,
    format: str | None = None,
    progress: Progress | None = None,
    ledger: Ledger | None = None,
    workspace: Workspace | None = None,
    file_done: Callable[[Path], None] | None = None,
    outcomes: Iterable[Path] = (),
) -> BuildResult:
    """Load ``paths`` into ``store``, skipping unchanged documents (see the module docstring).

    Files under ``outcomes`` are read too, as outcome data (``kg build --outcomes``): their
    confirmed and fact claims decide the others (:func:`kg.outcomes.claims.mark_as_outcomes`).
    ``workspace`` is the run's scratch workspace (one of the build's own when not given).

    When the database is lost mid-build (after the driver's retries), :class:`BuildInterrupted`
    says how much was written; every document is either wholly stored or absent, so running the
    build again finishes it.
    """
    if workspace is None:
        with Workspace() as own:
            return build(
                paths,
                store,
                strict=strict,
                format=format,
                progress=progress,
                ledger=ledger,
                workspace=own,
                file_done=file_done,
                outcomes=outcomes,
            )
    result = BuildResult()
    plan = _Plan(store, workspace.document_hashes())
    outcome_paths = list(outcomes)
    _write(
        [*paths, *outcome_paths],
        store,
        result,
        plan,
        strict=strict,
        format=format,
        progress=progress,
        ledger=ledger,
        file_done=file_done,
        # a missing outcome path is refused with the other inputs below, not here
        outcome_files=set(iter_files(outcome_paths, LoadReport())),
    )
    try:
        if result.written.documents or store.analysis_pending():
            started = time.perf_counter()
            result.outcomes = after_build(store, workspace)
            logger.info("after-build analysis took %.2f s", time.perf_counter() - started)
            result.analysed = True
    except StoreError as exc:
        raise BuildInterrupted(_interrupted(exc, result)) from None
    return result


def _write(
    paths: Iterable[Path],
    store: GraphStore,
    result: BuildResult,
    plan: _Plan,
    *,
    strict: bool,
    format: str | None,
    progress: Progress | None,
    ledger: Ledger | None,
    file_done: Callable[[Path], None] | None,
    outcome_files: set[Path],
) -> None:
    """The writing part of :func:`build`: every new or changed document, one transaction each."""
    fragments: Iterable[ClaimGraph] = extracted(
        _changed_fragments(paths, result.report, plan, format, ledger, outcome_files, file_done)
    )
    if strict:
        staged = list(fragments)
        if result.report.problems:
            raise InputError(result.report.problems[0])
        fragments = staged
    try:
        for fragment in fragments:
            replace = plan.replace & fragment.documents.keys()
            hashes = plan.hashes.get_many(fragment.documents)
            written = store.write(fragment, hashes=hashes, replace=replace)
            plan.replace -= replace
            result.replaced += len(replace)
            _add(result.written, written)
            if progress is not None:
                progress(result.written.claims)
    except StoreError as exc:
        raise BuildInterrupted(_interrupted(exc, result)) from None
    finally:
        result.skipped = plan.skipped


def _add(total: WriteSummary, more: WriteSummary) -> None:
    total.documents += more.documents
    total.entities += more.entities
    total.sources += more.sources
    total.claims += more.claims
    total.removed_claims += more.removed_claims


def _interrupted(exc: StoreError, result: BuildResult) -> str:
    done = result.written
    return (
        f"{exc}; this build had written {done.documents} document(s) with {done.claims} "
        "claim(s), each complete; the documents after them were not written. "
        "Run the same kg build again to finish: documents already stored are skipped"
    )


def after_build(store: GraphStore, workspace: Workspace | None = None) -> int | None:
    """Steps that run on the whole stored graph after every build that changed it (settling
    claims by outcomes), and on the next build when one was cut short before they completed;
    returns how many outcome records there were."""
    try:
        from kg.analysis import resolve_and_store
    except ImportError:
        return None
    analysed = resolve_and_store(store, workspace=workspace)
    store.analysis_done()
    return analysed.outcomes
