"""The shipped article is the record of what was published."""

from __future__ import annotations

import re

from newslib import Quote, render

from .support.seed import published_seed

# Every name in the seed that names a place, person or organisation, as written.
NAMES = [
    "Sergey Lavrov",
    "Lavrov",
    "Sergey Shamba",
    "Ahsar Dzhioyev",
    "Maria Zakharova",
    "Kakha Kaladze",
    "Kaladze",
    "Moscow",
    "Russia",
    "Abkhazia",
    "South Ossetia",
    "Georgia",
    "United States",
    "South Caucasus",
    "Sukhum",
    "Tskhinval",
    "Tskhinvali",
    "Tbilisi",
    "TASS",
    "Geneva International Discussions",
    "Geneva discussions",
    "United Nations",
    "UN General Assembly",
    "European Union",
    "OSCE",
    "Organization for Security and Cooperation in Europe",
]


def test_rendered_as_written_gives_back_the_seed(seed_text: str) -> None:
    rendered = render(published_seed(), "text")
    assert rendered.split() == seed_text.split()


def test_every_name_is_annotated() -> None:
    article = published_seed()
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(NAMES, key=len)[::-1]))
    for where, text in article.texts():
        unannotated = "".join(s for s in text.segments if isinstance(s, str))
        # Names inside an organisation's name are that organisation's ("Georgian Dream -
        # Democratic Georgia"); the rest must all sit inside references.
        left = [m.group() for m in pattern.finditer(unannotated)]
        assert left == [], f"{where}: {left}"


def test_the_seed_keeps_its_own_inconsistency() -> None:
    surfaces = [
        ref.surface
        for _, text in published_seed().texts()
        for ref in text.refs()
        if ref.entity == "tskhinvali"
    ]
    assert surfaces == ["Tskhinval", "Tskhinval", "Tskhinvali"]


def test_quotes_know_their_speakers() -> None:
    quotes = [b for b in published_seed().body if isinstance(b, Quote)]
    assert [q.speaker for q in quotes] == ["maria-zakharova", "sergey-lavrov"]
