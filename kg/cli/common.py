"""What every command shares: settings, opening the store, output, and turning errors into one line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console

from kg.config import Settings
from kg.errors import KgError
from kg.store import open_store
from kg.store.base import GraphStore


def stdout_console() -> Console:
    """Rich console on stdout; plain (no colour, no progress) when not a terminal."""
    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    """Rich console on stderr, for summaries and progress that must not mix with piped data."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def store_from_env() -> Iterator[GraphStore]:
    """Open the configured store (Bolt server from NEO4J_URI, or the embedded default)."""
    with open_store(Settings.from_env()) as store:
        yield store


def run_main(group: click.Group, args: list[str] | None = None) -> Any:
    """Run the CLI; a :class:`KgError` becomes ``kg: error: …`` on stderr and exit status 1."""
    try:
        return group.main(args=args, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KgError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
