"""``newslib render --locale``/``--edition`` and ``newslib.render`` show what ``build``
writes — the same choice of translation, field by field — on the seed and on a second
story with four revisions and partial translations, in every edition language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import newslib
from newslib import Repository
from newslib.cli import main
from newslib.errors import UsageError

from .support.paths import CONTENT, SEED_ID
from .support.second_story import STORY, add_second_story

LANGUAGES = ("en", "ru", "de", "fr", "ka", "ar")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
    add_second_story(folder)
    return folder


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
            )
            spec = newslib.FORMATS[fmt]
            built = (site / edition.id / f"{article}.{spec.extension}").read_text("utf-8")
            if fmt == "newsml":  # the one line that holds the time of rendering a dateless item
                shown, built = (_without(t, "versionCreated") for t in (shown, built))
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
