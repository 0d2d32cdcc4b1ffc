"""The compiled matcher: one Aho-Corasick automaton over every form of every name.

Text is folded (case, NFC, apostrophes) and split into tokens (see
:mod:`newslib.terms.tokens`). Each distinct token of the
gazetteer has a number, written as two digits in base ⌈√n⌉ (the first digit from one
alphabet, the second from another), so a name is a short code string and the automaton
(pyahocorasick) can only match whole tokens: "Gal" never matches inside "Galina", "Сухум"
never inside "Сухуми", and boundaries are Unicode-correct in every script by construction.
Two digits keep every node's fan-out near √n while adding only one node per token, so
building, loading and scanning stay fast for hundreds of thousands of names.

pyahocorasick searches a node's children one by one, in the order they were added, so
the order is chosen: tokens are numbered by how many names use them ("de", "san" and
"of" first), names are added in code order, and the code of a token in no name leads
straight out of the root.

The automaton, the sorted token vocabulary with each token's number, and the candidate
table are cached on disk under the gazetteer's content hash (see :mod:`newslib.terms.cache`).
"""

from __future__ import annotations

import json
import math
import operator
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from itertools import compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from newslib.terms import common_words
from newslib.terms import fold as fold_module
from newslib.terms import tokens as tokens_module
from newslib.terms.cache import code_fingerprint, disk_cached, entry_dir, form_table
from newslib.terms.common_words import IN_ANY_LANGUAGE
from newslib.terms.tokens import Tokens, name_keys

if TYPE_CHECKING:
    from newslib.terms.gazetteer import Gazetteer

__all__ = ["Candidate", "CompiledNames", "RawMatch", "compiled"]

_UNKNOWN = "\x01\x01"  # the code of any token that is in no name
# A name that no text contains, added first: the root's first child is then the first
# character of _UNKNOWN, found at once instead of after every other child.
_UNKNOWN_PATH = "\x01\x02"
_SEEN_LIMIT = 200_000  # tokens and patterns remembered between calls, at most
_DIGITS = 0x100  # first digits count up from U+0100; second digits follow them
_ARRAYS = {
    "numbers": "I",
    "lengths": "B",
    "proper": "B",
    "starts": "I",
    "cand_entity": "I",
    "cand_lang": "H",
    "cand_variant": "H",
}


class Candidate(NamedTuple):
    """What a matched surface may be: an entity's variant in a language.

    A named tuple, not a dataclass: scans hash candidates often, and tuples hash in C.
    """

    entity: str
    lang: str
    variant: int


class RawMatch(NamedTuple):
    """A whole-token match at original offsets, with every candidate reading."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


def _base(count: int) -> int:
    """The digit base for a vocabulary of *count* tokens: two digits always suffice."""
    return max(16, math.isqrt(max(count - 1, 0)) + 1)


def _code(number: int, base: int) -> str:
    first, second = divmod(number, base)
    return chr(_DIGITS + first) + chr(_DIGITS + base + second)


@dataclass
class CompiledNames:
    """The automaton and its tables; build with :meth:`build`, persist with :meth:`save`."""

    automaton: ahocorasick.Automaton
    vocabulary: list[str]  # sorted, for bisect
    numbers: array[int]  # numbers[i]: the number of vocabulary[i]
    entity_ids: list[str]
    langs: list[str]
    lengths: array[int]  # tokens in pattern p
    proper: array[int]  # 1: pattern p is only uncurated names written capitalised
    starts: array[int]  # candidates of pattern p: rows starts[p] .. starts[p + 1]
    cand_entity: array[int]
    cand_lang: array[int]
    cand_variant: array[int]
    # What find looked up before, kept between calls (copy repeats its words and names):
    # each token's code, each pattern's readings.
    seen_codes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    seen_readings: dict[int, tuple[Candidate, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def base(self) -> int:
        """The base of the two-digit token codes."""
        return _base(len(self.vocabulary))

    @classmethod
    def build(cls, gazetteer: Gazetteer) -> CompiledNames:
        """Compile every form of every variant of *gazetteer*.

        The forms come as flat columns (:func:`~newslib.terms.cache.form_table`), are
        folded and split in one pass (:func:`~newslib.terms.tokens.name_keys`), and each
        reading stays one packed int until the tables are written: a world gazetteer
        compiles in seconds.
        """
        table = form_table(gazetteer)
        keys = name_keys(table.forms)  # of each form: its tokens joined by spaces
        # A key written in lower case by some name; the others are only uncurated
        # (GeoNames) names written capitalised.
        lowercase = set(compress(keys, map(operator.not_, table.capitalised)))
        patterns = dict.fromkeys(keys)  # the distinct keys, in the gazetteer's order
        patterns.pop("", None)
        for key in IN_ANY_LANGUAGE & patterns.keys() - lowercase:
            del patterns[key]  # a GeoNames "The" or "Of" on its own: never a mention
        pattern_keys = list(patterns)
        pattern_of = dict(zip(pattern_keys, range(len(patterns)), strict=True))
        # Each form's reading under its pattern, grouped by pattern in the gazetteer's order:
        # forms sorted by (pattern, form number) in one C-level sort. One variant's forms are
        # consecutive, so a reading it already gave a pattern is the one just before.
        count = len(keys)
        shifted = map(operator.lshift, map(pattern_of.get, keys, repeat(-1)), repeat(_FORM_BITS))
        ordered = sorted(map(operator.or_, shifted, range(count)))  # no pattern (-1): first
        ordered = ordered[bisect_left(ordered, 0) :]
        pattern_column = list(map(operator.rshift, ordered, repeat(_FORM_BITS)))
        forms_in_order = map(operator.and_, ordered, repeat((1 << _FORM_BITS) - 1))
        reading_column = list(map(table.readings.__getitem__, forms_in_order))
        repeated = map(
            operator.and_,
            map(operator.eq, pattern_column[1:], pattern_column[:-1]),
            map(operator.eq, reading_column[1:], reading_column[:-1]),
        )
        kept = [True, *map(operator.not_, repeated)] if ordered else []
        pattern_column = list(compress(pattern_column, kept))
        readings = array("Q", compress(reading_column, kept))
        langs = table.langs
        del table, keys, pattern_of, ordered, reading_column, kept  # a third of the peak memory
        uses = Counter(" ".join(patterns).split(" ")) if patterns else Counter()
        vocabulary = sorted(uses)
        by_use = sorted(vocabulary, key=uses.__getitem__, reverse=True)  # stable: ties by token
        base = _base(len(vocabulary))
        firsts = [chr(_DIGITS + n) for n in range(base)]
        seconds = [chr(_DIGITS + base + n) for n in range(base)]
        all_codes = [first + second for first in firsts for second in seconds]
        code_of = dict(zip(by_use, all_codes[: len(by_use)], strict=True))
        codes: list[str] = list(map(code_of.get, patterns, repeat("")))  # by pattern
        code = code_of.__getitem__
        for pattern_id in [n for n, found in enumerate(codes) if not found]:  # several tokens
            codes[pattern_id] = "".join(map(code, pattern_keys[pattern_id].split(" ")))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        automaton.add_word(_UNKNOWN_PATH, len(codes))
        pattern_of_code = dict(zip(codes, range(len(codes)), strict=True))  # codes are unique
        for code_string in sorted(codes):
            automaton.add_word(code_string, pattern_of_code[code_string])
        automaton.make_automaton()
        del all_codes, code_of, codes, pattern_of_code
        number = dict(zip(by_use, range(len(by_use)), strict=True))
        return cls(
            automaton,
            vocabulary,
            array("I", map(number.__getitem__, vocabulary)),
            list(gazetteer.entities),
            langs,
            array("B", [min(spaces + 1, 255) for spaces in map(str.count, patterns, repeat(" "))]),
            array("B", [key not in lowercase for key in patterns]),
            array("I", map(bisect_left, repeat(pattern_column), range(len(patterns) + 1))),
            *_unpacked(readings),
        )

    def find(self, text: str | Tokens) -> list[RawMatch]:
        """Whole-token matches in *text* (or its tokens): non-overlapping, the longest
        winning, in order."""
        tokens = Tokens(text) if isinstance(text, str) else text
        base = self.base
        seen = self.seen_codes
        if len(seen) > _SEEN_LIMIT:
            seen.clear()
        codes_of = {word: seen.get(word) or self._code_of(word, base) for word in tokens.unique}
        if all(code == _UNKNOWN for code in codes_of.values()):
            return []
        # Every token is two code characters, so code position // 2 is the token index.
        codes = "".join(map(codes_of.__getitem__, tokens.words))
        lengths, proper, original, bounds = self.lengths, self.proper, tokens.text, tokens.bounds
        found = []  # (1 - token count, first token, pattern): longest first once sorted
        for end, pattern_id in self.automaton.iter(codes):
            size = lengths[pattern_id]
            first = (end >> 1) - size + 1
            # "the" is a place in GeoNames: an uncurated name must be written capitalised.
            if proper[pattern_id] and not original[bounds[2 * first]].isupper():
                continue
            found.append((1 - size, first, pattern_id))
        found.sort()
        taken = bytearray(len(tokens))
        chosen = []
        for negative, first, pattern_id in found:
            last = first - negative
            if negative == 0:  # one token, the common case
                if taken[first]:
                    continue
                taken[first] = 1
            elif any(taken[first : last + 1]):
                continue
            else:
                taken[first : last + 1] = b"\x01" * (last - first + 1)
            chosen.append((bounds[2 * first], bounds[2 * last + 1], pattern_id))
        chosen.sort()
        known = self.seen_readings
        if len(known) > _SEEN_LIMIT:
            known.clear()
        readings = {
            pattern: known.get(pattern) or self._remember(pattern)
            for pattern in {p for _, _, p in chosen}
        }
        return [RawMatch(start, end, readings[pattern_id]) for start, end, pattern_id in chosen]

    def knows(self, token: str) -> bool:
        """True when folded *token* is a token of some compiled name."""
        index = bisect_left(self.vocabulary, token)
        return index < len(self.vocabulary) and self.vocabulary[index] == token

    def _code_of(self, token: str, base: int) -> str:
        index = bisect_left(self.vocabulary, token)
        code = _UNKNOWN
        if index < len(self.vocabulary) and self.vocabulary[index] == token:
            code = _code(self.numbers[index], base)
        self.seen_codes[token] = code
        return code

    def _remember(self, pattern_id: int) -> tuple[Candidate, ...]:
        found = self.seen_readings[pattern_id] = self.candidates(pattern_id)
        return found

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
        chunks, arguments = _automaton_state(self.automaton)
        (folder / "automaton.bin").write_bytes(b"".join(chunks))
        (folder / "vocabulary.txt").write_text("\n".join(self.vocabulary), encoding="utf-8")
        meta = {
            "entities": self.entity_ids,
            "langs": self.langs,
            "automaton": {"chunks": [len(c) for c in chunks], "arguments": arguments},
        }
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        for name in _ARRAYS:
            (folder / f"{name}.bin").write_bytes(getattr(self, name).tobytes())

    @classmethod
    def load(cls, folder: Path) -> CompiledNames:
        """Read tables written by :meth:`save`."""
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        automaton = _automaton_from(
            (folder / "automaton.bin").read_bytes(),
            meta["automaton"]["chunks"],
            meta["automaton"]["arguments"],
        )
        vocabulary = (folder / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
        arrays = {}
        for name, code in _ARRAYS.items():
            values = array(code)
            values.frombytes((folder / f"{name}.bin").read_bytes())
            arrays[name] = values
        return cls(
            automaton,
            vocabulary,
            arrays["numbers"],
            meta["entities"],
            meta["langs"],
            arrays["lengths"],
            arrays["proper"],
            arrays["starts"],
            arrays["cand_entity"],
            arrays["cand_lang"],
            arrays["cand_variant"],
        )


_FORM_BITS = 40  # a form's number in the low bits, its pattern's above


def _unpacked(readings: array[int]) -> tuple[array[int], array[int], array[int]]:
    """The entity, language and variant columns of packed readings (entity << 32 |
    language << 16 | variant), read from their bytes without a loop in Python."""
    if sys.byteorder != "little" or array("I").itemsize != 4:
        return (
            array("I", [row >> 32 for row in readings]),
            array("H", [row >> 16 & 0xFFFF for row in readings]),
            array("H", [row & 0xFFFF for row in readings]),
        )
    raw = readings.tobytes()
    halves, quarters = array("I"), array("H")
    halves.frombytes(raw)
    quarters.frombytes(raw)
    return halves[1::2], quarters[1::4], quarters[0::4]


def _automaton_state(automaton: ahocorasick.Automaton) -> tuple[list[bytes], list[int]]:
    """The automaton's raw node buffers and construction arguments.

    pyahocorasick rebuilds an automaton from these far faster than from its own
    ``save`` format (its pickle support uses them); newslib stores them in plain files
    and calls the constructor itself, so no pickle is ever loaded.
    """
    constructor, (chunks, *arguments, values) = automaton.__reduce__()
    if constructor is not ahocorasick.Automaton or values is not None:
        raise ValueError("unexpected pyahocorasick state")
    return list(chunks), list(arguments)


def _automaton_from(data: bytes, sizes: list[int], arguments: list[int]) -> ahocorasick.Automaton:
    if sum(sizes) != len(data):
        raise ValueError("truncated automaton file")
    chunks = [data] if len(sizes) == 1 else []  # one chunk (the usual case): no copy
    offset = 0
    for size in sizes if not chunks else ():
        chunks.append(data[offset : offset + size])
        offset += size
    return ahocorasick.Automaton(chunks, *arguments, None)


# What decides what the automaton holds, part of its cache key: the code, and the Unicode
# data that folds names (Python's) and splits them into tokens (the regex module's).
_LIBRARIES = f"{version('pyahocorasick')}-{version('regex')}-{unicodedata.unidata_version}"
_SOURCES = (__file__, tokens_module.__file__, fold_module.__file__, common_words.__file__)
_MEMORY: dict[str, CompiledNames] = {}


def compiled(gazetteer: Gazetteer) -> CompiledNames:
    """The compiled matcher of *gazetteer*: from memory, else the disk cache, else built."""
    key = gazetteer.content_hash
    found = _MEMORY.get(key)
    if found is not None:
        return found
    folder = entry_dir(key) / f"matcher-{_LIBRARIES}-{code_fingerprint(*_SOURCES)}"
    names = disk_cached(
        folder, lambda: CompiledNames.build(gazetteer), CompiledNames.load, CompiledNames.save
    )
    _MEMORY[key] = names
    return names
