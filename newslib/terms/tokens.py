"""A text split once into folded tokens, each with its offsets in the original text.

Tokens are runs of word characters and single punctuation characters; whitespace only
separates them. Word characters are Unicode's (the ``regex`` module's ``\\w``): letters,
digits, connectors and combining marks, so the marks that spell a word (Devanagari vowel
signs) stay inside it and a name never matches the start of a longer word; the marks
folding drops (a stress mark, a haraka, a tatweel) are gone before the text is split.

Names, context words, derived words and near misses are all looked up in the same
tokens, so a scan runs the (slow, per-character) regex engine over a text once, and a
word that is not in the text costs one set lookup.

>>> tokens = Tokens("In SUKHUMI’S port")
>>> tokens.words
['in', 'sukhumi', "'", 's', 'port']
>>> tokens.span(1, 3), tokens.occurrences(("sukhumi", "'", "s"))
((3, 12), [1])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from itertools import accumulate

import regex

from newslib.terms.fold import MARKS, fold, fold_name, has_dropped, unify_apostrophes

__all__ = ["Tokens", "name_tokens", "token_spans"]

_TOKEN = regex.compile(r"\w+|[^\w\s]")
_SPLIT = regex.compile(r"(\w+|[^\w\s])")


def token_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Token spans of (already folded) text."""
    return (match.span() for match in _TOKEN.finditer(folded))


def _folded_tokens(text: str) -> tuple[list[str], list[int]]:
    """The folded tokens of *text*, and bounds: token i spans bounds[2i] .. bounds[2i + 1].

    Three routes to the same tokens, the cheapest that is exact:
    * NFC text whose characters each fold to one (nearly all): fold it all in C, split,
      and the offsets are the original ones;
    * other NFC text (ß folds to ss): split, and fold each distinct token once, unless
      folding would move a token boundary (a letter apostrophe ʼ folds to ');
    * anything else (not NFC, or with a character folding drops: a soft hyphen, a stress
      mark): fold the text with :func:`~newslib.terms.fold.fold`, split, and map the
      offsets back.
    """
    if unicodedata.is_normalized("NFC", text) and not has_dropped(text):
        folded = text.casefold()
        if len(folded) == len(text):
            parts = _SPLIT.split(unify_apostrophes(folded))  # separator, token, …, separator
            return parts[1::2], list(accumulate(map(len, parts)))
        parts = _SPLIT.split(text)
        raw = parts[1::2]
        fold_of = {token: token.translate(MARKS).casefold() for token in set(raw)}
        if all(word == token or _TOKEN.fullmatch(word) for token, word in fold_of.items()):
            return list(map(fold_of.__getitem__, raw)), list(accumulate(map(len, parts)))
    slowly = fold(text)
    parts = _SPLIT.split(slowly.text)
    return parts[1::2], slowly.origins(list(accumulate(map(len, parts))))


def name_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a name or phrase: ``("south", "ossetia")``."""
    folded = fold_name(name)
    return tuple(folded[start:end] for start, end in token_spans(folded))


class Tokens:
    """The tokens of *text*: ``words[i]`` is token *i*, folded, and it spans
    ``bounds[2 * i]`` .. ``bounds[2 * i + 1]`` of the original text."""

    __slots__ = ("bounds", "text", "unique", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.bounds = _folded_tokens(text)
        self.unique = set(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def start(self, index: int) -> int:
        """Where token *index* starts in the original text."""
        return self.bounds[2 * index]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original offsets of tokens *first* to *last* (inclusive)."""
        return self.bounds[2 * first], self.bounds[2 * last + 1]

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
