"""Every block type in every renderer; HTML semantics; schemas; feeds; template overrides."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from babel import Locale
from jsonschema import Draft202012Validator
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from referencing import Registry, Resource

import newslib
from newslib import (
    Article,
    Dateline,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Ref,
    Revision,
    RevisionKind,
    Text,
)
from newslib.l10n.localizer import LABEL_LANGUAGES, Localizer
from newslib.renderers import FORMATS, render_page
from newslib.renderers.atom import FeedEntry, render_feed
from newslib.renderers.page import BodyState, Link, Page

from .support.paths import CONTENT, SEED_ID, STANDARDS


@cache
def ninjs_validator(version: str) -> Draft202012Validator:
    geojson = json.loads((STANDARDS / "ninjs" / "GeoJSON-schema.json").read_text("utf-8"))
    registry = Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson)
    )
    schema = json.loads((STANDARDS / "ninjs" / f"ninjs-schema_{version}.json").read_text("utf-8"))
    return Draft202012Validator(schema, registry=registry)


@cache
def newsml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(STANDARDS / "newsml-g2" / "NewsML-G2_2.35-spec-All-Power.xsd"))


def every_block_article() -> Article:
    return Article(
        id="all-blocks",
        language="en",
        section="All news",
        source="TASS",
        dateline=Dateline("tskhinvali", "TSKHINVAL", date(2024, 10, 4)),
        headline=Text(("Talks in ", Ref("tskhinvali", "Tskhinval"))),
        standfirst=Text.of("A standfirst."),
        body=(
            Paragraph("p1", Text(("First paragraph in ", Ref("sukhumi", "Sukhum"), "."))),
            Heading("h1", Text.of("A subheading")),
            Quote("q1", Text.of("We will help."), "sergey-lavrov", Text.of("Lavrov said")),
            Quote("q2", Text.of("No comment.")),
            ListBlock("l1", (Text.of("first item"), Text.of("second item")), ordered=True),
            ListBlock("l2", (Text.of("a bullet"),)),
        ),
        entities=(
            Entity("tskhinvali", EntityKind.PLACE, "Tskhinvali"),
            Entity("sukhumi", EntityKind.PLACE, "Sukhumi"),
            Entity("sergey-lavrov", EntityKind.PERSON, "Sergey Lavrov"),
        ),
    )


HISTORY = (
    Revision("all-blocks", 1, datetime(2024, 10, 4, 9, tzinfo=UTC), "desk", RevisionKind.PUBLISH,
             "", "c1", None, "h1"),
    Revision("all-blocks", 2, datetime(2024, 10, 5, 9, tzinfo=UTC), "desk",
             RevisionKind.CORRECTION, "Fixed a name.", "c2", "h1", "h2"),
)  # fmt: skip


def make_page(locale: str = "en", policy: str | None = "georgian-official", **extra: Any) -> Page:
    return Page(
        article=every_block_article(),
        loc=Localizer.for_edition(locale, "Europe/Moscow"),
        gazetteer=newslib.shipped_gazetteer(),
        policy=newslib.load_policy(policy) if policy else None,
        history=HISTORY,
        url="https://news.example.org/en/all-blocks.html",
        links=(
            Link("en", "https://news.example.org/en/all-blocks.html", "English"),
            Link("ru", "https://news.example.org/ru/all-blocks.html", "русский"),
            Link("x-default", "https://news.example.org/en/all-blocks.html", "English"),
        ),
        **extra,
    )


EXPECTED = [
    "First paragraph in Sukhumi",  # under the policy
    "A subheading",
    "We will help",
    "Lavrov said",
    "No comment",
    "first item",
    "second item",
    "a bullet",
    "TSKHINVALI, October 4.",  # the dateline, under the policy
    "Fixed a name.",  # the correction
]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_block_type_in_every_format(fmt: str) -> None:
    out = render_page(make_page(), fmt)
    for needle in EXPECTED:
        if fmt in ("json",) and needle.startswith(("TSKHINVALI", "First paragraph in Sukhumi")):
            continue  # the model as stored: names as written, no dateline
        assert needle in out, (fmt, needle)


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_a_corrected_story_says_so_at_the_top_and_counts_its_corrections(fmt: str) -> None:
    out = render_page(make_page("ru"), fmt)
    top = out.index("Исправлено 5 октября 2024")
    assert (
        top
        < out.index("First paragraph")
        < out.index("1 исправление")
        < out.index("Исправление (5 октября 2024")
    )
    as_written = render_page(make_page(policy=None, as_written=True), fmt)
    assert "Corrected on" not in as_written and "1 correction\n" not in as_written


class TestHTML:
    def doc(self, **kw: Any) -> Any:
        return lxml_html.fromstring(render_page(make_page(**kw), "html").encode())

    def test_semantic_structure(self) -> None:
        doc = self.doc()
        assert doc.get("lang") == "en" and doc.get("dir") == "ltr"
        article = doc.find(".//article")
        assert article is not None
        assert article.find("header/h1").text_content() == "Talks in Tskhinvali"
        times = doc.findall(".//time")
        assert {t.get("class") for t in times} == {"published", "updated"}
        assert all(t.get("datetime", "").startswith("2024-10-0") for t in times)
        assert doc.find(".//figure/blockquote") is not None
        assert doc.find(".//figure/figcaption/cite").text_content() == "Lavrov said"
        assert doc.find(".//ol/li") is not None and doc.find(".//ul/li") is not None
        assert "Fixed a name." in doc.find(".//footer").text_content()

    def test_alternates_and_json_ld(self) -> None:
        doc = self.doc()
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in doc.findall(".//link[@rel='alternate']")
        }
        assert set(alternates) == {"en", "ru", "x-default"}
        data = json.loads(doc.find(".//script[@type='application/ld+json']").text)
        assert data["@type"] == "NewsArticle"
        for key in ("headline", "datePublished", "dateModified", "inLanguage", "author",
                    "publisher", "dateline", "locationCreated", "correction"):  # fmt: skip
            assert key in data, key
        assert data["workTranslation"][0]["inLanguage"] == "ru"
        assert data["correction"][0]["text"] == "Fixed a name."

    def test_translation_notices_and_rtl(self) -> None:
        translated = replace(every_block_article(), language="ar")
        page = replace(make_page(locale="ar", body=BodyState.MACHINE), article=translated)
        doc = lxml_html.fromstring(render_page(page, "html").encode())
        assert doc.get("dir") == "rtl" and doc.get("lang") == "ar"
        notices = [n.text_content() for n in doc.findall(".//p[@class='notice']")]
        assert any("ترجمة آلية" in n for n in notices)
        data = json.loads(doc.find(".//script[@type='application/ld+json']").text)
        assert data["translationOfWork"]["@id"].endswith("/en/all-blocks.html")

    def test_a_template_folder_overrides(self, tmp_path: Path) -> None:
        (tmp_path / "article.html").write_text(
            "<p>{{ headline }} / {{ page.loc.tag }}</p>", "utf-8"
        )
        assert (
            render_page(make_page(templates=tmp_path), "html") == "<p>Talks in Tskhinvali / en</p>"
        )


@pytest.mark.parametrize("language", [*LABEL_LANGUAGES, "ab", "os"])
def test_html_direction_is_cldrs_for_every_shipped_language(language: str) -> None:
    """The page, its body and the isolation of Latin names follow CLDR's text direction."""
    expected = "rtl" if language == "ar" else "ltr"
    assert Locale.parse(language).text_direction == expected
    article = replace(every_block_article(), language=language)
    page = replace(make_page(language, policy=None), article=article)
    doc = lxml_html.fromstring(render_page(page, "html").encode())
    body = doc.find(".//article")
    assert (doc.get("dir"), body.get("dir"), body.get("lang")) == (expected, expected, language)
    assert ("\u2068Sukhum\u2069" in body.text_content()) == (expected == "rtl")


def test_markdown_is_commonmark_and_escaped() -> None:
    tricky = Paragraph(
        "p9", Text.of("*not emphasis* <b>not html</b> [not](a link) # not a heading")
    )
    page = replace(make_page(), article=replace(every_block_article(), body=(tricky,)))
    html = MarkdownIt("commonmark").render(render_page(page, "markdown"))
    [paragraph] = [line for line in html.splitlines() if "not emphasis" in line]
    assert "<em>" not in paragraph and "<b>" not in paragraph and "<a " not in paragraph
    assert "*not emphasis* &lt;b&gt;not html&lt;/b&gt; [not](a link) # not a heading" in paragraph


@pytest.mark.parametrize("version", ["3.1", "2.2"])
@pytest.mark.parametrize("locale", ["en", "ru", "ka", "ar"])
def test_ninjs_is_valid(version: str, locale: str) -> None:
    fmt = "ninjs" if version == "3.1" else "ninjs2"
    data = json.loads(render_page(make_page(locale=locale), fmt))
    errors = [e.message for e in ninjs_validator(version).iter_errors(data)]
    assert errors == []
    assert data["version"] == "2"


@pytest.mark.parametrize("locale", ["en", "ru", "ka", "ar"])
def test_newsml_g2_is_valid(locale: str) -> None:
    document = render_page(make_page(locale=locale), "newsml")
    errors = [str(e)[:300] for e in newsml_schema().iter_errors(document)]
    assert errors == []


def test_atom_feed() -> None:
    feed = render_feed(
        feed_id="urn:x",
        title="Feed <&>",
        url="https://news.example.org/en/feed.atom",
        language="en",
        entries=[
            FeedEntry("urn:a", "A", "https://x/a", datetime(2024, 1, 2, tzinfo=UTC), None, None,
                      "en", "TASS"),
            FeedEntry("urn:b", "B", "https://x/b", datetime(2024, 1, 3, tzinfo=UTC), None, "s",
                      "en", "TASS"),
        ],
    )  # fmt: skip
    root = etree.fromstring(feed.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.findtext("a:title", namespaces=ns) == "Feed <&>"
    assert root.findtext("a:updated", namespaces=ns).startswith("2024-01-03")
    assert [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)] == [
        "urn:b",
        "urn:a",
    ]


def test_the_seed_in_every_edition_is_valid() -> None:
    repository = newslib.Repository(CONTENT)
    article = repository.read(SEED_ID)
    history = tuple(repository.history(SEED_ID))
    for locale in ("en", "ru", "de", "fr", "ka", "ar"):
        for policy in ("georgian-official", "russian-usage"):
            ninjs = json.loads(
                newslib.render(article, "ninjs", locale=locale, policy=policy, history=history)
            )
            assert not list(ninjs_validator("3.1").iter_errors(ninjs))
            ninjs2 = json.loads(
                newslib.render(article, "ninjs2", locale=locale, policy=policy, history=history)
            )
            assert not list(ninjs_validator("2.2").iter_errors(ninjs2))
            newsml = newslib.render(
                article, "newsml", locale=locale, policy=policy, history=history
            )
            assert newsml_schema().is_valid(newsml)
