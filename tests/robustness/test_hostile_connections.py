"""Settings that cannot work (issue 21, classes 4 and 10): one line with the driver's real reason,
no password anywhere, no traceback; and a killed kg never leaves its database server running."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import EXAMPLES


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kg(monkeypatch: pytest.MonkeyPatch, uri: str, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "pw-in-env")
    result = CliRunner().invoke(cli, list(args or ["stats"]))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("bolt://127.0.0.1:{port}?password=hunter2", "Routing context (providing URI query"),
        ("bolt://user:hunter2@127.0.0.1:{port}", "URI userinfo is not supported"),
        ("bolt://127.0.0.1:notaport", "Failed to DNS resolve address 127.0.0.1:notaport"),
        ("http://127.0.0.1:{port}", "NEO4J_URI must start with bolt://"),
    ],
)
def test_a_uri_kg_cannot_use_is_refused_with_the_drivers_reason(
    monkeypatch: pytest.MonkeyPatch, uri: str, reason: str
) -> None:
    code, output = kg(monkeypatch, uri.format(port=closed_port()))
    assert code == 1
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), output
    assert reason in output
    assert "hunter2" not in output and "pw-in-env" not in output
    assert "Unexpected error has occurred" not in output


def test_a_closed_port_says_so_without_claiming_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.monotonic()
    code, output = kg(monkeypatch, f"bolt://127.0.0.1:{closed_port()}")
    assert code == 1
    assert "cannot reach the graph database at bolt://127.0.0.1:" in output
    assert "Connection refused" in output
    assert "retried" not in output
    assert time.monotonic() - started < 30


def test_a_kg_home_that_is_a_file_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("KG_HOME", str(home))
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        line for line in result.output.splitlines() if line.startswith(f"kg: error: {home}")
    ]
    assert "Not a directory" in result.output or "File exists" in result.output
    # a reading command finds no graph there: one line naming the folder, nothing created
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1 and str(home) in result.output, result.output
    assert home.is_file()


HOLD_THE_SERVER = """
import sys, time
from pathlib import Path
from kg.config import Settings
from kg.store import open_store
with open_store(Settings(home=Path(sys.argv[1]), idle=2.0)) as store:
    store.counts()
    print("ready", flush=True)
    time.sleep(300)
"""


def test_a_killed_kg_takes_its_embedded_server_with_it(tmp_path: Path) -> None:
    # The embedded server is shared by later commands (issue 18): its keeper stops it once no
    # command has used it for its idle time (2 s here), a SIGKILLed kg included.
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    kg_process = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_SERVER, str(home)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert kg_process.stdout is not None
        assert kg_process.stdout.readline().strip() == "ready"
        notes = [p.read_text() for p in home.rglob("lock")]
        server = int(next(n for n in notes if "server pid" in n).rsplit(" ", 1)[1])
        os.kill(kg_process.pid, signal.SIGKILL)
        kg_process.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _alive(server):
            time.sleep(0.2)
        assert not _alive(server), "the ArcadeDB server outlived the kg that started it"
    finally:
        kg_process.kill()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as fh:  # a zombie has exited; only its entry is left
        return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
