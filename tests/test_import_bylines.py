"""Bylines above the dateline and the trailers under the story: sign-offs with credits,
desk initials, credit lines."""

from __future__ import annotations

import pytest

from newslib import Byline
from newslib.article.agencies import read_trailer
from newslib.article.bylines import read_byline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe", (Byline("Jane Doe"),)),
        ("BY JANE DOE, Associated Press", (Byline("Jane Doe", affiliation="AP"),)),
        ("By Jane Doe, AP Diplomatic Writer",
         (Byline("Jane Doe", affiliation="AP Diplomatic Writer"),)),
        ("Jane Doe and John Roe, Reuters",
         (Byline("Jane Doe", affiliation="Reuters"), Byline("John Roe", affiliation="Reuters"))),
        ("Von Anna Schmidt", (Byline("Anna Schmidt"),)),
        ("Von Anna Schmidt und Peter Müller, dpa",
         (Byline("Anna Schmidt", affiliation="dpa"), Byline("Peter Müller", affiliation="dpa"))),
        ("Par Jean DUPONT", (Byline("Jean Dupont"),)),
        ("Par Marie de La Tour et Jean Dupont (AFP)",
         (Byline("Marie de La Tour", affiliation="AFP"), Byline("Jean Dupont", affiliation="AFP"))),
        ("Автор: Иван Петров", (Byline("Иван Петров"),)),
        ("Авторы: Иван Петров и Анна Смирнова",
         (Byline("Иван Петров"), Byline("Анна Смирнова"))),
    ],
)  # fmt: skip
def test_bylines(text: str, expected: tuple[Byline, ...]) -> None:
    assert read_byline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The sides will discuss a wide range of issues",  # a standfirst
        "By the end of the day, talks had stalled.",
        "Byzantine politics return to Tbilisi",
        "Talks resume in Moscow, Reuters",  # not names
        "Par ailleurs, les discussions continuent",
    ],
)
def test_what_is_not_a_byline(text: str) -> None:
    assert read_byline(text) == ()


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("(Reporting by Jane Doe in Tbilisi and John Roe in Yerevan; Editing by Mark Heinrich)",
         (("Jane Doe", "reporting"), ("John Roe", "reporting"), ("Mark Heinrich", "editing"))),
        ("(Writing by Jane Doe; Additional reporting by Ann Poe; Editing by Tom Hogue)",
         (("Jane Doe", "writing"), ("Ann Poe", "reporting"), ("Tom Hogue", "editing"))),
        ("Compiled by Jane Doe", (("Jane Doe", "compiling"),)),
        ("(Writing by Jane Doe)", (("Jane Doe", "writing"),)),
    ],
)  # fmt: skip
def test_sign_offs_become_credits(text: str, credits: tuple[tuple[str, str], ...]) -> None:
    trailer = read_trailer(text)
    assert trailer is not None
    assert tuple((b.name, b.role) for b in trailer.credits) == credits


@pytest.mark.parametrize(
    "text", ["—AP", "-- AP", "kw/ab (dpa)", "dpa kw yyzz", "ЕЛ/ИФ", "jd/ab/fg", "© AFP",
             "© 2025 AFP", "(c) AFP 2025"],
)  # fmt: skip
def test_initials_and_credit_lines_are_trailers_without_credits(text: str) -> None:
    trailer = read_trailer(text)
    assert trailer is not None and trailer.credits == () and text in trailer.what


@pytest.mark.parametrize(
    "text",
    ["He said so.", "The talks (in Moscow) ended.", "Mehr dazu", "Nato/EU",
     "(The ministry declined to comment.)", "Дата переговоров пока не объявлена."],
)  # fmt: skip
def test_story_text_is_not_a_trailer(text: str) -> None:
    assert read_trailer(text) is None
