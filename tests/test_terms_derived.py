"""Derived words (adjectives, demonyms) as data: usage tags, every form, fixes in gender,
case and number where the usage tells, and never counted as mentions of the place."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newslib import check_text, fix_text, scan_text
from newslib.errors import GazetteerError
from newslib.terms.loader import gazetteer_from_yaml
from newslib.terms.policy import Policy, Rule, Severity

from .support.paths import ROOT

GEORGIAN = "georgian-official"
RUSSIAN = "russian-usage"


@pytest.mark.parametrize(
    ("policy", "text", "fixed"),
    [
        # gender, case and number of the adjective are kept
        (GEORGIAN, "Глава Ленингорского района.", "Глава Ахалгорского района."),
        (GEORGIAN, "Ленингорская долина, ленингорские сёла.", "Ахалгорская долина, ахалгорские сёла."),  # noqa: E501
        (GEORGIAN, "В ленингорских сёлах.", "В ахалгорских сёлах."),
        (GEORGIAN, "К ленингорской школе.", "К ахалгорской школе."),
        (GEORGIAN, "Жители Дзауского района.", "Жители Джавского района."),
        (GEORGIAN, "В Дзауском районе.", "В Джавском районе."),
        (GEORGIAN, "На пицундском пляже.", "На бичвинтском пляже."),
        (RUSSIAN, "Ахалгорский район, Джавской долиной.", "Ленингорский район, Дзауской долиной."),
        (RUSSIAN, "ТКВАРЧЕЛЬСКОГО РАЙОНА", "ТКУАРЧАЛСКОГО РАЙОНА"),
    ],
)  # fmt: skip
def test_usage_revealing_adjectives_are_fixed_in_their_form(
    policy: str, text: str, fixed: str
) -> None:
    assert fix_text(text, lang="ru", policy=policy) == fixed


def test_a_fixed_derived_word_is_reported_as_derived_at_the_variant_severity() -> None:
    [finding] = check_text("Глава Ленингорского района.", lang="ru", policy=GEORGIAN)
    assert (finding.rule, finding.severity) == (Rule.DERIVED, Severity.ERROR)
    assert (finding.variant, finding.suggestion, finding.fixable) == (
        "ленингорский", "Ахалгорского", True,
    )  # fmt: skip
    assert finding.to_json()["rule"] == "derived"


def test_the_policys_own_derived_words_are_silent() -> None:
    assert check_text("Глава Ахалгорского района.", lang="ru", policy=GEORGIAN) == []
    assert check_text("Глава Ленингорского района.", lang="ru", policy=RUSSIAN) == []


@pytest.mark.parametrize("text", ["Цхинвальские власти.", "Ингурская ГЭС.", "Гагрский пляж."])
def test_words_of_no_usage_or_every_usage_are_reported_never_fixed(text: str) -> None:
    for policy in (GEORGIAN, RUSSIAN):
        for finding in check_text(text, lang="ru", policy=policy):
            assert (finding.rule, finding.severity, finding.suggestion) == (
                Rule.DERIVED, Severity.INFO, None,
            )  # fmt: skip
        assert fix_text(text, lang="ru", policy=policy) == text


def test_quoted_derived_words_are_reported_not_fixed() -> None:
    text = "Он сказал: «Ленингорский район наш»."
    [finding] = check_text(text, lang="ru", policy=GEORGIAN)
    assert finding.severity == Severity.INFO and not finding.fixable
    assert fix_text(text, lang="ru", policy=GEORGIAN) == text


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "The Abkhazian side.", "Abkhazian"),
        ("en", "South Ossetian officials.", "South Ossetian"),
        ("fr", "Les autorités abkhazes.", "abkhazes"),
        ("de", "Die abchasischen Behörden.", "abchasischen"),
        ("ru", "Ленингорские власти.", "Ленингорские"),
    ],
)
def test_demonyms_and_adjectives_are_not_mentions_of_the_place(
    lang: str, text: str, word: str
) -> None:
    [mention] = scan_text(text, lang=lang)
    assert mention.derived and mention.surface == word
    place_names = {v.text for vs in _entity(mention.entity).names.values() for v in vs}
    assert mention.variant.text not in place_names


def _entity(entity_id: str):  # type: ignore[no-untyped-def]
    from newslib import shipped_gazetteer

    return shipped_gazetteer().entity(entity_id)


def test_scan_counts_derived_words_apart() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newslib", "scan", "-", "--lang", "en", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True,
        input="Abkhazian and South Ossetian officials met in Sukhumi.",
    )  # fmt: skip
    data = json.loads(done.stdout)
    assert data["files"] == [{"path": "-", "mentions": 1, "derived": 2}]
    derived = [m for m in data["mentions"] if m["derived"]]
    assert [m["variant"] for m in derived] == ["Abkhazian", "South Ossetian"]
    assert all(m["usage"] == [] for m in derived)


def test_the_derived_schema_takes_patterns_and_words_with_usage_and_source() -> None:
    found = gazetteer_from_yaml(
        """
entities:
  - id: lviv
    kind: place
    derived:
      ru:
        - львовск*
        - {text: львовский, usage: [legacy]}
        - {text: львивский, usage: [current], source: a style guide}
      en: [{text: Lvivian, usage: [current]}, Leopolitan*]
    names:
      ru:
        - {text: Львов, usage: [legacy]}
      en:
        - {text: Lviv, usage: [current]}
""",
        path="desk.yaml",
    )
    entity = found.entity("lviv")
    assert entity.derived["ru"] == ("львовск*",)
    words = {v.text: v for v in entity.derived_variants("ru")}
    assert words["львивский"].source == "a style guide"
    assert words["львовский"].forms["loc.femn"] == "львовской"
    assert entity.derived_variants("en")[0].forms["plur"] == "Lvivians"
    policy = Policy(name="desk", prefer={"*": ("current",)})
    assert fix_text("В львовской газете.", lang="ru", policy=policy, gazetteer=found) == (
        "В львивской газете."
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{text: львовск*, usage: [legacy]}", "whole word"),
        ("{text: львовский, usage: [legacy], colour: red}", "colour"),
        ("{usage: [legacy]}", "text"),
    ],
)
def test_bad_derived_entries_name_the_file_and_line(entry: str, message: str) -> None:
    text = f"""entities:
  - id: lviv
    kind: place
    derived:
      ru:
        - {entry}
    names:
      ru:
        - {{text: Львов, usage: [legacy]}}
"""
    with pytest.raises(GazetteerError) as raised:
        gazetteer_from_yaml(text, path="desk.yaml")
    assert "desk.yaml" in str(raised.value) and ":6" in str(raised.value)
    assert message in str(raised.value)


def test_derived_words_and_confidence_survive_the_disk_cache() -> None:
    text = """entities:
  - id: lviv
    kind: place
    derived:
      ru: [{text: львовский, usage: [legacy]}]
    names:
      ru:
        - {text: Сухумовск, usage: [legacy]}
"""
    first = gazetteer_from_yaml(text, path="a.yaml")
    from newslib.terms import cache

    again = cache._read_gazetteer(  # what the next process reads
        cache.entry_dir(first.content_hash) / "gazetteer", first.content_hash
    )
    assert again is not None
    entity = again.entity("lviv")
    assert (
        entity.derived_variants("ru")[0].forms
        == first.entity("lviv").derived_variants("ru")[0].forms
    )
    assert entity.names["ru"][0].confidence == first.entity("lviv").names["ru"][0].confidence < 1


def test_terms_show_lists_derived_words_and_generated_forms() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newslib", "terms", "show", "gagra"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert any("Гагры" in line and "Гаграх" in line and "75% sure" in line for line in lines)
    assert any("derived гагрский" in line and "common" in line for line in lines)


def test_ukrainian_derived_words_are_fixed_in_their_form() -> None:
    found = gazetteer_from_yaml(
        """
entities:
  - id: kropyvnytskyi
    kind: place
    derived:
      uk:
        - {text: кропивницький, usage: [current]}
        - {text: кіровоградський, usage: [legacy]}
    names:
      uk:
        - {text: Кропивницький, usage: [current]}
        - {text: Кіровоград, usage: [legacy]}
""",
        path="desk.yaml",
    )
    policy = Policy(name="desk", prefer={"*": ("current",)})
    text = "Кіровоградської міськради та кіровоградським школам."
    assert fix_text(text, lang="uk", policy=policy, gazetteer=found) == (
        "Кропивницької міськради та кропивницьким школам."
    )
