"""Copy a new user brought to the importer (issue 17's trial): a byte order mark, trailers
after the last paragraph in each agency's habit, German titles before a speaker's name,
Reuters datelines that name two cities."""

from __future__ import annotations

from datetime import date

import pytest

import newslib
from newslib import Byline, Paragraph, Quote

_AP = """World

Georgian opposition rallies in Batumi ahead of the vote

BY MAIA TSERETELI and DAVIT KAPANADZE
Associated Press

BATUMI, Georgia (AP) — Thousands marched along the seafront on Sunday.

Police said the rally was peaceful.

___

Associated Press writers Misha Green in Tbilisi and Ann Poe in Baku contributed to this report.
"""

_TASS_RU = """В мире

Мирзоян и Лавров обсудят транспортный коридор в Санкт-Петербурге

САНКТ-ПЕТЕРБУРГ, 21 февраля. /ТАСС/. Переговоры пройдут на следующей неделе.

Предыдущий раунд прошел осенью.

Редактор: Анна Белова
"""

_AFP_FR = """Monde

La Géorgie et l'Arménie relancent le projet de liaison ferroviaire

Erevan (AFP) - L'Arménie et la Géorgie ont relancé mercredi le projet.

Les travaux pourraient commencer l'an prochain.

mdu/jm/ab

© Agence France-Presse
"""


def _import(text: str) -> newslib.ImportResult:
    return newslib.import_text(text, filed=date(2025, 3, 3))


@pytest.mark.parametrize(
    ("copy", "last", "credits", "trailers"),
    [
        (_AP, "Police said the rally was peaceful.",
         (Byline("Misha Green", "reporting"), Byline("Ann Poe", "reporting")), 2),
        (_TASS_RU, "Предыдущий раунд прошел осенью.", (Byline("Анна Белова", "editing"),), 1),
        (_AFP_FR, "Les travaux pourraient commencer l'an prochain.", (), 2),
    ],
)  # fmt: skip
def test_the_trailers_each_agency_ends_with_leave_the_body(
    copy: str, last: str, credits: tuple[Byline, ...], trailers: int
) -> None:
    result = _import(copy)
    article = result.article
    assert [b.text.plain for b in article.body][-1] == last  # type: ignore[union-attr]
    assert tuple(b for b in article.byline if b.role is not None) == credits
    assert all(isinstance(b, Paragraph) for b in article.body)  # no "___" heading
    assert sum("removed" in note for note in result.notes) == trailers


def test_story_text_that_looks_like_a_credit_stays() -> None:
    copy = _TASS_RU.replace("Редактор: Анна Белова", "Editor: the story was changed")
    body = _import(copy).article.body
    assert body[-1].text.plain == "Editor: the story was changed"  # type: ignore[union-attr]


def test_a_byte_order_mark_is_not_copy() -> None:
    article = _import("\ufeff" + _TASS_RU.replace("\n", "\r\n")).article
    assert article.section == "В мире"
    assert article.headline.plain.startswith("Мирзоян")


def test_a_german_title_is_not_part_of_the_speakers_name() -> None:
    copy = (
        "Politik\n\nGeorgien und Armenien wollen Bahnstrecke durch Abchasien prüfen\n\n"
        "Eriwan, 12. März (dpa) - Die Regierungen prüfen die Strecke.\n\n"
        "«Nichts ist unterschrieben», sagte Außenminister Ararat Mirsojan.\n\nEnde.\n"
    )
    article = _import(copy).article
    [quote] = [b for b in article.body if isinstance(b, Quote)]
    assert quote.speaker == "ararat-mirsojan"
    assert article.entity("ararat-mirsojan").name == "Ararat Mirsojan"  # type: ignore[union-attr]


def test_a_reuters_dateline_may_name_two_cities() -> None:
    copy = (
        "Asia\n\nIndia and Georgia sign an aviation pact, eye direct flights\n\n"
        "NEW DELHI/TBILISI, March 3 (Reuters) - India and Georgia signed a pact.\n\nEnd.\n"
    )
    result = _import(copy)
    dateline = result.article.dateline
    assert (dateline.place, dateline.written, dateline.date) == (
        "new-delhi", "NEW DELHI/TBILISI", date(2025, 3, 3),
    )  # fmt: skip
    assert result.article.body[0].text.plain == "India and Georgia signed a pact."  # type: ignore[union-attr]
    assert any("2 places" in note for note in result.notes)


def test_the_tass_slashes_are_still_the_agency() -> None:
    from newslib.article.datelines import read_dateline

    parts = read_dateline("MOSCOW, October 4. /TASS/. The minister")
    assert parts is not None
    assert (parts.place, parts.agency, parts.others) == ("MOSCOW", "TASS", ())


def test_russian_direct_speech_after_a_dash_is_a_quote_with_its_speaker() -> None:
    copy = (
        "Политика\n\nЛавров: «Мы готовы к диалогу с Тбилиси»\n\n"
        "МОСКВА, 3 марта. /ТАСС/. Министр Пётр Соколов выступил в Думе.\n\n"
        "— Мы готовы к диалогу, — сказал Пётр Соколов журналистам.\n\n"
        "— Это пункт повестки, — и не более того.\n\nКонец.\n"
    )
    article = _import(copy).article
    quote, aside = article.body[1], article.body[2]
    assert isinstance(quote, Quote) and quote.text.plain == "Мы готовы к диалогу."
    assert quote.speaker == "pyotr-sokolov"
    assert quote.attribution is not None
    assert quote.attribution.plain == "сказал Пётр Соколов журналистам"
    assert isinstance(aside, Paragraph)  # a dash, but no verb of saying: story text


@pytest.mark.parametrize(
    ("front", "section", "headline", "standfirst"),
    [
        ("Politik\n\nGespräche in Tiflis", "Politik", "Gespräche in Tiflis", None),
        ("Экономика\n\nПереговоры в Тбилиси", "Экономика", "Переговоры в Тбилиси", None),
        ("Talks end\n\nNo deal yet", None, "Talks end", "No deal yet"),
        ("Breakthrough\n\nNo deal", None, "Breakthrough", "No deal"),
    ],
)  # fmt: skip
def test_a_one_word_section_over_a_short_headline(
    front: str, section: str | None, headline: str, standfirst: str | None
) -> None:
    copy = f"{front}\n\nTiflis, 12. März (dpa) - Die Gespräche begannen.\n"
    article = _import(copy).article
    assert (article.section, article.headline.plain) == (section or "News", headline)
    assert (article.standfirst.plain if article.standfirst else None) == standfirst


def test_a_tass_dateline_with_a_dash_after_the_slashes_leaves_no_dash_in_the_story() -> None:
    copy = "Politics\n\nTalks open in Sukhumi on Monday\n\nMOSCOW, March 3 /TASS/ - Talks opened.\n"
    article = _import(copy).article
    assert article.body[0].text.plain == "Talks opened."  # type: ignore[union-attr]
    assert article.source == "TASS"
