"""CommonMark: the article with its text escaped, so nothing in it becomes markup; a
passage not shown in its current translation is followed by its marker, in parentheses."""

from __future__ import annotations

import re
from typing import assert_never

from newslib.article.model import Block, Heading, ListBlock, Paragraph, Quote
from newslib.l10n import labels
from newslib.renderers.page import Page

__all__ = ["escape", "render"]

_INLINE = re.compile(r"([\\`*_\[\]<>!&|~])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup.

    >>> escape("*Sukhumi* [1] <b>")
    '\\\\*Sukhumi\\\\* \\\\[1\\\\] \\\\<b\\\\>'
    """
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def render(page: Page) -> str:
    """The page as CommonMark."""
    article = page.article
    parts = [f"*{escape(page.section)}*", f"# {escape(page.text(article.headline))}"]
    parts += _marker(page.marker("headline"))
    if article.standfirst is not None:
        parts.append(f"**{escape(page.text(article.standfirst))}**")
        parts += _marker(page.marker("standfirst"))
    if page.byline is not None:
        parts.append(f"*{escape(page.byline)}*")
    corrected = page.corrected()
    if corrected is not None:
        parts.append(f"*{escape(corrected)}*")
    parts.extend(f"> {escape(notice)}" for notice in page.notices())
    for index, block in enumerate(article.body):
        text = _block(page, block)
        parts.append(f"**{escape(page.dateline)}** {text}" if index == 0 else text)
        parts += _marker(page.marker(block.id))
    count = page.correction_count()
    if count is not None:
        parts.append(f"**{escape(count)}**")
    for note in page.correction_list():
        parts.append(f"*{escape(str(note))}*")
        parts += _marker(note.marker)
    parts.append(f"*{escape(labels.source(page.loc, page.agency))}*")
    return "\n\n".join(parts) + "\n"


def _marker(marker: str | None) -> list[str]:
    """A passage's marker: a short note in its own paragraph after it."""
    return [] if marker is None else [f"*({escape(marker)})*"]


def _block(page: Page, block: Block) -> str:
    match block:
        case Paragraph(text=text):
            return escape(page.text(text))
        case Heading(text=text):
            return f"## {escape(page.text(text))}"
        case Quote(text=text, attribution=attribution):
            return "> " + escape(page.quote(text, attribution))
        case ListBlock(items=items, ordered=ordered):
            return "\n".join(
                f"{n}. {escape(page.text(item))}" if ordered else f"- {escape(page.text(item))}"
                for n, item in enumerate(items, 1)
            )
        case _:
            assert_never(block)
