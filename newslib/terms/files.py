"""Inputs to check: article YAML, translation files, plain text, Markdown and HTML, as one
text with a map.

Each input becomes a :class:`Document`: the text to scan (for YAML, the plain text of every
text field, joined by blank lines, a translation file's in the file's ``language``; for
Markdown and HTML, the prose their readers find, see :mod:`~newslib.terms.markdown_input`
and :mod:`~newslib.terms.html_input`) and, for each of its characters, the offset in the
file as read with ``open(path, encoding="utf-8", newline="")``. Findings are reported at
file offsets, and fixes are applied to the file's own text.

Article YAML may be written in any scalar style (plain on one line or several, quoted,
``|`` or ``>``): :mod:`newslib.terms.scalars` says where each character of a field came
from. A fix in an article (:func:`replace_in_article`) is spliced into the field as it is
written — escaped for its quotes — where that reads back as the intended text, and
otherwise rewrites just that field as one double-quoted line; either way the rest of the
file keeps its bytes, and the result must load as the same article but for the names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from newslib.article.codec import article_data, article_from_node, loads_article
from newslib.article.markup import format_text, parse_text, plain_offsets
from newslib.article.model import LANGUAGE_TAG, Article, Block, FieldPath, Quote
from newslib.errors import ArticleError, InputError, NewslibError, TranslationError, UsageError
from newslib.fsio import read_text
from newslib.store.repository import Repository
from newslib.store.revisions import loads_revision
from newslib.terms.html_input import read_html
from newslib.terms.markdown_input import read_markdown
from newslib.terms.prose import Prose, Suppression
from newslib.terms.scalars import ScalarMap, double_quoted, escape_for, scalar_map
from newslib.yamlio import Reader, compose

__all__ = [
    "FIELD_SEPARATOR",
    "Document",
    "DocumentKind",
    "Field",
    "detect_language",
    "is_revision_node",
    "is_translation_node",
    "load_document",
    "parse_document",
    "replace_in_article",
]

FIELD_SEPARATOR = "\n\n"  # between an article's fields in a document's text


class DocumentKind(StrEnum):
    """What a document was read from."""

    ARTICLE = "article"
    REVISION = "revision"  # a stored revision: checked, never fixed
    TRANSLATION = "translation"  # a translation file: its texts, in its language
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Field:
    """One text field of an article file: its span in the document's text, its scalar in
    the file, and for each character of its text (and its end) the index in the value."""

    where: FieldPath
    start: int
    end: int
    scalar: ScalarMap
    markup: bool  # entity markup ([[id|surface]]); section and dateline are plain strings
    plain: list[int]


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
    fields: tuple[Field, ...] = ()  # an article's text fields, in text order

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The file span of the non-empty text span ``start:end``."""
        if self.offsets is None:
            return start, end
        if self.ends is None:
            return self.offsets[start], self.offsets[end - 1] + 1
        return self.offsets[start], self.ends[end - 1]

    def field_index(self, start: int, end: int) -> int | None:
        """The index of the article field that holds the text span ``start:end`` whole."""
        index = bisect_right(self.fields, start, key=lambda f: f.start) - 1
        if index < 0 or end > self.fields[index].end:
            return None
        return index


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
    if is_translation_node(root):
        return _translation_document(source, path, root)
    kind = DocumentKind.ARTICLE
    if is_revision_node(root):  # a stored revision: check its article part
        loads_revision(source, path=path)  # validates the record as well
        root = next(v for k, v in root.value if k.value == "article")
        kind = DocumentKind.REVISION
    article = article_from_node(root, path)
    texts = (
        _FieldText(where, _node_at(root, where), plain, markup, is_quote)
        for where, plain, markup, is_quote in _text_fields(article)
    )
    return _fielded_document(source, path, texts, article.language, kind)


@dataclass(frozen=True, slots=True)
class _FieldText:
    """A text field of a YAML file: where it is, its scalar, its plain text."""

    where: FieldPath
    node: yaml.ScalarNode
    plain: str
    markup: bool
    is_quote: bool


def _fielded_document(
    source: str, path: str, texts: Iterable[_FieldText], lang: str, kind: DocumentKind
) -> Document:
    """The document of a YAML file's text fields, joined by :data:`FIELD_SEPARATOR`."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quoted: list[tuple[int, int]] = []
    fields: list[Field] = []
    length = 0  # of the text so far: summed as it grows, so the work is linear in the fields
    at = 0  # where the previous field ends in the file: the separator's position
    for text in texts:
        scalar = scalar_map(source, text.node)
        if scalar is None:
            raise ArticleError(
                "newslib cannot follow how this YAML text is written, to point into it",
                path=path,
                line=text.node.start_mark.line + 1,
                column=text.node.start_mark.column + 1,
                hint="write it as a plain or quoted scalar (and report the file as a bug)",
            )
        value = scalar.value
        plain_map = plain_offsets(value) if text.markup else list(range(len(value) + 1))
        if pieces:
            pieces.append(FIELD_SEPARATOR)
            starts += [at] * len(FIELD_SEPARATOR)
            ends += [at] * len(FIELD_SEPARATOR)
            length += len(FIELD_SEPARATOR)
        characters = plain_map[:-1]
        starts += [scalar.starts[i] for i in characters]
        ends += [scalar.ends[i] for i in characters]
        end = length + len(text.plain)
        fields.append(Field(text.where, length, end, scalar, text.markup, plain_map))
        if text.is_quote:
            quoted.append((length, end))
        pieces.append(text.plain)
        length = end
        at = scalar.end
    starts.append(at)
    return Document(
        path,
        source,
        "".join(pieces),
        starts,
        tuple(quoted),
        lang,
        kind,
        ends=ends,
        fields=tuple(fields),
    )


def _translation_document(source: str, path: str, root: yaml.Node) -> Document:
    """A translation file's texts (``fields.<id>.text``, ``attribution``, ``items``), in
    the file's language; quotes are the fields with an attribution and the quote blocks of
    the stored article the file translates, when it sits in a content folder's store."""
    reader = Reader(path, TranslationError)
    top = {key: value for key, _, value in reader.any_mapping(root)}
    language = reader.string(top["language"], pattern=LANGUAGE_TAG)
    quotes = _quote_ids(path, reader.string(top["article"]))
    texts: list[_FieldText] = []
    for name, _, entry in reader.any_mapping(top["fields"]):
        parts = {key: value for key, _, value in reader.any_mapping(entry)}
        is_quote = "attribution" in parts or name in quotes
        for key in ("text", "attribution", "items"):
            if key not in parts:
                continue
            nodes = reader.sequence(parts[key]) if key == "items" else [parts[key]]
            for number, node in enumerate(nodes):
                where: FieldPath = (
                    ("fields", name, key, number) if key == "items" else ("fields", name, key)
                )
                plain = _plain_markup(reader, node)
                assert isinstance(node, yaml.ScalarNode)  # a string, by _plain_markup
                texts.append(_FieldText(where, node, plain, True, is_quote and key == "text"))
    return _fielded_document(source, path, texts, language, DocumentKind.TRANSLATION)


def is_translation_node(root: yaml.Node) -> bool:
    """True when a composed YAML file is a translation file (article, language, fields)."""
    keys = _top_keys(root)
    return keys >= _TRANSLATION_KEYS and "revision" not in keys


_TRANSLATION_KEYS = frozenset({"article", "language", "fields"})


def _top_keys(root: yaml.Node) -> set[str]:
    if not isinstance(root, yaml.MappingNode):
        return set()
    return {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}


def _plain_markup(reader: Reader, node: yaml.Node) -> str:
    """The plain text of a markup string node (its markup errors at its line)."""
    raw = reader.string(node)
    try:
        return parse_text(raw).plain
    except InputError as exc:
        reader.fail(node, exc.problem, exc.hint or "fix the markup")


def _quote_ids(path: str, article_id: str) -> frozenset[str]:
    """The ids of the quote blocks of the article a translation file translates, when the
    file sits in a store's ``translations/<id>/`` folder (none otherwise)."""
    folder = Path(path).parent
    if folder.parent.name != "translations" or folder.name != article_id:
        return frozenset()
    try:
        article = Repository(folder.parent.parent).read(article_id)
    except NewslibError:
        return frozenset()  # not stored (yet): quotes are known by their attribution
    return frozenset(block.id for block in article.body if isinstance(block, Quote))


def is_revision_node(root: yaml.Node) -> bool:
    """True when a composed YAML file is a stored revision (a record and an article)."""
    return isinstance(root, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "revision" for k, _ in root.value
    )


def _text_fields(article: Article) -> Iterator[tuple[FieldPath, str, bool, bool]]:
    """Every field that is checked: its path, its plain text, whether it is markup (with
    entity references), and whether it is a quote."""
    yield ("section",), article.section, False, False
    yield ("dateline", "written"), article.dateline.written, False, False
    for where, text in article.texts():
        yield where, text.plain, True, _is_quote(article.body, where)


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


def replace_in_article(
    document: Document, replacements: Sequence[tuple[int, int, str]]
) -> tuple[str, list[bool]]:
    """The article file with text spans ``(start, end, new)`` replaced (non-overlapping, in
    document text offsets), and which of them were applied.

    A span must lie in one field, and in one run of text or one reference's surface — or,
    as French elision makes it ("de [[akhalgori|Leningor]]" → "d'[[akhalgori|Akhalgori]]"),
    run from the text into the surface just after it; a fix never edits the markup.
    """
    edits: dict[int, list[tuple[int, int, str]]] = {}  # field -> value edits
    applied = [False] * len(replacements)
    for number, (start, end, new) in enumerate(replacements):
        index = document.field_index(start, end)
        if index is None or start == end:
            continue
        found = document.fields[index]
        changes = _value_edits(found, start - found.start, end - found.start, new)
        if changes is None:
            continue
        edits.setdefault(index, []).extend(changes)
        applied[number] = True
    if not edits:
        return document.source, applied
    values = {
        index: _spliced(document.fields[index].scalar.value, changes)
        for index, changes in edits.items()
    }
    expected = _expected_data(document, values)
    in_place = _file_edits(document, edits, values, rewrite=False)
    for fixed in (in_place, _file_edits(document, edits, values, rewrite=True)):
        if _loads_as(fixed, expected, document):
            return fixed, applied
    raise ArticleError(
        "fixing the names here would change more than the names",
        path=document.path,
        hint="fix them by hand (and report the file as a bug)",
    )


def _value_edits(found: Field, start: int, end: int, new: str) -> list[tuple[int, int, str]] | None:
    """The edits of the field's value that write *new* over its text ``start:end``."""
    indices = found.plain[start:end]
    gaps = [k for k in range(1, len(indices)) if indices[k] != indices[k - 1] + 1]
    if not gaps:
        return [(indices[0], indices[-1] + 1, _escape_markup(new) if found.markup else new)]
    value = found.scalar.value
    between = value[indices[gaps[0] - 1] + 1 : indices[gaps[0]]]
    cut = min((new.find(c) for c in " '’" if c in new), default=-1)
    if len(gaps) > 1 or not (between.startswith("[[") and between.endswith("|")) or cut < 0:
        return None  # across more markup than one reference's opening
    head, tail = new[: cut + 1], new[cut + 1 :]
    if not tail:
        return None
    gap = gaps[0]
    return [
        (indices[0], indices[gap - 1] + 1, _escape_markup(head)),
        (indices[gap], indices[-1] + 1, _escape_markup(tail)),
    ]


def _escape_markup(text: str) -> str:
    return "".join("\\" + c if c in "[]|\\" else c for c in text)


def _spliced(value: str, changes: Sequence[tuple[int, int, str]]) -> str:
    pieces, position = [], 0
    for start, end, text in sorted(changes):
        pieces += [value[position:start], text]
        position = end
    pieces.append(value[position:])
    return "".join(pieces)


def _file_edits(
    document: Document,
    edits: dict[int, list[tuple[int, int, str]]],
    values: dict[int, str],
    *,
    rewrite: bool,
) -> str:
    """The source with each changed field edited in place (escaped for its style) or,
    where that cannot be written or *rewrite* is set, replaced by one double-quoted line."""
    spans: list[tuple[int, int, str]] = []
    for index, changes in edits.items():
        scalar = document.fields[index].scalar
        written = [(start, end, escape_for(scalar.style, text)) for start, end, text in changes]
        if rewrite or any(raw is None for _, _, raw in written):
            spans.append((scalar.start, scalar.end, double_quoted(values[index])))
            continue
        for start, end, raw in written:
            assert raw is not None
            spans.append((scalar.starts[start], scalar.ends[end - 1], raw))
    return _spliced(document.source, spans)


def _expected_data(document: Document, values: dict[int, str]) -> Any:
    """The fixed file as plain data: the original with the changed fields' new values."""
    data = _file_data(document.source, document)
    for index, value in values.items():
        found = document.fields[index]
        *parents, last = found.where
        target: Any = data
        for part in parents:
            target = target[part]
        if document.kind is DocumentKind.TRANSLATION:
            target[last] = value  # a translation file is compared as written
        else:
            target[last] = format_text(parse_text(value)) if found.markup else value
    return data


def _loads_as(text: str, expected: Any, document: Document) -> bool:
    try:
        return bool(_file_data(text, document) == expected)
    except (InputError, yaml.YAMLError):
        return False


def _file_data(text: str, document: Document) -> Any:
    """An article file's article as plain data; a translation file's YAML as loaded."""
    if document.kind is DocumentKind.TRANSLATION:
        return yaml.safe_load(text)
    return article_data(loads_article(text, path=document.path))


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
