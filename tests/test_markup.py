from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslib import Ref, Text, format_text, parse_text
from newslib.errors import ArticleError


def test_reference_keeps_surface_and_entity() -> None:
    text = parse_text("talks in [[tskhinvali|Tskhinval]] and [[sukhumi|Sukhum]].")
    assert text.plain == "talks in Tskhinval and Sukhum."
    assert list(text.refs()) == [Ref("tskhinvali", "Tskhinval"), Ref("sukhumi", "Sukhum")]


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        (r"\[[not a ref]]", "[[not a ref]]"),
        (r"a \\ backslash", "a \\ backslash"),
        ("[sic] and a ] alone", "[sic] and a ] alone"),
        (r"[[x|a\]b]]", "a]b"),
        (r"[[x|a\|b]]", "a|b"),
    ],
)
def test_escapes(markup: str, plain: str) -> None:
    assert parse_text(markup).plain == plain


@pytest.mark.parametrize(
    ("markup", "column", "problem"),
    [
        ("in [[tskhinvali|Tskhinval", 4, "reference is not closed"),
        ("in [[tskhinvali]]", 4, "no '|surface'"),
        ("in [[Tskhinvali|T]]", 6, "invalid entity id 'Tskhinvali'"),
        ("in [[x|]]", 4, "empty surface"),
        (r"a \q b", 3, "escapes nothing"),
        ("[[x|a[b]]", 6, "unescaped '['"),
    ],
)
def test_malformed_references_name_the_column(markup: str, column: int, problem: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_text(markup)
    assert caught.value.column == column
    assert problem in caught.value.problem
    assert caught.value.hint


entity_ids = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
segments = st.lists(st.one_of(words, st.builds(Ref, entity_ids, words.filter(bool))), max_size=6)


@given(segments)
def test_format_then_parse_is_identity(parts: list[str | Ref]) -> None:
    text = Text(tuple(parts))
    assert parse_text(format_text(text)) == text


@given(words)
def test_plain_text_without_brackets_is_its_own_markup(value: str) -> None:
    if "[" not in value and "\\" not in value:
        assert format_text(Text.of(value)) == value
