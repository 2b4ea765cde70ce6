"""Whether a process still runs: one check shared by the embedded server and its keeper."""

from __future__ import annotations

import contextlib
import os


def alive(pid: int) -> bool:
    """True while ``pid`` names a running process (one we may not signal counts as running).

    A process that has exited but was not yet waited for (a zombie) has stopped: the keeper a
    library user's process started stays its child, and would otherwise look alive until that
    process ends, so stopping the server would wait out its whole timeout. A zombie child of
    this process is reaped here.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _exited(pid)


def _exited(pid: int) -> bool:
    """Whether ``pid`` is a zombie (Linux's ``/proc``; elsewhere it counts as running)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    if stat.rsplit(b")", 1)[-1].split()[:1] != [b"Z"]:
        return False
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ours: reap it, so it does not linger until we exit
    return True
