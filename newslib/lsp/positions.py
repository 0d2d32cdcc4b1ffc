"""String offsets ↔ LSP positions, in the encoding client and server agreed on.

An LSP position is a 0-based line and a character counted in UTF-8 bytes, UTF-16 code
units (the default) or UTF-32 code points. Lines end at "\\n", "\\r\\n" or "\\r", as the
protocol says (not at the other breaks ``str.splitlines`` knows, U+2028 or U+0085):

>>> text = "a😀b\\r\\nЦхинвал"
>>> [Positions(text, e).at(3) for e in ("utf-8", "utf-16", "utf-32")]
[(0, 6), (0, 4), (0, 3)]
>>> Positions(text, "utf-16").at(len(text)), Positions(text, "utf-16").offset(0, 4)
((1, 7), 3)
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["ENCODINGS", "Positions", "units"]

ENCODINGS = ("utf-8", "utf-16", "utf-32")
_LINE_END = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """The length of *text* in *encoding*'s code units."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class Positions:
    """The lines of one text, for turning offsets into positions and back."""

    __slots__ = ("_starts", "encoding", "text")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text, self.encoding = text, encoding
        self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def at(self, offset: int) -> tuple[int, int]:
        """The line and character of string offset *offset*."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        return line, units(self.text[self._starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The string offset of a position; past a line's end means its end (as the
        protocol asks), past the last line the end of the text."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        content = _LINE_END.sub("", self.text[start:end], count=1)
        counted = 0
        for index, char in enumerate(content):
            if counted >= character:
                return start + index
            counted += units(char, self.encoding)
        return start + len(content)
