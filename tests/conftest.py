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
