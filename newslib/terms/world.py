"""The world gazetteer: every country and territory CLDR names, and curated renamed places.

Two sources, joined at load time and kept in the disk cache:

* **CLDR through Babel**: the name of every ISO 3166 territory in every locale Babel ships
  (``Türkiye``, ``Czechia``, ``Eswatini``), tagged ``cldr`` and, unless the territory is
  disputed, ``official-current``; read from the installed Babel, never copied into the
  repository, so the cache key carries Babel's version. Babel keeps one name per territory
  and locale (CLDR's ``-alt-short`` and ``-alt-variant`` forms are not in its data); a
  name ending in a parenthesis (``Myanmar (Burma)``) is the name and its alternative.
* **data/world.yaml**: former and alternative names and renamed or contested cities and
  regions, each variant tagged by who uses it (:data:`WORLD_TAGS`) and with its source.

:func:`world_variant` builds every variant of both; :func:`with_world` joins the world to
the regional gazetteer, whose entities win where both describe the same place.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources

import babel
import yaml
from babel import Locale, localedata
from babel.core import get_cldr_version

from newslib.article.model import ENTITY_ID, EntityKind
from newslib.errors import GazetteerError
from newslib.terms.cache import cached_gazetteer, names_fingerprint
from newslib.terms.common_words import IN_ANY_LANGUAGE
from newslib.terms.declension import CLASSES
from newslib.terms.fold import fold_name
from newslib.terms.gazetteer import Context, Gazetteer, GazetteerEntity, Variant, script_of
from newslib.terms.gazetteer_yaml import DERIVED_WORD, GazetteerNodes
from newslib.terms.wordforms import word_forms
from newslib.yamlio import compose

__all__ = ["CLDR_TAGS", "WORLD_TAGS", "with_world", "world_entities", "world_variant"]

FORMAT_VERSION = "1"

# The usage tags of the world gazetteer: who writes a form (never which is right).
WORLD_TAGS = frozenset(
    {
        "cldr",  # the name CLDR gives the territory in that locale
        "official-current",  # the country's government and the UN, now
        "legacy",  # a legacy exonym, still written, no longer official (Kiev, Peking)
        "historic",  # a former official name (Frunze, Nur-Sultan, Leningrad)
        "local",  # the name in the local language, written in another
        "common",  # one name shared by every usage
        "international",  # UN, EU and OSCE documents in that language
        "ap",  # the AP Stylebook (sources cite its published rule)
        "bbc",  # BBC News style (sources cite the published decision)
        "guardian",  # the Guardian and Observer style guide
        "russian-usage",  # Russian government and media
        "ukrainian-official",  # Ukraine's government (its romanisation and exonyms)
        "british-usage",  # the UK government (Falkland Islands, Londonderry)
        "argentine-usage",  # Argentina's government (Islas Malvinas)
        "irish-usage",  # the Irish government and nationalist usage (Derry)
        "iranian-usage",  # Iran's government (Persian Gulf)
        "arab-usage",  # Arab League governments (Arabian Gulf)
        "japanese-usage",  # Japan's government (Sea of Japan)
        "korean-usage",  # both Korean governments (East Sea)
        "greek-usage",  # Greece's government (before the Prespa agreement)
        "myanmar-opposition",  # Burma's democracy movement, the UK and US governments
        "us-government",  # the US State Department's spelling (Turkiye)
    }
)

# A variant with only these tags is CLDR's alone, uncurated: like a GeoNames name, it is
# a mention only when written capitalised (German "Island" is Iceland, not "island").
CLDR_TAGS = frozenset({"cldr", "official-current"})

# Territory codes that are not countries or territories: groupings, unknown, pseudo-locales.
_NOT_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
_ALTERNATIVE = re.compile(r"(?P<name>[^()]+?)\s*\((?P<alternative>[^()]+)\)")
_SLUG = re.compile(r"[^a-z0-9]+")


def world_variant(
    text: str,
    lang: str,
    usage: Iterable[str],
    source: str,
    *,
    declension: str | None = None,
    forms: Mapping[str, str] | None = None,
    context: Context | None = None,
    confidence: float = 1.0,
) -> Variant:
    """A variant of the world gazetteer: *text* in *lang* with its usage tags and source.

    The one place the world's variants are made, CLDR's and the curated ones alike: word
    forms come from *forms*, else the *declension* class, else Arabic proclitics, else
    they are generated (:func:`newslib.terms.wordforms.word_forms`, with its confidence).
    """
    text = unicodedata.normalize("NFC", text)
    if forms is None:
        if declension:
            forms = CLASSES[declension](text)
        elif lang == "ar":
            forms = _arabic_proclitics(text)
        else:
            generated = word_forms(text, lang)
            forms, confidence = generated.forms, generated.confidence
    return Variant(
        text=text,
        usage=frozenset(usage),
        script=script_of(text),
        forms={case: unicodedata.normalize("NFC", form) for case, form in forms.items()},
        source=source,
        context=context,
        confidence=confidence,
    )


def _arabic_proclitics(name: str) -> dict[str, str]:
    """An Arabic name with the one-letter proclitics written onto it: و (and), ب (in, by),
    ل (to, for; لل before the article ال), ف (so): "وكييف", "بخاركيف", "للخليج"."""
    to = "لل" + name[2:] if name.startswith("ال") else "ل" + name
    return {"nom": name, "wa": "و" + name, "bi": "ب" + name, "li": to, "fa": "ف" + name}


@dataclass(frozen=True)
class _Curated:
    """world.yaml: its entities, the ISO code each country entity stands for, and the
    territories whose CLDR names are not tagged ``official-current``."""

    entities: dict[str, GazetteerEntity]
    territories: dict[str, str]  # ISO 3166 code -> entity id
    disputed: frozenset[str]


def world_entities() -> dict[str, GazetteerEntity]:
    """The world's entities: CLDR's territories joined with world.yaml's entries."""
    curated = _read_curated()
    entities = dict(curated.entities)
    for code, names in _cldr_names(curated.disputed).items():
        entity_id = curated.territories.get(code) or _slug(code)
        found = entities.get(entity_id)
        if found is None:
            entities[entity_id] = GazetteerEntity(
                id=entity_id, kind=EntityKind.PLACE, names=names, sources=(_cldr_source(),)
            )
        else:
            entities[entity_id] = _joined(found, names, (_cldr_source(),))
    return entities


def with_world(regional: Gazetteer) -> Gazetteer:
    """*regional* joined with the world (cached): a regional entity keeps its languages,
    and the world adds only the languages it lacks."""
    key = "\n".join(
        (
            f"world {FORMAT_VERSION}",
            names_fingerprint(__file__),
            f"babel {babel.__version__} cldr {get_cldr_version()}",
            regional.content_hash,
            _world_yaml(),
        )
    )
    digest = hashlib.sha256(key.encode()).hexdigest()

    def build() -> Gazetteer:
        world = world_entities()
        entities = {}
        for entity in regional:
            other = world.pop(entity.id, None)
            entities[entity.id] = entity if other is None else _under(entity, other)
        entities.update(world)
        contested = regional.contested | {i for i, e in world.items() if _disputed(e)}
        return Gazetteer(entities, digest, contested=frozenset(contested))

    return cached_gazetteer(digest, build)


# Tags that say a name is current, not who disputes it: CLDR's locale spellings
# ("St Lucia", "St. Lucia") are not a contest.
_UNCONTESTED = frozenset({"cldr", "official-current", "common"})


def _disputed(entity: GazetteerEntity) -> bool:
    """True when some language has variants told apart by who uses them (Kyiv/Kiev)."""
    return any(
        len(variants) > 1 and any(v.usage - _UNCONTESTED for v in variants)
        for variants in entity.names.values()
    )


def _under(regional: GazetteerEntity, world: GazetteerEntity) -> GazetteerEntity:
    """*regional* with the languages only *world* names."""
    added = {lang: v for lang, v in world.names.items() if lang not in regional.names}
    if not added:
        return regional
    sources = tuple(dict.fromkeys((*regional.sources, *world.sources)))
    return replace(regional, names={**regional.names, **added}, sources=sources)


def _joined(
    entity: GazetteerEntity, names: Mapping[str, tuple[Variant, ...]], sources: tuple[str, ...]
) -> GazetteerEntity:
    """*entity* (curated) with more variants: a text it has gains their tags and source."""
    joined = dict(entity.names)
    for lang, variants in names.items():
        mine = list(joined.get(lang, ()))
        for variant in variants:
            same = next((i for i, v in enumerate(mine) if v.text == variant.text), None)
            if same is None:
                mine.append(variant)
                continue
            old = mine[same]  # the curated tags stand: CLDR's name only gains "cldr"
            mine[same] = world_variant(
                old.text,
                lang,
                old.usage | {"cldr"},
                f"{old.source}; {variant.source}",
                forms=old.forms if len(old.forms) > 1 else variant.forms,
                context=old.context,
                confidence=old.confidence if len(old.forms) > 1 else variant.confidence,
            )
        joined[lang] = tuple(mine)
    return replace(entity, names=joined, sources=tuple(dict.fromkeys((*entity.sources, *sources))))


# ------------------------------------------------------------------------------ CLDR


def _cldr_source() -> str:
    return f"CLDR {get_cldr_version()} via Babel {babel.__version__}"


def _cldr_names(disputed: frozenset[str]) -> dict[str, dict[str, tuple[Variant, ...]]]:
    """Territory code -> language -> variants, from every locale Babel ships.

    A locale without a territory (``de``, ``sr_Latn``) gives the names of its language
    key (``de``, ``sr-Latn``); a regional locale (``de_CH``) adds the names it spells
    otherwise, under the same key, with its locale named in the source. The alternative
    in parentheses ("Burma" of "Myanmar (Burma)") and the names of a disputed territory
    are tagged ``cldr`` alone.
    """
    # code -> lang -> text -> (locales that write it, it is the alternative in parentheses)
    found: dict[str, dict[str, dict[str, tuple[set[str], bool]]]] = {}
    for identifier in sorted(localedata.locale_identifiers()):
        locale = Locale.parse(identifier)
        if locale.variant:
            continue
        lang = locale.language + (f"-{locale.script}" if locale.script else "")
        for code, name in locale.territories.items():
            if len(code) != 2 or code in _NOT_TERRITORIES:
                continue
            for position, text in enumerate(_texts(name)):
                entry = found.setdefault(code, {}).setdefault(lang, {})
                locales, _ = entry.setdefault(text, (set(), position > 0))
                locales.add(identifier)
    names: dict[str, dict[str, tuple[Variant, ...]]] = {}
    version = _cldr_source()
    for code, by_lang in found.items():
        for lang, texts in by_lang.items():
            base = lang.replace("-", "_")
            variants = []
            for text, (locales, alternative) in sorted(
                texts.items(), key=lambda item: base not in item[1][0]
            ):
                if not _matchable(text):
                    continue
                official = not alternative and code not in disputed
                variants.append(
                    world_variant(
                        text,
                        lang,
                        {"cldr", "official-current"} if official else {"cldr"},
                        version if base in locales else f"{version} ({', '.join(sorted(locales))})",
                    )
                )
            if variants:
                names.setdefault(code, {})[lang] = tuple(variants)
    return names


def _texts(name: str) -> tuple[str, ...]:
    """A CLDR name, split where it ends with its alternative: "Myanmar (Burma)"."""
    parts = _ALTERNATIVE.fullmatch(name.strip())
    if parts is None:
        return (name.strip(),)
    return (parts["name"], parts["alternative"])


def _matchable(text: str) -> bool:
    """Names a text can be matched on: not one or two letters of an alphabet (Vietnamese
    "Ý" is Italy), not a function word of a language newslib knows."""
    letters = [c for c in text if c.isalpha()]
    if script_of(text) in ("Latn", "Cyrl") and len(letters) <= 2:
        return False
    return fold_name(text) not in IN_ANY_LANGUAGE


def _slug(code: str) -> str:
    """The id of a territory world.yaml does not list: its English CLDR name, folded."""
    english = Locale.parse("en").territories.get(code, code)
    words = _texts(english)[0].replace("&", " and ").replace("St.", "Saint")
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", words) if not unicodedata.combining(c)
    )
    return _SLUG.sub("-", letters.lower()).strip("-")


# ------------------------------------------------------------------------- world.yaml


def _world_yaml() -> str:
    return resources.files("newslib.terms.data").joinpath("world.yaml").read_text("utf-8")


def _read_curated() -> _Curated:
    path = "<shipped world gazetteer>"
    node = compose(_world_yaml(), path, GazetteerError)
    if node is None:
        raise GazetteerError("the world gazetteer is empty", path=path, line=1, hint="restore it")
    return _WorldReader(path).curated(node)


class _WorldReader(GazetteerNodes):
    context_keys = ("words", "unless")

    def curated(self, node: yaml.Node) -> _Curated:
        fields = self.mapping(
            node, required=("entities",), optional=("disputed", "sources"), what="the file"
        )
        entities: dict[str, GazetteerEntity] = {}
        territories: dict[str, str] = {}
        for item in self.sequence(fields["entities"]):
            entity, territory = self.entity(item)
            if entity.id in entities:
                self.fail(item, f"entity {entity.id!r} is defined twice", "merge the two entries")
            entities[entity.id] = entity
            if territory is not None:
                if territory in territories:
                    self.fail(item, f"territory {territory} is listed twice", "keep one entry")
                territories[territory] = entity.id
        disputed = fields.get("disputed")
        codes = frozenset(self.string(c) for c in self.sequence(disputed)) if disputed else ()
        return _Curated(entities, territories, frozenset(codes))

    def entity(self, node: yaml.Node) -> tuple[GazetteerEntity, str | None]:
        fields = self.mapping(
            node,
            required=("id", "kind", "names", "source"),
            optional=("territory", "geonames", "derived", "note"),
            what="an entity",
        )
        kind = self.string(fields["kind"])
        if kind not in set(EntityKind):
            self.fail(fields["kind"], f"unknown kind {kind!r}", "use person, place or organisation")
        default = self.string(fields["source"])
        names = {}
        for lang, _, variants in self.any_mapping(fields["names"]):
            names[lang] = tuple(self.variant(v, lang, default) for v in self.sequence(variants))
            if not names[lang]:
                self.fail(variants, f"no variants for {lang!r}", "list at least one")
        territory = fields.get("territory")
        geonames = fields.get("geonames")
        entity = GazetteerEntity(
            id=self.string(fields["id"], pattern=ENTITY_ID),
            kind=EntityKind(kind),
            names=names,
            geonames=self.integer(geonames) if geonames is not None else None,
            sources=(default,),
            derived={
                lang: tuple(self.string(w, pattern=DERIVED_WORD) for w in self.sequence(words))
                for lang, _, words in (
                    self.any_mapping(fields["derived"]) if "derived" in fields else ()
                )
            },
        )
        code = self.string(territory, pattern=re.compile("[A-Z]{2}")) if territory else None
        return entity, code

    def variant(self, node: yaml.Node, lang: str, default: str) -> Variant:
        fields = self.mapping(
            node,
            required=("text", "usage"),
            optional=("source", "declension", "forms", "context", "note"),
            what="a variant",
        )
        usage = [self.tag(tag) for tag in self.sequence(fields["usage"])]
        if not usage:
            self.fail(fields["usage"], "a variant needs a usage tag", "e.g. [official-current]")
        name = fields.get("declension")
        if name is not None and self.string(name) not in CLASSES:
            self.fail(
                name, f"unknown declension {self.string(name)!r}", "use: " + ", ".join(CLASSES)
            )
        text = self.string(fields["text"])
        forms = fields.get("forms")
        explicit = None
        if forms is not None:
            explicit = {"nom": text} | {c: self.string(v) for c, _, v in self.any_mapping(forms)}
            if explicit["nom"] != text:
                self.fail(forms, "the 'nom' form differs from 'text'", "make them the same")
        return world_variant(
            text,
            lang,
            usage,
            self.optional_string(fields.get("source")) or default,
            declension=self.string(name) if name is not None else None,
            forms=explicit,
            context=self.context(fields["context"]) if "context" in fields else None,
        )

    def tag(self, node: yaml.Node) -> str:
        tag = self.string(node)
        if tag not in WORLD_TAGS:
            self.fail(node, f"unknown usage tag {tag!r}", "declare it in WORLD_TAGS (world.py)")
        return tag
