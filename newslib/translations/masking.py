"""Mandated names survive machine translation: masked before, restored after.

Every entity reference and gazetteer mention becomes a placeholder ``⟦n⟧`` before the text
is sent. After, each placeholder must come back exactly once; it is replaced by the
edition policy's variant of the name in the target language, in the word form its slot
needs (Russian case inferred from the translated context). Anything lost, duplicated,
unknown or guessed is listed, and the draft is marked for review — never silently wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newslib.article.model import Ref, Segment, Text, primary_language
from newslib.terms import Gazetteer, Policy, entity_name, scan_text
from newslib.terms.morphology import infer_case

__all__ = ["Masked", "mask", "unmask"]

_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its names replaced by placeholders, and what each one stands for."""

    text: str
    refs: tuple[Ref, ...]  # placeholder n stands for refs[n]


def mask(text: Text, *, lang: str, gazetteer: Gazetteer) -> Masked:
    """Replace every reference and every gazetteer name in *text* with a placeholder."""
    refs: list[Ref] = []
    out: list[str] = []
    for segment in text.segments:
        if isinstance(segment, Ref):
            out.append(f"⟦{len(refs)}⟧")
            refs.append(segment)
            continue
        position = 0
        for mention in scan_text(segment, lang=lang, gazetteer=gazetteer):
            if mention.derived:
                continue
            out.append(segment[position : mention.start])
            out.append(f"⟦{len(refs)}⟧")
            refs.append(Ref(mention.entity, mention.surface))
            position = mention.end
        out.append(segment[position:])
    return Masked("".join(out), tuple(refs))


def unmask(
    translated: str,
    masked: Masked,
    *,
    lang: str,
    policy: Policy | None,
    gazetteer: Gazetteer,
) -> tuple[Text, list[str]]:
    """The translated text with every name restored, and the reasons it needs review."""
    problems: list[str] = []
    counts = Counter(int(n) for n in _PLACEHOLDER.findall(translated))
    for index, ref in enumerate(masked.refs):
        if counts[index] == 0:
            problems.append(f"the name {ref.surface!r} was lost in translation")
        elif counts[index] > 1:
            problems.append(f"the name {ref.surface!r} came back {counts[index]} times")
    for index in sorted(set(counts) - set(range(len(masked.refs)))):
        problems.append(f"the translation invented a placeholder ⟦{index}⟧")
    segments: list[Segment] = []
    position = 0
    for match in _PLACEHOLDER.finditer(translated):
        segments.append(translated[position : match.start()])
        position = match.end()
        index = int(match.group(1))
        if index >= len(masked.refs):
            continue
        ref = masked.refs[index]
        name, doubt = _name(translated, match.start(), match.end(), ref, lang, policy, gazetteer)
        if doubt:
            problems.append(doubt)
        segments.append(Ref(ref.entity, name))
    segments.append(translated[position:])
    return Text(tuple(segments)), problems


def _name(
    text: str,
    start: int,
    end: int,
    ref: Ref,
    lang: str,
    policy: Policy | None,
    gazetteer: Gazetteer,
) -> tuple[str, str | None]:
    """The policy's name for *ref* in *lang*, in the form its slot needs; and any doubt."""
    nominative = entity_name(ref.entity, lang=lang, policy=policy, gazetteer=gazetteer)
    if nominative is None:
        return ref.surface, f"no {lang} name for {ref.entity}; kept {ref.surface!r}"
    variant = next(
        (v for v in gazetteer.entity(ref.entity).variants(lang) if v.text == nominative), None
    )
    if variant is None or variant.indeclinable or primary_language(lang) != "ru":
        return nominative, None
    guess = infer_case(text, start, lang, end)
    if guess is None or guess.confidence < 0.8 or guess.case not in variant.forms:
        return nominative, f"the word form of {nominative!r} is a guess (nominative)"
    return variant.forms[guess.case], None
