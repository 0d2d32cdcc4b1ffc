"""The byline: kept by the codec (absent stays absent), shown by every renderer, valid in
ninjs and NewsML-G2."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from lxml import etree

import newslib
from newslib import Byline
from newslib.errors import ArticleError
from newslib.renderers import FORMATS, render_page

from .test_renderers import every_block_article, make_page, newsml_schema, ninjs_validator

BYLINE = (
    Byline("Jane Doe", affiliation="Reuters"),
    Byline("John Roe"),
    Byline("Mark Heinrich", role="editing"),
)


def bylined_page(locale: str = "en") -> newslib.renderers.page.Page:
    page = make_page(locale=locale)
    return replace(page, article=replace(page.article, byline=BYLINE))


def test_the_codec_keeps_the_byline_and_writes_none_when_there_is_none() -> None:
    article = replace(every_block_article(), byline=BYLINE)
    text = newslib.dumps_article(article)
    assert "byline:\n  - name: Jane Doe\n    affiliation: Reuters\n  - name: John Roe\n" in text
    assert newslib.loads_article(text) == article
    assert newslib.dumps_article(newslib.loads_article(text)) == text
    assert "byline" not in newslib.dumps_article(every_block_article())


def test_a_byline_without_a_name_is_refused_at_its_line() -> None:
    text = newslib.dumps_article(replace(every_block_article(), byline=BYLINE))
    broken = text.replace("  - name: John Roe\n", "  - role: writing\n")
    with pytest.raises(ArticleError, match="name") as caught:
        newslib.loads_article(broken, path="a.yaml")
    assert caught.value.line == text.splitlines().index("  - name: John Roe") + 1


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_names_the_authors(fmt: str) -> None:
    out = render_page(bylined_page(), fmt)
    assert "Jane Doe" in out and "John Roe" in out, fmt
    if fmt in ("html", "markdown", "text"):
        assert "By Jane Doe and John Roe" in out
        assert "Mark Heinrich" not in out  # a credit, not an author


@pytest.mark.parametrize(("locale", "shown"), [("ru", "Авторы: Jane Doe и John Roe"),
                                               ("de", "Von Jane Doe und John Roe"),
                                               ("fr", "Par Jane Doe et John Roe")])  # fmt: skip
def test_the_byline_is_in_the_editions_language(locale: str, shown: str) -> None:
    html = render_page(bylined_page(locale), "html")
    root = etree.fromstring(html.encode(), etree.HTMLParser())
    assert root.xpath("string(//p[@class='byline'])") == shown


@pytest.mark.parametrize("version", ["3.1", "2.2"])
def test_ninjs_by_names_the_authors_and_validates(version: str) -> None:
    data = json.loads(render_page(bylined_page(), "ninjs" if version == "3.1" else "ninjs2"))
    assert data["by"] == "Jane Doe and John Roe, TASS"
    assert [e.message for e in ninjs_validator(version).iter_errors(data)] == []


def test_newsml_creators_and_contributors_validate() -> None:
    document = render_page(bylined_page(), "newsml")
    assert [str(e)[:300] for e in newsml_schema().iter_errors(document)] == []
    root = etree.fromstring(document.encode())
    ns = {"g": "http://iptc.org/std/nar/2006-10-01/"}
    assert root.xpath("//g:contentMeta/g:creator/g:name/text()", namespaces=ns) == [
        "Jane Doe",
        "John Roe",
    ]
    assert root.xpath("//g:contentMeta/g:contributor/g:name/text()", namespaces=ns) == [
        "Mark Heinrich"
    ]


def test_json_ld_authors_are_people() -> None:
    html = render_page(bylined_page(), "html")
    root = etree.fromstring(html.encode(), etree.HTMLParser())
    data = json.loads(root.xpath("string(//script[@type='application/ld+json'])"))
    assert data["author"] == [
        {"@type": "Person", "name": "Jane Doe"},
        {"@type": "Person", "name": "John Roe"},
    ]


def test_a_changed_byline_is_a_field_change_in_the_diff() -> None:
    old = replace(every_block_article(), byline=BYLINE[:1])
    new = replace(every_block_article(), byline=BYLINE)
    changes = {c.field: (c.old, c.new) for c in newslib.diff_articles(old, new).fields}
    assert changes == {
        "byline": ("Jane Doe (Reuters)", "Jane Doe (Reuters); John Roe; Mark Heinrich, editing")
    }
