"""Grammatical case of a name's slot, inferred from its context; word forms for new names.

Needed when a fix replaces an indeclinable variant (Сухуми) with a declinable one
(Сухум): "в Сухуми" must become "в Сухуме", "из Сухуми" "из Сухума". The rules, most
specific first:

1. a dateline (``СУХУМИ, 5 мая.``): nominative;
2. a governing preposition, with its ambiguities (в/на + accusative after verbs and nouns
   of motion, prepositional otherwise; за + accusative after "бои", "борьба");
3. apposition to a geographic noun ("в столице региона Сухуми" takes the case of
   "столице", read with pymorphy3 and narrowed by its own preposition);
4. a governing noun ("жители Сухуми"): genitive;
5. a transitive verb ("посетил Сухуми"): accusative;
6. the subject at the start of a sentence, before its verb: nominative.

Every guess carries a confidence; callers apply only confident guesses unless told
otherwise. Without pymorphy3 (the ``ru`` extra) only rules 1 and 2 apply. Context words
are read as matching reads names: a stress mark or a soft hyphen inside one ("в
го́роде") is part of the word, and dropped before the word is looked up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newslib.article.model import primary_language
from newslib.terms.declension import declension_for
from newslib.terms.fold import DROPPED, without_dropped
from newslib.terms.wordforms import analyzer, like_case

__all__ = [
    "CaseGuess",
    "FormProposal",
    "elide",
    "infer_case",
    "infers_case",
    "propose_forms",
    "sentence_start",
]

# pymorphy3's case tags, and ours.
_CASES = {"nomn": "nom", "gent": "gen", "datv": "dat", "accs": "acc", "ablt": "ins", "loct": "loc"}
_CASES.update({"gen2": "gen", "loc2": "loc", "acc2": "acc"})


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
         "вдоль", "внутри", "вне", "среди", "посреди", "напротив", "накануне", "вместо",
         "ради", "относительно", "помимо", "со стороны", "в районе", "в окрестностях",
         "в пределах", "в направлении", "в сторону", "недалеко от", "неподалёку от",
         "неподалеку от", "к северу от", "к югу от", "к западу от", "к востоку от"),
        (("gen", 0.95),),
    ),
    **dict.fromkeys(("к", "ко", "благодаря", "согласно", "вопреки", "навстречу"),
                    (("dat", 0.95),)),
    "по": (("dat", 0.85),),
    **dict.fromkeys(("о", "об", "обо", "при"), (("loc", 0.95),)),
    **dict.fromkeys(("через", "про", "сквозь", "на протяжении"), (("acc", 0.9),)),
    **dict.fromkeys(("над", "надо", "перед", "передо", "между"), (("ins", 0.9),)),
    **dict.fromkeys(("под", "подо"), (("ins", 0.85), ("acc", 0.15))),
    "за": (("ins", 0.6), ("acc", 0.4)),
    # с + genitive ("с Кавказа") is for surfaces and regions; with a town, it is "with".
    **dict.fromkeys(("с", "со"), (("ins", 0.85), ("gen", 0.15))),
    **dict.fromkeys(("в", "во"), (("loc", 0.85), ("acc", 0.15))),
    "на": (("loc", 0.7), ("acc", 0.3)),
}  # fmt: skip

# Lemmas after which в/на (and под) mean direction: accusative.
_MOTION = frozenset(
    "ехать приехать поехать въехать заехать уехать прибыть прибывать вернуться возвращаться "
    "отправиться отправляться направиться направляться переехать перебраться прилететь "
    "прилетать лететь полететь вылететь вылетать выехать выезжать доехать добраться дойти "
    "войти входить вступить вступать ввести вводить перебросить перевезти перевозить "
    "переправить переправиться бежать сбежать "
    "доставить доставлять отправить направить эвакуировать переселиться отступить наступать "
    "визит поездка приезд въезд переезд дорога путь маршрут рейс возвращение переброска "
    "наступление удар марш поход командировка".split()
)
# Lemmas after which за means "for": accusative (бои за Сухуми).
_FOR = frozenset("бой борьба битва сражение война ответственность сражаться воевать".split())
# Nouns whose apposition agrees with them: "в столице … Сухуме".
_GEO_HEADS = frozenset(
    "столица город село посёлок поселок деревня станица район регион центр курорт порт "
    "муниципалитет".split()
)
_PREPOSITION_WORDS = frozenset(w for key in _RU_PREPOSITIONS for w in key.split())
# «в г. Сухуми»: abbreviated heads, any case; their full stop ends no sentence.
_ABBREVIATED_HEADS = frozenset("г гор пос пгт дер ст".split())
_SENTENCE_END = re.compile(r"[.!?…;:«»\"“”()\[\]—–]|\n\s*\n")
_LETTERS = rf"(?:[^\W\d_][{re.escape(DROPPED)}]*)+"  # a stress mark is part of its word
_WORD = re.compile(rf"{_LETTERS}(?:-{_LETTERS})*")
_YEAR_BEFORE = re.compile(r"\d\s*гг?\.\s*$")
_DASH_AFTER = re.compile(r"[^\S\n]*[—–][^\S\n]*(\w)")
_DASH_BEFORE = re.compile(r"(\w+)[^\S\n]*[—–][^\S\n]*$")


def infer_case(
    text: str,
    start: int,
    lang: str,
    end: int | None = None,
    *,
    names: Sequence[tuple[int, int]] = (),
) -> CaseGuess | None:
    """The case of the name at ``text[start:end]``, or ``None`` when it cannot be told.

    *names* are the spans of other known names in *text*: a name never governs the next
    one, though pymorphy3 may take it for a common noun ("Сухума").
    """
    if not infers_case(lang):
        return None
    end = start if end is None else end
    dateline = _dateline(text, start, end)
    if dateline is not None:
        return dateline
    if _YEAR_BEFORE.search(text, max(0, start - 12), start):
        return None  # «в 2008 г. Сухуми …»: a year, not a town, stands before the name
    matches = list(_WORD.finditer(text, sentence_start(text, start), start))
    words = [without_dropped(m.group()).lower() for m in matches]
    named = {i for i, m in enumerate(matches) if any(s <= m.start() < e for s, e in names)}
    return (
        _preposition(words)
        or _agreeing_adjective(words)
        or _dash_pair(text, start, end, words)
        or _apposition_or_governing_noun(words, named)
        or _transitive_verb(words)
        or _subject(words, text, end)
    )


def _agreeing_adjective(words: list[str]) -> CaseGuess | None:
    """«в абхазском Сухуми»: an adjective before the name agrees with it; its case, narrowed
    by a preposition before it, decides."""
    if not words or _analyzer() is None:
        return None
    cases = _adjective_cases(words[-1])
    if not cases:
        return None
    preposition = _last_preposition(words[:-1])
    if preposition:
        allowed = {case for case, _ in _RU_PREPOSITIONS[preposition]}
        cases = [case for case in cases if case in allowed]
    if len(cases) != 1:
        return None
    return CaseGuess(cases[0], 0.9, f"agrees with the adjective «{words[-1]}»")


def _dash_pair(text: str, start: int, end: int, words: list[str]) -> CaseGuess | None:
    """A name beside a dash is named, not governed: «Сухуми — столица Абхазии» opens its
    sentence in the nominative; «дорога Сухуми — Гали» and «поезд Москва — Сухуми» name a
    route, most likely in the nominative."""
    after = _DASH_AFTER.match(text, end)
    if after is not None and not words:
        return CaseGuess("nom", 0.85, "opens its sentence before a dash: nominative")
    before = _DASH_BEFORE.search(text, max(0, start - 40), start)
    if (after is not None and after.group(1).isupper()) or (
        before is not None and before.group(1)[:1].isupper()
    ):
        return CaseGuess("nom", 0.7, "«… — …» names a route or a pair: probably nominative")
    return None


def _dateline(text: str, start: int, end: int) -> CaseGuess | None:
    line_start = text.rfind("\n", 0, start) + 1
    surface = text[start:end]
    if (
        not text[line_start:start].strip()
        and surface.isupper()
        and re.match(r",\s*\d", text[end : end + 4])
    ):
        return CaseGuess("nom", 0.95, "a dateline names the place in the nominative")
    return None


def infers_case(lang: str) -> bool:
    """True for the languages :func:`infer_case` reads (Russian)."""
    return primary_language(lang) == "ru"


def sentence_start(text: str, start: int) -> int:
    """Where the context :func:`infer_case` reads for a name at *start* begins."""
    window = max(0, start - 200)
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text, window, start)
        if m.group() != "." or _word_before(text, m.start()) not in _ABBREVIATED_HEADS
    ]
    return ends[-1] if ends else (window if window else 0)


def _word_before(text: str, index: int) -> str:
    """The word that ends at *index*, lower-cased ("" if none)."""
    begin = index
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:index].lower()


def _preposition(words: list[str]) -> CaseGuess | None:
    for size in (2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(words[-size:])
        readings = _RU_PREPOSITIONS.get(phrase)
        if readings is None:
            continue
        case, confidence = readings[0]
        before = _lemma(words[-size - 1]) if len(words) > size else None
        if phrase in ("в", "во", "на", "под") and before in _MOTION:
            return CaseGuess("acc", 0.9, f"«{words[-size - 1]} {phrase}»: direction, accusative")
        route = _route_from(words[:-size]) if phrase in ("в", "во", "на") else None
        if route is not None:
            return route
        if phrase == "за" and before in _FOR:
            return CaseGuess("acc", 0.9, f"«{words[-size - 1]} за»: accusative")
        return CaseGuess(case, confidence, f"governed by «{phrase}»")
    return None


def _route_from(words: list[str]) -> CaseGuess | None:
    """«из Ахалгори в …»: a route, so в takes the accusative — certainly after a word of
    motion («дорога из … в»), probably otherwise («делегация из Москвы в …» may say
    where the delegation is)."""
    found = [i for i in range(max(0, len(words) - 3), len(words)) if words[i] in ("из", "изо")]
    if not found:
        return None
    before = _lemma(words[found[-1] - 1]) if found[-1] > 0 else None
    if before in _MOTION:
        return CaseGuess("acc", 0.9, f"«{words[found[-1] - 1]} из … в»: direction, accusative")
    return CaseGuess("acc", 0.7, "«из … в»: probably direction, accusative")


def _apposition_or_governing_noun(words: list[str], named: set[int]) -> CaseGuess | None:
    """ "в столице региона Сухуми" agrees with "столице"; "жители Сухуми" is genitive.

    Words at the indexes in *named* are known names: complements, never heads.
    """
    if not words or _analyzer() is None:
        return None
    # Skip genitive complements between a head noun and the name ("столице [региона]").
    index = len(words) - 1
    while (
        index > 0
        and index - 1 not in named
        and _is_genitive_noun(words[index])
        and _is_noun(words[index - 1])
    ):
        if _lemma(words[index - 1]) in _GEO_HEADS:
            index -= 1
            break
        index -= 1
    head = words[index]
    if index in named:
        return None
    abbreviated = head in _ABBREVIATED_HEADS
    if abbreviated or (_is_noun(head) and _lemma(head) in _GEO_HEADS):
        cases = list(dict.fromkeys(_CASES.values())) if abbreviated else _noun_cases(head)
        preposition = _preposition(words[:index])
        if preposition is not None:
            allowed = {c for c, _ in _RU_PREPOSITIONS.get(_last_preposition(words[:index]), ())}
            cases = [c for c in cases if c in allowed] or cases
            if preposition.case in cases and preposition.confidence >= 0.85:
                cases = [preposition.case]
        if len(set(cases)) == 1:
            return CaseGuess(cases[0], 0.85, f"in apposition to «{head}»")
        return None
    # Otherwise the noun right before the name governs it: «мэра Сухуми», «глава
    # администрации Сухуми».
    last = len(words) - 1
    noun = words[last]
    if (
        last not in named
        and _is_noun(noun)
        and not _is_proper(noun)
        and noun not in _PREPOSITION_WORDS
    ):
        return CaseGuess("gen", 0.85, f"governed by the noun «{noun}»: genitive")
    return None


def _last_preposition(words: list[str]) -> str:
    for size in (2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in _RU_PREPOSITIONS:
            return phrase
    return ""


def _transitive_verb(words: list[str]) -> CaseGuess | None:
    if not words or _analyzer() is None:
        return None
    parse = _best(words[-1])
    if parse is not None and {"VERB", "tran"} <= set(parse.tag.grammemes):
        return CaseGuess("acc", 0.85, f"the object of «{words[-1]}»: accusative")
    return None


def _subject(words: list[str], text: str, end: int) -> CaseGuess | None:
    """A name that opens its sentence and is followed by a verb is its subject."""
    if words or _analyzer() is None:
        return None
    following = _WORD.search(text, end)
    if following is None or following.start() - end > 3:
        return None
    parse = _best(without_dropped(following.group()).lower())
    if parse is not None and ({"VERB"} & set(parse.tag.grammemes)) and "3per" in str(parse.tag):
        return CaseGuess("nom", 0.85, f"the subject of «{following.group()}»: nominative")
    if parse is not None and "VERB" in parse.tag.grammemes and "past" in parse.tag.grammemes:
        return CaseGuess("nom", 0.85, f"the subject of «{following.group()}»: nominative")
    return None


# ---------------------------------------------------------------------- pymorphy3


def _analyzer() -> Any | None:
    """pymorphy3's Russian analyser, loaded once; ``None`` without the ``ru`` extra."""
    return analyzer("ru")


@cache
def _parses(word: str) -> tuple[Any, ...]:
    analyzer = _analyzer()
    return tuple(analyzer.parse(word)) if analyzer is not None else ()


def _best(word: str) -> Any | None:
    parses = _parses(word)
    return parses[0] if parses else None


def _lemma(word: str) -> str | None:
    parse = _best(word)
    return str(parse.normal_form).replace("ё", "е") if parse is not None else word


def _is_noun(word: str) -> bool:
    parse = _best(word)
    return parse is not None and "NOUN" in parse.tag.grammemes and parse.score >= 0.3


def _is_proper(word: str) -> bool:
    """A name (place, person, organisation): two names in a row govern nothing."""
    return any(
        {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"} & set(p.tag.grammemes)
        for p in _parses(word)
    )


def _is_genitive_noun(word: str) -> bool:
    return any("NOUN" in p.tag.grammemes and "gent" in p.tag.grammemes for p in _parses(word))


def _adjective_cases(word: str) -> list[str]:
    """The cases *word* has as a full adjective or participle (abbreviated: none)."""
    found: list[str] = []
    for parse in _parses(word):
        tags = parse.tag.grammemes
        if ({"ADJF", "PRTF"} & tags) and parse.tag.case in _CASES and parse.score >= 0.1:
            case = _CASES[parse.tag.case]
            if case not in found:
                found.append(case)
    return found


def _noun_cases(word: str) -> list[str]:
    found: list[str] = []
    for parse in _parses(word):
        if "NOUN" in parse.tag.grammemes and parse.tag.case in _CASES:
            case = _CASES[parse.tag.case]
            if case not in found:
                found.append(case)
    return found


# ---------------------------------------------------------------------- new names


@dataclass(frozen=True, slots=True)
class FormProposal:
    """A proposed paradigm for a new name: where it came from, and what to confirm."""

    word: str
    forms: dict[str, str]
    source: str
    doubts: tuple[str, ...]
    alternatives: tuple[tuple[str, dict[str, str]], ...] = ()


def propose_forms(word: str, lang: str = "ru") -> FormProposal:
    """The six case forms of a new Russian name, seeded by pymorphy3, with its doubts.

    pymorphy3 misreads some of these names (Сухум as a plural genitive, Ленингор as a
    person); its reading is checked against the declension class the ending suggests, and
    every disagreement is listed. Stored forms stay the source of truth: this only drafts
    them for a human to confirm.
    """
    from newslib.errors import UsageError
    from newslib.terms.declension import forms as class_forms

    if primary_language(lang) != "ru":
        raise UsageError(f"forms are proposed for Russian only, not {lang!r}")
    if not word.strip() or len(word) > 100:
        raise UsageError("give the name in the nominative, e.g. 'Сухум' (1 to 100 characters)")
    analyzer = _analyzer()
    if analyzer is None:
        raise UsageError("proposing forms needs pymorphy3: pip install 'newslib[ru]'")
    declension = declension_for(word)
    by_class = class_forms(word, declension)
    nouns = [p for p in analyzer.parse(word) if "NOUN" in p.tag.grammemes]
    nominative = [
        p for p in nouns if p.tag.case == "nomn" and p.word == word.lower() and "sing" in p.tag
    ]
    nominative.sort(
        key=lambda p: ("Abbr" not in p.tag, "Geox" in p.tag.grammemes, "inan" in p.tag, p.score)
    )
    if not nominative:
        readings = ", ".join(sorted({f"{p.normal_form} ({p.tag})" for p in nouns[:3]}))
        return FormProposal(
            word,
            by_class,
            f"declension class {declension}",
            (
                "pymorphy3 has no nominative singular reading of this word"
                + (f" (it reads: {readings})" if readings else "")
                + f"; the forms follow the class {declension} its ending suggests",
            ),
        )
    chosen = nominative[-1]
    forms = _paradigm(chosen, word)
    doubts: list[str] = []
    method = type(chosen.methods_stack[0][0]).__name__
    if method != "DictionaryAnalyzer":
        doubts.append(f"not in pymorphy3's dictionary: it guessed ({method}); check every form")
    if chosen.score < 0.5:
        doubts.append(f"pymorphy3 is only {chosen.score:.0%} sure of this reading ({chosen.tag})")
    if "anim" in chosen.tag.grammemes:
        doubts.append("read as animate (a person's name?): check the accusative of a place")
    if "Fixd" in chosen.tag.grammemes:
        doubts.append("the dictionary marks it indeclinable (declension: ru-indeclinable)")
    alternatives: list[tuple[str, dict[str, str]]] = []
    if forms != by_class:
        differing = ", ".join(c for c in forms if forms[c] != by_class.get(c))
        doubts.append(f"the class {declension} gives other forms for: {differing}")
        alternatives.append((f"declension class {declension}", by_class))
    return FormProposal(
        word, forms, f"pymorphy3 ({chosen.tag})", tuple(doubts), tuple(alternatives)
    )


def _paradigm(parse: Any, word: str) -> dict[str, str]:
    number = "plur" if "plur" in parse.tag.grammemes else "sing"
    forms: dict[str, str] = {}
    for ours, theirs in (("nom", "nomn"), ("gen", "gent"), ("dat", "datv"), ("acc", "accs"),
                         ("ins", "ablt"), ("loc", "loct")):  # fmt: skip
        inflected = parse.inflect({number, theirs})
        form = inflected.word if inflected is not None else parse.word
        forms[ours] = like_case(form, word)
    return forms


# ---------------------------------------------------------------------- French elision

_ELIDABLE = {"de": "d", "que": "qu", "jusque": "jusqu", "lorsque": "lorsqu", "puisque": "puisqu"}
_FULL = {elided: full for full, elided in _ELIDABLE.items()}
_FR_VOWEL_START = re.compile(r"[aeiouyhàâäéèêëîïôöûüœæ]", re.IGNORECASE)
_FR_BEFORE_FULL = re.compile(r"(?<!\w)(de|que|jusque|lorsque|puisque)\s+$", re.IGNORECASE)
_FR_BEFORE_ELIDED = re.compile(r"(?<!\w)(d|qu|jusqu|lorsqu|puisqu)(['’])$", re.IGNORECASE)


def elide(text: str, start: int, end: int, replacement: str, lang: str) -> tuple[int, int, str]:
    """Widen a replacement to the word before it where French elision changes it.

    >>> elide("la région de Leningor", 13, 21, "Akhalgori", "fr")
    (10, 21, "d'Akhalgori")
    >>> elide("la région d’Akhalgori", 12, 21, "Leningor", "fr")
    (10, 21, 'de Leningor')
    """
    if primary_language(lang) != "fr" or not replacement:
        return start, end, replacement
    before = text[max(0, start - 12) : start]
    vowel = _FR_VOWEL_START.match(replacement) is not None
    full = _FR_BEFORE_FULL.search(before)
    if full and vowel:
        word = full.group(1)
        elided = _ELIDABLE[word.lower()]
        elided = (
            elided.upper()
            if word.isupper()
            else elided.capitalize()
            if word[0].isupper()
            else elided
        )
        apostrophe = "’" if text.count("’") > text.count("'") else "'"
        return start - (len(before) - full.start()), end, f"{elided}{apostrophe}{replacement}"
    short = _FR_BEFORE_ELIDED.search(before)
    if short and not vowel:
        word = short.group(1)
        restored = _FULL[word.lower()]
        restored = restored.capitalize() if word[0].isupper() else restored
        return start - (len(before) - short.start()), end, f"{restored} {replacement}"
    return start, end, replacement
