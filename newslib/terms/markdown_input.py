"""Markdown files as prose: read with pyromark (pulldown-cmark), by its source ranges.

Prose is the text of paragraphs, headings, list items, table cells, footnotes and image
alt text. Nothing else is checked or fixed: YAML or TOML front matter, code spans and
code blocks (fenced or indented), math, autolinks, link and image destinations and
titles, reference definitions, heading attributes (``{#id}``), raw HTML (blocks and
inline tags) and HTML comments. Block quotes are quotations (the policy's
``quotations`` treatment applies), except GitHub alerts (``> [!NOTE]``).

Entities and backslash escapes are decoded (``&shy;`` hides no name), and each decoded
character spans its whole entity or escape in the file. A name that markup splits, as
in ``**Sukh**umi``, is read as the reader sees it ("Sukhumi") and reported, but a fix
would have to cross the markup, so it is left for a human.

pyromark's ranges are UTF-8 byte offsets; the prose's offsets are ``str`` indexes into
the file as read (``newline=""``), like every other document's.

>>> source = "---\\nslug: sukhumi\\n---\\n# In *Sukhumi*\\n\\n`x` [Sukhumi](s.md)"
>>> prose = read_markdown(source, path="-")
>>> print(ascii(prose.text.strip()))
'In Sukhumi\\n\\n\\ufffc Sukhumi'
>>> prose.offsets[3], prose.ends[9]
(28, 35)
"""

from __future__ import annotations

import html
import re
import string
from itertools import accumulate

import pyromark
from pyromark.event import Event

from newslib.terms.policy import Rule
from newslib.terms.prose import Prose, ProseBuilder, comment_directives, obey

__all__ = ["escape_markdown", "read_markdown"]

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
    | pyromark.Options.ENABLE_MATH
    | pyromark.Options.ENABLE_GFM
)
_PARSER = pyromark.Markdown(options=_OPTIONS)

_INLINE = frozenset(("Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Link"))
_HIDDEN = frozenset(("CodeBlock", "MetadataBlock", "HtmlBlock"))  # blocks that are not prose
_NOT_PROSE = frozenset(("Code", "InlineMath", "DisplayMath", "FootnoteReference"))  # inline
_ESCAPABLE = frozenset(string.punctuation)  # CommonMark escapes any ASCII punctuation
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$!#])")


def escape_markdown(text: str) -> str:
    """*text* as Markdown prose that reads as *text*: markup characters escaped.

    >>> escape_markdown("Sukhum"), escape_markdown("A*B [x]")
    ('Sukhum', 'A\\\\*B \\\\[x\\\\]')
    """
    return _SPECIAL.sub(r"\\\1", text)


def read_markdown(source: str, *, path: str) -> Prose:
    """The prose of a Markdown file (see the module docstring); a malformed newslib
    comment raises :class:`~newslib.errors.InputError` at its line."""
    bom = 1 if source.startswith("\ufeff") else 0  # front matter after a BOM is still one
    body = source[bom:]
    reader = _Reader(source, path)
    events = _PARSER.events_with_range(body)
    if body.isascii() and not bom:
        for event, span in events:
            reader.event(event, span["start"], span["end"])
    else:
        index = _char_index(body, bom)
        for event, span in events:
            reader.event(event, index[span["start"]], index[span["end"]])
    return reader.builder.build()


# Maps each byte to 1 if it starts a UTF-8 character, 0 if it continues one.
_STARTS_A_CHARACTER = bytes(0 if 0x80 <= byte < 0xC0 else 1 for byte in range(256))


def _char_index(text: str, shift: int) -> list[int]:
    """For each UTF-8 byte offset into *text* (and its end), the ``str`` index there,
    plus *shift*: the number of characters that start before it."""
    starts = text.encode("utf-8").translate(_STARTS_A_CHARACTER)
    return list(accumulate(starts, initial=shift))


class _Reader:
    """Turns pyromark's events into prose, following newslib comments."""

    def __init__(self, source: str, path: str) -> None:
        self.source, self.path = source, path
        self.builder = ProseBuilder(source)
        self.hidden = 0  # depth inside what is not prose (code blocks, autolinks, …)
        self.off = False  # between <!-- newslib off --> and <!-- newslib on -->
        self.pending: frozenset[Rule] = frozenset()  # for the next block
        self.blocks: list[tuple[int, frozenset[Rule], bool]] = []  # start, ignored, quote?
        self.links: list[bool] = []  # per open link: is it an autolink?

    @property
    def reading(self) -> bool:
        return not self.hidden and not self.off

    def event(self, event: Event, start: int, end: int) -> None:
        builder = self.builder
        if isinstance(event, str):
            if event == "Rule":
                builder.block()
            elif not self.reading:
                pass
            elif event == "SoftBreak":
                builder.decoded("\n", start, end)
            else:  # HardBreak: a gap, as a fix across it would remove the break
                builder.gap("\n")
            return
        # One key per event (a dict lookup is cheaper than a match on mappings).
        [(kind, value)] = event.items()
        if kind == "Text":
            if self.reading:
                self._text(str(value), start, end)
        elif kind == "Start":
            self._start(_tag_name(value), value, start, end)
        elif kind == "End":
            self._end(_tag_name(value))
        elif kind in _NOT_PROSE:
            if self.reading:
                builder.gap()
        elif kind == "InlineHtml":
            self._directives(start, end)
        # Html is inside an HtmlBlock (read at its start); a TaskListMarker is no text

    def _start(self, name: str, tag: object, start: int, end: int) -> None:
        if name == "Image":
            return  # its alt text is prose
        if name == "Link":
            autolink = isinstance(tag, dict) and tag["Link"]["link_type"] in ("Autolink", "Email")
            self.links.append(autolink)
            if autolink:
                self.hidden += 1
                if not self.off:
                    self.builder.gap()
            return
        if name in _INLINE:
            return
        if name == "HtmlBlock":
            self._directives(start, end)
        self.builder.block()
        ignored = frozenset[Rule]()
        if name != "HtmlBlock" and self.pending:
            ignored, self.pending = self.pending, frozenset()
        quote = name == "BlockQuote" and isinstance(tag, dict) and tag["BlockQuote"] is None
        self.blocks.append((self.builder.position, ignored, quote))
        if name in _HIDDEN:
            self.hidden += 1

    def _end(self, name: str) -> None:
        if name == "Image":
            return
        if name == "Link":
            if self.links.pop():
                self.hidden -= 1
            return
        if name in _INLINE:
            return
        if name in _HIDDEN:
            self.hidden -= 1
        start, ignored, quote = self.blocks.pop()
        self.builder.suppress(start, ignored)
        if quote and start < self.builder.position:
            self.builder.quoted.append((start, self.builder.position))
        self.builder.block()

    def _text(self, text: str, start: int, end: int) -> None:
        if self.source.startswith(text, start) and start + len(text) == end:
            self.builder.verbatim(start, end)
            return
        pieces = _aligned(self.source, text, start, end)
        if pieces is None:  # not expected; then the piece is not prose rather than misread
            self.builder.gap()
            return
        for piece, piece_start, piece_end in pieces:
            if self.source[piece_start:piece_end] == piece:
                self.builder.verbatim(piece_start, piece_end)
            else:
                self.builder.decoded(piece, piece_start, piece_end)

    def _directives(self, start: int, end: int) -> None:
        for directive in comment_directives(self.source, start, end, path=self.path):
            self.off, self.pending = obey(directive, self.off, self.pending, self.builder)


def _tag_name(tag: object) -> str:
    """ "Paragraph" for ``"Paragraph"``, "Heading" for ``{"Heading": …}``."""
    if isinstance(tag, dict):
        return str(next(iter(tag)))
    return str(tag)


def _aligned(source: str, text: str, start: int, end: int) -> list[tuple[str, int, int]] | None:
    """*text*, which pyromark decoded from ``source[start:end]``, as pieces with their
    spans: an entity or escape is one piece; ``None`` if the two do not line up."""
    pieces: list[tuple[str, int, int]] = []
    i, j = start, 0
    while i < end:
        char = source[i]
        if j == len(text) or (char in " \t" and text[j] != char):
            if char not in " \t":
                return None
            i += 1  # whitespace the parser dropped (at the end of a line)
            continue
        if char == "&" and (entity := _ENTITY.match(source, i, end)):
            decoded = html.unescape(entity.group())
            if decoded != entity.group() and text.startswith(decoded, j):
                pieces.append((decoded, i, entity.end()))
                i, j = entity.end(), j + len(decoded)
                continue
        if (
            char == "\\"
            and i + 1 < end
            and source[i + 1] in _ESCAPABLE
            and text[j] == source[i + 1]
        ):
            pieces.append((text[j], i, i + 2))
            i, j = i + 2, j + 1
        elif char == text[j] or (char == "\0" and text[j] == "\ufffd"):
            pieces.append((text[j], i, i + 1))
            i, j = i + 1, j + 1
        else:
            return None
    return pieces if j == len(text) else None
