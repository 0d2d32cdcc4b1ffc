"""The gazetteer as a glossary for translators' tools: TBX-Basic, and CSV.

One concept per entity, one language section per language, one term per variant. Under
a policy each variant has the standing the checker gives it: *preferred* (it carries
the usage tag the policy prefers for that entity and language), *admitted* (an allowed
usage, such as ``historic``, or no preference at all) or *deprecated* (the checker would
flag it). Without a policy every variant is admitted.

``tbx`` is TBX-Basic in TBX v3 (ISO 30042:2019, DCA style); ``tbx-v2`` the same data as
TBX-Basic's older ``martif`` form (ISO 30042:2008), which translate-toolkit, and so
Weblate, reads: Weblate imports ``deprecatedTerm-admn-sts`` terms as forbidden
translations. In both a term's usage tags are ``customerSubset`` admins, its source a
``source`` admin, its word forms and the policy's reason ``note`` elements. A language's
preferred terms come first, then the admitted, then the deprecated: a tool that sees one
term a language (translate-toolkit's unit source and target, Weblate's glossary entry)
takes the first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from newslib.errors import UnknownFormatError, UsageError
from newslib.fsio import atomic_write_text
from newslib.terms.checker import _preferred_tag
from newslib.terms.gazetteer import Gazetteer, GazetteerEntity, Variant
from newslib.terms.loader import shipped_gazetteer
from newslib.terms.policy import Policy, load_policy

__all__ = ["GLOSSARY_FORMATS", "Standing", "Term", "export_glossary", "standings"]


class Standing(StrEnum):
    """A variant's standing under a policy, as TBX's administrative status names it."""

    PREFERRED = "preferredTerm-admn-sts"
    ADMITTED = "admittedTerm-admn-sts"
    DEPRECATED = "deprecatedTerm-admn-sts"


@dataclass(frozen=True, slots=True)
class Term:
    """A variant with its standing and, when deprecated, what the policy writes."""

    variant: Variant
    standing: Standing
    instead: str | None = None


def standings(entity: GazetteerEntity, lang: str, policy: Policy | None) -> list[Term]:
    """The variants of *entity* in *lang*, each with its standing under *policy*."""
    variants = entity.names.get(lang, ())
    tag = _preferred_tag(variants, policy.preferred(entity.id, lang)) if policy else None
    if policy is None or tag is None:
        return [Term(v, Standing.ADMITTED) for v in variants]
    preferred = [v.text for v in variants if tag in v.usage]
    terms: list[Term] = []
    for variant in variants:
        if tag in variant.usage:
            terms.append(Term(variant, Standing.PREFERRED))
        elif not policy.allow.isdisjoint(variant.usage):
            terms.append(Term(variant, Standing.ADMITTED))
        else:
            terms.append(Term(variant, Standing.DEPRECATED, " or ".join(preferred)))
    return terms


# TBX v3 and v2 differ in names, not in structure.
_V3 = {"root": "tbx", "header": "tbxHeader", "entry": "conceptEntry", "lang": "langSec",
       "term": "termSec"}  # fmt: skip
_V2 = {"root": "martif", "header": "martifHeader", "entry": "termEntry", "lang": "langSet",
       "term": "tig"}  # fmt: skip
_ROOTS = {
    "tbx": '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
    "tbx-v2": '<martif type="TBX-Basic" xml:lang="en">',
}


def _tbx(gazetteer: Gazetteer, policy: Policy | None, version: str) -> str:
    names = _V3 if version == "tbx" else _V2
    under = f"under the {policy.name} policy" if policy else "without a policy"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        _ROOTS[version],
        f"  <{names['header']}>",
        "    <fileDesc>",
        f"      <titleStmt><title>newslib gazetteer, {escape(under)}</title></titleStmt>",
        "      <sourceDesc><p>newslib: the names of places, people and organisations, with "
        "who writes which variant</p></sourceDesc>",
        "    </fileDesc>",
    ]
    if version == "tbx-v2":
        lines.append('    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>')
    lines += [f"  </{names['header']}>", "  <text>", "    <body>"]
    for entity in sorted(gazetteer, key=lambda e: e.id):
        lines += _entry(entity, policy, names)
    lines += ["    </body>", "  </text>", f"</{names['root']}>", ""]
    return "\n".join(lines)


_RANK = (Standing.PREFERRED, Standing.ADMITTED, Standing.DEPRECATED)


def _rank(term: Term) -> int:
    return _RANK.index(term.standing)


def _entry(entity: GazetteerEntity, policy: Policy | None, names: dict[str, str]) -> list[str]:
    about = f"{entity.kind}" + (f", GeoNames {entity.geonames}" if entity.geonames else "")
    # An XML id starts with a letter; an entity id may start with a digit.
    xml_id = entity.id if entity.id[0].isalpha() else f"_{entity.id}"
    lines = [f"      <{names['entry']} id={quoteattr(xml_id)}>", f"        <note>{about}</note>"]
    for lang in sorted(entity.names):
        lines.append(f"        <{names['lang']} xml:lang={quoteattr(lang)}>")
        for term in sorted(standings(entity, lang, policy), key=_rank):
            variant = term.variant
            lines += [
                f"          <{names['term']}>",
                f"            <term>{escape(variant.text)}</term>",
                f'            <termNote type="administrativeStatus">{term.standing}</termNote>',
            ]
            lines += [
                f'            <admin type="customerSubset">{escape(tag)}</admin>'
                for tag in sorted(variant.usage)
            ]
            if variant.source:
                lines.append(f'            <admin type="source">{escape(variant.source)}</admin>')
            for note in _notes(term, policy):
                lines.append(f"            <note>{escape(note)}</note>")
            lines.append(f"          </{names['term']}>")
        lines.append(f"        </{names['lang']}>")
    lines.append(f"      </{names['entry']}>")
    return lines


def _notes(term: Term, policy: Policy | None) -> Iterator[str]:
    if term.instead and policy is not None:
        yield f"{policy.name} writes {term.instead}"
    forms = term.variant.forms
    if len(set(forms.values())) > 1:
        yield "forms: " + ", ".join(f"{case} {form}" for case, form in forms.items())
    elif len(forms) > 1:
        yield "indeclinable"


CSV_COLUMNS = ("source", "target", "context", "developer_comments", "forbidden")


def _csv(gazetteer: Gazetteer, policy: Policy | None, source: str, target: str) -> str:
    """One row per variant in *target*: Weblate's glossary CSV columns, and ``forbidden``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entity in sorted(gazetteer, key=lambda e: e.id):
        originals = standings(entity, source, policy)
        best = next((t for t in originals if t.standing is Standing.PREFERRED), None)
        name = (best or originals[0]).variant.text if originals else entity.label(source)
        for term in standings(entity, target, policy):
            comments = [
                term.standing.removesuffix("Term-admn-sts"),
                "used by " + ", ".join(sorted(term.variant.usage)),
            ]
            if term.variant.source:
                comments.append(f"source: {term.variant.source}")
            comments += _notes(term, policy)
            writer.writerow(
                (
                    name,
                    term.variant.text,
                    entity.id,
                    "; ".join(comments),
                    "yes" if term.standing is Standing.DEPRECATED else "",
                )
            )
    return out.getvalue()


GLOSSARY_FORMATS = ("tbx", "tbx-v2", "csv")


def export_glossary(
    format: str = "tbx",
    *,
    policy: str | Path | Policy | None = None,
    gazetteer: Gazetteer | None = None,
    source: str = "en",
    target: str | None = None,
    output: str | Path | None = None,
) -> str:
    """The gazetteer (the shipped one by default) as a TBX or CSV glossary, the variants'
    standing under *policy* (see the module). CSV is one language pair: the *target*
    language's variants, each beside the entity's *source*-language name. Written to
    *output* too, atomically, when given."""
    gazetteer = gazetteer if gazetteer is not None else shipped_gazetteer()
    policy = load_policy(policy) if policy is not None else None
    if format in _ROOTS:
        text = _tbx(gazetteer, policy, format)
    elif format == "csv":
        if not target:
            raise UsageError("a CSV glossary is one language pair: name the target with --lang")
        text = _csv(gazetteer, policy, source, target)
    else:
        raise UnknownFormatError(
            f"no glossary format {format!r}; use one of: {', '.join(GLOSSARY_FORMATS)}"
        )
    if output is not None:
        atomic_write_text(output, text)
    return text
