"""The labels an edition shows, as gettext messages (extracted by ``pybabel extract``).

Each function takes a :class:`~newslib.l10n.localizer.Localizer`, so that every label is written in
the edition's language, with its plural rules and typography.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.lists import format_list

from newslib.l10n.localizer import Localizer

__all__ = [
    "byline",
    "corrected_on",
    "correction",
    "correction_count",
    "fallback_notice",
    "machine_translation",
    "other_editions",
    "outdated_field",
    "partly_translated",
    "published",
    "quote_with_attribution",
    "revision",
    "section",
    "source",
    "stale_field",
    "stale_passages",
    "translated_from",
    "untranslated_field",
    "updated",
]


def correction(loc: Localizer, day: date, note: str) -> str:
    """``Correction (October 5, 2024): note``."""
    return loc.gettext("Correction ({date}): {note}", date=loc.long_date(day), note=note)


def correction_count(loc: Localizer, n: int) -> str:
    """``2 corrections`` with the language's plural rules (Russian has three forms)."""
    return loc.ngettext("{n} correction", "{n} corrections", n)


def corrected_on(loc: Localizer, day: date) -> str:
    """``Corrected on October 5, 2024``: the line at the top of a corrected story."""
    return loc.gettext("Corrected on {date}", date=loc.long_date(day))


def published(loc: Localizer, moment: datetime) -> str:
    """``Published Oct 4, 2024, 9:00:00 AM``, in the edition's time zone."""
    return loc.gettext("Published {datetime}", datetime=loc.moment(moment))


def updated(loc: Localizer, moment: datetime) -> str:
    """``Updated …``, in the edition's time zone."""
    return loc.gettext("Updated {datetime}", datetime=loc.moment(moment))


def translated_from(loc: Localizer, language: str) -> str:
    """Which language the edition was translated from."""
    return loc.gettext("Translated from {language}", language=loc.language_name(language))


def machine_translation(loc: Localizer) -> str:
    """The notice on machine translations nobody has reviewed."""
    return loc.gettext("Machine translation, not reviewed")


def fallback_notice(loc: Localizer, language: str) -> str:
    """Said where the body is shown in its original language for want of a translation."""
    return loc.gettext(
        "The text below is the original in {language}; "
        "a translation into this language is not available yet.",
        language=loc.language_name(language),
    )


def partly_translated(loc: Localizer, language: str, n: int) -> str:
    """Said where *n* passages of a translated page are shown in the original."""
    return loc.ngettext(
        "Partly translated from {language}: {n} passage is shown in the original.",
        "Partly translated from {language}: {n} passages are shown in the original.",
        n,
        language=loc.language_name(language),
    )


def stale_passages(loc: Localizer, n: int) -> str:
    """Said where *n* passages show translations made before the original changed."""
    return loc.ngettext(
        "{n} passage was translated before the original changed.",
        "{n} passages were translated before the original changed.",
        n,
    )


def stale_field(loc: Localizer) -> str:
    """The marker of a passage whose translation was made before the original changed."""
    return loc.gettext("The original has changed since this was translated.")


def untranslated_field(loc: Localizer, language: str) -> str:
    """The marker of a passage shown in the original: it has no translation yet."""
    return loc.gettext(
        "Not translated yet; shown in the original ({language}).",
        language=loc.language_name(language),
    )


def outdated_field(loc: Localizer, language: str) -> str:
    """The marker of a passage shown in the original: its translation is out of date."""
    return loc.gettext(
        "The translation is out of date; shown in the original ({language}).",
        language=loc.language_name(language),
    )


def byline(loc: Localizer, names: list[str]) -> str:
    """``By Jane Doe and John Roe``: the names joined as the language lists them."""
    joined = format_list(names, locale=loc.locale)
    return loc.ngettext("By {names}", "By {names}", len(names), names=joined)


def source(loc: Localizer, name: str) -> str:
    """``Source: TASS``."""
    return loc.gettext("Source: {source}", source=name)


def section(loc: Localizer, name: str) -> str:
    """A section name, translated where the catalog knows it ("All news")."""
    return loc.pgettext("section", name)


def revision(loc: Localizer, number: int) -> str:
    """``Revision 2``."""
    return loc.gettext("Revision {number}", number=loc.number(number))


def other_editions(loc: Localizer) -> str:
    """The heading of the links to the other editions of an article."""
    return loc.gettext("Other editions")


def quote_with_attribution(loc: Localizer, quotation: str, attribution: str | None) -> str:
    """A quotation and who said it, in the language's agency style.

    English puts the comma inside the marks (``"We will help," Lavrov said.``); Russian
    puts it after them, with a dash (``«Мы готовы помочь», — сказал Лавров.``), and a
    quotation standing alone ends with its full stop after the marks (``«Мы готовы».``).
    """
    if attribution is None:
        if loc.language in _STOP_AFTER_THE_MARKS and _ends_with_one_stop(quotation):
            return loc.quote(quotation[:-1]) + "."
        return loc.quote(quotation)
    if loc.language == "en":
        if quotation.endswith("."):
            quotation = quotation[:-1] + ","
    elif quotation.endswith("."):
        quotation = quotation[:-1]
    return loc.pgettext(
        "quote", "{quote} {attribution}.", quote=loc.quote(quotation), attribution=attribution
    )


# Languages whose full stop follows the closing quotation mark (Rosenthal's rule for Russian,
# shared by Ukrainian and Belarusian typography); "?", "!" and "…" stay inside.
_STOP_AFTER_THE_MARKS = frozenset({"ru", "uk", "be"})


def _ends_with_one_stop(text: str) -> bool:
    return text.endswith(".") and not text.endswith("..")


# Section names come from content; this marks the common ones for pybabel to extract.
def _mark_sections(loc: Localizer) -> list[str]:  # pragma: no cover - for extraction only
    return [
        loc.pgettext("section", "All news"),
        loc.pgettext("section", "World"),
        loc.pgettext("section", "Politics"),
    ]
