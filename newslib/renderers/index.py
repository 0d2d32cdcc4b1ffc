"""An edition's index page, and the stylesheet and icon its pages share."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newslib.l10n.localizer import Localizer
from newslib.renderers.atom import FeedEntry
from newslib.renderers.html import environment, render_template

__all__ = ["ASSETS", "assets", "render_index"]

ASSETS = ("style.css", "favicon.svg")


def render_index(
    loc: Localizer,
    title: str,
    entries: Sequence[FeedEntry],
    *,
    templates: Path | None = None,
    feed: str = "feed.atom",
) -> str:
    """The index page: the edition's articles, the latest change first."""
    shown = [
        {
            "url": f"{e.id.rsplit(':', 1)[-1]}.html",
            "headline": e.title,
            "published": {"iso": loc.iso(e.published), "text": loc.moment(e.published)}
            if e.published
            else None,
        }
        for e in sorted(entries, key=lambda e: e.updated, reverse=True)
    ]
    values = {"loc": loc, "title": title, "entries": shown, "feed": feed, "stylesheet": "style.css"}
    return render_template(templates, "index.html", values)


def assets(templates: Path | None = None) -> dict[str, str]:
    """The files every page links to, by name (the edition's own where it has them)."""
    env = environment(templates)
    return {name: env.loader.get_source(env, name)[0] if env.loader else "" for name in ASSETS}
