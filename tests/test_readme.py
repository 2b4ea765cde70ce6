"""The README's "In Python" examples run as written, in a folder of their own, on the embedded
default, and show what the README says they show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO


def python_examples() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## In Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert blocks, "the In Python section has examples"
    return "\n".join(blocks)


def test_the_in_python_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / ".kg").mkdir()  # the graph is found here, as git finds .git
    monkeypatch.delenv("KG_HOME", raising=False)
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    code = python_examples()
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)

    printed = capsys.readouterr().out
    comment = re.search(r"print\(claims.counts\(\)\)\s+# (\{.*\})", code)
    assert comment is not None and printed.strip() == comment.group(1), "as the README shows"
    assert len(namespace["rows"]) == 21  # type: ignore[arg-type]
    assert namespace["links"], "networkx degrees"
    built = namespace["built"]
    assert built.counts["claims"] == 21 and not built.problems  # type: ignore[attr-defined]
    assert {"name": "Xabi Alonso"} in namespace["who"]  # type: ignore[operator]
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000
    assert "Xabi Alonso" in (tmp_path / "out" / "alonso.html").read_text(encoding="utf-8")
    assert namespace["best"].name  # type: ignore[attr-defined]
    assert isinstance(namespace["why"], str) and namespace["why"], "the reason it was refuted"
    assert (tmp_path / ".kg" / "databases").is_dir(), "the graph went to the .kg folder found"
