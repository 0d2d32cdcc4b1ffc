"""A text split once into folded tokens, each with its offsets in the original text.

Tokens are runs of word characters and single punctuation characters; whitespace only
separates them. Names, context words, derived words and near misses are all looked up
in the same tokens, so a scan runs the (slow, per-character) regex engine over a text
once, and a word that is not in the text costs one set lookup.

>>> tokens = Tokens("In SUKHUMI’S port")
>>> tokens.words
['in', 'sukhumi', "'", 's', 'port']
>>> tokens.span(1, 3), tokens.occurrences(("sukhumi", "'", "s"))
((3, 12), [1])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate

from newslib.terms.fold import Folded, fold, fold_name

__all__ = ["Tokens", "name_tokens", "token_spans"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPLIT = re.compile(r"(\w+|[^\w\s])")


def token_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Token spans of (already folded) text."""
    return (match.span() for match in _TOKEN.finditer(folded))


def name_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a name or phrase: ``("south", "ossetia")``."""
    folded = fold_name(name)
    return tuple(folded[start:end] for start, end in token_spans(folded))


class Tokens:
    """The tokens of *text*: ``words[i]`` is token *i*, folded; ``span(i, j)`` its offsets."""

    __slots__ = ("_bounds", "folded", "text", "unique", "words")

    def __init__(self, text: str, folded: Folded | None = None) -> None:
        self.text = text
        self.folded = fold(text) if folded is None else folded
        parts = _SPLIT.split(self.folded.text)  # separator, token, separator, …, separator
        self.words: list[str] = parts[1::2]
        self.unique = set(self.words)
        # Token i spans _bounds[2i] .. _bounds[2i + 1].
        self._bounds = self.folded.origins(list(accumulate(map(len, parts))))

    def __len__(self) -> int:
        return len(self.words)

    def start(self, index: int) -> int:
        """Where token *index* starts in the original text."""
        return self._bounds[2 * index]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original offsets of tokens *first* to *last* (inclusive)."""
        return self._bounds[2 * first], self._bounds[2 * last + 1]

    def positions(self, word: str) -> list[int]:
        """Indexes of the tokens equal to *word* (folded), searched in C."""
        found: list[int] = []
        if word not in self.unique:
            return found
        index, words = -1, self.words
        try:
            while True:
                index = words.index(word, index + 1)
                found.append(index)
        except ValueError:
            return found

    def occurrences(self, key: tuple[str, ...]) -> list[int]:
        """Indexes of the first tokens of every run of tokens equal to *key*."""
        if not key or not self.unique.issuperset(key):
            return []
        size, words = len(key), self.words
        return [i for i in self.positions(key[0]) if tuple(words[i : i + size]) == key]
