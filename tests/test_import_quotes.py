"""A paragraph that is one quotation and its attribution, in each language's marks:
English, Russian (dash attributions), French (guillemets), German („…“ and »…«)."""

from __future__ import annotations

from datetime import date

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


@pytest.mark.parametrize(
    ("paragraph", "then", "name"),
    [
        ('"We will study the line," said Nino Beridze, a spokeswoman for the government.',
         '"No date is set," she said.', "Nino Beridze"),
        ("«Мы изучим линию», — заявила официальный представитель МИД Анна Смирнова.",
         "«Дата не назначена», — добавила она.", "Анна Смирнова"),
        ("« Nous étudierons la ligne », a déclaré le ministre Jean-Pierre Dupont.",
         "« Aucune date n'est fixée », a-t-il ajouté.", "Jean-Pierre Dupont"),
        ("„Wir prüfen die Strecke“, sagte Anna Schmidt vom Auswärtigen Amt.",
         "„Ein Termin steht nicht fest“, sagte sie.", "Anna Schmidt"),
    ],
)  # fmt: skip
def test_a_speaker_the_gazetteer_does_not_know_is_declared(
    paragraph: str, then: str, name: str
) -> None:
    text = (
        f"Headline\n\nTBILISI, Georgia (AP) — The text begins.\n\n{paragraph}\n\n{then}\n\nEnd.\n"
    )
    result = newslib.import_text(text, filed=date(2024, 10, 4))
    article = result.article
    speakers = [b.speaker for b in article.body if isinstance(b, Quote)]
    assert len(speakers) == 2 and speakers[0] == speakers[1] is not None
    person = article.entity(speakers[0])  # type: ignore[arg-type]
    assert person is not None and (person.kind, person.name) == ("person", name)
    assert any(name in note and "declared a person" in note for note in result.notes)


@pytest.mark.parametrize(
    "paragraph",
    ['"We will study the line," the Foreign Ministry said.',
     '"We will study the line," said one protester, a student from Kutaisi.',
     '"We will study the line," the New York Times reported.'],
)  # fmt: skip
def test_an_institution_or_an_unnamed_person_is_no_speaker(paragraph: str) -> None:
    text = f"Headline\n\nTBILISI, Georgia (AP) — The text begins.\n\n{paragraph}\n\nEnd.\n"
    article = newslib.import_text(text, filed=date(2024, 10, 4)).article
    assert [b.speaker for b in article.body if isinstance(b, Quote)] == [None]
    assert all(e.kind != "person" for e in article.entities)
