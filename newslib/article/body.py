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
# Capitalised words that open or make up a title or an institution, not a person's name.
# (Casefolded as the words they are compared with: "Außenminister" is "aussenminister".)
_NOT_NAMES = frozenset(
    "foreign minister ministry president prime deputy spokesman spokeswoman spokesperson "
    "ambassador senator mr mrs ms dr general secretary chief head office government council "
    "mayor governor chairman chairwoman speaker leader amt auswärtigen "
    "department party agency committee kremlin white house state city hall university "
    "court police army times post news television tv radio parliament union bank "
    "russian georgian abkhaz ossetian armenian american european french german "
    "министр министерство мид президент премьер глава пресс-секретарь посол "
    "außenminister minister ministerium präsident sprecher sprecherin regierung "
    "ministre ministère président porte-parole gouvernement".casefold().split()
)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")


def build_blocks(
    texts: list[str],
    mark: Callable[[str], Text],
    entities: dict[str, Entity],
    declare_person: Callable[[str], str | None] | None = None,
) -> list[Block]:
    """The story's paragraphs as blocks; *mark* marks names and adds the entities it finds
    to *entities*, whose people are the speakers a quote's attribution can name.

    An attribution that names no known person nor says "he" or "she" may still name
    someone ("said Nino Beridze, a spokeswoman"): *declare_person* is given the name and
    returns the entity id it declared for them, or ``None``."""
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
            if speaker is None and declare_person is not None:
                name = named_person(attribution.plain)
                speaker = declare_person(name) if name else None
            text = mark(quote.quote)
            blocks.append(Quote(next_id("q"), text, speaker=speaker, attribution=attribution))
            last_person = speaker or last_person
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


def named_person(attribution: str) -> str | None:
    """The first name of two or three capitalised words in *attribution*, after any title
    or institution.

    >>> named_person("said Nino Beridze, a spokeswoman for the Foreign Ministry")
    'Nino Beridze'
    >>> named_person("Foreign Minister Nino Beridze said"), named_person("the Kremlin said")
    ('Nino Beridze', None)
    >>> named_person("заявила официальный представитель МИД Анна Смирнова")
    'Анна Смирнова'
    """
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(attribution):
        if token[0].isupper():
            runs[-1].append(token.rstrip("’'"))
        elif runs[-1]:
            runs.append([])
    for run in runs:
        titles = [i for i, w in enumerate(run) if w.casefold() in _NOT_NAMES]
        words = run[titles[-1] + 1 :] if titles else run  # "Tbilisi Mayor Kakha Kaladze"
        if 2 <= len(words) <= 3:
            return " ".join(words)
    return None


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
