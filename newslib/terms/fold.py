"""Folding text for matching, with a map back to the original offsets.

Matching is case-insensitive, NFC/NFD-insensitive and apostrophe-insensitive. ``fold``
returns the folded text and, for every folded index, the original index it came from,
so a match found in the folded text is reported at the author's offsets.

>>> folded = fold("SUKHUMI’S")
>>> folded.text
"sukhumi's"
>>> folded = fold("Cafe\\u0301 Sukhum")  # NFD: "e" + combining acute
>>> folded.text, folded.origin(5), folded.origin(11)
('café sukhum', 6, 12)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Folded", "fold", "fold_name", "is_word_char"]

# Apostrophes and their look-alikes fold to one ASCII apostrophe.
_APOSTROPHE_LOOKALIKES = "’‘ʼ`´ʹ′"
_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHE_LOOKALIKES, "'"))


def _unify_apostrophes(text: str) -> str:
    for char in _APOSTROPHE_LOOKALIKES:
        if char in text:
            text = text.replace(char, "'")
    return text


def fold_name(value: str) -> str:
    """Fold a single name the way :func:`fold` folds text."""
    return unicodedata.normalize("NFC", value).casefold().translate(_APOSTROPHES)


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text; ``starts[i]`` is the original index of folded index ``i``."""

    text: str
    starts: tuple[int, ...] | None  # None: identity mapping (the common, fast case)
    length: int  # length of the original text

    def origin(self, index: int) -> int:
        """Original offset of folded offset *index* (which may equal ``len(text)``)."""
        if self.starts is None:
            return index
        if index >= len(self.starts):
            return self.length
        return self.starts[index]


def fold(text: str) -> Folded:
    """Fold *text* for matching; see the module docstring."""
    if unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        if len(folded) == len(text):
            return Folded(_unify_apostrophes(folded), None, len(text))
    return _fold_slowly(text)


def _fold_slowly(text: str) -> Folded:
    pieces: list[str] = []
    starts: list[int] = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = fold_name(text[index:end])
        pieces.append(piece)
        starts.extend([index] * len(piece))
        index = end
    return Folded("".join(pieces), tuple(starts), len(text))


def is_word_char(char: str) -> bool:
    """True for letters, digits and combining marks: what a name may not touch."""
    return char.isalnum() or unicodedata.combining(char) != 0 or char == "_"
