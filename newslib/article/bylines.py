"""Bylines as agencies write them above the dateline.

``By Jane Doe``, ``BY JANE DOE, Associated Press``, ``Von Anna Schmidt, dpa``,
``Par Jean DUPONT``, ``Автор: Иван Петров``, and ``Jane Doe and John Roe, Reuters``
(no prefix, but an agency after the names).
"""

from __future__ import annotations

import re

from newslib.article.agencies import SPELLINGS, agency, split_names
from newslib.article.model import Byline

__all__ = ["read_byline"]

_PREFIX = re.compile(r"(?:(?:by|von|par|de|por|di)\s+|(?:авторы?|текст)\s*[:—–-]\s*)", re.I)
_AGENCY_AT_END = re.compile(
    r"(?:,\s*|\s+|\s*\()(?P<agency>" + "|".join(re.escape(s) for s in SPELLINGS) + r")\)?$"
)
_TITLE_WORDS = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|korrespondent\w*|correspondante?|"
    r"envoyée? spéciale?|корреспондент\w*)\b",
    re.I,
)
_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "du", "le", "la", "al", "bin", "ibn"}
)
_MAX_LENGTH = 160


def read_byline(paragraph: str) -> tuple[Byline, ...]:
    """The people *paragraph* credits, or ``()`` when it is not a byline.

    >>> read_byline("By JANE DOE and JOHN ROE, Associated Press")
    (Byline(name='Jane Doe', role=None, affiliation='AP'), \
Byline(name='John Roe', role=None, affiliation='AP'))
    >>> read_byline("Автор: Иван Петров")
    (Byline(name='Иван Петров', role=None, affiliation=None),)
    >>> read_byline("By the end of the day, talks had stalled.")
    ()
    """
    text = paragraph.strip()
    if len(text) > _MAX_LENGTH or text.endswith((".", "!", "?", ":")):
        return ()
    prefix = _PREFIX.match(text)
    rest = text[prefix.end() :] if prefix else text
    affiliation: str | None = None
    at_end = _AGENCY_AT_END.search(rest)
    if at_end is not None:
        found = agency(at_end["agency"])
        affiliation = found.name if found else at_end["agency"]
        rest = rest[: at_end.start()]
    elif prefix is None:
        return ()  # no "By" and no agency: a standfirst, not a byline
    else:
        head, comma, title = rest.rpartition(",")
        if comma and _TITLE_WORDS.search(title):
            rest, affiliation = head, title.strip()
    names = [_cased(name) for name in split_names(rest)]
    if not names or not all(_looks_like_a_name(name) for name in names):
        return ()
    return tuple(Byline(name, affiliation=affiliation) for name in names)


def _looks_like_a_name(name: str) -> bool:
    words = name.replace("-", " ").split()
    if not 1 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words) and any(
        w[0].isupper() for w in words
    )


def _cased(name: str) -> str:
    """``JANE DOE`` → ``Jane Doe``; ``Jean DUPONT`` → ``Jean Dupont`` (a capitalised word
    of two letters or more is a surname written in capitals)."""
    return " ".join(
        word.title() if len(word) > 1 and word.isupper() else word for word in name.split()
    )
