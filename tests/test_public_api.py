"""``newslib.__all__`` is the contract: nothing missing, nothing leaked; the stages stay apart."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import newslib
import newslib.errors

PACKAGE = Path(newslib.__file__).parent


def test_all_names_exist() -> None:
    for name in newslib.__all__:
        assert hasattr(newslib, name), name


def test_nothing_public_is_left_out_of_all() -> None:
    public = {
        name
        for name in dir(newslib)
        if not name.startswith("_")
        and not isinstance(getattr(newslib, name), types.ModuleType)
        and name != "annotations"
    }
    assert public == set(newslib.__all__) - {"__version__"}


def test_the_api_is_curated() -> None:
    assert len(newslib.__all__) <= 65


def test_type_checkers_see_the_names_that_run() -> None:
    """The ``TYPE_CHECKING`` imports and the lazy table name the same things, alike."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If))
    seen = {
        alias.asname or alias.name: f"{node.module}:{alias.name}"
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    table = {
        name: target if ":" in target else f"{target}:{name}"
        for name, target in newslib._EXPORTS.items()
    }
    assert seen == table
    assert set(table) | {"NewslibError", "__version__"} == set(newslib.__all__)


def test_errors_share_one_root() -> None:
    for name in newslib.__all__ + newslib.errors.__all__:
        value = getattr(newslib, name, None) or getattr(newslib.errors, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, newslib.NewslibError), name
    assert issubclass(newslib.errors.UnknownEntityError, KeyError)


def test_every_exception_class_lives_in_the_error_module() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                bases = {ast.unparse(b) for b in node.bases}
                assert not any(b.endswith(("Error", "Exception")) for b in bases), (
                    f"{path.relative_to(PACKAGE)}: {node.name}"
                )


def test_every_unknown_name_is_a_key_error() -> None:
    unknown = [getattr(newslib.errors, n) for n in newslib.errors.__all__ if "Unknown" in n]
    assert len(unknown) >= 8
    for error in unknown:
        assert issubclass(error, newslib.errors.NotFoundError) and issubclass(error, KeyError)


def test_every_subpackage_is_installed() -> None:
    """An editable install hides a package missing from pyproject; ``pip install .`` does not."""
    on_disk = {
        ".".join(("newslib", *p.parent.relative_to(PACKAGE).parts)).rstrip(".")
        for p in PACKAGE.rglob("__init__.py")
    }
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert on_disk <= set(pyproject["tool"]["setuptools"]["packages"])


def test_few_modules_sit_flat_in_the_package() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 15


def test_import_newslib_is_light() -> None:
    """``import newslib`` loads no stage: checking text never pays for Jinja2 or SQLite."""
    code = (
        "import sys; before = set(sys.modules); import newslib; "
        "print(len(sys.modules)); print(' '.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    loaded = out[1].split() if len(out) > 1 else []
    assert int(out[0]) <= 120, loaded
    for heavy in ("jinja2", "sqlite3", "newslib.editions.builder", "newslib.renderers", "yaml"):
        assert heavy not in loaded


# ---------------------------------------------------------------------- the import graph


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The newslib modules *path* imports anywhere (function-local imports count)."""
    found: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules}


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {name: _imports(path, modules) - {name} for name, path in paths.items()}
    # The package root re-exports everything on demand: an edge into it from a stage is a
    # cycle in waiting; its own lazy table is not an import.
    graph["newslib"] = set()
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles() -> None:
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# The stages in the order docs/internals.md draws them: a module imports only modules of its
# own stage or of stages before it (the longest matching prefix names a module's stage).
STAGES = (
    ("newslib.errors", "newslib.fsio", "newslib.yamlio"),
    ("newslib.article",),
    ("newslib.store",),
    ("newslib.terms",),
    ("newslib.l10n",),
    ("newslib.translators",),
    ("newslib.translations",),
    ("newslib.renderers",),
    ("newslib.project", "newslib.config", "newslib.editions"),
    ("newslib.translations.drafting", "newslib.translations.exchange", "newslib.editions.builder"),
    ("newslib.cli", "newslib.__main__", "newslib"),
)


def _stage(module: str) -> int:
    matches = [
        (len(prefix), number)
        for number, prefixes in enumerate(STAGES)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    return max(matches)[1]


def test_stages_import_only_the_stages_before_them() -> None:
    backwards = [
        f"{module} -> {used}"
        for module, uses in _graph().items()
        for used in uses
        if _stage(used) > _stage(module)
    ]
    assert backwards == []


def test_no_stage_imports_the_package_root() -> None:
    graph = {name: _imports(path, {"newslib"}) for name, path in
             ((_module_name(p), p) for p in PACKAGE.rglob("*.py"))}  # fmt: skip
    outside_cli = {n for n, deps in graph.items() if deps and not n.startswith("newslib.cli")}
    assert outside_cli == set()


def test_the_cli_uses_only_the_public_api() -> None:
    """The CLI imports ``newslib``, its errors and its own modules, nothing internal."""
    allowed = {"newslib", "newslib.errors"}
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    for path in (PACKAGE / "cli").glob("*.py"):
        used = _imports(path, modules)
        assert {m for m in used if not m.startswith("newslib.cli")} <= allowed, path.name
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "newslib"
            ):
                assert node.attr in newslib.__all__ or node.attr in ("errors", "cli"), (
                    path.name,
                    node.attr,
                )
