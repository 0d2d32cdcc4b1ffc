"""Line and column numbers of string offsets, as findings report them (1-based; a line
ends at "\\n").

>>> LineIndex("ab\\ncd\\n").at(4)
(2, 2)
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["LineIndex"]

_NEWLINE = re.compile("\n")


class LineIndex:
    """Lines of one text, found the first time a position is asked for, so a text with
    many findings is read once rather than once a finding."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        """The line and column of *offset*."""
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _NEWLINE.finditer(self.text))]
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
