"""Word forms generated for names given without any, in every language that inflects, and
the confidence a fix into them needs. Names here are not in the shipped gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslib import check_text, fix_text, load_gazetteer, scan_text
from newslib.terms.gazetteer import Gazetteer
from newslib.terms.loader import gazetteer_from_yaml
from newslib.terms.policy import Policy
from newslib.terms.wordforms import word_forms

NEW = Policy(name="new-names", prefer={"*": ("current",)})


def gazetteer(names: dict[str, list[tuple[str, str]]]) -> Gazetteer:
    """A newsroom's own gazetteer: one entity, variants (text, usage) with no forms listed."""
    lines = ["entities:", "  - id: town", "    kind: place", "    names:"]
    for lang, variants in names.items():
        lines.append(f"      {lang}:")
        lines += [f"        - {{text: {text}, usage: [{usage}]}}" for text, usage in variants]
    return gazetteer_from_yaml("\n".join(lines) + "\n", path="newsroom.yaml")


def surfaces(text: str, lang: str, found: Gazetteer) -> list[str]:
    return [m.surface for m in scan_text(text, lang=lang, gazetteer=found)]


# ---------------------------------------------------------------------- Russian


@pytest.mark.parametrize(
    ("name", "case", "form"),
    [
        ("Нижний Новгород", "gen", "Нижнего Новгорода"),
        ("Нижний Новгород", "loc", "Нижнем Новгороде"),
        ("Белая Церковь", "ins", "Белой Церковью"),
        ("Белая Церковь", "acc", "Белую Церковь"),
        ("Петропавловск-Камчатский", "loc", "Петропавловске-Камчатском"),
        ("Ростов-на-Дону", "gen", "Ростова-на-Дону"),  # nothing declines after "на"
        ("Набережные Челны", "loc", "Набережных Челнах"),
        ("Гагры", "gen", "Гагр"),  # plural-only
        ("Гагры", "dat", "Гаграм"),
        ("Гагры", "loc", "Гаграх"),
        ("Сочи", "loc", "Сочи"),  # indeclinable
        ("Гудаута", "loc", "Гудауте"),
    ],
)
def test_russian_forms_of_names_the_gazetteer_never_listed(name: str, case: str, form: str) -> None:
    assert word_forms(name, "ru").forms[case] == form


def test_a_place_pymorphy3_knows_is_sure_a_guessed_one_is_not() -> None:
    assert word_forms("Нижний Новгород", "ru").confidence >= 0.9
    assert word_forms("Гудаута", "ru").confidence == 1.0
    # unknown to the dictionary: inflected by its ending, so not sure enough to fix into
    assert word_forms("Сухум", "ru").confidence < 0.8
    assert word_forms("Гагры", "ru").confidence < 0.8


def test_a_place_is_inanimate_even_when_read_as_a_person() -> None:
    forms = word_forms("Ленингор", "ru")
    assert forms.forms["acc"] == "Ленингор" and forms.forms["gen"] == "Ленингора"
    assert forms.confidence < 0.8  # pymorphy3 reads Ленингор as a man's name
    assert word_forms("Лавров", "ru", kind="person").forms["acc"] == "Лаврова"


def test_words_of_another_script_or_abbreviations_do_not_decline() -> None:
    assert set(word_forms("Аҟәа", "ru").forms.values()) == {"Аҟәа"}
    assert set(word_forms("ОБСЕ", "ru").forms.values()) == {"ОБСЕ"}


def test_a_newsroom_yaml_name_is_found_in_every_case() -> None:
    found = gazetteer({"ru": [("Нижний Новгород", "current"), ("Горький", "legacy")]})
    text = "Из Нижнего Новгорода в Горьком, о Нижнем Новгороде."
    assert surfaces(text, "ru", found) == ["Нижнего Новгорода", "Горьком", "Нижнем Новгороде"]


def test_a_fix_into_sure_forms_is_applied() -> None:
    found = gazetteer({"ru": [("Нижний Новгород", "current"), ("Горький", "legacy")]})
    fixed = fix_text("Завод в Горьком.", lang="ru", policy=NEW, gazetteer=found)
    assert fixed == "Завод в Нижнем Новгороде."


def test_a_fix_into_guessed_forms_needs_a_human() -> None:
    found = gazetteer({"ru": [("Ленингор", "current"), ("Ахалгори", "legacy")]})
    [finding] = check_text("Колонна вышла из Ахалгори.", lang="ru", policy=NEW, gazetteer=found)
    assert finding.suggestion == "Ленингора"
    assert (finding.fixable, finding.guessed) == (False, True)
    assert "generated" in finding.message
    text = "Колонна вышла из Ахалгори."
    assert fix_text(text, lang="ru", policy=NEW, gazetteer=found) == text
    assert fix_text(text, lang="ru", policy=NEW, gazetteer=found, best_guess=True) == (
        "Колонна вышла из Ленингора."
    )


# ---------------------------------------------------------------------- Ukrainian


def test_ukrainian_forms_through_pymorphy3() -> None:
    kyiv = word_forms("Київ", "uk").forms
    assert (kyiv["gen"], kyiv["loc"], kyiv["ins"]) == ("Києва", "Києві", "Києвом")
    assert word_forms("Біла Церква", "uk").forms["loc"] == "Білій Церкві"
    assert word_forms("Одеса", "uk").forms["gen"] == "Одеси"
    assert set(word_forms("Сухумі", "uk").forms.values()) == {"Сухумі"}


def test_ukrainian_text_is_scanned_and_fixed_in_its_case() -> None:
    found = gazetteer({"uk": [("Київ", "current")]})
    assert surfaces("Зустріч у Києві, делегація з Києва.", "uk", found) == ["Києві", "Києва"]
    found = gazetteer({"uk": [("Одеса", "current"), ("Хаджибей", "legacy")]})
    fixed = fix_text("Музей Хаджибея.", lang="uk", policy=NEW, gazetteer=found)
    assert fixed == "Музей Одеси."


# ---------------------------------------------------------------------- German, French


def test_german_genitive_s_but_none_after_a_sibilant() -> None:
    assert dict(word_forms("Kiew", "de").forms) == {"nom": "Kiew", "gen": "Kiews"}
    assert dict(word_forms("Paris", "de").forms) == {"nom": "Paris"}
    assert dict(word_forms("Ukraine", "de").forms) == {"nom": "Ukraine"}  # der Ukraine


def test_german_genitive_is_fixed_in_the_genitive() -> None:
    found = gazetteer({"de": [("Kyjiw", "current"), ("Kiew", "legacy")]})
    assert surfaces("Die Vororte Kiews.", "de", found) == ["Kiews"]
    assert fix_text("Die Vororte Kiews.", lang="de", policy=NEW, gazetteer=found) == (
        "Die Vororte Kyjiws."
    )


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_french_elision_with_either_apostrophe(apostrophe: str) -> None:
    found = gazetteer({"fr": [("Odesa", "current"), ("Odessa", "legacy")]})
    text = f"Le port d{apostrophe}Odessa et la ville de Kherson."
    assert surfaces(text, "fr", found) == ["Odessa"]
    fixed = fix_text(text, lang="fr", policy=NEW, gazetteer=found)
    assert fixed == f"Le port d{apostrophe}Odesa et la ville de Kherson."
    assert f"d{apostrophe}Odessa" in word_forms("Odessa", "fr").written


def test_french_articles_elide_before_a_country() -> None:
    found = gazetteer({"fr": [("Ukraine", "current")]})
    assert surfaces("l’Ukraine, l'Ukraine et d’Ukraine", "fr", found) == ["Ukraine"] * 3
    assert "l’Ukraine" in word_forms("Ukraine", "fr").written


def test_french_elision_changes_with_the_first_letter() -> None:
    found = gazetteer({"fr": [("Kyiv", "current"), ("Ukrainka", "legacy")]})
    assert fix_text("La gare d’Ukrainka.", lang="fr", policy=NEW, gazetteer=found) == (
        "La gare de Kyiv."
    )


# ---------------------------------------------------------------------- Georgian


@pytest.mark.parametrize(
    ("name", "case", "form"),
    [
        ("ქუთაისი", "in", "ქუთაისში"),  # the nominative -ი drops
        ("ქუთაისი", "dat-a", "ქუთაისსა"),
        ("ქუთაისი", "gen", "ქუთაისის"),
        ("ქუთაისი", "on", "ქუთაისზე"),
        ("ქუთაისი", "at", "ქუთაისთან"),
        ("გაგრა", "in", "გაგრაში"),  # a vowel stem keeps its vowel
        ("გაგრა", "gen", "გაგრის"),
        ("გაგრა", "dat-a", "გაგრასა"),
    ],
)
def test_georgian_case_endings(name: str, case: str, form: str) -> None:
    assert word_forms(name, "ka").forms[case] == form


def test_georgian_forms_are_matched() -> None:
    found = gazetteer({"ka": [("ქუთაისი", "current")]})
    text = "ქუთაისში და ქუთაისსა შორის, ქუთაისის მერი."
    assert surfaces(text, "ka", found) == ["ქუთაისში", "ქუთაისსა", "ქუთაისის"]


def test_shipped_georgian_names_have_the_full_dative() -> None:
    text = "სოხუმსა და ახალგორსა შორის"
    assert [m.entity for m in scan_text(text, lang="ka")] == ["sukhumi", "akhalgori"]


# ---------------------------------------------------------------------- Ossetian, Abkhaz


def test_ossetian_cases_with_either_ae() -> None:
    forms = word_forms("Цхинвал", "os").forms
    assert (forms["gen"], forms["dat"], forms["ade"]) == ("Цхинвалы", "Цхинвалӕн", "Цхинвалыл")
    text = "Цхинвалыл, Цхинвалӕн ӕмӕ Цхинвалмæ"  # the last with a Latin æ
    found = [m.entity for m in scan_text(text, lang="os")]
    assert found == ["tskhinvali"] * 3
    assert [m.entity for m in scan_text("Цхинвалы район", lang="os")] == ["tskhinvali-district"]


def test_abkhaz_suffixes() -> None:
    forms = word_forms("Гагра", "ab").forms
    assert (forms["in"], forms["and"]) == ("Гаграҟны", "Гагреи")
    mentions = scan_text("Гәдоуҭеи Гагреи араионқәа", lang="ab")
    assert [m.entity for m in mentions] == ["gudauta", "gagra"]


# ---------------------------------------------------------------------- robustness


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГіїєґ- "), max_size=24),
    lang=st.sampled_from(["ru", "uk", "de", "ka", "fr", "os", "ab", "en"]),
)
def test_any_text_gets_forms_with_the_nominative_first(text: str, lang: str) -> None:
    made = word_forms(text, lang)
    assert next(iter(made.forms.values()), text) == text
    assert 0.0 < made.confidence <= 1.0


def test_geonames_names_get_forms_and_curated_derived_words_survive(tmp_path: Path) -> None:
    table = tmp_path / "table.txt"
    table.write_text(
        "\t".join(["520555", "Nizhniy Novgorod", "Nizhniy Novgorod", "", "56.3", "44.0", "P",
                   "PPLA", "RU", "", "51", "", "", "", "1284164", "", "", "Europe/Moscow",
                   "2020-01-01"]) + "\n"
        + "\t".join(["611847", "Sokhumi", "Sokhumi", "", "43.0", "41.0", "P", "PPLA", "GE", "",
                     "02", "", "", "", "62914", "", "", "Asia/Tbilisi", "2020-01-01"]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    alternate = tmp_path / "alternate.txt"
    alternate.write_text(
        "1\t520555\tru\tНижний Новгород\t1\t\t\t\t\t\n2\t611847\tuk\tСухумі\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    grown = load_gazetteer(geonames=table, alternate_names=alternate)
    [mention] = scan_text("в Нижнем Новгороде", lang="ru", gazetteer=grown)
    assert mention.entity == "geonames-520555"
    assert grown.entity("sukhumi").derived_variants("ru") == ()  # patterns only there
    assert grown.entity("akhalgori").derived_variants("ru")  # kept through the merge
