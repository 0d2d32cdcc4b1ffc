"""Every word form of a name the gazetteer was given without any: generated, with a confidence.

A variant that lists no ``forms`` and names no ``declension`` (a newsroom's own YAML, a
GeoNames merge, the world gazetteer) gets its forms from :func:`word_forms`:

* Russian and Ukrainian through pymorphy3's dictionaries (the ``ru`` and ``uk`` extras),
  word by word, adjectives agreeing with their noun (Нижний Новгород → Нижнего Новгорода),
  parts of a hyphenated name each (Петропавловск-Камчатский), nothing after a
  preposition (Ростов-на-Дону); indeclinable names stay so (Сочи), plural-only names
  decline as plurals (Гагры → Гагр, Гаграм, Гаграх);
* German genitive -s (Kiew → Kiews; none after s, ß, x, z);
* Georgian case endings and fused postpositions (სოხუმი → სოხუმში, სოხუმსა, სოხუმზე);
* Ossetian (Iron) cases (Цхинвал → Цхинвалы, Цхинвалӕн, Цхинвалыл) and Abkhaz
  postpositional suffixes (Аҟәа → Аҟәаҟны, Аҟәахь);
* French elision (d'Odessa, l'Ukraine) is *written*, not a form: the tokenizer reads
  ``d'``/``d’`` as a token of its own, so the bare name matches, and a fix adjusts the
  article (:func:`newslib.terms.morphology.elide`).

*confidence* says how far to trust the forms: a name pymorphy3 knows as a place is 1.0, a
rule over a regular ending 0.8–0.9, a name its guesser inflected or an ending rule with
exceptions lower. Low-confidence forms are matched like any other, but a fix *into* them
needs a human (``--best-guess``), as for an uncertain case (see :mod:`.morphology`).

>>> word_forms("Нижний Новгород", "ru").forms["gen"]
'Нижнего Новгорода'
>>> word_forms("Kiew", "de").forms["gen"]
'Kiews'
>>> word_forms("სოხუმი", "ka").forms["dat-a"]
'სოხუმსა'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from newslib.article.model import primary_language
from newslib.terms.declension import declension_for
from newslib.terms.declension import forms as class_forms

__all__ = [
    "DICTIONARY_LANGUAGES",
    "INFLECTED",
    "WordForms",
    "analyzer",
    "derived_forms",
    "dictionary_versions",
    "like_case",
    "word_forms",
]

# Languages whose forms come from a pymorphy3 dictionary (installed separately).
DICTIONARY_LANGUAGES = ("ru", "uk")
# Languages whose names have forms besides the nominative.
INFLECTED = frozenset({"ru", "uk", "de", "ka", "os", "ab"})
_SLAVIC_CASES = (("nom", "nomn"), ("gen", "gent"), ("dat", "datv"), ("acc", "accs"),
                 ("ins", "ablt"), ("loc", "loct"))  # fmt: skip
# Words after which the rest of a name does not decline: Ростов-на-Дону, Франкфурт-на-Майне.
_FUNCTION_WORDS = frozenset("на над под при у в во де ла ле дель дер фон ван аль эль".split())
_CYRILLIC_ONLY = {
    "ru": re.compile(r"[А-Яа-яЁё]+"),
    "uk": re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’ʼ]+"),
}
_VOWEL_FINAL_INDECLINABLE = tuple("иеоуэюіє")


@dataclass(frozen=True, slots=True)
class WordForms:
    """The forms of a name: by case (``nom`` first), how sure, and how they were made.

    *written* lists spellings the text may show that are no form of their own (French
    elision: the matcher finds the name inside them).
    """

    text: str
    lang: str
    forms: Mapping[str, str]
    confidence: float
    source: str
    written: tuple[str, ...] = ()


def word_forms(text: str, lang: str, *, kind: str = "place") -> WordForms:
    """Every form of *text* in *lang* (a place by default; ``person`` for people's names).

    Cached per name: a gazetteer build calls it for thousands of names.
    """
    return _word_forms(text, primary_language(lang), kind)


@lru_cache(maxsize=1 << 16)
def _word_forms(text: str, lang: str, kind: str) -> WordForms:
    builder = _BUILDERS.get(lang)
    if builder is None or not text.strip():
        return WordForms(text, lang, _frozen({"nom": text}), 1.0, "not inflected")
    return builder(text, lang, kind)


def _frozen(forms: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(forms)


# ---------------------------------------------------------------------- pymorphy3


@cache
def analyzer(lang: str) -> Any | None:
    """pymorphy3's analyser for *lang* (``ru``, ``uk``), loaded once; ``None`` without it."""
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, ImportError, OSError):  # the language's dictionary is not installed
        return None


def dictionary_versions() -> str:
    """The installed pymorphy3 dictionaries' versions: generated forms depend on them."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("pymorphy3", *(f"pymorphy3-dicts-{lang}" for lang in DICTIONARY_LANGUAGES)):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


@dataclass(frozen=True, slots=True)
class _Word:
    forms: dict[str, str] | None  # None: does not decline
    confidence: float
    source: str
    noun: Any | None = None  # the pymorphy3 parse of a noun, for agreement


def _slavic(text: str, lang: str, kind: str) -> WordForms:
    pieces = re.split(r"([ \-‐])", text)  # words and their separators, kept
    words = pieces[0::2]
    morph = analyzer(lang)
    results: list[_Word] = []
    stopped = False
    for word in words:
        if stopped or word.lower() in _FUNCTION_WORDS:
            stopped = True
            results.append(_Word(None, 1.0, "after a preposition"))
            continue
        results.append(_slavic_word(word, lang, kind, morph))
    head = next((r.noun for r in results if r.noun is not None), None)
    for i, word in enumerate(words):
        if results[i].source == "adjective":
            results[i] = _adjective(word, head, morph, kind)
    declining = [r for r in results if r.forms is not None]
    if not declining:
        source = "indeclinable"
        confidence = min((r.confidence for r in results), default=1.0)
        return WordForms(text, lang, _frozen(dict.fromkeys(_cases(), text)), confidence, source)
    forms: dict[str, str] = {}
    for case in _cases():
        built = []
        for i, piece in enumerate(pieces):
            if i % 2:
                built.append(piece)
                continue
            word_result = results[i // 2]
            word = words[i // 2]
            built.append(word_result.forms[case] if word_result.forms else word)
        forms[case] = "".join(built)
    forms["nom"] = text  # the name as given, whatever the dictionary's nominative
    confidence = min(r.confidence for r in results)
    sources = ", ".join(dict.fromkeys(r.source for r in declining))
    return WordForms(text, lang, _frozen(forms), round(confidence, 2), sources)


def _cases() -> tuple[str, ...]:
    return tuple(ours for ours, _ in _SLAVIC_CASES)


def _slavic_word(word: str, lang: str, kind: str, morph: Any | None) -> _Word:
    letters = _CYRILLIC_ONLY[lang]
    if len(word) < 2 or not letters.fullmatch(word) or word.isupper():
        return _Word(None, 1.0, "not a word of the language (an abbreviation, another script)")
    if morph is None:
        return _rule_word(word, lang, 0.6, "ending rule (pymorphy3 not installed)")
    lower = word.lower()
    parses = [p for p in morph.parse(lower) if p.word == lower]
    if any(
        "Fixd" in p.tag.grammemes and "nomn" in p.tag and "Abbr" not in p.tag.grammemes
        for p in parses
    ):
        return _Word(None, 0.95, "indeclinable in pymorphy3's dictionary")
    nominative = [
        p for p in parses if _case(p.tag) == "nomn" and ({"NOUN", "ADJF"} & p.tag.grammemes)
    ]
    if not nominative:
        return _plural_only(word, parses, lang) or _rule_word(
            word, lang, 0.6, "ending rule (no nominative reading in pymorphy3)"
        )
    if (
        nominative[0].tag.POS == "ADJF"
        and ({"Geox", "Name", "Surn"} & nominative[0].tag.grammemes) == set()
    ):
        return _Word(None, 1.0, "adjective")  # declined once the head noun is known
    nouns = [p for p in nominative if p.tag.POS == "NOUN"]
    if not nouns:
        return _Word(None, 1.0, "adjective")
    nouns.sort(key=lambda p: _noun_rank(p, kind), reverse=True)
    chosen = nouns[0]
    known = type(chosen.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    if not known and lower.endswith(_VOWEL_FINAL_INDECLINABLE):
        return _Word(None, 0.85, "ends in a vowel foreign names do not decline with")
    forms = _paradigm(chosen, word, kind)
    if known and "Geox" in chosen.tag.grammemes:
        return _Word(forms, 1.0, "pymorphy3 (a place it knows)", chosen)
    if known and kind == "place" and ({"Name", "Surn", "Patr"} & chosen.tag.grammemes):
        return _Word(forms, 0.7, "pymorphy3 (read as a person's name)", chosen)
    if known:
        return _Word(forms, 0.9, "pymorphy3 (a word it knows)", chosen)
    return _Word(forms, 0.6, "pymorphy3's guesser (an unknown word)", chosen)


def _noun_rank(parse: Any, kind: str) -> tuple[bool, bool, bool, bool, float]:
    grammemes = parse.tag.grammemes
    known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    place = kind == "place"
    return (
        "Abbr" not in grammemes,
        ("Geox" in grammemes) if place else bool({"Name", "Surn"} & grammemes),
        known,
        ("inan" in grammemes) if place else True,
        parse.score,
    )


def _paradigm(parse: Any, word: str, kind: str) -> dict[str, str]:
    number = "plur" if "plur" in parse.tag.grammemes else "sing"
    # Ukrainian tags a singular noun with no number at all.
    numbered = {number} if {"sing", "plur"} & parse.tag.grammemes else set()
    forms: dict[str, str] = {}
    for ours, theirs in _SLAVIC_CASES:
        inflected = parse.inflect({theirs, *numbered})
        forms[ours] = like_case(inflected.word if inflected is not None else parse.word, word)
    if kind == "place" and ("masc" in parse.tag or number == "plur" or "neut" in parse.tag):
        forms["acc"] = word  # a place is inanimate, whatever the dictionary read
    return forms


def _case(tag: Any) -> str | None:
    """A pymorphy3 tag's case; Ukrainian leaves an adjective's nominative unmarked."""
    if tag.case is None and tag.POS == "ADJF":
        return "nomn"
    return str(tag.case) if tag.case else None


def _adjective(word: str, head: Any | None, morph: Any | None, kind: str) -> _Word:
    """An adjective agreeing with the name's noun (Нижний → Нижнего, Белая → Белой)."""
    lower = word.lower()
    parses = [
        p
        for p in (morph.parse(lower) if morph else ())
        if p.tag.POS == "ADJF" and _case(p.tag) == "nomn"
    ]
    if not parses:
        return _Word(None, 0.6, "an adjective pymorphy3 does not know")
    gender = head.tag.gender if head is not None else None
    number = (head.tag.number if head is not None else None) or "sing"
    wanted = [
        p
        for p in parses
        if (p.tag.number or "sing") == number and (not gender or p.tag.gender in (gender, None))
    ]
    parse = (wanted or parses)[0]
    forms: dict[str, str] = {}
    for ours, theirs in _SLAVIC_CASES:
        grammemes = {theirs, number}
        if number != "plur" and gender:
            grammemes.add(gender)
        if ours == "acc" and kind == "place" and (number == "plur" or gender != "femn"):
            grammemes.add("inan")
        # Ukrainian tags a singular with no number: try again without it.
        inflected = parse.inflect(grammemes) or parse.inflect(grammemes - {"sing"})
        forms[ours] = like_case(inflected.word if inflected is not None else word, word)
    confidence = 0.95 if head is not None else 0.6
    return _Word(forms, confidence, "pymorphy3 (an agreeing adjective)")


def _plural_only(word: str, parses: list[Any], lang: str) -> _Word | None:
    """Гагры: read by the dictionary as the genitive of Гагра, written as a plural-only
    name («в Гаграх»). The plural of an -а noun: Гагр, Гаграм, Гагры, Гаграми, Гаграх."""
    lower = word.lower()
    if lang != "ru" or not lower.endswith(("ы", "и")):
        return None
    singular = [p for p in parses if p.tag.case == "gent" and p.tag.number == "sing"]
    if not any(p.normal_form.endswith(("а", "я")) for p in singular):
        return None
    stem = word[:-1]
    soft = word[-1] == "и"
    forms = {
        "nom": word,
        "gen": stem + ("ей" if soft and stem[-1] in "жшчщ" else ""),
        "dat": stem + ("ам" if not soft or stem[-1] in "гкхжшчщ" else "ям"),
        "acc": word,
        "ins": stem + ("ами" if not soft or stem[-1] in "гкхжшчщ" else "ями"),
        "loc": stem + ("ах" if not soft or stem[-1] in "гкхжшчщ" else "ях"),
    }
    return _Word(forms, 0.75, "a plural-only name (the plural of an -а noun)")


def _rule_word(word: str, lang: str, confidence: float, source: str) -> _Word:
    """The declension class the ending suggests (Russian classes serve Ukrainian too)."""
    lower = word.lower()
    if lower.endswith(_VOWEL_FINAL_INDECLINABLE):
        return _Word(None, 0.85, "ends in a vowel foreign names do not decline with")
    declension = declension_for(word)
    forms = class_forms(word, declension)
    if lang == "uk" and declension == "ru-m-hard":
        forms = {**forms, "loc": word + "і", "ins": word + "ом"}
    return _Word(forms, confidence, f"{source}: {declension}")


def like_case(form: str, model: str) -> str:
    """*form* in the letter case of *model*, letter by letter (pymorphy3 works in lower
    case): ALL CAPS stays so, and so does a capital inside (МакДональд)."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    return "".join(
        char.upper() if i < len(model) and model[i].isupper() else char
        for i, char in enumerate(form)
    )


# ---------------------------------------------------------------------- other languages

_DE_NO_S = ("s", "ß", "x", "z", "ce")
# Feminine names take the article and no -s (der Ukraine, der Türkei, der Mongolei).
_DE_FEMININE = ("ei", "ine", "ie", "ung", "ukraine")


def _german(text: str, lang: str, kind: str) -> WordForms:
    last = re.split(r"[ ]", text)[-1]
    if " " in text or (text.isupper() and len(text) > 1):
        return WordForms(text, lang, _frozen({"nom": text}), 1.0, "not inflected (a phrase)")
    lower = last.lower()
    if lower.endswith(_DE_NO_S):
        return WordForms(text, lang, _frozen({"nom": text}), 0.9, "no genitive -s after s, x, z")
    if lower.endswith(_DE_FEMININE):
        return WordForms(text, lang, _frozen({"nom": text}), 0.7, "feminine: no genitive -s")
    return WordForms(text, lang, _frozen({"nom": text, "gen": text + "s"}), 0.9, "genitive -s")


def _georgian(text: str, lang: str, kind: str) -> WordForms:
    if not re.search(r"[\u10D0-\u10FF]$", text):
        return WordForms(text, lang, _frozen({"nom": text}), 1.0, "not Georgian letters")
    if text.endswith("ი"):
        return WordForms(text, lang, _frozen(class_forms(text, "ka-i")), 0.9, "Georgian -ი stem")
    if text.endswith(("ა", "ე", "ო", "უ")):
        confidence = 0.9 if text.endswith(("ა", "ე")) else 0.8
        forms = class_forms(text, "ka-vowel")
        return WordForms(text, lang, _frozen(forms), confidence, "Georgian vowel stem")
    return WordForms(text, lang, _frozen({"nom": text}), 0.6, "an ending Georgian rules lack")


def _french(text: str, lang: str, kind: str) -> WordForms:
    written: tuple[str, ...] = ()
    if re.match(r"[aeiouyhàâäéèêëîïôöûüœæ]", text, re.IGNORECASE):
        written = tuple(f"{article}{mark}{text}" for article in ("d", "l") for mark in "'’")
    return WordForms(text, lang, _frozen({"nom": text}), 1.0, "French: no case forms", written)


# Ossetian (Iron): nominative -, genitive and inessive -ы, dative -ӕн, allative -мӕ,
# ablative -ӕй, adessive -ыл, comitative -имӕ, equative -ау (V. I. Abaev, "A Grammatical
# Sketch of Ossetic", 1964). After a vowel, -й- joins the vowel endings.
_OS_ENDINGS = (("gen", "ы"), ("dat", "ӕн"), ("all", "мӕ"), ("abl", "ӕй"), ("ine", "ы"),
               ("ade", "ыл"), ("com", "имӕ"), ("equ", "ау"))  # fmt: skip
_OS_VOWELS = tuple("аӕеиоуыэюя")


def _ossetian(text: str, lang: str, kind: str) -> WordForms:
    *before, last = text.split(" ")
    if last.lower() == "район" or not re.fullmatch(r"[А-Яа-яЁёӔӕ]+", last):
        return WordForms(text, lang, _frozen({"nom": text}), 0.8, "Ossetian: a phrase")
    prefix = " ".join(before) + (" " if before else "")
    vowel = last.lower().endswith(_OS_VOWELS)
    forms = {"nom": text}
    for case, ending in _OS_ENDINGS:
        joint = "й" if vowel and ending[0] in "ыӕиа" else ""
        forms[case] = prefix + last + joint + ending
    # Ossetian is often typed with the Latin æ for ӕ: both spellings are forms.
    for case, form in list(forms.items()):
        if "ӕ" in form:
            forms[f"{case}-latin"] = form.replace("ӕ", "æ")
    confidence = 0.6 if vowel else 0.8
    return WordForms(text, lang, _frozen(forms), confidence, "Ossetian (Iron) case endings")


# Abkhaz marks place with suffixes, not cases: -ҟны "in, at", -ахь "to" (-хь after a
# vowel), -нтә "from", -тәи "of" (Аҟәатәи), and -и "and" (Гагра + и → Гагреи).
def _abkhaz(text: str, lang: str, kind: str) -> WordForms:
    if " " in text or not re.fullmatch(r"[\w\-]+", text):
        return WordForms(text, lang, _frozen({"nom": text}), 0.8, "Abkhaz: a phrase")
    vowel = text.endswith(("а", "ы", "ә", "е", "и", "о", "у"))
    forms = {
        "nom": text,
        "in": text + "ҟны",
        "to": text + ("хь" if vowel else "ахь"),
        "from": text + "нтә",
        "of": text + "тәи",
        "and": (text[:-1] + "еи") if text.endswith("а") else text + "и",
    }
    return WordForms(text, lang, _frozen(forms), 0.6, "Abkhaz postpositional suffixes")


_BUILDERS = {
    "ru": _slavic,
    "uk": _slavic,
    "de": _german,
    "ka": _georgian,
    "fr": _french,
    "os": _ossetian,
    "ab": _abkhaz,
}


# ---------------------------------------------------------------------- derived words


def derived_forms(text: str, lang: str) -> WordForms:
    """Every form of an adjective or demonym given as its lemma (ленингорский, Abkhazian,
    abchasisch, abkhaze, აფხაზური): Russian and Ukrainian through pymorphy3 in every gender,
    case and number (keys like ``gen.masc``, ``loc.plur``), other languages by ending
    patterns.

    >>> derived_forms("ленингорский", "ru").forms["gen.femn"]
    'ленингорской'
    >>> sorted(derived_forms("abchasisch", "de").forms.values())[:2]
    ['abchasisch', 'abchasische']
    """
    return _derived_forms(text, primary_language(lang))


@lru_cache(maxsize=1 << 14)
def _derived_forms(text: str, lang: str) -> WordForms:
    if lang in DICTIONARY_LANGUAGES:
        return _slavic_derived(text, lang)
    patterns = _DERIVED_PATTERNS.get(lang, ())
    lower = text.lower()
    for ending, endings, confidence in patterns:
        if lower.endswith(ending):
            stem = text[: len(text) - len(ending)]
            forms = {"nom": text}
            for key, suffix in endings:
                forms[key] = stem + suffix
            return WordForms(text, lang, _frozen(forms), confidence, f"-{ending} pattern")
    if lang == "ka" and text.endswith("ი"):
        forms = {**class_forms(text, "ka-i"), "attr": text[:-1]}
        return WordForms(text, lang, _frozen(forms), 0.9, "Georgian -ი adjective")
    return WordForms(text, lang, _frozen({"nom": text}), 1.0, "not inflected")


# Ending patterns of adjectives and demonyms: (lemma ending, ((key, ending), …), confidence).
_DERIVED_PATTERNS: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...], float], ...]] = {
    "en": (
        ("ian", (("plur", "ians"),), 0.95),  # Abkhazian(s), Ossetian(s)
        ("an", (("plur", "ans"),), 0.9),
        ("ese", (), 1.0),
    ),
    "de": (
        ("isch", tuple((f"-{e}", "isch" + e) for e in ("e", "en", "er", "es", "em")), 0.95),
        ("e", (("plur", "en"), ("femn", "in"), ("femn.plur", "innen")), 0.85),  # Abchase
        ("er", (("femn", "erin"), ("femn.plur", "erinnen")), 0.85),  # Suchumer
    ),
    "fr": (
        ("ien", (("femn", "ienne"), ("plur", "iens"), ("femn.plur", "iennes")), 0.95),
        ("e", (("plur", "es"),), 0.9),  # abkhaze(s), ossète(s), sud-ossète(s)
        ("ais", (("femn", "aise"), ("femn.plur", "aises")), 0.9),
    ),
}


def _slavic_derived(text: str, lang: str) -> WordForms:
    morph = analyzer(lang)
    lower = text.lower()
    if morph is None:
        return WordForms(text, lang, _frozen({"nom": text}), 0.5, "pymorphy3 not installed")
    parses = [
        p
        for p in morph.parse(lower)
        if p.word == lower and _case(p.tag) == "nomn" and ({"ADJF", "NOUN"} & p.tag.grammemes)
    ]
    if not parses:
        return WordForms(text, lang, _frozen({"nom": text}), 0.5, "no reading in pymorphy3")
    parses.sort(key=lambda p: ("ADJF" in p.tag.grammemes, p.score), reverse=True)
    parse = parses[0]
    cases = {theirs: ours for ours, theirs in _SLAVIC_CASES}
    forms: dict[str, str] = {"nom": text}
    for form in parse.lexeme:
        tag = form.tag
        case = _case(tag)
        if tag.POS not in ("ADJF", "NOUN") or case not in cases:
            continue
        kind = "plur" if tag.number == "plur" else (tag.gender or tag.number or "sing")
        key = f"{cases[case]}.{kind}"
        if tag.animacy and case == "accs" and tag.POS == "ADJF":
            key += f".{tag.animacy}"
        forms.setdefault(key, like_case(form.word, text))
    known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    source = f"pymorphy3 ({parse.tag.POS}{'' if known else ', guessed'})"
    # An unknown -ский adjective declines like every other: the guesser is sure of it.
    regular = lower.endswith(("ский", "цкий", "ський", "цький"))
    confidence = 0.95 if known else 0.9 if regular else 0.6
    return WordForms(text, lang, _frozen(forms), confidence, source)
