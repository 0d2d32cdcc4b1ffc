"""The compiled matcher: one Aho-Corasick automaton over every form of every name.

Text is folded (case, NFC, apostrophes) and split into tokens: runs of word characters,
and single punctuation characters; whitespace only separates. Each distinct token of the
gazetteer gets one code point, so a name is a short string of codes and the automaton
(pyahocorasick) matches whole tokens only: "Gal" never matches inside "Galina", "Сухум"
never inside "Сухуми", and boundaries are Unicode-correct in every script by construction.

The automaton, the token vocabulary and the candidate table are cached on disk under the
gazetteer's content hash (see :mod:`newslib.terms.cache`).
"""

from __future__ import annotations

import contextlib
import json
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick

from newslib.terms.cache import entry_dir, store_atomically
from newslib.terms.fold import fold, fold_name

if TYPE_CHECKING:
    from newslib.terms.gazetteer import Gazetteer

__all__ = ["Candidate", "CompiledNames", "RawMatch", "compiled", "tokens"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_UNKNOWN = "\x01"  # the code of any token that is in no name
_FIRST_CODE = 0x100


def _code(index: int) -> str:
    point = _FIRST_CODE + index
    if point >= 0xD800:  # skip the surrogate block
        point += 0x800
    return chr(point)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a matched surface may be: an entity's variant in a language."""

    entity: str
    lang: str
    variant: int


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A whole-token match at original offsets, with every candidate reading."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


def tokens(text: str) -> Iterator[tuple[int, int]]:
    """Token spans of (already folded) *text*."""
    return (match.span() for match in _TOKEN.finditer(text))


@dataclass
class CompiledNames:
    """The automaton and its tables; build with :meth:`build`, persist with :meth:`save`."""

    automaton: ahocorasick.Automaton
    vocabulary: dict[str, int]
    entity_ids: list[str]
    langs: list[str]
    lengths: array[int]  # tokens in pattern p
    starts: array[int]  # candidates of pattern p: rows starts[p] .. starts[p + 1]
    cand_entity: array[int]
    cand_lang: array[int]
    cand_variant: array[int]

    @classmethod
    def build(cls, gazetteer: Gazetteer) -> CompiledNames:
        """Compile every form of every variant of *gazetteer*."""
        vocabulary: dict[str, int] = {}
        entity_ids: list[str] = []
        langs: list[str] = []
        lang_index: dict[str, int] = {}
        patterns: dict[str, list[tuple[int, int, int]]] = {}
        for entity_index, entity in enumerate(gazetteer):
            entity_ids.append(entity.id)
            for lang, variants in entity.names.items():
                li = lang_index.setdefault(lang, len(lang_index))
                if li == len(langs):
                    langs.append(lang)
                for vi, variant in enumerate(variants):
                    for form in {fold_name(f) for f in variant.forms.values()}:
                        key = _encode_name(form, vocabulary)
                        if key:
                            rows = patterns.setdefault(key, [])
                            if (entity_index, li, vi) not in rows:
                                rows.append((entity_index, li, vi))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        lengths, starts = array("B"), array("I", [0])
        cand_entity, cand_lang, cand_variant = array("I"), array("H"), array("H")
        for pattern_id, (key, rows) in enumerate(patterns.items()):
            automaton.add_word(key, pattern_id)
            lengths.append(min(len(key), 255))
            for entity_index, li, vi in rows:
                cand_entity.append(entity_index)
                cand_lang.append(li)
                cand_variant.append(vi)
            starts.append(len(cand_entity))
        automaton.make_automaton()
        return cls(
            automaton,
            vocabulary,
            entity_ids,
            langs,
            lengths,
            starts,
            cand_entity,
            cand_lang,
            cand_variant,
        )

    def find(self, text: str) -> list[RawMatch]:
        """Whole-token matches in *text*: non-overlapping, the longest winning, in order."""
        folded = fold(text)
        spans = list(tokens(folded.text))
        vocabulary = self.vocabulary
        codes = "".join(
            _code(index) if (index := vocabulary.get(folded.text[s:e])) is not None else _UNKNOWN
            for s, e in spans
        )
        if not codes.strip(_UNKNOWN):
            return []
        found = sorted(
            ((last - self.lengths[pattern_id] + 1, last, pattern_id)
             for last, pattern_id in self.automaton.iter(codes)),
            key=lambda m: (m[0] - m[1], m[0]),
        )  # fmt: skip
        taken = bytearray(len(spans))
        chosen: list[tuple[int, int, int]] = []
        for first, last, pattern_id in found:
            if not any(taken[first : last + 1]):
                taken[first : last + 1] = b"\x01" * (last - first + 1)
                chosen.append((first, last, pattern_id))
        chosen.sort()
        return [
            RawMatch(
                folded.origin(spans[first][0]),
                folded.origin(spans[last][1]),
                self.candidates(pattern_id),
            )
            for first, last, pattern_id in chosen
        ]

    def candidates(self, pattern_id: int) -> tuple[Candidate, ...]:
        """The readings of pattern *pattern_id*."""
        return tuple(
            Candidate(
                self.entity_ids[self.cand_entity[row]],
                self.langs[self.cand_lang[row]],
                self.cand_variant[row],
            )
            for row in range(self.starts[pattern_id], self.starts[pattern_id + 1])
        )

    # ---------------------------------------------------------------- persistence

    def save(self, folder: Path) -> None:
        """Write the compiled tables into *folder* (which must not exist yet)."""
        folder.mkdir(parents=True)
        self.automaton.save(str(folder / "automaton.bin"))
        words = [""] * len(self.vocabulary)
        for word, index in self.vocabulary.items():
            words[index] = word
        (folder / "vocabulary.txt").write_text("\n".join(words), encoding="utf-8")
        meta = {"entities": self.entity_ids, "langs": self.langs}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        for name in _ARRAYS:
            (folder / f"{name}.bin").write_bytes(getattr(self, name).tobytes())

    @classmethod
    def load(cls, folder: Path) -> CompiledNames:
        """Read tables written by :meth:`save`."""
        automaton = ahocorasick.load(str(folder / "automaton.bin"), _no_values)
        words = (folder / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = {}
        for name, code in _ARRAYS.items():
            values = array(code)
            values.frombytes((folder / f"{name}.bin").read_bytes())
            arrays[name] = values
        return cls(
            automaton,
            dict(zip(words, range(len(words)), strict=True)),
            meta["entities"],
            meta["langs"],
            arrays["lengths"],
            arrays["starts"],
            arrays["cand_entity"],
            arrays["cand_lang"],
            arrays["cand_variant"],
        )


_ARRAYS = {"lengths": "B", "starts": "I", "cand_entity": "I", "cand_lang": "H", "cand_variant": "H"}


def _no_values(value: bytes) -> object:  # STORE_INTS automata have no pickled values
    raise AssertionError("unreachable")


def _encode_name(form: str, vocabulary: dict[str, int]) -> str:
    return "".join(
        _code(vocabulary.setdefault(form[s:e], len(vocabulary))) for s, e in tokens(form)
    )


_MEMORY: dict[str, CompiledNames] = {}


def compiled(gazetteer: Gazetteer) -> CompiledNames:
    """The compiled matcher of *gazetteer*: from memory, else the disk cache, else built."""
    key = gazetteer.content_hash
    found = _MEMORY.get(key)
    if found is not None:
        return found
    folder = entry_dir(key) / "matcher"
    names: CompiledNames | None = None
    if folder.is_dir():
        with contextlib.suppress(OSError, ValueError, KeyError, json.JSONDecodeError):
            names = CompiledNames.load(folder)
    if names is None:
        names = CompiledNames.build(gazetteer)
        store_atomically(folder, names.save)
    _MEMORY[key] = names
    return names
