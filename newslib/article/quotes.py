"""A paragraph that is one quotation and who said it, in each language's punctuation.

======== =====================================================
English  ``"We are ready," Lavrov said.`` · ``“Why now?” he asked.``
Russian  ``«Мы готовы», — заявил Лавров.`` · ``"Мы готовы", - сказал Лавров.``
         ``— Мы готовы, — сказал Лавров.``
French   ``« Nous sommes prêts », a déclaré Lavrov.``
German   ``„Wir sind bereit“, sagte Lawrow.`` · ``»Wir sind bereit«, sagte er.``
======== =====================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedParagraph", "read_quote"]

# Opening mark → closing mark.
_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "»": "«"}
_MARKS = "".join(sorted(set(_PAIRS) | set(_PAIRS.values())))
_PATTERNS = [
    re.compile(
        rf"{re.escape(o)}\s*(?P<quote>[^{re.escape(o + c)}]+?)\s*(?P<inside>[,.?!…]?)\s*"
        rf"{re.escape(c)}\s*(?P<outside>[,?!]?)\s*(?P<dash>[-–—]{{1,2}}\s*)?"
        rf"(?P<attribution>[^\s{re.escape(_MARKS)}][^{re.escape(_MARKS)}]{{1,79}}?)\."
    )
    for o, c in _PAIRS.items()
]


# Russian direct speech opened by a dash, its attribution opening with a verb in the past
# tense (сказал, заявила, отметили, поинтересовался): "— Мы готовы, — сказал Лавров."
_DIALOGUE = re.compile(
    r"[—–]\s*(?P<quote>[^—–]+?)\s*(?P<inside>[,?!…])\s*[—–]\s*"
    r"(?P<attribution>[а-яё]+(?:л|ла|ли|лся|лась|лись)\b[^—–]{0,70}?)\."
)


@dataclass(frozen=True, slots=True)
class QuotedParagraph:
    """The quotation (ending with its full stop, question or exclamation mark) and the
    attribution that follows it ("she said")."""

    quote: str
    attribution: str


def read_quote(paragraph: str) -> QuotedParagraph | None:
    """The quotation *paragraph* is, or ``None``.

    >>> read_quote("«Мы готовы помочь», — сказал Лавров.")
    QuotedParagraph(quote='Мы готовы помочь.', attribution='сказал Лавров')
    >>> read_quote("« Nous sommes prêts ? », a demandé Lavrov.").quote
    'Nous sommes prêts ?'
    >>> read_quote('"It is over." Talks ended.') is None
    True
    >>> read_quote("— Мы готовы, — сказал Лавров.")
    QuotedParagraph(quote='Мы готовы.', attribution='сказал Лавров')
    """
    for pattern in (*_PATTERNS, _DIALOGUE):
        match = pattern.fullmatch(paragraph.strip())
        if match is None:
            continue
        inside, outside = match["inside"], match.groupdict().get("outside") or ""
        dash = match.groupdict().get("dash")
        if inside not in (",", "?", "!", "…") and outside == "" and dash is None:
            continue  # '"It is over." Talks ended.': a quotation and a sentence, not a quote
        stop = next((s for s in (inside, outside) if s in ("?", "!", "…")), ".")
        spaced = " " if stop in "?!" and re.search(r"\s[?!]", paragraph) else ""
        return QuotedParagraph(match["quote"] + spaced + stop, match["attribution"].strip())
    return None
