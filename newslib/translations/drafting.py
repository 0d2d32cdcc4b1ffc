"""Machine drafts of missing and stale translations, with names kept and doubts flagged.

``draft(...)`` translates only what has no current translation, never a human's work
unless forced; it masks the names, asks the translation memory first, then the engine,
restores the names in the edition policy's forms, and records each field as a ``machine``
draft — with the reasons it needs review, if any. A failing engine never costs the
fields already drafted: they are written before the failure is raised.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import assert_never

from newslib.article.model import (
    Block,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Text,
    primary_language,
)
from newslib.errors import DraftInterrupted, TranslatorError, TranslatorResponseError, UsageError
from newslib.project import Project
from newslib.terms import Gazetteer, Policy, shipped_gazetteer
from newslib.translations.masking import Masked, mask, placeholder_problems, unmask
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
    review: dict[str, list[str]] = field(default_factory=dict)  # every draft that needs it
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

    *policy* defaults to the policy of the project's edition in *target* (its default
    edition); *memory* is a translation memory, or the path of its SQLite file. Drafts
    that need review are drafted again (the engine may do better); an unchanged redraft
    keeps the entry as it was. When the engine fails, the fields drafted so far are
    written first, then :class:`~newslib.errors.DraftInterrupted` says how many.
    """
    project = Project.at(content)
    if policy is None:
        name = project.edition_policy(target)
        policy = project.policy(name) if name is not None else None
    with contextlib.ExitStack() as stack:
        if isinstance(memory, str | Path):
            memory = stack.enter_context(TranslationMemory(memory))
        job = _Job(translator, policy, gazetteer or shipped_gazetteer(), memory)
        return _draft(project, article_id, target, job, force, progress)


def _draft(
    project: Project,
    article_id: str,
    target: str,
    job: _Job,
    force: bool,
    progress: Callable[[int, int, str], None] | None,
) -> DraftSummary:
    repository = project.repository()
    source = repository.read(article_id)
    if primary_language(source.language) == primary_language(target):
        raise UsageError(
            f"{article_id} is written in {source.language}: there is nothing to translate "
            f"into {target}; name another language with --to"
        )
    history = repository.history(article_id)
    head = history[-1] if history else None
    assert head is not None
    existing = project.translations(article_id, target) or TranslationSet(article_id, target, {})
    path = project.translation_path(article_id, target)
    summary = DraftSummary(path=path)
    todo: list[tuple[str, Block | Text]] = []
    statuses = existing.status(source, history)
    for name, value in fields_of(source, history):
        entry = existing.fields.get(name)
        if statuses[name] is FieldStatus.CURRENT:
            summary.current.append(name)
        elif entry is not None and entry.method is not Method.MACHINE and not force:
            summary.kept_human.append(name)  # stale, but a person's: theirs to update
        else:
            todo.append((name, value))
    fields = dict(existing.fields)

    def save() -> None:
        if fields != existing.fields:
            write_translations(TranslationSet(article_id, target, fields), path)

    done = 0
    try:
        for done, (name, value) in enumerate(todo):
            restored, problems, reused = job.field(field_texts(value), source.language, target)
            entry = _entry(value, restored, head.number, field_hash(source, name, history),
                           job.translator.name, problems)  # fmt: skip
            fields[name] = _unchanged(existing.fields.get(name), entry)
            (summary.from_memory if reused else summary.drafted).append(name)
            if problems:
                summary.review[name] = problems
            if progress is not None:
                progress(done + 1, len(todo), name)
    except BaseException as exc:  # an engine's failure, Ctrl-C, a bug: keep what is done
        save()
        if not isinstance(exc, TranslatorError):
            raise
        saved = len(summary.drafted) + len(summary.from_memory)
        raise DraftInterrupted(article_id, exc, saved, len(todo) - done, path) from exc
    save()
    return summary


@dataclass(frozen=True)
class _Job:
    """One drafting run's engine, names and memory: texts in, drafts out."""

    translator: Translator
    policy: Policy | None
    gazetteer: Gazetteer
    memory: TranslationMemory | None

    def field(
        self, texts: list[Text], source: str, target: str
    ) -> tuple[list[Text], list[str], bool]:
        """A field's texts drafted from *source* into *target* with their names restored,
        the reasons for review, and whether every text came from the memory."""
        masked = [mask(t, lang=source, gazetteer=self.gazetteer) for t in texts]
        translated, reused = self._translate(masked, source, target)
        restored: list[Text] = []
        problems: list[str] = []
        for text, packed in zip(translated, masked, strict=True):
            result, doubts = unmask(
                text, packed, lang=target, policy=self.policy, gazetteer=self.gazetteer
            )
            restored.append(result)
            problems += doubts
        return restored, problems, reused

    def _translate(self, masked: list[Masked], source: str, target: str) -> tuple[list[str], bool]:
        """Translations of *masked*, from memory where it has them; and whether all came
        from it. Only translations that kept their placeholders exactly are remembered, or
        taken from the memory."""
        name, memory = self.translator.name, self.memory
        texts = [m.text for m in masked]
        found = [self._remembered(m, source, target) for m in masked]
        missing = [t for t, f in zip(texts, found, strict=True) if f is None]
        answers = (
            self.translator.translate(missing, source=source, target=target) if missing else []
        )
        if len(answers) != len(missing) or not all(isinstance(a, str) for a in answers):
            raise TranslatorResponseError(
                f"{name} answered {len(answers)} translation(s) for {len(missing)} text(s)"
            )
        fresh = iter(answers)
        result: list[str] = []
        for packed, earlier in zip(masked, found, strict=True):
            if earlier is not None:
                result.append(earlier)
                continue
            translation = next(fresh)
            if memory is not None and not placeholder_problems(translation, packed):
                memory.put(name, source, target, packed.text, translation)
            result.append(translation)
        return result, not missing

    def _remembered(self, masked: Masked, source: str, target: str) -> str | None:
        """The memory's translation of *masked*, unless its placeholders are damaged (an
        older newslib remembered those): then it is asked for again."""
        if self.memory is None:
            return None
        found = self.memory.get(self.translator.name, source, target, masked.text)
        return found if found is not None and not placeholder_problems(found, masked) else None


def _unchanged(old: FieldTranslation | None, new: FieldTranslation) -> FieldTranslation:
    """*old* where *new* says the same of the same source (a redraft that changed nothing
    keeps its first date), else *new*."""
    if old is not None and replace(old, time=new.time, by=new.by) == new:
        return old
    return new


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
