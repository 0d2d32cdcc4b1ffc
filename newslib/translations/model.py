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
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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
    "TranslationSet",
    "correction_field",
    "field_hash",
    "field_texts",
    "fields_of",
    "read_translations",
    "translated_article",
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


@dataclass(frozen=True, slots=True)
class TranslationSet:
    """An article's translations into one language, field by field."""

    article: str
    language: str
    fields: dict[str, FieldTranslation]

    def status(self, source: Article, history: Iterable[Revision] = ()) -> dict[str, FieldStatus]:
        """Each field of *source* and its *history*: current, stale or missing here."""
        found: dict[str, FieldStatus] = {}
        for name, value in fields_of(source, history):
            entry = self.fields.get(name)
            if entry is None:
                found[name] = FieldStatus.MISSING
            elif entry.source_hash != _hash(value):
                found[name] = FieldStatus.STALE
            else:
                found[name] = FieldStatus.CURRENT
        return found

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


def translated_article(source: Article, translations: TranslationSet) -> Article | None:
    """The article in the translation's language, when every field is current."""
    statuses = translations.status(source)
    if any(s is not FieldStatus.CURRENT for s in statuses.values()):
        return None
    fields = translations.fields
    body: list[Block] = []
    for block in source.body:
        entry = fields[block.id]
        match block:
            case Paragraph() | Heading():
                assert entry.text is not None
                body.append(replace(block, text=entry.text))
            case Quote():
                assert entry.text is not None
                body.append(replace(block, text=entry.text, attribution=entry.attribution))
            case ListBlock():
                body.append(replace(block, items=entry.items or block.items))
            case _:
                assert_never(block)
    headline = fields["headline"].text or source.headline
    standfirst = fields["standfirst"].text if source.standfirst is not None else None
    return replace(
        source,
        language=translations.language,
        headline=headline,
        standfirst=standfirst,
        body=tuple(body),
    )


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
