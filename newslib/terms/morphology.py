"""Grammatical case of a name's slot, inferred from its context.

Needed when a fix replaces an indeclinable variant (Сухуми) with a declinable one
(Сухум): "в Сухуми" must become "в Сухуме", "из Сухуми" "из Сухума". Every guess carries
a confidence; callers apply only confident guesses unless told otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CaseGuess", "infer_case"]


@dataclass(frozen=True, slots=True)
class CaseGuess:
    """An inferred case with a confidence in [0, 1] and the reason, for humans."""

    case: str
    confidence: float
    reason: str


# Russian prepositions and the cases they govern, most likely first, with confidence.
_RU_PREPOSITIONS: dict[str, tuple[tuple[str, float], ...]] = {
    **dict.fromkeys(
        ("из", "изо", "от", "ото", "до", "у", "около", "возле", "вокруг", "близ", "для",
         "без", "безо", "из-за", "из-под", "после", "кроме", "против", "вблизи", "мимо",
         "вдоль", "внутри", "вне", "среди", "посреди", "напротив", "со стороны", "накануне",
         "вместо", "ради", "относительно", "помимо", "возле", "в районе", "в окрестностях",
         "в пределах", "в направлении", "в сторону", "со стороны"),
        (("gen", 0.95),),
    ),
    **dict.fromkeys(("к", "ко", "благодаря", "согласно", "вопреки", "навстречу"),
                    (("dat", 0.95),)),
    "по": (("dat", 0.85),),
    **dict.fromkeys(("о", "об", "обо", "при"), (("loc", 0.95),)),
    **dict.fromkeys(("через", "про", "сквозь", "на протяжении"), (("acc", 0.9),)),
    **dict.fromkeys(("под", "над", "перед", "передо", "между", "за", "подо", "надо"),
                    (("ins", 0.8),)),
    # с + genitive ("с Кавказа") is for surfaces and regions; with a town, it is "with".
    "с": (("ins", 0.85), ("gen", 0.15)),
    "со": (("ins", 0.85), ("gen", 0.15)),
    "в": (("loc", 0.8), ("acc", 0.2)),
    "во": (("loc", 0.8), ("acc", 0.2)),
    "на": (("loc", 0.8), ("acc", 0.2)),
}  # fmt: skip

# Words before в/на that make it a direction (accusative): "приехал в Сухуми".
_RU_MOTION = re.compile(
    r"(?:ехал|ехала|ехали|едет|едут|ехать|прибыл|прибыла|прибыли|прибудет|прибудут|"
    r"прилетел|прилетела|прилетели|прилетит|вернулся|вернулась|вернулись|вернуться|"
    r"отправил\w*|направил\w*|переехал\w*|переехать|въехал\w*|вошл\w*|вош[её]л|вступил\w*|"
    r"визит|визита|визите|поездк\w*|перев[её]з\w*|перенес\w*|перенос\w*|доставил\w*|"
    r"направлен\w*|приезд\w*|въезд\w*|поехал\w*|поехать|летит|летят|лететь|прибыти\w*)$",
)
_RU_WORD = re.compile(r"[\w-]+(?=[^\w-]*$)")


def infer_case(text: str, start: int, lang: str) -> CaseGuess | None:
    """The case of the word starting at *start* in *text*, or ``None`` when unknown."""
    if lang.split("-")[0] != "ru":
        return None
    before = text[max(0, start - 120) : start]
    words = re.findall(r"[\w-]+", before.lower())
    if not words or re.search(r"[.!?;:«»\"“”()]\s*$", before):
        return None
    return _ru_preposition(words)


def _ru_preposition(words: list[str]) -> CaseGuess | None:
    two = " ".join(words[-2:])
    for phrase in (two, words[-1]):
        readings = _RU_PREPOSITIONS.get(phrase)
        if readings is None:
            continue
        case, confidence = readings[0]
        if phrase in ("в", "во", "на") and len(words) >= 2 and _RU_MOTION.search(words[-2]):
            return CaseGuess("acc", 0.9, f"«{words[-2]} {phrase}»: direction, accusative")
        return CaseGuess(case, confidence, f"governed by «{phrase}»")
    return None
