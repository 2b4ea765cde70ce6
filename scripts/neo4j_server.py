"""A real Neo4j 5 server for kg's tests, benchmarks and ``make neo4j``.

Neo4j Community Edition (GPLv3) is not on PyPI or Debian, but its jars are on Maven Central. This
module fetches the ones pinned in ``scripts/neo4j/pom.xml`` with Maven (``copy-dependencies``,
with strict checksums) into a cache folder once, then runs the server from them:

    python -m scripts.neo4j_server start [--home .neo4j]   # what `make neo4j` runs
    python -m scripts.neo4j_server stop  [--home .neo4j]   # what `make neo4j-stop` runs
    python -m scripts.neo4j_server fetch                   # only fetch the jars

The server is started the way the distribution's ``bin/neo4j`` starts it: that script runs a
bootloader (``org.neo4j.server.startup.Neo4jCommand``) which turns ``neo4j.conf`` into JVM options
and then launches a second JVM on ``org.neo4j.server.CommunityEntryPoint``. kg launches that entry
point itself, with the same kind of options, so there is one JVM whose pid kg owns and whose
settings are all in the ``neo4j.conf`` written here. (``neo4j-harness`` would need a Java program of
our own around it and runs the database inside a test JVM; it is not the server users run.)

It listens on a free loopback port (Bolt only; HTTP is off), keeps everything under one home folder
(``conf/``, ``data/``, ``logs/``, ``plugins/``), returns only once a real ``RETURN 1`` answers, and
writes ``HOME/env`` with the ``NEO4J_*`` variables kg reads. The password is random, made once per
data folder, and kept in ``HOME/.password`` (mode 0600); it is never printed or logged.
Only the standard library and the ``neo4j`` driver are used, so this runs in kg's venv.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

REPO: Final = Path(__file__).resolve().parents[1]
POM: Final = REPO / "scripts" / "neo4j" / "pom.xml"
#: Where the jars are cached (a folder per checkout, like .venv; Maven's own cache is ~/.m2).
DEFAULT_LIB: Final = REPO / ".neo4j" / "lib"
DEFAULT_HOME: Final = REPO / ".neo4j"

ENTRY_POINT: Final = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL: Final = "org.neo4j.cli.AdminTool"
USERNAME: Final = "neo4j"
DATABASE: Final = "neo4j"
#: Java versions Neo4j 5.26 supports.
JAVA_VERSIONS: Final = (17, 21)
#: Launches tried when the chosen port turns out to be taken.
PORT_ATTEMPTS: Final = 3

#: JVM options the distribution's neo4j.conf passes (``server.jvm.additional``), less the ones that
#: only help production machines (pre-touching the heap, flight-recorder depth).
JVM_OPTIONS: Final = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

_JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')
_PORT_BUSY = re.compile(r"Address already in use|Failed to bind|BindException", re.IGNORECASE)


class Unavailable(Exception):
    """Java or Maven is missing (or the wrong version): the server cannot be had on this machine."""


class ServerError(Exception):
    """The server could not be fetched, started or stopped; the message says why."""


# -- Java and the jars --------------------------------------------------------------------------------


def java_executable() -> str:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH, checked to be Java 17 or 21."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).is_file():
        raise Unavailable("Neo4j needs Java 17 or 21 and no java was found (set JAVA_HOME)")
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"cannot run {java} -version: {exc}") from None
    match = _JAVA_VERSION.search(out.stderr + out.stdout)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):
        major = int(match.group(2))  # "1.8.0" style
    if major not in JAVA_VERSIONS:
        raise Unavailable(
            f"Neo4j 5.26 runs on Java 17 or 21; {java} is Java {major or '?'} (set JAVA_HOME)"
        )
    return java


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def fetch(lib: Path = DEFAULT_LIB) -> Path:
    """Copy the pinned jars into ``lib`` with Maven (once: a stamp records the pom it came from).

    APOC goes to ``lib/plugins/``, where the server looks for procedures; the rest is the
    server's classpath. Maven verifies every file's checksum (``--strict-checksums``). The copy is
    made in a temporary folder and renamed into place, so an interrupted fetch leaves nothing
    half-copied. Returns ``lib``.
    """
    stamp = lib / ".pom-sha256"
    if stamp.is_file() and stamp.read_text().strip() == _pom_digest():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Unavailable("fetching Neo4j needs Maven (mvn) on the PATH")
    lib.parent.mkdir(parents=True, exist_ok=True)
    with _locked(lib.parent / ".fetch.lock"):
        if stamp.is_file() and stamp.read_text().strip() == _pom_digest():
            return lib  # another process fetched it while this one waited
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=lib.parent))
        try:
            command = [
                mvn,
                "-B",
                "-q",
                "--strict-checksums",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}",
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
                raise ServerError(f"Maven could not fetch Neo4j ({shlex.join(command)}):\n{tail}")
            plugins = staging / "plugins"
            plugins.mkdir()
            for jar in staging.glob("apoc-*.jar"):
                jar.rename(plugins / jar.name)
            (staging / stamp.name).write_text(_pom_digest() + "\n")
            if lib.exists():
                shutil.rmtree(lib)
            staging.rename(lib)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return lib


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[int]:
    """An exclusive ``flock`` on ``path`` for the ``with`` block (waits for other holders)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# -- the server ----------------------------------------------------------------------------------------


class Neo4jServer:
    """A Neo4j Community server with its data, config and logs in ``home``, jars from ``lib``.

    The constructor does no I/O. :meth:`start` launches the server in its own session (it outlives
    this Python process, which ``make neo4j`` relies on), records its pid in ``home/server.pid``
    and writes ``home/env``; :meth:`stop` (or :func:`stop_home` from another process) ends it.
    An exclusive lock on ``home/lock``, inherited by the server, keeps a second server off the
    same data.
    """

    def __init__(
        self,
        home: Path = DEFAULT_HOME,
        *,
        lib: Path = DEFAULT_LIB,
        heap: str = "1g",
        pagecache: str = "256m",
    ) -> None:
        if not re.fullmatch(r"[1-9][0-9]*[kKmMgG]?", heap):
            raise ServerError(f"invalid Java heap size {heap!r} (expected e.g. 512m or 2g)")
        self.home = Path(home).absolute()
        self.lib = Path(lib).absolute()
        self.heap = heap
        self.pagecache = pagecache
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._password: str | None = None
        self._attached: int | None = None  # the pid of a server another process started

    @classmethod
    def attach(cls, home: Path, *, lib: Path = DEFAULT_LIB) -> Neo4jServer:
        """The server another process started on ``home`` and still runs, to use: its port and
        password are read from ``home``. Stopping it is left to the process that started it
        (:meth:`stop` on the attached object does nothing)."""
        server = cls(home, lib=lib)
        pid = running_on(server.home)
        if pid is None:
            raise ServerError(f"no Neo4j server runs on {server.home}")
        conf = (server.home / "conf" / "neo4j.conf").read_text()
        port = re.search(r"^server\.bolt\.listen_address=127\.0\.0\.1:(\d+)$", conf, re.MULTILINE)
        if port is None:
            raise ServerError(f"no Bolt port in {server.home / 'conf' / 'neo4j.conf'}")
        server.port = int(port.group(1))
        server._password = (server.home / ".password").read_text().strip()
        server._attached = pid
        return server

    @property
    def uri(self) -> str:
        """``bolt://127.0.0.1:PORT`` once started."""
        if self.port is None:
            raise ServerError("the Neo4j server has no port yet: call start() first")
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def username(self) -> str:
        """Always ``neo4j``, the administrator of a fresh server."""
        return USERNAME

    @property
    def password(self) -> str:
        """The password of this data folder (made on first start). Never print it."""
        if self._password is None:
            raise ServerError("the Neo4j server has no password yet: call start() first")
        return self._password

    @property
    def database(self) -> str:
        """The default database, ``neo4j``."""
        return DATABASE

    @property
    def pid(self) -> int | None:
        """The server's process id while this object's server runs."""
        if self._process is not None and self._process.poll() is None:
            return self._process.pid
        if self._attached is not None and _alive(self._attached):
            return self._attached
        return None

    def env(self) -> dict[str, str]:
        """The variables kg reads to use this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }

    def __repr__(self) -> str:
        return f"Neo4jServer(home={str(self.home)!r}, port={self.port})"

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self, timeout: float = 240.0) -> None:
        """Launch the server and return once ``RETURN 1`` answers; write ``home/env``.

        Raises :class:`Unavailable` without Java 17/21, :class:`ServerError` when another server
        holds ``home``, when the server fails, or when it does not answer within ``timeout``
        seconds (the message quotes the end of its log). On failure nothing is left running.
        """
        java = java_executable()
        if not (self.lib / ".pom-sha256").is_file():
            raise ServerError(f"no Neo4j jars in {self.lib}: run fetch() (make neo4j) first")
        for folder in ("conf", "data", "logs", "run", "import"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        lock_fd = self._lock()
        try:
            self._password = self._initial_password(java)
            deadline = time.monotonic() + timeout
            for attempt in range(1, PORT_ATTEMPTS + 1):
                self.port = free_port()
                self._write_conf()
                self._launch(java, lock_fd)
                try:
                    self._wait(deadline)
                    break
                except _PortTaken:
                    self._terminate()
                    if attempt == PORT_ATTEMPTS:
                        raise
        except BaseException:
            self._terminate()
            raise
        finally:
            os.close(lock_fd)  # the server holds its own copy of the lock
        self._write_env()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop this object's server (SIGTERM, SIGKILL after ``timeout`` s); remove ``home/env``."""
        if self._attached is not None:
            return  # another process started it, and stops it
        self._terminate(timeout)
        for name in ("env", "server.pid"):
            (self.home / name).unlink(missing_ok=True)

    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals -----------------------------------------------------------------------------------

    def _lock(self) -> int:
        fd = os.open(self.home / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ServerError(
                f"a Neo4j server already runs on {self.home} (its settings are in "
                f"{self.home / 'env'}); stop it with make neo4j-stop"
            ) from None
        return fd

    def _initial_password(self, java: str) -> str:
        """This data folder's password: the stored one, or a new one set before the first start."""
        secret = self.home / ".password"
        stored = secret.read_text().strip() if secret.is_file() else ""
        if (self.home / "data" / "databases" / "system").exists():
            if stored:
                return stored
            raise ServerError(
                f"{self.home / 'data'} holds a Neo4j database whose password is not in "
                f"{secret}; remove {self.home / 'data'} to start afresh"
            )
        # hex: a URL-safe token starts with '-' one time in 64, and neo4j-admin reads it as an option
        password = secrets.token_hex(24)
        done = subprocess.run(
            [java, "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
            env={**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            output = (done.stdout + done.stderr).replace(password, "***")
            raise ServerError(f"neo4j-admin could not set the initial password:\n{output[-2000:]}")
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")
        return password

    def _write_conf(self) -> None:
        home = self.home
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "server.directories.data": str(home / "data"),
            "server.directories.logs": str(home / "logs"),
            "server.directories.run": str(home / "run"),
            "server.directories.import": str(home / "import"),
            "server.directories.plugins": str(self.lib / "plugins"),
            "initial.dbms.default_database": DATABASE,
            "dbms.usage_report.enabled": "false",
            "dbms.security.procedures.unrestricted": "apoc.*",
            # a stop waits out Netty's quiet period (5 s) twice, for the Bolt listeners
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        }
        text = "# written by scripts/neo4j_server.py on every start\n" + "".join(
            f"{key}={value}\n" for key, value in settings.items()
        )
        (home / "conf" / "neo4j.conf").write_text(text)

    def _command(self, java: str) -> list[str]:
        return [
            java,
            f"-Xmx{self.heap}",
            *JVM_OPTIONS,
            f"-XX:ErrorFile={self.home / 'logs' / 'hs_err_pid%p.log'}",
            # plugins first, as bin/neo4j does: APOC registers extensions through the classpath
            "-cp",
            f"{self.lib / 'plugins'}/*{os.pathsep}{self.lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
        ]

    def _launch(self, java: str, lock_fd: int) -> None:
        log = (self.home / "logs" / "console.log").open("wb")
        (self.home / "logs" / "neo4j.log").unlink(missing_ok=True)  # this run's log only
        try:
            self._process = subprocess.Popen(
                self._command(java),
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(lock_fd,),
                start_new_session=True,  # outlives `make neo4j`; a Ctrl-C in a test run spares it
                env={**os.environ, "NEO4J_HOME": str(self.home)},
            )
        except OSError as exc:
            raise ServerError(f"cannot run {java}: {exc}") from None
        finally:
            log.close()
        (self.home / "server.pid").write_text(f"{self._process.pid}\n")

    def _log_text(self) -> str:
        parts = []
        for name in ("console.log", "neo4j.log"):
            with contextlib.suppress(OSError):
                parts.append((self.home / "logs" / name).read_text(errors="replace")[-20000:])
        return "\n".join(parts)

    def _tail(self) -> str:
        lines = [
            line
            for line in self._log_text().splitlines()
            if line.strip() and not line.lstrip().startswith("at ")
        ]
        return "\n".join(lines[-20:]).replace(self._password or "\0", "***")

    def _wait(self, deadline: float) -> None:
        """Poll until ``RETURN 1`` answers on the default database (Bolt opens before it is up)."""
        assert self._process is not None
        last = "no answer yet"
        with neo4j.GraphDatabase.driver(
            self.uri,
            auth=(USERNAME, self.password),
            connection_timeout=2.0,
            connection_acquisition_timeout=3.0,
        ) as driver:
            while True:
                if self._process.poll() is not None:
                    error = _PortTaken if _PORT_BUSY.search(self._log_text()) else ServerError
                    raise error(
                        f"the Neo4j server exited (status {self._process.returncode}) during "
                        f"start-up; see {self.home / 'logs'}:\n{self._tail()}"
                    )
                try:
                    # a plain session.run: execute_query would retry (and log) on its own
                    with driver.session(database=DATABASE) as session:
                        record = session.run("RETURN 1 AS ready").single(strict=True)
                    if record["ready"] == 1:
                        return
                except (DriverError, Neo4jError, OSError) as exc:
                    last = f"{type(exc).__name__}: {exc}".replace(self.password, "***")
                if time.monotonic() >= deadline:
                    raise ServerError(
                        f"the Neo4j server did not answer in time ({last}); see "
                        f"{self.home / 'logs'}:\n{self._tail()}"
                    )
                time.sleep(0.25)

    def _terminate(self, timeout: float = 60.0) -> None:
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

    def _write_env(self) -> None:
        lines = ["# the Neo4j server of `make neo4j`; use it with: . .neo4j/env\n"]
        lines += [f"export {key}={shlex.quote(value)}\n" for key, value in self.env().items()]
        path = self.home / "env"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.writelines(lines)


class _PortTaken(ServerError):
    """The server could not bind its port (another process took it after free_port())."""


def stop_home(home: Path = DEFAULT_HOME, timeout: float = 60.0) -> bool:
    """Stop the server a previous process started on ``home``; False when none was running.

    The pid comes from ``home/server.pid`` and is signalled only if that process is a Neo4j entry
    point on this home (a pid can be reused by something else).
    """
    home = Path(home).absolute()
    pid = running_on(home)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
    for name in ("env", "server.pid"):
        (home / name).unlink(missing_ok=True)
    return pid is not None


def running_on(home: Path = DEFAULT_HOME) -> int | None:
    """The pid of the server started on ``home`` by an earlier process, if it still runs."""
    home = Path(home).absolute()
    try:
        pid = int((home / "server.pid").read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return None
    ours = ENTRY_POINT.encode() in cmdline and f"--home-dir={home}".encode() in cmdline
    return pid if ours and _alive(pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child that exited but was not reaped yet (make's shell is its parent) counts as gone
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def main(argv: list[str] | None = None) -> int:
    """The command line: ``start``, ``stop`` or ``fetch``."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.neo4j_server", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("action", choices=("start", "stop", "fetch"))
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="data, config and logs")
    parser.add_argument("--lib", type=Path, default=DEFAULT_LIB, help="where the jars are cached")
    parser.add_argument("--heap", default=os.environ.get("NEO4J_HEAP", "1g"), help="Java heap")
    parser.add_argument("--pagecache", default="512m", help="Neo4j's page cache")
    args = parser.parse_args(argv)
    try:
        if args.action == "fetch":
            print(f"Neo4j jars in {fetch(args.lib)}")
        elif args.action == "stop":
            stopped = stop_home(args.home)
            print("Stopped the Neo4j server." if stopped else "No Neo4j server was running.")
        elif (pid := running_on(args.home)) is not None and (args.home / "env").is_file():
            print(
                f"A Neo4j server already runs on {args.home} (pid {pid}); use it with: "
                f". {args.home / 'env'}"
            )
        else:
            fetch(args.lib)
            server = Neo4jServer(args.home, lib=args.lib, heap=args.heap, pagecache=args.pagecache)
            started = time.monotonic()
            server.start()
            env = args.home / "env"
            print(
                f"Neo4j {_version(server)} is running on {server.uri} "
                f"(pid {server.pid}, data in {args.home}/data, ready in "
                f"{time.monotonic() - started:.0f} s).\nUse it with:  . {env}\n"
                "Stop it with: make neo4j-stop"
            )
    except (Unavailable, ServerError) as exc:
        print(f"neo4j: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _version(server: Neo4jServer) -> str:
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as d:
        records, _, _ = d.execute_query("CALL dbms.components() YIELD versions, edition")
    return f"{records[0]['versions'][0]} {records[0]['edition']}"


if __name__ == "__main__":
    sys.exit(main())
