"""Place names inside the names of organisations and works: "The Kyiv Independent",
"Vilnius University", "Université de Kiev", "Flughafen Kiew" stay as their owners write them.

A name followed by a capitalised head word (Times, Post, University, Airport…), or after
one with its linking word ("University of", "Université de", "Flughafen"), is reported but
never fixed: it may be part of a proper name the policy does not govern.

>>> name_it_is_part_of("Reporters at The Kyiv Independent said", 17, 21, "en")
'Kyiv Independent'
>>> name_it_is_part_of("Talks in Kyiv Tuesday", 9, 13, "en") is None
True
"""

from __future__ import annotations

import regex

from newslib.article.model import primary_language

__all__ = ["name_it_is_part_of"]

# Head words that follow the place in a proper name, by language.
_AFTER = {
    "en": frozenset(
        "Times Post Independent Herald Tribune Gazette Journal Telegraph Express Chronicle "
        "Monitor Observer Review Daily News Today Weekly University Institute Academy "
        "Conservatory Polytechnic Airport Station Stadium Arena Bureau Agency Municipal "
        "Council Company Corporation Bank Club Marathon Metro Zoo Opera Philharmonic "
        "Declaration Accords Agreement Protocol".split()
    ),
    "de": frozenset("Zeitung Post Rundschau Universität Flughafen Bahnhof Stadion Oper".split()),
    "fr": frozenset(),
    "ru": frozenset(),
}
# Heads that come before the place with a linking word ("University of Kyiv").
_BEFORE = {
    "en": regex.compile(r"\b(?:University|Bank|Battle|Treaty|Siege|Republic|Port) of \Z"),
    "de": regex.compile(r"\b(?:Universität|Flughafen|Bahnhof|Vertrag von|Schlacht von) \Z"),
    "fr": regex.compile(r"\b(?:Université|Aéroport|aéroport|Traité|Bataille|Accords?) d[e'’] ?\Z"),
    "ru": regex.compile(r"\b(?:[Уу]ниверситет|[Аа]эропорт|[Дд]оговор|[Бб]итва) \Z"),
}
_NEXT_WORD = regex.compile(r"[ \u00a0]+(\p{Lu}[\p{L}\p{M}’'-]*)")


def name_it_is_part_of(text: str, start: int, end: int, lang: str) -> str | None:
    """The proper name that the place name at ``text[start:end]`` seems part of, or None."""
    code = primary_language(lang)
    following = _NEXT_WORD.match(text, end)
    if following is not None and following[1] in _AFTER.get(code, frozenset()):
        return text[start : following.end(1)]
    before = _BEFORE.get(code)
    head = before.search(text[max(0, start - 40) : start]) if before is not None else None
    if head is not None:
        return text[start - len(head[0]) : end]
    return None
