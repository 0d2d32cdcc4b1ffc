"""Translations as data, staleness, and machine drafts against a local LibreTranslate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import newslib
from newslib import (
    MockTranslator,
    Paragraph,
    Project,
    Repository,
    Text,
    draft,
    get_translator,
    read_translations,
    write_translations,
)
from newslib.errors import (
    TranslationError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorTimeout,
    TranslatorUnavailable,
    UsageError,
)
from newslib.translations.memory import TranslationMemory
from newslib.translations.model import Method
from newslib.translations.status import status_row
from newslib.translators.pieces import split_sentences

from .support.libre_server import LibreServer, libre_server
from .support.paths import CONTENT, ROOT, SEED_ID


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The shipped content without its Arabic translation: the drafts here are into Arabic."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock", "ar.yaml"))
    return folder


def tagged(text: str, source: str, target: str) -> str:
    """The test server's "translation": tagged text, placeholders kept."""
    return f"[{target}] {text}"


@pytest.fixture
def server() -> Iterator[LibreServer]:
    with libre_server(tagged) as running:
        yield running


class TestData:
    def test_the_seed_is_translated_into_every_edition_s_language(self) -> None:
        source = Repository(CONTENT).read(SEED_ID)
        for language in ("ru", "de", "fr", "ka", "ar"):
            translations = Project(CONTENT).translations(SEED_ID, language)
            assert translations is not None
            assert set(translations.status(source).values()) == {"current"}
            translated = newslib.translated_article(source, translations)
            assert translated is not None and translated.language == language

    def test_translations_keep_the_edition_policy_names(self) -> None:
        source = Repository(CONTENT).read(SEED_ID)
        ru = newslib.translated_article(source, Project(CONTENT).translations(SEED_ID, "ru"))
        assert ru is not None
        text = "\n".join(t.plain for _, t in ru.texts())
        assert "между Сухумом, Цхинвалом и Тбилиси" in text
        assert "призвал Сухум и Цхинвал" in text
        assert newslib.check_text(text, lang="ru", policy="russian-usage") == []
        for language in ("de", "fr", "ka"):
            other = newslib.translated_article(
                source, Project(CONTENT).translations(SEED_ID, language)
            )
            assert other is not None
            plain = "\n".join(t.plain for _, t in other.texts())
            assert newslib.check_text(plain, lang=language, policy="georgian-official") == []

    def test_round_trip(self, tmp_path: Path) -> None:
        original = Project(CONTENT).translations(SEED_ID, "de")
        assert original is not None
        path = tmp_path / "de.yaml"
        write_translations(original, path)
        assert read_translations(path) == original
        assert path.read_bytes() == Project(CONTENT).translation_path(SEED_ID, "de").read_bytes()

    @pytest.mark.parametrize(
        ("old", "new", "problem"),
        [
            ("method: human", "method: telepathy", "unknown method 'telepathy'"),
            ("    text: Содействие примирению\n", "", "no translated text"),
            ("source_revision: 2", "source_revision: two", "expected a whole number"),
        ],
    )
    def test_errors(self, tmp_path: Path, old: str, new: str, problem: str) -> None:
        text = Project(CONTENT).translation_path(SEED_ID, "ru").read_text("utf-8")
        assert old in text
        path = tmp_path / "ru.yaml"
        path.write_text(text.replace(old, new, 1), "utf-8")
        with pytest.raises(TranslationError) as caught:
            read_translations(path)
        assert problem in str(caught.value) and caught.value.line


class TestStaleness:
    def change_source(self, content: Path) -> None:
        repository = Repository(content)
        article = repository.read(SEED_ID)
        body = list(article.body)
        body[1] = Paragraph("p2", Text.of("The sides are expected to address a narrow range."))
        del body[2]  # p3 goes away
        repository.save(replace(article, body=tuple(body)), author="desk", kind="update")

    def test_changed_fields_are_stale_removed_ones_obsolete(self, content: Path) -> None:
        self.change_source(content)
        source = Repository(content).read(SEED_ID)
        row = status_row(source, Project(content).translations(SEED_ID, "ru"), "ru")
        assert (row.current, row.stale, row.missing, row.obsolete) == (19, 1, 0, 1)
        # Nothing was deleted: the stale and obsolete translations are still in the file.
        assert {"p2", "p3"} <= set(
            read_translations(Project(content).translation_path(SEED_ID, "ru")).fields
        )

    def test_status_cli_with_diff(self, content: Path) -> None:
        self.change_source(content)
        done = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "status", SEED_ID,
             "--lang", "ru", "--diff", "--format", "json"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["status"][0]["stale"] == 1
        [stale] = data["stale"]
        assert stale["field"] == "p2" and "[-broad-]{+narrow+}" in stale["diff"]
        table = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "status"],
            capture_output=True, text=True, cwd=ROOT,
        ).stdout  # fmt: skip
        [arabic] = [line.split() for line in table.splitlines() if line.split()[1:2] == ["ar"]]
        assert arabic[2:] == ["0", "0", "21", "0", "0", "0"]  # 20 fields and the correction note

    def test_a_stale_field_is_marked_alone_and_strict_refuses(
        self, content: Path, tmp_path: Path
    ) -> None:
        self.change_source(content)
        result = newslib.build(content, tmp_path / "site", jobs=1)
        ru = next(e for e in result.entries if e["edition"] == "ru" and e["format"] == "html")
        assert ru["translation"] == "stale"
        text = (tmp_path / "site" / "ru" / f"{SEED_ID}.txt").read_text("utf-8")
        # The headline and every current field stay Russian; the changed p2 keeps its
        # stale translation, marked, and the page says how many passages are stale.
        assert text.startswith("Все новости\n\nЛавров проведёт переговоры")
        assert text.count("[Оригинал изменился после того, как был сделан этот перевод.]") == 1
        assert "[1 фрагмент переведён до того, как изменился оригинал.]" in text
        assert "Russian Foreign Minister" not in text
        with pytest.raises(newslib.errors.BuildError, match=r"ru/.*stale"):
            newslib.build(content, tmp_path / "site", jobs=1, strict=True)


class TestAdapter:
    def libre(self, server: LibreServer, **options: object) -> newslib.Translator:
        return get_translator("libre", url=server.url, backoff=0.01, **options)

    def test_one_json_request_per_batch(self, server: LibreServer) -> None:
        assert self.libre(server).translate(["Hello.", "World."], source="en", target="ru") == [
            "[ru] Hello.",
            "[ru] World.",
        ]
        [sent] = server.requests
        assert sent.fields["q"] == ["Hello.", "World."] and sent.fields["target"] == "ru"

    @pytest.mark.parametrize("failure", ["429", "500"])
    def test_retries_on_429_and_5xx(self, server: LibreServer, failure: str) -> None:
        server.script.extend([failure, failure])
        assert self.libre(server).translate(["Hi."], source="en", target="de") == ["[de] Hi."]
        assert len(server.requests) == 3

    def test_gives_up_after_the_retries(self, server: LibreServer) -> None:
        server.script.extend(["500"] * 5)
        with pytest.raises(TranslatorHTTPError) as caught:
            self.libre(server, retries=2).translate(["Hi."], source="en", target="de")
        assert caught.value.status == 500 and len(server.requests) == 3

    def test_a_client_error_is_not_retried(self, server: LibreServer) -> None:
        server.script.append("400")
        with pytest.raises(TranslatorHTTPError) as caught:
            self.libre(server).translate(["Hi."], source="en", target="de")
        assert caught.value.status == 400 and len(server.requests) == 1

    def test_timeout(self, server: LibreServer) -> None:
        server.script.extend(["stall"] * 3)
        with pytest.raises(TranslatorTimeout, match=r"within 0\.3 s \(asked 3 times"):
            self.libre(server, timeout=0.3, retries=2).translate(["Hi."], source="en", target="de")
        assert len(server.requests) == 3

    def test_malformed_json(self, server: LibreServer) -> None:
        server.script.append("malformed")
        with pytest.raises(TranslatorResponseError):
            self.libre(server).translate(["Hi."], source="en", target="de")

    def test_unsupported_language(self, server: LibreServer) -> None:
        with pytest.raises(TranslatorUnavailable, match="'ka'"):
            self.libre(server).translate(["Hi."], source="en", target="ka")

    def test_long_texts_are_split_at_sentences(self, server: LibreServer) -> None:
        text = " ".join(f"Sentence number {n} is here." for n in range(150))
        [out] = self.libre(server).translate([text], source="en", target="fr")
        assert len(server.requests) > 1
        assert all(sum(map(len, r.fields["q"])) <= 2000 for r in server.requests)
        assert out.count("Sentence number") == 150
        assert "".join(split_sentences(text, 100)) == text

    def test_registry(self) -> None:
        with pytest.raises(TranslatorUnavailable, match="unknown translation engine"):
            get_translator("babelfish")

    def test_missing_extra_says_what_to_install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import importlib

        real = importlib.import_module

        def without_deep(name: str, *args: object) -> object:
            if name == "newslib.translators.deep":
                raise ImportError("No module named 'deep_translator'")
            return real(name, *args)

        monkeypatch.setattr(importlib, "import_module", without_deep)
        with pytest.raises(TranslatorUnavailable, match=r"pip install 'newslib\[translate\]'"):
            get_translator("google")


class TestDrafts:
    def test_drafts_keep_mandated_names_in_the_right_form(self, content: Path) -> None:
        repository = Repository(content)
        article = repository.read(SEED_ID)
        body = (Paragraph("p1", Text(("Talks in ", newslib.Ref("tskhinvali", "Tskhinvali"), "."))),)
        repository.save(replace(article, body=body), author="d", kind="update")

        def russian(text: str, source: str, target: str) -> str:
            return {"Talks in ⟦0⟧.": "Переговоры прошли в ⟦0⟧."}.get(text, f"[{target}] {text}")

        with libre_server(russian) as server:
            translator = get_translator("libre", url=server.url)
            summary = draft(content, SEED_ID, target="ru", translator=translator,
                            policy=newslib.load_policy("russian-usage"), force=True)  # fmt: skip
        assert "p1" in summary.drafted
        entry = Project(content).translations(SEED_ID, "ru").fields["p1"]
        assert entry.method is Method.MACHINE and entry.review == ()
        assert newslib.format_text(entry.text) == "Переговоры прошли в [[tskhinvali|Цхинвале]]."

    @pytest.mark.parametrize(
        ("reply", "problem"),
        [
            (lambda t: t.replace("⟦0⟧", ""), "was lost"),
            (lambda t: t.replace("⟦0⟧", "⟦0⟧ ⟦0⟧"), "came back 2 times"),
            (lambda t: t + " ⟦99⟧", "invented a placeholder"),
        ],
    )
    def test_damaged_placeholders_mark_the_draft_for_review(
        self, content: Path, reply: object, problem: str
    ) -> None:
        assert callable(reply)
        with libre_server(lambda text, s, t: reply(text)) as server:
            summary = draft(content, SEED_ID, target="ar",
                            translator=get_translator("libre", url=server.url))  # fmt: skip
        assert summary.review and all(
            any(problem in p for p in problems) for problems in summary.review.values() if problems
        )
        entry = Project(content).translations(SEED_ID, "ar").fields["headline"]
        assert entry.review

    def test_reordered_placeholders_are_fine(self, content: Path) -> None:
        def swap(text: str, source: str, target: str) -> str:
            return text.replace("⟦1⟧", "⟦X⟧").replace("⟦2⟧", "⟦1⟧").replace("⟦X⟧", "⟦2⟧")

        with libre_server(swap) as server:
            draft(content, SEED_ID, target="ar", translator=get_translator("libre", url=server.url),
                  policy=newslib.load_policy("georgian-official"))  # fmt: skip
        headline = Project(content).translations(SEED_ID, "ar").fields["headline"]
        assert headline.review == ()
        assert [r.entity for r in headline.text.refs()] == [
            "sergey-lavrov",
            "south-ossetia",
            "abkhazia",
        ]
        assert [r.surface for r in headline.text.refs()][1:] == ["أوسيتيا الجنوبية", "أبخازيا"]

    def test_human_translations_are_never_overwritten_without_force(self, content: Path) -> None:
        repository = Repository(content)
        article = repository.read(SEED_ID)
        body = list(article.body)
        body[1] = Paragraph("p2", Text.of("A changed paragraph."))
        repository.save(replace(article, body=tuple(body)), author="d", kind="update")
        translator = MockTranslator(lambda text, s, t: f"[{t}] {text}")
        summary = draft(content, SEED_ID, target="ru", translator=translator)
        assert summary.kept_human == ["p2"] and summary.drafted == []
        forced = draft(content, SEED_ID, target="ru", translator=translator, force=True)
        assert forced.drafted == ["p2"]
        assert Project(content).translations(SEED_ID, "ru").fields["p2"].method is Method.MACHINE

    def test_translation_memory_is_reused_across_articles(
        self, content: Path, tmp_path: Path
    ) -> None:
        memory = TranslationMemory(tmp_path / "tm.sqlite")
        calls: list[str] = []
        translator = MockTranslator(lambda text, s, t: calls.append(text) or f"[{t}] {text}")
        draft(content, SEED_ID, target="ar", translator=translator, memory=memory)
        first = len(calls)
        repository = Repository(content)
        repository.save(
            replace(repository.read(SEED_ID), id="same-story"), author="d", kind="publish"
        )
        summary = draft(content, "same-story", target="ar", translator=translator, memory=memory)
        assert first > 0 and len(calls) == first  # nothing sent again
        assert len(summary.from_memory) == 21 and len(memory) == first

    def test_cli(self, content: Path, server: LibreServer) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "translate", SEED_ID,
             "--to", "ar", "--engine", "libre", "--url", server.url, "--no-cache"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "22 drafted, 0 from memory" in done.stderr  # 21 fields and the correction note
        assert Project(content).translations(SEED_ID, "ar") is not None
        bad = subprocess.run(
            [sys.executable, "-m", "newslib", "--content", str(content), "translate", SEED_ID,
             "--to", "os", "--engine", "libre", "--url", server.url, "--no-cache"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert bad.returncode == 2 and "does not translate" in bad.stderr


def test_a_file_that_is_not_a_memory_is_one_clear_error(tmp_path: Path) -> None:
    """SQLite's own error is mapped once, in the memory adapter, naming the file."""
    path = tmp_path / "notes.txt"
    path.write_text("Talks in Sukhumi.\n" * 200, "utf-8")
    with pytest.raises(UsageError, match=r"notes.txt: not a translation memory .*--memory"):
        TranslationMemory(path)


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "1e9"])
def test_a_bad_timeout_is_one_clear_error(timeout: str, capsys: pytest.CaptureFixture[str]) -> None:
    from newslib.cli import main

    code = main(["translate", SEED_ID, "--to", "ru", "--engine", "libre", "--timeout", timeout])
    assert code == 2 and "timeout" in capsys.readouterr().err
