"""Prose read out of markup: the text to check, where each character came from, and what
the author asked newslib to leave alone.

The Markdown and HTML readers (:mod:`~newslib.terms.markdown_input`,
:mod:`~newslib.terms.html_input`) walk their parser's events and hand each piece of prose
to a :class:`ProseBuilder`, with its offsets in the file; whatever they do not hand over
(code, URLs, markup, comments) is neither checked nor fixed. A character decoded from an
entity or an escape (``&shy;``, ``\\*``) spans the whole of it in the file, so a fix
replaces the entity rather than landing inside it.

Suppression comments, as Vale users write them, work in both formats::

    <!-- newslib off -->  …  <!-- newslib on -->    nothing in between is read
    <!-- newslib ignore=variant,derived -->          those rules skip the next block

The next block is, in Markdown, the next paragraph, heading, list, list item, table, block
quote or code block that starts after the comment (raw HTML blocks do not count, so
comments can be stacked); in HTML, the next element, its attributes and all it holds. A
``newslib`` comment with an unknown word or rule is an
:class:`~newslib.errors.InputError` at its line (a typo must not switch checking off).

>>> builder = ProseBuilder("Sukh&shy;umi")
>>> builder.entities(0, 12)
>>> prose = builder.build()
>>> prose.text, prose.offsets[4], prose.ends[4]
('Sukh\\xadumi', 4, 9)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from newslib.errors import InputError
from newslib.terms.lines import LineIndex
from newslib.terms.policy import Rule

__all__ = [
    "GAP",
    "Directive",
    "Prose",
    "ProseBuilder",
    "Suppression",
    "Toggle",
    "comment_directives",
    "obey",
    "parse_directive",
]

# Stands in the text for rendered content that is not prose (a code span, a formula): a
# token of its own, so the words on either side are not read as neighbours.
GAP = "\ufffc"

# html.unescape's own pattern: each match is one character reference.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


@dataclass(frozen=True, slots=True)
class Suppression:
    """Text span ``start:end`` where findings of *rules* are dropped."""

    start: int
    end: int
    rules: frozenset[Rule]


@dataclass(frozen=True, slots=True)
class Prose:
    """The prose of one file: ``text[i]`` comes from ``source[offsets[i]:ends[i]]``.

    ``offsets`` has one more item than the text (the end of the last character), as
    :class:`~newslib.terms.files.Document` expects. *quoted* are text spans inside
    quotations (block quotes); *attributes* are the text spans of HTML attribute values,
    each with the quote mark around it ("" for none); *suppressed* are the ``ignore=``
    comments' blocks.
    """

    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...]
    quoted: tuple[tuple[int, int], ...] = ()
    attributes: tuple[tuple[int, int, str], ...] = ()
    suppressed: tuple[Suppression, ...] = ()


class ProseBuilder:
    """Collects prose pieces with their file offsets; see the module docstring."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._pieces: list[str] = []
        self._offsets: list[int] = []
        self._ends: list[int] = []
        self._last_end = 0
        self._blank = True  # the text is empty or ends in a blank line
        self.quoted: list[tuple[int, int]] = []
        self.attributes: list[tuple[int, int, str]] = []
        self.suppressed: list[Suppression] = []

    @property
    def position(self) -> int:
        """The length of the text so far."""
        return len(self._offsets)

    def verbatim(self, start: int, end: int) -> None:
        """Add ``source[start:end]`` as it is."""
        if start < end:
            self._pieces.append(self.source[start:end])
            self._offsets += range(start, end)
            self._ends += range(start + 1, end + 1)
            self._last_end = end
            self._blank = False

    def decoded(self, text: str, start: int, end: int) -> None:
        """Add *text*, which ``source[start:end]`` stands for (an entity, an escape)."""
        self._pieces.append(text)
        self._offsets += [start] * len(text)
        self._ends += [end] * len(text)
        self._last_end = end
        self._blank = False

    def entities(self, start: int, end: int) -> None:
        """Add ``source[start:end]`` with its character references decoded, as HTML
        decodes them (``&shy;``, ``&#173;``, ``&amp``)."""
        position = start
        for match in _CHARREF.finditer(self.source, start, end):
            self.verbatim(position, match.start())
            decoded = html.unescape(match.group())
            if decoded == match.group():  # not a reference after all ("&c", "&foo;")
                self.verbatim(match.start(), match.end())
            else:
                self.decoded(decoded, match.start(), match.end())
            position = match.end()
        self.verbatim(position, end)

    def gap(self, text: str = GAP) -> None:
        """Add *text* that stands for no part of the file (a separator)."""
        self._pieces.append(text)
        self._offsets += [self._last_end] * len(text)
        self._ends += [self._last_end] * len(text)
        self._blank = text == "\n\n"

    def block(self) -> None:
        """End a block: a blank line, unless the text is empty or already ends in one."""
        if not self._blank:
            self.gap("\n\n")

    def suppress(self, start: int, rules: frozenset[Rule]) -> None:
        """Drop findings of *rules* from text position *start* to here."""
        if rules and start < self.position:
            self.suppressed.append(Suppression(start, self.position, rules))

    def build(self) -> Prose:
        """The prose collected."""
        return Prose(
            "".join(self._pieces),
            (*self._offsets, self._last_end),
            tuple(self._ends),
            tuple(self.quoted),
            tuple(self.attributes),
            tuple(self.suppressed),
        )


class Toggle(Enum):
    """What a ``newslib off`` or ``newslib on`` comment does."""

    OFF = "off"
    ON = "on"


@dataclass(frozen=True, slots=True)
class Directive:
    """A newslib comment: *toggle* off or on, or *rules* to ignore in the next block."""

    toggle: Toggle | None
    rules: frozenset[Rule] = frozenset()


def obey(
    directive: Directive, off: bool, pending: frozenset[Rule], builder: ProseBuilder
) -> tuple[bool, frozenset[Rule]]:
    """A reader's state after *directive*: whether checking is off, and the rules the next
    block ignores (turning checking off ends the prose before it, as a gap)."""
    if directive.toggle is Toggle.OFF:
        if not off:
            builder.gap()
        return True, pending
    if directive.toggle is Toggle.ON:
        return False, pending
    return off, pending | directive.rules


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"\s*newslib(?:\s+(?P<what>.*?))?\s*\Z", re.S)
_IGNORE = re.compile(r"ignore\s*=\s*(?P<rules>.*)", re.S)
_RULES = ", ".join(rule.value for rule in Rule)
_HINT = f"write 'newslib off', 'newslib on' or 'newslib ignore=RULE[,RULE…]'; rules: {_RULES}"


def parse_directive(comment: str, *, source: str, offset: int, path: str) -> Directive | None:
    """The directive in an HTML comment's text (``None`` when it is not one); *offset* is
    where the comment starts in *source*, for the error an unknown rule raises."""
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    what = match.group("what") or ""
    if what in ("off", "on"):
        return Directive(Toggle(what))
    ignore = _IGNORE.fullmatch(what)
    if ignore is None:
        raise _directive_error(f"unknown newslib comment {what!r}", source, offset, path)
    names = [name.strip() for name in ignore.group("rules").split(",")]
    known = {rule.value: rule for rule in Rule}
    unknown = [name for name in names if name not in known]
    if unknown:
        problem = f"unknown rule {unknown[0]!r} in a newslib comment"
        raise _directive_error(problem, source, offset, path)
    return Directive(None, frozenset(known[name] for name in names))


def _directive_error(problem: str, source: str, offset: int, path: str) -> InputError:
    line, column = LineIndex(source).at(offset)
    return InputError(problem, path=path, line=line, column=column, hint=_HINT)


def comment_directives(source: str, start: int, end: int, *, path: str) -> Iterator[Directive]:
    """Each directive in an HTML comment that opens in ``source[start:end]``."""
    position = source.find("<!--", start, end)
    while position != -1:
        match = _COMMENT.match(source, position)
        if match is None:
            return
        directive = parse_directive(match.group(1), source=source, offset=position, path=path)
        if directive is not None:
            yield directive
        position = source.find("<!--", match.end(), end)
