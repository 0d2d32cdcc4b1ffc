"""Names never seen: capitalised words that look like a known name, as ``unknown-spelling``.

A word is suggested when it is a known name spelt another way:

* within its **transliteration family**: the same :func:`spelling_key` as a known form.
  The key forgets what transliterations disagree on — kh/h/x/ch, ts/tz/c, sh/sch, y/i/j,
  w/v, ou/u, q/k, doubled letters, diacritics, apostrophes and a final vowel (Ochamchir ~
  Ochamchira ~ Ochamchire, Gagry ~ Gagra, Kiyv ~ Kyiv, Sokhoumi ~ Sukhumi; ё/е, й/и/ы/і,
  soft and hard signs in Cyrillic), and a look-alike letter from another script (Latin
  "e" in «Цхинвалe») is read in the word's own script;
* or, for a word of six letters or more, **one edit away** (a letter added, dropped,
  changed, or two swapped) in key space (Tquarchal ~ Tkvarchal, Sokoumi ~ Sokhumi), or
  two letters short of a long name (Tskhinva ~ Tskhinvali).

Keys keep each script apart: a Latin word is only compared with Latin names, a Cyrillic
word with Cyrillic ones. A word of four or five letters is suggested only through its key;
a word the language uses anyway (``common_words``, and the ``wordfreq`` list when it is
installed) never. Only curated names of contested entities in the text's language are
candidates, and the word must point at exactly one entity.

The checker's ``unknown-spelling`` rule suggests the policy's variant of that entity, in
the word form of the name the word resembles (its case). Each language's index
(keys, and the one-deletion neighbourhood of the long keys: SymSpell's lookup) is built
once per gazetteer and kept in the disk cache beside the matcher, so a lookup costs a few
dictionary probes per capitalised word, however large the gazetteer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newslib.article.model import primary_language
from newslib.terms import common_words
from newslib.terms.cache import code_fingerprint, disk_cached, entry_dir
from newslib.terms.common_words import COMMON_WORDS, NO_WORDS
from newslib.terms.fold import fold_name
from newslib.terms.gazetteer import Gazetteer, Variant
from newslib.terms.matcher import compiled
from newslib.terms.scanner import Mention, Spans, machine_text_spans
from newslib.terms.tokens import Tokens

__all__ = ["NearMiss", "SpellingIndex", "near_misses", "spelling_index", "spelling_key"]

# Words shorter than this are never suggested; shorter than LONG, only through their key.
SHORTEST, LONG = 4, 6
# A word the language uses this often (wordfreq's Zipf scale: 3 is once per million
# words) is an ordinary word, not a misspelt name.
ORDINARY_ZIPF = 3.0
_MEMO_SIZE = 100_000

# Transliteration families, each to one symbol of the key. The sounds of "ch" differ by
# language: tʃ in English (T, as French "tch" and German "tsch"), ʃ in French (S, as
# English "sh" and German "sch"), x in German (H, as "kh" and "h").
_LATIN = {
    "shtch": "S", "shch": "S", "szcz": "S", "sh": "S", "sz": "S", "kh": "H", "gh": "G",
    "zh": "Z", "ts": "C", "tz": "C", "ph": "f", "ck": "k", "qu": "kv", "ou": "u", "oo": "u",
    "h": "H", "x": "H", "q": "k", "w": "v", "y": "i", "j": "i",
}  # fmt: skip
_LATIN_BY_LANGUAGE = {
    "en": {"tch": "T", "ch": "T"},
    "fr": {"tch": "T", "ch": "S", "dj": "Z"},
    "de": {"tsch": "T", "sch": "S", "ch": "H", "z": "C"},
}
_CYRILLIC = {"ё": "е", "э": "е", "є": "е", "й": "и", "ы": "и", "і": "и", "ї": "и", "ґ": "г",
             "ь": "", "ъ": ""}  # fmt: skip
_FINAL_VOWELS = frozenset("aeiouаеиоуюяაეიოუ")
# Latin letters that look like Cyrillic ones, both ways.
_TO_CYRILLIC = str.maketrans("aeopcxyk", "аеорсхук")
_TO_LATIN = str.maketrans("аеорсхук", "aeopcxyk")
_APOSTROPHES = "'’ʼʹ`´"


def _family(table: dict[str, str]) -> Callable[[str], str]:
    pattern = re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))
    return lambda word: pattern.sub(lambda m: table[m.group()], word)


_latin_family = {lang: _family({**_LATIN, **extra}) for lang, extra in _LATIN_BY_LANGUAGE.items()}
_RULES = tuple(_LATIN_BY_LANGUAGE)
_cyrillic_family = _family(_CYRILLIC)
_DOUBLED = re.compile(r"(.)\1+")


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


def in_own_script(word: str) -> str:
    """*word* with look-alike letters of another script read in its own (most letters')
    script: Latin "e" in «Цхинвалe» is Cyrillic «е»."""
    if word.isascii():
        return word
    scripts = [_script(c) for c in word if c.isalpha()]
    if scripts.count("CYRILLIC") * 2 > len(scripts):
        return word.translate(_TO_CYRILLIC)
    if scripts.count("LATIN") * 2 > len(scripts):
        return word.translate(_TO_LATIN)
    return word


def spelling_key(word: str, lang: str = "en") -> str:
    """The transliteration key of a folded word, read by *lang*'s (else English) rules
    for Latin letters; words of one family share it.

    >>> spelling_key("ochamchire") == spelling_key("ochamchira") == spelling_key("ochamchir")
    True
    >>> spelling_key("kiyv") == spelling_key("kyiv"), spelling_key("gagry") == spelling_key("gagra")
    (True, True)
    >>> spelling_key("цхинвалe") == spelling_key("цхинвале")  # a Latin "e" at the end
    True
    >>> spelling_key("otschamtschire", "de") == spelling_key("otchamtchire", "fr")
    True
    """
    word = in_own_script("".join(c for c in word if c not in _APOSTROPHES))
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    )
    script = _script(stripped[0]) if stripped else ""
    if script == "LATIN":
        word = _latin_family.get(lang, _latin_family["en"])(stripped)
    elif script == "CYRILLIC":
        word = _cyrillic_family(stripped)
    word = _DOUBLED.sub(r"\1", word)
    if len(word) > 3 and word[-1] in _FINAL_VOWELS:
        word = word[:-1]
    return word


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A known form a word resembles: the entity, its variant in the language, the form
    and its case (``None`` when it is no case form)."""

    entity: str
    variant: int
    form: str
    case: str | None
    distance: int  # 0: same transliteration key; 1: one edit; 2: a long name cut short


@dataclass(frozen=True)
class SpellingIndex:
    """The known forms of one language, by transliteration key (see the module docstring)."""

    lang: str
    known: frozenset[str]  # every folded form: never a near miss
    entries: list[tuple[str, int, str, str | None]]  # (entity, variant, form, case)
    keys: dict[str, list[int]]  # transliteration key -> entries
    # For the forms of six letters or more: their folded spelling and key, each of their
    # one-deletions, and the key cut short by one or two letters -> entries.
    neighbours: dict[str, list[int]]
    # Words looked up before, with what was found: copy repeats its words.
    memo: dict[str, NearMiss | None] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def lookup(self, word: str) -> NearMiss | None:
        """The known form folded *word* resembles most, if one entity is that close."""
        if word in self.memo:
            return self.memo[word]
        if len(self.memo) >= _MEMO_SIZE:
            self.memo.clear()
        found = self.memo[word] = self._lookup(word)
        return found

    def _lookup(self, word: str) -> NearMiss | None:
        if word in self.known or len(word) < SHORTEST or not word.isalpha():
            return None
        # Read by the language's rules, then by the others' (a German spelling quoted
        # in English copy: Tkuartschal).
        key, *others = dict.fromkeys(spelling_key(word, lang) for lang in (self.lang, *_RULES))
        own = in_own_script(word)
        found = dict.fromkeys((e for k in (key, *others) for e in self.keys.get(k, ())), 0)
        if not found and len(word) >= LONG:
            for probe in {key, own, *_deletions(key), *_deletions(own)}:
                for entry in self.neighbours.get(probe, ()):
                    if entry not in found:
                        found[entry] = self._steps(own, key, entry)
        found = {entry: steps for entry, steps in found.items() if steps <= 2}
        if not found:
            return None
        best = min(found.values())
        ranked = sorted(
            (_distance(own, fold_name(self.entries[e][2])), self.entries[e][1], e)
            for e, steps in found.items()
            if steps == best
        )
        closest = [e for distance, _, e in ranked if distance == ranked[0][0]]
        if len({self.entries[e][0] for e in closest}) != 1:
            return None  # two entities look alike: no guess
        entity, variant, form, case = self.entries[ranked[0][2]]
        return NearMiss(entity, variant, form, case, best)

    def _steps(self, own: str, key: str, entry: int) -> int:
        """1: *own* is one edit from the entry's form, or its key from the entry's key;
        2: the key is the entry's cut short by one or two letters; 3: neither."""
        form = fold_name(self.entries[entry][2])
        other = spelling_key(form, self.lang)
        if _distance(own, form) == 1 or _distance(key, other) == 1:
            return 1
        return 2 if other.startswith(key) and len(other) - len(key) <= 2 else 3

    # ---------------------------------------------------------------- building

    @classmethod
    def build(cls, gazetteer: Gazetteer, lang: str) -> SpellingIndex:
        """The index of the curated names of contested entities in *lang*."""
        known: set[str] = set()
        entries: list[tuple[str, int, str, str | None]] = []
        keys: dict[str, list[int]] = {}
        neighbours: dict[str, list[int]] = {}
        for entity_id in sorted(gazetteer.contested):
            for index, variant in enumerate(gazetteer.entity(entity_id).variants(lang)):
                for form, case in _single_word_forms(variant):
                    folded = fold_name(form)
                    known.add(folded)
                    if (
                        len(folded) < SHORTEST
                        or not folded.isalpha()
                        or MISSPELLING in variant.usage
                    ):
                        continue  # a misspelling seen in print is known, never suggested
                    key, entry = spelling_key(folded, lang), len(entries)
                    entries.append((entity_id, index, form, case))
                    keys.setdefault(key, []).append(entry)
                    if len(folded) >= LONG:
                        probes = {folded, key, *_deletions(folded), *_deletions(key)}
                        probes |= {key[:-1], key[:-2]} if len(key) > LONG else set()
                        for probe in probes:
                            neighbours.setdefault(probe, []).append(entry)
        return cls(lang, frozenset(known), entries, keys, neighbours)

    def save(self, folder: Path) -> None:
        """Write the index into *folder* (which must not exist yet)."""
        folder.mkdir(parents=True)
        data: dict[str, object] = {"lang": self.lang, "known": sorted(self.known)}
        data.update(entries=self.entries, keys=self.keys, neighbours=self.neighbours)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (folder / "index.json").write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> SpellingIndex:
        """Read an index written by :meth:`save`."""
        data = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        entries = [(e, int(v), f, c) for e, v, f, c in data["entries"]]
        known, keys = frozenset(data["known"]), data["keys"]
        return cls(data["lang"], known, entries, keys, data["neighbours"])


# The usage tag of spellings seen in print that no usage writes (Tskhinva, Sukhom).
MISSPELLING = "misspelling"


def _single_word_forms(variant: Variant) -> Iterator[tuple[str, str | None]]:
    """Each distinct one-word form of *variant* with its first case."""
    seen: set[str] = set()
    for case, form in variant.forms.items():
        if form not in seen and " " not in form:
            seen.add(form)
            yield form, case


_SOURCES = (__file__, common_words.__file__)
_MEMORY: dict[tuple[str, str], SpellingIndex] = {}


def spelling_index(gazetteer: Gazetteer, lang: str) -> SpellingIndex:
    """The spelling index of *gazetteer* in *lang*: from memory, the disk cache, or built."""
    lang = primary_language(lang)
    found = _MEMORY.get((gazetteer.content_hash, lang))
    if found is None:
        folder = (
            entry_dir(gazetteer.content_hash) / f"spelling-{lang}-{code_fingerprint(*_SOURCES)}"
        )
        found = disk_cached(
            folder,
            lambda: SpellingIndex.build(gazetteer, lang),
            SpellingIndex.load,
            SpellingIndex.save,
        )
        _MEMORY[(gazetteer.content_hash, lang)] = found
    return found


# -------------------------------------------------------------------- ordinary words


@cache
def _zipf() -> Callable[[str, str], float] | None:
    try:
        from wordfreq import available_languages, zipf_frequency
    except ImportError:  # an optional extra: the common-words lists still guard
        return None
    languages = frozenset(available_languages())
    return lambda word, lang: zipf_frequency(word, lang) if lang in languages else 0.0


def ordinary_word(word: str, lang: str) -> bool:
    """True when folded *word* is a word *lang* uses anyway (or English, in Latin text)."""
    if word in COMMON_WORDS.get(lang, NO_WORDS):
        return True
    zipf = _zipf()
    if zipf is None:
        return False
    langs = {lang, "en"} if word.isascii() else {lang}
    return any(zipf(word, code) >= ORDINARY_ZIPF for code in langs)


# -------------------------------------------------------------------- the rule


def near_misses(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    lang: str,
    *,
    tokens: Tokens | None = None,
) -> list[tuple[int, int, NearMiss]]:
    """(start, end, near miss) of every capitalised word of *text* that looks like a known
    name (see the module docstring), outside *mentions* and addresses, in text order.

    The words of four letters or more that no compiled name has are each looked up once
    (and remembered); only near misses are then found in the text.
    """
    primary = primary_language(lang)
    index = spelling_index(gazetteer, primary)
    if not index:
        return []
    tokens = Tokens(text) if tokens is None else tokens
    known = compiled(gazetteer).knows
    words = {
        word: near
        for word in tokens.unique
        if len(word) >= SHORTEST
        and (near := index.lookup(word)) is not None
        and not known(word)
        and not ordinary_word(word, primary)
    }
    if not words:
        return []
    covered = Spans([*((m.start, m.end) for m in mentions), *machine_text_spans(text)])
    found = []
    for word, near in words.items():
        for position in tokens.positions(word):
            start, end = tokens.span(position, position)
            if text[start].isupper() and not covered.touches(start):
                found.append((start, end, near))
    return sorted(found, key=lambda item: item[:2])
