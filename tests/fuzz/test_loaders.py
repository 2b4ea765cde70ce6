"""Every loader, fed random and mutated inputs: it reports problems, it never crashes, and what it
yields is a consistent claim graph."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import ClaimGraph
from loaders import LoadReport, load_paths
from loaders.registry import registered
from tests.fuzz.samples import SAMPLES

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_loader_has_a_sample() -> None:
    assert set(SAMPLES) == set(registered()), "add a sample for each new loader"


def load(name: str, file_name: str, data: bytes) -> tuple[list[ClaimGraph], LoadReport]:
    """Load ``data`` as ``file_name`` with the loader ``name``, the way ``kg build`` does."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file_name
        path.write_bytes(data)
        report = LoadReport()
        fragments = list(load_paths([path], report, format=name))
        for problem in report.problems:
            assert problem.path == str(path)
            # some loaders count lines as str.splitlines does (\v, \f, \x1c… break lines too)
            lines = len(data.decode("utf-8", "replace").splitlines()) + data.count(b"\n") + 2
            assert problem.line is None or 1 <= problem.line <= lines, problem
            assert problem.message.strip()
    return fragments, report


def consistent(fragment: ClaimGraph) -> None:
    """Every reference inside a fragment points at something the fragment holds."""
    for claim in fragment.claims.values():
        assert claim.subject in fragment.entities
        assert claim.object is None or claim.object in fragment.entities
        assert claim.document in fragment.documents
        assert all(s in fragment.sources for s in claim.attributed_to)
    for document in fragment.documents.values():
        assert document.outlet is None or document.outlet in fragment.sources


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_load_cleanly(name: str) -> None:
    file_name, content = SAMPLES[name]
    fragments, report = load(name, file_name, content.encode("utf-8"))
    assert not report.problems, report.problems
    assert fragments and all(f.documents for f in fragments)


@st.composite
def mutated(draw: st.DrawFn, content: str) -> bytes:
    """``content`` cut, spliced with random text or bytes, or with lines repeated or dropped."""
    data = content.encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(data)))
        j = draw(st.integers(i, min(len(data), i + 40)))
        how = draw(st.sampled_from(["cut", "insert-text", "insert-bytes", "repeat", "truncate"]))
        if how == "cut":
            data = data[:i] + data[j:]
        elif how == "insert-text":
            text = draw(st.text(max_size=20))
            data = data[:i] + text.encode("utf-8", "surrogatepass") + data[i:]
        elif how == "insert-bytes":
            data = data[:i] + draw(st.binary(max_size=8)) + data[i:]
        elif how == "repeat":
            data = data[:j] + data[i:j] + data[j:]
        else:
            data = data[:i]
    return data


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_mutated_inputs_are_reported_not_crashed_on(name: str) -> None:
    file_name, content = SAMPLES[name]

    @FUZZ
    @given(data=mutated(content))
    def check(data: bytes) -> None:
        fragments, _ = load(name, file_name, data)
        for fragment in fragments:
            consistent(fragment)

    check()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_random_bytes_are_reported_not_crashed_on(name: str) -> None:
    file_name, _ = SAMPLES[name]

    @settings(max_examples=25, deadline=None)
    @given(data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
    def check(data: bytes) -> None:
        fragments, _ = load(name, file_name, data)
        for fragment in fragments:
            consistent(fragment)

    check()
