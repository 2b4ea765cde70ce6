"""Diagnostics for ``kg --verbose``: what kg is doing and how long it takes, on stderr.

kg's modules log to loggers under ``kg`` (``logging.getLogger(__name__)``) and stay silent
unless the command line asks: ``-v`` shows steps and timings, ``-vv`` adds the Neo4j driver's
own debug log. Every line goes through a filter that replaces each registered secret (the
configured password, the embedded server's generated one) with ``***``, so a log pasted into a
bug report never carries credentials.
"""

from __future__ import annotations

import logging
import sys

_SECRETS: set[str] = set()
_HANDLER_NAME = "kg-verbose"
_QUIET_NAME = "kg-quiet"


def add_secret(secret: str) -> None:
    """Never show ``secret`` in a log line (empty strings are ignored)."""
    if secret:
        _SECRETS.add(secret)


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``***``."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class _Redact(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each line to the ``sys.stderr`` of that moment (click's test runner and pytest
    swap it, and a stream bound at start-up may since have been closed)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure(verbosity: int) -> None:
    """Send kg's log (and with ``verbosity`` ≥ 2 the driver's) to stderr; 0 leaves it silent.

    The driver logs the server's notifications (Neo4j's "the property `kg_hash` does not exist"
    before a first build, deprecation hints) as warnings, which Python prints on stderr when no
    handler is set; they are kept for ``-vv``. (Asking the server not to send them would need
    Bolt 5.2, which Neo4j 4 and early 5 releases do not speak.)
    """
    notifications = logging.getLogger("neo4j.notifications")
    if not any(h.get_name() == _QUIET_NAME for h in notifications.handlers):
        quiet = logging.NullHandler()
        quiet.set_name(_QUIET_NAME)
        notifications.addHandler(quiet)
    if verbosity <= 0:
        return
    handler = _Stderr()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("kg %(relativeCreated)8.0f ms %(name)s: %(message)s"))
    handler.addFilter(_Redact())
    names = ["kg", "loaders"] + (["neo4j"] if verbosity >= 2 else [])
    for name in names:
        logger = logging.getLogger(name)
        if any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
            continue
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if verbosity >= 2 else logging.INFO)
