"""Where a translation stands: its fields counted by status, and what changed under stale ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from newslib.article.model import Article, Revision, Text
from newslib.store.diff import block_text, format_words, word_diff
from newslib.store.repository import Repository
from newslib.translations.model import FieldStatus, Method, TranslationSet, fields_of

__all__ = [
    "StaleField",
    "StatusRow",
    "TranslationState",
    "field_source",
    "stale_fields",
    "status_row",
]


class TranslationState(StrEnum):
    """What an edition has of an article in its language."""

    ORIGINAL = "original"  # the article is written in it
    HUMAN = "human"  # a current translation by a person (or a reviewed draft)
    MACHINE = "machine"  # a current machine draft nobody has reviewed
    STALE = "stale"  # a translation whose source changed since
    MISSING = "missing"  # no translation


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One article's translation into one language, counted field by field."""

    article: str
    language: str
    current: int
    stale: int
    missing: int
    machine_unreviewed: int  # current machine drafts nobody has reviewed (none in doubt)
    obsolete: int
    needs_review: int = 0  # machine drafts with reasons for review: not current

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "article": self.article,
            "language": self.language,
            "current": self.current,
            "stale": self.stale,
            "missing": self.missing,
            "machine_unreviewed": self.machine_unreviewed,
            "needs_review": self.needs_review,
            "obsolete": self.obsolete,
        }


@dataclass(frozen=True, slots=True)
class StaleField:
    """A stale field: the source's words that changed since it was translated."""

    article: str
    language: str
    field: str
    translated_from: int
    now: int | None
    diff: str  # the word diff, ``[-old-]{+new+}``

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "article": self.article,
            "language": self.language,
            "field": self.field,
            "translated_from": self.translated_from,
            "now": self.now,
            "diff": self.diff,
        }


def status_row(
    source: Article,
    translations: TranslationSet | None,
    language: str,
    history: Iterable[Revision] | None = None,
) -> StatusRow:
    """Count a translation's fields against the source's head and its *history* (whose
    correction notes are fields too; without it they are not counted)."""
    given = tuple(history) if history is not None else None
    if translations is None:
        count = sum(1 for _ in fields_of(source, given or ()))
        return StatusRow(source.id, language, 0, 0, count, 0, 0)
    states = translations.status(source, given or ())
    machine = sum(
        1
        for name, state in states.items()
        if state is FieldStatus.CURRENT and translations.fields[name].method is Method.MACHINE
    )
    values = list(states.values())
    return StatusRow(
        source.id,
        language,
        current=values.count(FieldStatus.CURRENT),
        stale=values.count(FieldStatus.STALE),
        missing=values.count(FieldStatus.MISSING),
        machine_unreviewed=machine,
        obsolete=len(translations.obsolete(source, given)),
        needs_review=values.count(FieldStatus.REVIEW),
    )


def stale_fields(
    repository: Repository, source: Article, translations: TranslationSet
) -> list[StaleField]:
    """For each stale field, the source's change since the translation was made."""
    head = repository.head(source.id)
    history = repository.history(source.id)
    found: list[StaleField] = []
    for name, state in translations.status(source, history).items():
        if state is not FieldStatus.STALE:
            continue
        entry = translations.fields[name]
        then = repository.read(source.id, entry.source_revision)
        earlier = [r for r in history if r.number <= entry.source_revision]
        changes = word_diff(field_source(then, name, earlier), field_source(source, name, history))
        found.append(
            StaleField(
                source.id,
                translations.language,
                name,
                entry.source_revision,
                head.number if head else None,
                format_words(changes),
            )
        )
    return found


def field_source(article: Article, name: str, history: Iterable[Revision] = ()) -> str:
    """A source field as a reader sees it (for diffs)."""
    for field_name, value in fields_of(article, history):
        if field_name == name:
            return value.plain if isinstance(value, Text) else block_text(value)
    return ""
