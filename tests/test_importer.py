from __future__ import annotations

from datetime import date

import pytest

from newslib import Heading, Paragraph, Quote, import_file, import_text
from newslib.errors import ArticleError

from .support.paths import SEED


def test_seed_structure() -> None:
    result = import_file(SEED, year=2024)
    article = result.article
    assert article.section == "All news"
    assert article.headline.plain.startswith("Lavrov to hold talks")
    assert article.standfirst is not None
    assert article.standfirst.plain.startswith("The sides are expected")
    assert (article.dateline.written, article.dateline.date) == ("MOSCOW", date(2024, 10, 4))
    assert article.source == "TASS"
    assert article.language == "en"
    headings = [b.text.plain for b in article.body if isinstance(b, Heading)]
    assert headings == ["Facilitating reconciliation", "Parties’ response"]
    quotes = [b for b in article.body if isinstance(b, Quote)]
    assert [q.attribution.plain for q in quotes if q.attribution] == ["she said", "Lavrov said"]
    assert quotes[0].text.plain.endswith("South Caucasus.")
    assert article.body[0].id == "p1"
    assert isinstance(article.body[0], Paragraph)
    assert article.body[0].text.plain.startswith("Russian Foreign Minister")
    assert result.notes  # the undeclared dateline place is reported


def test_year_is_inferred_and_said_so() -> None:
    result = import_file(SEED)
    assert result.article.dateline.date == date(2024, 10, 4)
    assert any("inferred" in note for note in result.notes)


RUSSIAN = """Все новости

Лавров проведет переговоры

Стороны обсудят широкий круг вопросов

МОСКВА, 4 октября. /ТАСС/. Министр иностранных дел России Сергей Лавров проведет переговоры.

«Мы готовы помочь», — сказал Лавров.
"""


def test_russian_dateline_sets_the_language() -> None:
    article = import_text(RUSSIAN, year=2024).article
    assert article.language == "ru"
    assert article.dateline.date == date(2024, 10, 4)
    assert article.source == "ТАСС"
    assert article.section == "Все новости"


def test_no_dateline_is_a_clear_error() -> None:
    with pytest.raises(ArticleError, match="no dateline") as caught:
        import_text("Headline\n\nJust text.", path="x.txt")
    assert caught.value.path == "x.txt"


def test_unreadable_date_is_a_clear_error() -> None:
    with pytest.raises(ArticleError, match="cannot read the dateline date"):
        import_text("Headline\n\nMOSCOW, Blursday 4. /TASS/. Text.", year=2024)


def test_known_names_are_annotated_with_the_gazetteer() -> None:
    from newslib import annotator

    from .support.seed import published_seed

    imported = import_file(SEED, year=2024, annotate=annotator()).article
    stored = published_seed()
    assert imported.dateline.place == "moscow"
    for (where, got), (_, kept) in zip(imported.texts(), stored.texts(), strict=True):
        assert got.plain == kept.plain, where
        # Everything the gazetteer knows is marked as the hand-annotated record marks it.
        assert set(got.refs()) <= set(kept.refs()), where
    kinds = {e.id: e.kind for e in imported.entities}
    assert kinds["tskhinvali"] == "place" and kinds["sergey-lavrov"] == "person"
    assert [q.speaker for q in imported.body if isinstance(q, Quote)] == [
        "maria-zakharova",
        "sergey-lavrov",
    ]


@pytest.mark.parametrize(
    ("headline", "dateline", "expected"),
    [
        ("Делегация Абхазии прибыла в Москву", "МОСКВА, 12 марта. /ТАСС/.",
         "delegatsiya-abkhazii-pribyla-v-moskvu"),
        ("Лавров проведёт переговоры с главами МИД Абхазии и Южной Осетии в Москве на неделе",
         "МОСКВА, 4 октября. /ТАСС/.",
         "lavrov-provedyot-peregovory-s-glavami-mid-abkhazii-i-yuzhnoy"),
        ("Lawrow führt Gespräche über Südossetien", "MOSKAU, 4 Oktober. /TASS/.",
         "lawrow-fuehrt-gespraeche-ueber-suedossetien"),
        ("Lavrov to hold talks with foreign ministers of Abkhazia, South Ossetia",
         "MOSCOW, October 4. /TASS/.", "lavrov-to-hold-talks-with-foreign-ministers-of-abkhazia"),
    ],
)  # fmt: skip
def test_ids_are_transliterated_whole_words(headline: str, dateline: str, expected: str) -> None:
    """A Russian headline gave the id 'article'; ids are cut between words, never inside one."""
    text = f"{headline}\n\n{dateline} Министр прибыл. Minister arrived.\n"
    article = import_text(text, year=2024).article
    assert article.id == expected
    assert len(article.id) <= 60 and not article.id.endswith("-")


@pytest.mark.parametrize(
    ("front", "section", "headline", "standfirst"),
    [
        ("Политика\n\nДелегация Абхазии прибыла в Москву", "Политика",
         "Делегация Абхазии прибыла в Москву", None),
        ("Lavrov to hold talks in Moscow\n\nThe sides will discuss a wide range of issues", None,
         "Lavrov to hold talks in Moscow", "The sides will discuss a wide range of issues"),
        ("Talks end\n\nNo deal", None, "Talks end", "No deal"),
    ],
)  # fmt: skip
def test_two_lines_before_the_dateline_are_a_section_and_headline_or_headline_and_standfirst(
    front: str, section: str | None, headline: str, standfirst: str | None
) -> None:
    article = import_text(f"{front}\n\nМОСКВА, 12 марта. /ТАСС/. Текст.\n", year=2024).article
    assert article.section == (section or "News")
    assert article.headline.plain == headline
    assert (article.standfirst.plain if article.standfirst else None) == standfirst
