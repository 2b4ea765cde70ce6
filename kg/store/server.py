"""The embedded database as a long-lived server that consecutive commands share.

Starting ArcadeDB's JVM takes seconds, most of a short command's time. So the first command that
needs the embedded database starts a *keeper*: a small detached Python process
(``python -m kg.store.server HOME``) that runs :class:`~kg.store.arcadedb.ArcadeDBServer`, writes
how to reach it to ``HOME/server.json`` (mode 0600: it holds the password), and stops it once no
command has used it for ``KG_SERVER_IDLE`` seconds (``kg server stop`` stops it at once). Later
commands read ``server.json`` and connect in milliseconds.

Files in the graph's folder, and who holds them:

- ``lock``: the data folder's lock, held by the keeper and inherited by the JVM
  (:class:`~kg.store.arcadedb.ArcadeDBServer`); never two servers on one folder.
- ``clients.lock``: every command holds it shared while it uses the server, and touches it when
  done (its modification time is the last use); the keeper stops the server only while holding it
  exclusively, so it is never stopped under a command, and a command arriving meanwhile waits,
  then starts a new one.
- ``start.lock``: held while a command checks for a server and starts one, so two commands
  starting at once start one server.
- ``server.stopped``: the fingerprint of the database folder as the last server left it (for the
  build ledger, which skips an unchanged re-build without starting the database).

A killed keeper or server is detected (``server.json`` names both processes, checked alive, the
server's by its command line) and replaced: a JVM left without its keeper is stopped (by the lock
note, see :func:`~kg.store.arcadedb._stop_orphan`), a keeper left without its JVM is ended.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kg import log
from kg.config import Settings
from kg.errors import StoreError
from kg.store.processes import alive, ended

if TYPE_CHECKING:
    from kg.store.arcadedb import ArcadeDBServer

logger = logging.getLogger(__name__)

__all__ = [
    "Running",
    "ServerInUse",
    "fingerprint",
    "session",
    "start",
    "status",
    "stop",
    "stopped_fingerprint",
]

STATE_FILE: Final = "server.json"
CLIENTS_FILE: Final = "clients.lock"
START_FILE: Final = "start.lock"
STOPPED_FILE: Final = "server.stopped"
KEEPER_LOG: Final = "keeper.log"
#: Seconds between the keeper's looks at its server and at the last use.
POLL: Final = 0.5
#: Seconds a command waits for a keeper to report its server ready (a JVM start takes 3-10 s).
START_TIMEOUT: Final = 120.0
#: Seconds ``kg server stop`` waits for the commands and open graphs using the server (a
#: notebook's ``kg.open()`` holds it until closed) before it says who holds it.
STOP_WAIT: Final = 30.0
_MAIN_CLASS: Final = b"com.arcadedb.server.ArcadeDBServer"


@dataclass(frozen=True)
class Running:
    """A running embedded server, as ``server.json`` describes it."""

    pid: int  #: the keeper
    server_pid: int  #: ArcadeDB's JVM
    uri: str
    http: str
    studio: bool
    username: str
    password: str
    database: str
    home: str
    idle: float
    started: float

    def describe(self) -> list[tuple[str, str]]:
        """What ``kg server status`` prints (never the password)."""
        idle = "never (until kg server stop)" if not self.idle else f"after {self.idle:g} s unused"
        http = self.http + (
            "  (ArcadeDB Studio)" if self.studio else "  (REST API; no Studio in this package)"
        )
        return [
            ("bolt", self.uri),
            ("data", self.home),
            ("http", http),
            ("pid", f"{self.pid} (keeper), {self.server_pid} (ArcadeDB)"),
            ("stops", idle),
        ]


def _is_server(pid: int, home: Path) -> bool:
    """Whether ``pid`` is an ArcadeDB server on ``home`` (not a reused pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return _MAIN_CLASS in cmdline and f"rootPath={home}\0".encode() in cmdline


def _read_state(home: Path) -> Running | None:
    try:
        data = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
        return Running(**data)
    except (OSError, ValueError, TypeError):
        return None


def status(home: Path) -> Running | None:
    """The server running for ``home``, or None (no ``server.json``, or a process in it is gone)."""
    home = home.absolute()
    running = _read_state(home)
    if running is None or not alive(running.pid) or not _is_server(running.server_pid, home):
        return None
    log.add_secret(running.password)
    return running


@contextlib.contextmanager
def _flock(path: Path, kind: int) -> Iterator[int]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, kind)
        yield fd
    finally:
        os.close(fd)


@contextlib.contextmanager
def session(settings: Settings) -> Iterator[Running]:
    """The embedded server for the length of the block: found, or started (see the module
    docstring). It is not stopped while the block runs; leaving the block counts as a use."""
    home = settings.home.absolute()
    home.mkdir(parents=True, exist_ok=True)
    with _flock(home / CLIENTS_FILE, fcntl.LOCK_SH) as fd:
        try:
            yield start(settings)
        finally:
            os.utime(fd)


def start(settings: Settings) -> Running:
    """The running server for ``settings.home``, started first if there is none."""
    home = settings.home.absolute()
    running = status(home)
    if running is not None:
        logger.info("using the running embedded server on %s (pid %d)", running.uri, running.pid)
        return running
    home.mkdir(parents=True, exist_ok=True)
    with _flock(home / START_FILE, fcntl.LOCK_EX):
        running = status(home)
        if running is not None:
            return running
        _end_remains(home)
        return _launch(settings, home)


def _end_remains(home: Path) -> None:
    """What is left of a server whose keeper or JVM was killed is ended, and its ``server.json``
    removed: a keeper without its server, or a server without its keeper (which still holds
    the data lock)."""
    state = _read_state(home)
    if state is None:
        return
    keeper, server = alive(state.pid), _is_server(state.server_pid, home)
    if keeper and not server:
        logger.info("the embedded server (pid %d) is gone: ending its keeper", state.server_pid)
        _terminate(state.pid)
    elif server and not keeper:
        logger.info("the embedded server's keeper (pid %d) is gone: stopping it", state.pid)
        _terminate(state.server_pid)
    (home / STATE_FILE).unlink(missing_ok=True)


def _terminate(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM, and wait until the process has left the process table (SIGKILL after
    ``timeout``): when this returns, its pid is gone, not a zombie on its way out."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while not ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _launch(settings: Settings, home: Path) -> Running:
    """Start a keeper and wait for its one status line (ready, or the reason it failed).

    The process started here only forks the keeper and exits (:func:`_detach`), and is waited
    for at once: the keeper is then no process's child but init's, so a long-lived process that
    started it (a notebook's ``kg.open()``) is not left with a zombie when the keeper stops.
    """
    command = [
        sys.executable,
        "-m",
        "kg.store.server",
        str(home),
        "--heap",
        settings.heap,
        "--idle",
        f"{settings.idle:g}",
    ]
    with (home / KEEPER_LOG).open("ab") as errors:
        starter = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            start_new_session=True,  # outlives this command; a Ctrl-C here does not reach it
            close_fds=True,
        )
    assert starter.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    with starter.stdout:
        lines = _lines(starter.stdout.fileno(), deadline)
        forked = next(lines, {})
        try:
            starter.wait(max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            starter.kill()
            starter.wait()
        keeper = forked.get("keeper")
        message = next(lines, {}) if isinstance(keeper, int) else forked
    if "error" in message:
        raise StoreError(str(message["error"]))
    running = status(home)
    if running is None:
        if isinstance(keeper, int):
            _terminate(keeper)
        raise StoreError(f"the embedded database server did not start; see {home / KEEPER_LOG}")
    logger.info(
        "ArcadeDB server ready on %s (data in %s; keeper pid %d, %s)",
        running.uri,
        home,
        running.pid,
        f"stops after {running.idle:g} s unused" if running.idle else "up until kg server stop",
    )
    return running


def _lines(fd: int, deadline: float) -> Iterator[dict[str, object]]:
    """The JSON lines the keeper writes on ``fd`` until it closes it or ``deadline`` passes (a
    line that is not a JSON object reads as ``{}``)."""
    pending = b""
    while True:
        while b"\n" not in pending:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(fd, 4096) if ready else b""
            if not chunk:
                return
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        try:
            value = json.loads(line)
        except ValueError:
            value = None
        yield value if isinstance(value, dict) else {}


class ServerInUse(StoreError):
    """``kg server stop`` waited its time and the server is still used (a notebook's open graph)."""


def stop(
    home: Path, timeout: float = 60.0, *, wait: float | None = STOP_WAIT, force: bool = False
) -> Running | None:
    """Stop the server for ``home`` once the commands using it are done; the one stopped, if any.

    It waits at most ``wait`` seconds (None: as long as it takes) for them, then raises
    :class:`ServerInUse` naming the processes that hold it; ``force`` stops it at once, used or
    not (their next statement fails: "cannot reach the graph database"). ``timeout``: seconds
    the keeper gets to stop its server before it is killed.
    """
    home = home.absolute()
    running = status(home)
    if running is None:
        _end_remains(home)
        return None
    if force:
        _terminate(running.pid, timeout)
    else:
        fd = _take_clients_lock(home, wait)
        try:
            _terminate(running.pid, timeout)
        finally:
            os.close(fd)
    (home / STATE_FILE).unlink(missing_ok=True)
    return running


def _take_clients_lock(home: Path, wait: float | None) -> int:
    """The clients' lock, held exclusively once no command uses the server (within ``wait``)."""
    path = home / CLIENTS_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (fcntl.LOCK_NB if deadline is not None else 0))
            return fd
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                users = ", ".join(describe_process(pid) for pid in lock_holders(path))
                os.close(fd)
                raise ServerInUse(
                    f"the server for {home} is still in use after {wait:g} s, by "
                    f"{users or 'another process'} (an open kg.open() graph is closed by "
                    "graph.close() or leaving its with block); `kg server stop --force` stops it "
                    "anyway"
                ) from None
            time.sleep(0.1)
        except BaseException:
            os.close(fd)
            raise


def lock_holders(path: Path) -> list[int]:
    """The processes holding an flock on ``path`` (from Linux's ``/proc/locks``; empty
    elsewhere), this one left out."""
    try:
        info = path.stat()
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    where = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    pids: list[int] = []
    for line in table.splitlines():
        fields = line.split()
        # "1: FLOCK  ADVISORY  READ 10402 fe:00:10346515 0 EOF"; "1: -> FLOCK …" is a waiter
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == where:
            pid = int(fields[4]) if fields[4].isdigit() else 0
            if pid and pid != os.getpid() and pid not in pids:
                pids.append(pid)
    return pids


def describe_process(pid: int) -> str:
    """``pid 1234 (python -m ipykernel_launcher …)``: a process and its command line, cut short."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"pid {pid}"
    command = " ".join(b" ".join(words).decode("utf-8", "replace").split())
    if len(command) > 80:
        command = command[:77] + "..."
    return f"pid {pid} ({command})" if command else f"pid {pid}"


# -- the database folder as the server left it --------------------------------------------------

#: Files smaller than this (ArcadeDB's smallest page file) are fingerprinted by content.
_SMALL = 64 * 1024


def fingerprint(home: Path) -> str:
    """A digest of every file under ``home/databases``: its relative path and its content when
    small (JSON with sorted keys: the server writes its statistics from a hash map), its size and
    modification time otherwise. Equal fingerprints mean no one wrote to the database between."""
    folder = home / "databases"
    digest = hashlib.sha256()
    if folder.is_dir():
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(root, name)
                try:
                    info = path.stat()
                    digest.update(
                        f"{path.relative_to(folder).as_posix()}\0{info.st_size}\0".encode()
                    )
                    if info.st_size < _SMALL:
                        digest.update(_content(path))
                    else:
                        digest.update(str(info.st_mtime_ns).encode())
                except OSError:
                    continue
                digest.update(b"\n")
    return digest.hexdigest()


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            return json.dumps(json.loads(data), sort_keys=True).encode()
    return data


def stopped_fingerprint(home: Path, started: float) -> str | None:
    """The fingerprint the server started at ``started`` left when it stopped cleanly, if it did."""
    try:
        data = json.loads((home / STOPPED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("started") != started:
        return None
    value = data.get("fingerprint")
    return value if isinstance(value, str) else None


# -- the keeper ---------------------------------------------------------------------------------


def _write_private(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(partial, path)


def _last_use(home: Path, since: float) -> float:
    try:
        return max(since, (home / CLIENTS_FILE).stat().st_mtime)
    except OSError:
        return since


def keep(home: Path, *, heap: str, idle: float) -> int:
    """The keeper's life: start the server, report on stdout, serve until idle or told to stop."""
    from kg.store.arcadedb import ArcadeDBServer

    stopping = False

    def _stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        server = ArcadeDBServer(home, heap=heap)
        server.start()
    except Exception as exc:
        sys.stdout.write(json.dumps({"error": _start_failure(home, exc)}) + "\n")
        sys.stdout.flush()
        return 1
    started = time.time()
    running = Running(
        pid=os.getpid(),
        server_pid=server.pid or 0,
        uri=server.uri,
        http=server.http_uri,
        studio=server.studio,
        username=server.username,
        password=server.password,
        database=server.database,
        home=str(home),
        idle=idle,
        started=started,
    )
    _write_private(home / STATE_FILE, json.dumps(asdict(running)))
    sys.stdout.write('{"ready": true}\n')
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # the command that waited has gone: nothing more on its pipe
    held: int | None = None
    try:
        while not stopping and server.running:
            time.sleep(POLL)
            if idle and time.time() - _last_use(home, started) >= idle:
                held = _unused(home)
                if held is not None and time.time() - _last_use(home, started) >= idle:
                    break  # stop while holding the clients' lock: no command can start using it
                if held is not None:
                    os.close(held)
                    held = None
        return 0
    finally:
        _shut(home, server, running)
        if held is not None:
            os.close(held)


def _start_failure(home: Path, exc: Exception) -> str:
    """Why the server did not start, in one line; an operating-system error (a full disk, no
    permission) names the data folder, since its own text often names no file."""
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{home}: cannot start the database server: {exc.strerror or exc}{where}"
    text = str(exc)
    return text.splitlines()[0] if text else repr(exc)


def _unused(home: Path) -> int | None:
    """The clients' lock, held exclusively, if no command holds it now (else None)."""
    fd = os.open(home / CLIENTS_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _shut(home: Path, server: ArcadeDBServer, running: Running) -> None:
    """Stop the server, remove ``server.json`` (if still this keeper's), and record the database
    folder's fingerprint when the server was still running (stopped cleanly, not killed)."""
    was_running = server.running
    if _read_state(home) == running:
        (home / STATE_FILE).unlink(missing_ok=True)
    server.stop()
    if was_running:
        _write_private(
            home / STOPPED_FILE,
            json.dumps({"started": running.started, "fingerprint": fingerprint(home)}),
        )


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.store.server HOME --heap 1g --idle 600``: run a keeper (kg starts it)."""
    import argparse

    parser = argparse.ArgumentParser(prog="kg.store.server")
    parser.add_argument("home", type=Path)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--idle", type=float, default=600.0)
    args = parser.parse_args(argv)
    _detach()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    return keep(args.home.absolute(), heap=args.heap, idle=args.idle)


def _detach() -> None:
    """Fork: the process kg started reports the keeper's pid on stdout and exits at once (kg
    waits for it), and the child goes on as the keeper, a child of nobody kg runs."""
    pid = os.fork()
    if pid:
        os.write(1, json.dumps({"keeper": pid}).encode() + b"\n")
        os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
