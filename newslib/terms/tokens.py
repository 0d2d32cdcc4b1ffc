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

import operator
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from itertools import accumulate, compress, repeat

import regex

from newslib.terms.fold import DROPPED, MARKS, fold, fold_name, has_dropped, unify_apostrophes

__all__ = ["Tokens", "is_plain", "name_keys", "name_tokens", "token_spans"]

_TOKEN = regex.compile(r"\w+|[^\w\s]")
_SPLIT = regex.compile(r"(\w+|[^\w\s])")
# Stdlib re splits a third faster, and the same wherever its \w and \s agree with Unicode's:
# in text of the blocks below, but for combining marks, numbers like ², connectors like ‿,
# format characters, unassigned code points and what folding drops (see _plain_text).
_PLAIN_SPLIT = re.compile(r"(\w+|[^\w\s])")
_NAMES_SPLIT = re.compile(r"\w+|[^\w\s]|\n")
_NAMES_TOKEN = regex.compile(r"\w+|[^\w\s]|\n")
_DROPPED_CHAR = re.compile(f"[{re.escape(DROPPED)}]")
_PLAIN_BLOCKS = (
    (0x0000, 0x02FF), (0x0370, 0x058F), (0x05D0, 0x05FF), (0x0600, 0x06FF), (0x0750, 0x077F),
    (0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x1E00, 0x1FFF), (0x2000, 0x214F), (0x3000, 0x303F),
)  # fmt: skip
_NOT_PLAIN = frozenset({"Mn", "Mc", "Me", "No", "Pc", "Cf", "Cn", "Cs", "Co"})


def token_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Token spans of (already folded) text."""
    return (match.span() for match in _TOKEN.finditer(folded))


@cache
def _plain_text() -> Callable[[str], re.Match[str] | None]:
    """A search for a character outside plain text: where stdlib re and regex may split
    differently, or folding drops something (built on first use, in a millisecond)."""
    plain = [
        char
        for first, last in _PLAIN_BLOCKS
        for char in map(chr, range(first, last + 1))
        if (unicodedata.category(char) not in _NOT_PLAIN or char == "_")
        and char not in DROPPED
        and not "\x1c" <= char <= "\x1f"  # whitespace to re, not to Unicode
    ]
    ranges: list[list[str]] = []
    for char in plain:
        if ranges and ord(ranges[-1][1]) + 1 == ord(char):
            ranges[-1][1] = char
        else:
            ranges.append([char, char])
    body = "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)
    return re.compile(f"[^{body}]").search


def is_plain(text: str) -> bool:
    """True when stdlib re splits *text* as the regex module does, and folding drops
    nothing from it (nearly all news copy in Latin, Cyrillic, Georgian, Arabic letters)."""
    if text.isascii():
        return not any(char in text for char in "\x1c\x1d\x1e\x1f")
    return _plain_text()(text) is None


def _plain_tokens(text: str, tokens: set[str]) -> bool:
    """True when the *tokens* stdlib re split *text* into are the regex module's too: no
    token holds a character outside plain text (see :func:`is_plain`), and no separator
    is one only to re. Cheaper than searching the text: a text repeats its words."""
    if any(char in text for char in "\x1c\x1d\x1e\x1f"):
        return False
    joined = "".join(tokens)
    return joined.isascii() or _plain_text()(joined) is None


def _folded_tokens(text: str) -> tuple[list[str], list[int], set[str]]:
    """The folded tokens of *text*, bounds (token i spans bounds[2i] .. bounds[2i + 1]),
    and the set of the tokens.

    Three routes to the same tokens, the cheapest that is exact:
    * NFC text whose characters each fold to one (nearly all): fold it all in C, split,
      and the offsets are the original ones;
    * other NFC text (ß folds to ss): split, and fold each distinct token once, unless
      folding would move a token boundary (a letter apostrophe ʼ folds to ');
    * anything else (not NFC, or with a character folding drops: a soft hyphen, a stress
      mark): fold the text with :func:`~newslib.terms.fold.fold`, split, and map the
      offsets back.

    The first two split with stdlib re, and again with the regex module if a token is
    not plain text (:func:`is_plain`).
    """
    if unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        whole = len(folded) == len(text)
        source = unify_apostrophes(folded) if whole else text
        parts = _PLAIN_SPLIT.split(source)  # separator, token, …, separator
        unique = set(parts[1::2])
        plain = _plain_tokens(text, unique)
        if plain or not has_dropped(text):
            if not plain:  # split again, the way the names were
                parts = _SPLIT.split(source)
                unique = set(parts[1::2])
            bounds = list(accumulate(map(len, parts)))
            if whole:
                return parts[1::2], bounds, unique
            fold_of = {token: token.translate(MARKS).casefold() for token in unique}
            if all(word == token or _TOKEN.fullmatch(word) for token, word in fold_of.items()):
                return list(map(fold_of.__getitem__, parts[1::2])), bounds, set(fold_of.values())
    slowly = fold(text)
    parts = _SPLIT.split(slowly.text)
    words = parts[1::2]
    return words, slowly.origins(list(accumulate(map(len, parts)))), set(words)


def name_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a name or phrase: ``("south", "ossetia")``."""
    folded = fold_name(name)
    return tuple(folded[start:end] for start, end in token_spans(folded))


def name_keys(names: list[str]) -> list[str]:
    """:func:`name_tokens` of each of *names*, joined by single spaces (tokens hold none),
    folded and split in a few calls for the lot.

    Folding is per character and NFC never composes across a line break, so the names
    fold as one text joined by line breaks (those with a mark folding drops, one by one:
    case folding writes such marks too). A name of letters and single spaces is its own
    key; the others are split together, at their tokens and line breaks. A quarter of a
    million names take a fraction of a second.
    """
    joined = "\n".join(names)
    if joined.count("\n") != len(names) - 1:  # a name with a line break of its own
        return [" ".join(name_tokens(name)) for name in names]
    nfc = unicodedata.normalize("NFC", joined)
    folded = unify_apostrophes(nfc).casefold().split("\n")
    line, begin, end = 0, 0, 0
    while has_dropped(nfc) and (mark := _DROPPED_CHAR.search(nfc, end)) is not None:
        line += nfc.count("\n", begin, mark.start())
        begin = nfc.rfind("\n", 0, mark.start()) + 1
        end = nfc.find("\n", mark.start()) % (len(nfc) + 1)  # -1: the end of the text
        folded[line] = fold_name(nfc[begin:end])
    # A name of letters, or of letters and single spaces, is its own key (tested in C).
    others = [i for i, alpha in enumerate(map(str.isalpha, folded)) if not alpha]
    names = list(map(folded.__getitem__, others))
    spaced = map(
        operator.and_,
        map(str.isalpha, map(str.replace, names, repeat(" "), repeat(""))),
        map(operator.eq, map(str.strip, names, repeat(" ")), names),
    )
    single = map(operator.not_, map(operator.contains, names, repeat("  ")))
    rest = list(compress(others, map(operator.not_, map(operator.and_, spaced, single))))
    if rest:
        joined = "\n".join(map(folded.__getitem__, rest))
        split = _NAMES_SPLIT if _plain_tokens(joined, {joined}) else _NAMES_TOKEN
        keys = " ".join(["", *split.findall(joined + "\n")]).split(" \n")
        for index, key in zip(rest, keys, strict=False):
            folded[index] = key.lstrip(" ")
    return folded


class Tokens:
    """The tokens of *text*: ``words[i]`` is token *i*, folded, and it spans
    ``bounds[2 * i]`` .. ``bounds[2 * i + 1]`` of the original text."""

    __slots__ = ("bounds", "text", "unique", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.bounds, self.unique = _folded_tokens(text)

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
