"""What the regional gazetteer's YAML and the world's curated YAML read alike: derived words
and the context of names that are also ordinary words."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from newslib.errors import GazetteerError
from newslib.terms.gazetteer import Context
from newslib.yamlio import Reader

__all__ = ["DERIVED_WORD", "GazetteerNodes"]

# A derived word (adjective, demonym), "*" for any ending: сухумск* (сухумский, …).
DERIVED_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[ -])*\*?")


class GazetteerNodes(Reader):
    """A reader of gazetteer YAML; *context_keys* are what a name's ``context`` may say."""

    context_keys: tuple[str, ...] = ("entities", "words", "unless")

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, GazetteerError)

    def context(self, node: yaml.Node) -> Context:
        """Entities in the document or words near a name that make it count, or not."""
        fields = self.mapping(node, optional=self.context_keys, what="a context")

        def strings(key: str) -> tuple[str, ...]:
            value = fields.get(key)
            return tuple(self.string(s) for s in self.sequence(value)) if value else ()

        return Context(frozenset(strings("entities")), strings("words"), strings("unless"))
