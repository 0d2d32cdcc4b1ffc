"""A translation backend that calls a function: for tests, and for offline drafts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["MockTranslator"]


class MockTranslator:
    """A backend that calls *fn(text, source, target)* for each text."""

    def __init__(self, fn: Callable[[str, str, str], str], name: str = "mock") -> None:
        self.fn = fn
        self.name = name

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text with the wrapped function."""
        return [self.fn(text, source, target) for text in texts]
