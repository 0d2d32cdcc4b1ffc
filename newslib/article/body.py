"""The story's blocks: paragraphs, subheadings and quotes with their speakers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import assert_never

from newslib.article.layout import TERMINAL
from newslib.article.model import (
    Block,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Text,
)
from newslib.article.quotes import read_quote

__all__ = ["build_blocks"]

_PRONOUNS = frozenset({"he", "she", "they", "он", "она", "они", "er", "sie", "il", "elle"})


def build_blocks(
    texts: list[str], mark: Callable[[str], Text], entities: dict[str, Entity]
) -> list[Block]:
    """The story's paragraphs as blocks; *mark* marks names and adds the entities it finds
    to *entities*, whose people are the speakers a quote's attribution can name."""
    counters = {"p": 0, "h": 0, "q": 0}
    last_person: str | None = None
    blocks: list[Block] = []

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    for index, passage in enumerate(texts):
        is_last = index == len(texts) - 1
        quote = read_quote(passage)
        if index > 0 and not is_last and _looks_like_heading(passage):
            blocks.append(Heading(next_id("h"), mark(passage)))
        elif quote is not None:
            attribution = mark(quote.attribution)
            speaker = _speaker(attribution, entities, last_person)
            text = mark(quote.quote)
            blocks.append(Quote(next_id("q"), text, speaker=speaker, attribution=attribution))
        else:
            text = mark(passage)
            blocks.append(Paragraph(next_id("p"), text))
        last_person = _last_person(blocks[-1], entities) or last_person
    return blocks


def _looks_like_heading(passage: str) -> bool:
    return len(passage.split()) <= 10 and not passage.endswith(TERMINAL)


def _speaker(attribution: Text, entities: dict[str, Entity], last_person: str | None) -> str | None:
    for ref in attribution.refs():
        if entities.get(ref.entity) and entities[ref.entity].kind is EntityKind.PERSON:
            return ref.entity
    words = {w.casefold() for w in re.split(r"[\s-]+", attribution.plain)}
    return last_person if words & _PRONOUNS else None


def _last_person(block: Block, entities: dict[str, Entity]) -> str | None:
    texts: list[Text] = []
    match block:
        case Paragraph(text=text) | Heading(text=text):
            texts = [text]
        case Quote(text=text, attribution=attribution):
            texts = [text] + ([attribution] if attribution else [])
        case ListBlock(items=items):
            texts = list(items)
        case _:
            assert_never(block)
    people = [
        ref.entity
        for text in texts
        for ref in text.refs()
        if ref.entity in entities and entities[ref.entity].kind is EntityKind.PERSON
    ]
    return people[-1] if people else None
