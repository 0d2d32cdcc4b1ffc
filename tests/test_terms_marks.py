"""Marks inside a name: stress marks, harakat, tatweel, underlining. Matching ignores the
marks a writer adds to a word; a mention's span covers them, so a fix replaces the whole
marked word (with the policy's variant as the gazetteer spells it: no mark)."""

from __future__ import annotations

import unicodedata

import pytest

from newslib import check_text, fix_text, scan_text
from newslib.terms.tokens import Tokens

ACUTE = "\u0301"  # a Russian stress mark


def mentions(text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entity) for m in scan_text(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "surface", "entity"),
    [
        # Learner and dictionary-style copy marks the stressed vowel.
        (f"Делегация прибыла в Суху{ACUTE}ми во вторник.", "ru", f"Суху{ACUTE}ми", "sukhumi"),
        (f"Переговоры в Цхинва{ACUTE}ле отложили.", "ru", f"Цхинва{ACUTE}ле", "tskhinvali"),
        # A stress mark on the last letter stays inside the name's span.
        (f"Из Сухуми{ACUTE} сообщили о задержках.", "ru", f"Сухуми{ACUTE}", "sukhumi"),
        # Vocalised Arabic: damma, kasra, sukun; and shadda in «المتّحدة».
        ("وصل الوفد إلى سُوخُومِي صباح الثلاثاء.", "ar", "سُوخُومِي", "sukhumi"),
        ("قالت بعثة الأمم المتّحدة إن المحادثات ستستأنف.", "ar", "الأمم المتّحدة", "united-nations"),
        ("عقدت الجولة في تْسْخِينْفَالِي أمس.", "ar", "تْسْخِينْفَالِي", "tskhinvali"),
        # Tatweel (kashida) stretches a headline word.
        ("عاجل: انفجار في سوخـــومي", "ar", "سوخـــومي", "sukhumi"),
        # A stress mark on a Georgian letter, as in a pronunciation guide.
        (f"შეხვედრა სოხუ{ACUTE}მში გაიმართა.", "ka", f"სოხუ{ACUTE}მში", "sukhumi"),
        # Underlining by combining low line, as some wire systems pass it on.
        ("Talks in S\u0332u\u0332k\u0332h\u0332u\u0332m\u0332 resumed.", "en",
         "S\u0332u\u0332k\u0332h\u0332u\u0332m\u0332", "sukhumi"),
        # A soft hyphen and a stress mark in one word.
        (f"Бои под Цхин\u00adва{ACUTE}лом", "ru", f"Цхин\u00adва{ACUTE}лом", "tskhinvali"),
    ],
)  # fmt: skip
def test_a_marked_name_is_found_with_its_marks(
    text: str, lang: str, surface: str, entity: str
) -> None:
    assert (surface, entity) in mentions(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "policy", "fixed"),
    [
        # The stress mark goes with the word it stood on: the new word is unmarked.
        (f"Делегация прибыла в Суху{ACUTE}ми во вторник.", "ru", "russian-usage",
         "Делегация прибыла в Сухум во вторник."),
        (f"Делегация вылетела из Цхинва{ACUTE}ла в Москву.", "ru", "georgian-official",
         "Делегация вылетела из Цхинвали в Москву."),
        (f"СУХУ{ACUTE}МИ, 12 марта.", "ru", "russian-usage", "СУХУМ, 12 марта."),
        ("وصل الوفد إلى سُوخُوم صباح الثلاثاء.", "ar", "georgian-official",
         "وصل الوفد إلى سوخومي صباح الثلاثاء."),
        ("عاجل: انفجار في تسخيـنفال", "ar", "georgian-official",
         "عاجل: انفجار في تسخينفالي"),
        ("Talks in S\u0332u\u0332k\u0332h\u0332u\u0332m\u0332 resumed.", "en", "georgian-official",
         "Talks in Sukhumi resumed."),
    ],
)  # fmt: skip
def test_a_fix_replaces_the_whole_marked_word(
    text: str, lang: str, policy: str, fixed: str
) -> None:
    assert fix_text(text, lang=lang, policy=policy) == fixed


def test_context_words_with_a_stress_mark_still_govern_the_case() -> None:
    # «в го́роде Сухуми»: «городе» is prepositional, so «Сухуме».
    text = f"Переговоры прошли в го{ACUTE}роде Сухуми."
    [finding] = check_text(text, lang="ru", policy="russian-usage")
    assert (finding.case, finding.fixable) == ("loc", True)
    assert fix_text(text, lang="ru", policy="russian-usage") == (
        f"Переговоры прошли в го{ACUTE}роде Сухуме."
    )


@pytest.mark.parametrize(
    "text",
    [
        f"Встреча в Очамчи{ACUTE}ре прошла спокойно.",  # ambiguous, and already the variant
        f"Переговоры в Суху{ACUTE}ми продолжатся.",
        "وصل الوفد إلى سُوخُومِي.",
    ],
)
def test_a_mark_alone_is_no_finding(text: str) -> None:
    lang = "ar" if "و" in text else "ru"
    assert check_text(text, lang=lang, policy="georgian-official") == []


def test_a_letter_that_composes_with_its_mark_is_another_letter() -> None:
    # é, ü, й are letters of their alphabets: only marks left over after NFC are dropped.
    assert mentions("Sukh\u00fam", "en") == []  # ú: not "Sukhum"
    assert mentions(unicodedata.normalize("NFD", "Sukhúm"), "en") == []
    assert mentions("Südossetien", "de") == [("Südossetien", "south-ossetia")]
    assert mentions("Sudossetien", "de") == []


def test_marks_that_spell_a_word_keep_it_one_token() -> None:
    # A Devanagari vowel sign is part of the word: "दिल्ली" is one token, not five.
    assert Tokens("दिल्ली में बैठक").words == ["दिल्ली", "में", "बैठक"]
    # A Persian word with a zero-width non-joiner stays one word.
    assert Tokens("می\u200cخواهم").words == ["می\u200cخواهم"]


def test_offsets_are_indices_into_the_original_text() -> None:
    text = f"«Суху{ACUTE}ми» — так пишут в Тбилиси; в Москве говорят «Суху{ACUTE}м»."
    second = text.rindex("Суху")
    found = scan_text(text, lang="ru")
    assert [(m.start, m.end, m.surface) for m in found if m.entity == "sukhumi"] == [
        (1, 8, f"Суху{ACUTE}ми"),
        (second, second + 6, f"Суху{ACUTE}м"),
    ]
