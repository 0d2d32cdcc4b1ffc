"""Translations: per block, tied to the source revision and block they were made from.

``content/translations/<article>/<language>.yaml``::

    article: lavrov-abkhazia-south-ossetia-talks
    language: ru
    fields:
      headline:
        text: "[[sergey-lavrov|Лавров]] проведёт переговоры …"
        source_revision: 2
        source_hash: 3f5a…            # sha256 of the source field it translates
        method: human                 # human | machine | machine-reviewed
        by: Ирина Петрова
        time: 2026-11-27T21:00:00Z
      p1: {…}
      q1: {text: …, attribution: …}   # a quote's attribution is translated with it
      l1: {items: […]}                # a list's items
      correction.2: {text: …}         # revision 2's correction note

A field whose source changed since is *stale* (kept, never deleted); one the source no
longer has is *obsolete*; one never translated is *missing*. Correction notes are fields
too, named after their revision (``correction.2``): they are in the revision records, so
the functions that list fields take the article's *history* as well.

:func:`translated_view` puts the translation in place field by field: a current field
shows its translation; a stale one its stale translation or the original
(:class:`StaleTranslation`); a missing one the original. A field never changes another's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, assert_never

import yaml

from newslib.article.markup import format_text, parse_text
from newslib.article.model import (
    Article,
    Block,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Revision,
    Text,
)
from newslib.errors import InputError, TranslationError
from newslib.fsio import atomic_write_text, read_text
from newslib.store.diff import canonical_markup
from newslib.yamlio import Reader, compose, dump

__all__ = [
    "FieldStatus",
    "FieldTranslation",
    "Method",
    "ShownField",
    "StaleTranslation",
    "TranslatedView",
    "TranslationSet",
    "correction_field",
    "field_hash",
    "field_texts",
    "fields_of",
    "read_translations",
    "translated_article",
    "translated_view",
    "write_translations",
]


class Method(StrEnum):
    """How a translation was made."""

    HUMAN = "human"
    MACHINE = "machine"  # a draft nobody has reviewed
    MACHINE_REVIEWED = "machine-reviewed"


class FieldStatus(StrEnum):
    """A source field's translation, against the source's head."""

    CURRENT = "current"
    REVIEW = "needs-review"  # a current machine draft with reasons for review: not current
    STALE = "stale"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class FieldTranslation:
    """The translation of one field (headline, standfirst or a block)."""

    text: Text | None
    source_revision: int
    source_hash: str
    method: Method
    by: str
    time: datetime
    attribution: Text | None = None
    items: tuple[Text, ...] | None = None
    review: tuple[str, ...] = ()  # why a machine draft needs a human look

    @property
    def needs_review(self) -> bool:
        """True for an unreviewed machine draft with reasons for review (a person's
        translation, or a reviewed draft, has had its look)."""
        return self.method is Method.MACHINE and bool(self.review)


@dataclass(frozen=True, slots=True)
class TranslationSet:
    """An article's translations into one language, field by field."""

    article: str
    language: str
    fields: dict[str, FieldTranslation]

    def status(self, source: Article, history: Iterable[Revision] = ()) -> dict[str, FieldStatus]:
        """Each field of *source* and its *history*: current, needs review, stale or missing
        here. A draft that needs review and is stale is stale: it must be drafted again."""
        found: dict[str, FieldStatus] = {}
        for name, value in fields_of(source, history):
            entry = self.fields.get(name)
            if entry is None:
                found[name] = FieldStatus.MISSING
            elif entry.source_hash != _hash(value):
                found[name] = FieldStatus.STALE
            elif entry.needs_review:
                found[name] = FieldStatus.REVIEW
            else:
                found[name] = FieldStatus.CURRENT
        return found

    def publishable(self, *, machine: bool = True) -> TranslationSet:
        """The fields a page may show: never a draft that needs review; unreviewed machine
        drafts only with *machine* (an edition's ``missing_translation: machine``). A field
        left out is shown like a missing one: the original, marked."""
        return replace(
            self,
            fields={
                name: entry
                for name, entry in self.fields.items()
                if not entry.needs_review and (machine or entry.method is not Method.MACHINE)
            },
        )

    def obsolete(self, source: Article, history: Iterable[Revision] | None = None) -> list[str]:
        """Fields translated here that the source no longer has. Correction notes are
        judged against *history* only: without it, none of them is obsolete."""
        names = {name for name, _ in fields_of(source, history or ())}
        return [
            name
            for name in self.fields
            if name not in names and (history is not None or not _is_correction(name))
        ]


_CORRECTION = "correction."


def correction_field(number: int) -> str:
    """The field of revision *number*'s correction note (no block id has a dot).

    >>> correction_field(2)
    'correction.2'
    """
    return f"{_CORRECTION}{number}"


def _is_correction(name: str) -> bool:
    return name.startswith(_CORRECTION)


def fields_of(
    article: Article, history: Iterable[Revision] = ()
) -> Iterator[tuple[str, Block | Text]]:
    """The translatable fields: ``headline``, ``standfirst``, every block by id, and the
    note of every correction in *history* (the article's revisions up to it)."""
    yield "headline", article.headline
    if article.standfirst is not None:
        yield "standfirst", article.standfirst
    for block in article.body:
        yield block.id, block
    for revision in history:
        if revision.is_correction and revision.note:
            yield correction_field(revision.number), Text.of(revision.note)


def field_texts(value: Block | Text) -> list[Text]:
    """The texts of a field: a quote's attribution after it, a list's items in order."""
    match value:
        case Text():
            return [value]
        case Paragraph(text=text) | Heading(text=text):
            return [text]
        case Quote(text=text, attribution=attribution):
            return [text] if attribution is None else [text, attribution]
        case ListBlock(items=items):
            return list(items)
        case _:
            assert_never(value)


def field_hash(article: Article, name: str, history: Iterable[Revision] = ()) -> str:
    """The sha256 of a source field's canonical markup (a translation remembers it)."""
    for field_name, value in fields_of(article, history):
        if field_name == name:
            return _hash(value)
    raise KeyError(name)


def _hash(value: Block | Text) -> str:
    return hashlib.sha256(canonical_markup(value).encode("utf-8")).hexdigest()


class StaleTranslation(StrEnum):
    """What an edition shows of a field whose translation is stale."""

    MARK = "mark"  # the stale translation, marked: the original has changed since
    ORIGINAL = "original"  # the original's text of that field alone, marked


@dataclass(frozen=True, slots=True)
class ShownField:
    """What one field of a translated page shows, and why."""

    status: FieldStatus  # its translation against the source
    language: str  # the language of the text shown
    method: Method | None = None  # how the translation shown was made; None: the original

    @property
    def original(self) -> bool:
        """True when the field shows the original's text."""
        return self.method is None


@dataclass(frozen=True, slots=True)
class TranslatedView:
    """An article with its translation put in place field by field."""

    article: Article  # in the translation's language, with the original's text where shown
    fields: dict[str, ShownField]  # every field of the source, its history's notes included
    notes: dict[int, Text] = field(default_factory=dict)  # correction notes shown translated

    @property
    def complete(self) -> bool:
        """True when every field is current."""
        return all(f.status is FieldStatus.CURRENT for f in self.fields.values())


def translated_view(
    source: Article,
    translations: TranslationSet,
    *,
    history: Iterable[Revision] = (),
    stale: StaleTranslation = StaleTranslation.MARK,
    machine: bool = True,
) -> TranslatedView:
    """*source* in the translation's language, field by field (see the module).

    A field whose translation does not fit its block (a list translated without items)
    shows the original, like a missing one; so does a draft that needs review, and an
    unreviewed machine draft unless *machine* (see :meth:`TranslationSet.publishable`).
    """
    translations = translations.publishable(machine=machine)
    revisions = tuple(history)
    statuses = translations.status(source, revisions)
    shown: dict[str, ShownField] = {}

    def pick(name: str) -> FieldTranslation | None:
        """The translation this field shows, if it shows one."""
        status = statuses[name]
        entry = translations.fields.get(name)
        if entry is None or (status is FieldStatus.STALE and stale is StaleTranslation.ORIGINAL):
            shown[name] = ShownField(status, source.language)
            return None
        shown[name] = ShownField(status, translations.language, entry.method)
        return entry

    def text_of(name: str, original: Text) -> Text:
        """The text field *name* shows: its translation's, or *original*."""
        entry = pick(name)
        if entry is None or entry.text is None:
            shown[name] = ShownField(statuses[name], source.language)
            return original
        return entry.text

    headline = text_of("headline", source.headline)
    standfirst = source.standfirst
    if standfirst is not None:
        standfirst = text_of("standfirst", standfirst)
    body: list[Block] = []
    for block in source.body:
        entry = pick(block.id)
        translated = _translated_block(block, entry) if entry is not None else None
        if translated is None:
            shown[block.id] = ShownField(statuses[block.id], source.language)
        body.append(translated or block)
    notes: dict[int, Text] = {}
    for revision in revisions:
        if revision.is_correction and revision.note:
            name = correction_field(revision.number)
            note = text_of(name, Text.of(revision.note))
            if not shown[name].original:
                notes[revision.number] = note
    article = replace(
        source,
        language=translations.language,
        headline=headline,
        standfirst=standfirst,
        body=tuple(body),
    )
    return TranslatedView(article, shown, notes)


def _translated_block(block: Block, entry: FieldTranslation) -> Block | None:
    """*block* with *entry*'s text, or None when the translation does not fit it."""
    match block:
        case Paragraph() | Heading():
            return replace(block, text=entry.text) if entry.text is not None else None
        case Quote():
            if entry.text is None:
                return None
            return replace(block, text=entry.text, attribution=entry.attribution)
        case ListBlock():
            return replace(block, items=entry.items) if entry.items else None
        case _:
            assert_never(block)


def translated_article(source: Article, translations: TranslationSet) -> Article | None:
    """The article in the translation's language, when every field is current."""
    view = translated_view(source, translations)
    return view.article if view.complete else None


# ---------------------------------------------------------------------- YAML codec


def read_translations(path: str | Path) -> TranslationSet:
    """Read and validate a translation file."""
    text = read_text(path)
    node = compose(text, path, TranslationError)
    if node is None:
        raise TranslationError("the file is empty", path=path, line=1, hint="translate a field")
    return _TranslationReader(path).translations(node)


def write_translations(translations: TranslationSet, path: str | Path) -> None:
    """Write a translation file atomically, in canonical form."""
    data: dict[str, Any] = {
        "article": translations.article,
        "language": translations.language,
        "fields": {name: _entry_data(e) for name, e in translations.fields.items()},
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, dump(data))


def _entry_data(entry: FieldTranslation) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if entry.text is not None:
        data["text"] = format_text(entry.text)
    if entry.attribution is not None:
        data["attribution"] = format_text(entry.attribution)
    if entry.items is not None:
        data["items"] = [format_text(i) for i in entry.items]
    data.update(
        source_revision=entry.source_revision,
        source_hash=entry.source_hash,
        method=str(entry.method),
        by=entry.by,
        time=entry.time.isoformat().replace("+00:00", "Z"),
    )
    if entry.review:
        data["review"] = list(entry.review)
    return data


class _TranslationReader(Reader):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, TranslationError)

    def translations(self, node: yaml.Node) -> TranslationSet:
        fields = self.mapping(
            node, required=("article", "language", "fields"), what="a translation file"
        )
        entries = {name: self.entry(value) for name, _, value in self.any_mapping(fields["fields"])}
        return TranslationSet(
            self.string(fields["article"]), self.string(fields["language"]), entries
        )

    def entry(self, node: yaml.Node) -> FieldTranslation:
        fields = self.mapping(
            node,
            required=("source_revision", "source_hash", "method", "by", "time"),
            optional=("text", "attribution", "items", "review"),
            what="a field's translation",
        )
        if not {"text", "items"} & fields.keys():
            self.fail(node, "no translated text", "add 'text:' (or 'items:' for a list)")
        method = self.string(fields["method"])
        if method not in set(Method):
            self.fail(fields["method"], f"unknown method {method!r}", "use: " + ", ".join(Method))
        items = fields.get("items")
        review = fields.get("review")
        return FieldTranslation(
            text=self.text(fields["text"]) if "text" in fields else None,
            attribution=self.text(fields["attribution"]) if "attribution" in fields else None,
            items=tuple(self.text(i) for i in self.sequence(items)) if items is not None else None,
            source_revision=self.integer(fields["source_revision"]),
            source_hash=self.string(fields["source_hash"]),
            method=Method(method),
            by=self.string(fields["by"]),
            time=self.timestamp(fields["time"]),
            review=tuple(self.string(r) for r in self.sequence(review)) if review else (),
        )

    def text(self, node: yaml.Node) -> Text:
        raw = self.string(node)
        try:
            return parse_text(raw)
        except InputError as exc:
            self.fail(node, exc.problem, exc.hint or "fix the markup")
