"""The seed article as the shipped store keeps it."""

from __future__ import annotations

from newslib import Article, Repository

from .paths import CONTENT, SEED_ID


def published_seed() -> Article:
    """The seed as published: revision 1 in the shipped store."""
    return Repository(CONTENT).read(SEED_ID, 1)
