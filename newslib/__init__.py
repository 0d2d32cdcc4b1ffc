"""newslib: versioned multilingual news articles and contested place names, by policy.

The public API is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

from newslib.codec import dumps_article, loads_article, read_article, write_article
from newslib.errors import (
    ArticleError,
    GazetteerError,
    InputError,
    NewslibError,
    PolicyError,
    UnknownEntityError,
    UnknownPolicyError,
    UsageError,
)
from newslib.importer import ImportResult, import_file, import_text
from newslib.markup import format_text, parse_text
from newslib.model import (
    Article,
    Block,
    Dateline,
    Entity,
    EntityKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Ref,
    Text,
)
from newslib.renderers import FORMATS, render

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Article",
    "ArticleError",
    "Block",
    "Dateline",
    "Entity",
    "EntityKind",
    "GazetteerError",
    "Heading",
    "ImportResult",
    "InputError",
    "ListBlock",
    "NewslibError",
    "Paragraph",
    "PolicyError",
    "Quote",
    "Ref",
    "Text",
    "UnknownEntityError",
    "UnknownPolicyError",
    "UsageError",
    "__version__",
    "dumps_article",
    "format_text",
    "import_file",
    "import_text",
    "loads_article",
    "parse_text",
    "read_article",
    "render",
    "write_article",
]
