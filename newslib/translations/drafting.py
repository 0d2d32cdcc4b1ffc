"""Machine drafts of missing and stale translations, with names kept and doubts flagged.

``draft(...)`` translates only what has no current translation, never a human's work
unless forced; it masks the names, asks the translation memory first, then the engine,
restores the names in the edition policy's forms, and records each field as a ``machine``
draft — with the reasons it needs review, if any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import assert_never

from newslib.article.model import Block, Heading, ListBlock, Paragraph, Quote, Text
from newslib.project import Project
from newslib.terms import Gazetteer, Policy, shipped_gazetteer
from newslib.translations.masking import mask, unmask
from newslib.translations.memory import TranslationMemory
from newslib.translations.model import (
    FieldStatus,
    FieldTranslation,
    Method,
    TranslationSet,
    field_hash,
    field_texts,
    fields_of,
    write_translations,
)
from newslib.translators import Translator

__all__ = ["DraftSummary", "draft"]


@dataclass
class DraftSummary:
    """What a drafting run did, field by field."""

    drafted: list[str] = field(default_factory=list)
    from_memory: list[str] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)
    kept_human: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    path: Path | None = None


def draft(
    content: str | Path | Project,
    article_id: str,
    *,
    target: str,
    translator: Translator,
    policy: Policy | None = None,
    gazetteer: Gazetteer | None = None,
    memory: TranslationMemory | str | Path | None = None,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> DraftSummary:
    """Draft the missing and stale fields of *article_id* in *target*; see the module.

    *memory* is a translation memory, or the path of its SQLite file.
    """
    if isinstance(memory, str | Path):
        memory = TranslationMemory(memory)
    gazetteer = gazetteer or shipped_gazetteer()
    project = Project.at(content)
    repository = project.repository()
    source = repository.read(article_id)
    history = repository.history(article_id)
    head = history[-1] if history else None
    assert head is not None
    existing = project.translations(article_id, target) or TranslationSet(article_id, target, {})
    path = project.translation_path(article_id, target)
    summary = DraftSummary(path=path)
    todo: list[tuple[str, Block | Text]] = []
    statuses = existing.status(source, history)
    for name, value in fields_of(source, history):
        state = statuses[name]
        entry = existing.fields.get(name)
        if state is FieldStatus.CURRENT:
            summary.current.append(name)
        elif entry is not None and entry.method is not Method.MACHINE and not force:
            summary.kept_human.append(name)  # stale, but a person's: theirs to update
        else:
            todo.append((name, value))
    fields = dict(existing.fields)
    for done, (name, value) in enumerate(todo, 1):
        texts = field_texts(value)
        masked = [mask(t, lang=source.language, gazetteer=gazetteer) for t in texts]
        translated, reused = _translate(
            [m.text for m in masked], translator, source.language, target, memory
        )
        restored: list[Text] = []
        problems: list[str] = []
        for text, packed in zip(translated, masked, strict=True):
            result, doubts = unmask(text, packed, lang=target, policy=policy, gazetteer=gazetteer)
            restored.append(result)
            problems += doubts
        fields[name] = _entry(value, restored, head.number, field_hash(source, name, history),
                              translator.name, problems)  # fmt: skip
        (summary.from_memory if reused else summary.drafted).append(name)
        if problems:
            summary.review[name] = problems
        if progress is not None:
            progress(done, len(todo), name)
    if todo:
        write_translations(TranslationSet(article_id, target, fields), path)
    return summary


def _translate(
    texts: list[str],
    translator: Translator,
    source: str,
    target: str,
    memory: TranslationMemory | None,
) -> tuple[list[str], bool]:
    """Translations of *texts*, from memory where it has them; and whether all came from it."""
    found = [memory.get(translator.name, source, target, t) if memory else None for t in texts]
    missing = [t for t, f in zip(texts, found, strict=True) if f is None]
    fresh = iter(translator.translate(missing, source=source, target=target) if missing else [])
    result: list[str] = []
    for text, earlier in zip(texts, found, strict=True):
        if earlier is not None:
            result.append(earlier)
            continue
        translation = next(fresh)
        if memory is not None:
            memory.put(translator.name, source, target, text, translation)
        result.append(translation)
    return result, not missing


def _entry(
    value: Block | Text,
    restored: list[Text],
    revision: int,
    source_hash: str,
    engine: str,
    problems: list[str],
) -> FieldTranslation:
    text: Text | None = restored[0]
    attribution: Text | None = None
    items: tuple[Text, ...] | None = None
    match value:
        case ListBlock():
            text, items = None, tuple(restored)
        case Quote(attribution=Text()):
            attribution = restored[1]
        case Quote() | Paragraph() | Heading() | Text():
            pass
        case _:
            assert_never(value)
    return FieldTranslation(
        text=text,
        attribution=attribution,
        items=items,
        source_revision=revision,
        source_hash=source_hash,
        method=Method.MACHINE,
        by=f"{engine} (machine draft)",
        time=datetime.now(UTC).replace(microsecond=0),
        review=tuple(problems),
    )
