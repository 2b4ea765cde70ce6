"""``kg server start | stop | status``: the embedded database server that commands share."""

from __future__ import annotations

import sys

import click

from kg.cli.common import stdout_console
from kg.config import Settings
from kg.errors import KgError


def _embedded() -> Settings:
    settings = Settings.from_env()
    if not settings.embedded:
        raise KgError(
            "NEO4J_URI is set: kg uses that server and runs no embedded one "
            "(unset NEO4J_URI to use the embedded default)"
        )
    return settings


def _show(lines: list[tuple[str, str]]) -> None:
    from rich.markup import escape

    console = stdout_console()
    for key, value in lines:
        console.print(f"[bold]{key:>6}[/bold]  {escape(value)}")


@click.group("server")
def command() -> None:
    """Start, stop or show the embedded database server (ArcadeDB) that kg commands share.

    The first command that needs the embedded database starts it, and it stops by itself once
    no command has used it for KG_SERVER_IDLE seconds (default 600; 0 keeps it up until
    `kg server stop`). Commands that do not read the graph never start it.

    \b
    Example:
      kg server start          # start it now, so the next commands answer at once
      kg server status         # its Bolt URI, data folder and HTTP address
      kg server stop
    """


@command.command("start")
def start() -> None:
    """Start the embedded server for the graph's folder (or say that it is running).

    \b
    Example:
      KG_SERVER_IDLE=0 kg server start     # up until kg server stop
    """
    from kg.store.server import start as start_server
    from kg.store.server import status

    settings = _embedded()
    was = status(settings.home)
    running = start_server(settings)
    stdout_console().print("already running" if was is not None else "started")
    _show(running.describe())


@command.command("stop")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=30.0,  # kg.store.server.STOP_WAIT (a test keeps them equal)
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for the commands and open graphs using the server (a notebook's "
    "kg.open() holds it until closed); then say which processes hold it and stop nothing.",
)
@click.option("--force", is_flag=True, help="Stop it now, even while in use.")
def stop(wait: float, force: bool) -> None:
    """Stop the embedded server once the commands using it have finished.

    It waits at most --wait seconds for them; a server still in use then (a notebook that keeps
    a graph from kg.open() open) is named in one line and left running, unless --force, which
    stops it at once (their next query fails and says the server cannot be reached).

    \b
    Example:
      kg server stop
      kg server stop --force      # a notebook still has the graph open
    """
    from kg.store.server import stop as stop_server

    settings = _embedded()
    stopped = stop_server(settings.home, wait=wait, force=force)
    stdout_console().print(
        f"stopped the server on {stopped.uri}"
        if stopped
        else f"no server running for {settings.home}"
    )


@command.command("status")
def status() -> None:
    """Show the running server (Bolt URI, data folder, HTTP address); exit 1 when none runs.

    \b
    Example:
      kg server status
    """
    from kg.store.server import status as server_status

    settings = _embedded()
    running = server_status(settings.home)
    if running is None:
        click.echo(f"no server running for {settings.home.absolute()}")
        sys.exit(1)
    _show(running.describe())
