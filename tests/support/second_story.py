"""A second article beside the seed: four revisions (two of them corrections) and
translations that are current, stale, partial, machine-made or missing — one of each
kind across the edition languages (en ru de fr ka ar)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import newslib
from newslib import Article, Dateline, Entity, EntityKind, Heading, ListBlock, Paragraph, Quote
from newslib.translations.model import FieldTranslation, Method, field_hash

STORY = "second-story"


def _text(markup: str) -> newslib.Text:
    return newslib.parse_text(markup)


def first_revision() -> Article:
    """As first published."""
    return Article(
        id=STORY,
        language="en",
        section="World",
        source="TASS",
        dateline=Dateline("tbilisi", "TBILISI", date(2024, 11, 2)),
        headline=_text("Talks in [[tbilisi|Tbilisi]] end without agreement"),
        standfirst=_text("Delegations will meet again in December"),
        body=(
            Paragraph("p1", _text("Delegations from [[georgia|Georgia]] and [[abkhazia|Abkhazia]] "
                                  "met in [[tbilisi|Tbilisi]] on Friday.")),
            Paragraph("p2", _text('The talks covered the railway through [[sukhumi|Sukhumi]], '
                                  'which one delegate called "the key question".')),
            Heading("h1", _text("What comes next")),
            Quote("q1", _text("We will be back in December."), None, _text("a delegate said")),
            ListBlock("l1", (_text("a meeting in December"), _text("a report to the mediators"))),
            Paragraph("p3", _text("The next round is planned for December 12.")),
        ),
        entities=(
            Entity("tbilisi", EntityKind.PLACE, "Tbilisi"),
            Entity("georgia", EntityKind.PLACE, "Georgia"),
            Entity("abkhazia", EntityKind.PLACE, "Abkhazia"),
            Entity("sukhumi", EntityKind.PLACE, "Sukhumi"),
        ),
    )  # fmt: skip


def _edit(article: Article, block: newslib.Block) -> Article:
    """*article* with the block of the same id replaced."""
    return replace(article, body=tuple(block if b.id == block.id else b for b in article.body))


NOTE_2 = "An earlier version gave the wrong date for the next round."
NOTE_4 = "An earlier version left out that the report will be a joint one."
P2_NOW = (
    "The talks covered the railway through [[sukhumi|Sukhumi]] and the border crossings, "
    'which one delegate called "the key questions".'
)


def revisions() -> list[tuple[Article, str, str]]:
    """Each revision: the article, its kind and its note."""
    one = first_revision()
    two = _edit(one, Paragraph("p3", _text("The next round is planned for December 14.")))
    three = _edit(two, Paragraph("p2", _text(P2_NOW)))  # one paragraph edited
    items = (_text("a meeting in December"), _text("a joint report to the mediators"))
    four = _edit(three, ListBlock("l1", items))
    return [
        (one, "publish", ""),
        (two, "correction", NOTE_2),
        (three, "update", ""),
        (four, "correction", NOTE_4),
    ]


# Translations: field -> (text, attribution or list items, revision translated from, method).
_RU = {
    "headline": "Переговоры в [[tbilisi|Тбилиси]] завершились без договорённости",
    "standfirst": "Делегации встретятся снова в декабре",
    "p1": "Делегации [[georgia|Грузии]] и [[abkhazia|Абхазии]] встретились в "
    "[[tbilisi|Тбилиси]] в пятницу.",
    "p2": 'Обсуждалась железная дорога через [[sukhumi|Сухум]], которую один из делегатов '
    'назвал "ключевым вопросом".',
    "h1": "Что дальше",
    "q1": ("Мы вернёмся в декабре.", "сказал один из делегатов"),
    "l1": ["встреча в декабре", "доклад посредникам"],
    "p3": "Следующий раунд запланирован на 14 декабря.",
    "correction.2": "В предыдущей версии была указана неверная дата следующего раунда.",
}  # fmt: skip
_DE = {
    "headline": "Gespräche in [[tbilisi|Tiflis]] enden ohne Einigung",
    "standfirst": "Die Delegationen treffen sich im Dezember wieder",
    "p1": "Delegationen aus [[georgia|Georgien]] und [[abkhazia|Abchasien]] trafen sich am "
    "Freitag in [[tbilisi|Tiflis]].",
}
_KA = {
    "headline": "[[tbilisi|თბილისში]] მოლაპარაკებები შეთანხმების გარეშე დასრულდა",
    "standfirst": "დელეგაციები დეკემბერში კვლავ შეხვდებიან ერთმანეთს",
    "p1": "[[georgia|საქართველოსა]] და [[abkhazia|აფხაზეთის]] დელეგაციები პარასკევს "
    "[[tbilisi|თბილისში]] შეხვდნენ.",
    "p2": "მოლაპარაკებებზე განიხილეს რკინიგზა [[sukhumi|სოხუმზე]] გავლით და სასაზღვრო "
    'გადასასვლელები, რომლებსაც ერთ-ერთმა დელეგატმა "მთავარი საკითხები" უწოდა.',
    "h1": "რა იქნება შემდეგ",
    "q1": ("დეკემბერში დავბრუნდებით.", "თქვა ერთ-ერთმა დელეგატმა"),
    "l1": ["შეხვედრა დეკემბერში", "ერთობლივი მოხსენება შუამავლებისთვის"],
    "p3": "შემდეგი რაუნდი 14 დეკემბერს იგეგმება.",
    "correction.2": "სტატიის წინა ვერსიაში შემდეგი რაუნდის თარიღი არასწორად იყო მითითებული.",
    "correction.4": "სტატიის წინა ვერსიაში არ იყო ნათქვამი, რომ მოხსენება ერთობლივი იქნება.",
}
_AR = {
    "headline": "انتهاء محادثات [[tbilisi|تبليسي]] دون اتفاق",
    "p2": "تناولت المحادثات خط السكك الحديدية عبر [[sukhumi|سوخومي]] والمعابر الحدودية، "
    'التي وصفها أحد المندوبين بأنها "القضايا الرئيسية".',
}
# language -> (fields, the revision they were translated from, method)
TRANSLATIONS: dict[str, tuple[dict[str, object], int, Method]] = {
    "ru": (_RU, 2, Method.HUMAN),  # before revisions 3 and 4: p2 and l1 stale, one note missing
    "de": (_DE, 4, Method.HUMAN),  # three fields, current; the rest missing
    "ka": (_KA, 4, Method.HUMAN),  # everything, notes included, current
    "ar": (_AR, 4, Method.MACHINE),  # two machine drafts
}  # fr: none at all


def add_second_story(content: Path) -> None:
    """Save the story's four revisions into *content* and write its translations."""
    repository = newslib.Repository(content)
    for article, kind, note in revisions():
        repository.save(article, author="desk", kind=kind, note=note)
    history = repository.history(STORY)
    when = datetime(2026, 12, 1, 12, tzinfo=UTC)
    project = newslib.Project.at(content)
    for language, (fields, number, method) in TRANSLATIONS.items():
        source = repository.read(STORY, number)
        upto = [r for r in history if r.number <= number]
        entries = {}
        for name, value in fields.items():
            text: newslib.Text | None
            attribution = items = None
            if isinstance(value, tuple):
                text, attribution = _text(value[0]), _text(value[1])
            elif isinstance(value, list):
                text, items = None, tuple(_text(v) for v in value)
            else:
                assert isinstance(value, str)
                text = _text(value)
            entries[name] = FieldTranslation(
                text=text,
                attribution=attribution,
                items=items,
                source_revision=number,
                source_hash=field_hash(source, name, upto),
                method=method,
                by=f"{language} desk",
                time=when,
            )
        newslib.write_translations(
            newslib.TranslationSet(STORY, language, entries),
            project.translation_path(STORY, language),
        )
