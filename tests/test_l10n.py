"""Localisation with real Babel/CLDR data: locales, datelines, dates, typography, labels."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import newslib
from newslib.article.model import Ref, Text, primary_language
from newslib.errors import UsageError
from newslib.l10n import labels
from newslib.l10n.localizer import (
    LABEL_LANGUAGES,
    Localizer,
    fallback_chain,
    locales_dir,
    parse_locale,
)
from newslib.renderers.page import Page
from newslib.terms import entity_name

from .support.paths import CONTENT, ROOT, SEED_ID

SUPPORTED = ["en", "ru", "de", "fr", "ka", "ar", "ab", "os", "de-AT"]


def page(locale: str, text: Text | None = None, policy: str | None = None) -> Page:
    repository = newslib.Repository(CONTENT)
    article = repository.read(SEED_ID)
    return Page(
        article=article,
        loc=Localizer.for_edition(locale, "Europe/Moscow"),
        gazetteer=newslib.shipped_gazetteer(),
        policy=newslib.load_policy(policy) if policy else None,
        history=tuple(repository.history(SEED_ID)),
    )


class TestLocales:
    def test_fallback_chains(self) -> None:
        assert fallback_chain("de-AT") == ("de_AT", "de", "en")
        assert fallback_chain("ru") == ("ru", "en")
        # Babel has Abkhaz and Ossetic month names, but newslib has no labels in them.
        assert fallback_chain("ab") == ("ab", "ru", "en")
        assert fallback_chain("os") == ("os", "ru", "en")

    def test_unknown_locale(self) -> None:
        with pytest.raises(UsageError, match="unknown locale 'xx-QQ'"):
            parse_locale("xx-QQ")
        done = subprocess.run(
            [sys.executable, "-m", "newslib", "render", SEED_ID, "--locale", "klingon"],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 2 and "unknown locale 'klingon'" in done.stderr

    @pytest.mark.parametrize(
        ("tag", "language"),
        [("ru", "ru"), ("de-AT", "de"), ("de_AT", "de"), ("sr-Latn-RS", "sr"), ("es-419", "es"),
         ("und", "und"), ("xx-QQ", "xx"), ("zh-yue", "zh"), ("en-GB-oed", "en")],
    )  # fmt: skip
    def test_primary_language(self, tag: str, language: str) -> None:
        """Any well-formed tag has a language, known to CLDR or not, read by Babel or not."""
        assert primary_language(tag) == language

    def test_thin_locales_fall_back_explicitly(self) -> None:
        abkhaz = Localizer.for_edition("ab")
        assert abkhaz.day_month(date(2024, 10, 4)) == "4 Жьҭаара"  # CLDR's Abkhaz month
        assert newslib.l10n.labels.correction_count(abkhaz, 2) == "2 исправления"  # Russian labels


class TestDatelines:
    @pytest.mark.parametrize(
        ("locale", "policy", "dateline"),
        [
            ("en", None, "MOSCOW, October 4. /TASS/."),
            ("ru", None, "МОСКВА, 4 октября. /ТАСС/."),
            ("de", None, "MOSKAU, 4. Oktober /TASS/."),
            ("fr", None, "MOSCOU, 4\u202foctobre. /TASS/.".replace("\u202f", " ")),
            ("ka", None, "მოსკოვი, 4 ოქტომბერი. /ტასი/."),
            ("ar", None, "موسكو، 4 أكتوبر. /تاس/."),
        ],
    )
    def test_place_month_and_agency_in_the_edition_language(
        self, locale: str, policy: str | None, dateline: str
    ) -> None:
        assert page(locale, policy=policy).dateline == dateline

    def test_the_place_follows_the_policy(self) -> None:
        loc = Localizer.for_edition("ru")
        sukhumi = entity_name("sukhumi", lang="ru", policy="russian-usage")
        assert loc.dateline(sukhumi or "", date(2024, 5, 5), "ТАСС") == "СУХУМ, 5 мая. /ТАСС/."
        official = entity_name("sukhumi", lang="ru", policy="georgian-official")
        assert official == "Сухуми"

    def test_the_pattern_can_be_overridden_per_edition(self) -> None:
        loc = Localizer.for_edition("en", dateline_pattern="{place} ({agency}) — {date} —")
        assert loc.dateline("Moscow", date(2024, 10, 4), "TASS") == "MOSCOW (TASS) — October 4 —"


class TestDatesNumbersLists:
    def test_times_in_the_edition_zone(self) -> None:
        moment = datetime(2024, 10, 4, 21, 30, tzinfo=UTC)
        moscow = Localizer.for_edition("ru", "Europe/Moscow").moment(moment)
        assert "5 октября 2024" in moscow and "00:30" in moscow  # next day, UTC+3
        assert "October 4, 2024" in Localizer.for_edition("en", "UTC").moment(moment)
        assert Localizer.for_edition("en", "Asia/Tbilisi").iso(moment).endswith("+04:00")

    def test_numbers_lists_relative(self) -> None:
        ru = Localizer.for_edition("ru")
        assert ru.number(1234.5) == "1\xa0234,5"
        assert ru.join(["Сухум", "Цхинвал", "Тбилиси"]) == "Сухум, Цхинвал и Тбилиси"
        now = datetime(2024, 10, 4, 12, tzinfo=UTC)
        assert ru.relative(datetime(2024, 10, 4, 9, tzinfo=UTC), now) == "3 часа назад"
        assert Localizer.for_edition("de").number(1234.5) == "1.234,5"


class TestTypography:
    @pytest.mark.parametrize(
        ("locale", "quoted"),
        [("en", "“a ‘b’ c”"), ("ru", "«a „b“ c»"), ("de", "„a ‚b‘ c“"), ("ka", "„a «b» c“")],
    )
    def test_outer_and_inner_marks_from_cldr(self, locale: str, quoted: str) -> None:
        assert Localizer.for_edition(locale).quote("a 'b' c") == quoted

    @pytest.mark.parametrize(
        ("locale", "text", "shown"),
        [
            ("ru", "Мы вернёмся.", "«Мы вернёмся»."),  # the stop follows the marks
            ("uk", "Ми повернемося.", "«Ми повернемося»."),
            ("ru", "Вы вернётесь?", "«Вы вернётесь?»"),  # "?" and "…" stay inside
            ("ru", "Посмотрим...", "«Посмотрим...»"),
            ("en", "We will be back.", "“We will be back.”"),
            ("de", "Wir kommen zurück.", "„Wir kommen zurück.“"),
        ],
    )
    def test_a_quotation_alone_ends_by_the_language_rule(
        self, locale: str, text: str, shown: str
    ) -> None:
        loc = Localizer.for_edition(locale)
        assert labels.quote_with_attribution(loc, text, None) == shown

    def test_french_spacing(self) -> None:
        fr = Localizer.for_edition("fr")
        assert fr.typography("Quoi ? Oui ; non : « bien »!") == (
            "Quoi\u202f? Oui\u202f; non\xa0: «\u202fbien\u202f»\u202f!"
        )
        assert fr.quote("Paix") == "«\u202fPaix\u202f»"

    def test_typography_leaves_names_and_markup_alone(self) -> None:
        french = replace(page("fr").article, language="fr")
        shown = Page(article=french, loc=Localizer.for_edition("fr"),
                     gazetteer=newslib.shipped_gazetteer())  # fmt: skip
        text = Text(('Il a dit: "', Ref("tskhinvali", "Tskhinval"), '"!'))
        assert shown.text(text) == "Il a dit\xa0: «\u202fTskhinval\u202f»\u202f!"

    def test_rtl_direction_and_isolated_names(self) -> None:
        ar = Localizer.for_edition("ar")
        assert ar.direction == "rtl" and Localizer.for_edition("ka").direction == "ltr"
        assert ar.isolate("TASS") == "\u2068TASS\u2069"
        assert ar.isolate("تاس") == "تاس"

    @pytest.mark.parametrize("language", ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug"])
    def test_cldr_knows_every_right_to_left_language(self, language: str) -> None:
        """The languages newslib once listed by hand as right-to-left are so in CLDR."""
        assert Localizer.for_edition(language).direction == "rtl"


class TestCatalogs:
    def pot_ids(self) -> set[tuple[str | None, str]]:
        with (locales_dir() / "newslib.pot").open("rb") as handle:
            return {(m.context, str(m.id if isinstance(m.id, str) else m.id[0]))
                    for m in read_po(handle) if m.id}  # fmt: skip

    def test_the_template_is_up_to_date(self, tmp_path: Path) -> None:
        out = tmp_path / "fresh.pot"
        subprocess.run(
            ["pybabel", "extract", "-o", str(out)], cwd=ROOT, check=True, capture_output=True
        )
        with out.open("rb") as handle:
            fresh = {(m.context, str(m.id if isinstance(m.id, str) else m.id[0]))
                     for m in read_po(handle) if m.id}  # fmt: skip
        assert fresh == self.pot_ids()

    @pytest.mark.parametrize("language", LABEL_LANGUAGES)
    def test_catalog_is_complete_and_consistent(self, language: str) -> None:
        with (locales_dir() / language / "LC_MESSAGES" / "newslib.po").open("rb") as handle:
            catalog = read_po(handle, locale=language)
        assert not catalog.fuzzy
        seen = set()
        for message in catalog:
            if not message.id:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            seen.add((message.context, ids[0]))
            assert "fuzzy" not in message.flags, message.id
            assert len(strings) == (1 if isinstance(message.id, str) else catalog.num_plurals)
            assert all(s.strip() for s in strings), f"{language}: missing {ids[0]!r}"
            expected = set(re.findall(r"\{\w+\}", ids[0]))
            for string in strings:
                assert set(re.findall(r"\{\w+\}", string)) <= expected, (language, string)
            # The "other" plural form (the last) carries every placeholder.
            assert set(re.findall(r"\{\w+\}", strings[-1])) == expected, (language, ids[0])
        assert seen == self.pot_ids()

    @pytest.mark.parametrize(
        ("n", "russian"),
        [(1, "1 исправление"), (2, "2 исправления"), (5, "5 исправлений"),
         (11, "11 исправлений"), (21, "21 исправление"), (22, "22 исправления")],
    )  # fmt: skip
    def test_russian_plurals(self, n: int, russian: str) -> None:
        assert newslib.l10n.labels.correction_count(Localizer.for_edition("ru"), n) == russian

    def test_arabic_plurals(self) -> None:
        ar = Localizer.for_edition("ar")
        forms = [newslib.l10n.labels.correction_count(ar, n) for n in (0, 1, 2, 3, 11, 100)]
        assert len(set(forms)) == 6


class TestRenderOnTheFly:
    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newslib", "render", SEED_ID, *args],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip

    def test_structured_parts_and_the_stored_translation(self) -> None:
        done = self.run("--locale", "ru", "--policy", "russian-usage")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Все новости\n")
        assert "МОСКВА, 4 октября. /ТАСС/. Министр иностранных дел России" in done.stdout
        assert "[Язык оригинала: английский]" in done.stdout
        assert "Исправлено 28 ноября 2026" in done.stdout  # at the top, and in the list
        assert "Исправление (28 ноября 2026\u202fг.): В предыдущей версии" in done.stdout

    def test_without_a_translation_the_fallback_is_stated(self, tmp_path: Path) -> None:
        content = tmp_path / "content"
        shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns(".lock"))
        (content / "translations" / SEED_ID / "ar.yaml").unlink()  # the desk has none yet
        done = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "render", SEED_ID,
             "--locale", "ar"],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "موسكو، 4 أكتوبر. /تاس/. Russian Foreign Minister" in done.stdout
        assert "الترجمة إلى هذه اللغة غير متوفرة" in done.stdout

    def test_the_policy_applies_to_the_body(self) -> None:
        done = self.run("--locale", "en", "--policy", "georgian-official")
        assert "between Sukhumi, Tskhinvali and Tbilisi" in done.stdout
        assert "“The trilateral discussions" in done.stdout  # English typography

    @pytest.mark.parametrize("locale", ["ar", "fr", "de-AT"])
    def test_fallback_text_takes_the_quotation_marks_of_its_own_language(self, locale: str) -> None:
        """The original shown under another edition keeps its language's marks (English
        “ ” here), never straight ASCII quotes, and no French spacing."""
        repository = newslib.Repository(CONTENT)
        article = repository.read(SEED_ID)
        out = newslib.render(article, "text", locale=locale)  # no translations given
        assert "Lavrov said that “the current Georgian leadership is honest about the past.”" in out
        assert '"' not in out and "\u202f»" not in out

    @pytest.mark.parametrize("locale", SUPPORTED)
    @pytest.mark.parametrize("policy", [None, "georgian-official", "russian-usage"])
    def test_smoke_every_locale(self, locale: str, policy: str | None) -> None:
        repository = newslib.Repository(CONTENT)
        for number in (1, 2):
            article = repository.read(SEED_ID, number)
            history = tuple(repository.history(SEED_ID))[:number]
            for fmt in newslib.FORMATS:
                out = newslib.render(article, fmt, locale=locale, policy=policy, history=history)
                assert out.strip()


@pytest.mark.parametrize("section", ["{", "C{de}", "{0}"])
def test_a_section_name_with_braces_is_shown_as_written(section: str) -> None:
    shown = page("de")
    assert replace(shown, article=replace(shown.article, section=section)).section == section
