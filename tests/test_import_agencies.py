"""Each agency's layout, on copy written for the purpose in that agency's style and
language: headline, standfirst, dateline parts, byline, quotes with speakers, the
sign-off out of the body, the id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import pytest

import newslib
from newslib import Quote
from newslib.article.importer import ImportResult

from .support.paths import FIXTURES

COPY = FIXTURES / "agency_copy"
FILED = date(2025, 3, 9)  # given for datelines without a date


@dataclass(frozen=True)
class Expected:
    file: str
    language: str
    headline: str  # its start
    standfirst: str
    place: str  # as written
    place_id: str
    region: str | None
    day: date
    source: str
    authors: tuple[str, ...]
    credits: tuple[tuple[str, str], ...]
    speakers: tuple[str | None, ...]
    quote: str  # the first quote's text
    trailer: str  # must not be left in the body
    id: str


CASES = [
    Expected("tass-en.txt", "en", "Lavrov to meet Abkhaz", "The talks will cover", "MOSCOW",
             "moscow", None, date(2025, 11, 14), "TASS", ("Ivan Sidorov",),
             (("Ivan Sidorov", "writing"), ("Olga Petrova", "editing")),
             ("maria-zakharova", "sergey-lavrov"),
             "We expect a frank and useful conversation on every item of the agenda.",
             "Editing by", "lavrov-to-meet-abkhaz-and-south-ossetian-ministers-in-moscow"),
    Expected("tass-ru.txt", "ru", "Лавров проведет в Москве", "Стороны обсудят", "МОСКВА",
             "moscow", None, date(2025, 11, 14), "ТАСС", ("Иван Сидоров",), (),
             ("maria-zakharova", "sergey-lavrov"),
             "Мы рассчитываем на откровенный и полезный разговор по всем пунктам повестки.",
             "ИС/ОП", "lavrov-provedet-v-moskve-peregovory-s-glavami-mid-abkhazii"),
    Expected("reuters-en.txt", "en", "Georgia and Armenia agree", "Officials say freight",
             "TBILISI", "tbilisi", None, date(2025, 3, 12), "Reuters", ("Jane Doe", "John Roe"),
             (("Jane Doe", "reporting"), ("John Roe", "reporting"), ("Ann Poe", "reporting"),
              ("Mark Heinrich", "editing")),
             ("maria-zakharova", "sergey-lavrov"),
             "Nothing has been signed, and nothing will be signed without Tbilisi.",
             "Reporting by", "georgia-and-armenia-agree-to-study-reopening-rail-link"),
    Expected("ap-en.txt", "en", "Thousands rally in Tbilisi", "Protesters say", "TBILISI",
             "tbilisi", "Georgia", FILED, "AP", ("Jane Doe",), (), (None, None),
             "This law is a copy of the one Moscow used against its own people.",
             "—AP", "thousands-rally-in-tbilisi-over-a-foreign-agents-bill"),
    Expected("afp-fr.txt", "fr", "La Géorgie et l'Arménie", "Les deux pays", "Tbilissi",
             "tbilisi", None, FILED, "AFP", ("Jean Dupont",), (),
             ("sergey-lavrov", "sergey-lavrov"),
             "Nous sommes prêts à discuter avec tous ceux qui veulent que les trains circulent "
             "à nouveau.", "© AFP", "la-georgie-et-l-armenie-veulent-rouvrir-la-voie-ferree"),
    Expected("afp-en.txt", "en", "Georgia and Armenia sign", "Engineers will survey",
             "TBILISI", "tbilisi", None, date(2025, 3, 12), "AFP", ("Jean Dupont",), (),
             ("sergey-lavrov", "sergey-lavrov"),
             "We are ready to talk to anyone who wants the trains to run again.", "jd/mh",
             "georgia-and-armenia-sign-protocol-on-rail-link-through"),
    Expected("interfax-en.txt", "en", "Lavrov says Moscow ready", "The minister spoke",
             "MOSCOW", "moscow", None, date(2025, 3, 12), "Interfax", ("Pavel Ivanov",), (),
             ("sergey-lavrov", "maria-zakharova"),
             "We are ready to offer Moscow as a venue for such a conversation.", "(Interfax)",
             "lavrov-says-moscow-ready-to-host-talks-on-south-caucasus"),
    Expected("interfax-ru.txt", "ru", "Лавров заявил о готовности", "Министр выступил",
             "Москва", "moscow", None, date(2025, 3, 12), "Интерфакс", ("Павел Иванов",), (),
             ("sergey-lavrov", "maria-zakharova"),
             "Мы готовы предложить Москву как площадку для такого разговора.", "ЕЛ/ИФ",
             "lavrov-zayavil-o-gotovnosti-moskvy-prinyat-peregovory"),
    Expected("dpa-de.txt", "de", "Lawrow lädt Außenminister", "Bei den Gesprächen", "Tiflis",
             "tbilisi", None, date(2025, 10, 4), "dpa", ("Anna Schmidt", "Peter Müller"), (),
             ("sergey-lavrov", "maria-zakharova"),
             "Wir sind zu einem offenen Gespräch über alle Fragen bereit.", "kw/ab",
             "lawrow-laedt-aussenminister-abchasiens-und-suedossetiens"),
    Expected("dpa-de-undated.txt", "de", "Tausende protestieren", "Die Demonstranten",
             "Tiflis", "tbilisi", None, FILED, "dpa", ("Anna Schmidt",), (), (None,),
             "Wir werden die Straße nicht aufgeben.", "yyzz",
             "tausende-protestieren-in-tiflis-gegen-gesetz-ueber-agenten"),
    Expected("plain-en.txt", "en", "Rail link through Abkhazia", "Georgia and Armenia will",
             "Tbilisi", "tbilisi", None, FILED, "Staff", ("Jane Doe",),
             (("Jane Doe", "compiling"),),
             ("sergey-lavrov", "maria-zakharova"),
             "We are ready to talk to anyone who wants the trains to run again.",
             "Compiled by", "rail-link-through-abkhazia-moves-a-step-closer"),
]  # fmt: skip


@cache
def imported(name: str) -> ImportResult:
    place = "Tbilisi" if name.startswith("plain") else None
    return newslib.import_file(
        COPY / name, annotate=newslib.annotator(), year=2025, filed=FILED, place=place
    )


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_the_agency_layout_is_read(case: Expected) -> None:
    article = imported(case.file).article
    assert article.language == case.language
    assert article.headline.plain.startswith(case.headline)
    assert article.standfirst is not None and article.standfirst.plain.startswith(case.standfirst)
    assert (article.dateline.written, article.dateline.place) == (case.place, case.place_id)
    assert article.dateline.region == case.region
    assert article.dateline.date == case.day
    assert article.source == case.source
    assert tuple(b.name for b in article.authors) == case.authors
    assert tuple((b.name, b.role) for b in article.byline if b.role) == case.credits
    quotes = [b for b in article.body if isinstance(b, Quote)]
    assert tuple(q.speaker for q in quotes) == case.speakers
    assert quotes[0].text.plain == case.quote
    assert all(q.attribution is not None for q in quotes)
    body = " ".join(text.plain for _, text in article.texts())
    assert case.trailer not in body
    assert article.id == case.id
    assert len(article.id) <= 60
    assert len(article.body) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_the_imported_article_round_trips_through_the_codec(case: Expected) -> None:
    article = imported(case.file).article
    assert newslib.loads_article(newslib.dumps_article(article)) == article


def test_what_left_the_body_is_in_the_notes() -> None:
    notes = imported("afp-fr.txt").notes
    assert any("© AFP" in note for note in notes)
    assert any("jd/ab/fg" in note for note in notes)
    assert any("kept as credits" in note for note in imported("reuters-en.txt").notes)


def test_an_undated_dateline_takes_the_filing_date_or_says_it_used_today() -> None:
    text = (COPY / "ap-en.txt").read_text("utf-8")
    result = newslib.import_text(text)
    assert any("no date" in note and "--date" in note for note in result.notes)


def test_a_second_import_of_the_same_headline_gets_a_free_id() -> None:
    text = (COPY / "reuters-en.txt").read_text("utf-8")
    taken = {"georgia-and-armenia-agree-to-study-reopening-rail-link",
             "georgia-and-armenia-agree-to-study-reopening-rail-link-2"}  # fmt: skip
    article = newslib.import_text(text, year=2025, taken=taken.__contains__).article
    assert article.id == "georgia-and-armenia-agree-to-study-reopening-rail-link-3"


def test_a_sign_off_at_the_end_of_the_last_paragraph_leaves_it() -> None:
    text = (
        "Talks on rail link to resume\n\nBy Jane Doe\nReuters\n\n"
        "TBILISI, March 12 (Reuters) - Georgia and Armenia will resume talks.\n\n"
        "No date has been set. (Reporting by Jane Doe; Editing by Mark Roe)\n"
    )
    result = newslib.import_text(text, year=2025)
    article = result.article
    assert article.body[-1].text.plain == "No date has been set."  # type: ignore[union-attr]
    assert [(b.name, b.role, b.affiliation) for b in article.byline] == [
        ("Jane Doe", None, "Reuters"),
        ("Jane Doe", "reporting", None),
        ("Mark Roe", "editing", None),
    ]
    assert any("Reporting by Jane Doe" in note for note in result.notes)
