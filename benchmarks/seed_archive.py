"""A synthetic archive for the build and load benchmarks: copies of the seed story."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import newslib
from newslib.article.model import Paragraph, Text

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "lavrov-abkhazia-south-ossetia-talks"


def save_seed_copies(repository: newslib.Repository, count: int, author: str) -> None:
    """Publish *count* articles shaped like the seed, each with its own id and first paragraph."""
    seed = newslib.Repository(ROOT / "content").read(SEED_ID)
    for n in range(count):
        first = Paragraph("p1", Text.of(f"Story {n}: {seed.body[0].text.plain}"))
        article = replace(seed, id=f"story-{n:05d}", body=(first, *seed.body[1:]))
        repository.save(article, author=author, kind="publish", expected_head=None)
