"""Shared fixtures: the seed's text, a working copy of it, a private disk cache and
translation memory, no colour settings from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslib import write_article

from .support.paths import SEED, SEED_ID
from .support.seed import published_seed


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_article_file(tmp_path: Path) -> Path:
    """The published seed as a plain article YAML file (a working copy)."""
    path = tmp_path / f"{SEED_ID}.yaml"
    write_article(published_seed(), path)
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests write newslib's disk cache into a temporary folder, never the user's."""
    os.environ["NEWSLIB_CACHE"] = str(tmp_path_factory.mktemp("newslib-cache"))


@pytest.fixture(autouse=True, scope="session")
def _private_memory(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Drafts remember translations in a temporary file, never the user's memory."""
    folder = tmp_path_factory.mktemp("newslib-memory")
    os.environ["NEWSLIB_MEMORY"] = str(folder / "translation-memory.sqlite")


@pytest.fixture(autouse=True, scope="session")
def _no_colour_settings() -> None:
    """Output is compared as plain text: FORCE_COLOR or NO_COLOR set where the tests run
    (CI often forces colour) stays out of it."""
    for name in ("FORCE_COLOR", "NO_COLOR"):
        os.environ.pop(name, None)
