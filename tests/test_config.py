"""Settings come from the environment in one place; a bad value is named in a one-line error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kg.config import Settings


def test_embedded_default_and_its_heap_come_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env({"KG_HOME": str(tmp_path), "KG_HEAP": "2g"})
    assert settings.embedded
    assert (settings.home, settings.heap) == (tmp_path, "2g")
    assert Settings.from_env({}).heap == "1g"


def test_an_invalid_heap_is_refused_before_java_starts(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(KG_HOME=str(tmp_path / "home"), KG_HEAP="lots")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(Path(__file__).parents[1] / "examples")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "kg: error: invalid Java heap size 'lots' (expected e.g. 512m or 2g)"
    )
