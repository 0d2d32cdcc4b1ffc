"""Inputs to check: article YAML, plain text, Markdown and HTML, as one text with a map.

Each input becomes a :class:`Document`: the text to scan (for YAML, the plain text of every
text field, joined by blank lines; for Markdown and HTML, the prose their readers find,
see :mod:`~newslib.terms.markdown_input` and :mod:`~newslib.terms.html_input`) and, for
each of its characters, the offset in the file as read with
``open(path, encoding="utf-8", newline="")``. Findings are reported at file offsets, and
fixes are applied to the file's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from newslib.article.codec import article_from_node
from newslib.article.markup import parse_text, plain_offsets
from newslib.article.model import Block, FieldPath, Quote
from newslib.errors import ArticleError, UsageError
from newslib.fsio import read_text
from newslib.store.revisions import is_revision_text, loads_revision
from newslib.terms.html_input import read_html
from newslib.terms.markdown_input import read_markdown
from newslib.terms.prose import Prose, Suppression
from newslib.yamlio import compose

__all__ = ["Document", "DocumentKind", "detect_language", "load_document", "parse_document"]


class DocumentKind(StrEnum):
    """What a document was read from."""

    ARTICLE = "article"
    REVISION = "revision"  # a stored revision: checked, never fixed
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True)
class Document:
    """Text to scan, where each character sits in the file, and what is quoted."""

    path: str
    source: str
    text: str
    offsets: Sequence[int] | None  # None: the text *is* the source (identity map)
    quoted: tuple[tuple[int, int], ...]
    lang: str | None
    kind: DocumentKind
    # Markdown and HTML (see newslib.terms.prose): where each character ends in the file
    # (None: one character on), the spans of HTML attribute values with their quote mark,
    # and the spans where a newslib comment turns rules off.
    ends: Sequence[int] | None = None
    attributes: tuple[tuple[int, int, str], ...] = ()
    suppressed: tuple[Suppression, ...] = ()

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The file span of the non-empty text span ``start:end``."""
        if self.offsets is None:
            return start, end
        if self.ends is not None:
            return self.offsets[start], self.ends[end - 1]
        return self.offsets[start], self.offsets[end - 1] + 1


def load_document(path: str, *, stdin_text: str | None = None) -> Document:
    """Read *path* ('-' reads *stdin_text*) and prepare it by its suffix."""
    source = stdin_text if path == "-" else read_text(path)
    if source is None:
        raise UsageError("no text on standard input")
    return parse_document(source, path=path)


def parse_document(source: str, *, path: str = "-") -> Document:
    """Prepare *source* for checking; the kind is chosen by *path*'s suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _article_document(source, path)
    if suffix in (".md", ".markdown"):
        return _prose_document(
            source, path, read_markdown(source, path=path), DocumentKind.MARKDOWN
        )
    if suffix in (".html", ".htm", ".xhtml"):
        return _prose_document(source, path, read_html(source, path=path), DocumentKind.HTML)
    return Document(path, source, source, None, (), None, DocumentKind.TEXT)


def _prose_document(source: str, path: str, prose: Prose, kind: DocumentKind) -> Document:
    return Document(
        path,
        source,
        prose.text,
        prose.offsets,
        prose.quoted,
        None,
        kind,
        ends=prose.ends,
        attributes=prose.attributes,
        suppressed=prose.suppressed,
    )


def _article_document(source: str, path: str) -> Document:
    root = compose(source, path, ArticleError)
    if root is None:
        raise ArticleError("the file is empty", path=path, line=1, hint="write an article")
    kind = DocumentKind.ARTICLE
    if is_revision_text(source):  # a stored revision: check its article part
        loads_revision(source, path=path)  # validates the record as well
        root = next(v for k, v in root.value if k.value == "article")
        kind = DocumentKind.REVISION
    article = article_from_node(root, path)
    fields: list[tuple[FieldPath, bool]] = [(("section",), False), (("dateline", "written"), False)]
    fields += [(where, _is_quote(article.body, where)) for where, _ in article.texts()]
    pieces: list[str] = []
    offsets: list[int] = []
    quoted: list[tuple[int, int]] = []
    for where, is_quote in fields:
        node = _node_at(root, where)
        value_map = _scalar_offsets(source, node, path)
        is_markup = where[0] not in ("section", "dateline")
        value = node.value
        plain_map = plain_offsets(value) if is_markup else list(range(len(value) + 1))
        if pieces:
            pieces.append("\n\n")
            offsets += [offsets[-1]] * 2
        start = sum(len(p) for p in pieces)
        plain = _plain(value) if is_markup else value
        pieces.append(plain)
        offsets += [value_map[i] for i in plain_map[:-1]]
        if is_quote:
            quoted.append((start, start + len(plain)))
    offsets.append(offsets[-1] if offsets else 0)
    return Document(path, source, "".join(pieces), offsets, tuple(quoted), article.language, kind)


def _plain(markup: str) -> str:
    return parse_text(markup).plain


def _is_quote(body: Sequence[Block], where: FieldPath) -> bool:
    return (
        len(where) == 3
        and where[0] == "body"
        and where[2] == "text"
        and isinstance(body[int(where[1])], Quote)
    )


def _node_at(root: yaml.Node, where: FieldPath) -> yaml.ScalarNode:
    node = root
    for part in where:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(v for k, v in node.value if k.value == part)
    assert isinstance(node, yaml.ScalarNode)
    return node


def _scalar_offsets(source: str, node: yaml.ScalarNode, path: str) -> list[int]:
    """File offset of each character of a scalar's value (and its end)."""
    start = node.start_mark.index
    value: str = node.value
    if node.style is None and source[start : start + len(value)] == value:
        return list(range(start, start + len(value) + 1))
    if node.style == "'":
        return _quoted_offsets(start + 1, value, lambda i: 2 if source[i : i + 2] == "''" else 1)
    if node.style == '"':
        return _quoted_offsets(start + 1, value, lambda i: _escape_length(source, i))
    raise ArticleError(
        "this text is written in a YAML block or folded style that newslib cannot map back",
        path=path,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
        hint="write the text on one line (run 'newslib render' on it to get canonical YAML)",
    )


def _quoted_offsets(index: int, value: str, step: Callable[[int], int]) -> list[int]:
    offsets = []
    for _ in value:
        offsets.append(index)
        index += step(index)
    offsets.append(index)
    return offsets


_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}


def _escape_length(source: str, index: int) -> int:
    if source[index] != "\\":
        return 1
    return _ESCAPE_LENGTHS.get(source[index + 1], 2)


_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "said"},
    "de": {"der", "die", "und", "das", "nicht", "mit", "den", "ist", "von", "sich", "auf"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "du", "sur"},
}


def detect_language(text: str) -> str:
    """A best guess at the language of *text*: by script, then by common words.

    >>> detect_language("Переговоры в Сухуме"), detect_language("სოხუმში")
    ('ru', 'ka')
    >>> detect_language("Die Gespräche in Suchumi und Zchinwali sind nicht beendet")
    'de'
    """
    counts = {"Cyrl": 0, "Geor": 0, "Arab": 0, "Latn": 0}
    for char in text[:20000]:
        if "\u0400" <= char <= "\u04ff":
            counts["Cyrl"] += 1
        elif "\u10a0" <= char <= "\u10ff" or "\u1c90" <= char <= "\u1cbf":
            counts["Geor"] += 1
        elif "\u0600" <= char <= "\u06ff":
            counts["Arab"] += 1
        elif (char.isascii() and char.isalpha()) or "\u00c0" <= char <= "\u024f":
            counts["Latn"] += 1
    script = max(counts, key=lambda s: counts[s])
    if script != "Latn":
        return {"Cyrl": "ru", "Geor": "ka", "Arab": "ar"}[script]
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    return max(scores, key=lambda lang: (scores[lang], lang == "en"))
