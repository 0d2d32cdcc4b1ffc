from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from newslib import Article, dumps_article, loads_article, read_article, write_article
from newslib.errors import ArticleError

from .support.seed import published_seed
from .support.strategies import articles


@settings(max_examples=200)
@given(articles())
def test_write_then_read_gives_an_equal_article(article: Article) -> None:
    assert loads_article(dumps_article(article)) == article


@given(articles())
def test_canonical_text_is_a_fixed_point(article: Article) -> None:
    canonical = dumps_article(article)
    assert dumps_article(loads_article(canonical)) == canonical


def test_canonical_file_reads_and_writes_back_to_the_same_bytes(seed_article_file: Path) -> None:
    raw = seed_article_file.read_bytes()
    assert dumps_article(read_article(seed_article_file)).encode("utf-8") == raw


def test_write_article_writes_atomically_and_reads_back(tmp_path: Path) -> None:
    article = published_seed()
    target = tmp_path / "a.yaml"
    write_article(article, target)
    assert read_article(target) == article
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_write_refuses_an_invalid_article(tmp_path: Path) -> None:
    article = published_seed()
    broken = replace(article, body=article.body + article.body[:1])
    with pytest.raises(ArticleError, match="duplicate block id 'p1'"):
        write_article(broken, tmp_path / "x.yaml")
    assert not (tmp_path / "x.yaml").exists()


VALID = """\
id: a1
language: en
section: News
source: TASS
dateline:
  place: moscow
  written: MOSCOW
  date: 2024-10-04
headline: Talks in [[tskhinvali|Tskhinval]]
body:
  - id: p1
    type: paragraph
    text: Talks.
entities:
  - id: moscow
    kind: place
    name: Moscow
  - id: tskhinvali
    kind: place
    name: Tskhinvali
"""


def test_valid_minimal_article_reads() -> None:
    article = loads_article(VALID)
    assert article.dateline.date.isoformat() == "2024-10-04"
    assert article.headline.plain == "Talks in Tskhinval"


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "problem", "hint"),
    [
        ("section: News", "section: News\nsectoin: x", 4, 1, "unknown key 'sectoin'", "'section'"),
        ("section: News\n", "", 1, 1, "missing key 'section'", "add 'section: ...'"),
        ("source: TASS", "source: 2024", 4, 9, "expected a string", "write a string"),
        ("date: 2024-10-04", "date: 2024-13-04", 8, 9, "bad date '2024-13-04'", "real date"),
        ("date: 2024-10-04", "date: October 4", 8, 9, "bad date 'October 4'", "YYYY-MM-DD"),
        (
            "text: Talks.\n",
            "text: Talks.\n  - id: p1\n    type: heading\n    text: x\n",
            14,
            9,
            "duplicate block id 'p1'",
            "give every block its own id",
        ),
        (
            "[[tskhinvali|Tskhinval]]",
            "[[tskhinvali|Tskhinval",
            9,
            20,
            "reference is not closed",
            "]]",
        ),
        (
            "[[tskhinvali|Tskhinval]]",
            "[[tbilisi|Tbilisi]]",
            9,
            11,
            "entity 'tbilisi' is not declared",
            "under 'entities'",
        ),
        ("type: paragraph", "type: para", 12, 11, "unknown block type 'para'", "paragraph"),
        (
            "kind: place\n    name: Moscow",
            "kind: city\n    name: Moscow",
            16,
            11,
            "unknown entity kind 'city'",
            "person, place, organisation",
        ),
        ("id: a1", "id: ../etc", 1, 5, "invalid value '../etc'", "must match"),
        (
            "text: Talks.",
            "text: Talks.\n    text: Again.",
            14,
            5,
            "duplicate key 'text'",
            "keep one",
        ),
        (
            "headline: Talks",
            "headline: !!python/object:os.system Talks",
            9,
            11,
            "tag",
            "remove the tag",
        ),
        ("section: News", "section: &a News\nextra: *a", 4, 8, "aliases", "in full"),
        ("section: News", "section: [News", 4, 7, "not valid YAML", "YAML syntax"),
        ("text: Talks.", 'text: "Talks\\u0007"', 13, 11, "U+0007 is not allowed", "remove"),
    ],
)
def test_every_validation_error_names_line_column_problem_and_fix(
    old: str, new: str, line: int, column: int, problem: str, hint: str
) -> None:
    assert old in VALID
    with pytest.raises(ArticleError) as caught:
        loads_article(VALID.replace(old, new, 1), path="article.yaml")
    error = caught.value
    assert (error.path, error.line, error.column) == ("article.yaml", line, column), str(error)
    assert problem in error.problem
    assert error.hint is not None and hint in error.hint
    assert str(error).startswith(f"article.yaml:{line}:{column}: ")


def test_empty_file() -> None:
    with pytest.raises(ArticleError, match="empty"):
        loads_article("", path="x.yaml")


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ArticleError, match="expected a mapping"):
        loads_article("- a\n- b\n", path="x.yaml")
