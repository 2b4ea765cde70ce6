"""The progress bar of ``kg build`` and ``kg export`` (issue 18): drawn on a terminal, never
under CI (``CI=true``) nor when stderr is a pipe or a file, where a command prints only its
summary. The terminal is a real pseudo-terminal (``pty``), as a person's would be."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

SEED = EXAMPLES / "seed-2025-04-17.yaml"


def on_terminal(args: list[str], env: dict[str, str]) -> str:
    """What ``kg ARGS`` shows on a terminal: its stderr is a pseudo-terminal, read to the end."""
    main, side = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=side,
            env=env,
        )
    finally:
        os.close(side)
    shown = bytearray()
    try:
        while chunk := _read(main):
            shown += chunk
    finally:
        os.close(main)
    assert process.wait(timeout=120) == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the command has ended and closed the terminal
        return b""


def environment(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NEO4J_URI")}
    env.update(TERM="xterm-256color", COLUMNS="120", KG_STORE="memory")
    env["KG_HOME"] = str(tmp_path / "home")
    env.update(more)
    return env


COMMANDS = {
    "build": (["build", str(SEED)], "building", "claims written"),
    "export": (["export", "--from", str(SEED), "-o", "OUT"], "exporting", "records"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_terminal_shows_the_bar_and_ci_does_not(name: str, tmp_path: Path) -> None:
    args, doing, unit = COMMANDS[name]
    args = [str(tmp_path / "graph.ttl") if a == "OUT" else a for a in args]

    shown = on_terminal(args, environment(tmp_path))
    assert doing in shown and unit in shown, shown

    under_ci = on_terminal(args, environment(tmp_path, CI="true"))
    assert doing not in under_ci and unit not in under_ci, under_ci
    assert "\x1b[?25l" not in under_ci  # rich hides the cursor while a bar is drawn


def test_a_pipe_gets_the_summary_only(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "export", "--from", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
    )
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"Exported 16 claims, 12 entities, 6 sources and 1 documents as turtle to {out}"
    ]
