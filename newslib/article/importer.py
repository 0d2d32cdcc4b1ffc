"""Turn plain agency copy into a structured :class:`~newslib.article.model.Article`.

It reads what newsrooms receive: an optional section line, the headline, a byline, a
standfirst, then a body whose first paragraph opens with the dateline in one of the
agencies' styles (:mod:`~newslib.article.datelines`), or, for copy without a dateline,
"headline / standfirst / body" with the place given by the caller. Subheadings are short
unpunctuated lines; a paragraph that is one quotation and its attribution becomes a
quote with its speaker (:mod:`~newslib.article.quotes`); the sign-off, desk initials and
credit lines at the end leave the body (:mod:`~newslib.article.agencies`), the credits
into the byline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import iuliia
from slugify import slugify

from newslib.article.agencies import agency, source_name
from newslib.article.body import build_blocks
from newslib.article.datelines import LANGUAGES, DatelineParts, read_dateline
from newslib.article.layout import (
    find_dateline,
    front_and_bylines,
    front_matter,
    guess_language,
    plain_layout_start,
    refuse_control_characters,
    split_paragraphs,
    without_trailers,
)
from newslib.article.model import (
    Article,
    Byline,
    Dateline,
    Entity,
    EntityKind,
    Text,
    primary_language,
)
from newslib.errors import ArticleError
from newslib.fsio import read_text

__all__ = ["Annotator", "ImportResult", "import_file", "import_text", "slug"]

_YEAR = re.compile(r"\b(19\d\d|20\d\d|2100)\b")
_DATELINE_FORMS = (
    "'MOSCOW, October 4. /TASS/.', 'TBILISI, March 12 (Reuters) -', 'TBILISI, Georgia (AP) —', "
    "'Tbilissi (AFP) -', 'MOSCOW. March 12 (Interfax) -', 'Москва. 12 марта. ИНТЕРФАКС -' or "
    "'Tiflis, 4. Oktober (dpa) -'"
)

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
    place: str | None = None,
    filed: date | None = None,
    language: str | None = None,
    source: str | None = None,
    taken: Callable[[str], bool] | None = None,
) -> ImportResult:
    """Structure plain agency copy; *annotate* marks known names when given.

    Copy without a dateline needs *place* (where it was filed). *filed* is the date when
    the dateline has none (default: today, said in the notes); *language* overrides the
    one the copy's dateline and words tell; *source* names who sent copy without an
    agency. *taken* says whether an id is used already: the id from the headline then
    gets ``-2``, ``-3``, … until it is free.
    """
    notes: list[str] = []
    text = text.removeprefix("\ufeff")  # the byte order mark Windows editors write first
    refuse_control_characters(text, path)
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise ArticleError(
            "the file is empty", path=path, line=1,
            hint="write the headline, a standfirst and the story, each after a blank line",
        )  # fmt: skip
    guess = language or guess_language(text)
    order = (guess, *(lang for lang in LANGUAGES if lang != guess)) if guess else LANGUAGES
    start, parts = find_dateline(paragraphs, order)
    if parts is None and read_dateline(paragraphs[0].text, order) is not None:
        raise ArticleError(
            "the copy opens with the dateline", path=path, line=paragraphs[0].line,
            hint="put the headline (and a standfirst) before it, each after a blank line",
        )  # fmt: skip
    if parts is None:
        if place is None:
            where = paragraphs[min(len(paragraphs) - 1, 2)]
            raise ArticleError(
                "no dateline found", path=path, line=where.line,
                hint=f"open the first paragraph of the story with a dateline such as "
                f"{_DATELINE_FORMS}, or pass --place for copy without one",
            )  # fmt: skip
        start = plain_layout_start(paragraphs, path)
    front, bylines = front_and_bylines(paragraphs[:start])
    if not front or len(front) > 3:
        where = paragraphs[start] if start < len(paragraphs) else paragraphs[0]
        raise ArticleError(
            f"expected a headline (and optionally a section line, a byline and a standfirst) "
            f"before the dateline, found {len(front)} paragraphs", path=path, line=where.line,
            hint="put the section, headline, byline and standfirst on the first lines, each "
            "after a blank line",
        )  # fmt: skip
    section, headline, standfirst = front_matter(front)
    if parts is not None and parts.unread is not None:
        raise ArticleError(
            f"cannot read the dateline date {parts.unread!r}", path=path,
            line=paragraphs[start].line,
            hint="write a day and a month name, e.g. 'October 4', '4 октября' or '4. Oktober'",
        )  # fmt: skip
    opening = paragraphs[start].text[parts.end :] if parts is not None else None
    body_texts = [p.text for p in paragraphs[start + 1 :]]
    if opening:
        body_texts.insert(0, opening)
    elif opening is None:
        body_texts.insert(0, paragraphs[start].text)
    body_texts, credits = without_trailers(body_texts, notes)
    if not body_texts:
        raise ArticleError(
            "the dateline has no story after it", path=path, line=paragraphs[start].line,
            hint="write the story after the dateline",
        )  # fmt: skip
    language = language or _language(parts, guess, notes)
    when = _filed(parts, year, filed, text, path, paragraphs[start].line, notes)
    written_place = parts.place if parts is not None else (place or "")
    if parts is not None and parts.others:
        notes.append(
            f"the dateline names {len(parts.others) + 1} places; the first, {parts.place!r}, "
            "is the dateline's place"
        )

    entities: dict[str, Entity] = {}

    def mark(passage: str) -> Text:
        if annotate is None:
            return Text.of(passage)
        marked, found = annotate(passage, language)
        for entity in found:
            entities.setdefault(entity.id, entity)
        return marked

    place_text = mark(_title(written_place))
    place_ref = next(place_text.refs(), None)
    if place_ref is None:
        notes.append(f"dateline place {written_place!r} is not in the gazetteer; declared it")
        place_id = slug(written_place, language) or "dateline-place"
        entities.setdefault(place_id, Entity(place_id, EntityKind.PLACE, _title(written_place)))
    else:
        place_id = place_ref.entity

    def declare_person(name: str) -> str | None:
        person_id = slug(name, language)
        known = entities.get(person_id)
        if not person_id or (known is not None and known.kind is not EntityKind.PERSON):
            return None
        if known is None:
            notes.append(f"speaker {name!r} is not in the gazetteer; declared a person")
            entities[person_id] = Entity(person_id, EntityKind.PERSON, name)
        return person_id

    blocks = build_blocks(body_texts, mark, entities, declare_person)
    article = Article(
        id=article_id or _unique(slug(headline, language) or "article", taken),
        language=language,
        section=section or "News",
        source=_source(parts, source, bylines, notes),
        dateline=Dateline(
            place=place_id,
            written="/".join((written_place, *parts.others)) if parts else written_place,
            date=when,
            region=parts.region if parts is not None else None,
        ),
        headline=mark(headline),
        standfirst=mark(standfirst) if standfirst else None,
        body=tuple(blocks),
        entities=tuple(sorted(entities.values(), key=lambda e: (e.kind, e.id))),
        byline=(*bylines, *credits),
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
    place: str | None = None,
    filed: date | None = None,
    language: str | None = None,
    source: str | None = None,
    taken: Callable[[str], bool] | None = None,
) -> ImportResult:
    """Read a UTF-8 text file and structure it with :func:`import_text`."""
    return import_text(
        read_text(path, error=ArticleError), article_id=article_id, year=year,
        annotate=annotate, path=str(path), place=place, filed=filed, language=language,
        source=source, taken=taken,
    )  # fmt: skip


def _language(parts: DatelineParts | None, guess: str | None, notes: list[str]) -> str:
    if parts is not None and parts.language is not None:
        return parts.language
    if guess is not None:
        return guess
    found = agency(parts.agency) if parts is not None else None
    fallback = found.language if found is not None else "en"
    notes.append(f"the language was not clear from the copy; used {fallback!r} (pass --language)")
    return fallback


def _filed(
    parts: DatelineParts | None,
    year: int | None,
    filed: date | None,
    text: str,
    path: str,
    line: int,
    notes: list[str],
) -> date:
    """The dateline's date: its day and month, with the year it gives, *year*, or the one
    the text names; else *filed*, else today."""
    if parts is None or parts.month is None or parts.day is None:
        if filed is not None:
            return filed
        today = datetime.now(UTC).date()
        notes.append(f"the copy gives no date; used today's, {today.isoformat()} (pass --date)")
        return today
    year = parts.year or year or (filed.year if filed else None)
    if year is None:
        year = _infer_year(text, parts.month, parts.day)
        notes.append(f"dateline year {year} was inferred; pass --year to set it")
    try:
        return date(year, parts.month, parts.day)
    except ValueError:
        raise ArticleError(
            f"no such date: {parts.day}.{parts.month}.{year}", path=path, line=line,
            hint="check the dateline's day and month, or pass --year",
        ) from None  # fmt: skip


def _infer_year(text: str, month: int, day: int) -> int:
    """The latest year the text names, else the year the day last fell in (wire copy
    is read when it comes in: a December dateline read in January is last year's)."""
    today = datetime.now(UTC).date()
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= today.year]
    if years:
        return max(years)
    return today.year if (month, day) <= (today.month, today.day + 1) else today.year - 1


def _source(
    parts: DatelineParts | None, source: str | None, bylines: list[Byline], notes: list[str]
) -> str:
    if parts is not None:
        return source_name(parts.agency)
    if source is not None:
        return source
    affiliation = next((b.affiliation for b in bylines if b.affiliation), None)
    if affiliation is not None:
        return affiliation
    notes.append("the copy names no agency; the source is 'Staff' (pass --source)")
    return "Staff"


def _title(place: str) -> str:
    """``TBILISI`` → ``Tbilisi``; a place written in mixed case stays as it is."""
    return place.title() if place.isupper() else place


def _unique(base: str, taken: Callable[[str], bool] | None) -> str:
    """*base*, or *base* with the first free ``-N`` when *taken* says it is used."""
    if taken is None or not taken(base):
        return base
    number = 2
    while taken(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def slug(value: str, language: str = "en", *, length: int = 60) -> str:
    """An id from *value*: transliterated, lowercase, whole words, at most *length* letters,
    not ending on a preposition, article or conjunction.

    Russian goes through iuliia's Wikipedia schema (``Лавров`` → ``lavrov``); German umlauts
    as German writes them without (``ü`` → ``ue``); other scripts through python-slugify's
    transliteration.

    >>> slug("Лавров проведёт переговоры с главами МИД Абхазии и Южной Осетии", "ru")
    'lavrov-provedyot-peregovory-s-glavami-mid-abkhazii-i-yuzhnoy'
    >>> slug("Lawrow führt Gespräche über Südossetien", "de")
    'lawrow-fuehrt-gespraeche-ueber-suedossetien'
    >>> slug("Russian and Armenian ministers to meet in St Petersburg on Monday", length=50)
    'russian-and-armenian-ministers-to-meet-in-st'
    """
    code = primary_language(language)
    if code == "ru":
        value = iuliia.WIKIPEDIA.translate(value)
    replacements = _GERMAN_LETTERS if code == "de" else ()
    words = slugify(value, max_length=length, word_boundary=True, replacements=replacements)
    kept = words.split("-")
    trailing = _FUNCTION_WORDS.get(code, frozenset())
    while len(kept) > 2 and kept[-1] in trailing:
        kept.pop()  # "…-in-st-petersburg-on" cut at "on": a dangling word says nothing
    return "-".join(kept)


# German without umlauts writes ae, oe, ue, ss (Duden), not a, o, u.
_GERMAN_LETTERS = tuple(
    [letter, plain]
    for letter, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"),
                          ("Ü", "Ue"), ("ß", "ss"))
)  # fmt: skip
# Words an id should not end on, as they read once transliterated.
_FUNCTION_WORDS = {
    "en": frozenset("a an the of to in on at for and or with from by as into over".split()),
    "de": frozenset(
        "der die das den dem des ein eine und oder nach in im zu zum zur mit von vom fuer "
        "ueber auf an am bei aus gegen".split()
    ),
    "fr": frozenset(
        "le la les de du des a au aux et ou en dans pour sur avec par qui que l d".split()
    ),
    "ru": frozenset("v vo na i s so k ko o ob ot do za po iz u dlya ili a no".split()),
}
