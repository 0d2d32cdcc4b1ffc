"""An edition's index page, the landing page of every edition, and the stylesheet and icon
the pages share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newslib.l10n import labels
from newslib.l10n.localizer import Localizer, text_direction
from newslib.renderers.html import environment, render_template
from newslib.renderers.page import Link
from newslib.renderers.safety import safe_url

__all__ = ["ASSETS", "IndexEntry", "assets", "render_index", "render_landing"]

ASSETS = ("style.css", "favicon.svg")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One article on an edition's index page."""

    url: str
    headline: str
    summary: str | None
    section: str
    language: str  # of the headline and summary as shown
    published: datetime | None
    updated: datetime
    corrections: int = 0


def render_index(
    loc: Localizer,
    title: str,
    entries: Sequence[IndexEntry],
    *,
    templates: Path | None = None,
    feed: str = "feed.atom",
    editions: Sequence[Link] = (),
) -> str:
    """The index page: the edition's articles, the latest change first, with their
    standfirst, section, time and a correction marker; links to the other editions."""
    shown = [
        {
            "url": safe_url(e.url),
            "headline": e.headline,
            "summary": e.summary,
            "section": e.section,
            "lang": e.language,
            "dir": text_direction(e.language),
            "published": {"iso": loc.iso(e.published), "text": loc.moment(e.published)}
            if e.published
            else None,
            "corrected": labels.correction_count(loc, e.corrections) if e.corrections else None,
        }
        for e in sorted(entries, key=lambda e: e.updated, reverse=True)
    ]
    values = {
        "loc": loc,
        "title": title,
        "entries": shown,
        "feed": safe_url(feed),
        "stylesheet": "style.css",
        "editions": _links(editions),
        "editions_label": labels.other_editions(loc),
    }
    return render_template(templates, "index.html", values)


def render_landing(
    loc: Localizer,
    title: str,
    editions: Sequence[Link],
    ids: Sequence[str],
    languages: Mapping[str, str],
    *,
    templates: Path | None = None,
) -> str:
    """The landing page: every edition's title, language name (its own) and id.

    *loc* is the first edition's: the page's own language.
    """
    shown = [
        {**link, "id": edition, "language": languages[edition]}
        for link, edition in zip(_links(editions), ids, strict=True)
    ]
    return render_template(
        templates, "landing.html", {"loc": loc, "title": title, "editions": shown}
    )


def _links(links: Sequence[Link]) -> list[dict[str, Any]]:
    return [
        {"url": safe_url(link.url), "label": link.label, "lang": link.locale,
         "dir": text_direction(link.locale)}
        for link in links
    ]  # fmt: skip


def assets(templates: Path | None = None) -> dict[str, str]:
    """The files every page links to, by name (the edition's own where it has them)."""
    env = environment(templates)
    return {name: env.loader.get_source(env, name)[0] if env.loader else "" for name in ASSETS}
