"""A place name inside an organisation's or a work's name is reported, never fixed: "The
Kiev Independent" keeps its owner's spelling while "Kiev" beside it is fixed."""

from __future__ import annotations

import pytest

from newslib import check_text, fix_text


@pytest.mark.parametrize(
    ("lang", "text", "fixed"),
    [
        (
            "en",
            "At The Kiev Independent, Kiev was calm.",
            "At The Kiev Independent, Kyiv was calm.",
        ),
        (
            "en",
            "He left the University of Kiev for Kiev.",
            "He left the University of Kiev for Kyiv.",
        ),
        ("en", "Kiev Airport reopened near Kiev.", "Kiev Airport reopened near Kyiv."),
        ("de", "Die Kiew Zeitung schreibt aus Kiew.", "Die Kiew Zeitung schreibt aus Kyjiw."),
        ("fr", "À l'Université de Kiev, à Kiev.", "À l'Université de Kiev, à Kyiv."),
    ],
)
def test_the_name_in_a_title_stays_and_the_place_is_fixed(lang: str, text: str, fixed: str) -> None:
    assert fix_text(text, lang=lang, policy="official-current") == fixed
    kept = [f for f in check_text(text, lang=lang, policy="official-current") if not f.fixable]
    assert len(kept) == 1 and "may be a name of its own" in kept[0].message
    assert kept[0].severity == "info"


@pytest.mark.parametrize(
    "text",
    [
        "Talks in Kiev Tuesday.",  # a day is no head word
        "Shelling in Kharkov Oblast.",  # the region is named after the city: fixed
        "Kiev Mayor Vitali Klitschko spoke.",  # a title before a person
    ],
)
def test_other_capitalised_neighbours_do_not_protect_a_name(text: str) -> None:
    assert all(f.fixable for f in check_text(text, lang="en", policy="official-current"))
