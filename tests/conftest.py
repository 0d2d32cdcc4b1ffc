"""Shared fixtures: where the repository, the seed and the shipped content are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = next((SHARED / "seed").glob("*.txt"))
CONTENT = ROOT / "content"
SEED_ID = "lavrov-abkhazia-south-ossetia-talks"
SEED_ARTICLE = CONTENT / "articles" / f"{SEED_ID}.yaml"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests write newslib's disk cache into a temporary folder, never the user's."""
    import os

    os.environ["NEWSLIB_CACHE"] = str(tmp_path_factory.mktemp("newslib-cache"))
