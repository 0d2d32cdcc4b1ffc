"""Scanning: every mention of a gazetteer entity in a text, with what is known about it.

A mention knows its span, the entity, the variant (and the other variants the same
surface could be, like Очамчире), whether it stands inside a quotation, and whether the
text is talking about the name itself ("Tskhinvali, also spelled Tskhinval").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newslib.terms.fold import fold_name
from newslib.terms.gazetteer import Context, Gazetteer, Variant
from newslib.terms.matcher import Candidate, RawMatch, compiled

__all__ = ["Mention", "quotation_spans", "scan"]

# How far (in characters) a context word may be from an ambiguous name.
CONTEXT_WINDOW = 250

# What joins two names of one entity when the text discusses the names themselves.
_ABOUT_NAMES = re.compile(
    r"""^\s*(?:
        ,?\s*(?:also|otherwise|formerly|previously|now|or)?\s*
            (?:spelled|spelt|written|known\s+as|called|named|rendered\s+as)\s*["“«']?
      | ,?\s*or\s+["“«']?
      | \s*\(\s*(?:or\s+|also\s+|formerly\s+|aka\s+)?["“«']?
      | \s*/\s*
      | ,?\s*(?:или|он\s+же|также|ранее|прежде|иначе)\s*(?:—\s*)?["“«']?
      | ,?\s*(?:также\s+)?(?:известн\w*\s+как|называем\w*|пишут)\s*["“«']?
      | ,?\s*(?:oder|auch|früher|bzw\.)\s*(?:genannt|geschrieben)?\s*["“«„']?
      | ,?\s*(?:ou|aussi|anciennement|dit)\s*(?:appelée?|écrit)?\s*["“«']?
      | ,?\s*(?:ანუ|იგივე)\s*["“«„']?
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity; offsets are ``str`` indices into the scanned text."""

    start: int
    end: int
    surface: str
    entity: str
    lang: str
    variant: Variant
    alternatives: tuple[Variant, ...] = ()
    quoted: bool = False
    about_name: bool = False
    candidates: tuple[Candidate, ...] = field(default=(), repr=False, compare=False)

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
) -> list[Mention]:
    """Every mention in *text*; *quoted* overrides the quotation spans found in it."""
    names = compiled(gazetteer)
    raw = [m for m in (_choose(match, lang, gazetteer) for match in names.find(text)) if m]
    certain = {m.candidates[0].entity for m in raw if _context(gazetteer, m) is None}
    spans = quotation_spans(text) if quoted is None else quoted
    mentions = [
        _mention(text, match, gazetteer, spans)
        for match in raw
        if _counts(text, match, gazetteer, certain)
    ]
    return _mark_names_about_names(text, mentions)


def _choose(match: RawMatch, lang: str, gazetteer: Gazetteer) -> RawMatch | None:
    """Keep the readings in the text's language, else all; one entity only."""
    primary = lang.split("-")[0].split("_")[0]
    local = [c for c in match.candidates if c.lang == primary]
    candidates = local or list(match.candidates)
    if not candidates:
        return None
    entity = candidates[0].entity
    same = tuple(c for c in candidates if c.entity == entity)
    return RawMatch(match.start, match.end, same)


def _context(gazetteer: Gazetteer, match: RawMatch) -> Context | None:
    first = match.candidates[0]
    variant = gazetteer.entity(first.entity).names[first.lang][first.variant]
    return variant.context


def _counts(text: str, match: RawMatch, gazetteer: Gazetteer, certain: set[str]) -> bool:
    first = match.candidates[0]
    context = gazetteer.entity(first.entity).names[first.lang][first.variant].context
    if context is None:
        return True
    window = fold_name(text[max(0, match.start - CONTEXT_WINDOW) : match.end + CONTEXT_WINDOW])
    if any(_has_word(window, word) for word in context.unless):
        return False
    if not context.entities and not context.words:
        return True
    if context.entities & certain:
        return True
    return any(_has_word(window, word) for word in context.words)


def _has_word(window: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold_name(word))}(?!\w)", window) is not None


def _mention(
    text: str, match: RawMatch, gazetteer: Gazetteer, quotes: Sequence[tuple[int, int]]
) -> Mention:
    first = match.candidates[0]
    variants = gazetteer.entity(first.entity).names[first.lang]
    others = tuple(variants[c.variant] for c in match.candidates[1:])
    return Mention(
        start=match.start,
        end=match.end,
        surface=text[match.start : match.end],
        entity=first.entity,
        lang=first.lang,
        variant=variants[first.variant],
        alternatives=others,
        quoted=any(s <= match.start and match.end <= e for s, e in quotes),
        candidates=match.candidates,
    )


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks: "…", “…”, «…», „…“ (nesting allowed)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if stack and char == _QUOTE_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, index + 1))
        elif char in _QUOTE_PAIRS:
            stack.append((char, index))
    return spans


def _mark_names_about_names(text: str, mentions: list[Mention]) -> list[Mention]:
    about: set[int] = set()
    for i, (left, right) in enumerate(itertools.pairwise(mentions)):
        if left.entity != right.entity or left.variant == right.variant:
            continue
        if _ABOUT_NAMES.match(text[left.end : right.start]):
            about.update((i, i + 1))
    if not about:
        return mentions
    return [_replace_about(m) if i in about else m for i, m in enumerate(mentions)]


def _replace_about(mention: Mention) -> Mention:
    return replace(mention, about_name=True)
