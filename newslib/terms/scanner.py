"""Scanning: every mention of a gazetteer entity in a text, with what is known about it.

A mention knows its span, the entity, the variant (and the other variants the same
surface could be, like Очамчире), whether it stands inside a quotation, and whether the
text is talking about the name itself ("Tskhinvali, also spelled Tskhinval", "the city
Georgians call Sukhumi": see :mod:`newslib.terms.about_names`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from newslib.article.model import primary_language
from newslib.terms.about_names import names_about_names
from newslib.terms.common_words import COMMON_WORDS, NO_WORDS
from newslib.terms.fold import fold_name, without_dropped
from newslib.terms.gazetteer import Context, Gazetteer, Variant, script_of
from newslib.terms.matcher import Candidate, RawMatch, compiled
from newslib.terms.tokens import Tokens, name_tokens
from newslib.terms.world import CLDR_TAGS

__all__ = ["Mention", "Spans", "machine_text_spans", "quotation_spans", "scan"]

# How far (in characters) a context word may be from an ambiguous name.
CONTEXT_WINDOW = 250

_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_QUOTE_MARK = re.compile('[“”«»„"]')
# Addresses and tags: what a name inside them spells is not prose, and not to be changed.
_MACHINE_TEXT = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w#@])[#@]\w+"
)


class Spans:
    """Sorted spans, for fast "is this inside one of them" questions."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        """True when ``start:end`` lies inside one span."""
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]

    def touches(self, position: int) -> bool:
        """True when *position* lies inside a span."""
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


class Mention(NamedTuple):
    """One mention of an entity; offsets are ``str`` indices into the scanned text.

    A named tuple: immutable like a frozen dataclass, and a long text has thousands of
    mentions, which a tuple builds several times faster. ``scan_text`` and ``scan_file``
    fill in the 1-based lines and columns (the end column is exclusive); the scanner alone
    leaves them 0, as checking needs none.
    """

    start: int
    end: int
    surface: str
    entity: str
    lang: str
    variant: Variant
    alternatives: tuple[Variant, ...] = ()
    quoted: bool = False
    about_name: bool = False
    # An adjective or demonym (цхинвальский), not the name itself: *variant* is then the
    # derived word (its usage tags, if the gazetteer lists it as data), not a name.
    derived: bool = False
    candidates: tuple[Candidate, ...] = ()
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def ambiguous(self) -> bool:
        """True when the surface is a form of more than one variant."""
        return bool(self.alternatives)


def scan(
    text: str,
    *,
    lang: str,
    gazetteer: Gazetteer,
    quoted: Sequence[tuple[int, int]] | None = None,
    tokens: Tokens | None = None,
) -> list[Mention]:
    """Every mention in *text*; *quoted* overrides the quotation spans found in it, and
    *tokens* are ``Tokens(text)`` when the caller has them."""
    tokens = Tokens(text) if tokens is None else tokens
    primary = primary_language(lang)
    reading_of = _Readings(gazetteer, primary)
    machine_text = Spans(machine_text_spans(text))
    found = [
        (match, reading)
        for match in compiled(gazetteer).find(tokens)
        if (reading := reading_of[match.candidates]) is not None
        and (not reading.uncurated or _looks_like_a_name(text, match, reading.variant, primary))
        and not machine_text.touches(match.start)
    ]
    readings = {r.candidates: r for _, r in found}.values()  # of the matches kept
    certain = {r.entity for r in readings if r.context is None}
    words = _ContextWords(tokens)
    covers = Spans(quotation_spans(text) if quoted is None else quoted).covers
    mentions = [  # by position: a long text has thousands, and keywords cost a third more
        Mention(
            match.start,
            match.end,
            text[match.start : match.end],
            reading.entity,
            reading.lang,
            reading.variant,
            reading.alternatives,
            covers(match.start, match.end),
            False,  # about_name
            False,  # derived
            reading.candidates,
        )
        for match, reading in found
        if _counts(match, reading.context, certain, words)
    ]
    mentions = _with_derived(tokens, mentions, gazetteer, primary, covers, machine_text)
    about = names_about_names(tokens, mentions, primary) if mentions else set()
    if not about:
        return mentions
    return [m._replace(about_name=True) if i in about else m for i, m in enumerate(mentions)]


def _with_derived(
    tokens: Tokens,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    lang: str,
    quoted: Callable[[int, int], bool],
    machine_text: Spans,
) -> list[Mention]:
    """Add the adjectives and demonyms (цхинвальский) that no name mention covers, outside
    addresses and tags."""
    words = gazetteer.derived.get(lang)
    found = _derived_index(gazetteer.content_hash, lang, words).find(tokens) if words else []
    if not found:
        return mentions
    taken = Spans((m.start, m.end) for m in mentions)
    added: list[Mention] = []
    text = tokens.text
    seen: dict[tuple[str, str], Variant] = {}  # each distinct word looked up once
    for first, last, entity_id in found:
        start, end = tokens.span(first, last)
        if taken.touches(start) or machine_text.touches(start):
            continue
        entity = gazetteer.entity(entity_id)
        if entity.variants(lang):
            surface = text[start:end]
            word = seen.get((entity_id, surface))
            if word is None:
                word = entity.derived_variant(lang, surface) or _unlisted(surface)
                seen[(entity_id, surface)] = word
            added.append(
                Mention(
                    start=start,
                    end=end,
                    surface=surface,
                    entity=entity_id,
                    lang=lang,
                    variant=word,
                    quoted=quoted(start, end),
                    derived=True,
                )
            )
    return sorted([*mentions, *added], key=attrgetter("start")) if added else mentions


def _unlisted(surface: str) -> Variant:
    """A derived word matched by a stem pattern (сухумск*): the word as written, with no
    usage tag (it names neither usage) and no forms (which case it is, nobody listed).
    Marks that matching ignores (a stress mark) are not part of the word."""
    word = without_dropped(surface)
    return Variant(word, frozenset(), script_of(word), {})


class _DerivedIndex:
    """The derived words of a gazetteer in one language, looked up among a text's tokens.

    A derived word is a run of tokens whose last one may continue (``цхинвальск`` +
    ``ий``); where several end at one token, the longest wins.
    """

    def __init__(self, words: Mapping[str, tuple[str, bool]]) -> None:
        stems = [(name_tokens(stem), entity, wild) for stem, (entity, wild) in words.items()]
        self.stems = sorted((s for s in stems if s[0]), key=lambda s: -len(" ".join(s[0])))
        self.last_token = re.compile(
            "|".join(re.escape(k[-1]) + (r"\w*" if wild else "") for k, _, wild in self.stems)
        )

    def find(self, tokens: Tokens) -> list[tuple[int, int, str]]:
        """(first token, last token, entity) of every derived word in *tokens*, in order."""
        ends = [word for word in tokens.unique if self.last_token.fullmatch(word)]
        if not ends:
            return []
        found: dict[int, tuple[int, int, str]] = {}  # by last token
        for word in ends:
            for last in tokens.positions(word):
                for key, entity, open_ended in self.stems:
                    if word != key[-1] and not (open_ended and word.startswith(key[-1])):
                        continue
                    first = last - len(key) + 1
                    if first >= 0 and tuple(tokens.words[first:last]) == key[:-1]:
                        found[last] = (first, last, entity)
                        break
        return sorted(found.values())


_DERIVED: dict[tuple[str, str], _DerivedIndex] = {}


def _derived_index(
    content_hash: str, lang: str, words: Mapping[str, tuple[str, bool]]
) -> _DerivedIndex:
    """The derived-word index of a gazetteer in a language, built once."""
    found = _DERIVED.get((content_hash, lang))
    if found is None:
        found = _DERIVED[(content_hash, lang)] = _DerivedIndex(words)
    return found


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a matched name reads as in the text's language, worked out once per scan."""

    candidates: tuple[Candidate, ...]  # the readings kept, of one entity
    entity: str
    lang: str  # the first reading's
    variant: Variant  # the first reading's
    alternatives: tuple[Variant, ...]  # the other readings'
    context: Context | None
    uncurated: bool  # a GeoNames name, counted only when written like a name


class _Readings(dict[tuple[Candidate, ...], "_Reading | None"]):
    """Each matched name's reading (``None``: none in any language), keyed by candidates."""

    def __init__(self, gazetteer: Gazetteer, primary: str) -> None:
        super().__init__()
        self.gazetteer, self.primary = gazetteer, primary

    def __missing__(self, candidates: tuple[Candidate, ...]) -> _Reading | None:
        local = [c for c in candidates if c.lang == self.primary]
        chosen = local or list(candidates)
        kept = tuple(c for c in chosen if c.entity == chosen[0].entity)
        reading = None
        if kept:
            variants = [self._variant(c) for c in kept]
            first = variants[0]
            reading = _Reading(
                kept,
                kept[0].entity,
                kept[0].lang,
                first,
                tuple(variants[1:]),
                first.context,
                "geonames" in first.usage or first.usage <= CLDR_TAGS,
            )
        self[candidates] = reading
        return reading

    def _variant(self, candidate: Candidate) -> Variant:
        return self.gazetteer.entity(candidate.entity).names[candidate.lang][candidate.variant]


def _looks_like_a_name(text: str, match: RawMatch, variant: Variant, lang: str) -> bool:
    """Uncurated (GeoNames) names count only when written like one: capitalised, and not a
    common word of the language ("The", "Of" and "And" are places somewhere)."""
    surface = text[match.start : match.end]
    if surface[:1].islower() and not variant.text[:1].islower():
        return False
    return fold_name(surface) not in COMMON_WORDS.get(lang, NO_WORDS)


class _ContextWords:
    """Where a context's words occur in a text: their start offsets, merged and sorted,
    worked out the first time a match asks."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.starts: dict[tuple[str, ...], list[int]] = {}

    def near(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """True when one of *words* occurs within the context window around ``start:end``."""
        starts = self.starts.get(words)
        if starts is None:
            found = (self.tokens.occurrences(name_tokens(word)) for word in words)
            starts = self.starts[words] = sorted(self.tokens.start(i) for f in found for i in f)
        index = bisect_right(starts, end + CONTEXT_WINDOW) - 1
        return index >= 0 and starts[index] >= start - CONTEXT_WINDOW


def _counts(
    match: RawMatch, context: Context | None, certain: set[str], words: _ContextWords
) -> bool:
    if context is None:
        return True
    if words.near(context.unless, match.start, match.end):
        return False
    if not context.entities and not context.words:
        return True
    if context.entities & certain:
        return True
    return words.near(context.words, match.start, match.end)


def machine_text_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, hashtags and @handles: names inside them are
    neither reported nor fixed (a fix would break the link)."""
    if "://" not in text and "www." not in text and "@" not in text and "#" not in text:
        return []
    return [match.span() for match in _MACHINE_TEXT.finditer(text)]


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks: "…", “…”, «…», „…“ (nesting allowed)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_MARK.finditer(text):
        char, index = match.group(), match.start()
        if stack and char == _QUOTE_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, index + 1))
        elif char in _QUOTE_PAIRS:
            stack.append((char, index))
    return spans
