"""Folding text for matching, with a map back to the original offsets.

Matching is case-insensitive, NFC/NFD-insensitive and apostrophe-insensitive, and blind to
the invisible marks web copy hides inside words (soft hyphens: "Süd\u00adossetien"). ``fold``
returns the folded text and, for every folded index, the original index it came from,
so a match found in the folded text is reported at the author's offsets.

>>> folded = fold("SUKHUMI’S")
>>> folded.text
"sukhumi's"
>>> folded = fold("Cafe\\u0301 Sukhum")  # NFD: "e" + combining acute
>>> folded.text, folded.origin(5), folded.origin(11)
('café sukhum', 6, 12)
>>> fold("Sukh\u00adum").text
'sukhum'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = [
    "MARKS",
    "Folded",
    "fold",
    "fold_name",
    "has_invisible",
    "unify_apostrophes",
]

# Apostrophes and their look-alikes fold to one ASCII apostrophe.
_APOSTROPHE_LOOKALIKES = "’‘ʼ`´ʹ′"
# Soft hyphen, zero-width space, word joiner, zero-width no-break space: removed.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
MARKS = str.maketrans({**dict.fromkeys(_APOSTROPHE_LOOKALIKES, "'"), **dict.fromkeys(_INVISIBLE)})


def has_invisible(text: str) -> bool:
    """True when *text* holds a mark that folding removes (a soft hyphen, say)."""
    return any(char in text for char in _INVISIBLE)


def unify_apostrophes(text: str) -> str:
    """*text* with every apostrophe look-alike made an ASCII apostrophe (faster than
    ``translate`` when there are none)."""
    for char in _APOSTROPHE_LOOKALIKES:
        if char in text:
            text = text.replace(char, "'")
    return text


def fold_name(value: str) -> str:
    """Fold a single name the way :func:`fold` folds text."""
    return unicodedata.normalize("NFC", value).casefold().translate(MARKS)


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
    if nfc and not has_invisible(text):
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
    nothing (a soft hyphen) need care."""
    position = 0
    for match in _folding_to_several().finditer(line):
        index, piece = match.start(), match.group().casefold().translate(MARKS)
        pieces += [line[position:index].casefold(), piece]
        starts += [*range(offset + position, offset + index), *[offset + index] * len(piece)]
        position = index + 1
    pieces.append(line[position:].casefold())
    starts += range(offset + position, offset + len(line))


def _fold_clusters(line: str, offset: int, pieces: list[str], starts: list[int]) -> None:
    """Fold each character with the combining marks after it, as one piece.

    A piece's first character comes from the cluster's first; the marks left over after
    composing come from the cluster's last characters (so a name ends before them).
    """
    index = 0
    while index < len(line):
        end = index + 1
        while end < len(line) and unicodedata.combining(line[end]):
            end += 1
        piece = fold_name(line[index:end])
        if piece:  # an invisible mark folds to nothing
            pieces.append(piece)
            shift = offset + end - len(piece)
            starts.append(offset + index)
            starts += (max(offset + index, shift + j) for j in range(1, len(piece)))
        index = end


@cache
def _folding_to_several() -> re.Pattern[str]:
    """The characters whose case folding is longer than one character (ß, İ, ﬁ …), and
    the invisible marks that fold to nothing.

    Case folding never shortens a character, so a block of code points that keeps its
    length has none of them, and only the few blocks that grow are searched.
    """
    found: list[str] = []
    for base in range(0, 0x110000, 0x1000):
        block = "".join(map(chr, range(base, base + 0x1000)))
        if len(block.casefold()) != len(block):
            found += [char for char in block if len(char.casefold()) != 1]
    return re.compile(f"[{re.escape(''.join(found) + _INVISIBLE)}]")
