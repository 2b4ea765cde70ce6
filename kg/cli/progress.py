"""The progress bar long commands show (``kg build``, ``kg export``): rich's Progress on stderr,
with the count done of the total and the time left, drawn only for a person watching.

It is drawn when stderr is a terminal, and not under CI (``CI=true``, which CI services set:
their logs may be terminals that keep every frame) nor with ``--quiet``. Piped or redirected, a
command prints exactly what it would without the bar. It is transient: gone once the command ends,
leaving the summary line alone.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from kg.cli.common import stderr_console

if TYPE_CHECKING:
    from rich.progress import Progress


def shown(*, quiet: bool = False) -> bool:
    """Whether to draw a progress bar (see the module docstring)."""
    if quiet or os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        return False
    return stderr_console().is_terminal


def bar(unit: str) -> Progress:
    """A bar reading ``building ━━━━━━━━ 3/10 files 0:00:04``: the task's description, the bar,
    done of total, ``unit`` (which may use the task's fields: ``{task.fields[claims]}``) and the
    time left. Use it with ``with``; add one task with its total (None while it is not known: the
    bar then pulses), and change its description as the command moves on."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    return RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )
