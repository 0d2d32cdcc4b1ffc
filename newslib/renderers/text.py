"""Plain text in the agency's layout: section, headline, standfirst, dateline + body."""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from newslib.l10n import format_dateline
from newslib.model import Article, Block, Heading, ListBlock, Paragraph, Quote, Text
from newslib.renderers import NameFn, as_written

__all__ = ["quote_with_attribution", "render"]


def render(article: Article, names: NameFn = as_written) -> str:
    """The article as plain text, paragraphs separated by blank lines."""

    def write(text: Text) -> str:
        return "".join(s if isinstance(s, str) else names(s) for s in text.segments)

    dateline = format_dateline(
        article.dateline.written, article.dateline.date, article.source, article.language
    )
    parts = [article.section, write(article.headline)]
    if article.standfirst is not None:
        parts.append(write(article.standfirst))
    for index, block in enumerate(article.body):
        body = _block(block, write)
        parts.append(f"{dateline} {body}" if index == 0 else body)
    return "\n\n".join(parts) + "\n"


def _block(block: Block, write: Callable[[Text], str]) -> str:
    match block:
        case Paragraph(text=text) | Heading(text=text):
            return write(text)
        case Quote(text=text, attribution=attribution):
            return quote_with_attribution(write(text), write(attribution) if attribution else None)
        case ListBlock(items=items, ordered=ordered):
            return "\n".join(
                f"{n}. {write(item)}" if ordered else f"- {write(item)}"
                for n, item in enumerate(items, 1)
            )
        case _:
            assert_never(block)


def quote_with_attribution(quotation: str, attribution: str | None) -> str:
    """English agency style: ``"We will help," Lavrov said.``

    A final full stop of the quotation becomes a comma before the attribution.

    >>> quote_with_attribution("We will help.", "Lavrov said")
    '"We will help," Lavrov said.'
    >>> quote_with_attribution("Why?", "she asked")
    '"Why?" she asked.'
    """
    if attribution is None:
        return f'"{quotation}"'
    if quotation.endswith("."):
        quotation = quotation[:-1] + ","
    return f'"{quotation}" {attribution}.'
