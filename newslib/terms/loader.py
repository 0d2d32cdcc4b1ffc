"""Reading gazetteers: the shipped one, YAML files and GeoNames dumps, through the disk cache.

The model (:mod:`newslib.terms.gazetteer`) knows no files; this module parses and validates
gazetteer YAML (word forms generated here, once, from declension classes) and keeps what
it parsed in the disk cache (:mod:`newslib.terms.cache`), keyed by the text and the code.
"""

from __future__ import annotations

import hashlib
import unicodedata
from importlib import resources
from pathlib import Path

import yaml

from newslib.article.model import ENTITY_ID, EntityKind
from newslib.errors import GazetteerError
from newslib.fsio import read_text
from newslib.terms.cache import cached_gazetteer, names_fingerprint
from newslib.terms.declension import CLASSES, forms
from newslib.terms.gazetteer import Gazetteer, GazetteerEntity, Variant, script_of
from newslib.terms.gazetteer_yaml import DERIVED_WORD, GazetteerNodes
from newslib.terms.geonames import merge_geonames
from newslib.terms.wordforms import derived_forms, word_forms
from newslib.terms.world import with_world
from newslib.yamlio import compose

__all__ = ["gazetteer_from_yaml", "load_gazetteer", "regional_gazetteer", "shipped_gazetteer"]

FORMAT_VERSION = "1"
_SHIPPED: list[Gazetteer] = []


def shipped_gazetteer() -> Gazetteer:
    """The gazetteer that ships with newslib, the regional one and the world (loaded once
    per process)."""
    if not _SHIPPED:
        _SHIPPED.append(load_gazetteer())
    return _SHIPPED[0]


def load_gazetteer(
    path: str | Path | None = None,
    *,
    geonames: str | Path | None = None,
    alternate_names: str | Path | None = None,
    languages: frozenset[str] | None = None,
) -> Gazetteer:
    """A gazetteer YAML file (``None``: the shipped one), grown with a GeoNames dump if given.

    *geonames* is a geoname table (``cities15000.txt``, ``allCountries.txt``…) and
    *alternate_names* optionally ``alternateNamesV2.txt``, read for *languages* (all by
    default); see :mod:`newslib.terms.geonames`. What was read before comes from the cache.
    """
    if path is None:
        # Issue 18: the shipped gazetteer is the regional one joined with the world's
        # (newslib.terms.world); regional entities win where both describe a place.
        curated = with_world(regional_gazetteer())
    else:
        curated = gazetteer_from_yaml(read_text(path), path=path)
    if geonames is None:
        return curated
    return merge_geonames(curated, geonames, alternate_names, languages=languages)


def regional_gazetteer() -> Gazetteer:
    """The shipped regional gazetteer alone (data/gazetteer.yaml), without the world."""
    data = resources.files("newslib.terms.data").joinpath("gazetteer.yaml")
    return gazetteer_from_yaml(data.read_text(encoding="utf-8"), path="<shipped gazetteer>")


def gazetteer_from_yaml(text: str, *, path: str | Path = "<string>") -> Gazetteer:
    """Parse and validate gazetteer YAML (or take it from the cache)."""
    key = f"{FORMAT_VERSION}\n{names_fingerprint(__file__)}\n{text}"
    digest = hashlib.sha256(key.encode()).hexdigest()

    def build() -> Gazetteer:
        node = compose(text, path, GazetteerError)
        if node is None:
            raise GazetteerError("the gazetteer is empty", path=path, line=1, hint="add entities")
        return Gazetteer(_GazetteerReader(path).gazetteer(node), digest)

    return cached_gazetteer(digest, build)


class _GazetteerReader(GazetteerNodes):
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
        derived: dict[str, tuple[str, ...]] = {}
        derived_words: dict[str, tuple[Variant, ...]] = {}
        for lang, _, words in self.any_mapping(fields["derived"]) if "derived" in fields else ():
            items = self.sequence(words)
            patterns = [w for w in items if isinstance(w, yaml.ScalarNode)]
            listed = [w for w in items if not isinstance(w, yaml.ScalarNode)]
            if patterns:
                derived[lang] = tuple(self.string(w, pattern=DERIVED_WORD) for w in patterns)
            if listed:
                derived_words[lang] = tuple(self.derived_word(w, lang) for w in listed)
        return GazetteerEntity(
            id=self.string(fields["id"], pattern=ENTITY_ID),
            kind=EntityKind(kind),
            names=names,
            geonames=self.integer(geonames) if geonames is not None else None,
            sources=tuple(self.string(s) for s in self.sequence(sources)) if sources else (),
            derived=derived,
            derived_words=derived_words,
        )

    def derived_word(self, node: yaml.Node, lang: str) -> Variant:
        """A derived word as data: ``{text: ленингорский, usage: [russian-usage]}``, its
        forms generated from the lemma unless listed. No usage: it names neither usage."""
        fields = self.mapping(
            node, required=("text",), optional=("usage", "source", "forms", "note"),
            what="a derived word",
        )  # fmt: skip
        text = unicodedata.normalize("NFC", self.string(fields["text"], pattern=DERIVED_WORD))
        if text.endswith("*"):
            self.fail(fields["text"], "a derived word with tags is a whole word", "drop the *")
        usage = (
            frozenset(self.string(t) for t in self.sequence(fields["usage"]))
            if ("usage" in fields)
            else frozenset()
        )
        generated = derived_forms(text, lang)
        explicit = fields.get("forms")
        listed = {
            case: unicodedata.normalize("NFC", self.string(value))
            for case, _, value in (self.any_mapping(explicit) if explicit is not None else ())
        }
        return Variant(
            text=text,
            usage=usage,
            script=script_of(text),
            forms={**generated.forms, **listed} if explicit is None else {"nom": text, **listed},
            source=self.optional_string(fields.get("source")),
            confidence=1.0 if explicit is not None else generated.confidence,
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
        text = unicodedata.normalize("NFC", text)
        forms, confidence = self.forms(fields, text, lang)
        return Variant(
            text=text,
            usage=usage,
            script=script_of(text),
            forms=forms,
            source=self.optional_string(fields.get("source")),
            context=self.context(fields["context"]) if "context" in fields else None,
            confidence=confidence,
        )

    def forms(
        self, fields: dict[str, yaml.Node], text: str, lang: str
    ) -> tuple[dict[str, str], float]:
        """The variant's forms and how sure they are: listed, from a declension class, or
        generated (:func:`newslib.terms.wordforms.word_forms`)."""
        declension = fields.get("declension")
        explicit = fields.get("forms")
        if declension is not None and explicit is not None:
            self.fail(explicit, "both 'declension' and 'forms'", "keep one of them")
        if declension is not None:
            name = self.string(declension)
            if name not in CLASSES:
                self.fail(declension, f"unknown declension {name!r}", "use: " + ", ".join(CLASSES))
            made = forms(text, name)
            return {case: unicodedata.normalize("NFC", f) for case, f in made.items()}, 1.0
        if explicit is not None:
            found = {
                case: unicodedata.normalize("NFC", self.string(value))
                for case, _, value in self.any_mapping(explicit)
            }
            if found.get("nom", text) != text:
                self.fail(explicit, "the 'nom' form differs from 'text'", "make them the same")
            return {"nom": text, **found}, 1.0
        generated = word_forms(text, lang)
        return dict(generated.forms), generated.confidence
