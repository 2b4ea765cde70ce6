"""benchmarks/check_gold.py: the annotation files pass it, and a bad record is one line naming it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "benchmarks" / "check_gold.py"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def test_the_projects_annotation_files_pass() -> None:
    done = check()
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_bad_record_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"doc": "repo:README.md", "split": "dev", "genre": "article", "subject": "X", '
        '"subject_type": "Person", "kind": "role", "predicate": "beats", "object": "Y", '
        '"object_type": "Club", "role_title": null, "attributed_to": ["BBC Sport"], '
        '"modality": "maybe", "polarity": "positive", "tense": "present", "start": 0, "end": 5}\n'
        "[1]\n",
        encoding="utf-8",
    )
    done = check(str(bad), str(tmp_path / "missing.jsonl"))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert f"{bad}:1: predicate beats is a result, not a role" in lines, lines
    assert any(line.startswith(f"{bad}:1: modality 'maybe'") for line in lines), lines
    assert f"{bad}:2: expected a JSON object, got list" in lines, lines
    assert any(line.startswith(f"{tmp_path / 'missing.jsonl'}: cannot read") for line in lines)
    assert "Traceback" not in done.stdout + done.stderr
