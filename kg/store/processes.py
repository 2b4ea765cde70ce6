"""Whether a process still runs: one check shared by the embedded server and its keeper."""

from __future__ import annotations

import contextlib
import os


def alive(pid: int) -> bool:
    """True while ``pid`` names a running process (one we may not signal counts as running).

    A child of this process that has exited is reaped here and counts as stopped: the keeper a
    library user's process started stays that process's child, and as an unreaped zombie it would
    look alive until the process ends, so stopping the server would wait out its whole timeout.
    (Other processes' zombies are not judged from ``/proc``: a Java process whose main thread
    has ended shows as one while its other threads still run.)
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    return True
