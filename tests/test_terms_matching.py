"""Matching: every hard case of TOPONYMS.md, in the scripts the region writes in."""

from __future__ import annotations

import unicodedata

import pytest

from newslib import scan_text


def entities(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(m.surface, m.entity) for m in scan_text(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Galina met Gal Gadot in Paris.", "en", []),
        ("Они хотят посетить Южную Осетию.", "ru", [("Южную Осетию", "south-ossetia")]),
        ("Сухуми, Сухум, Сухумский район", "ru",
         [("Сухуми", "sukhumi"), ("Сухум", "sukhumi"), ("Сухумский", "sukhumi")]),
        ("Sukhumi-based and Sukhumi’s port", "en", [("Sukhumi", "sukhumi")] * 2),
        ("flights Moscow/Tbilisi/Sukhumi", "en",
         [("Moscow", "moscow"), ("Tbilisi", "tbilisi"), ("Sukhumi", "sukhumi")]),
        ("SUKHUMI, May 5 (Reuters)", "en", [("SUKHUMI", "sukhumi")]),
        ("the so-called Tskhinvali Region", "en", [("Tskhinvali Region", "south-ossetia")]),
        ("North Ossetia is in Russia", "en", [("North Ossetia", "north-ossetia"),
                                               ("Russia", "russia")]),
        ("Ts’khinvali and Ts'khinvali", "en", [("Ts’khinvali", "tskhinvali"),
                                               ("Ts'khinvali", "tskhinvali")]),
        ("Die Lage in Suchumis Hafen", "de", [("Suchumis", "sukhumi")]),
        ("la situation d’Abkhazie et d'Abkhazie", "fr", [("Abkhazie", "abkhazia")] * 2),
        ("მოლაპარაკებები სოხუმში და ცხინვალის მახლობლად", "ka",
         [("სოხუმში", "sukhumi"), ("ცხინვალის", "tskhinvali")]),
    ],
)  # fmt: skip
def test_whole_names_only(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert entities(text, lang) == expected


def test_adjectives_and_demonyms_are_derived_not_names() -> None:
    found = scan_text("Сухумский порт, цхинвальцы и Абхазия; Кодорское ущелье", lang="ru")
    assert [(m.surface, m.entity, m.derived) for m in found] == [
        ("Сухумский", "sukhumi", True),
        ("цхинвальцы", "tskhinvali", True),
        ("Абхазия", "abkhazia", False),
        ("Кодорское", "kodori", True),
    ]


@pytest.mark.parametrize("space", [" ", "\n", "  ", "\u00a0"])
def test_a_derived_word_of_several_tokens_spans_any_whitespace(space: str) -> None:
    text = f"Cafe\u0301 owners and South{space}Ossetian officials met."  # NFD before it
    [mention] = scan_text(text, lang="en")
    assert (mention.surface, mention.entity, mention.derived) == (
        f"South{space}Ossetian",
        "south-ossetia",
        True,
    )


def test_a_derived_word_is_a_whole_word() -> None:
    assert scan_text("Sukhumians", lang="en")[0].derived
    assert scan_text("Pre-Sukhumian", lang="en")[0].surface == "Sukhumian"
    assert scan_text("Kodoriano", lang="en") != []  # open-ended stem
    assert scan_text("XKodorian", lang="en") == []


@pytest.mark.parametrize(
    "form", ["Сухум", "Сухума", "Сухуму", "Сухумом", "Сухуме", "СУХУМЕ", "сухуме"]
)
def test_every_case_of_the_declinable_variant(form: str) -> None:
    [mention] = scan_text(f"Встреча: {form}.", lang="ru")
    assert mention.variant.text == "Сухум"


def test_the_indeclinable_variant_is_not_a_form_of_the_declinable_one() -> None:
    [mention] = scan_text("в Сухуми", lang="ru")
    assert mention.variant.text == "Сухуми"
    assert not mention.ambiguous


def test_ochamchire_is_ambiguous_in_russian() -> None:
    [mention] = scan_text("в Очамчире", lang="ru")
    assert {mention.variant.text, *(v.text for v in mention.alternatives)} == {
        "Очамчире",
        "Очамчира",
    }


def test_nfd_text_matches_and_keeps_its_offsets() -> None:
    text = unicodedata.normalize("NFD", "Le président de la Géorgie à Tbilissi")
    found = scan_text(text, lang="fr")
    assert [(m.entity, text[m.start : m.end]) for m in found] == [
        ("georgia", unicodedata.normalize("NFD", "Géorgie")),
        ("tbilisi", "Tbilissi"),
    ]


@pytest.mark.parametrize("before", ["", "Cafe\u0301 ", "Straße "])
def test_a_mark_that_does_not_compose_belongs_to_the_name(before: str) -> None:
    text = f"{before}Sukhumi\u0333 and Sukhum"  # U+0333 composes with no letter
    first, second = scan_text(text, lang="en")
    assert (text[first.start : first.end], text[second.start : second.end]) == (
        "Sukhumi\u0333",
        "Sukhum",
    )


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b"])
def test_invisible_marks_inside_a_name_are_ignored(mark: str) -> None:
    text = f"Die Einwohner Su{mark}chums und Süd{mark}ossetiens."
    found = scan_text(text, lang="de")
    assert [(m.surface, m.entity) for m in found] == [
        (f"Su{mark}chums", "sukhumi"),
        (f"Süd{mark}ossetiens", "south-ossetia"),
    ]


def test_offsets_survive_case_folding_that_changes_length() -> None:
    text = "Straße İstanbul ß Sukhumi"
    [mention] = scan_text(text, lang="en")
    assert text[mention.start : mention.end] == "Sukhumi"


class TestNamesThatAreOrdinaryWords:
    def test_georgia_the_us_state_is_not_the_country(self) -> None:
        assert entities("The governor of Georgia spoke in Atlanta.") == []

    def test_georgia_the_country(self) -> None:
        assert entities("Georgia and Abkhazia") == [
            ("Georgia", "georgia"),
            ("Abkhazia", "abkhazia"),
        ]

    def test_a_context_phrase_counts_across_a_line_break(self) -> None:
        assert entities("The governor of Georgia spoke in Fulton\nCounty.") == []
        assert entities("Georgia spoke. " + "Word " * 60 + "Fulton County.") == [
            ("Georgia", "georgia")
        ]

    def test_java_needs_the_region_in_context(self) -> None:
        # The world gazetteer knows Indonesia; "island" is not German "Island" (Iceland).
        assert entities("Java is an island of Indonesia.") == [("Indonesia", "indonesia")]
        assert entities("He writes Java at night.") == []
        assert ("Java", "java-dzau") in entities("Troops moved from Java to Tskhinvali.")

    def test_gal_needs_abkhazia_in_context(self) -> None:
        assert entities("Gal arrived.") == []
        assert ("Gal", "gali") in entities("Clashes near Gal, in Abkhazia's east.")


@pytest.mark.parametrize(
    "address",
    [
        "https://sukhum.example/tskhinval",
        "www.sukhum.org/page",
        "info@sukhum.org",
        "#Sukhum",
        "@tskhinval",
        "[the city](https://sukhum.example)",
    ],
)
def test_names_in_addresses_and_tags_are_not_mentions(address: str) -> None:
    assert entities(f"See {address} about Sukhum.") == [("Sukhum", "sukhumi")]


def test_quotations_are_marked() -> None:
    found = scan_text('He said "we will go to Sukhum" and left for Sukhumi.', lang="en")
    assert [(m.surface, m.quoted) for m in found] == [("Sukhum", True), ("Sukhumi", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Tskhinvali, also spelled Tskhinval, is the capital.",
        "Tskhinvali (Tskhinval) is the capital.",
        "Tskhinvali or Tskhinval: the name depends on who speaks.",
        "Цхинвали, он же Цхинвал.",
    ],
)
def test_text_about_the_names_is_marked(text: str) -> None:
    lang = "ru" if "Ц" in text else "en"
    found = scan_text(text, lang=lang)
    assert len(found) == 2
    assert all(m.about_name for m in found)
