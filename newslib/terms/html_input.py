"""HTML files as prose: read with the standard library's :class:`html.parser.HTMLParser`.

Prose is text content and the values of ``alt`` and ``title`` attributes, each value a
block of its own. Nothing else is checked or fixed: other attributes (``href``,
``src``, ``class``…), comments, declarations, and whatever is inside ``<script>``,
``<style>``, ``<code>``, ``<pre>``, ``<kbd>`` or ``<samp>``. ``<blockquote>`` and
``<q>`` are quotations (the policy's ``quotations`` treatment applies).

Character references are decoded with their offsets kept (``convert_charrefs=False``),
so ``Sukh&shy;umi`` and ``Sukh&#173;umi`` are "Sukhumi" to the scanner and a fix
replaces the whole reference. Inline elements join their text (``<b>Sukh</b>umi`` reads
"Sukhumi", reported, left for a human: a fix would cross the tags); block elements
(``<p>``, ``<li>``, ``<td>``…) separate it. An unquoted ``alt`` or ``title`` value is
fixed only with a suggestion that needs no quotes (a space would end the value); a
suggestion is escaped for where it goes (``&amp;``; ``&quot;`` inside ``"…"``).

>>> prose = read_html('<p title="a > b">In <b>Sukh&shy;umi</b><code>Sukhumi</code></p>', path="-")
>>> prose.text.strip()
'a > b\\n\\nIn Sukh\\xadumi'
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from newslib.errors import InputError
from newslib.terms.policy import Rule
from newslib.terms.prose import Prose, ProseBuilder, obey, parse_directive

__all__ = ["escape_html", "read_html"]

_SKIP = frozenset(("script", "style", "code", "pre", "kbd", "samp"))
_PROSE_ATTRIBUTES = frozenset(("alt", "title"))
_QUOTES = frozenset(("blockquote", "q"))
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
_BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li "
    "main menu nav ol optgroup option p search section summary table tbody td tfoot th "
    "thead title tr ul".split()
)
# Start tags that close an open element implicitly (HTML's optional end tags).
_CLOSED_BY = {
    "li": frozenset(("li", "p")),
    "dt": frozenset(("dt", "dd", "p")),
    "dd": frozenset(("dt", "dd", "p")),
    "tr": frozenset(("tr", "td", "th")),
    "td": frozenset(("td", "th")),
    "th": frozenset(("td", "th")),
    "option": frozenset(("option",)),
}
_CLOSES_P = frozenset(("p",))

# html.parser's own patterns for a start tag's name and attributes (Python 3.11), to find
# where each attribute value is; the parser's decoded values are checked against them.
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(
    r'((?<=[\'"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*'
    r'(\'[^\']*\'|"[^"]*"|(?![\'"])[^>\s]*))?(?:\s|/(?!>))*'
)
_MARKUP = re.compile(r"<[a-zA-Z/!?]")
_NEEDS_QUOTES = re.compile(r"[\s\"'=<>`]")  # what an unquoted attribute value cannot hold


def escape_html(text: str, quote: str | None = None) -> str | None:
    """*text* as HTML text, or as an attribute value inside *quote* ("" for none);
    ``None`` when an unquoted value cannot hold it.

    >>> escape_html("Sukhum"), escape_html('A & "B"'), escape_html('"B"', quote='"')
    ('Sukhum', 'A &amp; "B"', '&quot;B&quot;')
    >>> print(escape_html("South Ossetia", quote=""))
    None
    """
    escaped = html.escape(text, quote=False)
    if quote == "":
        return None if _NEEDS_QUOTES.search(escaped) else escaped
    if quote:
        return escaped.replace(quote, {'"': "&quot;", "'": "&#x27;"}[quote])
    return escaped


def read_html(source: str, *, path: str) -> Prose:
    """The prose of an HTML file (see the module docstring); a malformed newslib comment
    raises :class:`~newslib.errors.InputError` at its line."""
    reader = _Reader(source, path)
    try:
        reader.feed(source)
        if not reader.rawdata.startswith("<"):  # a tag or comment the file ends inside is
            reader.close()  # dropped, as browsers drop it, rather than read as text
    except AssertionError as exc:  # html.parser's way to refuse a declaration (<![foo[)
        line, column = reader.getpos()
        raise InputError(
            f"HTML that Python's parser cannot read: {exc}",
            path=path,
            line=line,
            column=column + 1,
            hint="write it as a comment, <!-- … -->, or remove it",
        ) from None
    while reader.stack:
        reader.pop()
    return reader.builder.build()


class _Element:
    __slots__ = ("ignored", "name", "start")

    def __init__(self, name: str, start: int, ignored: frozenset[Rule]) -> None:
        self.name, self.start, self.ignored = name, start, ignored


class _Reader(HTMLParser):
    """Turns the parser's callbacks into prose, following newslib comments."""

    def __init__(self, source: str, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source, self.path = source, path
        self.builder = ProseBuilder(source)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.stack: list[_Element] = []
        self.hidden = 0  # open elements whose content is not prose
        self.off = False
        self.pending: frozenset[Rule] = frozenset()

    @property
    def reading(self) -> bool:
        return not self.hidden and not self.off

    def here(self) -> int:
        """Where the construct being handled starts in the source."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # ------------------------------------------------------------------ elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag in _VOID:
            self.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        self.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            if tag == "br" and self.reading:
                self.builder.gap("\n")  # </br> is read as <br>
            return
        if any(element.name == tag for element in self.stack):
            while self.pop() != tag:
                pass

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = _CLOSED_BY.get(tag, _CLOSES_P if tag in _BLOCKS else frozenset())
        while self.stack and self.stack[-1].name in closes:
            self.pop()
        if tag in _BLOCKS:
            self.builder.block()
        elif tag == "br" and self.reading:
            self.builder.gap("\n")
        self.stack.append(_Element(tag, self.builder.position, self.pending))
        self.pending = frozenset()
        if self.reading and any(name in _PROSE_ATTRIBUTES and value for name, value in attrs):
            self._attributes(attrs)
        if tag in _SKIP:
            self.hidden += 1

    def pop(self) -> str:
        """Close the innermost open element; its name."""
        element = self.stack.pop()
        if element.name in _SKIP:
            self.hidden -= 1
        builder = self.builder
        builder.suppress(element.start, element.ignored)
        if element.name in _QUOTES and element.start < builder.position:
            builder.quoted.append((element.start, builder.position))
        if element.name in _BLOCKS:
            builder.block()
        return element.name

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> None:
        """Add the ``alt`` and ``title`` values, found in the tag as written."""
        raw, start = self.get_starttag_text() or "", self.here()
        found: list[tuple[str, str | None, int, int, str]] = []
        name = _TAG_NAME.match(raw)
        position = name.end() if name else len(raw)
        while (match := _ATTRIBUTE.match(raw, position)) and match.end() > position:
            value, quote = match.group(3), ""
            value_start, value_end = match.span(3)
            if match.group(2) and value[:1] in ("'", '"') and value[:1] == value[-1:]:
                value, quote = value[1:-1], value[0]
                value_start, value_end = value_start + 1, value_end - 1
            decoded = html.unescape(value) if value else (value if match.group(2) else None)
            found.append((match.group(1).lower(), decoded, value_start, value_end, quote))
            position = match.end()
        if [(n, v) for n, v, *_ in found] != attrs:
            return  # the tag is not written as this reader expects: leave its values alone
        builder = self.builder
        for name_, value_, value_start, value_end, quote in found:
            if name_ not in _PROSE_ATTRIBUTES or not value_:
                continue
            builder.block()
            text_start = builder.position
            builder.entities(start + value_start, start + value_end)
            builder.attributes.append((text_start, builder.position, quote))
            builder.block()

    # ------------------------------------------------------------------ text

    def handle_data(self, data: str) -> None:
        if not self.reading:
            return
        start = self.here()
        if _MARKUP.match(data) or not self.source.startswith(data, start):
            self.builder.gap()  # a tag the parser could not read, passed on as text
            return
        self.builder.verbatim(start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, written: str) -> None:
        if not self.reading:
            return
        start = self.here()
        end = start + len(written)
        if not self.source.startswith(written, start):
            self.builder.gap()
            return
        if self.source.startswith(";", end):
            end += 1
        self.builder.entities(start, end)

    # ------------------------------------------------------------------ comments

    def handle_comment(self, data: str) -> None:
        directive = parse_directive(data, source=self.source, offset=self.here(), path=self.path)
        if directive is not None:
            self.off, self.pending = obey(directive, self.off, self.pending, self.builder)
