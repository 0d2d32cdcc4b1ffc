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
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import assert_never

import iuliia
from slugify import slugify

from newslib.article.agencies import agency, read_trailer, source_name
from newslib.article.bylines import read_byline
from newslib.article.datelines import LANGUAGES, DatelineParts, read_dateline
from newslib.article.model import (
    Article,
    Block,
    Byline,
    Dateline,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Text,
    forbidden_character,
    primary_language,
)
from newslib.article.quotes import read_quote
from newslib.errors import ArticleError
from newslib.fsio import read_text

__all__ = ["Annotator", "ImportResult", "import_file", "import_text", "slug"]

_YEAR = re.compile(r"\b(19\d\d|20\d\d|2100)\b")
_PRONOUNS = frozenset({"he", "she", "they", "он", "она", "они", "er", "sie", "il", "elle"})
_TERMINAL = tuple(".!?:;…\"”»’'“«")
_INLINE_CREDITS = re.compile(
    r"\s*(\((?:Additional reporting|Reporting|Writing|Editing|Compiled) by [^()]*\)"
    r"|©\s*(?:\d{4}\s+)?AFP)\s*$",
    re.IGNORECASE,
)
# Words common in running text, by language: how copy without a month name tells its language.
_COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "said", "was", "with", "for", "on"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "sagte", "von", "den", "zu", "sich"},
    "fr": {"le", "la", "les", "et", "des", "est", "du", "une", "que", "dans", "pour", "a"},
    "es": {"el", "los", "las", "y", "del", "que", "en", "una", "por", "dijo", "se", "con"},
    "it": {"il", "gli", "della", "che", "di", "e", "una", "per", "non", "ha", "sono", "con"},
}
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


@dataclass(frozen=True, slots=True)
class _Paragraph:
    line: int  # where it starts in the file, 1-based
    text: str


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
    _refuse_control_characters(text, path)
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise ArticleError(
            "the file is empty", path=path, line=1,
            hint="write the headline, a standfirst and the story, each after a blank line",
        )  # fmt: skip
    guess = language or _guess_language(text)
    order = (guess, *(lang for lang in LANGUAGES if lang != guess)) if guess else LANGUAGES
    start, parts = _find_dateline(paragraphs, order)
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
        start = _plain_layout_start(paragraphs, path)
    front, bylines = _front_and_bylines(paragraphs[:start])
    if not front or len(front) > 3:
        where = paragraphs[start] if start < len(paragraphs) else paragraphs[0]
        raise ArticleError(
            f"expected a headline (and optionally a section line, a byline and a standfirst) "
            f"before the dateline, found {len(front)} paragraphs", path=path, line=where.line,
            hint="put the section, headline, byline and standfirst on the first lines, each "
            "after a blank line",
        )  # fmt: skip
    section, headline, standfirst = _front_matter(front)
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
    body_texts, credits = _without_trailers(body_texts, notes)
    if not body_texts:
        raise ArticleError(
            "the dateline has no story after it", path=path, line=paragraphs[start].line,
            hint="write the story after the dateline",
        )  # fmt: skip
    language = language or _language(parts, guess, notes)
    when = _filed(parts, year, filed, text, path, paragraphs[start].line, notes)
    written_place = parts.place if parts is not None else (place or "")

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

    blocks = _blocks(body_texts, mark, entities)
    article = Article(
        id=article_id or _unique(slug(headline, language) or "article", taken),
        language=language,
        section=section or "News",
        source=_source(parts, source, bylines, notes),
        dateline=Dateline(
            place=place_id,
            written=written_place,
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


def _refuse_control_characters(text: str, path: str) -> None:
    """Binary data, or text with NULs and other control characters, is not copy."""
    for index, char in enumerate(text):
        if char in "\n\r\t":
            continue
        bad = forbidden_character(char)
        if bad is not None:
            raise ArticleError(
                f"character {bad[1]} is not allowed in copy (is this a binary file?)",
                path=path, line=text.count("\n", 0, index) + 1,
                column=index - text.rfind("\n", 0, index),
                hint="import plain UTF-8 text",
            )  # fmt: skip


def _paragraphs(text: str) -> list[_Paragraph]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    found: list[_Paragraph] = []
    line, lines = 1, list[str]()
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            if not lines:
                line = number
            lines.append(raw)
        elif lines:
            found.append(_Paragraph(line, " ".join(" ".join(lines).split())))
            lines = []
    if lines:
        found.append(_Paragraph(line, " ".join(" ".join(lines).split())))
    return found


def _guess_language(text: str) -> str | None:
    """The language the copy's script or common words tell, if they tell one."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if not letters:
        return None

    def share(low: str, high: str) -> float:
        return sum(low <= c <= high for c in letters) / len(letters)

    if share("\u0400", "\u04ff") > 0.5:
        return "uk" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"
    if share("\u10a0", "\u10ff") > 0.5:
        return "ka"
    if share("\u0600", "\u06ff") > 0.5:
        return "ar"
    words = re.findall(r"[^\W\d_]+", text[:20_000].casefold())
    scores = {lang: sum(w in common for w in words) for lang, common in _COMMON_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    rest = max(v for lang, v in scores.items() if lang != best)
    return best if scores[best] >= 3 and scores[best] >= 1.5 * rest else None


def _find_dateline(
    paragraphs: list[_Paragraph], languages: tuple[str, ...]
) -> tuple[int, DatelineParts | None]:
    for index, paragraph in enumerate(paragraphs[:8]):
        parts = read_dateline(paragraph.text, languages)
        if parts is not None and index > 0:
            return index, parts
    return 0, None


def _plain_layout_start(paragraphs: list[_Paragraph], path: str) -> int:
    """Where the body starts in "headline / byline / standfirst / body" copy."""

    def past_bylines(index: int) -> int:
        while index < len(paragraphs) and read_byline(paragraphs[index].text):
            index += 1
        return index

    index = past_bylines(1)
    if len(paragraphs) - index >= 2:  # a standfirst, then perhaps the byline
        index = past_bylines(index + 1)
    if index >= len(paragraphs):
        raise ArticleError(
            "expected a headline, a standfirst and the story, found only "
            f"{len(paragraphs)} paragraph(s)", path=path, line=paragraphs[-1].line,
            hint="separate the headline, the standfirst and each paragraph with a blank line",
        )  # fmt: skip
    return index


def _front_and_bylines(front: list[_Paragraph]) -> tuple[list[str], list[Byline]]:
    """The section, headline and standfirst, and the bylines among them (never the first)."""
    kept: list[str] = []
    bylines: list[Byline] = []
    for index, paragraph in enumerate(front):
        found = read_byline(paragraph.text) if index > 0 else ()
        if found:
            bylines.extend(found)
        else:
            kept.append(paragraph.text)
    return kept, bylines


def _front_matter(front: list[str]) -> tuple[str | None, str, str | None]:
    if len(front) == 3:
        return front[0], front[1], front[2]
    if len(front) == 2:
        if _looks_like_a_section(front[0], front[1]):  # "Politics / Lavrov to hold talks"
            return front[0], front[1], None
        return None, front[0], front[1]
    return None, front[0], None


def _looks_like_a_section(first: str, second: str) -> bool:
    """A section line is a word or three, unpunctuated, over a headline at least twice
    as long (a headline over its standfirst is seldom three words)."""
    words = len(first.split())
    return words <= 3 and not first.endswith(_TERMINAL) and len(second.split()) >= 2 * words + 2


def _without_trailers(texts: list[str], notes: list[str]) -> tuple[list[str], list[Byline]]:
    """The body without the sign-off, desk initials and credit lines it ends with, and the
    credits they name."""
    texts = list(texts)
    credits: list[Byline] = []
    while texts:
        trailer = read_trailer(texts[-1])
        if trailer is None:
            inline = _INLINE_CREDITS.search(texts[-1])
            if inline is None or inline.start() == 0:
                break
            texts[-1], tail = texts[-1][: inline.start()], inline[1]
            trailer = read_trailer(tail)
            if trailer is None:
                break
        else:
            texts.pop()
        credits[:0] = trailer.credits
        kept = " (kept as credits in the byline)" if trailer.credits else ""
        notes.append(f"removed {trailer.what} from the end of the body{kept}")
    return texts, credits


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
    return len(passage.split()) <= 10 and not passage.endswith(_TERMINAL)


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
