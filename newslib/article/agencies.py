"""The news agencies whose copy the importer reads, and the trailers they end a story with.

An agency is named in the dateline (``(Reuters)``, ``/TASS/``, ``ИНТЕРФАКС``) and often
again at the end: a sign-off with credits (``(Reporting by …; Editing by …)``), the desk's
initials (``kw/ab (dpa)``, ``ЕЛ/ИФ``), a credit line (``—AP``, ``© AFP``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslib.article.model import Byline

__all__ = [
    "AGENCIES", "SPELLINGS", "Agency", "Trailer", "agency", "read_trailer", "source_name",
    "split_names",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Agency:
    """A news agency: the name an article's ``source`` keeps, how its copy spells it, and
    the language its copy is in when nothing else tells."""

    name: str
    spellings: tuple[str, ...]
    language: str
    cyrillic: str | None = None  # its name in Russian copy


AGENCIES: tuple[Agency, ...] = (
    Agency("TASS", ("TASS", "ТАСС"), "en", "ТАСС"),
    Agency("Reuters", ("Reuters", "REUTERS"), "en"),
    Agency("AP", ("AP", "Associated Press"), "en"),
    Agency("AFP", ("AFP", "Agence France-Presse"), "fr"),
    Agency("Interfax", ("Interfax", "INTERFAX", "Интерфакс", "ИНТЕРФАКС"), "en", "Интерфакс"),
    Agency("dpa", ("dpa", "DPA"), "de"),
    Agency("RIA Novosti", ("RIA Novosti", "РИА Новости"), "ru", "РИА Новости"),
    Agency("Xinhua", ("Xinhua",), "en"),
    Agency("ANSA", ("ANSA",), "it"),
    Agency("EFE", ("EFE",), "es"),
)

_BY_SPELLING = {spelling: a for a in AGENCIES for spelling in a.spellings}
# The spellings, longest first, for regular expressions.
SPELLINGS = sorted(_BY_SPELLING, key=len, reverse=True)


def agency(written: str) -> Agency | None:
    """The agency *written* names, if it is one newslib knows.

    >>> agency("ИНТЕРФАКС").name, agency("DPA").name, agency("Blursday")
    ('Interfax', 'dpa', None)
    """
    return _BY_SPELLING.get(written.strip())


def source_name(written: str) -> str:
    """What an article's ``source`` keeps for the agency *written*: its own spelling in
    Cyrillic copy (ТАСС, Интерфакс), its usual name otherwise."""
    found = agency(written)
    if found is None:
        return written.strip()
    if found.cyrillic is not None and re.search(r"[А-Яа-яЁё]", written):
        return found.cyrillic
    return found.name


@dataclass(frozen=True, slots=True)
class Trailer:
    """A paragraph that ends a story rather than telling it: the credits it names (kept as
    bylines with a role) and what it was, for the import's notes."""

    credits: tuple[Byline, ...]
    what: str


_AGENCY_WORDS = "|".join(re.escape(s) for s in SPELLINGS)
_ROLES = {
    "reporting": "reporting",
    "additional reporting": "reporting",
    "writing": "writing",
    "editing": "editing",
    "compiled": "compiling",
    "compiling": "compiling",
    "edited": "editing",
    "written": "writing",
}
_CREDIT = re.compile(
    r"(?P<role>additional reporting|reporting|writing|editing|compiled|compiling|edited|written)"
    r"\s+by\s+(?P<names>[^;()]+?)\s*$",
    re.IGNORECASE,
)
_CREDITS = re.compile(r"\((?P<inner>(?:[^()]|\([^()]*\))+)\)|(?P<bare>(?:Compiled|Writing) by .+)")
# Desk initials: "kw/ab", "ЕЛ/ИФ", "jd/ab/fg", "kw/ab (dpa)", "dpa kw yyzz".
_INITIALS = re.compile(
    rf"(?:[^\W\d_]{{1,4}}(?:/[^\W\d_]{{1,4}})+(?:\s*\((?:{_AGENCY_WORDS})\))?"
    rf"|(?:{_AGENCY_WORDS})(?:\s+[a-z]{{1,4}})+)"
)
_CREDIT_LINE = re.compile(
    rf"(?:[-–—]{{1,2}}\s*(?:{_AGENCY_WORDS})|(?:©|\(c\))\s*(?:\d{{4}}\s+)?(?:{_AGENCY_WORDS})"
    rf"(?:\s+\d{{4}})?)\.?",
    re.IGNORECASE,
)
# An editor's credit under Russian copy, or an English one: "Редактор: Анна Белова".
_EDITOR = re.compile(r"(?:Редакторы?|Editors?)\s*:\s*(?P<names>[^:;()]+?)\.?", re.IGNORECASE)
# AP's contributor line, under a rule of underscores: "Associated Press writer Jane Doe in
# Tbilisi contributed to this report."
_CONTRIBUTED = re.compile(
    rf"(?:(?:{_AGENCY_WORDS})\s+)?(?:writers?|reporters?|journalists?|correspondents?)\s+"
    r"(?P<names>[^;()]+?)\s+contributed(?:\s+to\s+this\s+(?:report|story))?\.?"
)
_RULE = re.compile(r"[_=*#~-]{3,}")  # a line of underscores (or dashes) above the credits
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")  # "Jane Doe in Tbilisi"
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s+und\s+|\s+et\s+|\s+и\s+|&)\s*")


def read_trailer(paragraph: str) -> Trailer | None:
    """The sign-off, initials or credit line *paragraph* is, or ``None`` for story text.

    >>> read_trailer("(Reporting by Jane Doe in Tbilisi; Editing by Mark Roe)").credits
    (Byline(name='Jane Doe', role='reporting', affiliation=None), \
Byline(name='Mark Roe', role='editing', affiliation=None))
    >>> read_trailer("kw/ab (dpa)").what, read_trailer("—AP").what
    ('the desk initials kw/ab (dpa)', 'the credit line —AP')
    >>> read_trailer("He said so.") is None
    True
    """
    text = paragraph.strip()
    credits = _credits(text)
    if credits:
        return Trailer(credits, f"the credits {text}")
    if _CREDIT_LINE.fullmatch(text):
        return Trailer((), f"the credit line {text}")
    if _RULE.fullmatch(text):
        return Trailer((), f"the rule {text}")
    initials = text.split("(")[0].strip()
    if _INITIALS.fullmatch(text) and initials in (initials.lower(), initials.upper()):
        return Trailer((), f"the desk initials {text}")
    return None


def _credits(text: str) -> tuple[Byline, ...]:
    for line, role in ((_EDITOR, "editing"), (_CONTRIBUTED, "reporting")):
        named = line.fullmatch(text)
        if named is not None:
            return _named(named["names"], role)
    match = _CREDITS.fullmatch(text)
    if match is None:
        return ()
    inner = match["inner"] or match["bare"]
    found: list[Byline] = []
    for part in inner.split(";"):
        credit = _CREDIT.fullmatch(part.strip())
        if credit is None:
            return ()  # a parenthesis that is not (only) credits is story text
        role = _ROLES[credit["role"].lower()]
        names = [_IN_PLACE.sub("", name) for name in split_names(credit["names"])]
        found += [Byline(name, role) for name in names if name]
    return tuple(found)


def _named(names: str, role: str) -> tuple[Byline, ...]:
    """The people a credit line names, each two to four capitalised words (else none:
    "Editor: the story was changed" is story text)."""
    found = [_IN_PLACE.sub("", name).split() for name in split_names(names)]
    if not found or not all(2 <= len(words) <= 4 for words in found):
        return ()
    if not all(word[0].isupper() for words in found for word in words):
        return ()
    return tuple(Byline(" ".join(words), role) for words in found)


def split_names(names: str) -> list[str]:
    """``Jane Doe, John Roe and Ann Poe`` → the three names."""
    return [name.strip(" .") for name in _NAME_SPLIT.split(names.strip()) if name.strip(" .")]
