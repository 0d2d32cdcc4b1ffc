"""Localisation over Babel: locales and fallbacks, datelines, dates, numbers, lists,
quotation marks, French spacing, gettext labels, text direction.

Labels come from gettext catalogs ``locales/<lang>/LC_MESSAGES/newslib.po``, read at run
time (no compile step, no binary files in the repository; a catalog is parsed in a few
milliseconds and cached). Where CLDR data is thin, the fallback is explicit: Abkhaz and
Ossetic editions take their labels from Russian, then English (Babel has their month names,
so dates stay in the language); every chain ends in English.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from babel import Locale
from babel import UnknownLocaleError as BabelUnknownLocale
from babel.dates import (
    format_date,
    format_datetime,
    format_skeleton,
    format_timedelta,
    get_timezone,
)
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from newslib.errors import UnknownLocaleError, UsageError
from newslib.l10n.cldr_quotes import QUOTES, ROOT

__all__ = [
    "LABEL_LANGUAGES",
    "Localizer",
    "fallback_chain",
    "locales_dir",
    "parse_locale",
    "parse_timezone",
    "quotation_marks",
    "text_direction",
]

# Languages with a catalog of labels, and where the others take theirs from.
LABEL_LANGUAGES = ("en", "ru", "de", "fr", "ka", "ar")
EXPLICIT_FALLBACKS = {"ab": ("ru",), "os": ("ru",)}


def parse_locale(locale: str | Locale) -> Locale:
    """A Babel locale from ``"ru"``, ``"de-AT"`` or ``"de_AT"``; a clear error if unknown."""
    if isinstance(locale, Locale):
        return locale
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (BabelUnknownLocale, ValueError, TypeError):
        raise UnknownLocaleError(
            f"unknown locale {locale!r}: use a CLDR locale such as 'en', 'ru', 'de-AT' or 'ka'"
        ) from None


def parse_timezone(name: str) -> tzinfo:
    """An IANA time zone (``Europe/Moscow``); a clear error for anything else."""
    try:
        return get_timezone(name)
    except (LookupError, ValueError, OSError):
        raise UsageError(
            f"unknown time zone {name[:80]!r}: use an IANA name such as 'Europe/Moscow' or 'UTC'"
        ) from None


def fallback_chain(locale: str | Locale) -> tuple[str, ...]:
    """Where labels come from, most specific first: ``de_AT → de → en``; ``ab → ru → en``."""
    parsed = parse_locale(locale)
    chain: list[str] = []
    if parsed.territory or parsed.script:
        chain.append(str(parsed))
    chain.append(parsed.language)
    chain.extend(EXPLICIT_FALLBACKS.get(parsed.language, ()))
    chain.append("en")
    return tuple(dict.fromkeys(chain))


def quotation_marks(locale: str | Locale) -> tuple[str, str, str, str]:
    """CLDR's outer and inner quotation marks: ``(“, ”, ‘, ’)`` for English."""
    parsed = parse_locale(locale)
    for key in (str(parsed), parsed.language):
        if key in QUOTES:
            return QUOTES[key]
    return ROOT


def text_direction(locale: str | Locale) -> str:
    """``rtl`` for a right-to-left locale, else ``ltr``: Babel's ``Locale.text_direction``,
    where HTML, which has no top-to-bottom (Mongolian script), is given ``ltr``.

    >>> text_direction("ar"), text_direction("ka"), text_direction("pa-Arab")
    ('rtl', 'ltr', 'rtl')
    """
    return "rtl" if parse_locale(locale).text_direction == "rtl" else "ltr"


def locales_dir() -> Path:
    """Where the catalogs are: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).parent.parent
    installed = package / "locales"
    return installed if installed.is_dir() else package.parent / "locales"


@cache
def _compiled(language: str) -> bytes | None:
    """The catalog of *language*, read from its .po and compiled in memory."""
    path = locales_dir() / language / "LC_MESSAGES" / "newslib.po"
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    except FileNotFoundError:
        return None
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@cache
def _translations(locale: str) -> gettext.NullTranslations:
    """The labels of *locale*, falling back along :func:`fallback_chain`."""
    chain = [
        gettext.GNUTranslations(io.BytesIO(data))
        for language in fallback_chain(locale)
        if (data := _compiled(language)) is not None
    ]
    if not chain:
        return gettext.NullTranslations()
    for catalog, fallback in pairwise(chain):
        catalog.add_fallback(fallback)
    return chain[0]


_NO_CAPITAL_DATELINES = frozenset({"ka"})
_FRENCH_THIN = re.compile(r"[ \u00a0]?([;!?])")
_FRENCH_COLON = re.compile(r"(?<=\S)[ \u00a0]?(:)(?=\s|$)")
_FRENCH_GUILLEMETS = (re.compile(r"«[ \u00a0\u202f]?"), re.compile(r"[ \u00a0\u202f]?»"))


@dataclass(frozen=True)
class Localizer:
    """Everything locale-specific about an edition's pages."""

    locale: Locale
    timezone: tzinfo
    dateline_pattern: str | None = None  # overrides the catalog's pattern

    @classmethod
    def for_edition(
        cls,
        locale: str | Locale,
        timezone: str | tzinfo = "UTC",
        dateline_pattern: str | None = None,
    ) -> Localizer:
        """A localizer for *locale* with times shown in *timezone*."""
        zone = parse_timezone(timezone) if isinstance(timezone, str) else timezone
        return cls(parse_locale(locale), zone, dateline_pattern)

    @property
    def tag(self) -> str:
        """The BCP 47 tag: ``de-AT``."""
        return str(self.locale).replace("_", "-")

    @property
    def language(self) -> str:
        """The language subtag: ``de``."""
        return str(self.locale.language)

    @property
    def direction(self) -> str:
        """``rtl`` for right-to-left scripts (Arabic), else ``ltr``."""
        return text_direction(self.locale)

    # ------------------------------------------------------------------ labels

    def gettext(self, message: str, **values: Any) -> str:
        """A translated label with ``{placeholders}`` filled in."""
        return self.typography(_fill(_translations(str(self.locale)).gettext(message), values))

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """A translated label in a context (``section``, ``dateline``…)."""
        translated = _translations(str(self.locale)).pgettext(context, message)
        return self.typography(_fill(translated, values))

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """A label in the plural form the number needs (Russian has three)."""
        translated = _translations(str(self.locale)).ngettext(singular, plural, n)
        return self.typography(translated.format(n=self.number(n), **values))

    def language_name(self, language: str) -> str:
        """The name of *language* in this locale: ``английский``."""
        return str(parse_locale(language).get_display_name(self.locale) or language)

    # ------------------------------------------------------------------ dates, numbers, lists

    def day_month(self, day: date) -> str:
        """Day and month in the locale's form (``4 октября``: the genitive month)."""
        return str(format_skeleton("MMMMd", day, locale=self.locale))

    def long_date(self, day: date) -> str:
        """A full date: ``October 5, 2024``, ``5 октября 2024 г.``."""
        return str(format_date(day, "long", locale=self.locale))

    def moment(self, moment: datetime) -> str:
        """A moment in the edition's time zone, medium length, with the zone."""
        return str(format_datetime(moment, "long", tzinfo=self.timezone, locale=self.locale))

    def iso(self, moment: datetime) -> str:
        """A moment as ISO 8601 in the edition's time zone (for ``<time datetime>``)."""
        return moment.astimezone(self.timezone).isoformat()

    def relative(self, moment: datetime, now: datetime) -> str:
        """``3 hours ago`` in the locale."""
        delta: timedelta = moment - now
        return str(format_timedelta(delta, add_direction=True, locale=self.locale))

    def number(self, value: float) -> str:
        """A number with the locale's digits and separators."""
        return str(format_decimal(value, locale=self.locale))

    def join(self, items: Sequence[str]) -> str:
        """``a, b and c`` in the locale."""
        return str(format_list(list(items), locale=self.locale))

    # ------------------------------------------------------------------ datelines

    def dateline(self, place: str, day: date, agency: str) -> str:
        """The agency dateline: ``MOSCOW, October 4. /TASS/.`` or ``МОСКВА, 4 октября. /ТАСС/.``

        >>> Localizer.for_edition("en").dateline("Moscow", date(2024, 10, 4), "TASS")
        'MOSCOW, October 4. /TASS/.'
        >>> Localizer.for_edition("ru").dateline("Москва", date(2024, 10, 4), "ТАСС")
        'МОСКВА, 4 октября. /ТАСС/.'
        """
        # Georgian capitals (Mtavruli) are not used for emphasis in running copy.
        capitals = place if self.language in _NO_CAPITAL_DATELINES else place.upper()
        values = {"place": capitals, "date": self.day_month(day), "agency": agency}
        if self.dateline_pattern is not None:
            return self.typography(self.dateline_pattern.format(**values))
        return self.pgettext("dateline", "{place}, {date}. /{agency}/.", **values)

    @staticmethod
    def check_dateline_pattern(pattern: str) -> None:
        """Refuse a dateline pattern that names other fields than place, date and agency.

        >>> Localizer.check_dateline_pattern("{place}, {date} ({agency})")
        >>> Localizer.check_dateline_pattern("{nope}")
        Traceback (most recent call last):
        ...
        newslib.errors.UsageError: a dateline pattern may name {place}, {date} and {agency} only
        """
        try:
            pattern.format(place="", date="", agency="")
        except (KeyError, IndexError, ValueError, AttributeError):
            raise UsageError(
                "a dateline pattern may name {place}, {date} and {agency} only"
            ) from None

    # ------------------------------------------------------------------ typography

    def quote(self, text: str, *, inner: bool = False) -> str:
        """*text* between the locale's quotation marks, nested quotes given inner marks."""
        start, end, inner_start, inner_end = quotation_marks(self.locale)
        if inner:
            start, end = inner_start, inner_end
        else:
            text = self.nested_quotes(text)
        return self.typography(f"{start}{text}{end}")

    def nested_quotes(self, text: str) -> str:
        """Straight or English quotes inside a quotation become the locale's inner marks."""
        _, _, inner_start, inner_end = quotation_marks(self.locale)
        text = re.sub(
            r'"([^"]+)"|“([^”]+)”', lambda m: f"{inner_start}{m[1] or m[2]}{inner_end}", text
        )
        return re.sub(
            r"(?<![\w])['‘]([^'‘’]+?)['’](?![\w])",
            lambda m: f"{inner_start}{m[1]}{inner_end}",
            text,
        )

    def requote(self, text: str) -> str:
        """Straight and English double quotes in running text become the locale's marks."""
        start, end, _, _ = quotation_marks(self.locale)
        return re.sub(r'"([^"]+)"|“([^”]+)”', lambda m: f"{start}{m[1] or m[2]}{end}", text)

    def typography(self, text: str) -> str:
        """Locale typography: French spaces before ; : ! ? and inside « »."""
        if self.language != "fr":
            return text
        text = _FRENCH_THIN.sub("\u202f\\1", text)
        text = _FRENCH_COLON.sub("\u00a0\\1", text)
        opening, closing = _FRENCH_GUILLEMETS
        text = opening.sub("«\u202f", text)
        return closing.sub("\u202f»", text)

    def isolate(self, text: str) -> str:
        """Bidi-isolate *text* (a left-to-right name) inside right-to-left text."""
        if self.direction == "rtl" and any(c.isascii() and c.isalpha() for c in text):
            return f"\u2068{text}\u2069"
        return text


def _fill(label: str, values: dict[str, Any]) -> str:
    """*label* with its placeholders filled; a label without values may be content (a
    section name with a brace) and is left as it is."""
    return label.format(**values) if values else label
