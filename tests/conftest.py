"""Shared fixtures: where the repository, the seed and the shipped content are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslib import Article, Repository, write_article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "000_542e7e2be2bb0ae4.txt"
STANDARDS = FIXTURES / "standards"
CONTENT = ROOT / "content"
SEED_ID = "lavrov-abkhazia-south-ossetia-talks"
SEED_REVISIONS = CONTENT / "articles" / SEED_ID


def published_seed() -> Article:
    """The seed as published: revision 1 in the shipped store."""
    return Repository(CONTENT).read(SEED_ID, 1)


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
