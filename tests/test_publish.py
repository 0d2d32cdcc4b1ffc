"""Links and ids a publisher can use (issue 15): hreflang per language, absolute URLs under
base_url, tag: ids, one URL allow-list, a full manifest, index and landing pages, strict
builds on the command line, and the README's build command on the shipped content.

The content here is more than the seed: two articles (one corrected, one never
translated), two English editions (the second marked default), Russian, and Arabic (RTL,
so one article is shown there as the English original).
"""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

import newslib
from newslib import Paragraph, Repository, Text
from newslib.cli import main
from newslib.editions import builder
from newslib.errors import ConfigError
from newslib.renderers import render_page
from newslib.renderers.atom import FeedEntry, render_feed
from newslib.renderers.page import Link
from newslib.renderers.safety import absolute_url, safe_url

from .support.paths import CONTENT, ROOT, SEED_ID
from .test_renderers import make_page

OTHER = "second-story"
BASE = "https://news.example.org/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}

CONFIG = """\
title: Desk
{top}editions:
  - id: en-a
    locale: en
    policy: georgian-official
    formats: [html, json, ninjs, newsml]
  - id: en-b
    locale: en
    policy: russian-usage
    formats: [html, json, ninjs, newsml]
    default: true
  - id: ru
    locale: ru
    policy: russian-usage
    formats: [html, ninjs]
    timezone: Europe/Moscow
  - id: ar
    locale: ar
    policy: georgian-official
    formats: [html, json, ninjs, newsml]
    timezone: Asia/Riyadh
"""


def make_content(tmp_path: Path, top: str = "") -> Path:
    """The seed, its translations, a second (untranslated) article with two revisions."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
    (folder / "newslib.yaml").write_text(CONFIG.format(top=top), "utf-8")
    repository = Repository(folder)
    seed = repository.read(SEED_ID)
    other = replace(seed, id=OTHER, headline=Text.of("A second story"))
    repository.save(other, author="desk", kind="publish", now=datetime(2025, 3, 1, tzinfo=UTC))
    body = (Paragraph("p1", Text.of("A new first paragraph.")), *other.body[1:])
    repository.save(
        replace(other, body=body), author="desk", kind="update",
        now=datetime(2025, 3, 2, tzinfo=UTC),
    )  # fmt: skip
    return folder


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, newslib.BuildResult]:
    content = make_content(tmp_path, f"base_url: {BASE}\n")
    out = tmp_path / "site"
    return out, newslib.build(content, out, jobs=1)


def page(out: Path, edition: str, article: str = SEED_ID) -> Any:
    return lxml_html.fromstring((out / edition / f"{article}.html").read_bytes())


def alternates(doc: Any) -> list[tuple[str | None, str]]:
    return [(x.get("hreflang"), x.get("href")) for x in doc.findall(".//link[@rel='alternate']")]


# ---------------------------------------------------------------------- hreflang


def test_one_hreflang_per_language_the_default_edition_s(
    site: tuple[Path, newslib.BuildResult],
) -> None:
    out, _ = site
    links = alternates(page(out, "ru"))
    named = [lang for lang, _ in links if lang]
    assert sorted(named) == ["ar", "en", "ru", "x-default"]  # each once
    assert (None, f"{BASE}en-a/{SEED_ID}.html") in links  # the other English: no hreflang
    assert ("en", f"{BASE}en-b/{SEED_ID}.html") in links  # default: true wins
    assert ("x-default", f"{BASE}en-b/{SEED_ID}.html") in links  # the original's language


def test_a_fallback_page_gets_no_hreflang_and_says_its_language(
    site: tuple[Path, newslib.BuildResult],
) -> None:
    out, _ = site
    links = alternates(page(out, "en-b", OTHER))  # OTHER has no Arabic translation
    # Only English shows English: ru and ar show the original, for want of a translation.
    assert sorted(lang for lang, _ in links if lang) == ["en", "x-default"]
    assert (None, f"{BASE}ar/{OTHER}.html") in links and "ar" not in dict(links)
    doc = page(out, "ar", OTHER)
    assert doc.get("lang") == "en" and doc.get("dir") == "rtl"  # English text, Arabic edition
    assert doc.find(".//p[@class='section']").get("lang") == "ar"  # the edition's own words
    assert page(out, "ar").get("lang") == "ar"  # the translated seed


def test_no_edition_in_a_language_shows_it(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    (content / "translations" / SEED_ID / "ru.yaml").unlink()
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    assert "ru" not in dict(alternates(page(out, "en-a")))


def test_two_defaults_for_one_language_are_refused(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    config = content / "newslib.yaml"
    config.write_text(
        config.read_text("utf-8").replace("    policy: georgian-official\n    formats: [html, "
                                          "json, ninjs, newsml]\n  - id: en-b",
                                          "    policy: georgian-official\n    formats: [html, "
                                          "json, ninjs, newsml]\n    default: true\n  - id: en-b",
                                          1), "utf-8",
    )  # fmt: skip
    with pytest.raises(ConfigError, match=r"newslib.yaml:\d+:\d+: a second default edition"):
        newslib.load_project(content)


# ---------------------------------------------------------------------- URLs and ids


def test_absolute_urls_and_tag_ids_under_base_url(site: tuple[Path, newslib.BuildResult]) -> None:
    out, result = site
    assert result.warnings == (  # base_url set: only what --strict would refuse
        f"ru/{OTHER}: no current reviewed translation (missing)",
        f"ar/{OTHER}: no current reviewed translation (missing)",
    )
    doc = page(out, "ar")
    assert doc.find(".//link[@rel='canonical']").get("href") == f"{BASE}ar/{SEED_ID}.html"
    assert all(href.startswith(BASE) for _, href in alternates(doc))
    jsonld = json.loads(doc.find(".//script[@type='application/ld+json']").text)
    assert jsonld["url"] == f"{BASE}ar/{SEED_ID}.html"
    assert jsonld["translationOfWork"]["@id"] == f"{BASE}en-b/{SEED_ID}.html"
    tag = f"tag:news.example.org,2026-11-27:ar/{SEED_ID}"
    assert json.loads((out / "ar" / f"{SEED_ID}.ninjs.json").read_text("utf-8"))["uri"] == tag
    assert json.loads((out / "ar" / f"{SEED_ID}.json").read_text("utf-8"))["edition"]["uri"] == tag
    newsml = etree.fromstring((out / "ar" / f"{SEED_ID}.newsml.xml").read_bytes())
    assert newsml.get("guid") == tag
    feed = etree.fromstring((out / "ar" / "feed.atom").read_bytes())
    assert feed.findtext("a:id", namespaces=ATOM) == "tag:news.example.org,2025-03-01:ar"
    assert feed.find("a:link[@rel='self']", ATOM).get("href") == f"{BASE}ar/feed.atom"
    entries = {e.findtext("a:id", namespaces=ATOM): e for e in feed.findall("a:entry", ATOM)}
    assert tag in entries and f"tag:news.example.org,2025-03-01:ar/{OTHER}" in entries
    assert entries[tag].find("a:link", ATOM).get("href") == f"{BASE}ar/{SEED_ID}.html"


def test_provider_with_a_date_names_every_id(tmp_path: Path) -> None:
    content = make_content(tmp_path, "provider: desk.example.com,2024\n")
    out = tmp_path / "site"
    result = newslib.build(content, out, jobs=1)
    [warning] = [w for w in result.warnings if "base_url" in w]
    assert warning.endswith(
        "newslib.yaml: no base_url: links are relative; add base_url: https://…"
    )
    ninjs = json.loads((out / "en-a" / f"{OTHER}.ninjs.json").read_text("utf-8"))
    assert ninjs["uri"] == f"tag:desk.example.com,2024:en-a/{OTHER}"
    feed = etree.fromstring((out / "en-a" / "feed.atom").read_bytes())
    assert feed.findtext("a:id", namespaces=ATOM) == "tag:desk.example.com,2024:en-a"


def test_without_base_url_links_are_relative_and_one_warning_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content(tmp_path)
    out = tmp_path / "site"
    result = newslib.build(content, out, jobs=1)
    assert [w for w in result.warnings if "base_url" in w] == [result.warnings[0]]
    assert "tag:newslib.invalid" in result.warnings[0]
    assert str(content / "newslib.yaml") in result.warnings[0]
    assert all(href.startswith("../") for _, href in alternates(page(out, "ru")))
    ninjs = json.loads((out / "ru" / f"{SEED_ID}.ninjs.json").read_text("utf-8"))
    assert ninjs["uri"] == f"tag:newslib.invalid,2026-11-27:ru/{SEED_ID}"
    assert main(["--content", str(content), "build", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("no base_url") == 1
    # The Arabic edition shows OTHER untranslated: the one problem --strict refuses, warned.
    assert f"newslib: warning: ar/{OTHER}: no current reviewed translation (missing)" in err


def test_an_edition_base_url_wins(tmp_path: Path) -> None:
    content = make_content(tmp_path, f"base_url: {BASE}\n")
    config = content / "newslib.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - id: ru\n", "  - id: ru\n    base_url: https://ru.example.org/news/\n"
        ),
        "utf-8",
    )
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    assert (
        "ru",
        f"https://ru.example.org/news/ru/{SEED_ID}.html",
    ) in alternates(page(out, "en-a"))


@pytest.mark.parametrize(
    ("top", "edition"),
    [
        ("base_url: javascript:alert(1)//\n", ""),
        ("base_url: 'JaVaScRiPt:alert(1)'\n", ""),
        ("base_url: //evil.example/\n", ""),
        ("base_url: news.example.org\n", ""),
        ("base_url: 'https://news.example.org/?a=1'\n", ""),
        ("", "    base_url: 'http:/\\\\evil.example/'\n"),
        ("", "    base_url: 'ftp://news.example.org/'\n"),
    ],
)
def test_a_bad_base_url_is_refused_at_its_line(tmp_path: Path, top: str, edition: str) -> None:
    content = make_content(tmp_path, top)
    config = content / "newslib.yaml"
    text = config.read_text("utf-8").replace("  - id: ru\n", "  - id: ru\n" + edition)
    config.write_text(text, "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "base_url" in t)
    with pytest.raises(ConfigError) as caught:
        newslib.load_project(content)
    assert caught.value.line == line and caught.value.column is not None
    assert "not an absolute http(s) URL" in str(caught.value)
    assert "https://news.example.org/" in str(caught.value)  # the hint
    assert main(["--content", str(content), "build", "--out", str(tmp_path / "o")]) == 2


@pytest.mark.parametrize(
    "provider", ["Not a domain", "localhost", "news.example.org,2024-13", "https://x.org"]
)
def test_a_bad_provider_is_refused(tmp_path: Path, provider: str) -> None:
    content = make_content(tmp_path, f"provider: '{provider}'\n")
    with pytest.raises(ConfigError, match=r"newslib.yaml:2:\d+: provider"):
        newslib.load_project(content)


# ---------------------------------------------------------------------- one allow-list


MORE_HOSTILE = [
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "https:\\\\evil.example",
    "java\nscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "\x00javascript:alert(1)",
    "http://[",
]


@pytest.mark.parametrize("url", MORE_HOSTILE)
def test_more_hostile_urls(url: str) -> None:
    assert safe_url(url) == "#"
    assert not absolute_url(url)


def test_safe_urls_pass() -> None:
    for url in ("https://news.example.org/a", "HTTP://X.ORG/", "../ru/a.html", "a.html", "/x"):
        assert safe_url(url) == url


@pytest.mark.parametrize("fmt", ["html", "json", "ninjs", "ninjs2", "newsml"])
def test_no_format_writes_a_hostile_url(fmt: str) -> None:
    url = "javascript:alert(1)"
    hostile = replace(make_page(), url=url, links=(Link("ru", url, "ru"),))
    assert "javascript" not in render_page(hostile, fmt).lower()


def test_atom_leaves_a_hostile_link_out() -> None:
    entry = FeedEntry("tag:x.org,2024:a", "A", "JaVaScRiPt:alert(1)",
                      datetime(2024, 1, 2, tzinfo=UTC), None, None, "en", "TASS")  # fmt: skip
    feed = render_feed(feed_id="tag:x.org,2024:f", title="F", url="/\\evil", language="en",
                       entries=[entry])  # fmt: skip
    assert "javascript" not in feed.lower() and "evil" not in feed


# ---------------------------------------------------------------------- manifest and pages


def test_the_manifest_lists_every_published_file(site: tuple[Path, newslib.BuildResult]) -> None:
    out, _ = site
    on_disk = {"index.html"} | {
        f"{e.name}/{p.name}" for e in out.iterdir() if e.is_symlink() for p in e.iterdir()
    }
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))["entries"]
    assert {e["path"] for e in manifest} == on_disk
    kinds = {e["format"] for e in manifest if e["article"] is None}
    assert kinds == {"index", "atom", "asset", "landing", "manifest"}  # each edition its own
    newslib.build(out.parent / "content", out, jobs=1)  # nothing changed: the same list
    again = json.loads((out / "manifest.json").read_text("utf-8"))["entries"]
    assert {e["path"] for e in again} == on_disk


def test_the_index_page(site: tuple[Path, newslib.BuildResult]) -> None:
    out, _ = site
    doc = lxml_html.fromstring((out / "ru" / "index.html").read_bytes())
    items = doc.findall(".//ul[@class='articles']/li")
    assert [i.find(".//a").get("href") for i in items] == [f"{SEED_ID}.html", f"{OTHER}.html"]
    seed, other = items
    assert seed.find(".//p[@class='standfirst']").text_content().startswith("Стороны")
    assert seed.find(".//p[@class='section']").text_content() == "Все новости"
    assert seed.find(".//time").get("datetime").startswith("2026-11-28T01:00")
    assert seed.find(".//*[@class='corrected']").text_content() == "1 исправление"
    assert other.find(".//*[@class='corrected']") is None  # an update is no correction
    assert other.find(".//h2").get("lang") == "en"  # not translated: shown in English
    switch = [a.get("href") for a in doc.findall(".//nav[@class='editions']//a")]
    assert switch == [f"{BASE}{e}/index.html" for e in ("en-a", "en-b", "ar")]


def test_the_landing_page(site: tuple[Path, newslib.BuildResult]) -> None:
    out, _ = site
    doc = lxml_html.fromstring((out / "index.html").read_bytes())
    items = doc.findall(".//ul[@class='editions']/li")
    assert [i.find("a").get("href") for i in items] == [
        f"{BASE}{e}/index.html" for e in ("en-a", "en-b", "ru", "ar")
    ]
    arabic = items[-1]
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert "العربية" in arabic.text_content() and arabic.find(".//code").text == "ar"
    assert arabic.find(".//bdi").get("dir") == "ltr"  # the id, isolated


# ---------------------------------------------------------------------- the command line


def test_strict_exits_1_listing_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content(tmp_path, f"base_url: {BASE}\n")
    (content / "translations" / SEED_ID / "ru.yaml").unlink()
    args = ["--content", str(content), "build", "--out", str(tmp_path / "site"), "--strict"]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"newslib: error: ru/{SEED_ID}: no current reviewed translation (missing)" in err
    assert f"newslib: error: ru/{OTHER}: no current reviewed translation (missing)" in err
    assert f"newslib: error: ar/{OTHER}: no current reviewed translation (missing)" in err
    assert err[-1].startswith("newslib: build refused (3 problem(s))")
    assert not (tmp_path / "site" / "ru").exists()


def test_progress_off_a_terminal_is_a_plain_line_now_and_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    progress = builder._Progress()
    progress.interval = 0.0
    progress(1, 3, "ru/a")
    progress(2, 3, "ru/b")
    assert stream.getvalue().splitlines() == [
        "newslib: 1/3 pages rendered (ru/a)",
        "newslib: 2/3 pages rendered (ru/b)",
    ]
    assert "\r" not in stream.getvalue() and "#" not in stream.getvalue()
    quiet = builder._Progress()  # the default: a line every few seconds, not every page
    stream.truncate(0)
    for done in range(1, 50):
        quiet(done, 50, "x")
    assert stream.getvalue() == ""


@pytest.mark.parametrize("columns", [120, 80, 40, 20, 8, 2])
def test_the_progress_bar_fits_the_terminal(columns: int) -> None:
    line = builder.progress_line(7, 12, "ar/" + "a-very-long-article-id" * 4, columns)
    assert len(line) == columns - 1
    if columns >= 40:
        assert line.startswith("[") and " 7/12 " in line


def test_progress_on_a_terminal_uses_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(
        shutil, "get_terminal_size", lambda *a: __import__("os").terminal_size((50, 20))
    )
    builder._Progress()(1, 2, "ru/" + "x" * 80)
    assert stream.getvalue().startswith("\r[") and len(stream.getvalue()) == 1 + 49


# ---------------------------------------------------------------------- the README's command


def readme_build_command() -> list[str]:
    """The README's strict build, exactly as written there."""
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"^(newslib build -j \d+ --strict)\b", readme, re.M)
    assert found, "the README shows a strict build"
    return shlex.split(found[1])


def test_the_readme_s_strict_build_passes_on_the_shipped_content(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content", ignore=shutil.ignore_patterns(".lock"))
    command = readme_build_command()
    assert command[:2] == ["newslib", "build"]
    done = subprocess.run(
        [sys.executable, "-m", "newslib", *command[1:]],
        cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "_site" / "index.html").is_file()
    assert "error" not in done.stderr
