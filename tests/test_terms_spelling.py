"""unknown-spelling: transliteration families and one edit, per script and language, the
policy's form as the suggestion, ordinary words left alone, the index from the disk cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslib import check_text
from newslib.terms import spelling
from newslib.terms.gazetteer import Gazetteer
from newslib.terms.loader import gazetteer_from_yaml
from newslib.terms.spelling import SpellingIndex, spelling_index, spelling_key


def _suggested(text: str, lang: str, policy: str = "as-written") -> list[tuple[str, str | None]]:
    return [
        (f.surface, f.suggestion)
        for f in check_text(text, lang=lang, policy=policy)
        if f.rule == "unknown-spelling"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Other transliterations: a vowel for another, tch/ch, kw/qw, a doubled letter.
        # (Ochamchyra, Tqwarchal and Очамчыре are in the gazetteer now: real copy writes them.)
        ("en", "Shelling near Ochamtchira.", [("Ochamtchira", "Ochamchira")]),
        ("en", "The Tkwarchal mines closed.", [("Tkwarchal", "Tqwarchal")]),
        ("en", "Talks in Tskhinvalli resumed.", [("Tskhinvalli", "Tskhinvali")]),
        ("en", "Ferries from Soukhumi.", [("Soukhumi", "Sukhumi")]),
        # Two letters short of a long name (never the misspelling "Tskhinva" it resembles).
        ("en", "Roads to Tskhinv were shut.", [("Tskhinv", "Tskhinval")]),
        # German "tsch" and French "tch" spell the English "ch".
        ("de", "Der Hafen von Otschamtschyra.", [("Otschamtschyra", "Otschamtschira")]),
        ("fr", "Le port d'Otchamtchiri.", [("Otchamtchiri", "Otchamtchire")]),
        # Cyrillic: е for а, in the word form of the text.
        ("ru", "Музей в Очемчире открыт.", [("Очемчире", "Очамчире")]),
    ],
)
def test_a_spelling_of_another_family_is_suggested(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _suggested(text, lang) == expected


def test_the_suggestion_is_the_policy_form_in_the_case_of_the_resembled_form() -> None:
    # «Цхинвалом» is the instrumental of Цхинвал; «Цхинвалъом» resembles it.
    [finding] = [
        f
        for f in check_text("Договор с Цхинвалъом подписан.", lang="ru", policy="russian-usage")
        if f.rule == "unknown-spelling"
    ]
    assert (finding.suggestion, finding.entity, finding.lang) == ("Цхинвалом", "tskhinvali", "ru")
    [finding] = [
        f
        for f in check_text("Договор с Цхинвалъом подписан.", lang="ru", policy="georgian-official")
        if f.rule == "unknown-spelling"
    ]
    assert finding.suggestion == "Цхинвали"  # indeclinable: the same in every case
    assert "georgian-official writes 'Цхинвали'" in finding.message


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Sukhim Sukhum"),  # a known name beside it is still no reason to be silent
    ],
)
def test_a_one_letter_slip_beside_the_name_is_still_suggested(lang: str, text: str) -> None:
    assert _suggested(text, lang) == [("Sukhim", "Sukhum")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The gala in Gali."),  # lower case: an ordinary word
        ("en", "Gala dinner tonight."),  # "Gala" is one key from "Gali", but a common word
        ("en", "Shamba Sukhumi Tskhinvali"),  # known names
        ("ru", "Sukhumy и Сухуми."),  # a Latin spelling in Russian copy: no Latin names in ru
        ("en", "Сухумы and Sukhumi."),  # a Cyrillic spelling in English copy: no Cyrillic names
        ("en", "Gogra Gogry"),  # names the gazetteer lacks are not guessed at
    ],
)
def test_no_suggestion_for_ordinary_words_known_names_or_another_script(
    lang: str, text: str
) -> None:
    assert _suggested(text, lang) == []


def test_short_names_only_through_their_key() -> None:
    index = spelling_index(_gazetteer(), "en")
    assert index.lookup("gagry") is not None  # Gagra: the same key
    assert index.lookup("gagro") is not None  # a final vowel for another
    assert index.lookup("gogra") is None  # one edit, but five letters: not guessed
    assert spelling_key("gagry") == spelling_key("gagra")


def test_two_entities_as_close_give_no_guess() -> None:
    index = spelling_index(_gazetteer(), "en")
    assert index.lookup("karabal") is None  # one letter from Karabat and from Karabak
    near = index.lookup("karabatt")
    assert near is not None and near.entity == "karabat"


def _gazetteer() -> Gazetteer:
    entities = [
        {"id": "gagra", "kind": "place", "names": {"en": [
            {"text": "Gagra", "usage": ["a"]}, {"text": "Gagripsh", "usage": ["b"]}]}},
        {"id": "gudauta", "kind": "place", "names": {"en": [
            {"text": "Gudauta", "usage": ["a"]}, {"text": "Gudaut", "usage": ["b"]}]}},
        {"id": "karabat", "kind": "place", "names": {"en": [
            {"text": "Karabat", "usage": ["a"]}, {"text": "Qarabat", "usage": ["b"]}]}},
        {"id": "karabak", "kind": "place", "names": {"en": [
            {"text": "Karabak", "usage": ["a"]}, {"text": "Qarabak", "usage": ["b"]}]}},
    ]  # fmt: skip
    return gazetteer_from_yaml(json.dumps({"entities": entities}))


def test_the_index_is_kept_in_the_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLIB_CACHE", str(tmp_path))
    spelling._MEMORY.clear()
    gazetteer = _gazetteer()
    built = spelling_index(gazetteer, "en")
    assert list(tmp_path.glob("*/spelling-en-*/index.json"))
    spelling._MEMORY.clear()
    calls: list[str] = []
    monkeypatch.setattr(SpellingIndex, "build", lambda *a: calls.append("built"))
    loaded = spelling_index(gazetteer, "en")
    assert not calls
    assert loaded == built
