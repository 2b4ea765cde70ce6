"""Every command documents itself with an example (a command without one fails this test)."""

from __future__ import annotations

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
