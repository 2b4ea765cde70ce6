"""The long-lived embedded server, driven as a user drives it: ``kg`` commands in processes of
their own, on the real ArcadeDB server. It starts once and serves later commands, stops when
idle or told to, is replaced when killed, and is never started by a command that needs no
database; a reading command on a missing graph creates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store.server import Running, status
from tests.conftest import EXAMPLES, REPO

KG = [sys.executable, "-m", "kg"]
SEED = EXAMPLES / "seed-2025-04-17.yaml"


def env_for(home: Path | None, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_HOME"))}
    env["PYTHONPATH"] = str(REPO)
    if home is not None:
        env["KG_HOME"] = str(home)
    env.update(more)
    return env


def kg(*args: str, home: Path | None, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KG, *args],
        cwd=cwd,
        env=env_for(home, **env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def claims(home: Path, cwd: Path) -> int:
    done = kg("stats", "--format", "json", home=home, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return int({row["what"]: row["count"] for row in json.loads(done.stdout)}["claims"])


def wait_gone(pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), f"process {pid} is still running"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A graph folder with the seed story built in it (its server left running)."""
    home = tmp_path / "home"
    done = kg("build", str(SEED), home=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return home


def test_one_server_serves_consecutive_commands_and_status_shows_it(
    built: Path, tmp_path: Path
) -> None:
    first = status(built)
    assert first is not None
    assert claims(built, tmp_path) == 16
    assert status(built) == first, "the second command used the same server"

    shown = kg("server", "status", home=built, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert first.uri in shown.stdout and str(built) in shown.stdout
    assert first.http in shown.stdout
    assert first.password not in shown.stdout
    state = built / "server.json"
    assert state.stat().st_mode & 0o777 == 0o600, "it holds the password"

    stopped = kg("server", "stop", home=built, cwd=tmp_path)
    assert stopped.returncode == 0 and first.uri in stopped.stdout
    wait_gone(first.server_pid)
    assert status(built) is None and not state.exists()
    none = kg("server", "status", home=built, cwd=tmp_path)
    assert none.returncode == 1 and "no server running" in none.stdout


@pytest.mark.parametrize("victim", ["server", "keeper"])
def test_a_server_killed_between_two_commands_is_replaced(
    built: Path, tmp_path: Path, victim: str
) -> None:
    before = status(built)
    assert before is not None
    pid = before.server_pid if victim == "server" else before.pid
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid)

    assert claims(built, tmp_path) == 16, "the next command finds the data on a new server"
    after = status(built)
    assert after is not None and after.started != before.started
    for old in (before.pid, before.server_pid):
        wait_gone(old)  # nothing of the killed server is left behind


def test_the_server_stops_itself_when_idle(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = kg("build", str(SEED), home=home, cwd=tmp_path, KG_SERVER_IDLE="3")
    assert done.returncode == 0, done.stderr
    running = status(home)
    assert running is not None and running.idle == 3
    wait_gone(running.server_pid, timeout=60)
    wait_gone(running.pid)  # the keeper records the folder after its server has exited
    assert status(home) is None
    assert (home / "server.stopped").exists(), "it recorded the data folder as it left it"


def test_two_commands_at_once_share_one_server_and_both_succeed(
    built: Path, tmp_path: Path
) -> None:
    assert kg("server", "stop", home=built, cwd=tmp_path).returncode == 0
    extra = tmp_path / "more.yaml"
    extra.write_text(
        "- subject: Xabi Alonso\n  subject_type: Person\n  predicate: manages\n"
        "  object: Real Madrid\n  object_type: Club\n  modality: reported\n"
        "  document: {title: A second story, published: 2025-05-25, outlet: Test Post}\n",
        encoding="utf-8",
    )
    commands = [
        subprocess.Popen(
            [*KG, *args],
            cwd=tmp_path,
            env=env_for(built),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in (["build", str(extra)], ["build", str(SEED), str(extra)], ["stats"])
    ]
    outputs = [c.communicate(timeout=300) for c in commands]
    for command, (_, err) in zip(commands, outputs, strict=True):
        assert command.returncode == 0, err
    assert claims(built, tmp_path) == 17
    state = json.loads((built / "server.json").read_text())
    assert len(list(Path("/proc").glob("[0-9]*"))) > 0
    keepers = [
        p
        for p in Path("/proc").glob("[0-9]*")
        if _cmdline(p).startswith(f"{sys.executable}\0-m\0kg.store.server\0{built}")
    ]
    assert [int(p.name) for p in keepers] == [state["pid"]], "one server for the folder"


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def test_commands_that_need_no_database_never_start_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for args in (
        ["--help"],
        ["stats", "--help"],
        ["extract", str(REPO / "tests" / "fixtures" / "articles" / "coach-search.md")],
        ["export", "-f", "turtle", "-o", str(tmp_path / "g.ttl"), "--from", str(SEED)],
        ["stats", "--from", str(SEED)],
        ["server", "status"],
    ):
        done = kg(*args, home=home, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
    assert not home.exists(), "nothing was created in the graph's folder"


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["query", "RETURN 1"],
        ["sources"],
        ["timeline", "Xabi Alonso"],
        ["explain", "claim:0"],
        ["contradictions"],
        ["export", "-o", "-"],
    ],
)
def test_a_reading_command_on_a_missing_graph_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    done = kg(*args, home=None, cwd=work, XDG_DATA_HOME=str(tmp_path / "data"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: no graph in "), done.stderr
    assert "kg build PATH" in lines[0]
    assert list(work.iterdir()) == [] and not (tmp_path / "data").exists(), "nothing created"


def test_the_graph_is_found_in_a_parent_folder_like_git(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "notes" / "deep").mkdir(parents=True)
    built.rename(project / ".kg")
    assert kg("server", "stop", home=project / ".kg", cwd=tmp_path).returncode == 0
    done = kg("stats", "--format", "json", home=None, cwd=project / "notes" / "deep")
    assert done.returncode == 0, done.stderr
    assert {r["what"]: r["count"] for r in json.loads(done.stdout)}["claims"] == 16


def test_without_a_kg_folder_the_graph_goes_to_the_user_data_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    data = tmp_path / "data"
    done = kg("build", str(SEED), home=None, cwd=work, XDG_DATA_HOME=str(data))
    assert done.returncode == 0, done.stderr
    assert f"embedded ArcadeDB in {data / 'kg' / 'graph'}" in done.stdout
    assert list(work.iterdir()) == []
    running = status(data / "kg" / "graph")
    assert isinstance(running, Running)


#: A notebook: keeps a graph from kg.open() as long as it is told to, and answers each line.
#: (``-c`` code: its command line starts with the first words below, which a test looks for.)
NOTEBOOK = """
import sys, kg, kg.errors
graph = None
for line in sys.stdin:
    word = line.split()[0]
    try:
        if word == "build":
            graph = kg.open()
            answer = graph.build(sys.argv[1]).counts["claims"]
        elif word == "open":
            graph = kg.open()
            answer = graph.query("MATCH (c:Claim) RETURN count(c) AS n")[0]["n"]
        elif word == "query":
            answer = graph.query("MATCH (c:Claim) RETURN count(c) AS n")[0]["n"]
        elif word == "close":
            answer = graph.close()
    except kg.errors.KgError as exc:
        answer = "error: " + str(exc)
    print(word, answer, flush=True)
"""


class Notebook:
    """A long-lived Python process using kg as a library, as a notebook's kernel does."""

    def __init__(self, home: Path, cwd: Path, **env: str) -> None:
        self.errors = cwd / "notebook.err"
        with self.errors.open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-c", NOTEBOOK, str(SEED)],
                cwd=cwd,
                env=env_for(home, **env),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )

    def do(self, word: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer.startswith(word), self.errors.read_text()
        return answer.removeprefix(word).strip()

    def children(self) -> list[str]:
        """``ps`` lines of this process's children: PID, state, command."""
        shown = subprocess.run(
            ["ps", "-o", "pid=,stat=,args=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        )
        return shown.stdout.splitlines()

    def end(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def test_a_notebooks_server_is_reaped_and_stop_waits_a_bounded_time_for_its_open_graph(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    notebook = Notebook(home, tmp_path, KG_SERVER_IDLE="3")
    try:
        # the notebook starts the server; once its graph is closed the server stops itself when
        # idle (3 s), and the keeper ends as a process, not as a zombie the notebook never reaps
        assert notebook.do("build") == "16"
        running = status(home)
        assert running is not None
        assert notebook.do("close") == "None"
        wait_gone(running.server_pid)
        wait_gone(running.pid)  # a zombie keeps its /proc entry
        assert not [line for line in notebook.children() if line.split()[1].startswith("Z")]

        # an open graph holds the server: stop waits --wait seconds, then names the holder
        assert notebook.do("open") == "16"
        again = status(home)
        assert again is not None
        started = time.monotonic()
        refused = kg("server", "stop", "--wait", "1", home=home, cwd=tmp_path)
        assert time.monotonic() - started < 20
        assert refused.returncode == 1
        (line,) = refused.stderr.splitlines()
        assert line.startswith(
            f"kg: error: the server for {home} is still in use after 1 s, by pid "
            f"{notebook.process.pid} ({sys.executable} -c import sys, kg, kg.errors"
        ), line
        assert line.endswith("`kg server stop --force` stops it anyway"), line
        assert status(home) == again, "it was left running"

        # --force stops it all the same; the graph's next query starts a new server instead of
        # failing on the connection to the one that is gone
        forced = kg("server", "stop", "--force", home=home, cwd=tmp_path)
        assert forced.returncode == 0 and again.uri in forced.stdout, forced.stderr
        wait_gone(again.pid)
        assert notebook.do("query") == "16"
        third = status(home)
        assert third is not None and third.started != again.started
        assert notebook.children() == []
    finally:
        notebook.end()


def test_the_stop_wait_option_is_the_documented_default() -> None:
    from kg.cli.server import stop
    from kg.store.server import STOP_WAIT

    (wait,) = [p for p in stop.params if p.name == "wait"]
    assert wait.default == STOP_WAIT == 30
