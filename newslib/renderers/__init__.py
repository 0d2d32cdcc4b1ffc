"""Renderers: one module per output format, chosen by name.

Each renderer module has ``render(page: Page) -> str``; :data:`FORMATS` names them.
:func:`render` is the convenience most callers want: one article, a format, optionally a
locale and a naming policy.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import NamedTuple, Protocol

from newslib.article.model import Article, Revision, primary_language
from newslib.errors import UnknownFormatError
from newslib.l10n.localizer import Localizer
from newslib.renderers.page import BodyState, Page
from newslib.terms import Gazetteer, Policy, load_policy, shipped_gazetteer

__all__ = ["FORMATS", "Format", "render", "render_page"]


class Format(NamedTuple):
    """A format's renderer module (imported on first use) and its files' extension."""

    module: str
    extension: str


FORMATS: dict[str, Format] = {
    "html": Format("newslib.renderers.html", "html"),
    "markdown": Format("newslib.renderers.markdown", "md"),
    "text": Format("newslib.renderers.text", "txt"),
    "json": Format("newslib.renderers.json", "json"),
    "ninjs": Format("newslib.renderers.ninjs", "ninjs.json"),
    "ninjs2": Format("newslib.renderers.ninjs2", "ninjs2.json"),
    "newsml": Format("newslib.renderers.newsml", "newsml.xml"),
}


class _Renderer(Protocol):
    def render(self, page: Page) -> str: ...


def render_page(page: Page, fmt: str = "text") -> str:
    """Render a prepared page in format *fmt* (one of :data:`FORMATS`)."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise UnknownFormatError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    module: _Renderer = importlib.import_module(spec.module)
    return module.render(page)


def render(
    article: Article,
    fmt: str = "text",
    *,
    locale: str | None = None,
    policy: str | Path | Policy | None = None,
    history: tuple[Revision, ...] = (),
    gazetteer: Gazetteer | None = None,
    timezone: str = "UTC",
) -> str:
    """Render *article* in format *fmt*.

    Without *locale*, the article is rendered as written, in the agency's plain conventions.
    With it, the structured parts (dateline, labels, dates) are localised; the body stays
    in the article's language, and the page says so where that is not the locale's.
    """
    resolved = load_policy(policy) if policy is not None else None
    loc = Localizer.for_edition(locale or article.language, timezone)
    same_language = loc.language == primary_language(article.language)
    page = Page(
        article=article,
        loc=loc,
        gazetteer=gazetteer or shipped_gazetteer(),
        policy=resolved,
        body=BodyState.ORIGINAL if same_language else BodyState.FALLBACK,
        history=history,
        as_written=locale is None and resolved is None,
    )
    return render_page(page, fmt)
