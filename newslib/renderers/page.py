"""A page: one article as one edition shows it — the input of every renderer.

It joins the article (or its translation), the edition's locale and naming policy, the
revision history (for corrections, published and updated times) and the links to the
other editions, and answers the renderers' questions: what is this text under the
policy, what is the dateline, which notices does the reader see.

:func:`select_body` is the one choice of what an edition shows of an article in its
language — ``build`` and ``render`` both make it: field by field, a current translation;
a stale one, marked (or the original, per the edition); the original where there is none.
A field shown otherwise than translated and current carries a marker (:meth:`Page.mark`),
and each text is written in the conventions of its own language (quotation marks too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path

from babel.lists import format_list

from newslib.article.model import Article, Ref, Revision, RevisionKind, Text, primary_language
from newslib.l10n import labels
from newslib.l10n.localizer import Localizer, text_direction
from newslib.terms import Gazetteer, Policy, apply_policy, entity_name, scan_text
from newslib.translations.model import (
    FieldStatus,
    Method,
    ShownField,
    StaleTranslation,
    TranslationSet,
    correction_field,
    field_texts,
    fields_of,
    translated_view,
)
from newslib.translations.status import TranslationState

__all__ = ["Body", "BodyState", "CorrectionNote", "Link", "Mark", "Page", "select_body"]

# Joins an article's texts for one pass of the policy: a paragraph break no name crosses.
_SEPARATOR = "\n\n\u2029\n\n"


class BodyState(StrEnum):
    """Where the body text comes from."""

    ORIGINAL = "original"  # the edition is in the article's language
    HUMAN = "human"  # a translation by a person (or a reviewed machine draft)
    MACHINE = "machine"  # a translation with unreviewed machine drafts in it
    PARTIAL = "partial"  # translated, but some fields are shown in the original (marked)
    FALLBACK = "fallback"  # no translation yet: the original is shown, and the page says so


class Mark(StrEnum):
    """Why a field of a translated page is marked (HTML gives its element this class)."""

    STALE = "stale"  # its translation was made before the original changed
    ORIGINAL = "original"  # it is shown in the original: not translated, or set aside


@dataclass(frozen=True)
class Body:
    """What an edition shows of an article in its language (see :func:`select_body`)."""

    article: Article  # what the page shows: the original, or the translation in place
    state: BodyState
    translation: TranslationState  # what the edition has of the article in its language
    fields: Mapping[str, ShownField] = field(default_factory=dict)  # translated pages only
    notes: Mapping[int, Text] = field(default_factory=dict)  # correction notes translated


def select_body(
    source: Article,
    translations: TranslationSet | None,
    language: str,
    *,
    history: Iterable[Revision] = (),
    stale: StaleTranslation = StaleTranslation.MARK,
    machine: bool = True,
) -> Body:
    """What an edition in *language* shows of *source*, given its *translations* into
    that language and its *history* (the correction notes are fields too).

    In the article's own language, the original. Else each field on its own: its current
    translation; its stale one, marked, or the original (*stale*); the original where it
    has none. A page where no field shows a translation is the original with a notice.
    A machine draft that needs review is never shown, and an unreviewed one only with
    *machine*: such a field shows the original, marked, like a missing one.
    """
    if primary_language(language) == primary_language(source.language):
        return Body(source, BodyState.ORIGINAL, TranslationState.ORIGINAL)
    if translations is None:
        return Body(source, BodyState.FALLBACK, TranslationState.MISSING)
    view = translated_view(source, translations, history=history, stale=stale, machine=machine)
    shown = list(view.fields.values())
    machine = any(f.method is Method.MACHINE for f in shown)
    if view.complete:
        translation = TranslationState.MACHINE if machine else TranslationState.HUMAN
    elif any(f.status is FieldStatus.STALE for f in shown):
        translation = TranslationState.STALE
    else:
        translation = TranslationState.MISSING
    if all(f.original for f in shown):
        return Body(source, BodyState.FALLBACK, translation)
    if any(f.original for f in shown):
        state = BodyState.PARTIAL
    else:
        state = BodyState.MACHINE if machine else BodyState.HUMAN
    return Body(view.article, state, translation, view.fields, view.notes)


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """One correction as a page lists it: the label around the note, and the note."""

    before: str  # ``Correction (October 5, 2024): ``
    note: str
    after: str
    language: str  # the note's language (the original's where it is not translated)
    mark: Mark | None = None
    marker: str | None = None  # what the mark says, in the edition's language

    def __str__(self) -> str:
        return f"{self.before}{self.note}{self.after}"


@dataclass(frozen=True, slots=True)
class Link:
    """Another edition of the same article.

    ``hreflang`` names one page per language: the language's default edition, and only
    where it shows text in that language; the others are alternates without it.
    """

    locale: str  # the edition's locale (BCP 47, the label's language), or "x-default"
    url: str
    label: str
    language: str | None = None  # BCP 47 of the text the page shows (default: locale)
    default: bool = True  # the one page hreflang names for its language

    @property
    def shows(self) -> str:
        """The language of the text the linked page shows."""
        return self.language or self.locale

    @property
    def hreflang(self) -> str | None:
        """The ``hreflang`` of an alternate link to the page, or ``None``."""
        return self.shows if self.default else None


@dataclass(frozen=True)
class Page:
    """Everything a renderer needs to draw one article in one edition."""

    article: Article  # the content shown: the original or its translation
    loc: Localizer
    gazetteer: Gazetteer
    policy: Policy | None = None  # None: names as written
    original_language: str | None = None  # the article's own language (default: article's)
    body: BodyState = BodyState.ORIGINAL
    fields: Mapping[str, ShownField] = field(default_factory=dict)  # what each field shows
    notes: Mapping[int, Text] = field(default_factory=dict)  # translated correction notes
    history: tuple[Revision, ...] = ()  # revisions up to the one shown
    links: tuple[Link, ...] = ()
    url: str | None = None
    uri: str | None = None  # the item's id (a tag: URI; see renderers.ids)
    edition: str | None = None
    publisher: str = "newslib"
    as_written: bool = False  # the agency's own plain conventions: no locale typography
    templates: Path | None = None  # a folder whose templates override the shipped ones
    stylesheet: str = "style.css"
    _texts: dict[Text, str] = field(default_factory=dict, repr=False, compare=False)
    _batch: list[dict[Text, str]] = field(default_factory=list, repr=False, compare=False)

    # ------------------------------------------------------------------ text

    @property
    def language(self) -> str:
        """The language the body is written in (a field shown in the original is in the
        original's: :meth:`text_language`)."""
        return self.article.language

    @property
    def source_language(self) -> str:
        """The article's original language."""
        return self.original_language or self.article.language

    def text(self, text: Text) -> str:
        """A text field as the reader sees it: names under the policy, the typography and
        quotation marks of the language it is written in."""
        shown = self._texts.get(text)
        if shown is None:
            shown = self._texts[text] = self._text(text)
        return shown

    def _text(self, text: Text) -> str:
        language = self.text_language(text)
        plain = self._under_policy().get(text)
        if plain is None:
            plain = self._plain(text, language)
            if self.policy is not None:
                plain = apply_policy(
                    plain, lang=language, policy=self.policy, gazetteer=self.gazetteer
                )
        return plain if self.as_written else self._typeset(plain, language)

    def _typeset(self, plain: str, language: str) -> str:
        loc = self.loc_of(language)
        return loc.typography(loc.requote(plain))

    def text_language(self, text: Text) -> str:
        """The language *text* is written in: the original's where its field shows it.

        (Texts are told apart by value: a translation word for word the same as an
        original text shown on the same page takes the original's language.)
        """
        return self._languages.get(text, self.language)

    @cached_property
    def _languages(self) -> dict[Text, str]:
        found: dict[Text, str] = {}
        for name, value in fields_of(self.article, self.history):
            shown = self.fields.get(name)
            if shown is not None and shown.original:
                found.update(dict.fromkeys(field_texts(value), shown.language))
        return found

    def loc_of(self, language: str) -> Localizer:
        """The conventions of *language*, in the edition's time zone."""
        if primary_language(language) == self.loc.language:
            return self.loc
        return _localizer(language, self.loc.timezone)

    @property
    def body_loc(self) -> Localizer:
        """The conventions of the body's language (the original's, on a fallback page)."""
        return self.loc_of(self.language)

    def quote(self, quotation: Text, attribution: Text | None) -> str:
        """A quote block with its attribution, in the agency style of the quote's language
        (as written, English in the wire's plain style; other languages have no other)."""
        said = self.text(attribution) if attribution is not None else None
        language = self.text_language(quotation)
        if self.as_written and primary_language(language) == "en":
            body = self.text(quotation)  # the wire's plain style: "We will help," Lavrov said.
            if said is None:
                return f'"{body}"'
            body = body[:-1] + "," if body.endswith(".") else body
            return f'"{body}" {said}.'
        loc = self.loc_of(language)
        return labels.quote_with_attribution(loc, self.text(quotation), said)

    def quoted(self, quotation: Text) -> str:
        """A quotation between the marks of its language (as written: without marks)."""
        if self.as_written:
            return self.text(quotation)
        return self.loc_of(self.text_language(quotation)).quote(self.text(quotation))

    def _plain(self, text: Text, language: str) -> str:
        return "".join(
            s if isinstance(s, str) else self._isolated(s, language) for s in text.segments
        )

    def _under_policy(self) -> dict[Text, str]:
        """Every text of the article with the policy applied, one pass per language."""
        if self.policy is None:
            return {}
        if not self._batch:
            by_language: dict[str, list[Text]] = {}
            for _, text in self.article.texts():
                group = by_language.setdefault(self.text_language(text), [])
                if text not in group:
                    group.append(text)
            shown: dict[Text, str] = {}
            for language, texts in by_language.items():
                joined = apply_policy(
                    _SEPARATOR.join(self._plain(t, language) for t in texts),
                    lang=language,
                    policy=self.policy,
                    gazetteer=self.gazetteer,
                )
                parts = joined.split(_SEPARATOR)
                if len(parts) == len(texts):
                    shown.update(zip(texts, parts, strict=True))
            self._batch.append(shown)
        return self._batch[0]

    def _isolated(self, ref: Ref, language: str) -> str:
        """A name inside right-to-left text is isolated when it is written left to right."""
        if self.loc.direction == "rtl" and text_direction(language) == "rtl":
            return self.loc.isolate(ref.surface)
        return ref.surface

    # ------------------------------------------------------------------ translated fields

    def mark(self, name: str) -> Mark | None:
        """Why field *name* (``headline``, a block id, ``correction.2``) is marked, if it is:
        it shows a stale translation, or the original on a translated page."""
        shown = self.fields.get(name)
        if shown is None or self.body in (BodyState.ORIGINAL, BodyState.FALLBACK):
            return None
        if shown.original:
            return Mark.ORIGINAL
        return Mark.STALE if shown.status is FieldStatus.STALE else None

    def marker(self, name: str) -> str | None:
        """What the mark of field *name* tells the reader, in the edition's language."""
        mark = self.mark(name)
        if mark is None:
            return None
        if mark is Mark.STALE:
            return labels.stale_field(self.loc)
        if self.fields[name].status is FieldStatus.STALE:
            return labels.outdated_field(self.loc, self.source_language)
        return labels.untranslated_field(self.loc, self.source_language)

    def field_language(self, name: str) -> str:
        """The language field *name* is shown in."""
        shown = self.fields.get(name)
        return shown.language if shown is not None else self.language

    def direction(self, language: str) -> str:
        """``rtl`` or ``ltr``: the direction of text in *language*."""
        return text_direction(language)

    # ------------------------------------------------------------------ structured parts

    @property
    def section(self) -> str:
        """The section name, translated where the catalog knows it."""
        return labels.section(self.loc, self.article.section)

    @property
    def place(self) -> str:
        """The dateline's place in the edition's language and policy (as written if unknown)."""
        line = self.article.dateline
        lang = self.loc.language
        name = entity_name(line.place, lang=lang, policy=self.policy, gazetteer=self.gazetteer)
        return name or line.written

    @property
    def dateline(self) -> str:
        """``МОСКВА, 4 октября. /ТАСС/.``: place and agency in the edition's language."""
        return self.loc.dateline(self.place, self.article.dateline.date, self.agency)

    @property
    def byline(self) -> str | None:
        """``By Jane Doe and John Roe`` in the edition's language, or ``None`` without
        authors (credits with a role are the article's data, not its byline)."""
        names = [b.name for b in self.article.authors]
        return labels.byline(self.loc, names) if names else None

    @property
    def by(self) -> str:
        """Who the story is by, in a phrase: ``Jane Doe and John Roe, Reuters`` (the
        agency alone without authors)."""
        names = [b.name for b in self.article.authors]
        if not names:
            return self.agency
        return f"{format_list(names, locale=self.loc.locale)}, {self.agency}"

    @property
    def agency(self) -> str:
        """The source agency's name in the edition's language (TASS → ТАСС)."""
        source = self.article.source
        for mention in scan_text(source, lang=self.source_language, gazetteer=self.gazetteer):
            if mention.start == 0 and mention.end == len(source):
                name = entity_name(mention.entity, lang=self.loc.language, gazetteer=self.gazetteer)
                return name or source
        return source

    @property
    def published(self) -> datetime | None:
        """When the article was first published (its first publish revision)."""
        first = next((r for r in self.history if r.kind is RevisionKind.PUBLISH), None)
        return first.time if first else (self.history[0].time if self.history else None)

    @property
    def modified(self) -> datetime | None:
        """When the revision shown was made."""
        return self.history[-1].time if self.history else None

    @property
    def revision(self) -> Revision | None:
        """The revision shown."""
        return self.history[-1] if self.history else None

    @property
    def corrections(self) -> list[Revision]:
        """The corrections up to the revision shown, oldest first."""
        return [r for r in self.history if r.is_correction]

    def correction_notes(self) -> list[str]:
        """``Correction (October 5): …`` for each correction, in the edition's language."""
        return [str(note) for note in self.correction_list()]

    def correction_list(self) -> list[CorrectionNote]:
        """Each correction, oldest first: the label, the note (translated where the
        edition has its translation) and the note's mark."""
        found: list[CorrectionNote] = []
        for revision in self.corrections:
            name = correction_field(revision.number)
            translated = self.notes.get(revision.number)
            note = translated or Text.of(revision.note)
            language = self.field_language(name) if translated else self.source_language
            shown = self._plain(note, language)
            shown = shown if self.as_written else self._typeset(shown, language)
            day = revision.time.astimezone(self.loc.timezone).date()
            before, _, after = labels.correction(self.loc, day, "\0").partition("\0")
            mark = self.mark(name)
            found.append(CorrectionNote(before, shown, after, language, mark, self.marker(name)))
        return found

    def corrected(self) -> str | None:
        """``Corrected on October 5, 2024``: said at the top of a corrected story (the
        latest correction), except as written, where the agency's layout is kept."""
        if not self.corrections or self.as_written:
            return None
        day = self.corrections[-1].time.astimezone(self.loc.timezone).date()
        return labels.corrected_on(self.loc, day)

    def correction_count(self) -> str | None:
        """``2 corrections``: the heading of the list of corrections (not as written)."""
        if not self.corrections or self.as_written:
            return None
        return labels.correction_count(self.loc, len(self.corrections))

    def notices(self) -> list[str]:
        """What the reader must be told about the body: fallbacks, partial, stale and
        machine translations."""
        found: list[str] = []
        shown = list(self.fields.values())
        if self.body is BodyState.FALLBACK:
            found.append(labels.fallback_notice(self.loc, self.source_language))
            return found
        if self.body is BodyState.PARTIAL:
            original = sum(1 for f in shown if f.original)
            found.append(labels.partly_translated(self.loc, self.source_language, original))
        elif self.body in (BodyState.HUMAN, BodyState.MACHINE):
            found.append(labels.translated_from(self.loc, self.source_language))
        stale = sum(1 for f in shown if not f.original and f.status is FieldStatus.STALE)
        if stale:
            found.append(labels.stale_passages(self.loc, stale))
        if self.body is BodyState.MACHINE or any(f.method is Method.MACHINE for f in shown):
            found.append(labels.machine_translation(self.loc))
        return found


@cache
def _localizer(language: str, timezone: tzinfo) -> Localizer:
    return Localizer.for_edition(language, timezone)
