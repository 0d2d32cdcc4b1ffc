"""Hostile content in every field: nothing becomes markup, no link leaves the allow-list."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from lxml import html as lxml_html

import newslib
from newslib import Paragraph, Quote, Text
from newslib.renderers import render_page
from newslib.renderers.page import BodyState, Link
from newslib.renderers.safety import safe_url

from .test_renderers import every_block_article, make_page

SCRIPT = "<script>alert(1)</script>"
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://",
]


def hostile_page(**extra: object) -> newslib.renderers.page.Page:
    article = replace(
        every_block_article(),
        headline=Text.of(SCRIPT),
        standfirst=Text.of("</script><img src=x onerror=alert(1)>"),
        section='"><svg onload=alert(1)>',
        source="TASS</title><script>alert(2)</script>",
        body=(
            Paragraph("p1", Text.of(f"{SCRIPT} and \u2028 and </p><p>")),
            Quote("q1", Text.of('" onmouseover="alert(1)'), None, Text.of(SCRIPT)),
        ),
    )
    return replace(make_page(**extra), article=article)


def test_html_escapes_every_text_field() -> None:
    out = render_page(hostile_page(), "html")
    doc = lxml_html.fromstring(out.encode())
    assert [s.get("type") for s in doc.iter("script")] == ["application/ld+json"]
    assert not doc.xpath("//@onerror | //@onload | //@onmouseover | //img | //svg")
    assert doc.find(".//h1").text_content() == SCRIPT  # shown, as text


def test_json_ld_cannot_close_its_script() -> None:
    out = render_page(hostile_page(), "html")
    body = out.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body
    assert json.loads(body)["headline"] == SCRIPT


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_never_become_links(url: str) -> None:
    assert safe_url(url) == "#"
    page = replace(
        hostile_page(), url=url, links=(Link("ru", url, "ru"), Link("x-default", url, "x"))
    )
    doc = lxml_html.fromstring(render_page(page, "html").encode())
    hrefs = [a.get("href") for a in doc.iter("a")] + [k.get("href") for k in doc.iter("link")]
    assert url not in hrefs
    assert not [
        h for h in hrefs if h and h.lower().lstrip().startswith(("javascript", "data", "vb"))
    ]


def test_a_hostile_machine_translation_is_only_text() -> None:
    translated = replace(
        every_block_article(),
        language="ru",
        body=(Paragraph("p1", Text.of('Перевод <iframe src="javascript:alert(1)"></iframe>')),),
    )
    page = replace(make_page(locale="ru"), article=translated, body=BodyState.MACHINE)
    doc = lxml_html.fromstring(render_page(page, "html").encode())
    assert not doc.xpath("//iframe")
    assert "<iframe" in doc.find(".//article").text_content()


@pytest.mark.parametrize("fmt", ["markdown", "newsml", "ninjs", "json", "text"])
def test_other_formats_keep_hostile_text_as_text(fmt: str) -> None:
    out = render_page(hostile_page(), fmt)
    if fmt == "markdown":
        assert "<script>" not in out and "\\<script\\>" in out
    elif fmt == "newsml":
        assert "<script>" not in out and "&lt;script&gt;" in out
    else:
        assert SCRIPT in out
