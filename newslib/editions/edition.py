"""An edition: which locale, naming policy and formats it has, where it is published, and
what it does without a translation or with a stale one. ``content/newslib.yaml`` lists
them; see :mod:`newslib.project`, which reads it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from newslib.article.model import primary_language
from newslib.translations.model import StaleTranslation

__all__ = ["Edition", "MissingTranslation"]


class MissingTranslation(StrEnum):
    """What an edition does with an article it has no current translation of.

    Only ``machine`` publishes unreviewed machine drafts; no setting publishes a draft
    that needs review (a placeholder the engine damaged, a word form in doubt).
    """

    FAIL = "fail"  # the build fails (machine drafts are not translations here)
    FALLBACK = "fallback"  # the original is shown, with a notice (machine drafts too)
    # Unreviewed machine drafts are shown, with a notice; a field whose draft needs review
    # shows the original, marked, like a missing one.
    MACHINE = "machine"


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition: a locale, a naming policy, formats and where it is published."""

    id: str
    locale: str
    policy: str
    formats: tuple[str, ...]
    timezone: str = "UTC"
    missing_translation: MissingTranslation = MissingTranslation.FALLBACK
    stale_translation: StaleTranslation = StaleTranslation.MARK  # per stale field
    base_url: str | None = None
    dateline: str | None = None  # overrides the catalog's dateline pattern
    templates: str | None = None  # a template folder overriding the shipped templates
    default: bool = False  # the language's default edition: the one hreflang links name

    @property
    def language(self) -> str:
        """The edition's language subtag."""
        return primary_language(self.locale)
