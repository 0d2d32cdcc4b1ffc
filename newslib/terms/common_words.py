"""Function words that are also place names somewhere in GeoNames ("The", "Of", "Die").

As a GeoNames name on its own, such a word is never a mention: the matcher does not
compile it, and the scanner does not count it in a text of that language.
"""

from __future__ import annotations

__all__ = ["COMMON_WORDS", "IN_ANY_LANGUAGE", "NO_WORDS"]

COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        (
            "a about after all also an and are as at be but by for from had has have he her "
            "his i if in into is it its no not of on one or our out she so that the their "
            "them then there they this to up was we were what when which who will with would "
            "you"
        ).split()
    ),
    "de": frozenset(
        (
            "der die das und ist nicht mit den dem des ein eine einer im in auf aus bei für "
            "sich von zu zum zur als auch am an es er sie wir so wie"
        ).split()
    ),
    "fr": frozenset(
        (
            "le la les et des est une un dans pour que du sur au aux en il elle ils on par "
            "pas plus ou qui se ce son sa ses"
        ).split()
    ),
    "ru": frozenset(
        (
            "и в во не на с со что как а по к у из за от до о об для но он она они мы вы"
        ).split()
    ),
}  # fmt: skip
NO_WORDS: frozenset[str] = frozenset()
IN_ANY_LANGUAGE: frozenset[str] = frozenset().union(*COMMON_WORDS.values())
