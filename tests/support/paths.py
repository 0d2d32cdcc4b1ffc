"""Where the repository, the shipped content, the test fixtures and helpers are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SUPPORT = ROOT / "tests" / "support"
SEED = FIXTURES / "seed" / "000_542e7e2be2bb0ae4.txt"
STANDARDS = FIXTURES / "standards"
CONTENT = ROOT / "content"
SEED_ID = "lavrov-abkhazia-south-ossetia-talks"
SEED_REVISIONS = CONTENT / "articles" / SEED_ID
