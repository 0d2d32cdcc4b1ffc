"""IPTC ninjs 2.2 (see :mod:`newslib.renderers.ninjs`)."""

from __future__ import annotations

from newslib.renderers.ninjs import render_v2
from newslib.renderers.page import Page

__all__ = ["render"]


def render(page: Page) -> str:
    """ninjs 2.2."""
    return render_v2(page)
