"""Datelines as the agencies write them: place, optional country or region, optional date,
agency — and the separators each agency uses.

=========  ==================================================
TASS       ``MOSCOW, October 4. /TASS/.`` · ``МОСКВА, 4 октября. /ТАСС/.``
Reuters    ``TBILISI, March 12 (Reuters) -`` · ``NEW DELHI/TBILISI (Reuters) -``
AP         ``TBILISI, Georgia (AP) —``
AFP        ``Tbilissi (AFP) -`` · ``TBILISI, March 12, 2025 (AFP) -``
Interfax   ``MOSCOW. March 12 (Interfax) -`` · ``Москва. 12 марта. ИНТЕРФАКС -``
dpa        ``Tiflis (dpa) -`` · ``Tiflis, 4. Oktober (dpa) -``
=========  ==================================================

Month names are Babel's (CLDR), wide and abbreviated, in each of :data:`LANGUAGES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names

from newslib.article.agencies import SPELLINGS

__all__ = ["LANGUAGES", "DatelineParts", "read_date", "read_dateline"]

# Languages whose month names a dateline may be written in, in the order they are tried.
LANGUAGES = ("en", "ru", "de", "fr", "ka", "ar", "es", "it", "uk")

_AGENCY = "|".join(re.escape(s) for s in SPELLINGS)
_DATELINE = re.compile(
    r"(?P<head>[^\W\d_](?:[^()/\n]|/(?=[^\W\d_])){0,100}?)[\s.,]*"  # NEW DELHI/TBILISI
    r"(?:/(?P<slash>[^/\n]{1,40})/\.?(?:\s*[-–—]{1,2}(?=\s))?"  # TASS: /TASS/. (or /TASS/ -)
    rf"|\(\s*(?P<paren>{_AGENCY})\s*\)\s*[-–—]{{1,2}}"  # (Reuters) -
    rf"|(?P<bare>{_AGENCY})\s*[-–—]{{1,2}})"  # Interfax: ИНТЕРФАКС -
    r"[^\S\n]*"
)
_SEPARATOR = re.compile(r",\s*|\.\s+")
_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "ст", "св", "pt", "sv"})
_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+\.?")


@dataclass(frozen=True, slots=True)
class DatelineParts:
    """A dateline read from the start of a paragraph; *end* is where the story begins."""

    place: str
    region: str | None
    month: int | None
    day: int | None
    year: int | None
    language: str | None  # the language of the month's name
    agency: str
    end: int
    unread: str | None = None  # what stands where a date would, when it cannot be read
    others: tuple[str, ...] = ()  # the other places a Reuters dateline names: NEW DELHI/TBILISI


def read_dateline(paragraph: str, languages: tuple[str, ...] = LANGUAGES) -> DatelineParts | None:
    """The dateline *paragraph* opens with, or ``None``; dates are read in *languages*, in
    that order.

    >>> parts = read_dateline("TBILISI, March 12, 2025 (AFP) - Talks began.")
    >>> parts.place, parts.month, parts.day, parts.year, parts.agency
    ('TBILISI', 3, 12, 2025, 'AFP')
    >>> read_dateline("TBILISI, Georgia (AP) — Talks began.").region
    'Georgia'
    >>> read_dateline("NEW DELHI/TBILISI, March 3 (Reuters) - Talks began.").others
    ('TBILISI',)
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    parts = _parts(match["head"])
    place, *others = (city.strip() for city in parts[0].split("/"))
    if not all(_looks_like_a_place(city) for city in (place, *others)):
        return None
    region: list[str] = []
    when: tuple[int, int, int | None, str] | None = None
    for index in range(1, len(parts)):
        when = read_date(" ".join(parts[index:]), languages)
        if when is not None:
            break
        region.append(parts[index])
    unread = None
    if when is None and region and any(c.isdigit() for c in region[-1]):
        unread = region.pop()  # "MOSCOW, Blursday 4. /TASS/.": a date, but not one we read
    if any(not _looks_like_a_place(part) for part in region):
        return None
    month, day, year, language = when if when is not None else (None, None, None, None)
    return DatelineParts(
        place=place,
        region=", ".join(region) or None,
        month=month,
        day=day,
        year=year,
        language=language,
        agency=(match["slash"] or match["paren"] or match["bare"]).strip(),
        end=match.end(),
        unread=unread,
        others=tuple(others),
    )


def read_date(
    text: str, languages: tuple[str, ...] = LANGUAGES
) -> tuple[int, int, int | None, str] | None:
    """Month, day, year (or ``None``) and language of a date such as ``March 12, 2025``,
    ``4. Oktober`` or ``12 марта``: a month name, a day and nothing else but a year or a
    weekday.

    >>> read_date("4. Oktober"), read_date("12 марта 2025 г."), read_date("Blursday 4")
    ((10, 4, None, 'de'), (3, 12, 2025, 'ru'), None)
    """
    tokens = [t.rstrip(".").casefold() for t in _TOKEN.findall(text)]
    numbers = [int(t) for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    days = [n for n in numbers if 1 <= n <= 31]
    years = [n for n in numbers if 1900 <= n <= 2100]
    if len(days) != 1 or len(numbers) != 1 + len(years) or len(years) > 1:
        return None
    for language in languages:
        months, others = _calendar_words(language)
        found = [months[w] for w in words if w in months]
        if len(found) == 1 and all(w in months or w in others for w in words):
            return found[0], days[0], years[0] if years else None, language
    return None


@cache
def _calendar_words(language: str) -> tuple[dict[str, int], frozenset[str]]:
    """Month names (wide and abbreviated, both contexts) and the other words a date may
    hold: weekdays, and the Russian year mark ``г``."""
    months: dict[str, int] = {}
    others: set[str] = {"г", "year", "de"}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            names = get_month_names(width, context, language)
            months.update({str(n).casefold().rstrip("."): m for m, n in names.items()})
            days = get_day_names(width, context, language)
            others.update(str(n).casefold().rstrip(".") for n in days.values())
    return months, frozenset(others)


def _parts(head: str) -> list[str]:
    """``ST. PETERSBURG, Russia`` → ``['ST. PETERSBURG', 'Russia']``."""
    pieces = _SEPARATOR.split(head.strip(" .,"))
    merged: list[str] = []
    for piece in pieces:
        if merged and merged[-1].casefold() in _ABBREVIATIONS:
            merged[-1] = f"{merged[-1]}. {piece}"
        else:
            merged.append(piece.strip())
    return [part for part in merged if part]


_PARTICLES = frozenset(
    {"am", "an", "im", "on", "upon", "de", "la", "le", "les", "sur", "del", "na"}
)


def _looks_like_a_place(text: str) -> bool:
    """One to four capitalised words of letters ("Frankfurt am Main", "Rostov-on-Don")."""
    words = text.replace("-", " ").split()
    return (
        1 <= len(words) <= 4
        and text[:1].isupper()
        and all(re.fullmatch(r"[^\W\d_][^\W\d_.'’]*\.?", w) for w in words)
        and all(w[0].isupper() or w in _PARTICLES for w in words)
    )
