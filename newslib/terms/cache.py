"""The on-disk cache: parsed gazetteers and compiled matchers, keyed by content hash.

:func:`disk_cached` is the one way in: load an entry, else build it and store it.

A cached gazetteer is one JSON line per entity plus an index of line offsets; loading it
reads only the ids, and each entity is decoded the first time it is asked for. This is
what lets a 200,000-name gazetteer start in a fraction of a second. Beside it, an entry
of its own holds every variant's forms as flat columns (:class:`FormTable`), so the
matcher compiles a cached gazetteer without decoding a single entity, and loading the
gazetteer does not read them.

The cache lives in ``$NEWSLIB_CACHE``, else ``$XDG_CACHE_HOME/newslib``, else
``~/.cache/newslib``. Entries are written to a temporary folder and renamed into place,
so a reader never sees half an entry; an unwritable cache is silently skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from newslib.article.model import EntityKind
from newslib.terms import declension, fold, gazetteer, gazetteer_yaml, morphology, wordforms
from newslib.terms.gazetteer import Context, Gazetteer, GazetteerEntity, Variant

__all__ = [
    "FormTable",
    "cache_dir",
    "cached_gazetteer",
    "code_fingerprint",
    "disk_cached",
    "entry_dir",
    "form_table",
    "names_fingerprint",
]

VERSION = "8"
T = TypeVar("T")


def names_fingerprint(reader: str) -> str:
    """What a gazetteer parsed by the module *reader* depends on besides its text: the code
    of *reader*, of the model, of the code that folds names and makes their word forms, and
    the versions of pymorphy3's dictionaries."""
    code = code_fingerprint(
        reader,
        gazetteer.__file__,
        gazetteer_yaml.__file__,
        declension.__file__,
        fold.__file__,
        wordforms.__file__,
        morphology.__file__,
    )
    return f"{code}\n{wordforms.dictionary_versions()}"


def code_fingerprint(*modules: str) -> str:
    """A short hash of the source files that produce a cached thing.

    Part of every cache key, so that nothing made by other code (another newslib
    version, an edited declension table) is ever reused.
    """
    digest = hashlib.sha256(VERSION.encode())
    for module in modules:
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """The cache's root folder."""
    configured = os.environ.get("NEWSLIB_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newslib"


def entry_dir(content_hash: str) -> Path:
    """The folder that holds what is cached for one gazetteer."""
    return cache_dir() / f"{VERSION}-{content_hash[:32]}"


def disk_cached(
    folder: Path,
    build: Callable[[], T],
    load: Callable[[Path], T | None],
    save: Callable[[T, Path], None],
) -> T:
    """What *folder* caches: ``load(folder)``, else ``build()`` stored by ``save(value, path)``.

    Every entry carries a checksum of its files: a damaged entry (a truncated file, a
    half-written disk) is discarded and built again, never trusted. An entry that cannot be
    written is skipped.
    """
    if folder.is_dir():
        if _intact(folder):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                found = load(folder)
                if found is not None:
                    return found
        _discard(folder)
    value = build()
    _store_entry(folder, lambda target: save(value, target))
    return value


def _store_entry(folder: Path, save: Callable[[Path], None]) -> None:
    """Store an entry: ``save(target)``, then the checksum, renamed into place at once."""

    def write(target: Path) -> None:
        save(target)
        (target / _CHECKSUM).write_text(_checksum(target), encoding="ascii")

    _store_atomically(folder, write)


_CHECKSUM = "checksum"


def _checksum(folder: Path) -> str:
    """A CRC-32 of every file's name and bytes in *folder* (but the checksum's own)."""
    crc = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != _CHECKSUM):
        crc = zlib.crc32(str(path.relative_to(folder)).encode() + b"\0", crc)
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
    return f"crc32:{crc:08x}"


def _intact(folder: Path) -> bool:
    try:
        return (folder / _CHECKSUM).read_text(encoding="ascii") == _checksum(folder)
    except (OSError, ValueError):
        return False


def _discard(folder: Path) -> None:
    """Move a damaged entry out of the way (atomically), then delete it."""
    with contextlib.suppress(OSError):
        doomed = Path(tempfile.mkdtemp(prefix=f".{folder.name}-damaged-", dir=folder.parent))
        folder.rename(doomed / "old")
        shutil.rmtree(doomed, ignore_errors=True)


def cached_gazetteer(content_hash: str, build: Callable[[], Gazetteer]) -> Gazetteer:
    """The gazetteer with this content hash, from the cache, else built (and cached)."""
    folder = entry_dir(content_hash) / "gazetteer"
    return disk_cached(folder, build, lambda f: _read_gazetteer(f, content_hash), _write_gazetteer)


def _store_atomically(folder: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary)`` then rename the temporary folder to *folder*."""
    with contextlib.suppress(OSError):
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            write(temporary / "new")
            (temporary / "new").rename(folder)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)


def _write_gazetteer(gazetteer: Gazetteer, target: Path) -> None:
    """Write *gazetteer*'s entities into the new folder *target*."""
    target.mkdir(parents=True)
    offsets = array("Q")
    ids: list[str] = []
    with (target / "entities.jsonl").open("wb") as handle:
        for entity in gazetteer:
            offsets.append(handle.tell())
            ids.append(entity.id)
            line = json.dumps(_entity_data(entity), ensure_ascii=False, separators=(",", ":"))
            handle.write(line.encode("utf-8") + b"\n")
    (target / "offsets.bin").write_bytes(offsets.tobytes())
    table = _form_table_of(gazetteer)
    if table.forms_text().count("\n") == len(table.forms) - 1:  # no form holds a line break
        # An entry of its own, beside the gazetteer's: read (and checked) only to compile.
        _store_entry(_forms_dir(gazetteer.content_hash), table.save)
    derived = {
        lang: {stem: list(owner) for stem, owner in words.items()}
        for lang, words in gazetteer.derived.items()
    }
    meta = {
        "ids": ids,
        "contested": sorted(gazetteer.contested),
        "derived": derived,
    }
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@dataclass(frozen=True)
class FormTable:
    """Every word form of every variant of a gazetteer, in its order, as flat columns:
    what the matcher compiles, without a Python object per variant."""

    langs: list[str]
    forms: list[str]  # each variant's distinct forms, one after another
    readings: array[int]  # of each form: entity index << 32 | language << 16 | variant
    capitalised: bytes  # of each form: 1 for an uncurated (GeoNames) name written capitalised

    def forms_text(self) -> str:
        """The forms, one a line."""
        return "\n".join(self.forms)

    def save(self, folder: Path) -> None:
        """Write the table into *folder* (which must not exist yet)."""
        folder.mkdir(parents=True)
        (folder / "forms.txt").write_bytes(self.forms_text().encode("utf-8"))
        (folder / "readings.bin").write_bytes(self.readings.tobytes())
        (folder / "capitalised.bin").write_bytes(self.capitalised)
        (folder / "langs.json").write_text(json.dumps(self.langs), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> FormTable | None:
        """The table written by :meth:`save`, or ``None`` if its columns disagree."""
        readings = array("Q")
        readings.frombytes((folder / "readings.bin").read_bytes())
        text = (folder / "forms.txt").read_bytes().decode("utf-8")
        forms = text.split("\n") if readings else []
        capitalised = (folder / "capitalised.bin").read_bytes()
        if not len(forms) == len(readings) == len(capitalised):
            return None
        langs = json.loads((folder / "langs.json").read_text(encoding="utf-8"))
        return cls(langs, forms, readings, capitalised)


def _forms_dir(content_hash: str) -> Path:
    return entry_dir(content_hash) / "forms"


def form_table(gazetteer: Gazetteer) -> FormTable:
    """The :class:`FormTable` of *gazetteer*; one read from the cache decodes no entity."""
    if isinstance(gazetteer.entities, _LazyEntities):
        folder = _forms_dir(gazetteer.content_hash)
        if folder.is_dir() and _intact(folder):
            with contextlib.suppress(OSError, ValueError):
                found = FormTable.load(folder)
                if found is not None:
                    return found
    return _form_table_of(gazetteer)


def _form_table_of(gazetteer: Gazetteer) -> FormTable:
    lang_index: dict[str, int] = {}
    forms: list[str] = []
    readings: array[int] = array("Q")
    capitalised = bytearray()
    for entity_index, entity in enumerate(gazetteer):
        for lang, variants in entity.names.items():
            language = lang_index.setdefault(lang, len(lang_index)) << 16
            for index, variant in enumerate(variants):
                values = variant.forms.values()
                texts = list(dict.fromkeys(values)) if len(values) > 1 else list(values)
                forms += texts
                readings.extend([entity_index << 32 | language | index] * len(texts))
                proper = "geonames" in variant.usage and variant.text[:1].isupper()
                capitalised.extend(b"\x01" * len(texts) if proper else bytes(len(texts)))
    return FormTable(list(lang_index), forms, readings, bytes(capitalised))


def _read_gazetteer(folder: Path, content_hash: str) -> Gazetteer | None:
    """The gazetteer cached in *folder*, or ``None`` where the entry does not add up."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    offsets = array("Q")
    offsets.frombytes((folder / "offsets.bin").read_bytes())
    ids: list[str] = meta["ids"]
    if len(ids) != len(offsets):
        return None
    entities = _LazyEntities(folder / "entities.jsonl", ids, offsets)
    derived = {
        lang: MappingProxyType({stem: (owner[0], owner[1]) for stem, owner in words.items()})
        for lang, words in meta["derived"].items()
    }
    return Gazetteer(entities, content_hash, frozenset(meta["contested"]), derived)


class _LazyEntities(Mapping[str, GazetteerEntity]):
    """Entities decoded from the cache file on first access."""

    def __init__(self, path: Path, ids: list[str], offsets: array[int]) -> None:
        self._path = path
        self._index = dict(zip(ids, range(len(ids)), strict=True))
        self._ids = ids
        self._offsets = offsets
        self._memo: dict[str, GazetteerEntity] = {}

    def __getitem__(self, entity_id: str) -> GazetteerEntity:
        found = self._memo.get(entity_id)
        if found is None:
            position = self._offsets[self._index[entity_id]]
            with self._path.open("rb") as handle:
                handle.seek(position)
                found = _entity_from(json.loads(handle.readline()))
            self._memo[entity_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._index


def _entity_data(entity: GazetteerEntity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "kind": str(entity.kind),
        "geonames": entity.geonames,
        "sources": list(entity.sources),
        "derived": {lang: list(words) for lang, words in entity.derived.items()},
        "derived_words": {
            lang: [_variant_data(v) for v in variants]
            for lang, variants in entity.derived_words.items()
        },
        "names": {
            lang: [_variant_data(v) for v in variants] for lang, variants in entity.names.items()
        },
    }


def _variant_data(variant: Variant) -> dict[str, Any]:
    data: dict[str, Any] = {"text": variant.text, "usage": sorted(variant.usage)}
    data["script"] = variant.script
    if dict(variant.forms) != {"nom": variant.text}:
        data["forms"] = dict(variant.forms)
    if variant.source:
        data["source"] = variant.source
    if variant.confidence != 1.0:
        data["confidence"] = variant.confidence
    if variant.context:
        data["context"] = {
            "entities": sorted(variant.context.entities),
            "words": list(variant.context.words),
            "unless": list(variant.context.unless),
        }
    return data


def _entity_from(data: dict[str, Any]) -> GazetteerEntity:
    return GazetteerEntity(
        id=data["id"],
        kind=EntityKind(data["kind"]),
        names={
            lang: tuple(_variant_from(v) for v in variants)
            for lang, variants in data["names"].items()
        },
        geonames=data["geonames"],
        sources=tuple(data["sources"]),
        derived={lang: tuple(words) for lang, words in data["derived"].items()},
        derived_words={
            lang: tuple(_variant_from(v) for v in variants)
            for lang, variants in data.get("derived_words", {}).items()
        },
    )


def _variant_from(data: dict[str, Any]) -> Variant:
    context = data.get("context")
    return Variant(
        text=data["text"],
        usage=frozenset(data["usage"]),
        script=data["script"],
        forms=data.get("forms") or {"nom": data["text"]},
        source=data.get("source"),
        confidence=data.get("confidence", 1.0),
        context=Context(
            frozenset(context["entities"]), tuple(context["words"]), tuple(context["unless"])
        )
        if context
        else None,
    )
