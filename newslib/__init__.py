"""newslib: versioned multilingual news articles and contested place names, by policy.

The public API is what ``__all__`` lists; everything else is internal. The errors are in
:mod:`newslib.errors` (their root, :class:`NewslibError`, is here too).

Each name is imported from its stage on first use, so ``import newslib`` is light:
checking a text never loads the builder, the renderers, Jinja2 or SQLite.
"""

from __future__ import annotations

import importlib
import typing

from newslib.errors import NewslibError

if typing.TYPE_CHECKING:  # the same names, for type checkers; _EXPORTS is what runs
    from newslib.article.codec import dumps_article, loads_article, read_article, write_article
    from newslib.article.importer import import_file, import_text
    from newslib.article.markup import format_text, parse_text
    from newslib.article.model import (
        Article,
        Block,
        Byline,
        Dateline,
        Entity,
        EntityKind,
        Heading,
        ListBlock,
        Paragraph,
        Quote,
        Ref,
        Revision,
        RevisionKind,
        Text,
    )
    from newslib.editions.builder import build, render_edition
    from newslib.editions.builder import terminal_progress as build_progress
    from newslib.project import Project, load_project
    from newslib.renderers import FORMATS, render
    from newslib.store.diff import diff_articles
    from newslib.store.repository import Repository
    from newslib.store.revisions import read_article_file, read_working_copy, write_working_copy
    from newslib.terms import (
        Finding,
        Gazetteer,
        Mention,
        Policy,
        Severity,
        annotator,
        check_file,
        check_text,
        fix_file,
        fix_text,
        load_gazetteer,
        load_policy,
        propose_forms,
        resolve_inputs,
        scan_file,
        scan_text,
        shipped_gazetteer,
    )
    from newslib.terms.glossary import export_glossary
    from newslib.translations.drafting import draft
    from newslib.translations.exchange import export_translation, import_translation
    from newslib.translations.model import (
        TranslationSet,
        read_translations,
        translated_article,
        write_translations,
    )
    from newslib.translators import MockTranslator, Translator, engines, get_translator

__version__ = "0.1.0"

# Public name -> the module it lives in (and, after a colon, its name there).
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        ("Article", "Block", "Byline", "Dateline", "Entity", "EntityKind", "Heading", "ListBlock",
         "Paragraph", "Quote", "Ref", "Revision", "RevisionKind", "Text"),
        "newslib.article.model",
    ),
    **dict.fromkeys(
        ("dumps_article", "loads_article", "read_article", "write_article"),
        "newslib.article.codec",
    ),
    **dict.fromkeys(("format_text", "parse_text"), "newslib.article.markup"),
    **dict.fromkeys(("import_file", "import_text"), "newslib.article.importer"),
    "Repository": "newslib.store.repository",
    **dict.fromkeys(
        ("read_article_file", "read_working_copy", "write_working_copy"),
        "newslib.store.revisions",
    ),
    "diff_articles": "newslib.store.diff",
    **dict.fromkeys(
        ("Finding", "Gazetteer", "Mention", "Policy", "Severity", "annotator", "check_file",
         "check_text", "fix_file", "fix_text", "load_gazetteer", "load_policy", "propose_forms",
         "resolve_inputs", "scan_file", "scan_text", "shipped_gazetteer"),
        "newslib.terms",
    ),
    **dict.fromkeys(
        ("TranslationSet", "read_translations", "translated_article", "write_translations"),
        "newslib.translations.model",
    ),
    "draft": "newslib.translations.drafting",
    "export_glossary": "newslib.terms.glossary",
    **dict.fromkeys(("export_translation", "import_translation"), "newslib.translations.exchange"),
    **dict.fromkeys(
        ("MockTranslator", "Translator", "engines", "get_translator"), "newslib.translators"
    ),
    **dict.fromkeys(("FORMATS", "render"), "newslib.renderers"),
    **dict.fromkeys(("Project", "load_project"), "newslib.project"),
    **dict.fromkeys(("build", "render_edition"), "newslib.editions.builder"),
    "build_progress": "newslib.editions.builder:terminal_progress",
}  # fmt: skip

__all__ = [
    "FORMATS",
    "Article",
    "Block",
    "Byline",
    "Dateline",
    "Entity",
    "EntityKind",
    "Finding",
    "Gazetteer",
    "Heading",
    "ListBlock",
    "Mention",
    "MockTranslator",
    "NewslibError",
    "Paragraph",
    "Policy",
    "Project",
    "Quote",
    "Ref",
    "Repository",
    "Revision",
    "RevisionKind",
    "Severity",
    "Text",
    "TranslationSet",
    "Translator",
    "__version__",
    "annotator",
    "build",
    "build_progress",
    "check_file",
    "check_text",
    "diff_articles",
    "draft",
    "dumps_article",
    "engines",
    "export_glossary",
    "export_translation",
    "fix_file",
    "fix_text",
    "format_text",
    "get_translator",
    "import_file",
    "import_text",
    "import_translation",
    "load_gazetteer",
    "load_policy",
    "load_project",
    "loads_article",
    "parse_text",
    "propose_forms",
    "read_article",
    "read_article_file",
    "read_translations",
    "read_working_copy",
    "render",
    "render_edition",
    "resolve_inputs",
    "scan_file",
    "scan_text",
    "shipped_gazetteer",
    "translated_article",
    "write_article",
    "write_translations",
    "write_working_copy",
]


def __getattr__(name: str) -> typing.Any:
    """Import a public name from its stage the first time it is asked for."""
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'newslib' has no attribute {name!r}")
    module, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
