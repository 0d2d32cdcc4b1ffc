"""Line and column numbers of string offsets, as findings report them (1-based; a line
ends at "\\n", "\\r\\n" or a lone "\\r", as editors and the Language Server Protocol count
them; columns count code points, ``str`` indices).

>>> LineIndex("ab\\ncd\\n").at(4)
(2, 2)
>>> LineIndex("ab\\r\\ncd").line_text(1)
'ab'
>>> LineIndex("ab\\rcd").at(4)
(2, 2)
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["LineIndex"]

_NEWLINE = re.compile("\r\n|\r|\n")


class LineIndex:
    """Lines of one text, found the first time a position is asked for, so a text with
    many findings is read once rather than once a finding."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        """The line and column of *offset*."""
        starts = self._line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of *line* without its line ending."""
        starts = self._line_starts()
        if line >= len(starts):
            return self.text[starts[line - 1] :]
        text = self.text[starts[line - 1] : starts[line]]
        return text[:-2] if text.endswith("\r\n") else text[:-1]

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _NEWLINE.finditer(self.text))]
        return self._starts
