"""Declension classes: the word forms of a name from its base form.

A gazetteer variant either lists its forms explicitly or names one of these classes.
Each class returns a mapping from a grammatical case (or a case + postposition, for
Georgian) to the form. Stored or generated forms are the source of truth at check time;
nothing is guessed there.

>>> forms("Сухум", "ru-m-hard")["loc"]
'Сухуме'
>>> forms("Джава", "ru-f-a")["gen"]
'Джавы'
>>> forms("სოხუმი", "ka-i")["in"]
'სოხუმში'
>>> forms("ახალგორი", "ka-i")["dat-a"]
'ახალგორსა'
>>> forms("Suchumi", "de-s")["gen"]
'Suchumis'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CASES", "CLASSES", "declension_for", "forms"]

# The cases each language's forms are keyed by.
CASES: dict[str, tuple[str, ...]] = {
    "ru": ("nom", "gen", "dat", "acc", "ins", "loc"),
    "de": ("nom", "gen"),
    # Georgian: the seven cases, then the postpositions that fuse with them.
    "ka": (
        "nom", "erg", "dat", "gen", "ins", "adv", "voc",
        "in", "on", "at", "from", "until", "for", "towards", "dat-a", "gen-a", "stem",
    ),
}  # fmt: skip

_VELAR_OR_SIBILANT = set("гкхжшчщ")


def _ru_m_hard(base: str) -> dict[str, str]:
    return {
        "nom": base,
        "gen": base + "а",
        "dat": base + "у",
        "acc": base,
        "ins": base + ("ем" if base[-1] in "жшчщц" else "ом"),
        "loc": base + "е",
    }


def _ru_f_a(base: str) -> dict[str, str]:
    stem = base[:-1]
    return {
        "nom": base,
        "gen": stem + ("и" if stem[-1] in _VELAR_OR_SIBILANT else "ы"),
        "dat": stem + "е",
        "acc": stem + "у",
        "ins": stem + "ой",
        "loc": stem + "е",
    }


def _ru_f_ia(base: str) -> dict[str, str]:
    stem = base[:-1]
    return {
        "nom": base,
        "gen": stem + "и",
        "dat": stem + "и",
        "acc": stem + "ю",
        "ins": stem + "ей",
        "loc": stem + "и",
    }


def _ru_indeclinable(base: str) -> dict[str, str]:
    return dict.fromkeys(CASES["ru"], base)


def _ka_i(base: str) -> dict[str, str]:
    """Georgian consonant stems written with nominative -ი (სოხუმი, ცხინვალი)."""
    stem = base[:-1]
    return {
        "nom": base,
        "erg": stem + "მა",
        "dat": stem + "ს",
        "gen": stem + "ის",
        "ins": stem + "ით",
        "adv": stem + "ად",
        "voc": stem + "ო",
        "in": stem + "ში",
        "on": stem + "ზე",
        "at": stem + "თან",
        "from": stem + "იდან",
        "until": stem + "ამდე",
        "for": stem + "ისთვის",
        "towards": stem + "ისკენ",
        # The full (emphatic, bookish) dative and genitive: სოხუმსა და…, სოხუმისა.
        "dat-a": stem + "სა",
        "gen-a": stem + "ისა",
        # The bare stem of a compound: რუსეთ-საქართველოს (ომი), "the Russia–Georgia (war)".
        "stem": stem,
    }


def _ka_vowel(base: str) -> dict[str, str]:
    """Georgian vowel stems (ბიჭვინთა, ჯავა, ოჩამჩირე); -ა and -ე drop before -ის, -ით."""
    truncates = base[-1] in "აე"
    stem = base[:-1] if truncates else base
    gen, ins = (stem + "ის", stem + "ით") if truncates else (base + "ს", base + "თი")
    return {
        "nom": base,
        "erg": base + "მ",
        "dat": base + "ს",
        "gen": gen,
        "ins": ins,
        "adv": base + "დ",
        "voc": base,
        "in": base + "ში",
        "on": base + "ზე",
        "at": base + "სთან",
        "from": (stem + "იდან") if truncates else (base + "დან"),
        "until": base + "მდე",
        "for": gen + "თვის",
        "towards": gen + "კენ",
        "dat-a": base + "სა",
        "gen-a": gen + "ა",
    }


def _de_s(base: str) -> dict[str, str]:
    """German proper names: genitive -s, none after a sibilant (then 'von' or an apostrophe)."""
    return {"nom": base, "gen": base + "'" if base[-1] in "sßxz" else base + "s"}


def _invariable(base: str) -> dict[str, str]:
    return {"nom": base}


CLASSES: dict[str, Callable[[str], dict[str, str]]] = {
    "ru-m-hard": _ru_m_hard,
    "ru-f-a": _ru_f_a,
    "ru-f-ia": _ru_f_ia,
    "ru-indeclinable": _ru_indeclinable,
    "ka-i": _ka_i,
    "ka-vowel": _ka_vowel,
    "de-s": _de_s,
    "invariable": _invariable,
}


def forms(base: str, declension: str) -> dict[str, str]:
    """The forms of *base* in declension class *declension* (a key of :data:`CLASSES`)."""
    return CLASSES[declension](base)


def declension_for(word: str) -> str:
    """The declension class a Russian name's ending suggests."""
    lower = word.lower()
    if lower.endswith("ия"):
        return "ru-f-ia"
    if lower.endswith(("а", "я")):
        return "ru-f-a"
    if lower[-1] in "иеоуыэю":
        return "ru-indeclinable"
    return "ru-m-hard"
