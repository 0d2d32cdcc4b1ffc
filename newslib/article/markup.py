"""Inline entity-reference markup: ``[[entity|surface]]`` inside running text.

``parse_text`` and ``format_text`` are a symmetric pair. A backslash escapes ``[``,
``]``, ``|`` and itself; a single ``[`` or ``]`` may also stand unescaped where it cannot
start or end a reference.

>>> parse_text("the talks in [[tskhinvali|Tskhinval]]").plain
'the talks in Tskhinval'
>>> format_text(parse_text(r"literal \\[[brackets]]"))
'literal \\\\[[brackets]]'
"""

from __future__ import annotations

from newslib.article.model import ENTITY_ID, Ref, Segment, Text
from newslib.errors import ArticleError

__all__ = ["format_text", "parse_text", "plain_offsets"]

_ESCAPABLE = "[]|\\"


def parse_text(markup: str) -> Text:
    """Parse markup into :class:`Text`.

    Raises :class:`ArticleError` whose ``column`` is the 1-based offset of the problem
    within *markup*.
    """
    segments: list[Segment] = []
    literal: list[str] = []
    i = 0
    while i < len(markup):
        char = markup[i]
        if char == "\\":
            escaped = markup[i + 1 : i + 2]
            if not escaped or escaped not in _ESCAPABLE:
                raise _error(i, "a backslash escapes nothing here", r"write \\ for a backslash")
            literal.append(escaped)
            i += 2
        elif markup.startswith("[[", i):
            segments.append("".join(literal))
            literal.clear()
            ref, i = _parse_ref(markup, i)
            segments.append(ref)
        else:
            literal.append(char)
            i += 1
    segments.append("".join(literal))
    return Text(tuple(segments))


def _parse_ref(markup: str, start: int) -> tuple[Ref, int]:
    bar = markup.find("|", start + 2)
    close = markup.find("]]", start + 2)
    if close == -1:
        raise _error(start, "reference is not closed", "end it with ]] or write \\[[ for text")
    if bar == -1 or bar > close:
        raise _error(start, "reference has no '|surface'", "write [[entity-id|Name as written]]")
    entity = markup[start + 2 : bar]
    if not ENTITY_ID.fullmatch(entity):
        raise _error(
            start + 2,
            f"invalid entity id {entity!r} in reference",
            "use lowercase letters, digits and '-', e.g. [[sukhumi|Sukhum]]",
        )
    surface: list[str] = []
    i = bar + 1
    while i < len(markup):
        char = markup[i]
        if char == "\\" and markup[i + 1 : i + 2] in tuple(_ESCAPABLE):
            surface.append(markup[i + 1])
            i += 2
        elif markup.startswith("]]", i):
            if not surface:
                raise _error(start, "reference has an empty surface", "write the name as written")
            return Ref(entity, "".join(surface)), i + 2
        elif char in "[|\\":
            raise _error(i, f"unescaped {char!r} inside a reference", f"write \\{char}")
        else:
            surface.append(char)
            i += 1
    raise _error(start, "reference is not closed", "end it with ]]")


def plain_offsets(markup: str) -> list[int]:
    """For each character of ``parse_text(markup).plain`` (and its end), its index in *markup*.

    *markup* must be valid (``parse_text`` accepts it).

    >>> plain_offsets("in [[tskhinvali|Tskhinval]]")[3:5]
    [16, 17]
    """
    offsets: list[int] = []
    i = 0
    in_ref = False
    while i < len(markup):
        if markup[i] == "\\":
            offsets.append(i + 1)
            i += 2
        elif not in_ref and markup.startswith("[[", i):
            i = markup.index("|", i) + 1
            in_ref = True
        elif in_ref and markup.startswith("]]", i):
            i += 2
            in_ref = False
        else:
            offsets.append(i)
            i += 1
    offsets.append(len(markup))
    return offsets


def format_text(text: Text) -> str:
    """Write :class:`Text` as canonical markup (the inverse of :func:`parse_text`)."""
    parts: list[str] = []
    for segment in text.segments:
        if isinstance(segment, Ref):
            surface = "".join("\\" + c if c in _ESCAPABLE else c for c in segment.surface)
            parts.append(f"[[{segment.entity}|{surface}]]")
        else:
            parts.append(_escape_literal(segment))
    return "".join(parts)


def _escape_literal(value: str) -> str:
    out: list[str] = []
    for index, char in enumerate(value):
        if char == "\\":
            out.append("\\\\")
        elif char == "[" and value[index + 1 : index + 2] in ("[", ""):
            # "[[" would open a reference; a trailing "[" could meet the next one's "[[".
            out.append("\\[")
        else:
            out.append(char)
    return "".join(out)


def _error(index: int, problem: str, hint: str) -> ArticleError:
    return ArticleError(problem, column=index + 1, hint=hint)
