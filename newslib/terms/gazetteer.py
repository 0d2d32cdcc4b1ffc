"""The gazetteer: entities, their names per language, usage-tagged variants and word forms.

A variant is one spelling of a name in one language ("Сухум"), tagged by who uses it
(``russian-usage``), with every word form it takes ("Сухума", "Сухуме", …). Forms are
listed explicitly or generated once, at load time, from a declension class; nothing is
guessed while checking. The model has no I/O: :mod:`newslib.terms.loader` reads files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from newslib.article.model import EntityKind, primary_language
from newslib.errors import UnknownEntityError
from newslib.terms.fold import fold_name

__all__ = ["GEONAMES_TAGS", "Context", "Gazetteer", "GazetteerEntity", "Variant", "script_of"]


@dataclass(frozen=True, slots=True)
class Context:
    """When a name that is also an ordinary word counts as this entity.

    It counts if one of *entities* is mentioned in the same document or one of *words*
    appears near it, and none of *unless* appears near it.
    """

    entities: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of an entity's name in one language, with its word forms."""

    text: str
    usage: frozenset[str]
    script: str
    forms: Mapping[str, str]
    source: str | None = None
    context: Context | None = None
    # How sure the forms are: 1.0 for listed forms or a declension class; lower where
    # they were generated (newslib.terms.wordforms) from a guess. A fix into a form
    # made with less than CONFIDENT (checker) needs a human.
    confidence: float = 1.0

    @property
    def indeclinable(self) -> bool:
        """True when every case has the same form (Сухуми)."""
        return len(set(self.forms.values())) <= 1

    def cases_of(self, form: str) -> tuple[str, ...]:
        """The cases whose form is *form* (compared as folded text)."""
        wanted = _fold(form)
        return tuple(case for case, value in self.forms.items() if _fold(value) == wanted)


@dataclass(frozen=True, slots=True)
class GazetteerEntity:
    """A place, person or organisation with its names per language."""

    id: str
    kind: EntityKind
    names: Mapping[str, tuple[Variant, ...]]
    geonames: int | None = None
    sources: tuple[str, ...] = ()
    # Adjectives and demonyms per language, "*" for any ending: сухумск* (сухумский, …).
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Derived words as data: a lemma with its usage tags and every form (ленингорский,
    # ленингорского, ленингорской… tagged russian-usage), fixed like names where the
    # usage tells; untagged ones (цхинвальский) name neither usage.
    derived_words: Mapping[str, tuple[Variant, ...]] = field(default_factory=dict)

    def variants(self, lang: str) -> tuple[Variant, ...]:
        """The variants in *lang* (its primary subtag: ``de-AT`` reads ``de``)."""
        return self.names.get(lang) or self.names.get(primary_language(lang), ())

    def derived_variants(self, lang: str) -> tuple[Variant, ...]:
        """The derived words listed as data in *lang* (its primary subtag too)."""
        return self.derived_words.get(lang) or self.derived_words.get(primary_language(lang), ())

    def derived_variant(self, lang: str, surface: str) -> Variant | None:
        """The derived word of *lang* that *surface* is a form of, if one is listed."""
        wanted = _fold(surface)
        for variant in self.derived_variants(lang):
            if any(_fold(form) == wanted for form in variant.forms.values()):
                return variant
        return None

    def label(self, lang: str = "en") -> str:
        """A display name: the first variant in *lang*, else in English, else any."""
        for code in (lang, "en", *self.names):
            variants = self.variants(code)
            if variants:
                return variants[0].text
        return self.id


# The usage tags a GeoNames merge gives its names (see newslib.terms.geonames).
GEONAMES_TAGS = frozenset({"geonames", "preferred", "short", "colloquial", "historic"})


@dataclass(frozen=True)
class Gazetteer:
    """Entities by id, with a content hash that keys the on-disk caches.

    *contested* holds the ids of curated entities with more than one variant in some
    language: the names worth a spelling check.
    """

    entities: Mapping[str, GazetteerEntity]
    content_hash: str
    # Both computed from the entities unless given (a gazetteer from the cache gives them).
    contested: frozenset[str] = field(default=None)  # type: ignore[arg-type]
    # language -> folded derived word or stem -> (entity id, stem takes any ending)
    derived: Mapping[str, Mapping[str, tuple[str, bool]]] = field(default=None)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if self.contested is None:
            object.__setattr__(self, "contested", _contested(self.entities.values()))
        if self.derived is None:
            object.__setattr__(self, "derived", _derived_index(self.entities.values()))

    def entity(self, entity_id: str) -> GazetteerEntity:
        """The entity with this id; :class:`UnknownEntityError` if there is none."""
        try:
            return self.entities[entity_id]
        except KeyError:
            raise UnknownEntityError(
                f"no entity {entity_id!r} in the gazetteer; see 'newslib terms show'"
            ) from None

    def usage_tags(self) -> frozenset[str]:
        """Every usage tag some variant carries (this reads every entity)."""
        return frozenset(
            tag
            for entity in self
            for variants in entity.names.values()
            for variant in variants
            for tag in variant.usage
        )

    def __iter__(self) -> Iterator[GazetteerEntity]:
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)


_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GEORGIAN": "Geor", "ARABIC": "Arab"}


def script_of(text: str) -> str:
    """The ISO 15924 code of the first letter's script (``Latn``, ``Cyrl``, ``Geor``…)."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return _SCRIPTS.get(name.split(" ")[0], "Zyyy")
    return "Zyyy"


def _derived_index(
    entities: Iterable[GazetteerEntity],
) -> dict[str, MappingProxyType[str, tuple[str, bool]]]:
    index: dict[str, dict[str, tuple[str, bool]]] = {}
    for entity in entities:
        for lang, words in entity.derived.items():
            for word in words:
                stem = _fold(word.rstrip("*"))
                index.setdefault(lang, {})[stem] = (entity.id, word.endswith("*"))
        for lang, variants in entity.derived_words.items():
            for variant in variants:
                for form in variant.forms.values():
                    index.setdefault(lang, {}).setdefault(_fold(form), (entity.id, False))
    return {lang: MappingProxyType(words) for lang, words in index.items()}


def _contested(entities: Iterable[GazetteerEntity]) -> frozenset[str]:
    return frozenset(
        entity.id
        for entity in entities
        if any(len(variants) > 1 for variants in entity.names.values())
        and any(v.usage - GEONAMES_TAGS for vs in entity.names.values() for v in vs)
    )


def _fold(value: str) -> str:
    return fold_name(value)
