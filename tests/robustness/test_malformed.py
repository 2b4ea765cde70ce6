"""tests/fixtures/malformed/: inputs written to break loaders. Each is reported (file, line, what
was expected) or loaded safely; none crashes ``kg build`` or stops the good records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from loaders import LoadReport, load_paths

MALFORMED = Path(__file__).resolve().parents[1] / "fixtures" / "malformed"

#: file: (claims that still load, a piece of the first problem reported, or None for no problem)
EXPECTED: dict[str, tuple[int, str | None]] = {
    "alias-bomb.yaml": (0, "expands to more than 10000 values through aliases"),
    "bad-confidence.csv": (0, "less than or equal to 1"),
    "bad-utf8.jsonl": (1, "byte 0xFF at column 17 is not valid UTF-8"),
    "binary-garbage.csv": (0, "the header row must name the fields"),
    "bom-crlf-extra-column.csv": (1, "expected 5 columns, found 6"),
    "broken.ttl": (0, "invalid Turtle"),
    "deep-nesting.json": (0, "nested too deeply"),
    "empty.json": (0, "expected a JSON array of claim records"),
    "evidence-backwards.jsonl": (0, "evidence_end is before evidence_start"),
    "html-without-text.html": (0, "no main text found"),
    "impossible-date.csv": (0, "expected a date as YYYY-MM-DD, got '2025-02-30'"),
    "kind-mismatch.yaml": (0, "belongs to kind 'role', not 'interest'"),
    "no-header.csv": (0, "the header row must name the fields"),
    "not-a-list.yaml": (0, "expected a list of claim records"),
    "nul-bytes.md": (0, "binary file (NUL bytes)"),
    "overlong-name.jsonl": (0, "at most 500 characters"),
    "script-in-names.yaml": (1, None),
    "tab-indented.yaml": (0, "found a tab character"),
    "truncated.json": (1, "invalid JSON"),
    "unbalanced-quotes.csv": (1, "quoted field never closes"),
    "unclosed.rss": (0, "has no title or text"),
    "unknown-field.yaml": (0, "unknown field"),
    "unknown-predicate.yaml": (0, "unknown predicate"),
    "wrong-types.json": (0, "Input should be a valid string"),
}


def test_every_malformed_file_has_an_expectation() -> None:
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_input_is_reported_with_file_and_line(name: str) -> None:
    claims, problem = EXPECTED[name]
    report = LoadReport()
    loaded = sum(len(f.claims) for f in load_paths([MALFORMED / name], report))
    assert loaded == claims
    if problem is None:
        assert not report.problems
    else:
        first = str(report.problems[0])
        assert first.startswith(str(MALFORMED / name)), first
        assert problem in first


def test_kg_build_over_the_whole_directory(kg_env: Settings) -> None:
    result = CliRunner().invoke(cli, ["build", str(MALFORMED)])

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert all(line.startswith("kg: ") for line in errors), errors
    for name, (_, problem) in EXPECTED.items():
        if problem is not None:
            assert any(name in line for line in errors), f"{name} is not named in {errors}"
    loaded = sum(claims for claims, _ in EXPECTED.values())
    count = CliRunner().invoke(
        cli, ["query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "json"]
    )
    assert json.loads(count.stdout) == [{"n": loaded}]
    names = CliRunner().invoke(
        cli,
        [
            "query",
            "MATCH (e:Entity) WHERE e.name STARTS WITH $p RETURN e.name AS n",
            "-p",
            'p="</"',
        ],
    )
    assert "</script><script>alert(1)</script>" in names.stdout
