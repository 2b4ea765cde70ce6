"""kg's layers, written down once, and a test that every import keeps to them.

A module may import modules of its own layer or of a layer below, never above, and no chain of
imports may come back to where it started. Every ``import`` counts, inside functions too (a lazy
import is still a dependency; it only moves the cost), so does one under ``TYPE_CHECKING``.

Bottom to top (a module's place is its longest prefix in :data:`LAYERS`):

0. **foundation**: the exchange model, its vocabularies and ids, errors, settings, logging, the
   calendar windows, and the ontology files;
1. **names**: entity resolution (``kg.resolve``), which reading and extraction share;
2. **inputs**: ``loaders``, extraction, and the synthetic generators, all of which make
   :class:`~kg.model.ClaimGraph` objects;
3. **sinks**: the store, the analysis, linked data and the HTML pages, which consume them;
4. **the build**: load, extract, store, analyse, and what a build remembers;
5. **interfaces**: the CLI and the ``kg`` package's own API.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "loaders", "ontology")

LAYERS: dict[str, int] = {
    # 0 foundation
    "kg.errors": 0,
    "kg.log": 0,
    "kg.config": 0,
    "kg.ids": 0,
    "kg.vocab": 0,
    "kg.model": 0,
    "kg.scratch": 0,
    "kg.windows": 0,  # calendar windows
    "kg.files": 0,  # output files written whole
    "ontology": 0,
    # 1 names
    "kg.resolve": 1,
    # 2 inputs
    "loaders": 2,
    "kg.extract": 2,
    "kg.synthetic": 2,
    # 3 sinks
    "kg.store": 3,
    "kg.outcomes": 3,  # settling claims by outcomes, which the analysis builds on
    "kg.analysis": 3,
    "kg.rdf": 3,
    "kg.viz": 3,
    # 4 the build
    "kg.build": 4,
    # 5 interfaces
    "kg.api": 5,
    "kg.cli": 5,
    "kg.__main__": 5,
    "kg": 5,
}
NAMES = ["foundation", "names", "inputs", "sinks", "build", "interfaces"]

#: Imports that break the layers today, each with the issue that removes it. Delete a line when
#: its fix lands; the test fails on an entry that no longer matches anything, so none lingers.
KNOWN: dict[tuple[str, str], str] = {
    # issue #20 item 2 / #21 (branch ``hostile``): loaders reach into analysis and RDF
    ("loaders.rdf", "kg.rdf.read"): "#20 item 2",
}
#: Packages with an import circle among their own modules today (same rule as :data:`KNOWN`).
KNOWN_CIRCLES: dict[str, str] = {}
#: Third-party packages only one part of kg may import: the database driver stays in the store.
OWNERS = {"neo4j": ("kg.store",)}


def modules() -> dict[str, Path]:
    """Every module of kg's packages by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of kg's packages that ``name`` imports, anywhere in its file.

    ``from a import b`` names module ``a.b`` when that is a module, else ``a``; relative imports
    are resolved against the module's package.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, *([node.module] if node.module else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:  # ``import kg.store.bolt as b`` and the like
                target = target.rpartition(".")[0]
            if target and target != name and target.split(".")[0] in PACKAGES:
                out.add(target)
    return out


def layer(name: str) -> int:
    """The layer of a module: the entry of :data:`LAYERS` that is its longest prefix."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in LAYERS:
            return LAYERS[prefix]
    raise AssertionError(f"{name} has no layer: add it (or its package) to LAYERS")


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _known(source: str, target: str) -> bool:
    return any(source == s and (target == t or target.startswith(t + ".")) for s, t in KNOWN)


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer(name)


def test_no_import_runs_upward() -> None:
    upward = []
    for source, targets in sorted(graph().items()):
        for target in sorted(targets):
            if layer(target) > layer(source) and not _known(source, target):
                upward.append(
                    f"{source} ({NAMES[layer(source)]}) imports {target} ({NAMES[layer(target)]})"
                )
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def _known_circle(circle: frozenset[str]) -> bool:
    return any(all(m.split(".")[0] == package for m in circle) for package in KNOWN_CIRCLES)


def test_no_imports_run_in_a_circle() -> None:
    found = [c for c in circles(graph()) if not _known_circle(c)]
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(sorted(c)) for c in found)


def test_the_known_exceptions_still_exist() -> None:
    edges = graph()
    for source, target in KNOWN:
        assert target in edges.get(source, ()), (
            f"{source} no longer imports {target}: remove it from KNOWN"
        )
    for package in KNOWN_CIRCLES:
        assert any(all(m.split(".")[0] == package for m in c) for c in circles(edges)), (
            f"{package} has no import circle any more: remove it from KNOWN_CIRCLES"
        )


def test_the_database_driver_is_imported_by_the_store_only() -> None:
    strays = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            for root in roots:
                owners = OWNERS.get(root)
                if owners and not any(name == o or name.startswith(o + ".") for o in owners):
                    strays.append(f"{name} imports {root}")
    assert not strays, "\n".join(strays)


def test_importing_every_loader_loads_neither_the_driver_nor_the_analysis() -> None:
    code = (
        "import importlib, pkgutil, sys, loaders\n"
        "for m in pkgutil.iter_modules(loaders.__path__): importlib.import_module('loaders.' + m.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'neo4j' or "
        "m.startswith(('kg.analysis', 'kg.store'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_the_layering_test_sees_an_upward_import_and_a_circle(tmp_path: Path) -> None:
    """The checks themselves: a made-up upward import and a made-up circle are caught."""
    assert layer("kg.store.bolt") > layer("kg.model")
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [frozenset({"a", "b", "c"})]
    fake = tmp_path / "model.py"
    fake.write_text("def f():\n    from kg.store import bolt\n", encoding="utf-8")
    assert imports("kg.model", fake, modules()) == {"kg.store.bolt"}


#: The modules kg keeps at its top level: the model and what it is made of (with the calendar of
#: transfer windows), and the plumbing every layer shares (settings, errors, logging, output files
#: written whole). Everything else lives in a package named for its job.
TOP_LEVEL = {
    "__init__",
    "__main__",
    "model",
    "vocab",
    "ids",
    "config",
    "errors",
    "log",
    "windows",
    "files",
}
#: Loose top-level modules known today, with the issue that moves them (same rule as KNOWN).
KNOWN_LOOSE: dict[str, str] = {}


def test_kg_keeps_only_its_model_and_plumbing_at_the_top_level() -> None:
    loose = {p.stem for p in (REPO / "kg").glob("*.py")} - TOP_LEVEL
    assert loose - KNOWN_LOOSE.keys() == set(), "give these a package named for their job"
    assert KNOWN_LOOSE.keys() <= loose, f"moved: drop {sorted(KNOWN_LOOSE.keys() - loose)}"
