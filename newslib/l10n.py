"""Localisation over Babel: datelines and dates in each locale's conventions."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_skeleton

__all__ = ["format_dateline", "parse_locale"]


def parse_locale(locale: str | Locale) -> Locale:
    """Normalise a locale given as ``Locale`` or a tag such as ``"ru"`` or ``"de-AT"``."""
    if isinstance(locale, Locale):
        return locale
    return Locale.parse(locale, sep="-" if "-" in locale else "_")


def format_dateline(place: str, day: date, source: str, locale: str | Locale = "en") -> str:
    """The agency dateline: ``MOSCOW, October 4. /TASS/.``

    >>> from datetime import date
    >>> format_dateline("Moscow", date(2024, 10, 4), "TASS")
    'MOSCOW, October 4. /TASS/.'
    >>> format_dateline("Москва", date(2024, 10, 4), "ТАСС", "ru")
    'МОСКВА, 4 октября. /ТАСС/.'
    """
    when = format_skeleton("MMMMd", day, locale=parse_locale(locale))
    return f"{place.upper()}, {when}. /{source}/."
