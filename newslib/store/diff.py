"""Differences between two revisions of an article: block level, then word level.

Blocks are matched by id: a block is ``added``, ``removed``, ``changed`` (same id, other
text) or ``moved`` (same id, another place in the order). Inside changed blocks and fields
the words that changed are marked.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, assert_never

from newslib.article.markup import format_text
from newslib.article.model import Article, Block, Heading, ListBlock, Paragraph, Quote, Text

__all__ = [
    "ArticleDiff",
    "BlockChange",
    "ChangeKind",
    "FieldChange",
    "WordChange",
    "WordOp",
    "canonical_markup",
    "diff_articles",
    "format_diff",
]

_WORDS = re.compile(r"\s+|[^\s]+")


class WordOp(StrEnum):
    """What happened to a run of words."""

    EQUAL = "equal"
    DELETE = "delete"  # only in the old text
    INSERT = "insert"  # only in the new text


@dataclass(frozen=True, slots=True)
class WordChange:
    """A run of words: ``equal``, ``delete`` (only in the old text) or ``insert``."""

    op: WordOp
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A changed field outside the body (headline, dateline, …)."""

    field: str
    old: str
    new: str
    words: tuple[WordChange, ...]


class ChangeKind(StrEnum):
    """What happened to a body block between two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"  # same id, other text
    MOVED = "moved"  # same id, another place in the order


@dataclass(frozen=True, slots=True)
class BlockChange:
    """A body block that was added, removed, changed or moved."""

    kind: ChangeKind
    block: str
    old: str | None
    new: str | None
    words: tuple[WordChange, ...] = ()
    references_only: bool = False


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """Everything that differs between two versions of an article."""

    fields: tuple[FieldChange, ...]
    blocks: tuple[BlockChange, ...]

    def __bool__(self) -> bool:
        return bool(self.fields or self.blocks)

    def format(self, *, color: bool = False) -> str:
        """A terminal-friendly rendering: ``[-old-]{+new+}`` marks, or colours on a terminal."""
        return format_diff(self, color=color)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""

        def words(changes: tuple[WordChange, ...]) -> list[dict[str, str]]:
            return [{"op": str(w.op), "text": w.text} for w in changes]

        return {
            "fields": [
                {"field": f.field, "old": f.old, "new": f.new, "words": words(f.words)}
                for f in self.fields
            ],
            "blocks": [
                {
                    "kind": str(b.kind),
                    "block": b.block,
                    "old": b.old,
                    "new": b.new,
                    "words": words(b.words),
                    "references_only": b.references_only,
                }
                for b in self.blocks
            ],
        }


def diff_articles(old: Article, new: Article) -> ArticleDiff:
    """What changed from *old* to *new*."""
    return ArticleDiff(tuple(_field_changes(old, new)), tuple(_block_changes(old, new)))


def word_diff(old: str, new: str) -> tuple[WordChange, ...]:
    """Word-level differences between two texts.

    >>> [(str(w.op), w.text) for w in word_diff("talks in Sukhum", "talks in Sukhumi")]
    [('equal', 'talks in '), ('delete', 'Sukhum'), ('insert', 'Sukhumi')]
    """
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    changes: list[WordChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            changes.append(WordChange(WordOp.EQUAL, "".join(a[i1:i2])))
        else:
            if i2 > i1:
                changes.append(WordChange(WordOp.DELETE, "".join(a[i1:i2])))
            if j2 > j1:
                changes.append(WordChange(WordOp.INSERT, "".join(b[j1:j2])))
    return tuple(changes)


def _field_changes(old: Article, new: Article) -> list[FieldChange]:
    pairs = {
        "language": (old.language, new.language),
        "section": (old.section, new.section),
        "source": (old.source, new.source),
        "dateline": (_dateline(old), _dateline(new)),
        "byline": (_byline(old), _byline(new)),
        "headline": (old.headline.plain, new.headline.plain),
        "standfirst": (
            old.standfirst.plain if old.standfirst else "",
            new.standfirst.plain if new.standfirst else "",
        ),
        "entities": (_entities(old), _entities(new)),
    }
    return [FieldChange(name, a, b, word_diff(a, b)) for name, (a, b) in pairs.items() if a != b]


def _dateline(article: Article) -> str:
    line = article.dateline
    region = f", {line.region}" if line.region else ""
    return f"{line.written} ({line.place}){region}, {line.date.isoformat()}"


def _byline(article: Article) -> str:
    """``Jane Doe (Reuters); Mark Roe, editing``."""
    return "; ".join(
        b.name
        + (f" ({b.affiliation})" if b.affiliation else "")
        + (f", {b.role}" if b.role else "")
        for b in article.byline
    )


def _entities(article: Article) -> str:
    return ", ".join(sorted(e.id for e in article.entities))


def block_text(block: Block) -> str:
    """A block's text as a reader sees it (quotes with their attribution)."""
    match block:
        case Paragraph(text=text) | Heading(text=text):
            return text.plain
        case Quote(text=text, attribution=attribution):
            return text.plain + (f" — {attribution.plain}" if attribution else "")
        case ListBlock(items=items):
            return "\n".join(f"- {item.plain}" for item in items)
        case _:
            assert_never(block)


def canonical_markup(value: Block | Text) -> str:
    """A block or text as one string that changes when, and only when, its content does.

    Translations store its sha256 as the field hash, so the format must not change.
    """
    match value:
        case Text():
            return format_text(value)
        case Paragraph(text=text) | Heading(text=text):
            return f"{type(value).__name__}\n{format_text(text)}"
        case Quote(text=text, attribution=attribution, speaker=speaker):
            said = format_text(attribution) if attribution else ""
            return f"Quote\n{speaker}\n{format_text(text)}\n{said}"
        case ListBlock(items=items, ordered=ordered):
            return f"List\n{ordered}\n" + "\n".join(format_text(i) for i in items)
        case _:
            assert_never(value)


def _block_changes(old: Article, new: Article) -> list[BlockChange]:
    before = {b.id: b for b in old.body}
    after = {b.id: b for b in new.body}
    common_old = [b.id for b in old.body if b.id in after]
    common_new = [b.id for b in new.body if b.id in before]
    in_place: set[str] = set()
    matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    for run in matcher.get_matching_blocks():
        in_place.update(common_old[run.a : run.a + run.size])
    changes: list[BlockChange] = []
    for block in old.body:
        if block.id not in after:
            changes.append(BlockChange(ChangeKind.REMOVED, block.id, block_text(block), None))
    for block in new.body:
        previous = before.get(block.id)
        if previous is None:
            changes.append(BlockChange(ChangeKind.ADDED, block.id, None, block_text(block)))
            continue
        if block.id not in in_place:
            changes.append(
                BlockChange(ChangeKind.MOVED, block.id, block_text(previous), block_text(block))
            )
        if canonical_markup(previous) != canonical_markup(block):
            a, b = block_text(previous), block_text(block)
            changes.append(BlockChange(ChangeKind.CHANGED, block.id, a, b, word_diff(a, b), a == b))
    return changes


def format_words(changes: tuple[WordChange, ...], *, color: bool = False) -> str:
    """Word changes as ``[-old-]{+new+}`` marks (or colours, on a terminal)."""
    out = []
    for change in changes:
        if change.op == WordOp.EQUAL:
            out.append(change.text)
        elif change.op == WordOp.DELETE:
            out.append(f"\x1b[31;9m{change.text}\x1b[0m" if color else f"[-{change.text}-]")
        else:
            out.append(f"\x1b[32m{change.text}\x1b[0m" if color else f"{{+{change.text}+}}")
    return "".join(out)


def format_diff(diff: ArticleDiff, *, color: bool = False) -> str:
    """A terminal-friendly rendering: ``[-old-]{+new+}`` marks, or colours on a terminal."""

    def words(changes: tuple[WordChange, ...]) -> str:
        return format_words(changes, color=color)

    lines: list[str] = []
    for field in diff.fields:
        lines.append(f"~ {field.field}: {words(field.words)}")
    for change in diff.blocks:
        match change.kind:
            case ChangeKind.ADDED:
                lines.append(f"+ {change.block}: {change.new}")
            case ChangeKind.REMOVED:
                lines.append(f"- {change.block}: {change.old}")
            case ChangeKind.MOVED:
                lines.append(f"> {change.block}: moved")
            case ChangeKind.CHANGED:
                note = " (references only)" if change.references_only else ""
                lines.append(f"~ {change.block}{note}: {words(change.words)}")
            case _:
                assert_never(change.kind)
    return "\n".join(lines) + ("\n" if lines else "")
