"""Plain text in the agency's layout: section, headline, standfirst, dateline + body."""

from __future__ import annotations

from typing import assert_never

from newslib.article.model import Block, Heading, ListBlock, Paragraph, Quote
from newslib.renderers.page import Page

__all__ = ["render"]


def render(page: Page) -> str:
    """The page as plain text, paragraphs separated by blank lines; a passage that is not
    shown in its current translation is followed by its marker in brackets."""
    article = page.article
    parts = [page.section, _marked(page.text(article.headline), page.marker("headline"))]
    if article.standfirst is not None:
        parts.append(_marked(page.text(article.standfirst), page.marker("standfirst")))
    if page.byline is not None:
        parts.append(page.byline)
    corrected = page.corrected()
    if corrected is not None:
        parts.append(corrected)
    parts.extend(f"[{notice}]" for notice in page.notices())
    for index, block in enumerate(article.body):
        body = _block(page, block)
        body = f"{page.dateline} {body}" if index == 0 else body
        parts.append(_marked(body, page.marker(block.id)))
    count = page.correction_count()
    if count is not None:
        parts.append(count)
    parts.extend(_marked(str(note), note.marker) for note in page.correction_list())
    return "\n\n".join(parts) + "\n"


def _marked(text: str, marker: str | None) -> str:
    return text if marker is None else f"{text}\n[{marker}]"


def _block(page: Page, block: Block) -> str:
    match block:
        case Paragraph(text=text) | Heading(text=text):
            return page.text(text)
        case Quote(text=text, attribution=attribution):
            return page.quote(text, attribution)
        case ListBlock(items=items, ordered=ordered):
            return "\n".join(
                f"{n}. {page.text(item)}" if ordered else f"- {page.text(item)}"
                for n, item in enumerate(items, 1)
            )
        case _:
            assert_never(block)
