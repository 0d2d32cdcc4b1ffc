"""The README's Python examples run as written, and print what their comments promise."""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from .support.paths import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
# Examples that need data the repository does not ship (GeoNames' dumps).
NEEDS_DATA = ("cities15000.txt",)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block: str) -> None:
    if any(name in block for name in NEEDS_DATA):
        pytest.skip("needs GeoNames' dumps")
    tree = ast.parse(block)
    lines = block.splitlines()
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for statement in tree.body:
            code = compile(ast.Module([statement], []), "README.md", "exec")
            after = lines[statement.end_lineno] if statement.end_lineno < len(lines) else ""
            promised = re.fullmatch(r"# ('.*')", after.strip())
            if promised and isinstance(statement, ast.Expr):
                value = eval(
                    compile(ast.Expression(statement.value), "README.md", "eval"), namespace
                )
                assert repr(value) == promised[1]
            else:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(code, namespace)
    finally:
        os.chdir(cwd)


def test_some_examples_are_checked() -> None:
    assert len(BLOCKS) >= 3
    assert any(re.search(r"^# '", b, re.M) for b in BLOCKS)
