"""Drafting an article into the language it is written in is refused before any engine is
asked, and writes no translation file (issue 17 trial: `translate <Russian story> --to ru`
drafted seven fields through the engine, source ru, target ru)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import newslib
from newslib.errors import UsageError

_COPY = (
    "Политика\n\nМирзоян и Лавров обсудят транспортный коридор в Санкт-Петербурге\n\n"
    "САНКТ-ПЕТЕРБУРГ, 21 февраля. /ТАСС/. Переговоры пройдут на следующей неделе.\n"
)


@pytest.mark.parametrize("target", ["ru", "ru-RU"])
def test_a_russian_story_is_not_drafted_into_russian(tmp_path: Path, target: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "newslib.yaml").write_text(
        "editions:\n  - {id: ru, locale: ru, policy: russian-usage, formats: [text]}\n", "utf-8"
    )
    article = newslib.import_text(_COPY, filed=date(2025, 2, 21)).article
    newslib.Project.at(content).repository().save(article, author="desk", kind="publish")
    asked: list[str] = []
    engine = newslib.MockTranslator(lambda text, source, to: asked.append(text) or text)
    with pytest.raises(UsageError, match="written in ru: there is nothing to translate"):
        newslib.draft(content, article.id, target=target, translator=engine, memory=None)
    assert asked == []
    assert not (content / "translations").exists()
