"""Hover on a name: the entity as ``newslib terms show`` shows it, as Markdown.

Its kind and GeoNames id; the name the workspace's policy writes in each language; and
every variant per language with its usage tags, word forms and source.
"""

from __future__ import annotations

from lsprotocol import types

import newslib
from newslib.lsp.diagnostics import Analysis
from newslib.terms import GazetteerEntity, entity_name

__all__ = ["hover", "hover_markdown"]


def hover(analysis: Analysis, offset: int) -> types.Hover | None:
    """The entity named at *offset*, or ``None`` where no name is."""
    settings = analysis.settings
    if settings is None:
        return None
    mention = next((m for m in analysis.mentions() if m.start <= offset <= m.end), None)
    if mention is None:
        return None
    entity = settings.gazetteer.entity(mention.entity)
    start, end = analysis.positions.at(mention.start), analysis.positions.at(mention.end)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value=hover_markdown(entity, settings.policy, settings.gazetteer),
        ),
        range=types.Range(types.Position(*start), types.Position(*end)),
    )


def hover_markdown(
    entity: GazetteerEntity, policy: newslib.Policy, gazetteer: newslib.Gazetteer
) -> str:
    """*entity*'s names per language, as a Markdown table, with what *policy* writes."""
    geonames = f", GeoNames {entity.geonames}" if entity.geonames else ""
    lines = [f"**{entity.id}** ({entity.kind}{geonames})", ""]
    written = [
        f"{lang}: {name}"
        for lang in entity.names
        if (name := entity_name(entity.id, lang=lang, policy=policy, gazetteer=gazetteer))
        is not None
    ]
    if written:
        lines += [f"{policy.name} writes " + ", ".join(written), ""]
    lines += ["| lang | name | usage | word forms | source |", "|---|---|---|---|---|"]
    for lang, variants in entity.names.items():
        for variant in variants:
            forms = sorted(set(variant.forms.values()) - {variant.text})
            declines = ", ".join(forms) or ("indeclinable" if len(variant.forms) > 1 else "")
            cells = (lang, variant.text, ", ".join(sorted(variant.usage)), declines)
            row = [*cells, variant.source or ""]
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """*text* safe in a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
