"""Texts into requests an engine accepts: cut at sentences under its length limit, batched.

:func:`translate_pieces` is what every engine's ``translate`` runs: each text is cut into
pieces of at most *limit* characters (after sentences where possible), the pieces go out
in batches of at most *batch* pieces and *limit* characters, and each text is joined back
from its translated pieces with the whitespace that followed each. When a batch fails,
the error carries the texts already translated (``TranslatorError.translated``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from newslib.errors import TranslatorError, TranslatorResponseError

__all__ = ["split_sentences", "translate_pieces"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”“)\]]*\s+")


def split_sentences(text: str, limit: int) -> list[str]:
    """*text* in pieces of at most *limit* characters, cut after sentences where possible.

    Joining the pieces gives *text* back.

    >>> split_sentences("One. Two. Three.", 9)
    ['One. ', 'Two. ', 'Three.']
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    start = 0
    for cut in [*cuts, len(text)]:
        sentence = text[start:cut]
        start = cut
        if current and len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        while len(sentence) > limit:  # one sentence longer than the limit: cut at a space
            space = sentence.rfind(" ", 0, limit)
            cut_at = space + 1 if space > 0 else limit
            pieces.append(sentence[:cut_at])
            sentence = sentence[cut_at:]
        current += sentence
    if current:
        pieces.append(current)
    return pieces


# One piece to send: the text it belongs to, what is sent, the whitespace after it.
_Piece = tuple[int, str, str]


def _batches(pieces: list[_Piece], limit: int, batch: int) -> Iterator[list[_Piece]]:
    current: list[_Piece] = []
    size = 0
    for piece in pieces:
        if current and (len(current) == batch or size + len(piece[1]) > limit):
            yield current
            current, size = [], 0
        current.append(piece)
        size += len(piece[1])
    if current:
        yield current


def translate_pieces(
    texts: Sequence[str],
    *,
    limit: int,
    batch: int,
    send: Callable[[list[str]], list[str]],
    engine: str,
) -> list[str]:
    """Translate *texts* through *send* (a batch of strings → their translations)."""
    pieces: list[_Piece] = []
    for index, text in enumerate(texts):
        if text.strip():
            for piece in split_sentences(text, limit):
                core = piece.rstrip()
                pieces.append((index, core, piece[len(core) :]))
    done: list[list[str]] = [[] for _ in texts]
    remaining = [sum(1 for p in pieces if p[0] == i) for i in range(len(texts))]
    try:
        for group in _batches(pieces, limit, batch):
            translated = send([core for _, core, _ in group])
            if len(translated) != len(group) or not all(isinstance(t, str) for t in translated):
                raise TranslatorResponseError(
                    f"{engine} answered {len(translated)} text(s) for {len(group)} sent"
                )
            for (index, _, tail), text in zip(group, translated, strict=True):
                done[index].append(text + tail)
                remaining[index] -= 1
    except TranslatorError as exc:
        exc.translated = {
            i: "".join(done[i]) if texts[i].strip() else texts[i]
            for i in range(len(texts))
            if remaining[i] == 0
        }
        raise
    return [
        "".join(parts) if text.strip() else text for parts, text in zip(done, texts, strict=True)
    ]
