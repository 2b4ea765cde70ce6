"""The embedded server's start-up cache (:mod:`kg.store.startup_cache`): which JVM options a
start gets, and which training output is kept. The real JVM writing and mapping a cache is
tested with the real server in ``tests/store/test_arcadedb_server.py``."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.store.startup_cache import STALE_SECONDS, StartupCache, startup_cache


def runtime(tmp_path: Path, version: str) -> Path:
    """A ``bin/java`` whose ``release`` file names ``version`` (nothing is run)."""
    home = tmp_path / f"jre-{version}"
    (home / "bin").mkdir(parents=True)
    (home / "release").write_text(f'JAVA_VERSION="{version}"\n', encoding="utf-8")
    return home / "bin" / "java"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kg"


def test_an_older_runtime_gets_no_option(tmp_path: Path, cache_home: Path) -> None:
    for java in (runtime(tmp_path, "21.0.2"), tmp_path / "no-release" / "bin" / "java"):
        assert startup_cache(java, ["a.jar"], "1g").options() == []
    assert not cache_home.exists()


def test_the_first_start_trains_and_a_later_one_maps_the_cache(
    tmp_path: Path, cache_home: Path
) -> None:
    java = runtime(tmp_path, "25.0.4.1")
    first = startup_cache(java, ["a.jar", "b.jar"], "1g")
    assert first.training is not None and first.path is not None
    assert first.options() == [f"-XX:AOTCacheOutput={first.training}"]
    assert first.training.parent == cache_home

    first.training.write_bytes(b"cache")  # what the JVM writes as it exits
    first.training.with_name(first.training.name + ".config").write_bytes(b"")
    first.keep(started=True)
    assert [p.name for p in cache_home.iterdir()] == [first.path.name]

    later = startup_cache(java, ["a.jar", "b.jar"], "1g")
    assert later.options() == [f"-XX:AOTCache={first.path}"]
    other = startup_cache(java, ["a.jar", "b.jar"], "2g")
    assert other.training is not None and other.path != first.path, "one cache per heap"


def test_a_server_that_never_started_leaves_no_cache(tmp_path: Path, cache_home: Path) -> None:
    failed = startup_cache(runtime(tmp_path, "25"), ["a.jar"], "1g")
    assert failed.training is not None
    failed.training.write_bytes(b"half a start")
    failed.keep(started=False)
    assert list(cache_home.iterdir()) == []


def test_training_files_of_killed_servers_are_removed_once_stale(
    tmp_path: Path, cache_home: Path
) -> None:
    cache_home.mkdir(parents=True)
    stale = cache_home / "arcadedb-0123456789abcdef.aot.99-cafe.tmp"
    fresh = cache_home / "arcadedb-0123456789abcdef.aot.98-beef.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    startup_cache(runtime(tmp_path, "25"), ["a.jar"], "1g")
    assert not stale.exists() and fresh.exists(), "a server training now may still keep it"


def test_no_cache_folder_means_no_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert startup_cache(runtime(tmp_path, "25"), ["a.jar"], "1g") == StartupCache()
