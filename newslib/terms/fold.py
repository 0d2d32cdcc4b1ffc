"""Folding text for matching, with a map back to the original offsets.

Matching is case-insensitive, NFC/NFD-insensitive and apostrophe-insensitive, and blind to
what writers add to a word without changing it: the invisible marks web copy hides inside
words (soft hyphens: "Süd\u00adossetien"), stress marks (Суху́ми), Arabic harakat and
tatweel (سُوخُومِي, سوخـومي) and Hebrew points. ``fold`` returns the folded text and, for
every folded index, the original index it came from, so a match found in the folded text
is reported at the author's offsets; a dropped mark belongs to the letter before it, so a
name's span covers its marks (and a fix replaces the marked word whole).

Only the marks left over after NFC composition are dropped: a letter that composes with
its mark (é, ü, й, ё) is a letter of its alphabet and stays as it is, so "Jérôme" is not
"Jerome" and "Südossetien" not "Sudossetien". The marks of scripts that need them to
spell a word (Devanagari vowel signs, Thai vowels) stay too: they belong to the word.

>>> folded = fold("SUKHUMI’S")
>>> folded.text
"sukhumi's"
>>> folded = fold("Cafe\\u0301 Sukhum")  # NFD: "e" + combining acute
>>> folded.text, folded.origin(5), folded.origin(11)
('café sukhum', 6, 12)
>>> fold("Sukh\u00adum").text
'sukhum'
>>> folded = fold("в Суху\u0301ми")  # a stress mark no letter composes with
>>> folded.text, folded.origin(len(folded.text))
('в сухуми', 9)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = [
    "DROPPED",
    "MARKS",
    "Folded",
    "fold",
    "fold_name",
    "has_dropped",
    "unify_apostrophes",
    "without_dropped",
]

# Apostrophes and their look-alikes fold to one ASCII apostrophe.
_APOSTROPHE_LOOKALIKES = "’‘ʼ`´ʹ′"
# Soft hyphen, zero-width space, word joiner, zero-width no-break space: removed.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
# The marks a writer may add to a word without changing it, where no letter composes with
# them: the generic combining marks (stress marks: Суху́ми; accents on Georgian letters),
# Cyrillic titlo, Hebrew points and cantillation, Arabic harakat, shadda, sukun and Quranic
# marks. Blocks, filtered to their marks (a Hebrew maqaf or an Arabic sign stays).
_MARK_BLOCKS = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A),
    (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x08D3, 0x08FF),
    (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
)  # fmt: skip
_MARKS_DROPPED = "".join(
    char
    for first, last in _MARK_BLOCKS
    for char in map(chr, range(first, last + 1))
    if unicodedata.category(char) in ("Mn", "Me")
)
# Tatweel (kashida) stretches an Arabic word for the eye: سوخـومي is سوخومي.
_TATWEEL = "\u0640"
DROPPED = _INVISIBLE + _MARKS_DROPPED + _TATWEEL  # what folding drops
_DROP = str.maketrans(dict.fromkeys(DROPPED))
MARKS = str.maketrans({**dict.fromkeys(_APOSTROPHE_LOOKALIKES, "'"), **dict.fromkeys(DROPPED)})
_HAS_DROPPED = re.compile(f"[{re.escape(DROPPED)}]").search


def has_dropped(text: str) -> bool:
    """True when *text* holds a character that folding drops (a soft hyphen, a stress
    mark, a haraka, a tatweel)."""
    return not text.isascii() and _HAS_DROPPED(text) is not None


def without_dropped(text: str) -> str:
    """*text* in NFC without what folding drops, its letter case and apostrophes kept.

    >>> without_dropped("Суху\u0301ми")
    'Сухуми'
    """
    return unicodedata.normalize("NFC", text).translate(_DROP)


def unify_apostrophes(text: str) -> str:
    """*text* with every apostrophe look-alike made an ASCII apostrophe (faster than
    ``translate`` when there are none)."""
    for char in _APOSTROPHE_LOOKALIKES:
        if char in text:
            text = text.replace(char, "'")
    return text


def fold_name(value: str) -> str:
    """Fold a single name the way :func:`fold` folds text.

    What folding drops is dropped before case folding: the marks case folding itself
    writes (İ → i̇) belong to a letter, as the composed letter they come from did.
    """
    return unicodedata.normalize("NFC", value).translate(MARKS).casefold()


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text; ``starts[i]`` is the original index of folded index ``i``, and
    ``starts[len(text)]`` the original length."""

    text: str
    starts: tuple[int, ...] | None  # None: identity mapping (the common, fast case)

    def origin(self, index: int) -> int:
        """Original offset of folded offset *index* (which may equal ``len(text)``)."""
        return index if self.starts is None else self.starts[index]

    def origins(self, indexes: list[int]) -> list[int]:
        """:meth:`origin` of each of *indexes*."""
        return indexes if self.starts is None else list(map(self.starts.__getitem__, indexes))


def fold(text: str) -> Folded:
    """Fold *text* for matching; see the module docstring."""
    nfc = unicodedata.is_normalized("NFC", text)
    if nfc and not has_dropped(text):
        folded = text.casefold()
        if len(folded) == len(text):
            return Folded(unify_apostrophes(folded), None)
    pieces: list[str] = []
    starts: list[int] = []
    offset = 0
    # Normalisation never joins characters across a line break, so the lines of a text
    # that is not NFC fold apart, and only the lines that are not NFC either need folding
    # character by character.
    for line in [text] if nfc else text.splitlines(keepends=True):
        in_nfc = nfc or unicodedata.is_normalized("NFC", line)
        (_fold_nfc if in_nfc else _fold_clusters)(line, offset, pieces, starts)
        offset += len(line)
    starts.append(len(text))
    return Folded(unify_apostrophes("".join(pieces)), tuple(starts))


def _fold_nfc(line: str, offset: int, pieces: list[str], starts: list[int]) -> None:
    """Case folding is per character: only those that fold to several (ß → ss) or to
    nothing (a soft hyphen, a stress mark) need care."""
    position = 0
    for match in _not_folding_to_one().finditer(line):
        index, piece = match.start(), match.group().translate(MARKS).casefold()
        pieces += [line[position:index].casefold(), piece]
        starts += [*range(offset + position, offset + index), *[offset + index] * len(piece)]
        position = index + 1
    pieces.append(line[position:].casefold())
    starts += range(offset + position, offset + len(line))


def _fold_clusters(line: str, offset: int, pieces: list[str], starts: list[int]) -> None:
    """Fold each character with the combining marks after it, as one cluster.

    The cluster's first character, once composed, comes from the cluster's first; the
    marks left over after composing come from the cluster's last characters. Each folds
    on its own, to what case folding makes of it (ß → ss, from the ß) or, if folding
    drops it (a stress mark), to nothing.
    """
    index = 0
    while index < len(line):
        end = index + 1
        while end < len(line) and unicodedata.combining(line[end]):
            end += 1
        composed = unicodedata.normalize("NFC", line[index:end])
        for position, char in enumerate(composed):
            piece = char.translate(MARKS).casefold()
            if piece:  # a dropped mark folds to nothing
                origin = offset + index
                if position:
                    origin = max(origin, offset + end - len(composed) + position)
                pieces.append(piece)
                starts += [origin] * len(piece)
        index = end


@cache
def _not_folding_to_one() -> re.Pattern[str]:
    """The characters whose case folding is longer than one character (ß, İ, ﬁ …), and
    those that fold to nothing (invisible marks, dropped marks, tatweel).

    Case folding never shortens a character, so a block of code points that keeps its
    length has none of them, and only the few blocks that grow are searched.
    """
    found: list[str] = []
    for base in range(0, 0x110000, 0x1000):
        block = "".join(map(chr, range(base, base + 0x1000)))
        if len(block.casefold()) != len(block):
            found += [char for char in block if len(char.casefold()) != 1]
    return re.compile(f"[{re.escape(''.join(found) + DROPPED)}]")
