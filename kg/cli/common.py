"""What every command shares: the graph (stored, or ``--from`` files), output, and turning errors
into one line. Commands are a thin layer over the library (:mod:`kg.api`)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from kg.config import Settings
from kg.errors import InputError, KgError

if TYPE_CHECKING:
    from kg.api import Graph, Loaded

F = TypeVar("F", bound=Callable[..., Any])


def stdout_console() -> Console:
    """Rich console on stdout; plain (no colour) and wide when not a terminal, so tables written
    to a pipe or a file are not squeezed into 80 columns."""
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(
            highlight=False, soft_wrap=True, width=int(os.environ.get("COLUMNS", 200))
        )
    return console


def stderr_console() -> Console:
    """Rich console on stderr, for summaries and progress that must not mix with piped data."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def open_graph() -> Iterator[Graph]:
    """The stored graph, as the environment configures it (:func:`kg.open`)."""
    from kg.api import Graph

    with Graph(Settings.from_env()) as graph:
        yield graph


def from_option(func: F) -> F:
    """``--from PATH``: read these inputs instead of the stored graph (no database)."""
    return click.option(
        "--from",
        "from_paths",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        metavar="PATH",
        help="Read the graph from these inputs (claim files, articles, outcome tables, kg's RDF "
        "exports …), loaded and extracted as kg build does, instead of the database. Repeatable.",
    )(func)


@contextmanager
def reading(from_paths: tuple[Path, ...]) -> Iterator[Graph | Loaded]:
    """The graph a reading command works on: the ``--from`` inputs when given (through the same
    loading and extraction as ``kg build``; rejected records listed, the first one raised), else
    the stored graph."""
    if not from_paths:
        with open_graph() as graph:
            yield graph
        return
    from kg.api import Loaded, load
    from loaders import LoadReport

    report = LoadReport()
    loaded = load(*from_paths, report=report)
    if report.problems:
        for problem in report.problems[1:]:
            click.echo(f"kg: rejected: {problem}", err=True)
        raise InputError(report.problems[0])
    yield Loaded(loaded)


class UserError(click.ClickException):
    """A :class:`KgError` on its way to the terminal: one line on stderr and exit status 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True)


class KgGroup(click.Group):
    """The command group; it turns kg's own errors into one-line messages for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise UserError(str(exc)) from None
        except BrokenPipeError:
            sys.exit(0)
        except OSError as exc:  # KG_HOME not a folder or not writable, a full disk …
            raise UserError(os_error_line(exc)) from None


def os_error_line(exc: OSError) -> str:
    """An operating-system error as one line naming the file: ``KG_HOME/x: Permission denied``."""
    where = exc.filename if exc.filename is not None else None
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {reason}" if where else reason


def run_main(group: click.Group, args: list[str] | None = None) -> Any:
    """Run the CLI as the ``kg`` program.

    SIGTERM becomes a normal exit, so ``with`` blocks unwind: an open transaction is rolled back
    and the embedded database server is stopped instead of being left behind.
    """
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    return group.main(args=args, prog_name="kg")


def _exit_on_sigterm(signum: int, frame: object) -> None:
    click.echo("kg: terminated", err=True)
    sys.exit(128 + signum)
