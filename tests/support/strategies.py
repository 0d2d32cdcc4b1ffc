"""Hypothesis strategies for valid articles."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from newslib import (
    Article,
    Dateline,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Ref,
    Text,
)
from newslib.article.model import forbidden_character

ENTITIES = (
    Entity("tskhinvali", EntityKind.PLACE, "Tskhinvali"),
    Entity("sukhumi", EntityKind.PLACE, "Sukhumi"),
    Entity("sergey-lavrov", EntityKind.PERSON, "Sergey Lavrov"),
    Entity("tass", EntityKind.ORGANISATION, "TASS"),
)

chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
plain = st.text(chars, min_size=1, max_size=20).filter(
    lambda s: s.strip() != "" and forbidden_character(s) is None
)
refs = st.builds(Ref, st.sampled_from([e.id for e in ENTITIES]), plain)
texts = (
    st.lists(st.one_of(plain, refs), min_size=1, max_size=5)
    .map(lambda parts: Text(tuple(parts)))
    .filter(lambda t: t.plain.strip() != "")
)


@st.composite
def blocks(draw: st.DrawFn, index: int) -> Paragraph | Heading | Quote | ListBlock:
    block_id = f"b{index}"
    kind = draw(st.sampled_from(["paragraph", "heading", "quote", "list"]))
    if kind == "paragraph":
        return Paragraph(block_id, draw(texts))
    if kind == "heading":
        return Heading(block_id, draw(texts))
    if kind == "quote":
        return Quote(
            block_id,
            draw(texts),
            speaker=draw(st.none() | st.just("sergey-lavrov")),
            attribution=draw(st.none() | texts),
        )
    return ListBlock(
        block_id, tuple(draw(st.lists(texts, min_size=1, max_size=3))), draw(st.booleans())
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    count = draw(st.integers(min_value=1, max_value=5))
    return Article(
        id=draw(st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)),
        language=draw(st.sampled_from(["en", "ru", "de", "fr", "ka", "ar", "de-AT"])),
        section=draw(plain),
        source=draw(plain),
        dateline=Dateline(
            "tskhinvali", draw(plain), draw(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
        ),
        headline=draw(texts),
        standfirst=draw(st.none() | texts),
        body=tuple(draw(blocks(i)) for i in range(count)),
        entities=ENTITIES,
    )
