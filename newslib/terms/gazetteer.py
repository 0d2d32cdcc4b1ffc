"""The gazetteer: entities, their names per language, usage-tagged variants and word forms.

A variant is one spelling of a name in one language ("Сухум"), tagged by who uses it
(``russian-usage``), with every word form it takes ("Сухума", "Сухуме", …). Forms are
listed explicitly or generated once, at load time, from a declension class; nothing is
guessed while checking.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

from newslib.article.model import ENTITY_ID, EntityKind
from newslib.errors import GazetteerError, UnknownEntityError
from newslib.fsio import read_text
from newslib.terms import declension
from newslib.terms.declension import CLASSES, forms
from newslib.yamlio import Reader, compose

__all__ = ["Context", "Gazetteer", "GazetteerEntity", "Variant", "script_of"]

FORMAT_VERSION = "1"


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

    def variants(self, lang: str) -> tuple[Variant, ...]:
        """The variants in *lang* (its primary subtag: ``de-AT`` reads ``de``)."""
        return self.names.get(lang) or self.names.get(lang.split("-")[0].split("_")[0], ())

    def label(self, lang: str = "en") -> str:
        """A display name: the first variant in *lang*, else in English, else any."""
        for code in (lang, "en", *self.names):
            variants = self.variants(code)
            if variants:
                return variants[0].text
        return self.id


_DERIVED = re.compile(r"[^\W\d_](?:[^\W\d_]|[ -])*\*?")
_GEONAMES_TAGS = frozenset({"geonames", "preferred", "short", "colloquial", "historic"})


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

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Load a gazetteer YAML file; ``None`` loads the shipped regional gazetteer.

        A gazetteer read before is taken from the disk cache (see :mod:`newslib.terms.cache`).
        """
        if path is None:
            data = resources.files("newslib.terms.data").joinpath("gazetteer.yaml")
            return cls.from_yaml(data.read_text(encoding="utf-8"), path="<shipped gazetteer>")
        return cls.from_yaml(read_text(path), path=path)

    @classmethod
    def from_yaml(cls, text: str, *, path: str | Path = "<string>") -> Gazetteer:
        """Parse and validate gazetteer YAML (or take it from the cache)."""
        from newslib.terms.cache import code_fingerprint, load_gazetteer, save_gazetteer

        code = code_fingerprint(__file__, declension.__file__)
        digest = hashlib.sha256(f"{FORMAT_VERSION}\n{code}\n{text}".encode()).hexdigest()
        cached = load_gazetteer(digest)
        if cached is not None:
            return cached
        node = compose(text, path, GazetteerError)
        if node is None:
            raise GazetteerError("the gazetteer is empty", path=path, line=1, hint="add entities")
        gazetteer = cls(_GazetteerReader(path).gazetteer(node), digest)
        save_gazetteer(gazetteer)
        return gazetteer

    @classmethod
    def from_geonames(
        cls,
        path: str | Path,
        alternate_names: str | Path | None = None,
        *,
        curated: Gazetteer | None = None,
        languages: frozenset[str] | None = None,
    ) -> Gazetteer:
        """Grow *curated* (default: the shipped gazetteer) with a GeoNames dump.

        *path* is a geoname table (``cities15000.txt``, ``allCountries.txt``…) and
        *alternate_names* optionally ``alternateNamesV2.txt``; see :mod:`newslib.terms.geonames`.
        """
        from newslib.terms.geonames import merge_geonames

        base = curated if curated is not None else cls.load()
        return merge_geonames(base, path, alternate_names, languages=languages)

    def entity(self, entity_id: str) -> GazetteerEntity:
        """The entity with this id; :class:`UnknownEntityError` if there is none."""
        try:
            return self.entities[entity_id]
        except KeyError:
            raise UnknownEntityError(
                f"no entity {entity_id!r} in the gazetteer; see 'newslib terms show'"
            ) from None

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
    return {lang: MappingProxyType(words) for lang, words in index.items()}


def _contested(entities: Iterable[GazetteerEntity]) -> frozenset[str]:
    return frozenset(
        entity.id
        for entity in entities
        if any(len(variants) > 1 for variants in entity.names.values())
        and any(v.usage - _GEONAMES_TAGS for vs in entity.names.values() for v in vs)
    )


def _fold(value: str) -> str:
    from newslib.terms.fold import fold_name

    return fold_name(value)


class _GazetteerReader(Reader):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, GazetteerError)

    def gazetteer(self, node: yaml.Node) -> dict[str, GazetteerEntity]:
        fields = self.mapping(node, required=("entities",), optional=("sources",), what="the file")
        entities: dict[str, GazetteerEntity] = {}
        for item in self.sequence(fields["entities"]):
            entity = self.entity(item)
            if entity.id in entities:
                self.fail(item, f"entity {entity.id!r} is defined twice", "merge the two entries")
            entities[entity.id] = entity
        for entity in entities.values():
            for variants in entity.names.values():
                for variant in variants:
                    unknown = variant.context.entities - entities.keys() if variant.context else ()
                    if unknown:
                        raise GazetteerError(
                            f"{entity.id}: context names unknown entity {sorted(unknown)[0]!r}",
                            path=self.path,
                            hint="name an entity defined in this gazetteer",
                        )
        return entities

    def entity(self, node: yaml.Node) -> GazetteerEntity:
        fields = self.mapping(
            node,
            required=("id", "kind", "names"),
            optional=("geonames", "sources", "note", "derived"),
            what="an entity",
        )
        kind = self.string(fields["kind"])
        if kind not in set(EntityKind):
            self.fail(fields["kind"], f"unknown kind {kind!r}", "use person, place or organisation")
        names: dict[str, tuple[Variant, ...]] = {}
        for lang, _, variants_node in self.any_mapping(fields["names"]):
            variants = tuple(self.variant(v, lang) for v in self.sequence(variants_node))
            if not variants:
                self.fail(variants_node, f"no variants for {lang!r}", "list at least one")
            names[lang] = variants
        sources = fields.get("sources")
        geonames = fields.get("geonames")
        derived = {
            lang: tuple(self.string(w, pattern=_DERIVED) for w in self.sequence(words))
            for lang, _, words in (
                self.any_mapping(fields["derived"]) if "derived" in fields else ()
            )
        }
        return GazetteerEntity(
            id=self.string(fields["id"], pattern=ENTITY_ID),
            kind=EntityKind(kind),
            names=names,
            geonames=self.integer(geonames) if geonames is not None else None,
            sources=tuple(self.string(s) for s in self.sequence(sources)) if sources else (),
            derived=derived,
        )

    def variant(self, node: yaml.Node, lang: str) -> Variant:
        fields = self.mapping(
            node,
            required=("text", "usage"),
            optional=("source", "declension", "forms", "context", "note"),
            what="a variant",
        )
        text = self.string(fields["text"])
        if not text.strip():
            self.fail(fields["text"], "empty name", "write the name")
        usage = frozenset(self.string(tag) for tag in self.sequence(fields["usage"]))
        if not usage:
            self.fail(fields["usage"], "a variant needs a usage tag", "e.g. [common]")
        return Variant(
            text=unicodedata.normalize("NFC", text),
            usage=usage,
            script=script_of(text),
            forms=self.forms(fields, text, lang),
            source=self.optional_string(fields.get("source")),
            context=self.context(fields["context"]) if "context" in fields else None,
        )

    def forms(self, fields: dict[str, yaml.Node], text: str, lang: str) -> dict[str, str]:
        declension = fields.get("declension")
        explicit = fields.get("forms")
        if declension is not None and explicit is not None:
            self.fail(explicit, "both 'declension' and 'forms'", "keep one of them")
        if declension is not None:
            name = self.string(declension)
            if name not in CLASSES:
                self.fail(declension, f"unknown declension {name!r}", "use: " + ", ".join(CLASSES))
            return {case: unicodedata.normalize("NFC", f) for case, f in forms(text, name).items()}
        if explicit is not None:
            found = {
                case: unicodedata.normalize("NFC", self.string(value))
                for case, _, value in self.any_mapping(explicit)
            }
            if found.get("nom", text) != text:
                self.fail(explicit, "the 'nom' form differs from 'text'", "make them the same")
            return {"nom": text, **found}
        return {"nom": text}

    def context(self, node: yaml.Node) -> Context:
        fields = self.mapping(node, optional=("entities", "words", "unless"), what="a context")

        def strings(key: str) -> tuple[str, ...]:
            value = fields.get(key)
            return tuple(self.string(s) for s in self.sequence(value)) if value else ()

        return Context(frozenset(strings("entities")), strings("words"), strings("unless"))
