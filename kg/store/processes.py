"""Whether a process still runs, or has gone: the checks shared by the embedded server and its
keeper."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def alive(pid: int) -> bool:
    """True while ``pid`` names a running process (one we may not signal counts as running; a
    zombie, which has ended and only waits for its parent to read its status, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended and waits to be reaped (its state in ``/proc/PID/stat`` is Z)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    # "pid (command) S …": the command may hold spaces and parentheses; the state follows the last ")"
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


def ended(pid: int) -> bool:
    """True once ``pid`` has left the process table. A zombie child of this process is reaped
    here; a zombie of another parent counts as not ended until that parent (init, for kg's
    detached keeper) has reaped it, a moment later."""
    with contextlib.suppress(ChildProcessError):  # raised for another process's child
        os.waitpid(pid, os.WNOHANG)
    return not Path(f"/proc/{pid}").exists()
