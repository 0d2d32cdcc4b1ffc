"""Mandated names survive machine translation: masked before, restored after.

Every entity reference and gazetteer mention becomes a placeholder ``⟦n⟧`` before the text
is sent. After, each placeholder must come back exactly once and exactly as sent: one
altered on the way (``⟦ 0 ⟧``, ``[[0]]``, ``⟦0]``, other digits), lost, duplicated or
invented is a reason for review (:func:`placeholder_problems`). Each is replaced by the
edition policy's variant of the name in the target language, in the word form its slot
needs: the case Russian context calls for (:func:`~newslib.terms.morphology.infer_case`,
with the reporting verb of an attribution read as its subject: «сказал Лавров»), or the
ending an engine glued to the placeholder (``⟦0⟧s`` → «Suchumis», ``⟦0⟧ში`` → «სოხუმში»).
A slot whose case cannot be told with confidence, or whose case the variant has no form
for, is restored in the nominative and listed — never silently wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newslib.article.model import EntityKind, Ref, Segment, Text
from newslib.terms import Gazetteer, Policy, entity_name, scan_text
from newslib.terms.gazetteer import Variant
from newslib.terms.morphology import CaseGuess, infer_case, infers_case, sentence_start

__all__ = ["Masked", "mask", "placeholder_problems", "unmask"]

# What an engine may make of ``⟦0⟧``: spaces inside, other brackets, other digits.
_LOOSE = re.compile(r"(?:⟦|〚|【|\[\[?)[^\S\n]*(\d{1,4})[^\S\n]*(?:⟧|〛|】|\]\]?)")
_EXACT = re.compile(r"⟦([0-9]{1,4})⟧")
_BRACKETS = "⟦⟧"
_FOREIGN_BRACKETS = "〚〛【】"
# Letters an engine glued to a placeholder: its guess at the name's ending.
_GLUED = re.compile(r"[^\W\d_]{1,4}(?![^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\S\n]*,?[^\S\n]*$")
# A reporting verb before a name is the name's verb: «— сказал Лавров», «заявил Шамба».
_REPORTING = re.compile(
    r"(?:сказа|заяви|сообщи|отмети|подчеркну|добави|поясни|ответи|уточни|напомни|призна|"
    r"замети|рассказа|объяви|предупреди|пообеща|заверя|заверил|говори|констатирова)"
    r"л[аио]?|(?:говорит|заявляет|сообщает|отмечает|подч[её]ркивает|добавляет|поясняет|"
    r"считает|уверен|полагает)"
)
# Titles a person's name stands in apposition to, in the title's case: «министра Лаврова».
_TITLES = re.compile(
    r"(?:министр|глав|президент|премьер|председател|посл|представител|лидер|спикер|канцлер|"
    r"госсекретар|генсек|секретар|депутат|сенатор|дипломат|мэр|губернатор|директор|"
    r"руководител|замглав|заместител)\w*"
)


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


def _slots(translated: str, masked: Masked) -> list[re.Match[str]]:
    """Every placeholder in *translated*, as sent or altered (bracket pairs the source
    text itself had, like ``[[1]]`` in a quoted wiki snippet, excepted)."""
    found = []
    for match in _LOOSE.finditer(translated):
        exact = _EXACT.fullmatch(match.group()) is not None
        if exact or (
            (set(match.group()) & set(_BRACKETS + _FOREIGN_BRACKETS) or "[[" in match.group())
            and match.group() not in masked.text
        ):
            found.append(match)
    return found


def placeholder_problems(translated: str, masked: Masked) -> list[str]:
    """Why the placeholders of *translated* are not exactly those of *masked*, if they are not:
    each one altered, lost, duplicated or invented, and any stray bracket."""
    slots = _slots(translated, masked)
    problems: list[str] = []
    for match in slots:
        index = int(match.group(1))
        if match.group() != f"⟦{index}⟧":
            problems.append(
                f"the placeholder ⟦{index}⟧{_named(masked, index)} came back altered "
                f"as {match.group()!r}"
            )
    counts = Counter(int(match.group(1)) for match in slots)
    for index, ref in enumerate(masked.refs):
        if counts[index] == 0:
            problems.append(f"the name {ref.surface!r} (⟦{index}⟧) was lost in translation")
        elif counts[index] > 1:
            problems.append(f"the name {ref.surface!r} (⟦{index}⟧) came back {counts[index]} times")
    for index in sorted(set(counts) - set(range(len(masked.refs)))):
        problems.append(f"the translation invented a placeholder ⟦{index}⟧")
    rest = _LOOSE.sub("", translated) if slots else translated
    stray = sorted(set(rest) & set(_BRACKETS))
    if stray:
        problems.append(f"a stray placeholder bracket {''.join(stray)!r} is left in the text")
    return problems


def _named(masked: Masked, index: int) -> str:
    return f" ({masked.refs[index].surface!r})" if index < len(masked.refs) else ""


def unmask(
    translated: str,
    masked: Masked,
    *,
    lang: str,
    policy: Policy | None,
    gazetteer: Gazetteer,
) -> tuple[Text, list[str]]:
    """The translated text with every name restored, and the reasons it needs review.

    An altered placeholder is restored too (the reviewer sees the name), but listed.
    """
    problems = placeholder_problems(translated, masked)
    slots = _slots(translated, masked)
    spans = [(m.start(), m.end()) for m in slots]
    segments: list[Segment] = []
    position = 0
    for match in slots:
        segments.append(translated[position : match.start()])
        position = match.end()
        index = int(match.group(1))
        if index >= len(masked.refs):
            continue
        ref = masked.refs[index]
        slot = _Slot(translated, match.start(), match.end(), spans)
        name, consumed, doubt = _restored(slot, ref, lang, policy, gazetteer)
        if doubt:
            problems.append(doubt)
        segments.append(Ref(ref.entity, name))
        position += consumed
    segments.append(translated[position:])
    return Text(tuple(segments)), problems


@dataclass(frozen=True, slots=True)
class _Slot:
    """Where a placeholder stands in the translation, and where the others stand."""

    text: str
    start: int
    end: int
    others: list[tuple[int, int]]

    @property
    def context(self) -> str:
        """The words before it in its sentence, and the slot: «… прошли в ⟦0⟧»."""
        begin = sentence_start(self.text, self.start)
        return " ".join(self.text[begin : self.end].split()[-4:])


def _restored(
    slot: _Slot, ref: Ref, lang: str, policy: Policy | None, gazetteer: Gazetteer
) -> tuple[str, int, str | None]:
    """The policy's name for *ref* in *lang*, in the form its slot needs; how many glued
    characters after the slot that form takes in; and any doubt about it."""
    nominative = entity_name(ref.entity, lang=lang, policy=policy, gazetteer=gazetteer)
    if nominative is None:
        return ref.surface, 0, f"no {lang} name for {ref.entity}; kept {ref.surface!r}"
    variant = next(
        (v for v in gazetteer.entity(ref.entity).variants(lang) if v.text == nominative), None
    )
    needed = _case_needed(slot, lang, gazetteer.entity(ref.entity).kind is EntityKind.PERSON)
    if _letter(slot.text, slot.start - 1) or (
        _letter(slot.text, slot.end) and not _GLUED.match(slot.text, slot.end)
    ):
        return (
            nominative,
            0,
            f"the name {nominative!r} is run together with a word in «{slot.context}»",
        )
    glued = _GLUED.match(slot.text, slot.end)
    if glued is not None:
        return _with_ending(glued.group(), nominative, variant, needed, slot)
    if variant is None or variant.indeclinable or not infers_case(lang):
        return nominative, 0, None
    if needed is None or needed.confidence < 0.8:
        why = f" ({needed.reason})" if needed is not None else ""
        doubt = (
            f"the case {nominative!r} needs in «{slot.context}» is not clear{why}; "
            "restored in the nominative — check the form"
        )
        return nominative, 0, doubt
    if needed.case == "nom":
        return nominative, 0, None
    form = variant.forms.get(needed.case)
    if form is None:
        doubt = (
            f"{nominative!r} has no {needed.case} form, which «{slot.context}» needs "
            f"({needed.reason}); restored in the nominative"
        )
        return nominative, 0, doubt
    return form, 0, None


def _letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalpha()


def _with_ending(
    ending: str, nominative: str, variant: Variant | None, needed: CaseGuess | None, slot: _Slot
) -> tuple[str, int, str | None]:
    """The name where the engine glued *ending* to its placeholder (``⟦0⟧е``, ``⟦0⟧s``):
    the variant's form with that ending (in the case the context needs, where it is told),
    else the nominative with the ending left for the reviewer."""
    forms = variant.forms if variant is not None else {"nom": nominative}
    candidates = {
        case: form
        for case, form in forms.items()
        if form.endswith(ending) and nominative.startswith(form[: len(form) - len(ending)])
    }
    confident = needed is not None and needed.confidence >= 0.8
    if confident and needed is not None:
        candidates = {c: f for c, f in candidates.items() if c == needed.case}
        if not candidates and variant is not None and variant.indeclinable:
            return nominative, len(ending), None  # «в ⟦0⟧е» of Сухуми: «в Сухуми»
    if len(set(candidates.values())) == 1:
        return next(iter(candidates.values())), len(ending), None
    doubt = (
        f"the translation glued {ending!r} to the name in «{slot.context}{ending}»; no "
        f"single form of {nominative!r} fits — check the ending"
    )
    return nominative, 0, doubt


def _case_needed(slot: _Slot, lang: str, person: bool) -> CaseGuess | None:
    """The case the slot needs, as Russian context tells it (``None`` elsewhere).

    Two readings correct the generic rules for names in translated copy: a reporting
    verb before a name is its verb («— сказал ⟦0⟧»: nominative, not the verb's object), and
    a person's name after a title stands in the title's case, which is not told here.
    """
    if not infers_case(lang):
        return None
    begin = sentence_start(slot.text, slot.start)
    words = re.findall(r"[^\W\d_]+", slot.text[begin : slot.start])[-3:]
    before = _WORD_BEFORE.search(slot.text, begin, slot.start)
    if before is not None and _REPORTING.fullmatch(before.group(1).lower()):
        return CaseGuess("nom", 0.9, f"the speaker after «{before.group(1)}»: nominative")
    title = next((w for w in reversed(words) if _TITLES.fullmatch(w.lower())), None)
    if person and title is not None:
        return CaseGuess("nom", 0.5, f"in apposition to «{title}», in its case")
    others = [span for span in slot.others if span != (slot.start, slot.end)]
    return infer_case(slot.text, slot.start, lang, slot.end, names=others)
