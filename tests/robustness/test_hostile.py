"""tests/fixtures/hostile/ and inputs built to hurt (issue 21): each loads exactly what it holds or
is refused in one line naming file and line, the good records of the same input still load, and
nothing costs more than a moment or a few megabytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from kg.model import ClaimGraph
from tests.loaders.test_claim_files import load

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

#: file: (claims, documents, [(line, piece of the problem), ...] in order)
EXPECTED: dict[str, tuple[int, int, list[tuple[int | None, str]]]] = {
    "duplicate-header.csv": (0, 0, [(1, "the header names column(s) twice: object")]),
    "duplicate-key.yaml": (1, 1, [(6, "the key 'object' appears twice in one mapping (line 10)")]),
    "field-alias-bomb.yaml": (1, 1, [(6, "expands to more than 10000 values through aliases")]),
    "huge-number.json": (1, 1, [(2, "a number is too long")]),
    "impossible-date.md": (0, 0, [(1, "date: expected YYYY-MM-DD, got '2025-02-30'")]),
    "line-separator.csv": (1, 1, []),
    "long-names.yaml": (
        4,
        4,
        [
            (6, "attributed_to[0]: String should have at most 500 characters"),
            (12, "document.outlet: String should have at most 500 characters"),
        ],
    ),
    "norway-no.yaml": (1, 1, []),
    "rumours-unclosed-quote.csv": (0, 2, [(2, "quoted field never closes")]),
    "separators.jsonl": (2, 1, [(3, "invalid JSON at column 13")]),
    "trailing-garbage.json": (1, 1, [(2, "unexpected text after the end")]),
}


def test_every_hostile_file_has_an_expectation() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_loads_what_it_holds_or_is_refused_in_one_line(name: str) -> None:
    claims, documents, problems = EXPECTED[name]
    graph, report = load(HOSTILE / name)
    assert (len(graph.claims), len(graph.documents)) == (claims, documents)
    assert [(p.line, p.path) for p in report.problems] == [
        (line, str(HOSTILE / name)) for line, _ in problems
    ]
    for problem, (_, piece) in zip(report.problems, problems, strict=True):
        shown = str(problem)
        assert piece in shown, shown
        assert "\n" not in shown and len(shown) < 400, shown


def names(graph: ClaimGraph) -> set[str]:
    return {e.name for e in graph.entities.values()}


def test_a_yaml_alias_bomb_inside_one_field_is_refused_in_under_a_second() -> None:
    started = time.perf_counter()
    graph, report = load(HOSTILE / "field-alias-bomb.yaml")
    assert time.perf_counter() - started < 1.0
    assert names(graph) == {"Xabi Alonso", "Bayer Leverkusen"}
    assert len(str(report.problems[0])) < 300


def test_line_and_paragraph_separators_stay_inside_their_fields() -> None:
    graph, _report = load(HOSTILE / "line-separator.csv", HOSTILE / "separators.jsonl")
    assert "Xabi\u2028Alonso" in names(graph)
    notes = {c.qualifiers.note for c in graph.claims.values()}
    assert notes == {"first\u0085second\x0cthird", "a\u2028b\u0085c\x0cd", "x\u2029y\x1cz"}


def test_no_and_on_are_names_not_booleans() -> None:
    graph, _ = load(HOSTILE / "norway-no.yaml")
    assert names(graph) == {"NO", "ON"}


def test_an_unclosed_quote_never_gives_one_rumour_another_rows_outlet_or_url() -> None:
    graph, _ = load(HOSTILE / "rumours-unclosed-quote.csv")
    docs = {d.path.rsplit("#", 1)[1]: d for d in graph.documents.values() if d.path}
    assert sorted(docs) == ["2", "3"]
    assert docs["2"].text == "Chelsea want the midfielder"
    assert docs["3"].url == "https://www.thesun.co.uk/3"
    assert all("Arsenal" not in (d.text or "") for d in docs.values())


def test_deep_nesting_is_refused_in_every_format(tmp_path: Path) -> None:
    good = '{"subject": "Xabi Alonso", "subject_type": "Person", "predicate": "manages", '
    good += '"object": "Bayer Leverkusen", "object_type": "Club"}'
    deep = "[" * 5000 + "]" * 5000
    (tmp_path / "deep.yaml").write_text(
        "- subject: Xabi Alonso\n  subject_type: Person\n  predicate: manages\n"
        f"  object: Bayer Leverkusen\n  object_type: Club\n- note: {deep}\n"
    )
    (tmp_path / "deep.jsonl").write_text(f'{good}\n{{"note": {deep}}}\n')
    (tmp_path / "deep.json").write_text(f'[{good},\n{{"note": {deep}}}]\n')
    graph, report = load(tmp_path)
    assert len(graph.claims) == 3  # the good record of each file
    assert len(graph.documents) == 3
    lines = {Path(p.path).name: p.line for p in report.problems}
    assert lines == {"deep.yaml": 6, "deep.jsonl": 2, "deep.json": 2}
    assert all("nested" in p.message for p in report.problems), report.problems


def test_a_17_mb_record_is_refused_before_it_is_stored(tmp_path: Path) -> None:
    big = "x" * (17 * 1024 * 1024)
    path = tmp_path / "big.jsonl"
    record = {
        "subject": "Xabi Alonso",
        "subject_type": "Person",
        "predicate": "manages",
        "object": "Bayer Leverkusen",
        "object_type": "Club",
    }
    path.write_text(json.dumps(record) + "\n" + json.dumps({**record, "note": big}) + "\n")
    graph, report = load(path)
    assert len(graph.claims) == 1
    assert [(p.line, p.message) for p in report.problems] == [
        (2, "record is over 2000000 characters")
    ]
    yaml_path = tmp_path / "big.yaml"
    yaml_path.write_text(
        "- subject: Xabi Alonso\n  subject_type: Person\n  predicate: manages\n"
        f"  object: Bayer Leverkusen\n  object_type: Club\n  evidence: {'y' * 1_500_000}\n"
    )
    graph, report = load(yaml_path)
    assert not graph.claims
    assert "a claim record may hold 1000000" in report.problems[0].message


def test_a_csv_field_over_128_kb_loads_and_one_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rumours.csv"
    path.write_text(
        "id,date,raw_text,source\n"
        f"1,2021-02-01,{'Arsenal want a striker. ' * 6000},www.bbc.co.uk\n"
        f'2,2021-02-01,"{"z" * 1_200_000}",www.bbc.co.uk\n'
        "3,2021-02-01,Spurs eye a keeper,www.thesun.co.uk\n"
    )
    graph, report = load(path)
    assert sorted(d.path.rsplit("#", 1)[1] for d in graph.documents.values() if d.path) == [
        "1",
        "3",
    ]
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "a field is over 1100000 characters")
    ]


def test_a_fifo_named_like_a_claim_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    good = tmp_path / "good.yaml"
    good.write_text(
        "- subject: Xabi Alonso\n  subject_type: Person\n  predicate: manages\n"
        "  object: Bayer Leverkusen\n  object_type: Club\n"
    )
    graph, report = load(tmp_path / "x.yaml", good)  # on main this never returned
    assert len(graph.claims) == 1
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'x.yaml'}: not a regular file (a pipe, socket or device); not read"
    ]


def test_a_missing_path_is_reported_and_the_others_still_load(tmp_path: Path) -> None:
    graph, report = load(HOSTILE / "norway-no.yaml", tmp_path / "missing.yaml")
    assert names(graph) == {"NO", "ON"}
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'missing.yaml'}: cannot read file: No such file or directory"
    ]
    assert report.files == 2


def test_an_unreadable_folder_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "norway.yaml").write_bytes((HOSTILE / "norway-no.yaml").read_bytes())
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        # root reads any folder whatever its mode, so the refusal is simulated for this one
        if str(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    graph, report = load(tmp_path)
    assert names(graph) == {"NO", "ON"}
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'locked'}: cannot read folder: Permission denied"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its mode")
def test_an_unreadable_folder_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        _, report = load(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [p.message for p in report.problems] == ["cannot read folder: Permission denied"]


def test_kg_build_over_the_hostile_directory(kg_env: Settings, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    result = CliRunner().invoke(
        cli, ["build", str(HOSTILE), str(tmp_path / "x.yaml"), str(tmp_path / "nowhere.yaml")]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert all(line.startswith("kg: ") for line in errors), errors
    expected = sum(len(problems) for _, _, problems in EXPECTED.values()) + 2
    assert f"kg: error: {expected} record(s) rejected" in errors
    assert "Read 13 file(s)" in result.stdout
    count = CliRunner().invoke(
        cli,
        [
            "query",
            "MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:STATED_IN]->(d) "
            "WHERE d.path ENDS WITH '.yaml' OR d.path ENDS WITH '.json' "
            "OR d.path ENDS WITH '.jsonl' OR d.path ENDS WITH '.csv' "
            "RETURN count(DISTINCT d) AS documents, count(c) AS claims",
            "--format",
            "json",
        ],
    )
    assert json.loads(count.stdout) == [
        {
            "documents": sum(d for _, d, _ in EXPECTED.values()),
            "claims": sum(c for _, (c, _, _) in EXPECTED.items()),
        }
    ]


def test_kg_build_strict_refuses_without_a_traceback(kg_env: Settings) -> None:
    result = CliRunner().invoke(cli, ["build", "--strict", str(HOSTILE)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"kg: error: {HOSTILE / 'duplicate-header.csv'}:1: the header names column(s) twice: object"
    ]
    count = CliRunner().invoke(
        cli, ["query", "MATCH (c:Claim) RETURN count(c) AS n", "--format", "json"]
    )
    assert json.loads(count.stdout) == [{"n": 0}]


def test_loading_every_hostile_input_stays_under_1_gb(tmp_path: Path) -> None:
    """In a process of its own, so the figure is this load's peak and nothing else's."""
    bomb = "\n".join(
        [f"- a0: &a0 [{','.join(['x'] * 9)}]"]
        + [f"  a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 12)]
        + ["  note: *a11"]
    )
    (tmp_path / "bomb.yaml").write_text(bomb + "\n")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "wide.csv").write_text("subject\n" + "q" * 30_000_000 + "\n")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from loaders import LoadReport, load_paths\n"
        "report = LoadReport()\n"
        "list(load_paths([Path(p) for p in sys.argv[1:]], report))\n"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from a big
        # pytest process would report the parent's size; VmHWM belongs to this program alone
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(len(report.problems), int(peak.split()[1]))\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(HOSTILE), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    problems, peak_kb = map(int, done.stdout.split())
    assert problems >= 3
    assert peak_kb < 1024 * 1024, f"peak {peak_kb // 1024} MB"
    assert time.perf_counter() - started < 60
