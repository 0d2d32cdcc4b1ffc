"""Where each character of a YAML scalar's value is in its file, and writing a value back.

A composed scalar node knows its value and where its source starts and ends, not where
each character of the value came from. :func:`scalar_map` reads the source again the way
YAML's scanner does — escapes, ``''``, line folding in plain and quoted scalars,
indentation, folding and chomping in ``|`` and ``>`` blocks — and gives each character
of the value its span in the file. The reading is compared with the node's value: a
scalar it does not follow gives ``None``, never a wrong map.

Writing back: :func:`escape_for` writes replacement text in a scalar's own style (for
edits that splice just the replaced characters), and :func:`double_quoted` writes a whole
value as one double-quoted line (for a scalar that is rewritten).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

import yaml

__all__ = ["ScalarMap", "double_quoted", "escape_for", "scalar_map"]

_BREAKS = "\r\n\x85\u2028\u2029"
_ESCAPES: dict[str, str] = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS
_CODES: dict[str, int] = yaml.scanner.Scanner.ESCAPE_CODES
_PLAIN_RUN = re.compile(r"[^ \t\r\n\x85\u2028\u2029]+")
_SINGLE_RUN = re.compile(r"[^' \t\r\n\x85\u2028\u2029]+")
_DOUBLE_RUN = re.compile(r'[^"\\ \t\r\n\x85\u2028\u2029]+')
_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*")


@dataclass(frozen=True, slots=True)
class ScalarMap:
    """A scalar's value and, for each of its characters, the file span it was read from.

    ``start:end`` is the scalar as written (for a block scalar, up to the end of its last
    line of text, so that the line breaks and blank lines after it are not part of it).
    """

    value: str
    style: str  # "" plain, "'", '"', "|" or ">"
    starts: list[int]
    ends: list[int]
    start: int
    end: int


def scalar_map(source: str, node: yaml.ScalarNode) -> ScalarMap | None:
    """The map of *node*, a scalar composed from *source*; ``None`` if it cannot be read."""
    style = node.style or ""
    start, end = node.start_mark.index, node.end_mark.index
    value: str = node.value
    out: _Out | None
    if style == "":
        out = _plain(source, start, end)
    elif style in ("'", '"'):
        out = _quoted(source, start + 1, end - 1, double=style == '"')
    elif style in ("|", ">"):
        out, end = _block(source, start, value) or (None, end)
    else:
        return None
    if out is None or out.value() != value:
        return None
    return ScalarMap(value, style, out.starts, out.ends, start, end)


def escape_for(style: str, text: str) -> str | None:
    """*text* as it is written inside a scalar of *style*; ``None`` where an edit in
    place cannot hold it (a line break anywhere, or a plain scalar's indicators)."""
    if any(c in _BREAKS for c in text):
        return None
    if style == "'":
        return text.replace("'", "''")
    if style == '"':
        return double_quoted(text)[1:-1]
    if style == "" and (": " in text or " #" in text or text.endswith(":")):
        return None
    return text


def double_quoted(value: str) -> str:
    """*value* as one double-quoted YAML line (escapes for breaks and control characters)."""
    text: str = yaml.dump(
        value, default_style='"', allow_unicode=True, width=sys.maxsize, Dumper=yaml.SafeDumper
    )
    return text.rstrip("\n")


class _Out:
    """The value being read, with the file span of each character."""

    __slots__ = ("chunks", "ends", "starts")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, source: str, start: int, end: int) -> None:
        """Characters taken as written."""
        self.chunks.append(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def char(self, char: str, start: int, end: int) -> None:
        """One character read from ``source[start:end]`` (an escape, a fold, a break)."""
        self.chunks.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def value(self) -> str:
        return "".join(self.chunks)


def _break(source: str, index: int) -> tuple[str, int]:
    """The line break at *index* as YAML reads it, and where it ends; ("", index) if none."""
    char = source[index : index + 1]
    if char == "\r":
        return "\n", index + (2 if source[index + 1 : index + 2] == "\n" else 1)
    if char in ("\n", "\x85"):
        return "\n", index + 1
    if char in ("\u2028", "\u2029"):
        return char, index + 1
    return "", index


def _line_end(source: str, index: int) -> int:
    match = _LINE.match(source, index)
    assert match is not None  # it matches the empty string too
    return match.end()


def _blank_end(source: str, index: int, limit: int) -> int:
    while index < limit and source[index] in " \t":
        index += 1
    return index


def _fold(source: str, index: int, limit: int, out: _Out, *, escaped: bool = False) -> int:
    """Read the line break at *index* and the blank lines after it, as flow and plain
    scalars fold them: one break is a space, n breaks are n-1 newlines (an escaped break,
    none). Returns where the next line's text starts."""
    first, after = _break(source, index)
    breaks: list[tuple[str, int, int]] = []
    text = _blank_end(source, after, limit)
    while True:
        char, end = _break(source, text)
        if not char or text >= limit:
            break
        breaks.append((char, text, end))
        text = _blank_end(source, end, limit)
    if not escaped:
        if first != "\n":
            out.char(first, index, after)
        elif not breaks:
            out.char(" ", index, text)
    for char, start, end in breaks:
        out.char(char, start, end)
    return text


def _spaces(source: str, index: int, limit: int, out: _Out) -> int:
    """Blanks: kept inside a line, dropped before a line break."""
    end = _blank_end(source, index, limit)
    if end >= limit or source[end] not in _BREAKS:
        out.copy(source, index, end)
    return end


def _plain(source: str, start: int, end: int) -> _Out:
    out, index = _Out(), start
    while index < end:
        char = source[index]
        if char in " \t":
            index = _spaces(source, index, end, out)
        elif char in _BREAKS:
            index = _fold(source, index, end, out)
        else:
            run = _PLAIN_RUN.match(source, index, end)
            assert run is not None
            out.copy(source, index, run.end())
            index = run.end()
    return out


def _quoted(source: str, start: int, end: int, *, double: bool) -> _Out | None:
    out, index = _Out(), start
    runs = _DOUBLE_RUN if double else _SINGLE_RUN
    while index < end:
        char = source[index]
        if char in " \t":
            index = _spaces(source, index, end, out)
        elif char in _BREAKS:
            index = _fold(source, index, end, out)
        elif not double and char == "'":  # '' inside single quotes
            out.char("'", index, index + 2)
            index += 2
        elif double and char == "\\":
            code = source[index + 1 : index + 2]
            if code in _ESCAPES:
                out.char(_ESCAPES[code], index, index + 2)
                index += 2
            elif code in _CODES:
                digits = source[index + 2 : index + 2 + _CODES[code]]
                try:
                    out.char(chr(int(digits, 16)), index, index + 2 + len(digits))
                except ValueError:
                    return None
                index += 2 + len(digits)
            elif code and code in _BREAKS:
                index = _fold(source, index + 1, end, out, escaped=True)
            else:
                return None
        elif double and char == '"':
            return None
        else:
            run = runs.match(source, index, end)
            assert run is not None
            out.copy(source, index, run.end())
            index = run.end()
    return out


def _block(source: str, start: int, value: str) -> tuple[_Out, int] | None:
    """A ``|`` or ``>`` scalar: the header, then its lines at their indentation."""
    folded = source[start] == ">"
    index = start + 1
    chomping: bool | None = None  # True: keep (+), False: strip (-), None: clip
    explicit = False
    for _ in range(2):
        char = source[index : index + 1]
        if char in ("+", "-"):
            chomping = char == "+"
            index += 1
        elif char.isdigit() and char != "0":
            explicit = True
            index += 1
    index = _blank_end(source, index, len(source))
    if source[index : index + 1] == "#":
        index = _line_end(source, index)
    header_end = index
    char, index = _break(source, index)
    if not char and index < len(source):
        return None
    if not value:
        return _Out(), header_end
    # Without an indicator the first line of text sets the indentation; with one, or with
    # no line of text at all, it counts from the parent's, which a node does not tell:
    # the first indentation whose reading gives the value is the one YAML used.
    first = 1 if explicit else _auto_indent(source, index)
    for indent in range(first, first + 100):
        read = _block_lines(source, index, indent, folded, chomping, header_end)
        if read[0].value() == value:
            return read
    return None


def _auto_indent(source: str, index: int) -> int:
    largest, column = 0, 0
    while index < len(source) and source[index] in " " + _BREAKS:
        if source[index] == " ":
            index, column = index + 1, column + 1
            largest = max(largest, column)
        else:
            index, column = _break(source, index)[1], 0
    return largest


def _block_breaks(
    source: str, index: int, indent: int
) -> tuple[list[tuple[str, int, int]], int, int]:
    """Blank lines (up to *indent* spaces each): their breaks, where reading goes on, and
    its column."""
    breaks: list[tuple[str, int, int]] = []
    column = 0
    while column < indent and source[index : index + 1] == " ":
        index, column = index + 1, column + 1
    while True:
        char, end = _break(source, index)
        if not char:
            return breaks, index, column
        breaks.append((char, index, end))
        index, column = end, 0
        while column < indent and source[index : index + 1] == " ":
            index, column = index + 1, column + 1


def _block_lines(
    source: str, index: int, indent: int, folded: bool, chomping: bool | None, content_end: int
) -> tuple[_Out, int]:
    out = _Out()
    breaks, index, column = _block_breaks(source, index, indent)
    line_break: tuple[str, int, int] = ("", index, index)
    while column == indent and index < len(source):
        for char, start, end in breaks:
            out.char(char, start, end)
        leading_blank = source[index] in " \t"
        line_end = _line_end(source, index)
        out.copy(source, index, line_end)
        content_end = line_end
        char, after = _break(source, line_end)
        line_break = (char, line_end, after)
        breaks, index, column = _block_breaks(source, after, indent)
        if not (column == indent and index < len(source)):
            break
        next_blank = source[index] in " \t"
        if folded and char == "\n" and not leading_blank and not next_blank:
            if not breaks:
                out.char(" ", line_end, index)
        elif char:
            out.char(*line_break)
    if chomping is not False and line_break[0]:
        out.char(*line_break)
    if chomping is True:
        for char, start, end in breaks:
            out.char(char, start, end)
    return out, content_end
