"""Renderers: one module per output format, chosen by name.

Each renderer module has ``render(page: Page) -> str``; :data:`FORMATS` names them.
:func:`render` is the convenience most callers want: one article, a format, optionally a
locale, a naming policy and the article's translations.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import NamedTuple, Protocol

from newslib.article.model import Article, Revision
from newslib.errors import UnknownFormatError, UsageError
from newslib.l10n.localizer import Localizer
from newslib.renderers.page import Page, select_body
from newslib.terms import Gazetteer, Policy, load_policy, shipped_gazetteer
from newslib.translations.model import StaleTranslation, TranslationSet

__all__ = ["FORMATS", "Format", "Translations", "render", "render_page"]


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


class Translations(Protocol):
    """Where an article's translations are found: a :class:`~newslib.project.Project`."""

    def translations(self, article_id: str, language: str) -> TranslationSet | None:
        """An article's translations into *language*, or ``None``."""
        ...


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
    translations: TranslationSet | Translations | None = None,
    stale_translation: str | StaleTranslation = StaleTranslation.MARK,
    machine: bool = True,
) -> str:
    """Render *article* in format *fmt*.

    Without *locale*, the article is rendered as written, in the agency's plain conventions.
    With it, the structured parts (dateline, labels, dates) are localised, and the body is
    what an edition in that locale shows (the choice ``build`` makes): the *translations*
    (a :class:`TranslationSet`, or a project to find them in) field by field — a stale
    field marked or in the original, per *stale_translation* (``mark`` | ``original``) —
    and the original where there is none, with a notice. *history* gives the corrections,
    whose notes are translated fields too. Unreviewed machine drafts are shown with
    *machine* (an edition's ``missing_translation: machine``); drafts that need review never.
    """
    resolved = load_policy(policy) if policy is not None else None
    loc = Localizer.for_edition(locale or article.language, timezone)
    found = _translations(article, loc.language, translations) if locale is not None else None
    try:
        stale = StaleTranslation(stale_translation)
    except ValueError:
        raise UsageError(
            f"unknown stale_translation {stale_translation!r}; use mark or original"
        ) from None
    body = select_body(article, found, loc.language, history=history, stale=stale, machine=machine)
    page = Page(
        article=body.article,
        loc=loc,
        gazetteer=gazetteer or shipped_gazetteer(),
        policy=resolved,
        original_language=article.language,
        body=body.state,
        fields=body.fields,
        notes=body.notes,
        history=history,
        as_written=locale is None and resolved is None,
    )
    return render_page(page, fmt)


def _translations(
    article: Article, language: str, translations: TranslationSet | Translations | None
) -> TranslationSet | None:
    """The article's translations into *language*: the set given, or the project's."""
    if translations is None or isinstance(translations, TranslationSet):
        found = translations
    else:
        found = translations.translations(article.id, language)
    if found is None:
        return None
    if found.article != article.id or found.language != language:
        raise UsageError(
            f"the translations are of {found.article!r} into {found.language!r}, not of "
            f"{article.id!r} into {language!r}; pass the article's translations into the locale's "
            "language"
        )
    return found
