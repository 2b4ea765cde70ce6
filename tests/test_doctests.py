"""The examples in kg's docstrings run and print what they show, so the documentation stays true."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.conftest import REPO


def modules_with_examples() -> list[str]:
    """Every module under kg/, loaders/ and ontology/ whose source has a ``>>>`` example."""
    found = []
    for package in ("kg", "loaders", "ontology"):
        for path in sorted((REPO / package).rglob("*.py")):
            if ">>> " in path.read_text(encoding="utf-8"):
                found.append(".".join(path.relative_to(REPO).with_suffix("").parts))
    return found


MODULES = modules_with_examples()


def test_the_examples_are_found() -> None:
    assert "kg.outcomes.resolution" in MODULES and "kg.outcomes.matching" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has '>>> ' but no example doctest could find"
    assert result.failed == 0, f"{result.failed} example(s) in {name} print something else"
