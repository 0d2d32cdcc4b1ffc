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
from newslib.terms import (
    Finding,
    FixResult,
    Gazetteer,
    GazetteerEntity,
    Mention,
    Policy,
    Severity,
    Variant,
    annotator,
    check_file,
    check_text,
    fix_file,
    fix_text,
    load_policy,
    scan_file,
    scan_text,
    shipped_gazetteer,
)

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Article",
    "ArticleError",
    "Block",
    "Dateline",
    "Entity",
    "EntityKind",
    "Finding",
    "FixResult",
    "Gazetteer",
    "GazetteerEntity",
    "GazetteerError",
    "Heading",
    "ImportResult",
    "InputError",
    "ListBlock",
    "Mention",
    "NewslibError",
    "Paragraph",
    "Policy",
    "PolicyError",
    "Quote",
    "Ref",
    "Severity",
    "Text",
    "UnknownEntityError",
    "UnknownPolicyError",
    "UsageError",
    "Variant",
    "__version__",
    "annotator",
    "check_file",
    "check_text",
    "dumps_article",
    "fix_file",
    "fix_text",
    "format_text",
    "import_file",
    "import_text",
    "load_policy",
    "loads_article",
    "parse_text",
    "read_article",
    "render",
    "scan_file",
    "scan_text",
    "shipped_gazetteer",
    "write_article",
]
