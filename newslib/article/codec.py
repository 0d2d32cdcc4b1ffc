"""The article YAML codec: ``read_article`` / ``write_article`` and their string twins.

The pair round-trips: writing an article and reading it back gives an equal article,
and reading a canonical file and writing it again gives the same bytes. Reading is
strict; every problem is an :class:`~newslib.errors.ArticleError` at a file position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_never

import yaml

from newslib.article.markup import format_text, parse_text
from newslib.article.model import (
    ARTICLE_ID,
    Article,
    Block,
    BlockType,
    Byline,
    Dateline,
    Entity,
    EntityKind,
    FieldPath,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Text,
)
from newslib.errors import ArticleError
from newslib.fsio import atomic_write_text, read_text
from newslib.yamlio import Reader, compose, dump

__all__ = [
    "article_data",
    "article_from_node",
    "dumps_article",
    "loads_article",
    "read_article",
    "write_article",
]


def read_article(path: str | Path) -> Article:
    """Read and validate an article file."""
    return loads_article(read_text(path, error=ArticleError), path=path)


def write_article(article: Article, path: str | Path) -> None:
    """Validate *article* and write it to *path* atomically, in canonical form."""
    atomic_write_text(path, dumps_article(article, path=path))


def loads_article(text: str, *, path: str | Path = "<string>") -> Article:
    """Parse and validate an article from YAML text; *path* is used in errors."""
    node = compose(text, path, ArticleError)
    if node is None:
        raise ArticleError("the file is empty", path=path, line=1, hint="write an article")
    return article_from_node(node, path)


def article_from_node(node: yaml.Node, path: str | Path) -> Article:
    """Read and validate an article from a composed YAML node (part of a larger file)."""
    return _ArticleReader(path).article(node)


def dumps_article(article: Article, *, path: str | Path = "<article>") -> str:
    """Validate *article* and return its canonical YAML."""
    problems = article.problems()
    if problems:
        first = problems[0]
        where = ".".join(str(part) for part in first.where)
        raise ArticleError(f"{where}: {first.problem}", path=path, hint=first.hint)
    return dump(article_data(article))


class _ArticleReader(Reader):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, ArticleError)
        self.nodes: dict[FieldPath, yaml.Node] = {}

    def article(self, node: yaml.Node) -> Article:
        fields = self.mapping(
            node,
            required=("id", "language", "section", "source", "dateline", "headline", "body"),
            optional=("standfirst", "byline", "entities"),
            what="the article",
        )
        self.nodes[()] = node
        for key, value in fields.items():
            self.nodes[(key,)] = value
        standfirst = fields.get("standfirst")
        article = Article(
            id=self.string(fields["id"], pattern=ARTICLE_ID),
            language=self.string(fields["language"]),
            section=self.string(fields["section"]),
            source=self.string(fields["source"]),
            dateline=self.dateline(fields["dateline"]),
            headline=self.text(fields["headline"]),
            standfirst=self.text(standfirst) if standfirst is not None else None,
            body=tuple(self.block(item, i) for i, item in enumerate(self.sequence(fields["body"]))),
            entities=self.entities(fields.get("entities")),
            byline=self.byline(fields.get("byline")),
        )
        problems = article.problems()
        if problems:
            first = problems[0]
            node = self._nearest(first.where)
            if _ends_a_block_with_a_break(node):  # '>' and '|' keep their last line break
                self.fail(
                    node,
                    "the text ends with a line break",
                    "end a block with '>-' or '|-' so that its last line break is not part "
                    "of the text",
                )
            self.fail(node, first.problem, first.hint)
        return article

    def dateline(self, node: yaml.Node) -> Dateline:
        fields = self.mapping(
            node, required=("place", "written", "date"), optional=("region",), what="the dateline"
        )
        for key, value in fields.items():
            self.nodes[("dateline", key)] = value
        return Dateline(
            place=self.string(fields["place"]),
            written=self.string(fields["written"]),
            date=self.date(fields["date"]),
            region=self.optional_string(fields.get("region")),
        )

    def byline(self, node: yaml.Node | None) -> tuple[Byline, ...]:
        if node is None:
            return ()
        found = []
        for index, item in enumerate(self.sequence(node)):
            fields = self.mapping(
                item, required=("name",), optional=("role", "affiliation"), what="a byline"
            )
            for key, value in fields.items():
                self.nodes[("byline", index, key)] = value
            found.append(
                Byline(
                    name=self.string(fields["name"]),
                    role=self.optional_string(fields.get("role")),
                    affiliation=self.optional_string(fields.get("affiliation")),
                )
            )
        return tuple(found)

    def entities(self, node: yaml.Node | None) -> tuple[Entity, ...]:
        if node is None:
            return ()
        found = []
        for index, item in enumerate(self.sequence(node)):
            fields = self.mapping(item, required=("id", "kind", "name"), what="an entity")
            for key, value in fields.items():
                self.nodes[("entities", index, key)] = value
            kind = self.string(fields["kind"])
            if kind not in EntityKind.__members__.values():
                self.fail(
                    fields["kind"],
                    f"unknown entity kind {kind!r}",
                    "use one of: " + ", ".join(EntityKind),
                )
            found.append(
                Entity(
                    id=self.string(fields["id"]),
                    kind=EntityKind(kind),
                    name=self.string(fields["name"]),
                )
            )
        return tuple(found)

    def block(self, node: yaml.Node, index: int) -> Block:
        self.nodes[("body", index)] = node
        kind_node = self.mapping(
            node,
            optional=("id", "type", "text", "speaker", "attribution", "items", "ordered"),
            what="a block",
        ).get("type")
        if kind_node is None:
            self.fail(
                node, "block has no 'type'", "add 'type: paragraph' (or heading, quote, list)"
            )
        kind = self.string(kind_node)
        if kind not in set(BlockType):
            self.fail(
                kind_node, f"unknown block type {kind!r}", "use one of: " + ", ".join(BlockType)
            )
        block_type = BlockType(kind)
        match block_type:
            case BlockType.PARAGRAPH | BlockType.HEADING:
                fields = self._block_fields(node, index, ("text",), ())
                text = self.text(fields["text"])
                block_id = self.string(fields["id"])
                if block_type is BlockType.PARAGRAPH:
                    return Paragraph(block_id, text)
                return Heading(block_id, text)
            case BlockType.QUOTE:
                fields = self._block_fields(node, index, ("text",), ("speaker", "attribution"))
                attribution = fields.get("attribution")
                return Quote(
                    id=self.string(fields["id"]),
                    text=self.text(fields["text"]),
                    speaker=self.optional_string(fields.get("speaker")),
                    attribution=self.text(attribution) if attribution is not None else None,
                )
            case BlockType.LIST:
                fields = self._block_fields(node, index, ("items",), ("ordered",))
                items = self.sequence(fields["items"])
                for item_index, item in enumerate(items):
                    self.nodes[("body", index, "items", item_index)] = item
                ordered = fields.get("ordered")
                return ListBlock(
                    id=self.string(fields["id"]),
                    items=tuple(self.text(item) for item in items),
                    ordered=self.boolean(ordered) if ordered is not None else False,
                )
            case _:
                assert_never(block_type)

    def _block_fields(
        self, node: yaml.Node, index: int, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        fields = self.mapping(
            node, required=("id", "type", *required), optional=optional, what="this block"
        )
        for key, value in fields.items():
            self.nodes[("body", index, key)] = value
        return fields

    def text(self, node: yaml.Node) -> Text:
        raw = self.string(node)
        try:
            return parse_text(raw)
        except ArticleError as exc:
            offset = (exc.column or 1) - 1
            mark = node.start_mark
            quoted = 1 if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else 0
            raise ArticleError(
                exc.problem,
                path=self.path,
                line=mark.line + 1,
                column=mark.column + 1 + quoted + offset,
                hint=exc.hint,
            ) from None

    def _nearest(self, where: FieldPath) -> yaml.Node:
        for end in range(len(where), -1, -1):
            node = self.nodes.get(where[:end])
            if node is not None:
                return node
        return self.nodes[()]


def _ends_a_block_with_a_break(node: yaml.Node) -> bool:
    """True for a ``|`` or ``>`` scalar whose only line break is the one it ends with."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in ("|", ">"):
        return False
    value: str = node.value
    return value.endswith("\n") and "\n" not in value.rstrip("\n")


def article_data(article: Article) -> dict[str, Any]:
    """The article as plain data, in canonical key order (what ``dumps_article`` writes)."""
    dateline: dict[str, Any] = {
        "place": article.dateline.place,
        "written": article.dateline.written,
        "date": article.dateline.date,
    }
    if article.dateline.region is not None:
        dateline["region"] = article.dateline.region
    data: dict[str, Any] = {
        "id": article.id,
        "language": article.language,
        "section": article.section,
        "source": article.source,
        "dateline": dateline,
    }
    if article.byline:
        data["byline"] = [_byline_data(byline) for byline in article.byline]
    data["headline"] = format_text(article.headline)
    if article.standfirst is not None:
        data["standfirst"] = format_text(article.standfirst)
    data["body"] = [_block_data(block) for block in article.body]
    if article.entities:
        data["entities"] = [
            {"id": e.id, "kind": str(e.kind), "name": e.name} for e in article.entities
        ]
    return data


def _byline_data(byline: Byline) -> dict[str, str]:
    data = {"name": byline.name}
    if byline.role is not None:
        data["role"] = byline.role
    if byline.affiliation is not None:
        data["affiliation"] = byline.affiliation
    return data


def _block_data(block: Block) -> dict[str, Any]:
    match block:
        case Paragraph(id=block_id, text=text):
            return {"id": block_id, "type": str(BlockType.PARAGRAPH), "text": format_text(text)}
        case Heading(id=block_id, text=text):
            return {"id": block_id, "type": str(BlockType.HEADING), "text": format_text(text)}
        case Quote(id=block_id, text=text, speaker=speaker, attribution=attribution):
            data: dict[str, Any] = {
                "id": block_id,
                "type": str(BlockType.QUOTE),
                "text": format_text(text),
            }
            if speaker is not None:
                data["speaker"] = speaker
            if attribution is not None:
                data["attribution"] = format_text(attribution)
            return data
        case ListBlock(id=block_id, items=items, ordered=ordered):
            return {
                "id": block_id,
                "type": str(BlockType.LIST),
                "ordered": ordered,
                "items": [format_text(item) for item in items],
            }
        case _:
            assert_never(block)
