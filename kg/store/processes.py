"""Whether a process still runs: one check shared by the embedded server and its keeper."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True while ``pid`` names a running process (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
