"""Growing a gazetteer from GeoNames' own dump files.

Two formats are read, as GeoNames publishes them (tab-separated UTF-8, no header):

* the geoname table (``allCountries.txt``, ``cities15000.txt``, ``GE.txt``…), 19 columns:
  geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
  feature class, feature code, country code, cc2, admin1–4 codes, population, elevation,
  dem, timezone, modification date;
* ``alternateNamesV2.txt``, 10 columns: alternateNameId, geonameid, isolanguage, alternate
  name, isPreferredName, isShortName, isColloquial, isHistoric, from, to.

Names from the table carry no language: they are filed under ``und`` (undetermined) and
match in text of any language. Alternate names keep their language and become usage tags:
``geonames`` always, plus ``preferred``, ``short``, ``colloquial``, ``historic``. Curated
entities (matched by GeoNames id) win: GeoNames only adds languages they do not have.
Names in a language that inflects (Russian, Ukrainian, German, Georgian, Ossetian, Abkhaz)
get generated word forms, with a confidence (see :mod:`newslib.terms.wordforms`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from newslib.article.model import EntityKind
from newslib.errors import GazetteerError, UsageError
from newslib.terms import declension, wordforms
from newslib.terms.cache import cached_gazetteer, code_fingerprint
from newslib.terms.gazetteer import Gazetteer, GazetteerEntity, Variant, script_of
from newslib.terms.wordforms import INFLECTED, dictionary_versions, word_forms

__all__ = ["merge_geonames"]

# isolanguage values that are not languages: links, codes, postal codes.
_NOT_LANGUAGES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc", "tcid"}
)
_FLAGS = ("preferred", "short", "colloquial", "historic")


def merge_geonames(
    base: Gazetteer,
    table: str | Path,
    alternate_names: str | Path | None = None,
    *,
    languages: frozenset[str] | None = None,
) -> Gazetteer:
    """*base* plus the places of a GeoNames dump (see the module docstring), cached."""
    paths = [Path(table)] + ([Path(alternate_names)] if alternate_names else [])
    code = code_fingerprint(__file__, wordforms.__file__, declension.__file__)
    key = f"geonames\n{code}\n{dictionary_versions()}\n{base.content_hash}\n"
    key += str(sorted(languages or []))
    digest = hashlib.sha256(key.encode())
    for path in paths:
        _hash_file(digest, path)
    content_hash = digest.hexdigest()
    return cached_gazetteer(
        content_hash, lambda: _merge(base, table, alternate_names, languages, content_hash)
    )


def _merge(
    base: Gazetteer,
    table: str | Path,
    alternate_names: str | Path | None,
    languages: frozenset[str] | None,
    content_hash: str,
) -> Gazetteer:
    # geonameid -> language -> name -> (usage tags, period of use)
    names: dict[int, dict[str, dict[str, tuple[set[str], str]]]] = {}
    for number, fields in _rows(Path(table), 19):
        geonameid = _int(fields[0], table, number)
        entry = names.setdefault(geonameid, {})
        tags = {"geonames"}
        for text in (fields[1], fields[2], *fields[3].split(",")):
            _add(entry, "und", text, tags)
    if alternate_names is not None:
        for number, fields in _rows(Path(alternate_names), 10):
            geonameid = _int(fields[1], alternate_names, number)
            lang = fields[2].strip()
            if geonameid not in names or lang in _NOT_LANGUAGES:
                continue
            lang = lang or "und"
            if languages is not None and lang not in languages:
                continue
            tags = {"geonames"} | {
                flag for flag, value in zip(_FLAGS, fields[4:8], strict=True) if value == "1"
            }
            period = "–".join(fields[8:10]) if any(fields[8:10]) else ""
            _add(names[geonameid], lang, fields[3], tags, period)

    entities = dict(base.entities)
    curated = {e.geonames: e for e in base if e.geonames is not None}
    for geonameid, by_lang in names.items():
        variants = {lang: _variants(lang, texts) for lang, texts in by_lang.items()}
        existing = curated.get(geonameid)
        if existing is not None:
            added = {k: v for k, v in variants.items() if k not in existing.names}
            # replace() keeps what the curated entity has besides names (derived words).
            entities[existing.id] = replace(existing, names={**existing.names, **added})
        else:
            entity_id = f"geonames-{geonameid}"
            entities[entity_id] = GazetteerEntity(
                entity_id, EntityKind.PLACE, variants, geonameid, ("GeoNames",)
            )
    return Gazetteer(entities, content_hash)


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) != columns:
                    raise GazetteerError(
                        f"expected {columns} tab-separated columns, found {len(fields)}",
                        path=path,
                        line=number,
                        hint="pass a GeoNames geoname table or alternateNamesV2.txt, unmodified",
                    )
                yield number, fields
        except UnicodeDecodeError:
            raise GazetteerError(
                "not UTF-8", path=path, hint="use GeoNames' UTF-8 dump files"
            ) from None


def _int(value: str, path: str | Path, line: int) -> int:
    if not value.isdigit():
        raise GazetteerError(
            f"geonameid {value!r} is not a number", path=path, line=line, hint="check the file"
        )
    return int(value)


def _add(
    entry: dict[str, dict[str, tuple[set[str], str]]],
    lang: str,
    text: str,
    tags: set[str],
    period: str = "",
) -> None:
    text = unicodedata.normalize("NFC", text.strip())
    if text:
        known, known_period = entry.setdefault(lang, {}).setdefault(text, (set(), period))
        known.update(tags)
        if period and not known_period:
            entry[lang][text] = (known, period)


def _variants(lang: str, texts: dict[str, tuple[set[str], str]]) -> tuple[Variant, ...]:
    """Variants of GeoNames names; a name's period of use (from–to) goes in its source.

    Names in a language that inflects get their word forms (Москва: Москвы, Москве…),
    generated with a confidence (:func:`newslib.terms.wordforms.word_forms`).
    """
    found = []
    for text, (tags, period) in texts.items():
        forms = word_forms(text, lang) if lang in INFLECTED else None
        found.append(
            Variant(
                text,
                frozenset(tags),
                script_of(text),
                dict(forms.forms) if forms else {"nom": text},
                source=f"GeoNames ({period})" if period else "GeoNames",
                confidence=forms.confidence if forms else 1.0,
            )
        )
    return tuple(found)


def _hash_file(digest: hashlib._Hash, path: Path) -> None:
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
