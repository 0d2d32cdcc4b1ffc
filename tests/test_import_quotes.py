"""A paragraph that is one quotation and its attribution, in each language's marks:
English, Russian (dash attributions), French (guillemets), German („…“ and »…«)."""

from __future__ import annotations

import pytest

import newslib
from newslib import Quote
from newslib.article.quotes import read_quote


@pytest.mark.parametrize(
    ("text", "quote", "attribution"),
    [
        ('"We are ready," Lavrov said.', "We are ready.", "Lavrov said"),
        ("“Why now?” she asked.", "Why now?", "she asked"),
        ("«Мы готовы помочь», — заявил Лавров.", "Мы готовы помочь.", "заявил Лавров"),
        ('"Мы готовы помочь", - сказал Лавров.', "Мы готовы помочь.", "сказал Лавров"),
        ("«Вы готовы?» — спросил Лавров.", "Вы готовы?", "спросил Лавров"),
        ("« Nous sommes prêts », a déclaré Lavrov.", "Nous sommes prêts.", "a déclaré Lavrov"),
        ("«\u202fNous sommes prêts\u202f», a-t-il dit.", "Nous sommes prêts.", "a-t-il dit"),
        ("„Wir sind bereit“, sagte Lawrow.", "Wir sind bereit.", "sagte Lawrow"),
        ("»Wir sind bereit«, sagte er.", "Wir sind bereit.", "sagte er"),
    ],
)  # fmt: skip
def test_quotes_in_each_language(text: str, quote: str, attribution: str) -> None:
    found = read_quote(text)
    assert found is not None
    assert (found.quote, found.attribution) == (quote, attribution)


@pytest.mark.parametrize(
    "text",
    [
        '"It is over." Talks ended.',  # a quotation, then a sentence
        'He said "no" to the plan.',
        "«Нет», и переговоры закончились, а стороны разошлись, не договорившись ни о чём "
        "конкретном, хотя обещали продолжить обсуждение в ближайшие недели в Москве.",
    ],
)
def test_what_is_not_a_quote_paragraph(text: str) -> None:
    assert read_quote(text) is None


@pytest.mark.parametrize(
    ("language", "dateline", "paragraph", "speaker"),
    [
        ("ru", "МОСКВА, 4 октября. /ТАСС/.", '"Мы готовы", - заявил Лавров.', "sergey-lavrov"),
        ("ru", "МОСКВА, 4 октября. /ТАСС/.", "«Мы готовы», — сказала Захарова.",
         "maria-zakharova"),
        ("fr", "Tbilissi, 4 octobre (AFP) -", "« Nous sommes prêts », a déclaré Lavrov.",
         "sergey-lavrov"),
        ("de", "Tiflis, 4. Oktober (dpa) -", "„Wir sind bereit“, sagte Lawrow.",
         "sergey-lavrov"),
    ],
)  # fmt: skip
def test_the_speaker_is_the_gazetteers_person(
    language: str, dateline: str, paragraph: str, speaker: str
) -> None:
    text = f"Headline\n\n{dateline} The text begins.\n\n{paragraph}\n\nThe text ends.\n"
    article = newslib.import_text(text, year=2024, annotate=newslib.annotator()).article
    quotes = [b for b in article.body if isinstance(b, Quote)]
    assert [q.speaker for q in quotes] == [speaker]
    assert article.language == language
