"""IPTC NewsML-G2 2.35: one ``newsItem`` with the article as inline XHTML.

On a translated page a block not shown in its current translation has a ``class``
(``stale`` | ``original``) and, where it is in another language, its ``xml:lang``, as
the headline and summary have.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import assert_never
from xml.etree import ElementTree as ET

from newslib.article.model import Block, Heading, ListBlock, Paragraph, Quote
from newslib.renderers.ids import page_id
from newslib.renderers.page import Page

__all__ = ["NAMESPACE", "render"]

NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _g2(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def render(page: Page) -> str:
    """The page as a NewsML-G2 newsItem document."""
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("h", XHTML)
    article = page.article
    number = page.revision.number if page.revision else 1
    item = ET.Element(
        _g2("newsItem"),
        {
            "guid": page_id(page),
            "version": str(number),
            "standard": "NewsML-G2",
            "standardversion": "2.35",
            "conformance": "power",
            XML_LANG: page.loc.tag,
        },
    )
    ET.SubElement(
        item,
        _g2("catalogRef"),
        {"href": "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"},
    )
    meta = ET.SubElement(item, _g2("itemMeta"))
    ET.SubElement(meta, _g2("itemClass"), {"qcode": "ninat:text"})
    ET.SubElement(meta, _g2("provider"), {"literal": page.publisher})
    created = page.modified or datetime.now(UTC)
    ET.SubElement(meta, _g2("versionCreated")).text = created.isoformat()
    if page.published is not None:
        ET.SubElement(meta, _g2("firstCreated")).text = page.published.isoformat()
    ET.SubElement(meta, _g2("pubStatus"), {"qcode": "stat:usable"})
    for note in page.correction_notes():
        ET.SubElement(meta, _g2("edNote")).text = note

    content = ET.SubElement(item, _g2("contentMeta"))
    ET.SubElement(content, _g2("contentCreated")).text = article.dateline.date.isoformat()
    ET.SubElement(content, _g2("located"), {"literal": article.dateline.place})
    for author in article.authors:
        creator = ET.SubElement(content, _g2("creator"))
        ET.SubElement(creator, _g2("name")).text = author.name
    for credit in (b for b in article.byline if b.role is not None):
        contributor = ET.SubElement(content, _g2("contributor"))
        ET.SubElement(contributor, _g2("name")).text = credit.name
    ET.SubElement(content, _g2("creditline")).text = page.agency
    ET.SubElement(content, _g2("language"), {"tag": page.language})
    headline = ET.SubElement(content, _g2("headline"), _language(page, "headline"))
    headline.text = page.text(article.headline)
    if article.standfirst is not None:
        description = ET.SubElement(
            content, _g2("description"), {"role": "drol:summary", **_language(page, "standfirst")}
        )
        description.text = page.text(article.standfirst)
    ET.SubElement(content, _g2("dateline")).text = page.dateline

    content_set = ET.SubElement(item, _g2("contentSet"))
    inline = ET.SubElement(content_set, _g2("inlineXML"), {"contenttype": "application/xhtml+xml"})
    html = ET.SubElement(inline, f"{{{XHTML}}}html", {XML_LANG: page.language})
    head = ET.SubElement(html, f"{{{XHTML}}}head")
    ET.SubElement(head, f"{{{XHTML}}}title").text = page.text(article.headline)
    body = ET.SubElement(html, f"{{{XHTML}}}body")
    for index, block in enumerate(article.body):
        _block(page, body, block, dateline=page.dateline if index == 0 else None)
    ET.indent(item)
    return ET.tostring(item, encoding="unicode", xml_declaration=True) + "\n"


def _language(page: Page, name: str) -> dict[str, str]:
    """``xml:lang`` for a field shown in another language than the item's."""
    language = page.field_language(name)
    return {XML_LANG: language} if language != page.language else {}


def _marked(page: Page, name: str) -> dict[str, str]:
    """A marked block's class (stale | original) and the language of its text."""
    mark = page.mark(name)
    return {"class": str(mark), **_language(page, name)} if mark else {}


def _block(page: Page, body: ET.Element, block: Block, dateline: str | None) -> None:
    prefix = f"{dateline} " if dateline else ""
    marked = _marked(page, block.id)
    match block:
        case Paragraph(text=text):
            ET.SubElement(body, f"{{{XHTML}}}p", marked).text = prefix + page.text(text)
        case Heading(text=text):
            ET.SubElement(body, f"{{{XHTML}}}h2", marked).text = page.text(text)
        case Quote(text=text, attribution=attribution):
            quote = ET.SubElement(body, f"{{{XHTML}}}blockquote", marked)
            ET.SubElement(quote, f"{{{XHTML}}}p").text = prefix + page.quote(text, attribution)
        case ListBlock(items=items, ordered=ordered):
            listing = ET.SubElement(body, f"{{{XHTML}}}{'ol' if ordered else 'ul'}", marked)
            for item in items:
                ET.SubElement(listing, f"{{{XHTML}}}li").text = page.text(item)
        case _:
            assert_never(block)
