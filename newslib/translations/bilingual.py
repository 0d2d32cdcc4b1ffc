"""A translation as translators' tools see it: units of source and target, no files.

An article's translation into one language becomes a :class:`Bilingual`: one
:class:`Unit` per text of every translatable field (:func:`~newslib.translations.model.
fields_of`). A field with one text is one unit named after the field (``headline``,
``p1``, ``correction.2``); a quote's attribution is ``q1/attribution``; a list's items are
``l1/1``, ``l1/2``, … Each unit carries its field's source hash, so an import knows which
source it was translated from.

A unit's state is ``translated`` for a current translation, ``fuzzy`` for a stale one or
an unreviewed machine draft (a person should look at it), ``new`` when the field has no
translation. :func:`merge_units` is the way back: what an edited file changes in a
:class:`~newslib.translations.model.TranslationSet`.

The codecs are :mod:`~newslib.translations.po` and :mod:`~newslib.translations.xliff`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import assert_never

from newslib.article.model import (
    Article,
    Block,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Revision,
    Text,
    forbidden_character,
)
from newslib.errors import TranslationError
from newslib.translations.model import (
    FieldStatus,
    FieldTranslation,
    Method,
    TranslationSet,
    field_hash,
    fields_of,
)

__all__ = ["Bilingual", "Merge", "Unit", "UnitState", "merge_units", "units_of"]

_ATTRIBUTION = "attribution"


class UnitState(StrEnum):
    """Where a unit's translation stands, as translators' tools name it."""

    NEW = "new"  # not translated
    TRANSLATED = "translated"  # a current translation
    FUZZY = "fuzzy"  # stale, or a machine draft nobody reviewed: a person should look


@dataclass(frozen=True, slots=True)
class Unit:
    """One text of a field: its source, its translation and where that stands."""

    id: str  # the field id, or ``field/attribution`` or ``field/N`` (a list's Nth item)
    source: Text
    target: Text | None
    source_hash: str  # the field's (see field_hash)
    state: UnitState = UnitState.NEW
    notes: tuple[str, ...] = ()  # why it is fuzzy, what a draft's reviewer should check
    previous: Text | None = None  # a stale translation's source, as it was then
    line: int | None = None  # where a read file holds it

    @property
    def field(self) -> str:
        """The field this unit is a text of."""
        return self.id.partition("/")[0]


@dataclass(frozen=True, slots=True)
class Bilingual:
    """An article's translation into one language, unit by unit."""

    article: str
    revision: int  # the source revision the units' sources are from
    source_language: str
    target_language: str
    units: tuple[Unit, ...]
    path: str | None = None  # the file it was read from
    created: datetime | None = None  # the source revision's time
    translator: str | None = None  # who translated last
    translated: datetime | None = None  # when


def _parts(name: str, value: Block | Text) -> list[tuple[str, Text]]:
    """A field's texts with their unit ids."""
    match value:
        case Text():
            return [(name, value)]
        case Paragraph(text=text) | Heading(text=text):
            return [(name, text)]
        case Quote(text=text, attribution=attribution):
            said = [(f"{name}/{_ATTRIBUTION}", attribution)] if attribution is not None else []
            return [(name, text), *said]
        case ListBlock(items=items):
            return [(f"{name}/{number}", item) for number, item in enumerate(items, 1)]
        case _:
            assert_never(value)


def _translated_part(unit_id: str, entry: FieldTranslation) -> Text | None:
    """The text of *entry* that unit *unit_id* holds, if it has one."""
    _, _, part = unit_id.partition("/")
    if not part:
        return entry.text
    if part == _ATTRIBUTION:
        return entry.attribution
    index = int(part) - 1
    return entry.items[index] if entry.items is not None and index < len(entry.items) else None


def units_of(
    source: Article,
    history: Sequence[Revision],
    translations: TranslationSet | None,
    *,
    earlier: Callable[[int, str], Block | Text | None] | None = None,
) -> list[Unit]:
    """The units of *source* (at the end of *history*) and its translation.

    *earlier(revision, field)* gives a field as it was at an earlier revision, for the
    ``previous`` source of stale units.
    """
    statuses = translations.status(source, history) if translations is not None else {}
    units: list[Unit] = []
    for name, value in fields_of(source, history):
        entry = translations.fields.get(name) if translations is not None else None
        digest = field_hash(source, name, history)
        status = statuses.get(name, FieldStatus.MISSING)
        notes: list[str] = []
        before: list[tuple[str, Text]] = []
        if entry is None:
            state = UnitState.NEW
        elif status is FieldStatus.STALE:
            state = UnitState.FUZZY
            notes.append(f"stale: the source changed since revision {entry.source_revision}")
            then = earlier(entry.source_revision, name) if earlier is not None else None
            before = _parts(name, then) if then is not None else []
        elif entry.method is Method.MACHINE:
            state = UnitState.FUZZY
            notes.append(f"an unreviewed machine draft ({entry.by})")
        else:
            state = UnitState.TRANSLATED
        if entry is not None:
            notes += [f"review: {reason}" for reason in entry.review]
        previous = dict(before)
        for unit_id, text in _parts(name, value):
            target = _translated_part(unit_id, entry) if entry is not None else None
            units.append(
                Unit(
                    unit_id,
                    text,
                    target,
                    digest,
                    state if target is not None else UnitState.NEW,
                    tuple(notes) if target is not None else (),
                    previous.get(unit_id),
                )
            )
    return units


@dataclass(frozen=True, slots=True)
class Merge:
    """What importing a file does to a translation."""

    translations: TranslationSet
    written: tuple[str, ...] = ()  # fields changed
    stale: tuple[str, ...] = ()  # of those, fields whose source changed since the file's revision
    kept: tuple[str, ...] = ()  # fields the file leaves as they are
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (field, why), not imported
    # (unit, entity): a name the source marks that the imported translation does not
    unmarked: tuple[tuple[str, str], ...] = field(default=())


def merge_units(
    document: Bilingual,
    source: Article,
    history: Sequence[Revision],
    translations: TranslationSet,
    *,
    head: tuple[Article, Sequence[Revision]],
    by: str,
    now: datetime,
) -> Merge:
    """*translations* with *document*'s translated units in place.

    *source* and *history* are the article at the document's revision; *head* the article
    as it is now. A fuzzy unit is not imported (unless it is the translation already
    there); a translated one replaces the field's translation (see the README's
    "Translations in translators' tools"). Raises :class:`TranslationError` at the unit's
    line for an unknown unit, a source hash that is not its field's, a field translated
    in part, or a text naming an entity the article does not declare.
    """
    path = document.path
    fields = dict(fields_of(source, history))
    by_field: dict[str, dict[str, Unit]] = {}
    for unit in document.units:
        texts = dict(_parts(unit.field, fields[unit.field])) if unit.field in fields else {}
        if unit.id not in texts:
            known = ", ".join(fields)
            raise TranslationError(
                f"unknown field id {unit.id!r}: revision {document.revision} of "
                f"{document.article} has no such text",
                path=path,
                line=unit.line,
                hint=f"its fields: {known}; export the file again",
            )
        if unit.id in by_field.get(unit.field, {}):
            raise TranslationError(
                f"{unit.id!r} is in the file twice", path=path, line=unit.line, hint="keep one"
            )
        expected = field_hash(source, unit.field, history)
        if unit.source_hash != expected:
            raise TranslationError(
                f"{unit.id!r}: the source hash is not that of revision {document.revision}'s field",
                path=path,
                line=unit.line,
                hint="the file was not exported from this revision; export it again",
            )
        if unit.source != texts[unit.id]:
            raise TranslationError(
                f"{unit.id!r}: the source text is not revision {document.revision}'s",
                path=path,
                line=unit.line,
                hint="leave the source as exported; change the article with checkout and save",
            )
        if unit.target is not None:
            _check_target(unit, source, path)
        by_field.setdefault(unit.field, {})[unit.id] = unit
    current = dict(translations.fields)
    written: list[str] = []
    stale: list[str] = []
    kept: list[str] = []
    skipped: list[tuple[str, str]] = []
    unmarked: list[tuple[str, str]] = []
    head_article, head_history = head
    for name, units in by_field.items():
        parts = _parts(name, fields[name])
        offered = {unit_id: u.target for unit_id, u in units.items() if u.target is not None}
        if not offered:
            continue
        entry = current.get(name)
        content = _content(name, fields[name], parts, offered, units, path)
        fuzzy = any(u.state is not UnitState.TRANSLATED for u in units.values())
        same_text = entry is not None and _same_content(entry, content)
        digest = next(iter(units.values())).source_hash
        if fuzzy:
            if same_text:
                kept.append(name)
            else:
                skipped.append((name, "fuzzy: mark it translated to import it"))
            continue
        if (
            entry is not None
            and same_text
            and entry.source_hash == digest
            and entry.method is not Method.MACHINE
        ):
            kept.append(name)
            continue
        method = Method.HUMAN
        if same_text and entry is not None and entry.method is not Method.HUMAN:
            method = Method.MACHINE_REVIEWED  # a draft a person read and let stand
        text, attribution, items = content
        current[name] = FieldTranslation(
            text=text,
            attribution=attribution,
            items=items,
            source_revision=document.revision,
            source_hash=digest,
            method=method,
            by=by,
            time=now,
        )
        written.append(name)
        if _head_hash(head_article, head_history, name) != digest:
            stale.append(name)
        unmarked += _unmarked(parts, offered)
    return Merge(
        replace(translations, fields=current),
        tuple(written),
        tuple(stale),
        tuple(kept),
        tuple(skipped),
        tuple(unmarked),
    )


def _unmarked(parts: list[tuple[str, Text]], offered: dict[str, Text]) -> list[tuple[str, str]]:
    """(unit, entity) for each name a source text marks more often than its translation
    does: the markup was dropped (``[[abkhazia|Абхазии]]`` → ``Абхазии``) or swapped."""
    lost = []
    for unit_id, text in parts:
        missing = Counter(r.entity for r in text.refs()) - Counter(
            r.entity for r in offered[unit_id].refs()
        )
        lost += [(unit_id, entity) for entity in sorted(missing)]
    return lost


_Content = tuple[Text | None, Text | None, tuple[Text, ...] | None]


def _content(
    name: str,
    value: Block | Text,
    parts: list[tuple[str, Text]],
    offered: dict[str, Text],
    units: dict[str, Unit],
    path: str | None,
) -> _Content:
    """A field's translation (text, attribution, items) from its units' targets."""
    wanted = [unit_id for unit_id, _ in parts]
    missing = [unit_id for unit_id in wanted if unit_id not in offered]
    if missing:
        first = next(iter(units.values()))
        raise TranslationError(
            f"{name!r} is translated in part: {', '.join(missing)} has no translation",
            path=path,
            line=first.line,
            hint="translate every text of the field, or none",
        )
    if isinstance(value, ListBlock):
        return None, None, tuple(offered[unit_id] for unit_id in wanted)
    return offered[name], offered.get(f"{name}/{_ATTRIBUTION}"), None


def _same_content(entry: FieldTranslation, content: _Content) -> bool:
    return (entry.text, entry.attribution, entry.items) == content


def _head_hash(article: Article, history: Sequence[Revision], name: str) -> str | None:
    try:
        return field_hash(article, name, history)
    except KeyError:  # the field is gone since
        return None


def _check_target(unit: Unit, source: Article, path: str | None) -> None:
    """A unit's translation: one line of text naming only the article's entities."""
    assert unit.target is not None
    declared = {entity.id for entity in source.entities}
    for ref in unit.target.refs():
        if not ref.surface.strip():
            raise TranslationError(
                f"{unit.id!r}: the name of {ref.entity!r} is empty", path=path, line=unit.line,
                hint="write the name as your language writes it",
            )  # fmt: skip
        if ref.entity not in declared:
            raise TranslationError(
                f"{unit.id!r} names entity {ref.entity!r}, which the article does not declare",
                path=path,
                line=unit.line,
                hint="keep the names the source marks: " + ", ".join(sorted(declared)),
            )
    bad = forbidden_character(unit.target.plain)
    if bad is not None:
        raise TranslationError(
            f"{unit.id!r}: character {bad[1]} is not allowed in text",
            path=path,
            line=unit.line,
            hint="a translation is one line of text; remove it",
        )
    if not unit.target.plain.strip():
        raise TranslationError(
            f"{unit.id!r}: the translation is blank", path=path, line=unit.line,
            hint="translate it, or leave it empty",
        )  # fmt: skip
