"""The article model: frozen dataclasses and their invariants, no I/O.

Text that may name entities is a :class:`Text`, a sequence of plain strings and
:class:`Ref` segments. A ``Ref`` keeps the author's surface ("Tskhinval") and names the
entity (``tskhinvali``), so an edition can render the text as written or under a policy.

>>> text = Text(("Talks in ", Ref("tskhinvali", "Tskhinval"), "."))
>>> text.plain
'Talks in Tskhinval.'
>>> [ref.entity for ref in text.refs()]
['tskhinvali']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import TypeAlias, assert_never

from babel.core import parse_locale

__all__ = [
    "Article",
    "Block",
    "BlockType",
    "Byline",
    "Dateline",
    "Entity",
    "EntityKind",
    "Heading",
    "ListBlock",
    "Paragraph",
    "Problem",
    "Quote",
    "Ref",
    "Revision",
    "RevisionKind",
    "Text",
    "forbidden_character",
    "primary_language",
]

ARTICLE_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?")
BLOCK_ID = re.compile(r"[a-z][a-z0-9-]{0,62}")
ENTITY_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")

# Characters that YAML cannot carry faithfully or that no article text should contain.
_LINE_SEPARATORS = {"\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"}


@cache
def primary_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag or locale id: ``de`` for ``de-AT`` or ``de_AT``.

    Read with Babel's parser alone, so the language need not be one CLDR has data for.

    >>> primary_language("de-AT"), primary_language("sr_Latn_RS"), primary_language("und")
    ('de', 'sr', 'und')
    """
    tag = tag.replace("_", "-")
    try:
        return parse_locale(tag, sep="-")[0]
    except ValueError:  # subtags Babel's parser does not read (``zh-yue``): the language is first
        return tag.partition("-")[0].lower()


def forbidden_character(value: str) -> tuple[int, str] | None:
    """Return the index and name of the first character not allowed in text, if any.

    Text is one line of printable Unicode: control characters (C0, C1), line breaks, lone
    surrogates and noncharacters (U+FFFE, U+FFFF, …) are refused (a paragraph break is a
    new block, not a newline); no XML parser would read them back.

    >>> forbidden_character("ok")
    >>> forbidden_character("a\\nb")
    (1, 'U+000A')
    """
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        code = ord(char)
        noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
        if category in ("Cc", "Cs") or char in _LINE_SEPARATORS or noncharacter:
            return index, f"U+{code:04X}"
    return None


@dataclass(frozen=True, slots=True)
class Ref:
    """An inline reference: the *surface* the author wrote, naming *entity*."""

    entity: str
    surface: str


Segment: TypeAlias = str | Ref


@dataclass(frozen=True, slots=True)
class Text:
    """Running text with inline entity references, normalised on construction.

    Adjacent strings are merged and empty strings dropped, so two texts that read
    the same and reference the same entities compare equal.
    """

    segments: tuple[Segment, ...] = ()

    def __post_init__(self) -> None:
        merged: list[Segment] = []
        for segment in self.segments:
            if isinstance(segment, str):
                if not segment:
                    continue
                if merged and isinstance(merged[-1], str):
                    merged[-1] += segment
                    continue
            merged.append(segment)
        object.__setattr__(self, "segments", tuple(merged))

    @classmethod
    def of(cls, plain: str) -> Text:
        """Text without references."""
        return cls((plain,))

    @property
    def plain(self) -> str:
        """The text as the author wrote it."""
        return "".join(s if isinstance(s, str) else s.surface for s in self.segments)

    def refs(self) -> Iterator[Ref]:
        """The references, in order."""
        return (s for s in self.segments if isinstance(s, Ref))

    def __bool__(self) -> bool:
        return bool(self.segments)


class EntityKind(StrEnum):
    """What an entity is."""

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity an article refers to: its id, kind and a display name."""

    id: str
    kind: EntityKind
    name: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and when the story was filed: a place entity, its written form, a date, and
    the country or region the agency wrote after the place ("Georgia"), if any."""

    place: str
    written: str
    date: date
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Byline:
    """A person credited for the story: an author (*role* ``None``) or a credit the
    agency's sign-off names (``reporting``, ``writing``, ``editing``, ``compiling``).

    *affiliation* is whom the person writes for ("Reuters"), when the byline says it.
    """

    name: str
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Heading:
    """A subheading inside the body."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, without its quotation marks, and who said it.

    *attribution* is the phrase that follows it in print ("she said"); *speaker* is
    the entity id of the person quoted, when known.
    """

    id: str
    text: Text
    speaker: str | None = None
    attribution: Text | None = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list."""

    id: str
    items: tuple[Text, ...]
    ordered: bool = False


Block: TypeAlias = Paragraph | Heading | Quote | ListBlock


class BlockType(StrEnum):
    """A block's type as article files (``type: paragraph``) and templates name it."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"
    LIST = "list"


# Where a problem is: field names and list indexes from the article's root.
FieldPath: TypeAlias = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One invariant an article breaks, with where it is and how to mend it."""

    where: FieldPath
    problem: str
    hint: str


@dataclass(frozen=True, slots=True)
class Article:
    """One revision's content of a news story."""

    id: str
    language: str
    section: str
    source: str
    dateline: Dateline
    headline: Text
    body: tuple[Block, ...]
    standfirst: Text | None = None
    entities: tuple[Entity, ...] = field(default=())
    byline: tuple[Byline, ...] = field(default=())

    @property
    def authors(self) -> tuple[Byline, ...]:
        """The bylines without a role: the people the story is by."""
        return tuple(b for b in self.byline if b.role is None)

    def texts(self) -> Iterator[tuple[FieldPath, Text]]:
        """Every text field with its path, in reading order."""
        yield ("headline",), self.headline
        if self.standfirst is not None:
            yield ("standfirst",), self.standfirst
        for index, block in enumerate(self.body):
            match block:
                case Paragraph(text=text) | Heading(text=text):
                    yield ("body", index, "text"), text
                case Quote(text=text, attribution=attribution):
                    yield ("body", index, "text"), text
                    if attribution is not None:
                        yield ("body", index, "attribution"), attribution
                case ListBlock(items=items):
                    for item_index, item in enumerate(items):
                        yield ("body", index, "items", item_index), item
                case _:
                    assert_never(block)

    def entity(self, entity_id: str) -> Entity | None:
        """The declared entity with this id, if any."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def problems(self) -> list[Problem]:
        """Every invariant this article breaks; empty when it is valid."""
        found: list[Problem] = []
        if not ARTICLE_ID.fullmatch(self.id):
            found.append(Problem(("id",), f"invalid article id {self.id!r}", _ID_HINT))
        if not LANGUAGE_TAG.fullmatch(self.language):
            found.append(
                Problem(
                    ("language",),
                    f"invalid language tag {self.language!r}",
                    "use a BCP 47 tag such as 'en' or 'ru'",
                )
            )
        found.extend(self._entity_problems())
        found.extend(self._block_problems())
        found.extend(self._text_problems())
        return found

    def _entity_problems(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for index, entity in enumerate(self.entities):
            if not ENTITY_ID.fullmatch(entity.id):
                yield Problem(
                    ("entities", index, "id"), f"invalid entity id {entity.id!r}", _ID_HINT
                )
            if entity.id in seen:
                yield Problem(
                    ("entities", index, "id"),
                    f"entity {entity.id!r} is declared twice",
                    "declare each entity once",
                )
            seen.add(entity.id)
        declared = {e.id: e for e in self.entities}
        place = declared.get(self.dateline.place)
        if place is None:
            yield _undeclared(("dateline", "place"), self.dateline.place)
        elif place.kind is not EntityKind.PLACE:
            yield Problem(
                ("dateline", "place"),
                f"dateline place {place.id!r} is a {place.kind}, not a place",
                "name a place entity",
            )
        for index, block in enumerate(self.body):
            if isinstance(block, Quote) and block.speaker is not None:
                speaker = declared.get(block.speaker)
                if speaker is None:
                    yield _undeclared(("body", index, "speaker"), block.speaker)
        for where, text in self.texts():
            for ref in text.refs():
                if ref.entity not in declared:
                    yield _undeclared(where, ref.entity)

    def _block_problems(self) -> Iterator[Problem]:
        seen: set[str] = set()
        if not self.body:
            yield Problem(("body",), "the body has no blocks", "add at least one paragraph")
        for index, block in enumerate(self.body):
            if not BLOCK_ID.fullmatch(block.id):
                yield Problem(
                    ("body", index, "id"),
                    f"invalid block id {block.id!r}",
                    "use a lowercase letter then letters, digits or '-', e.g. 'p1'",
                )
            if block.id in seen:
                yield Problem(
                    ("body", index, "id"),
                    f"duplicate block id {block.id!r}",
                    "give every block its own id; translations point at it",
                )
            seen.add(block.id)
            if isinstance(block, ListBlock) and not block.items:
                yield Problem(("body", index, "items"), "the list is empty", "add items")

    def _text_problems(self) -> Iterator[Problem]:
        plain_fields: list[tuple[FieldPath, str]] = [
            (("section",), self.section),
            (("source",), self.source),
            (("dateline", "written"), self.dateline.written),
        ]
        plain_fields += [(("entities", i, "name"), e.name) for i, e in enumerate(self.entities)]
        if self.dateline.region is not None:
            plain_fields.append((("dateline", "region"), self.dateline.region))
        for index, byline in enumerate(self.byline):
            for key in ("name", "role", "affiliation"):
                value = getattr(byline, key)
                if value is not None:
                    plain_fields.append((("byline", index, key), value))
                    if not value.strip():
                        yield Problem(("byline", index, key), f"the byline's {key} is empty",
                                      "write it or remove the field")  # fmt: skip
        for where, text in self.texts():
            plain_fields.append((where, text.plain))
            if not text.plain.strip():
                yield Problem(where, "the text is empty", "write the text or remove the field")
            for ref in text.refs():
                if not ref.surface.strip():
                    yield Problem(
                        where, f"reference to {ref.entity!r} has no surface", "write the name"
                    )
        for where, value in plain_fields:
            bad = forbidden_character(value)
            if bad is not None:
                yield Problem(
                    where,
                    f"character {bad[1]} is not allowed in text",
                    "remove it; start a new block for a new paragraph",
                )


_ID_HINT = "use lowercase letters, digits and '-', e.g. 'sukhumi'"


def _undeclared(where: FieldPath, entity_id: str) -> Problem:
    return Problem(
        where,
        f"entity {entity_id!r} is not declared",
        f"add {{id: {entity_id}, kind: ..., name: ...}} under 'entities'",
    )


class RevisionKind(StrEnum):
    """Why a revision was made; a ``correction`` carries a public note."""

    DRAFT = "draft"
    PUBLISH = "publish"
    UPDATE = "update"
    CORRECTION = "correction"


@dataclass(frozen=True, slots=True)
class Revision:
    """One immutable revision's record: who, when, why, and its place in the hash chain.

    *content* is the sha256 of the article's canonical YAML; *parent* the ``hash`` of the
    previous revision (``None`` for the first); *hash* covers every other field.
    """

    article: str
    number: int
    time: datetime
    author: str
    kind: RevisionKind
    note: str
    content: str
    parent: str | None
    hash: str

    @property
    def is_correction(self) -> bool:
        """True for corrections, which every edition shows with their note."""
        return self.kind is RevisionKind.CORRECTION
