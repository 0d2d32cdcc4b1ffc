"""Strict YAML reading with positions: the one place where YAML files enter newslib.

Files are composed with PyYAML's *safe* loader into nodes that remember their line and
column; :class:`Reader` then turns nodes into values, refusing unknown or duplicate keys,
wrong types, aliases and tags, each with an :class:`~newslib.errors.InputError` subclass
that names the file, line, column, the problem and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

import yaml

from newslib.errors import InputError
from newslib.fsio import MAX_INPUT

__all__ = ["Reader", "compose", "dump"]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_FLOAT = "tag:yaml.org,2002:float"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STANDARD_TAGS = {_STR, _INT, _BOOL, _NULL, _TIMESTAMP, _FLOAT, _MAP, _SEQ}
_TYPE_NAMES = {
    _STR: "a string",
    _INT: "an integer",
    _BOOL: "true/false",
    _NULL: "nothing (null)",
    _TIMESTAMP: "a date",
    _FLOAT: "a number",
    _MAP: "a mapping",
    _SEQ: "a list",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TAGS = (_TIMESTAMP, _STR)

MAX_BYTES = MAX_INPUT
MAX_DEPTH = 64


class _Loader(yaml.SafeLoader):
    """The safe loader, minus aliases (content files never need them) and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        if self.depth >= MAX_DEPTH:
            raise _TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_C_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when it is there and the text cannot nest deeply (the C
    composer recurses without a limit); else with the pure-Python loader and its guards.

    Counting brackets and indentation tells most texts apart at once; an article with many
    ``[[entity|surface]]`` references has brackets enough to fail that count, so its depth
    is then measured on libyaml's event stream (its parser keeps a stack; it does not
    recurse) rather than sending it to the Python loader, tens of times slower.
    """
    if _C_LOADER is None:
        return yaml.compose(text, Loader=_Loader)
    shallow = text.count("[") + text.count("{") < MAX_DEPTH and _max_indent(text) < MAX_DEPTH
    if not shallow and not _events_shallow(text, _C_LOADER):
        return yaml.compose(text, Loader=_Loader)
    node: yaml.Node | None = yaml.compose(text, Loader=_C_LOADER)
    if node is not None and not _tree_is_plain(node):
        # An alias (or too deep a tree): the Python loader finds where, to say so.
        return yaml.compose(text, Loader=_Loader)
    return node


def _events_shallow(text: str, loader: type[Any]) -> bool:
    """True when libyaml parses *text* without nesting :data:`MAX_DEPTH` collections (a
    text it cannot parse is left to the Python loader, to say where it is wrong)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


def _max_indent(text: str) -> int:
    return max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)


def _tree_is_plain(root: yaml.Node) -> bool:
    """No aliases (libyaml resolves one to the node it names: a node seen twice) and no
    deeper than :data:`MAX_DEPTH`."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return True


class _AliasRefused(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooDeep(_AliasRefused):
    pass


def compose(text: str, path: str | Path, error: type[InputError]) -> yaml.Node | None:
    """Compose one YAML document into nodes; ``None`` for an empty document."""
    if len(text) > MAX_BYTES:
        raise error(
            f"file is larger than {MAX_BYTES // 1024 // 1024} MiB",
            path=path,
            hint="split it; newslib files are small",
        )
    try:
        node: yaml.Node | None = _compose(text)
    except _TooDeep as exc:
        raise error(
            f"nesting deeper than {MAX_DEPTH} levels",
            path=path,
            line=exc.mark.line + 1,
            column=exc.mark.column + 1,
            hint="flatten the document",
        ) from None
    except _AliasRefused as exc:
        raise error(
            "YAML aliases (*name) are not allowed",
            path=path,
            line=exc.mark.line + 1,
            column=exc.mark.column + 1,
            hint="write the value out in full",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error(
            f"not valid YAML: {exc.problem or exc.context}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="fix the YAML syntax (quote text that contains ': ' or starts with a symbol)",
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, …)
        index = exc.position
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        raise error(
            f"character U+{code:04X} is not allowed in YAML",
            path=path,
            line=text.count("\n", 0, index) + 1,
            column=index - text.rfind("\n", 0, index),
            hint="remove it (control characters cannot be stored)",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", path=path, hint="fix the YAML syntax") from None
    return node


# C0 and C1 controls but tab and line breaks, lone surrogates, noncharacters: no XML carries them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class Reader:
    """Turns composed nodes into checked Python values, failing with positions."""

    def __init__(self, path: str | Path, error: type[InputError]) -> None:
        self.path = str(path)
        self.error = error

    def fail(self, node: yaml.Node, problem: str, hint: str) -> NoReturn:
        """Raise this reader's error at *node*."""
        raise self.at(node, problem, hint)

    def at(self, node: yaml.Node, problem: str, hint: str) -> InputError:
        """Build this reader's error at *node*."""
        mark = node.start_mark
        return self.error(
            problem, path=self.path, line=mark.line + 1, column=mark.column + 1, hint=hint
        )

    def mapping(
        self,
        node: yaml.Node,
        *,
        required: Collection[str] = (),
        optional: Collection[str] = (),
        what: str = "this mapping",
    ) -> dict[str, yaml.Node]:
        """The keys of a mapping node; unknown, missing and duplicate keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self._wrong_type(node, "a mapping (key: value lines)")
        self._check_tag(node)
        allowed = [*required, *optional]
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.string(key_node)
            if key in found:
                self.fail(key_node, f"duplicate key {key!r}", "keep one of them")
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed)
                self.fail(key_node, f"unknown key {key!r} in {what}", hint)
            found[key] = value_node
        missing = [key for key in required if key not in found]
        if missing:
            self.fail(
                node,
                f"missing key {missing[0]!r} in {what}",
                f"add '{missing[0]}: ...'",
            )
        return found

    def any_mapping(self, node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """An open mapping (any string keys, no duplicates): (key, key node, value node)."""
        if not isinstance(node, yaml.MappingNode):
            self._wrong_type(node, "a mapping (key: value lines)")
        self._check_tag(node)
        seen: set[str] = set()
        items = []
        for key_node, value_node in node.value:
            key = self.string(key_node)
            if key in seen:
                self.fail(key_node, f"duplicate key {key!r}", "keep one of them")
            seen.add(key)
            items.append((key, key_node, value_node))
        return items

    def sequence(self, node: yaml.Node) -> list[yaml.Node]:
        """The items of a sequence node."""
        if not isinstance(node, yaml.SequenceNode):
            self._wrong_type(node, "a list (lines starting with '- ')")
        self._check_tag(node)
        return list(node.value)

    def string(self, node: yaml.Node, *, pattern: re.Pattern[str] | None = None) -> str:
        """A string scalar, optionally matching *pattern* in full."""
        value = self._scalar(node, _STR, "a string (quote it if it looks like a number or date)")
        bad = _CONTROL.search(value)
        if bad is not None:
            self.fail(
                node,
                f"character U+{ord(bad.group()):04X} is not allowed in text",
                "remove it (of the control characters only tabs and line breaks may stand)",
            )
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(node, f"invalid value {value!r}", f"it must match {pattern.pattern}")
        return value

    def optional_string(self, node: yaml.Node | None) -> str | None:
        """A string, or ``None`` when the key is absent or null."""
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return None
        return self.string(node)

    def boolean(self, node: yaml.Node) -> bool:
        """``true`` or ``false``."""
        value = self._scalar(node, _BOOL, "true or false")
        return value.lower() in ("true", "yes", "on")

    def integer(self, node: yaml.Node) -> int:
        """An integer scalar, written in decimal (YAML 1.1's ``02`` and ``0x2`` are refused)."""
        value = self._scalar(node, _INT, "a whole number")
        if not _DECIMAL.fullmatch(value):
            self.fail(node, f"the number {value!r} is not plain decimal", "write it like 2 or 42")
        return int(value)

    def date(self, node: yaml.Node) -> date:
        """A calendar date written YYYY-MM-DD."""
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(raw, str) or not _DATE.fullmatch(raw) or node.tag not in _DATE_TAGS:
            self.fail(node, f"bad date {raw!r}" if raw else "expected a date", "write YYYY-MM-DD")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(node, f"bad date {raw!r}: no such day", "write a real date as YYYY-MM-DD")

    def timestamp(self, node: yaml.Node) -> datetime:
        """A timestamp with a time zone, written in ISO 8601."""
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        hint = "write an ISO 8601 time with zone, e.g. 2024-10-04T09:30:00Z"
        if not isinstance(raw, str):
            self.fail(node, "expected a timestamp", hint)
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            self.fail(node, f"bad timestamp {raw!r}", hint)
        if value.tzinfo is None:
            self.fail(node, f"timestamp {raw!r} has no time zone", hint)
        return value

    def _scalar(self, node: yaml.Node, tag: str, expected: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != tag:
            self._wrong_type(node, expected)
        value = node.value
        assert isinstance(value, str)
        return value

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _STANDARD_TAGS:
            self.fail(node, f"YAML tag {node.tag!r} is not allowed", "remove the tag")

    def _wrong_type(self, node: yaml.Node, expected: str) -> NoReturn:
        self._check_tag(node)
        found = _TYPE_NAMES.get(node.tag, node.tag)
        self.fail(node, f"expected {expected}, found {found}", f"write {expected} here")


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Any) -> str:
    """Dump plain data as canonical YAML: block style, keys in given order, UTF-8 text."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    return text
