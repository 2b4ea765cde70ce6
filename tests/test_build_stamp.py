"""The last-build stamp: when it vouches that a re-build would change nothing, and when not.

The end-to-end case (a re-build that does not start the embedded server, and one that must)
is in tests/cli/test_demo.py; these check the fingerprint and the stamp file on their own.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from kg import build_stamp
from kg.build_stamp import Stamp


def database(home: Path) -> Path:
    folder = build_stamp.database_folder(home) / "kg"
    folder.mkdir(parents=True)
    (folder / "Claim_0.bucket").write_bytes(b"\0" * 70_000)
    (folder / "last-tx-id.bin").write_bytes(b"\0\0\0\0\0\0\0\x07")
    (folder / "statistics.json").write_text('{"b": {"y": 1, "x": 2}, "a": 3}')
    return folder


def stamp_for(home: Path, inputs: dict[str, str]) -> Stamp:
    return Stamp(
        inputs=inputs,
        database=build_stamp.fingerprint(build_stamp.database_folder(home)),
        files=len(inputs),
        records=10,
        documents=3,
        counts={"documents": 3, "entities": 5, "claims": 10, "sources": 2},
    )


def test_an_untouched_database_with_the_same_inputs_is_vouched_for(tmp_path: Path) -> None:
    database(tmp_path)
    stamp = stamp_for(tmp_path, {"/data/a.yaml": "d1"})
    build_stamp.write(tmp_path, stamp)

    assert build_stamp.unchanged(tmp_path, {"/data/a.yaml": "d1"}) == stamp
    assert build_stamp.unchanged(tmp_path, {"/data/a.yaml": "d2"}) is None, "an edited file"
    assert build_stamp.unchanged(tmp_path, {}) is None, "a removed file"
    both = {"/data/a.yaml": "d1", "/data/b.yaml": "d3"}
    build_stamp.write(tmp_path, stamp_for(tmp_path, both))
    assert build_stamp.unchanged(tmp_path, both) is not None
    assert build_stamp.unchanged(tmp_path, dict(reversed(both.items()))) is None, "another order"
    assert build_stamp.unchanged(tmp_path, None) is None, "an unreadable file"


def test_what_the_server_rewrites_on_start_keeps_the_fingerprint(tmp_path: Path) -> None:
    folder = database(tmp_path)
    before = build_stamp.fingerprint(build_stamp.database_folder(tmp_path))
    later = os.stat(folder / "Claim_0.bucket").st_mtime_ns + 5_000_000_000
    for small in ("last-tx-id.bin", "statistics.json"):
        os.utime(folder / small, ns=(later, later))
    (folder / "statistics.json").write_text('{"a": 3, "b": {"x": 2, "y": 1}}')

    assert build_stamp.fingerprint(build_stamp.database_folder(tmp_path)) == before


def test_a_write_changes_the_fingerprint(tmp_path: Path) -> None:
    folder = database(tmp_path)
    folder_fp = build_stamp.fingerprint(build_stamp.database_folder(tmp_path))
    build_stamp.write(tmp_path, stamp_for(tmp_path, {"/data/a.yaml": "d1"}))

    bucket = folder / "Claim_0.bucket"
    later = bucket.stat().st_mtime_ns + 1_000_000
    os.utime(bucket, ns=(later, later))  # a page rewritten in place: same size, newer
    assert build_stamp.fingerprint(build_stamp.database_folder(tmp_path)) != folder_fp
    assert build_stamp.unchanged(tmp_path, {"/data/a.yaml": "d1"}) is None

    (folder / "last-tx-id.bin").write_bytes(b"\0\0\0\0\0\0\0\x08")
    assert build_stamp.fingerprint(build_stamp.database_folder(tmp_path)) != folder_fp


def test_a_missing_damaged_or_foreign_stamp_vouches_for_nothing(tmp_path: Path) -> None:
    database(tmp_path)
    assert build_stamp.unchanged(tmp_path, {}) is None
    (tmp_path / build_stamp.STAMP_FILE).write_text("{not json")
    assert build_stamp.unchanged(tmp_path, {}) is None
    (tmp_path / build_stamp.STAMP_FILE).write_text(json.dumps({"version": 99, "inputs": {}}))
    assert build_stamp.unchanged(tmp_path, {}) is None
    (tmp_path / build_stamp.STAMP_FILE).write_text(json.dumps({"version": 1, "inputs": {}}))
    assert build_stamp.unchanged(tmp_path, {}) is None
    (tmp_path / build_stamp.STAMP_FILE).write_text("[1, 2]")
    assert build_stamp.unchanged(tmp_path, {}) is None
    wrong = {**asdict(stamp_for(tmp_path, {})), "version": 1, "inputs": ["a.yaml"]}
    (tmp_path / build_stamp.STAMP_FILE).write_text(json.dumps(wrong))
    assert build_stamp.unchanged(tmp_path, {}) is None

    build_stamp.write(tmp_path, stamp_for(tmp_path, {}))
    build_stamp.remove(tmp_path)
    assert build_stamp.unchanged(tmp_path, {}) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["databases"], "nothing left behind"


def test_input_digests_cover_every_file_and_the_format(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("claims: []\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("subject,predicate,object\n")
    plain = build_stamp.input_digests([tmp_path], None)
    assert plain is not None and len(plain) == 2
    assert build_stamp.input_digests([tmp_path], "yaml") != plain
    assert build_stamp.input_digests([tmp_path / "missing"], None) is None
