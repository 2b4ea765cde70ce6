"""The build ledger: one SQLite file in the graph's folder with what kg remembers between builds.

The end-to-end cases (a re-build that does not start the embedded server, and one that must; a
build hashing each input once) are in tests/cli/test_server.py and tests/api/test_graph.py.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kg.build.ledger import LEDGER_FILE, Ledger, Stamp
from kg.store.server import fingerprint


def database(home: Path) -> Path:
    folder = home / "databases" / "kg"
    folder.mkdir(parents=True)
    (folder / "Claim_0.bucket").write_bytes(b"\0" * 70_000)
    (folder / "last-tx-id.bin").write_bytes(b"\0\0\0\0\0\0\0\x07")
    (folder / "statistics.json").write_text('{"b": {"y": 1, "x": 2}, "a": 3}')
    return folder


def stamp_for(inputs: dict[str, str]) -> Stamp:
    return Stamp(
        inputs=inputs,
        files=len(inputs),
        records=10,
        documents=3,
        counts={"documents": 3, "entities": 5, "claims": 10, "sources": 2},
        server=1234.5,
    )


def test_the_stamp_vouches_only_for_the_same_files_on_the_database_the_server_left(
    tmp_path: Path,
) -> None:
    with Ledger(tmp_path) as ledger:
        stamp = stamp_for({"/data/a.yaml": "d1"})
        ledger.set_stamp(stamp)
        assert ledger.unchanged({"/data/a.yaml": "d1"}, "fp", "fp") == stamp
        assert ledger.unchanged({"/data/a.yaml": "d2"}, "fp", "fp") is None, "an edited file"
        assert ledger.unchanged({}, "fp", "fp") is None, "a removed file"
        assert ledger.unchanged(None, "fp", "fp") is None, "an unreadable file"
        assert ledger.unchanged({"/data/a.yaml": "d1"}, "fp", "other") is None, "a write since"
        assert ledger.unchanged({"/data/a.yaml": "d1"}, None, "fp") is None, "a server running"
        assert ledger.unchanged({"/data/a.yaml": "d1"}, "fp", None) is None, "a server killed"
        both = {"/data/a.yaml": "d1", "/data/b.yaml": "d2"}
        ledger.set_stamp(stamp_for(both))
        assert ledger.unchanged(dict(reversed(both.items())), "fp", "fp") is None, "another order"
        ledger.forget_stamp()
        assert ledger.unchanged(both, "fp", "fp") is None
    assert [p.name for p in tmp_path.iterdir()] == [LEDGER_FILE], "one file in the graph's folder"


def test_a_damaged_stamp_vouches_for_nothing(tmp_path: Path) -> None:
    with Ledger(tmp_path) as ledger:
        ledger.set_stamp(stamp_for({}))
    for damaged in ("{not json", "[1, 2]", '{"inputs": {}}'):
        with sqlite3.connect(tmp_path / LEDGER_FILE) as db:
            db.execute("UPDATE stamp SET data = ?", (damaged,))
        with Ledger(tmp_path) as ledger:
            assert ledger.stamp() is None, damaged
            assert ledger.unchanged({}, "fp", "fp") is None


def test_a_ledger_that_does_not_exist_is_not_created_by_reading(tmp_path: Path) -> None:
    with Ledger(tmp_path / "home") as ledger:
        assert ledger.stamp() is None
        assert ledger.file(tmp_path / "x.yaml", "d") is None
        ledger.forget_stamp()
    assert not (tmp_path / "home").exists()


def test_files_are_remembered_by_path_and_digest(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("[]\n")
    with Ledger(tmp_path / "home") as ledger:
        digest = ledger.digest(source, None)
        assert digest is not None
        ledger.remember_file(source, digest, 7, {"doc:a": "h1"})
        assert ledger.file(source, digest) == (7, {"doc:a": "h1"})
        assert ledger.file(source, "another digest") is None


def test_digests_cover_the_bytes_and_the_format_and_follow_edits(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("- subject: X\n")
    with Ledger(tmp_path / "home") as ledger:
        plain = ledger.input_digests([tmp_path], None)
        assert plain is not None and list(plain) == [str((tmp_path / "a.yaml").resolve())]
        assert ledger.input_digests([tmp_path], "yaml") != plain
        assert ledger.input_digests([tmp_path / "missing"], None) is None
        (tmp_path / "a.yaml").write_text("- subject: Y, edited\n")
        assert ledger.input_digests([tmp_path], None) != plain, "an edit is seen in one ledger"


def test_what_the_server_rewrites_on_start_keeps_the_fingerprint(tmp_path: Path) -> None:
    folder = database(tmp_path)
    before = fingerprint(tmp_path)
    later = os.stat(folder / "Claim_0.bucket").st_mtime_ns + 5_000_000_000
    for small in ("last-tx-id.bin", "statistics.json"):
        os.utime(folder / small, ns=(later, later))
    (folder / "statistics.json").write_text('{"a": 3, "b": {"x": 2, "y": 1}}')
    assert fingerprint(tmp_path) == before


def test_a_write_changes_the_fingerprint(tmp_path: Path) -> None:
    folder = database(tmp_path)
    before = fingerprint(tmp_path)
    bucket = folder / "Claim_0.bucket"
    later = bucket.stat().st_mtime_ns + 1_000_000
    os.utime(bucket, ns=(later, later))  # a page rewritten in place: same size, newer
    assert fingerprint(tmp_path) != before
    moved = fingerprint(tmp_path)
    (folder / "last-tx-id.bin").write_bytes(b"\0\0\0\0\0\0\0\x08")
    assert fingerprint(tmp_path) != moved
