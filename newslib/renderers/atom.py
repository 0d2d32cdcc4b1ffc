"""Atom (RFC 4287) feeds: one per edition, the newest article first.

Links pass :func:`~newslib.renderers.safety.safe_url`; one it refuses is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from newslib.renderers.safety import safe_url

__all__ = ["FeedEntry", "render_feed"]

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article in a feed."""

    id: str
    title: str
    url: str
    updated: datetime
    published: datetime | None
    summary: str | None
    language: str
    author: str


def render_feed(
    *, feed_id: str, title: str, url: str, language: str, entries: list[FeedEntry]
) -> str:
    """An Atom feed document."""
    ET.register_namespace("", ATOM)
    entries = sorted(entries, key=lambda e: e.updated, reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    updated = max((e.updated for e in entries), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        updated.isoformat() if updated else "1970-01-01T00:00:00+00:00"
    )
    if safe_url(url) != "#":
        ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": url})
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}updated").text = entry.updated.isoformat()
        if entry.published is not None:
            ET.SubElement(item, f"{{{ATOM}}}published").text = entry.published.isoformat()
        author = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = entry.author
        if safe_url(entry.url) != "#":
            ET.SubElement(
                item,
                f"{{{ATOM}}}link",
                {"rel": "alternate", "type": "text/html", "href": entry.url},
            )
        if entry.summary:
            ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
