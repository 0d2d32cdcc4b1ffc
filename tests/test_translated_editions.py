"""Translated editions that are always right: field by field, the same in ``render`` and
``build``, with every stale or untranslated passage marked — on the seed and on a second
story with four revisions and partial translations, in every edition language."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

import newslib
from newslib import Paragraph, Repository, Text
from newslib.cli import main
from newslib.errors import ConfigError, UsageError
from newslib.l10n import labels
from newslib.l10n.localizer import Localizer
from newslib.renderers.page import BodyState, Mark, select_body
from newslib.translations.model import (
    FieldStatus,
    StaleTranslation,
    correction_field,
    translated_view,
)
from newslib.translations.status import TranslationState

from .support.paths import CONTENT, SEED_ID
from .support.second_story import NOTE_4, STORY, add_second_story
from .test_renderers import newsml_schema, ninjs_validator

LANGUAGES = ("en", "ru", "de", "fr", "ka", "ar")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
    publish_machine_drafts(folder, "ar")  # the story's Arabic is two machine drafts
    add_second_story(folder)
    return folder


def publish_machine_drafts(content: Path, edition: str) -> None:
    """Make *edition* say ``missing_translation: machine`` (the seed's say ``fallback``)."""
    config = content / "newslib.yaml"
    pattern = rf"(- id: {edition}\n(?:    .*\n)*?    missing_translation: )fallback"
    text, count = re.subn(pattern, r"\1machine", config.read_text("utf-8"))
    assert count == 1
    config.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    newslib.build(content, out, jobs=1)
    return out


def page_of(content: Path, edition: str, fmt: str = "text", article: str = STORY) -> str:
    return newslib.render_edition(content, article, edition, fmt)


def first_edition(content: Path, language: str) -> str:
    return next(e.id for e in newslib.load_project(content).editions if e.language == language)


# ---------------------------------------------------------------------- render == build


@pytest.mark.parametrize("language", LANGUAGES)
def test_render_locale_prints_the_built_file(
    content: Path, site: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newslib render ID --locale L`` prints what ``build`` wrote, in every format."""
    edition = first_edition(content, language)
    for article in (SEED_ID, STORY):
        for fmt, spec in newslib.FORMATS.items():
            code = main(["--content", str(content), "render", article, "--locale", language,
                         "--format", fmt])  # fmt: skip
            out = capsys.readouterr().out
            built = (site / edition / f"{article}.{spec.extension}").read_text("utf-8")
            assert code == 0 and out == built, (article, language, fmt)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_library_render_makes_the_builds_choice(
    content: Path, site: Path, language: str
) -> None:
    """``newslib.render(..., translations=project)`` shows what the edition shows (the
    formats without links to the other editions are the built files, byte for byte)."""
    project = newslib.load_project(content)
    edition = project.edition(first_edition(content, language))
    repository = Repository(content)
    for article in (SEED_ID, STORY):
        history = tuple(repository.history(article))
        for fmt in ("text", "markdown", "newsml"):
            shown = newslib.render(
                repository.read(article),
                fmt,
                locale=edition.locale,
                policy=edition.policy,
                timezone=edition.timezone,
                history=history,
                translations=project,
                machine=edition.missing_translation == "machine",
            )
            spec = newslib.FORMATS[fmt]
            built = (site / edition.id / f"{article}.{spec.extension}").read_text("utf-8")
            if fmt == "newsml":  # the time of rendering a dateless item, and the item's id
                # (a tag: URI naming the edition, which the library's render has none of)
                shown, built = (
                    _without(_without(t, "versionCreated"), "guid=") for t in (shown, built)
                )
            assert shown == built, (article, edition.id, fmt)


def _without(xml: str, tag: str) -> str:
    return "\n".join(line for line in xml.splitlines() if tag not in line)


def test_render_takes_a_translation_set_and_refuses_another_language(content: Path) -> None:
    source = Repository(content).read(STORY)
    ka = newslib.Project.at(content).translations(STORY, "ka")
    assert ka is not None
    out = newslib.render(source, "text", locale="ka", translations=ka)
    assert "თბილისში მოლაპარაკებები" in out
    with pytest.raises(UsageError, match="into 'ka'"):
        newslib.render(source, "text", locale="ru", translations=ka)
    with pytest.raises(UsageError, match="mark or original"):
        newslib.render(source, "text", locale="ka", translations=ka, stale_translation="hide")


def test_render_edition_and_its_overrides(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(content), "render", STORY, "--edition", "en-russian-usage"]) == 0
    assert "through Sukhum and" in capsys.readouterr().out
    args = ["--content", str(content), "render", STORY, "--locale", "en"]
    assert main([*args, "--policy", "russian-usage"]) == 0
    assert "through Sukhum and" in capsys.readouterr().out
    assert main([*args, "--rev", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["revision"]["number"] == 1
    with pytest.raises(SystemExit):  # one or the other
        main([*args, "--edition", "ru"])
    assert main(["--content", str(content), "render", STORY, "--edition", "xx"]) == 2
    assert "no edition 'xx'" in capsys.readouterr().err


# ---------------------------------------------------------------------- field by field


def test_one_changed_paragraph_leaves_the_rest_translated(content: Path) -> None:
    """The issue's case: the head changed p2 and a list; the Russian edition stays
    Russian — headline included — and marks those two passages."""
    out = page_of(content, "ru")
    assert out.startswith("В мире\n\nПереговоры в Тбилиси завершились без договорённости\n\n")
    stale = labels.stale_field(Localizer.for_edition("ru"))
    assert out.count(f"[{stale}]") == 2
    assert f"«ключевым вопросом».\n[{stale}]" in out  # p2: the stale translation, marked
    assert "[2 фрагмента переведены до того, как изменился оригинал.]" in out
    assert "перевода на этот язык пока нет" not in out
    # The correction of revision 4 has no Russian yet: the original note, marked.
    assert f"{NOTE_4}\n[Ещё не переведено; показан оригинал (английский).]" in out
    assert "[Переведено не полностью (язык оригинала: английский): 1 фрагмент" in out


def test_a_field_s_status_never_changes_the_others(content: Path) -> None:
    repository = Repository(content)
    source = repository.read(STORY)
    history = repository.history(STORY)
    translations = newslib.Project.at(content).translations(STORY, "ru")
    assert translations is not None
    before = translated_view(source, translations, history=history).fields
    for block in source.body:
        if not isinstance(block, Paragraph):
            continue
        edited = replace(
            source,
            body=tuple(
                Paragraph(b.id, Text.of("Something else entirely.")) if b.id == block.id else b
                for b in source.body
            ),
        )
        after = translated_view(edited, translations, history=history).fields
        assert after[block.id].status is FieldStatus.STALE
        assert {k: v for k, v in after.items() if k != block.id} == {
            k: v for k, v in before.items() if k != block.id
        }


def test_stale_translation_original_shows_the_original_of_that_field_alone(
    content: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    config = folder / "newslib.yaml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("    missing_translation: fallback\n",
                     "    missing_translation: fallback\n    stale_translation: original\n", 1),
        "utf-8",
    )  # fmt: skip
    assert newslib.load_project(folder).edition("ru").stale_translation is StaleTranslation.ORIGINAL
    out = page_of(folder, "ru")
    outdated = "[Перевод устарел; показан оригинал (английский).]"
    assert "Переговоры в Тбилиси завершились" in out  # the headline is still Russian
    # p2 in English, under the edition's policy (Sukhum) and with English quotation marks.
    assert "railway through Sukhum and the border crossings" in out
    assert ("which one delegate called “the key questions”.\n" + outdated) in out
    assert out.count(outdated) == 2 and "Оригинал изменился" not in out
    assert "3 фрагмента показаны в оригинале" in out  # p2, l1 and the untranslated note


def test_a_bad_stale_translation_value_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "newslib.yaml").write_text(
        "editions:\n  - id: ru\n    locale: ru\n    policy: russian-usage\n    formats: [html]\n"
        "    stale_translation: hide\n",
        "utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        newslib.load_project(tmp_path)
    assert (caught.value.line, caught.value.column) == (6, 24)
    assert "invalid value 'hide'" in str(caught.value) and "mark or original" in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path / 'newslib.yaml'}:6:24:")


def test_select_body_states(content: Path) -> None:
    repository = Repository(content)
    source, history = repository.read(STORY), repository.history(STORY)
    project = newslib.Project.at(content)
    states = {
        language: select_body(
            source, project.translations(STORY, language), language, history=history
        )
        for language in LANGUAGES
    }
    assert {k: (v.state, v.translation) for k, v in states.items()} == {
        "en": (BodyState.ORIGINAL, TranslationState.ORIGINAL),
        "ru": (BodyState.PARTIAL, TranslationState.STALE),
        "de": (BodyState.PARTIAL, TranslationState.MISSING),
        "fr": (BodyState.FALLBACK, TranslationState.MISSING),
        "ka": (BodyState.HUMAN, TranslationState.HUMAN),
        "ar": (BodyState.PARTIAL, TranslationState.MISSING),
    }


def test_every_language_tells_the_truth_about_its_body(content: Path) -> None:
    de = page_of(content, "de")
    assert "(Originalsprache: Englisch): 7 Abschnitte stehen im Original.]" in de
    assert de.count("[Noch nicht übersetzt; hier steht das Original (Englisch).]") == 7
    fr = page_of(content, "fr")
    assert "la traduction dans cette langue n’est pas encore disponible" in fr
    assert "[" not in fr.split("]", 1)[1]  # a fallback page has its notice, no markers
    ka = page_of(content, "ka")
    assert "[ორიგინალის ენა: ინგლისური]" in ka and ka.count("[") == 1
    assert "სტატიის წინა ვერსიაში არ იყო ნათქვამი" in ka  # both notes translated
    ar = page_of(content, "ar")
    assert "ترجمة آلية" in ar and "تُعرض 8 مقاطع بلغتها الأصلية" in ar
    en = page_of(content, "en-georgian-official")
    assert "[" not in en


# ---------------------------------------------------------------------- markup per format


def test_html_marks_each_passage_with_the_language_it_is_in(content: Path) -> None:
    doc = lxml_html.fromstring(page_of(content, "ar", "html").encode())
    article = doc.find(".//article")
    assert (article.get("lang"), article.get("dir")) == ("ar", "rtl")
    original = [e for e in doc.find_class("original") if "correction" not in e.get("class")]
    assert len(original) == 6  # standfirst, p1, h1, q1, l1, p3
    assert {(e.get("lang"), e.get("dir")) for e in original} == {("en", "ltr")}
    standfirst = doc.find(".//p[@class='standfirst original']")
    assert standfirst is not None and standfirst.get("lang") == "en"
    marker = standfirst.getnext()
    assert marker.get("class") == "marker" and (marker.get("lang"), marker.get("dir")) == (
        "ar",
        "rtl",
    )
    assert marker.text == "لم يُترجم بعد؛ يُعرض بلغته الأصلية (الإنجليزية)."
    translated = [p for p in doc.iter("p") if "السكك الحديدية" in p.text_content()]
    assert translated and translated[0].get("class") is None  # current: no mark
    notes = doc.find_class("correction")
    assert all(n.find("span").get("lang") == "en" for n in notes)
    assert doc.find(".//section[@class='corrections']/h2").text == "تصحيحان"

    ru = lxml_html.fromstring(page_of(content, "ru", "html").encode())
    [stale_list] = ru.findall(".//ul[@class='stale']")
    assert stale_list.get("lang") == "ru"
    assert stale_list.getnext().text == labels.stale_field(Localizer.for_edition("ru"))
    assert ru.find(".//p[@class='corrected']").text.startswith("Исправлено ")


def test_markdown_json_and_newsml_carry_the_marks(content: Path) -> None:
    md = page_of(content, "de", "markdown")
    assert "*(Noch nicht übersetzt; hier steht das Original (Englisch).)*" in md
    assert "**2 Korrekturen**" in md

    data = json.loads(page_of(content, "ru", "json"))
    assert data["edition"]["body"] == "partial"
    assert data["fields"]["p2"] == {
        "status": "stale", "shown": "translation", "language": "ru", "mark": "stale"
    }  # fmt: skip
    assert data["fields"]["p1"]["mark"] is None
    assert data["fields"][correction_field(4)] == {
        "status": "missing", "shown": "original", "language": "en", "mark": "original"
    }  # fmt: skip
    assert [c["mark"] for c in data["corrections"]] == [None, "original"]

    xml = page_of(content, "de", "newsml")
    newsml_schema().validate(xml)
    root = etree.fromstring(xml.encode())
    h = "{http://www.w3.org/1999/xhtml}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    marked = [e for e in root.iter(f"{h}p", f"{h}h2", f"{h}ul", f"{h}blockquote")
              if e.get("class")]  # fmt: skip
    assert len(marked) == 5 and {e.get("class") for e in marked} == {str(Mark.ORIGINAL)}
    assert {e.get(lang) for e in marked} == {"en"}
    assert root.find(".//{http://iptc.org/std/nar/2006-10-01/}headline").get(lang) is None

    for version in ("3.1", "2.2"):  # ninjs has no place for a flag: the text is left as it is
        fmt = "ninjs" if version == "3.1" else "ninjs2"
        ninjs_validator(version).validate(json.loads(page_of(content, "de", fmt)))


# ---------------------------------------------------------------------- quotation marks


def test_fallback_text_takes_the_quotation_marks_of_its_own_language(content: Path) -> None:
    """English shown under a French, German or Arabic edition keeps English marks and no
    French spacing; each edition's own text keeps its marks."""
    for edition in ("fr", "de", "ar"):
        out = page_of(content, edition)
        assert '"' not in out, edition
        assert "“We will be back in December,” a delegate said." in out, edition
    fr = page_of(content, "fr")
    assert "which one delegate called “the key questions”." in fr  # no thin space before ».
    assert re.search(r"Rectificatif \([^)]+\)\u00a0: An earlier version", fr)  # French label
    assert "«ключевым вопросом»" in page_of(content, "ru")
    assert "„მთავარი საკითხები“" in page_of(content, "ka")
    assert "”القضايا الرئيسية“" in page_of(content, "ar")  # CLDR's Arabic marks


# ---------------------------------------------------------------------- corrections


def test_correction_notes_are_fields_everywhere(content: Path, tmp_path: Path) -> None:
    rows = {r.language: r for r in newslib.Project.at(content).status([STORY])}
    assert (rows["ru"].current, rows["ru"].stale, rows["ru"].missing) == (7, 2, 1)
    assert (rows["ka"].current, rows["ka"].missing) == (10, 0)  # 8 fields and 2 notes

    def french(text: str, source: str, target: str) -> str:
        return f"[fr] {text}"

    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    summary = newslib.draft(folder, STORY, target="fr", translator=newslib.MockTranslator(french))
    publish_machine_drafts(folder, "fr")
    assert {correction_field(2), correction_field(4)} <= set(summary.drafted)
    out = page_of(folder, "fr")
    assert "Rectificatif (" in out and "[fr] An earlier version left out" in out
    assert "Traduction automatique" in out


def test_a_corrected_story_says_so_at_the_top(content: Path) -> None:
    for edition in ("en-georgian-official", "ru", "de", "fr", "ka", "ar"):
        out = page_of(content, edition)
        project = newslib.load_project(content)
        chosen = project.edition(edition)
        loc = Localizer.for_edition(chosen.locale, chosen.timezone)
        last = Repository(content).history(STORY)[-1]
        line = labels.corrected_on(loc, last.time.astimezone(loc.timezone).date())
        head, _, body = out.partition(line)
        assert body and head.count("\n\n") == 3, edition  # section, headline, standfirst
        assert labels.correction_count(loc, 2) in body
    assert "2 исправления" in page_of(content, "ru")
    plain = newslib.render(Repository(content).read(STORY), "text")
    assert "Corrected on" not in plain  # as written: the agency's layout, notes at the end
