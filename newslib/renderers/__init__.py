"""Renderers: one module per output format, chosen by name.

Each renderer module has ``render(article, names=...) -> str``; *names* decides how an
inline reference is written (as written by default, or under a naming policy).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

from newslib.errors import UsageError
from newslib.model import Article, Ref

__all__ = ["FORMATS", "NameFn", "as_written", "render"]

NameFn = Callable[[Ref], str]

FORMATS: dict[str, str] = {
    "text": "newslib.renderers.text",
}


def as_written(ref: Ref) -> str:
    """Write a reference exactly as the author did."""
    return ref.surface


class _Renderer(Protocol):
    def render(self, article: Article, names: NameFn = ...) -> str: ...


def render(article: Article, fmt: str = "text", *, names: NameFn = as_written) -> str:
    """Render *article* in format *fmt* (one of :data:`FORMATS`)."""
    module_name = FORMATS.get(fmt)
    if module_name is None:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    module: _Renderer = importlib.import_module(module_name)
    return module.render(article, names)
