"""The ``kg`` command line: one module per command, registered here.

Every command has ``--help`` with an example; errors are one line on stderr and a non-zero exit.
A command's module is imported only when that command runs (or help lists it), so ``kg build``
does not pay for the RDF, SHACL and drawing libraries, and an unchanged re-build that needs no
database starts in a fraction of a second.
"""

from __future__ import annotations

import importlib

import click

from kg import log
from kg.cli.common import KgGroup, run_main
from kg.config import Settings

#: Modules under kg/cli/ that each define a click command named like the module (``build`` …).
COMMANDS = (
    "build",
    "query",
    "stats",
    "export",
    "viz",
    "settle",
    "sources",
    "contradictions",
    "timeline",
    "explain",
    "validate",
    "sparql",
    "extract",
    "evaluate",
    "forget",
    "server",
)


#: Old names kept for one release: ``kg resolve`` became ``kg settle``, so that "resolve"
#: means entity resolution only (:mod:`kg.resolve`). An alias runs its command after a note.
ALIASES = {"resolve": "settle"}


class _Commands(KgGroup):
    """The group of :data:`COMMANDS`, each imported on first use, and the :data:`ALIASES`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *ALIASES])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in ALIASES:
            return _alias(cmd_name, ALIASES[cmd_name])
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(f"kg.cli.{cmd_name}").command
        return command


def _alias(old: str, new: str) -> click.Command:
    """``kg OLD``: the command ``kg NEW`` under its old name, with a note on stderr."""
    target: click.Command = importlib.import_module(f"kg.cli.{new}").command
    help_text = (target.help or "").replace(f"kg {new}", f"kg {old}")
    note = f"`kg {old}` is now `kg {new}`; the old name is kept for this release only."

    def run(**options: object) -> object:
        click.echo(f"kg: note: {note}", err=True)
        assert target.callback is not None
        return click.get_current_context().invoke(target.callback, **options)

    return click.Command(
        old,
        params=target.params,
        callback=run,
        help=f"Alias of `kg {new}` (kept for one release). {help_text}",
        short_help=f"Alias of `kg {new}` (kept for one release).",
    )


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="kg")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Show steps and timings on stderr (-vv: also the database driver's log). "
    "Passwords are never shown.",
)
def cli(verbose: int) -> None:
    """kg builds a knowledge graph of football news claims.

    \b
    Example:
      kg build examples/            # load the seed story into the embedded database
      kg -v build examples/         # the same, showing each step and its time
      kg query "MATCH (c:Claim) RETURN c.predicate, c.modality LIMIT 5"

    With NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) set, kg uses that Bolt
    server; otherwise an embedded ArcadeDB keeps the graph in the nearest .kg folder (here or in
    a parent), else in a per-user data folder (KG_HOME to choose). The first command that needs
    it starts the server; it stops after KG_SERVER_IDLE seconds unused (see kg server).
    """
    log.add_secret(Settings.from_env().password)
    log.configure(verbose)


def main() -> None:
    """Console-script entry point."""
    run_main(cli)
