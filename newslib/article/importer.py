"""Turn plain agency copy into a structured :class:`~newslib.article.model.Article`.

The layout it reads is the wire services' plain text: an optional section line, the
headline, a standfirst, then a body whose first paragraph opens with the dateline
("MOSCOW, October 4. /TASS/."). Subheadings are short unpunctuated lines; a paragraph
that is one quotation followed by "…, she said." becomes a quote with its speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import assert_never

import iuliia
from babel.dates import get_month_names
from slugify import slugify

from newslib.article.model import (
    Article,
    Block,
    Dateline,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Text,
    primary_language,
)
from newslib.errors import ArticleError
from newslib.fsio import read_text

__all__ = ["Annotator", "ImportResult", "import_file", "import_text"]

# Languages whose month names the dateline may be written in.
DATELINE_LANGUAGES = ("en", "ru", "de", "fr", "ka", "ar", "es", "it", "uk")

_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*),\s+"
    r"(?P<when>[^./\n]{3,40})\.\s+/(?P<source>[^/\n]{1,40})/\.\s*"
)
_QUOTE = re.compile(
    r"[\"“](?P<quote>[^\"“”]+?)(?P<stop>[,?!])[\"”]\s+(?P<attribution>[^\"“”]{2,80}?)\.",
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d|2100)\b")
_PRONOUNS = frozenset({"he", "she", "they", "он", "она", "они", "er", "sie", "il", "elle"})
_TERMINAL = tuple(".!?:;…\"”»’'")

# Marks the names in a passage written in a language; returns the text and their entities.
Annotator = Callable[[str, str], tuple[Text, Iterable[Entity]]]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The article, and notes about guesses the importer made (for a human to check)."""

    article: Article
    notes: tuple[str, ...] = field(default=())


def import_text(
    text: str,
    *,
    article_id: str | None = None,
    year: int | None = None,
    annotate: Annotator | None = None,
    path: str = "<text>",
) -> ImportResult:
    """Structure plain agency copy; *annotate* marks known names when given."""
    notes: list[str] = []
    paragraphs = _paragraphs(text)
    start = next((i for i, p in enumerate(paragraphs) if _DATELINE.match(p)), None)
    if start is None:
        raise ArticleError(
            "no dateline found",
            path=path,
            hint="the first body paragraph must open like 'MOSCOW, October 4. /TASS/.'",
        )
    front = paragraphs[:start]
    if not front or len(front) > 3:
        raise ArticleError(
            f"expected a headline (and optionally a section line and a standfirst) before "
            f"the dateline, found {len(front)} paragraphs",
            path=path,
            hint="put the section, headline and standfirst on the first lines",
        )
    section, headline, standfirst = _front_matter(front)
    match = _DATELINE.match(paragraphs[start])
    assert match is not None
    language, month, day = _parse_when(match["when"], path)
    if year is None:
        year = _infer_year(text, path)
        notes.append(f"dateline year {year} was inferred from the text; pass --year to set it")
    try:
        when = date(year, month, day)
    except ValueError:
        raise ArticleError(f"no such date: {match['when']} {year}", path=path) from None
    body_texts = [paragraphs[start][match.end() :], *paragraphs[start + 1 :]]

    entities: dict[str, Entity] = {}

    def mark(passage: str) -> Text:
        if annotate is None:
            return Text.of(passage)
        marked, found = annotate(passage, language)
        for entity in found:
            entities.setdefault(entity.id, entity)
        return marked

    place_text = mark(match["place"].title())
    place_ref = next(place_text.refs(), None)
    if place_ref is None:
        notes.append(f"dateline place {match['place']!r} is not in the gazetteer; declared it")
        place_id = slug(match["place"], language) or "dateline-place"
        entities.setdefault(place_id, Entity(place_id, EntityKind.PLACE, match["place"].title()))
    else:
        place_id = place_ref.entity

    blocks = _blocks(body_texts, mark, entities)
    article = Article(
        id=article_id or slug(headline, language) or "article",
        language=language,
        section=section or "News",
        source=match["source"].strip(),
        dateline=Dateline(place=place_id, written=match["place"], date=when),
        headline=mark(headline),
        standfirst=mark(standfirst) if standfirst else None,
        body=tuple(blocks),
        entities=tuple(sorted(entities.values(), key=lambda e: (e.kind, e.id))),
    )
    if section is None:
        notes.append("no section line; used 'News'")
    problems = article.problems()
    if problems:
        raise ArticleError(problems[0].problem, path=path, hint=problems[0].hint)
    return ImportResult(article, tuple(notes))


def import_file(
    path: str | Path,
    *,
    article_id: str | None = None,
    year: int | None = None,
    annotate: Annotator | None = None,
) -> ImportResult:
    """Read a UTF-8 text file and structure it with :func:`import_text`."""
    return import_text(
        read_text(path), article_id=article_id, year=year, annotate=annotate, path=str(path)
    )


def _paragraphs(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    chunks = re.split(r"\n[^\S\n]*\n", text)
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def _front_matter(front: list[str]) -> tuple[str | None, str, str | None]:
    if len(front) == 3:
        return front[0], front[1], front[2]
    if len(front) == 2:
        return None, front[0], front[1]
    return None, front[0], None


def _parse_when(when: str, path: str) -> tuple[str, int, int]:
    words = [w.strip(",").casefold() for w in when.split()]
    day = next((int(w.rstrip(".")) for w in words if w.rstrip(".").isdigit()), None)
    for language in DATELINE_LANGUAGES:
        months: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names = get_month_names(width, context, language)
                months.update({str(n).casefold().rstrip("."): m for m, n in names.items()})
        month = next((months[w.rstrip(".")] for w in words if w.rstrip(".") in months), None)
        if month is not None and day is not None:
            return language, month, day
    raise ArticleError(
        f"cannot read the dateline date {when!r}",
        path=path,
        hint="write a day and a month name, e.g. 'October 4' or '4 октября'",
    )


def _infer_year(text: str, path: str) -> int:
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= date.today().year]
    if not years:
        raise ArticleError(
            "the dateline has no year and the text names none", path=path, hint="pass --year"
        )
    return max(years)


def _blocks(
    texts: list[str], mark: Callable[[str], Text], entities: dict[str, Entity]
) -> list[Block]:
    counters = {"p": 0, "h": 0, "q": 0}
    last_person: str | None = None
    blocks: list[Block] = []

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    for index, passage in enumerate(texts):
        is_last = index == len(texts) - 1
        quote = _QUOTE.fullmatch(passage)
        if index > 0 and not is_last and _looks_like_heading(passage):
            blocks.append(Heading(next_id("h"), mark(passage)))
        elif quote is not None:
            stop = "." if quote["stop"] == "," else quote["stop"]
            attribution = mark(quote["attribution"])
            speaker = _speaker(attribution, entities, last_person)
            text = mark(quote["quote"] + stop)
            blocks.append(Quote(next_id("q"), text, speaker=speaker, attribution=attribution))
        else:
            text = mark(passage)
            blocks.append(Paragraph(next_id("p"), text))
        last_person = _last_person(blocks[-1], entities) or last_person
    return blocks


def _looks_like_heading(passage: str) -> bool:
    return len(passage.split()) <= 10 and not passage.endswith(_TERMINAL)


def _speaker(attribution: Text, entities: dict[str, Entity], last_person: str | None) -> str | None:
    for ref in attribution.refs():
        if entities.get(ref.entity) and entities[ref.entity].kind is EntityKind.PERSON:
            return ref.entity
    words = {w.casefold() for w in attribution.plain.split()}
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


def slug(value: str, language: str = "en", *, length: int = 60) -> str:
    """An id from *value*: transliterated, lowercase, whole words, at most *length* letters.

    Russian goes through iuliia's Wikipedia schema (``Лавров`` → ``lavrov``); other
    scripts through python-slugify's transliteration.

    >>> slug("Лавров проведёт переговоры с главами МИД Абхазии и Южной Осетии", "ru")
    'lavrov-provedyot-peregovory-s-glavami-mid-abkhazii-i-yuzhnoy'
    >>> slug("Lawrow führt Gespräche über Südossetien", "de")
    'lawrow-fuhrt-gesprache-uber-sudossetien'
    """
    if primary_language(language) == "ru":
        value = iuliia.WIKIPEDIA.translate(value)
    return slugify(value, max_length=length, word_boundary=True)
