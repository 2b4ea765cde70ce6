"""Every command documents itself with an example (a command without one fails this test)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    example = result.output.split("Example:", 1)[1]
    assert f"kg {name}" in example


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:", 1)[1].split()
    for name in COMMANDS:
        assert name in listed


def test_an_unknown_command_is_refused() -> None:
    result = CliRunner().invoke(cli, ["biuld", "examples/"])
    assert result.exit_code == 2
    assert "No such command 'biuld'" in result.output


HEAVY = ("neo4j", "networkx", "pyshacl")


@pytest.mark.parametrize("name", ["", *sorted(COMMANDS)])
def test_help_imports_no_driver_networkx_or_pyshacl(name: str) -> None:
    import subprocess
    import sys

    args = [name, "--help"] if name else ["--help"]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kg", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {m for m in imported if m.split(".")[0] in HEAVY}, f"kg {name} --help"
    assert "Usage:" in done.stdout


def test_the_export_formats_in_help_are_the_registry() -> None:
    from kg.cli.export import FORMAT_NAMES
    from kg.rdf.export import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES


def test_the_contradiction_kinds_in_help_are_the_analysis_kinds() -> None:
    from kg.analysis.contradictions import KINDS
    from kg.cli.contradictions import command

    kind = next(p for p in command.params if p.name == "kind")
    assert isinstance(kind.type, click.Choice)
    assert tuple(kind.type.choices) == KINDS
