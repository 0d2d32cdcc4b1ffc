"""Terminology: the gazetteer, naming policies, scanning, checking and fixing names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newslib.article.model import Entity, Ref, Text
from newslib.terms.checker import Finding, apply_fixes, check, variant_rule
from newslib.terms.documents import (
    check_document,
    fix_document,
    mentions_at_lines,
    scan_document,
    write_fixed,
)
from newslib.terms.files import load_document, parse_document
from newslib.terms.gazetteer import Gazetteer, GazetteerEntity, Variant
from newslib.terms.inputs import Inputs, resolve_inputs
from newslib.terms.loader import load_gazetteer, shipped_gazetteer
from newslib.terms.morphology import FormProposal, propose_forms
from newslib.terms.policy import Policy, Severity, load_policy
from newslib.terms.scanner import Mention, scan

__all__ = [
    "Finding",
    "FixResult",
    "FormProposal",
    "Gazetteer",
    "GazetteerEntity",
    "Inputs",
    "Mention",
    "Policy",
    "Severity",
    "Variant",
    "annotator",
    "apply_policy",
    "check_file",
    "check_text",
    "entity_name",
    "fix_file",
    "fix_text",
    "load_gazetteer",
    "load_policy",
    "propose_forms",
    "resolve_inputs",
    "scan_file",
    "scan_text",
    "shipped_gazetteer",
]


def entity_name(
    entity_id: str,
    *,
    lang: str,
    policy: str | Path | Policy | None = None,
    gazetteer: Gazetteer | None = None,
    case: str = "nom",
) -> str | None:
    """The name of an entity in *lang*: the policy's variant, in *case*; ``None`` if the
    gazetteer has no name for it in that language."""
    resolved = gazetteer or shipped_gazetteer()
    if entity_id not in resolved.entities:
        return None
    variants = resolved.entity(entity_id).variants(lang)
    if not variants:
        return None
    chosen = variants[0]
    if policy is not None:
        resolved_policy = load_policy(policy)
        for tag in resolved_policy.preferred(entity_id, lang):
            preferred = [v for v in variants if tag in v.usage]
            if preferred:
                chosen = preferred[0]
                break
    return chosen.forms.get(case, chosen.text)


def apply_policy(
    text: str,
    *,
    lang: str,
    policy: str | Path | Policy,
    gazetteer: Gazetteer | None = None,
) -> str:
    """*text* with its names in the policy's variants, where the word form is certain.

    Only the ``variant`` rule applies: rendering an edition under a policy changes which
    variant a name is written in, never anything else (quotations stay as said).
    """
    resolved, names = load_policy(policy), gazetteer or shipped_gazetteer()
    mentions = scan(text, lang=lang, gazetteer=names)
    return apply_fixes(text, list(variant_rule(text, mentions, resolved, names, lang)))


def scan_text(text: str, *, lang: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every mention of a gazetteer entity in *text*, with its lines and columns."""
    return mentions_at_lines(
        scan(text, lang=lang, gazetteer=gazetteer or shipped_gazetteer()), text
    )


def check_text(
    text: str,
    *,
    lang: str,
    policy: str | Path | Policy,
    gazetteer: Gazetteer | None = None,
) -> list[Finding]:
    """Every terminology finding in *text* under *policy* (a name, a path or a Policy)."""
    return check(
        text, lang=lang, policy=load_policy(policy), gazetteer=gazetteer or shipped_gazetteer()
    )


def fix_text(
    text: str,
    *,
    lang: str,
    policy: str | Path | Policy,
    gazetteer: Gazetteer | None = None,
    best_guess: bool = False,
) -> str:
    """*text* with the policy's confident suggestions applied."""
    findings = check_text(text, lang=lang, policy=policy, gazetteer=gazetteer)
    return apply_fixes(text, findings, best_guess=best_guess)


def annotator(
    gazetteer: Gazetteer | None = None,
) -> Callable[[str, str], tuple[Text, list[Entity]]]:
    """An annotator for :func:`newslib.import_text`: marks every gazetteer name as a reference.

    >>> from newslib.article.markup import format_text
    >>> text, found = annotator()("Talks in Sukhum.", "en")
    >>> format_text(text), [e.id for e in found]
    ('Talks in [[sukhumi|Sukhum]].', ['sukhumi'])
    """

    def annotate(passage: str, lang: str) -> tuple[Text, list[Entity]]:
        resolved = gazetteer or shipped_gazetteer()
        segments: list[str | Ref] = []
        found: dict[str, Entity] = {}
        position = 0
        for mention in scan(passage, lang=lang, gazetteer=resolved):
            if mention.derived:  # "Abkhazian" is not a name of Abkhazia
                continue
            segments += [passage[position : mention.start], Ref(mention.entity, mention.surface)]
            position = mention.end
            entity = resolved.entity(mention.entity)
            found.setdefault(entity.id, Entity(entity.id, entity.kind, entity.label(lang)))
        segments.append(passage[position:])
        return Text(tuple(segments)), list(found.values())

    return annotate


@dataclass(frozen=True, slots=True)
class FixResult:
    """What ``fix_file`` did: the text before and after, what it applied and what is left."""

    path: str
    original: str
    fixed: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        """True when the fixed text differs."""
        return self.fixed != self.original


def scan_file(
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    lang: str | None = None,
    text: str | None = None,
) -> list[Mention]:
    """Mentions in a file (article YAML, .txt, .md, .html; '-' with *text* for stdin)."""
    document = load_document(str(path), stdin_text=text)
    return scan_document(document, gazetteer=gazetteer or shipped_gazetteer(), lang=lang)


def check_file(
    path: str | Path,
    *,
    policy: str | Path | Policy,
    gazetteer: Gazetteer | None = None,
    lang: str | None = None,
    text: str | None = None,
) -> list[Finding]:
    """Findings in a file, at file offsets (see :func:`scan_file` for the inputs)."""
    document = load_document(str(path), stdin_text=text)
    return check_document(
        document,
        policy=load_policy(policy),
        gazetteer=gazetteer or shipped_gazetteer(),
        lang=lang,
    )


def fix_file(
    path: str | Path,
    *,
    policy: str | Path | Policy,
    gazetteer: Gazetteer | None = None,
    lang: str | None = None,
    dry_run: bool = False,
    best_guess: bool = False,
    text: str | None = None,
) -> FixResult:
    """Apply the policy's confident suggestions to a file, atomically (unless *dry_run*)."""
    document = load_document(str(path), stdin_text=text)
    resolved = load_policy(policy)
    gazetteer = gazetteer or shipped_gazetteer()
    fixed, applied = fix_document(
        document, policy=resolved, gazetteer=gazetteer, lang=lang, best_guess=best_guess
    )
    if fixed != document.source and not dry_run:
        write_fixed(document, fixed)
    after = parse_document(fixed, path=document.path)
    remaining = check_document(after, policy=resolved, gazetteer=gazetteer, lang=lang)
    return FixResult(document.path, document.source, fixed, tuple(applied), tuple(remaining))
