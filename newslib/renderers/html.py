"""HTML5 pages from Jinja2 templates (autoescaped), with JSON-LD ``NewsArticle`` data.

Templates ship in ``newslib/renderers/templates``; an edition may name a folder whose templates of
the same name take precedence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, assert_never

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from newslib.article.model import (
    Block,
    BlockType,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    primary_language,
)
from newslib.errors import InputError
from newslib.l10n import labels
from newslib.l10n.localizer import text_direction
from newslib.renderers.page import BodyState, CorrectionNote, Page
from newslib.renderers.safety import safe_url

__all__ = ["environment", "jsonld", "render", "render_template"]


@cache
def environment(templates: Path | None = None) -> Environment:
    """The Jinja2 environment: the edition's template folder first, then the shipped one."""
    loaders: list[BaseLoader] = [FileSystemLoader(str(templates))] if templates else []
    loaders.append(PackageLoader("newslib.renderers", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"], default=True),
        keep_trailing_newline=True,
    )


def render(page: Page) -> str:
    """The page as an HTML5 document."""
    return render_template(page.templates, "article.html", context(page))


def render_template(templates: Path | None, name: str, values: dict[str, Any]) -> str:
    """Template *name* (the edition's own, else the shipped one) filled with *values*.

    A template that does not parse or fails while rendering is an :class:`InputError`
    naming its file and line, never a traceback from Jinja2.
    """
    try:
        return environment(templates).get_template(name).render(**values)
    except TemplateSyntaxError as exc:
        raise InputError(
            exc.message or "syntax error", path=exc.filename or name, line=exc.lineno,
            hint="fix the template (Jinja2 syntax)",
        ) from None  # fmt: skip
    except TemplateError as exc:
        raise InputError(
            f"the template failed: {exc.message or exc}",
            path=str(templates / name) if templates else name,
            hint="fix the template, or remove it to use the shipped one",
        ) from None


def context(page: Page) -> dict[str, Any]:
    """What the article template is given."""
    article = page.article
    loc = page.loc
    links = [link for link in page.links if safe_url(link.url) != "#"]
    published, updated = page.published, page.modified
    same = primary_language(article.language) == loc.language
    return {
        "page": page,
        "page_lang": loc.tag if same else article.language,  # the text's, not the edition's
        "headline": page.text(article.headline),
        "headline_shown": _shown(page, "headline"),
        "standfirst": page.text(article.standfirst) if article.standfirst else None,
        "standfirst_shown": _shown(page, "standfirst"),
        "byline": page.byline,
        "corrected": page.corrected(),
        "section": page.section,
        "dateline": page.dateline,
        "body_lang": article.language,
        "body_dir": text_direction(article.language),
        "blocks": [_block(page, block) for block in article.body],
        "notices": page.notices(),
        "corrections": [_correction(page, note) for note in page.correction_list()],
        "corrections_label": page.correction_count(),
        "source": labels.source(loc, page.agency),
        "published": {"iso": loc.iso(published), "text": labels.published(loc, published)}
        if published
        else None,
        "updated": {"iso": loc.iso(updated), "text": labels.updated(loc, updated)}
        if updated and published and updated != published
        else None,
        "canonical": safe_url(page.url) if page.url else None,
        "alternates": links,
        "editions": [
            {
                "url": link.url,
                "label": link.label,
                "lang": link.locale,
                "dir": text_direction(link.locale),
                "hreflang": link.shows,
            }
            for link in links
            if link.locale != "x-default" and (page.url is None or link.url != page.url)
        ],  # the other editions: the page's own is not among them
        "editions_label": labels.other_editions(loc),
        "stylesheet": safe_url(page.stylesheet),
        "jsonld": jsonld(page),
    }


def _shown(page: Page, name: str) -> dict[str, str] | None:
    """How a marked field is drawn: its class, the lang and dir of the text it shows,
    and its marker; None for a field shown in its current translation (or the original)."""
    mark = page.mark(name)
    if mark is None:
        return None
    language = page.field_language(name)
    return {
        "mark": str(mark),
        "lang": language,
        "dir": page.direction(language),
        "marker": page.marker(name) or "",
    }


def _correction(page: Page, note: CorrectionNote) -> dict[str, Any]:
    other = primary_language(note.language) != page.loc.language
    return {
        "before": note.before,
        "note": note.note,
        "after": note.after,
        "lang": note.language if other else None,
        "dir": page.direction(note.language),
        "shown": {"mark": str(note.mark), "marker": note.marker} if note.mark else None,
    }


def _block(page: Page, block: Block) -> dict[str, Any]:
    return {**_content(page, block), "shown": _shown(page, block.id)}


def _content(page: Page, block: Block) -> dict[str, Any]:
    match block:
        case Paragraph(text=text):
            return {"kind": BlockType.PARAGRAPH, "text": page.text(text)}
        case Heading(text=text):
            return {"kind": BlockType.HEADING, "text": page.text(text)}
        case Quote(text=text, attribution=attribution):
            return {
                "kind": BlockType.QUOTE,
                "text": page.quoted(text),
                "attribution": page.text(attribution) if attribution else None,
            }
        case ListBlock(items=items, ordered=ordered):
            return {
                "kind": BlockType.LIST,
                "ordered": ordered,
                "entries": [page.text(i) for i in items],
            }
        case _:
            assert_never(block)


def jsonld(page: Page) -> dict[str, Any]:
    """schema.org ``NewsArticle`` data for the page."""
    article = page.article
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.text(article.headline),
        "inLanguage": page.loc.tag if page.body is not BodyState.FALLBACK else article.language,
        "dateline": page.dateline,
        "articleSection": page.section,
        "author": [{"@type": "Person", "name": b.name} for b in article.authors]
        or {"@type": "Organization", "name": page.agency},
        "publisher": {"@type": "Organization", "name": page.publisher},
        "locationCreated": {"@type": "Place", "name": page.place},
    }
    if page.url:
        data["url"] = safe_url(page.url)
        data["@id"] = safe_url(page.url)
    if page.published:
        data["datePublished"] = page.loc.iso(page.published)
    if page.modified:
        data["dateModified"] = page.loc.iso(page.modified)
    if article.standfirst:
        data["description"] = page.text(article.standfirst)
    named = [link for link in page.links if link.hreflang and link.locale != "x-default"]
    source = primary_language(page.source_language)
    original = next(
        (link for link in named if primary_language(link.shows) == source),
        next((link for link in page.links if link.locale == "x-default"), None),
    )
    translated = (BodyState.HUMAN, BodyState.MACHINE, BodyState.PARTIAL)
    if page.body in translated and original is not None:
        data["translationOfWork"] = {"@type": "NewsArticle", "@id": safe_url(original.url)}
    elif page.body is BodyState.ORIGINAL:
        translations = [
            {"@type": "NewsArticle", "@id": safe_url(link.url), "inLanguage": link.shows}
            for link in named
            if primary_language(link.shows) != primary_language(article.language)
        ]
        if translations:
            data["workTranslation"] = translations
    corrections = [
        {"@type": "CorrectionComment", "text": note.note, "datePublished": page.loc.iso(r.time)}
        for r, note in zip(page.corrections, page.correction_list(), strict=True)
    ]
    if corrections:
        data["correction"] = corrections
    return data
