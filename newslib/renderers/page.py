"""A page: one article as one edition shows it — the input of every renderer.

It joins the article (or its translation), the edition's locale and naming policy, the
revision history (for corrections, published and updated times) and the links to the
other editions, and answers the renderers' questions: what is this text under the
policy, what is the dateline, which notices does the reader see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from newslib.article.model import Article, Ref, Revision, RevisionKind, Text, primary_language
from newslib.l10n import labels
from newslib.l10n.localizer import Localizer, text_direction
from newslib.terms import Gazetteer, Policy, apply_policy, entity_name, scan_text

__all__ = ["BodyState", "Link", "Page"]

# Joins an article's texts for one pass of the policy: a paragraph break no name crosses.
_SEPARATOR = "\n\n\u2029\n\n"


class BodyState(StrEnum):
    """Where the body text comes from."""

    ORIGINAL = "original"  # the edition is in the article's language
    HUMAN = "human"  # a translation by a person (or a reviewed machine draft)
    MACHINE = "machine"  # an unreviewed machine translation
    FALLBACK = "fallback"  # no translation yet: the original is shown, and the page says so


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
        """The language the body is written in."""
        return self.article.language

    @property
    def source_language(self) -> str:
        """The article's original language."""
        return self.original_language or self.article.language

    def text(self, text: Text) -> str:
        """A text field as the reader sees it: names under the policy, locale typography."""
        shown = self._texts.get(text)
        if shown is None:
            shown = self._texts[text] = self._text(text)
        return shown

    def _text(self, text: Text) -> str:
        plain = self._under_policy().get(text)
        if plain is None:
            plain = self._plain(text)
            if self.policy is not None:
                plain = apply_policy(
                    plain, lang=self.language, policy=self.policy, gazetteer=self.gazetteer
                )
        if not self.as_written and primary_language(self.language) == self.loc.language:
            plain = self.loc.typography(self.loc.requote(plain))
        return plain

    @property
    def body_loc(self) -> Localizer:
        """The conventions of the body's language (the original's, on a fallback page)."""
        if primary_language(self.language) == self.loc.language:
            return self.loc
        return Localizer.for_edition(self.language, self.loc.timezone)

    def quote(self, quotation: Text, attribution: Text | None) -> str:
        """A quote block with its attribution, in the body language's agency style."""
        said = self.text(attribution) if attribution is not None else None
        if self.as_written:  # the wire's plain style: "We will help," Lavrov said.
            body = self.text(quotation)
            if said is None:
                return f'"{body}"'
            body = body[:-1] + "," if body.endswith(".") else body
            return f'"{body}" {said}.'
        return labels.quote_with_attribution(self.body_loc, self.text(quotation), said)

    def _plain(self, text: Text) -> str:
        return "".join(s if isinstance(s, str) else self._isolated(s) for s in text.segments)

    def _under_policy(self) -> dict[Text, str]:
        """Every text of the article with the policy applied, in one pass over all of them."""
        if self.policy is None:
            return {}
        if not self._batch:
            texts = list(dict.fromkeys(text for _, text in self.article.texts()))
            joined = apply_policy(
                _SEPARATOR.join(self._plain(t) for t in texts),
                lang=self.language,
                policy=self.policy,
                gazetteer=self.gazetteer,
            )
            parts = joined.split(_SEPARATOR)
            self._batch.append(
                dict(zip(texts, parts, strict=True)) if len(parts) == len(texts) else {}
            )
        return self._batch[0]

    def _isolated(self, ref: Ref) -> str:
        """A name inside right-to-left text is isolated when it is written left to right."""
        if self.loc.direction == "rtl" and text_direction(self.language) == "rtl":
            return self.loc.isolate(ref.surface)
        return ref.surface

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
        return [
            labels.correction(self.loc, r.time.astimezone(self.loc.timezone).date(), r.note)
            for r in self.corrections
        ]

    def notices(self) -> list[str]:
        """What the reader must be told about the body: fallbacks and machine translations."""
        found: list[str] = []
        if self.body is BodyState.FALLBACK:
            found.append(labels.fallback_notice(self.loc, self.source_language))
        elif self.body in (BodyState.HUMAN, BodyState.MACHINE):
            found.append(labels.translated_from(self.loc, self.source_language))
        if self.body is BodyState.MACHINE:
            found.append(labels.machine_translation(self.loc))
        return found
