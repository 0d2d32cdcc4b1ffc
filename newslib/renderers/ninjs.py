"""IPTC ninjs 3.1 and 2.2: the article as a news item, standard fields only.

newslib's own data maps onto standard fields — the revision onto ``version`` and
``altIds``, corrections onto ``edNote``, the agency onto ``infoSources`` and ``by`` — so
the output validates against IPTC's schemas with nothing added.
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from newslib.article.model import EntityKind, Heading, ListBlock, Paragraph, Quote
from newslib.renderers.ids import page_id
from newslib.renderers.page import Page
from newslib.terms import entity_name

__all__ = ["ninjs_data", "render", "render_v2"]


def render(page: Page) -> str:
    """ninjs 3.1."""
    return json.dumps(ninjs_data(page, "3.1"), ensure_ascii=False, indent=2) + "\n"


def render_v2(page: Page) -> str:
    """ninjs 2.2 (its property names are in lower case)."""
    return json.dumps(ninjs_data(page, "2.2"), ensure_ascii=False, indent=2) + "\n"


def ninjs_data(page: Page, version: str) -> dict[str, Any]:
    """The page as ninjs *version* data ("3.1" or "2.2")."""
    article = page.article
    lower = version.startswith("2")

    def key(name: str) -> str:
        return name.lower() if lower else name

    text = "\n\n".join(_plain_blocks(page))
    data: dict[str, Any] = {
        "uri": page_id(page),
        key("standard"): {"name": "ninjs", "version": version},
        "type": "text",
        key("representationType"): "full",
        "language": page.language,
        "headlines": [{"role": "main", "value": page.text(article.headline)}],
        "bodies": [
            {
                "role": "main",
                key("contentType"): "text/plain",
                key("wordCount"): len(text.split()),
                "value": f"{page.dateline} {text}",
            }
        ],
        "by": page.by,
        "located": page.place,
        key("pubStatus"): "usable",
    }
    if article.standfirst is not None:
        data["descriptions"] = [{"role": "summary", "value": page.text(article.standfirst)}]
    if page.revision is not None:
        data["version"] = str(page.revision.number)
        data[key("versionCreated")] = page.revision.time.isoformat()
        data[key("altIds")] = [{"role": "sha256", "value": page.revision.hash}]
    if page.published is not None:
        data[key("firstCreated")] = page.published.isoformat()
    notes = page.correction_notes()
    if notes:
        data[key("edNote")] = " ".join(notes)
    if not lower:
        data["infoSources"] = [{"name": page.agency, "role": "originfo"}]
    people, places, organisations = _entities(page)
    if people:
        data["people"] = people
    if places:
        data["places"] = places
    if organisations:
        data["organisations"] = organisations
    return data


def _plain_blocks(page: Page) -> list[str]:
    out = []
    for block in page.article.body:
        match block:
            case Paragraph(text=text) | Heading(text=text):
                out.append(page.text(text))
            case Quote(text=text, attribution=attribution):
                out.append(page.quote(text, attribution))
            case ListBlock(items=items):
                out.append("\n".join(f"- {page.text(i)}" for i in items))
            case _:
                assert_never(block)
    return out


def _entities(page: Page) -> tuple[list[dict[str, str]], ...]:
    people: list[dict[str, str]] = []
    places: list[dict[str, str]] = []
    organisations: list[dict[str, str]] = []
    lang = page.loc.language
    for entity in page.article.entities:
        name = (
            entity_name(entity.id, lang=lang, policy=page.policy, gazetteer=page.gazetteer)
            or entity.name
        )
        item = {"name": name, "literal": entity.id}
        geonames = (
            page.gazetteer.entity(entity.id).geonames
            if entity.id in page.gazetteer.entities
            else None
        )
        if geonames:
            item["uri"] = f"https://sws.geonames.org/{geonames}/"
        {EntityKind.PERSON: people, EntityKind.PLACE: places}.get(
            entity.kind, organisations
        ).append(item)
    return people, places, organisations
