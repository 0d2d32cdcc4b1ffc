"""Machine drafts that are never lost and never published bad: a failing engine, damaged
placeholders, word forms checked against their slot, true review counts, the edition's
policy by default, and the translation memory's place, schema and concurrent writers.

The article is written for these tests; the engines are a scripted MockTranslator and
the local LibreTranslate test server.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import platformdirs
import pytest
from lxml import html as lxml_html

import newslib
from newslib import (
    Article,
    Dateline,
    Entity,
    EntityKind,
    MockTranslator,
    Paragraph,
    Project,
    Quote,
    Repository,
    draft,
    format_text,
    parse_text,
)
from newslib.cli import main
from newslib.errors import BuildError, DraftInterrupted, TranslatorTimeout, UsageError
from newslib.terms import load_policy, shipped_gazetteer
from newslib.translations.masking import Masked, placeholder_problems, unmask
from newslib.translations.memory import SCHEMA_VERSION, TranslationMemory, default_memory_path
from newslib.translations.model import FieldStatus, Method
from newslib.translations.status import status_row

from .support.libre_server import libre_server
from .support.paths import ROOT

STORY = "sukhumi-talks"

# The story's fields, masked as the engine sees them, and a Russian engine's answers.
RUSSIAN = {
    "⟦0⟧ praises the talks in ⟦1⟧": "⟦0⟧ похвалил переговоры в ⟦1⟧",
    "Delegations met in ⟦0⟧ on Monday": "Делегации встретились в ⟦0⟧ в понедельник",
    "The talks in ⟦0⟧ went on for five hours.": "Переговоры в ⟦0⟧ продолжались пять часов.",
    "Residents of ⟦0⟧ waited outside.": "Жители ⟦0⟧ ждали снаружи.",
    "We will come back in spring.": "Мы вернёмся весной.",
    "⟦0⟧ said": "сказал ⟦0⟧",
    "The delegation then travelled to ⟦0⟧.": "Затем делегация отправилась в ⟦0⟧.",
}
FIELDS = ["headline", "standfirst", "p1", "p2", "q1", "p3"]


def story() -> Article:
    return Article(
        id=STORY,
        language="en",
        section="World",
        source="Desk",
        dateline=Dateline("tbilisi", "TBILISI", date(2026, 11, 30)),
        headline=parse_text("[[sergey-lavrov|Lavrov]] praises the talks in [[sukhumi|Sukhumi]]"),
        standfirst=parse_text("Delegations met in [[tskhinvali|Tskhinvali]] on Monday"),
        body=(
            Paragraph("p1", parse_text("The talks in [[sukhumi|Sukhumi]] went on for five hours.")),
            Paragraph("p2", parse_text("Residents of [[tskhinvali|Tskhinvali]] waited outside.")),
            Quote("q1", parse_text("We will come back in spring."), None,
                  parse_text("[[sergey-lavrov|Lavrov]] said")),
            Paragraph("p3", parse_text("The delegation then travelled to [[sukhumi|Sukhumi]].")),
        ),
        entities=(
            Entity("tbilisi", EntityKind.PLACE, "Tbilisi"),
            Entity("sergey-lavrov", EntityKind.PERSON, "Sergey Lavrov"),
            Entity("sukhumi", EntityKind.PLACE, "Sukhumi"),
            Entity("tskhinvali", EntityKind.PLACE, "Tskhinvali"),
        ),
    )  # fmt: skip


def make_project(folder: Path, ru_policy: str = "russian-usage", **missing: str) -> Path:
    """A content folder with the story and editions en, ru and de; *missing* gives an
    edition's ``missing_translation`` (default: machine for ru, fallback for de)."""
    settings = {"ru": "machine", "de": "fallback", **missing}
    folder.mkdir(parents=True)
    (folder / "newslib.yaml").write_text(
        "editions:\n"
        "  - {id: en, locale: en, policy: georgian-official, formats: [text]}\n"
        f"  - {{id: ru, locale: ru, policy: {ru_policy}, formats: [text, html],\n"
        f"     missing_translation: {settings['ru']}}}\n"
        "  - {id: de, locale: de, policy: georgian-official, formats: [text],\n"
        f"     missing_translation: {settings['de']}}}\n",
        "utf-8",
    )
    Repository(folder).save(story(), author="desk", kind="publish")
    return folder


def russian(text: str, source: str, target: str) -> str:
    return RUSSIAN[text]


class Scripted:
    """A Russian engine that fails on its *fail_on*-th call (1-based), or damages fields."""

    def __init__(self, fail_on: int | None = None, damage: Callable[[str], str] | None = None):
        self.calls = 0
        self.fail_on = fail_on
        self.damage = damage or (lambda t: t)

    def __call__(self, text: str, source: str, target: str) -> str:
        self.calls += 1
        if self.calls == self.fail_on:
            raise TranslatorTimeout("mock did not answer within 10 s")
        return self.damage(RUSSIAN[text])


# ---------------------------------------------------------------------- never lose a draft


@pytest.mark.parametrize("fail_on", [1, 3, 5])
def test_a_failing_engine_keeps_the_fields_drafted_before_it(tmp_path: Path, fail_on: int) -> None:
    content = make_project(tmp_path / "content")
    engine = Scripted(fail_on=fail_on)
    with pytest.raises(DraftInterrupted) as caught:
        draft(content, STORY, target="ru", translator=MockTranslator(engine), memory=None)
    saved = fail_on - 1  # one call per field until the quote (the 5th field, two texts)
    assert (caught.value.saved, caught.value.left) == (saved, len(FIELDS) - saved)
    assert isinstance(caught.value.__cause__, TranslatorTimeout)
    assert f"{saved} drafted field(s) saved" in str(caught.value) or saved == 0
    found = Project(content).translations(STORY, "ru")
    assert (sorted(found.fields) if found else []) == sorted(FIELDS[:saved])
    finish = draft(content, STORY, target="ru", translator=MockTranslator(russian), memory=None)
    assert finish.current == FIELDS[:saved] and finish.drafted == FIELDS[saved:]


def test_an_interrupted_run_saves_too(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")

    def interrupted(text: str, source: str, target: str) -> str:
        if text.startswith("Residents"):
            raise KeyboardInterrupt
        return russian(text, source, target)

    with pytest.raises(KeyboardInterrupt):
        draft(content, STORY, target="ru", translator=MockTranslator(interrupted), memory=None)
    assert sorted(Project(content).translations(STORY, "ru").fields) == ["headline", "p1",
                                                                          "standfirst"]  # fmt: skip


def test_an_engine_that_answers_too_little_stops_the_run_like_a_failure(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")

    class Short(MockTranslator):
        def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
            return super().translate(texts, source=source, target=target)[:1]

    with pytest.raises(DraftInterrupted, match=r"answered 1 translation\(s\) for 2 text\(s\)"):
        draft(content, STORY, target="ru", translator=Short(russian), memory=None)
    assert len(Project(content).translations(STORY, "ru").fields) == 4  # before the quote


def test_a_stalling_libre_translate_server_costs_nothing_drafted(tmp_path: Path) -> None:
    """The real engine against the local server: three answers, then it stalls."""
    content = make_project(tmp_path / "content")
    with libre_server(russian) as server:
        server.script.extend(["ok"] * 3 + ["stall"] * 3)  # the request, retried twice
        done = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "translate", STORY,
             "--to", "ru", "--engine", "libre", "--url", server.url, "--timeout", "0.3",
             "--retries", "2", "--memory", str(tmp_path / "tm.sqlite")],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith(f"newslib: error: {STORY}: libre ")  # the engine's failure,
    assert "3 drafted field(s) saved to" in lines[0]  # what was kept, and what is left
    assert "3 left" in lines[0] and "Traceback" not in done.stderr
    assert len(server.calls("/translate")) == 3 + 3  # three answers, then 1 + 2 retries
    saved = Project(content).translations(STORY, "ru")
    assert saved is not None and sorted(saved.fields) == ["headline", "p1", "standfirst"]
    assert format_text(saved.fields["p1"].text) == (
        "Переговоры в [[sukhumi|Сухуме]] продолжались пять часов."
    )
    assert len(TranslationMemory(tmp_path / "tm.sqlite")) == 3  # a rerun sends them no more


# ---------------------------------------------------------------------- placeholders

SUKHUMI = Masked("talks in ⟦0⟧", (newslib.Ref("sukhumi", "Sukhumi"),))
TWO = Masked("⟦0⟧ in ⟦1⟧", (newslib.Ref("sergey-lavrov", "Lavrov"),
                           newslib.Ref("sukhumi", "Sukhumi")))  # fmt: skip


@pytest.mark.parametrize(
    ("masked", "translated", "problem"),
    [
        (SUKHUMI, "переговоры в ⟦ 0 ⟧", "came back altered as '⟦ 0 ⟧'"),
        (SUKHUMI, "переговоры в ⟦0 ⟧", "altered as '⟦0 ⟧'"),
        (SUKHUMI, "переговоры в [[0]]", "altered as '[[0]]'"),
        (SUKHUMI, "переговоры в ⟦0]", "altered as '⟦0]'"),
        (SUKHUMI, "переговоры в [0⟧", "altered as '[0⟧'"),
        (SUKHUMI, "переговоры в 【0】", "altered as '【0】'"),
        (SUKHUMI, "مفاوضات في ⟦٠⟧", "altered as '⟦٠⟧'"),  # the digit in Arabic-Indic
        (SUKHUMI, "переговоры в Сухуми", "'Sukhumi' (⟦0⟧) was lost"),
        (SUKHUMI, "переговоры в ⟦0⟧ и ⟦0⟧", "came back 2 times"),
        (SUKHUMI, "переговоры в ⟦1⟧", "invented a placeholder ⟦1⟧"),
        (TWO, "⟦1⟧ в ⟦2⟧", "invented a placeholder ⟦2⟧"),  # renumbered: ⟦0⟧ lost too
        (SUKHUMI, "переговоры в ⟦0⟧ ⟦", "stray placeholder bracket '⟦'"),
    ],
)
def test_a_placeholder_not_restored_exactly_is_a_reason_for_review(
    masked: Masked, translated: str, problem: str
) -> None:
    problems = placeholder_problems(translated, masked)
    assert any(problem in p for p in problems), problems
    _, reasons = unmask(translated, masked, lang="ru", policy=None, gazetteer=shipped_gazetteer())
    assert any(problem in p for p in reasons)
    if translated == "⟦1⟧ в ⟦2⟧":
        assert any("'Lavrov' (⟦0⟧) was lost" in p for p in problems)


@pytest.mark.parametrize(
    "translated", ["⟦0⟧ в ⟦1⟧", "в ⟦1⟧ ⟦0⟧", "⟦0⟧: [1] в ⟦1⟧"]
)  # reordered, and a footnote mark the engine added
def test_exact_placeholders_in_any_order_are_fine(translated: str) -> None:
    assert placeholder_problems(translated, TWO) == []


# ---------------------------------------------------------------------- word forms

LAVROV = Masked("⟦0⟧ said", (newslib.Ref("sergey-lavrov", "Lavrov"),))


RU, GO = "russian-usage", "georgian-official"


@pytest.mark.parametrize(
    ("lang", "policy", "masked", "translated", "surface"),
    [
        # Russian: the case each slot needs, the policy's variant in it.
        ("ru", RU, LAVROV, "«Мы вернёмся», — сказал ⟦0⟧.", "Сергей Лавров"),
        ("ru", RU, LAVROV, "Переговоры, заявил ⟦0⟧, продолжатся.", "Сергей Лавров"),
        ("ru", RU, LAVROV, "Об этом сообщил ⟦0⟧.", "Сергей Лавров"),
        ("ru", RU, LAVROV, "⟦0⟧ заявил, что всё решено.", "Сергей Лавров"),
        ("ru", RU, LAVROV, "Он встретился с ⟦0⟧.", "Сергеем Лавровым"),
        ("ru", RU, LAVROV, "Письмо передали ⟦0⟧ через посла.", "Сергея Лаврова"),
        ("ru", RU, SUKHUMI, "Переговоры прошли в ⟦0⟧.", "Сухуме"),
        ("ru", GO, SUKHUMI, "Переговоры прошли в ⟦0⟧.", "Сухуми"),
        ("ru", RU, SUKHUMI, "Делегация прибыла из ⟦0⟧.", "Сухума"),
        ("ru", RU, SUKHUMI, "Поезд идёт к ⟦0⟧.", "Сухуму"),
        ("ru", RU, SUKHUMI, "Делегация поехала в ⟦0⟧.", "Сухум"),
        ("ru", RU, SUKHUMI, "Жители ⟦0⟧ ждали.", "Сухума"),
        ("ru", RU, SUKHUMI, "Город перед ⟦0⟧ пуст.", "Сухумом"),
        # An ending the engine glued to the placeholder: the form that has it.
        ("ru", RU, SUKHUMI, "Встреча в ⟦0⟧е.", "Сухуме"),
        ("ru", GO, SUKHUMI, "Встреча в ⟦0⟧е.", "Сухуми"),
        # German: the genitive, glued or not.
        ("de", GO, SUKHUMI, "Der Bürgermeister ⟦0⟧s sprach.", "Suchumis"),
        ("de", RU, SUKHUMI, "⟦0⟧s Bürgermeister sprach.", "Suchums"),
        ("de", GO, LAVROV, "Die Worte ⟦0⟧s waren klar.", "Sergej Lawrows"),
        ("de", GO, SUKHUMI, "Die Gespräche in ⟦0⟧ endeten.", "Suchumi"),
        # Georgian: a postposition fused with the name.
        ("ka", GO, SUKHUMI, "მოლაპარაკებები ⟦0⟧ში.", "სოხუმში"),
    ],
)
def test_a_restored_name_takes_the_form_its_slot_needs(
    lang: str, policy: str, masked: Masked, translated: str, surface: str
) -> None:
    text, problems = unmask(translated, masked, lang=lang, policy=load_policy(policy),
                            gazetteer=shipped_gazetteer())  # fmt: skip
    assert problems == [] and tuple(text.refs()) == (newslib.Ref(masked.refs[0].entity, surface),)
    before, after = translated.split("⟦0⟧")
    assert text.plain == before + surface + re.sub(r"^[^\W\d_]+", "", after)  # ending taken in


@pytest.mark.parametrize(
    ("lang", "masked", "translated", "doubt"),
    [
        ("ru", SUKHUMI, "Встреча на ⟦0⟧ прошла.", "is not clear (governed by «на»)"),
        ("ru", SUKHUMI, "Село за ⟦0⟧ опустело.", "is not clear (governed by «за»)"),
        ("ru", LAVROV, "По словам министра ⟦0⟧, всё решено.", "in apposition to «министра»"),
        ("ru", SUKHUMI, "Встреча в ⟦0⟧ов.", "glued 'ов'"),
        ("de", SUKHUMI, "Die Bürger ⟦0⟧en sprachen.", "glued 'en'"),
        ("ru", SUKHUMI, "Встреча в⟦0⟧ прошла.", "run together with a word"),
        ("de", SUKHUMI, "Die Bürger ⟦0⟧Gespräche.", "run together with a word"),
    ],
)
def test_a_form_in_doubt_is_restored_in_the_nominative_and_flagged(
    lang: str, masked: Masked, translated: str, doubt: str
) -> None:
    text, problems = unmask(translated, masked, lang=lang, policy=load_policy("russian-usage"),
                            gazetteer=shipped_gazetteer())  # fmt: skip
    assert len(problems) == 1 and doubt in problems[0], problems
    nominative = {"ru": {"sukhumi": "Сухум", "sergey-lavrov": "Сергей Лавров"},
                  "de": {"sukhumi": "Suchum"}}[lang]  # fmt: skip
    [ref] = text.refs()
    assert ref.surface == nominative[ref.entity]


def test_drafts_of_the_story_get_every_form_right(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")
    summary = draft(content, STORY, target="ru", translator=MockTranslator(russian), memory=None)
    assert summary.review == {} and summary.drafted == FIELDS
    fields = Project(content).translations(STORY, "ru").fields
    shown = {name: format_text(entry.text) for name, entry in fields.items() if entry.text}
    assert shown["headline"] == (
        "[[sergey-lavrov|Сергей Лавров]] похвалил переговоры в [[sukhumi|Сухуме]]"
    )
    assert "Жители [[tskhinvali|Цхинвала]]" in shown["p2"]
    assert "отправилась в [[sukhumi|Сухум]]" in shown["p3"]
    assert format_text(fields["q1"].attribution) == "сказал [[sergey-lavrov|Сергей Лавров]]"


# ---------------------------------------------------------------------- the edition's policy


@pytest.mark.parametrize(
    ("ru_policy", "expected"),
    [("russian-usage", "[[sukhumi|Сухуме]]"), ("georgian-official", "[[sukhumi|Сухуми]]")],
)
def test_draft_uses_the_edition_s_policy_by_default(
    tmp_path: Path, ru_policy: str, expected: str
) -> None:
    content = make_project(tmp_path / "content", ru_policy=ru_policy)
    draft(content, STORY, target="ru", translator=MockTranslator(russian), memory=None)
    p1 = Project(content).translations(STORY, "ru").fields["p1"]
    assert format_text(p1.text) == f"Переговоры в {expected} продолжались пять часов."
    other = "georgian-official" if ru_policy == "russian-usage" else "russian-usage"
    Project(content).translation_path(STORY, "ru").unlink()
    draft(content, STORY, target="ru", translator=MockTranslator(russian), memory=None,
          policy=load_policy(other))  # fmt: skip
    assert expected not in format_text(Project(content).translations(STORY, "ru").fields["p1"].text)


# ---------------------------------------------------------------------- publishing


def spaced(text: str) -> str:
    """An engine that puts spaces into the placeholders of the paragraphs about Sukhumi."""
    return text.replace("⟦0⟧ продолжались", "⟦ 0 ⟧ продолжались").replace("в ⟦0⟧.", "в [[0]].")


def test_a_draft_that_needs_review_is_never_published(tmp_path: Path) -> None:
    """Through a real build: the ru edition (machine) shows the clean drafts and falls back,
    marked, for the two in doubt; the de edition (fallback) shows no machine draft."""
    content = make_project(tmp_path / "content")
    engine = MockTranslator(Scripted(damage=spaced))
    summary = draft(content, STORY, target="ru", translator=engine, memory=None)
    assert sorted(summary.review) == ["p1", "p3"]
    draft(content, STORY, target="de", memory=None,
          translator=MockTranslator(lambda t, s, g: f"[de] {t}"))  # fmt: skip
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    text = (out / "ru" / f"{STORY}.txt").read_text("utf-8")
    assert "Машинный перевод" in text and "Жители Цхинвала ждали снаружи." in text
    # p1 and p3 in the original, under the edition's policy
    assert "The talks in Sukhum went on for five hours." in text
    assert "The delegation then travelled to Sukhum." in text
    assert text.count("Ещё не переведено; показан оригинал") == 2
    assert "⟦" not in text and "[[0]]" not in text and "продолжались" not in text
    doc = lxml_html.fromstring((out / "ru" / f"{STORY}.html").read_bytes())
    originals = [e for e in doc.iter() if "original" in (e.get("class") or "").split()]
    assert {e.get("lang") for e in originals} == {"en"} and len(originals) == 2
    german = (out / "de" / f"{STORY}.txt").read_text("utf-8")
    assert "[de]" not in german and "Delegations met in Tskhinvali on Monday" in german


def test_an_edition_that_fails_without_a_translation_does_not_take_machine_drafts(
    tmp_path: Path,
) -> None:
    content = make_project(tmp_path / "content", de="fail")
    draft(content, STORY, target="de", memory=None,
          translator=MockTranslator(lambda t, s, g: f"[de] {t}"))  # fmt: skip
    with pytest.raises(BuildError, match=r"de/sukhumi-talks: .*missing_translation: fail"):
        newslib.build(content, tmp_path / "site", jobs=1)


# ---------------------------------------------------------------------- review counts


def test_review_counts_agree_in_the_file_status_and_translate_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_project(tmp_path / "content")
    with libre_server(lambda text, s, t: spaced(RUSSIAN[text])) as server:
        code = main(["--content", str(content), "translate", STORY, "--to", "ru",
                     "--engine", "libre", "--url", server.url, "--no-cache"])  # fmt: skip
    said = capsys.readouterr().err
    assert code == 0 and "2 need review" in said and said.count("  review ") == 2
    translations = Project(content).translations(STORY, "ru")
    in_file = [name for name, entry in translations.fields.items() if entry.review]
    repository = Repository(content)
    row = status_row(repository.read(STORY), translations, "ru", repository.history(STORY))
    assert main(["--content", str(content), "status", STORY, "--lang", "ru",
                 "--format", "json"]) == 0  # fmt: skip
    [as_json] = json.loads(capsys.readouterr().out)["status"]
    assert main(["--content", str(content), "status", STORY, "--lang", "ru"]) == 0
    header, line = capsys.readouterr().out.splitlines()
    columns = dict(zip(header.split(), line.split(), strict=True))
    assert len(in_file) == row.needs_review == as_json["needs_review"] == 2
    assert int(columns["review"]) == 2 and as_json["current"] == row.current == 4
    assert translations.status(repository.read(STORY))["p1"] is FieldStatus.REVIEW
    # Drafting again (the engine fixed): the review drafts are redrafted, and counted as such.
    again = draft(content, STORY, target="ru", translator=MockTranslator(russian), memory=None)
    assert again.review == {} and sorted(again.drafted) == ["p1", "p3"]
    fixed = Project(content).translations(STORY, "ru")
    assert status_row(repository.read(STORY), fixed, "ru").needs_review == 0
    assert fixed.fields["p1"].method is Method.MACHINE and fixed.fields["p1"].review == ()


def test_an_unchanged_redraft_leaves_the_file_alone(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")
    engine = MockTranslator(Scripted(damage=spaced))
    draft(content, STORY, target="ru", translator=engine, memory=None)
    path = Project(content).translation_path(STORY, "ru")
    before = path.read_bytes()
    time.sleep(1.1)  # a rewritten entry would carry a new time
    summary = draft(content, STORY, target="ru", translator=engine, memory=None)
    assert sorted(summary.review) == ["p1", "p3"] and path.read_bytes() == before


# ---------------------------------------------------------------------- the memory


def test_the_memory_lives_in_the_user_data_folder_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSLIB_MEMORY")
    assert default_memory_path() == (
        platformdirs.user_data_path("newslib") / "translation-memory.sqlite"
    )
    monkeypatch.setenv("NEWSLIB_MEMORY", str(tmp_path / "env.sqlite"))
    assert Project(tmp_path).memory_path == tmp_path / "env.sqlite"


def test_translate_uses_the_environment_s_memory_and_memory_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_project(tmp_path / "content")
    monkeypatch.setenv("NEWSLIB_MEMORY", str(tmp_path / "env.sqlite"))
    with libre_server(russian) as server:
        argv = ["--content", str(content), "translate", STORY, "--to", "ru", "--engine", "libre",
                "--url", server.url]  # fmt: skip
        assert main(argv) == 0
        assert len(TranslationMemory(tmp_path / "env.sqlite")) == 7
        Project(content).translation_path(STORY, "ru").unlink()
        assert main([*argv, "--memory", str(tmp_path / "own.sqlite")]) == 0
    assert len(TranslationMemory(tmp_path / "own.sqlite")) == 7
    assert "0 from memory" in capsys.readouterr().err.splitlines()[-1]


def test_a_remembered_damaged_answer_is_asked_for_again(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        memory.put("mock", "en", "ru", "Residents of ⟦0⟧ waited outside.", "Жители ⟦ 0 ⟧ ждали.")
        summary = draft(content, STORY, target="ru", translator=MockTranslator(russian),
                        memory=memory)  # fmt: skip
        assert summary.review == {} and "p2" in summary.drafted
        assert memory.get("mock", "en", "ru", "Residents of ⟦0⟧ waited outside.") == (
            "Жители ⟦0⟧ ждали снаружи."
        )


def test_an_older_memory_is_migrated_and_keeps_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the layout before schema versions
        db.execute("CREATE TABLE memory (key TEXT PRIMARY KEY, engine TEXT NOT NULL, source "
                   "TEXT NOT NULL, target TEXT NOT NULL, text TEXT NOT NULL, translation TEXT "
                   "NOT NULL)")  # fmt: skip
        key = TranslationMemory.key("libre", "en", "ru", "Talks in ⟦0⟧.")
        db.execute("INSERT INTO memory VALUES (?, 'libre', 'en', 'ru', 'Talks in ⟦0⟧.', "
                   "'Переговоры в ⟦0⟧.')", (key,))  # fmt: skip
    db.close()
    with TranslationMemory(path) as memory:
        assert memory.get("libre", "en", "ru", "Talks  in ⟦0⟧.") == "Переговоры в ⟦0⟧."
        memory.put("libre", "en", "de", "Talks in ⟦0⟧.", "Gespräche in ⟦0⟧.")
        entries = list(memory.entries())
    assert [(e.target, e.translation) for e in entries] == [
        ("ru", "Переговоры в ⟦0⟧."),
        ("de", "Gespräche in ⟦0⟧."),
    ]
    assert entries[0].created is None and entries[1].created is not None
    assert entries[1].created.tzinfo is not None and entries[1].engine == "libre"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_newer_memory_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    TranslationMemory(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(UsageError, match=rf"new.sqlite: translation memory schema version "
                       rf"{SCHEMA_VERSION + 1} is newer than this newslib reads"):  # fmt: skip
        TranslationMemory(path)


def _remember(path: str, engine: str, count: int) -> int:
    with TranslationMemory(path) as memory:
        for n in range(count):
            memory.put(engine, "en", "ru", f"Sentence {n}.", f"Предложение {n}.")
    return count


def test_concurrent_writers_wait_for_each_other(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite")
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        done = list(pool.map(_remember, [path, path], ["one", "two"], [300, 300]))
    assert done == [300, 300] and len(TranslationMemory(path)) == 600


def test_two_drafts_at_once_share_one_memory(tmp_path: Path) -> None:
    content = make_project(tmp_path / "content")
    repository = Repository(content)
    repository.save(replace(story(), id="other-talks"), author="desk", kind="publish")
    memory = tmp_path / "tm.sqlite"
    errors: list[BaseException] = []

    def slow(text: str, source: str, target: str) -> str:
        time.sleep(0.01)
        return russian(text, source, target)

    def run(article: str) -> None:
        try:
            draft(content, article, target="ru", translator=MockTranslator(slow), memory=memory)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(a,)) for a in (STORY, "other-talks")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for article in (STORY, "other-talks"):
        assert sorted(Project(content).translations(article, "ru").fields) == sorted(FIELDS)
    assert len(TranslationMemory(memory)) == 7
