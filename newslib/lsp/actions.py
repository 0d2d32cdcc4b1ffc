"""Code actions: ``newslib fix``'s edit for one finding, and for the whole buffer.

The edits are not worked out here: the buffer is fixed by the same code ``newslib fix``
runs (:func:`newslib.terms.documents.fix_document`, which escapes a suggestion for its
markup and splices article fields as their YAML style needs), and the difference between
the buffer and its fixed text becomes the edits.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import accumulate

from lsprotocol import types

from newslib.lsp.diagnostics import SOURCE, Analysis
from newslib.lsp.positions import Positions

__all__ = ["FIX_ALL", "code_actions", "edits_between"]

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_WORDS = re.compile(r"\w+|\s+|.", re.DOTALL)
_MOST_WORDS = 4000  # above this many words between the first and last change, one edit


def code_actions(
    analysis: Analysis,
    uri: str,
    start: int,
    end: int,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    """The quick fixes for the findings that touch ``start:end``, and "fix all"."""
    actions: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        for finding, diagnostic in zip(
            analysis.findings, analysis.finding_diagnostics, strict=True
        ):
            touches = finding.start <= end and start <= finding.end
            if not touches or not finding.applies(best_guess=True):
                continue
            fixed = analysis.fixed(finding.start, best_guess=finding.guessed)
            if fixed is None or fixed == analysis.positions.text:
                continue
            guess = " (the word form is a guess)" if finding.guessed else ""
            actions.append(
                types.CodeAction(
                    title=f"Write {finding.suggestion!r}{guess}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=not finding.guessed,
                    edit=_edit(uri, analysis.positions, fixed),
                )
            )
    if _wanted(FIX_ALL, only):
        fixed = analysis.fixed()
        if fixed is not None and fixed != analysis.positions.text:
            actions.append(
                types.CodeAction(
                    title="Fix all newslib findings in this file",
                    kind=FIX_ALL,
                    edit=_edit(uri, analysis.positions, fixed),
                )
            )
    return actions


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for *kind* (``only`` lists kinds and their parents)."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _edit(uri: str, positions: Positions, fixed: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits_between(positions, fixed)})


def edits_between(positions: Positions, new: str) -> list[types.TextEdit]:
    """The edits that turn ``positions.text`` into *new*: the lines that differ, and in
    them the words that differ, each trimmed to the characters that differ (so an editor
    keeps its cursor and marks, and a fix far from another is an edit of its own)."""
    edits = []
    for start, end, text in _line_changes(_LINES.findall(positions.text), _LINES.findall(new)):
        prefix = _common_prefix(positions.text[start:end], text)
        suffix = _common_prefix(positions.text[start + prefix : end][::-1], text[prefix:][::-1])
        start, end, text = start + prefix, end - suffix, text[prefix : len(text) - suffix]
        old_words, new_words = _WORDS.findall(positions.text[start:end]), _WORDS.findall(text)
        if len(old_words) + len(new_words) > _MOST_WORDS:  # one edit beats a slow diff
            pieces = [(0, end - start, text)]
        else:
            pieces = _changes(old_words, new_words)
        for a, b, replacement in pieces:
            old = positions.text[start + a : start + b]
            head = _common_prefix(old, replacement)
            tail = _common_prefix(old[head:][::-1], replacement[head:][::-1])
            edits.append(
                types.TextEdit(
                    range=types.Range(
                        types.Position(*positions.at(start + a + head)),
                        types.Position(*positions.at(start + b - tail)),
                    ),
                    new_text=replacement[head : len(replacement) - tail],
                )
            )
    return edits


def _line_changes(old: list[str], new: list[str]) -> list[tuple[int, int, str]]:
    """Where the lines *old* and *new* differ, as :func:`_changes` says. A fix that kept
    the number of lines (names replaced within them, as nearly always) is compared line by
    line, in linear time; a full diff of thousands of lines, most of them alike (the blank
    lines between paragraphs), takes minutes."""
    if len(old) != len(new):
        return _changes(old, new, autojunk=True)  # blank lines are junk: never an anchor
    old_starts = [0, *accumulate(len(line) for line in old)]
    return [
        (old_starts[index], old_starts[index + 1], line)
        for index, (was, line) in enumerate(zip(old, new, strict=True))
        if was != line
    ]


def _changes(
    old: list[str], new: list[str], *, autojunk: bool = False
) -> list[tuple[int, int, str]]:
    """Where the pieces *old* and *new* (of two texts) differ: spans of the old text, as
    offsets, and what the new text has there."""
    old_starts = [0, *accumulate(len(piece) for piece in old)]
    matcher = SequenceMatcher(None, old, new, autojunk=autojunk)
    return [
        (old_starts[i1], old_starts[i2], "".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count
