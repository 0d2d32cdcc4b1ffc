"""Datelines in each agency's style: place, region, date (month names in each language,
Babel's), agency; and what is not a dateline."""

from __future__ import annotations

import pytest

from newslib.article.datelines import read_date, read_dateline


@pytest.mark.parametrize(
    ("text", "place", "region", "date", "language", "agency", "rest"),
    [
        ("MOSCOW, October 4. /TASS/. The minister", "MOSCOW", None, (10, 4, None), "en", "TASS",
         "The minister"),
        ("МОСКВА, 4 октября. /ТАСС/. Министр", "МОСКВА", None, (10, 4, None), "ru", "ТАСС",
         "Министр"),
        ("TBILISI, March 12 (Reuters) - Georgia", "TBILISI", None, (3, 12, None), "en",
         "Reuters", "Georgia"),
        ("TBILISI, Georgia (AP) — Thousands", "TBILISI", "Georgia", None, None, "AP",
         "Thousands"),
        ("ST. PETERSBURG, Russia (AP) — A court", "ST. PETERSBURG", "Russia", None, None, "AP",
         "A court"),
        ("Tbilissi (AFP) - La Géorgie", "Tbilissi", None, None, None, "AFP", "La Géorgie"),
        ("TBILISI, March 12, 2025 (AFP) - Georgia", "TBILISI", None, (3, 12, 2025), "en", "AFP",
         "Georgia"),
        ("Tbilissi, 12 mars (AFP) - La Géorgie", "Tbilissi", None, (3, 12, None), "fr", "AFP",
         "La Géorgie"),
        ("MOSCOW. March 12 (Interfax) - Russia", "MOSCOW", None, (3, 12, None), "en",
         "Interfax", "Russia"),
        ("Москва. 12 марта. ИНТЕРФАКС - Россия", "Москва", None, (3, 12, None), "ru",
         "ИНТЕРФАКС", "Россия"),
        ("Tiflis (dpa) - Tausende", "Tiflis", None, None, None, "dpa", "Tausende"),
        ("Tiflis, 4. Oktober (dpa) - Der", "Tiflis", None, (10, 4, None), "de", "dpa", "Der"),
        ("Frankfurt am Main (dpa) – Die", "Frankfurt am Main", None, None, None, "dpa", "Die"),
    ],
)  # fmt: skip
def test_each_agencys_dateline(
    text: str,
    place: str,
    region: str | None,
    date: tuple[int, int, int | None] | None,
    language: str | None,
    agency: str,
    rest: str,
) -> None:
    parts = read_dateline(text)
    assert parts is not None
    assert (parts.place, parts.region, parts.agency) == (place, region, agency)
    got = (parts.month, parts.day, parts.year) if parts.month else None
    assert (got, parts.language) == (date, language)
    assert text[parts.end :] == rest


def test_a_month_both_languages_share_is_read_in_the_language_asked_first() -> None:
    """ "12. September" is German copy's as much as English copy's."""
    parts = read_dateline("Tiflis, 12. September (dpa) - Die", ("de", "en"))
    assert parts is not None and parts.language == "de"


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov said (Reuters) - nothing",  # a sentence
        "The talks (in Moscow) ended on Friday.",
        "Tbilisi - the capital of Georgia",  # a dash, but no agency
        "MOSCOW, October 4. The minister said",  # no agency
    ],
)
def test_what_is_not_a_dateline(text: str) -> None:
    assert read_dateline(text) is None


def test_a_date_it_cannot_read_is_kept_for_the_error() -> None:
    parts = read_dateline("MOSCOW, Blursday 4. /TASS/. Text")
    assert parts is not None and parts.unread == "Blursday 4" and parts.month is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Oktober", (10, 4, None, "de")),
        ("12 марта 2025 г.", (3, 12, 2025, "ru")),
        ("March 12, 2025", (3, 12, 2025, "en")),
        ("12 mars", (3, 12, None, "fr")),
        ("Wednesday, March 12", (3, 12, None, "en")),
        ("Oct. 4", (10, 4, None, "en")),
        ("March 12 and 13", None),  # two days
        ("Blursday 4", None),
        ("12", None),
    ],
)
def test_dates(text: str, expected: tuple[int, int, int | None, str] | None) -> None:
    assert read_date(text) == expected
