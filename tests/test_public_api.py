"""``newslib.__all__`` is the contract: nothing missing, nothing leaked."""

from __future__ import annotations

import tomllib
import types
from pathlib import Path

import newslib


def test_all_names_exist() -> None:
    for name in newslib.__all__:
        assert hasattr(newslib, name), name


def test_nothing_public_is_left_out_of_all() -> None:
    public = {
        name
        for name, value in vars(newslib).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public == set(newslib.__all__) - {"__version__"}


def test_errors_share_one_root() -> None:
    for name in newslib.__all__:
        value = getattr(newslib, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, newslib.NewslibError), name
    assert issubclass(newslib.UnknownEntityError, KeyError)


def test_every_subpackage_is_installed() -> None:
    """An editable install hides a package missing from pyproject; ``pip install .`` does not."""
    root = Path(newslib.__file__).parent
    on_disk = {
        ".".join(("newslib", *p.parent.relative_to(root).parts)).rstrip(".")
        for p in root.rglob("__init__.py")
    }
    pyproject = tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert on_disk <= set(pyproject["tool"]["setuptools"]["packages"])
