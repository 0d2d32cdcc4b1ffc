"""Naming policies: which variant an edition uses, how strictly, and where not to look.

A policy is data (YAML). It may inherit from another policy; the child's settings
override the parent's key by key (per language, per entity, per rule).

Usage tags (in ``prefer``, an entity's ``prefer`` and ``allow``) are checked when the
policy is read: a tag no gazetteer variant carries would silently prefer nothing, so a
misspelt one (``russian-usgae``) is an error at its file, line and column, with the
nearest known tag as the hint. The known tags are those of the shipped gazetteer, the
ones a GeoNames merge writes (``geonames``, ``preferred``, ``short``, ``colloquial``,
``historic``), and those the policy declares under ``usage_tags`` for a gazetteer of its
own; declared tags are inherited, so a newsroom declares them once, in its base policy::

    name: desk
    inherits: georgian-official
    usage_tags: [ap-style]        # tags of the newsroom's gazetteer
    prefer: {en: [ap-style, georgian-official]}

The check is made when the policy is read, not against the gazetteer a check later runs
with: a policy is read once and used with any gazetteer, and a preference for a tag that
gazetteer lacks is a fallback, not a mistake (``georgian-official`` prefers
``international`` where a variant has it).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml

from newslib.article.model import primary_language
from newslib.errors import PolicyError, UnknownPolicyError, UsageError
from newslib.fsio import read_text
from newslib.terms.gazetteer import GEONAMES_TAGS
from newslib.yamlio import Reader, compose

__all__ = [
    "SHIPPED_POLICIES",
    "Policy",
    "Rule",
    "Severity",
    "Treatment",
    "known_usage_tags",
    "load_policy",
]

SHIPPED_POLICIES = (
    "as-written", "georgian-official", "russian-usage", "official-current", "ap-style", "bbc-style",
)  # fmt: skip


class Rule(StrEnum):
    """A terminology rule, by the name findings and a policy's ``severity`` give it."""

    VARIANT = "variant"
    INCONSISTENT = "inconsistent"
    UNKNOWN_SPELLING = "unknown-spelling"
    DERIVED = "derived"


class Severity(StrEnum):
    """How much a finding matters; ``error`` fails ``newslib check``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Treatment(StrEnum):
    """What to do with names in quotations, or in text about the names themselves."""

    CHECK = "check"  # like any other name
    REPORT = "report"  # report at info level; never fixed
    IGNORE = "ignore"  # say nothing


@dataclass(frozen=True, slots=True)
class Policy:
    """A naming policy, with inheritance already resolved."""

    name: str
    description: str = ""
    prefer: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    entities: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    allow: frozenset[str] = frozenset()
    severity: Mapping[Rule, Severity] = field(default_factory=dict)
    quotations: Treatment = Treatment.REPORT
    names_about_names: Treatment = Treatment.IGNORE
    # Usage tags of a gazetteer of the newsroom's own, declared so the policy may name them.
    usage_tags: frozenset[str] = frozenset()

    def preferred(self, entity_id: str, lang: str) -> tuple[str, ...]:
        """The usage tags this policy prefers for *entity_id* in *lang*, best first.

        Empty means no preference: only consistency is checked.
        """
        primary = primary_language(lang)
        for table in (self.entities.get(entity_id, {}), self.prefer):
            for key in (lang, primary, "*"):
                if key in table:
                    return table[key]
        return ()

    def severity_of(self, rule: Rule) -> Severity:
        """The severity of *rule*'s findings."""
        return self.severity.get(rule, _DEFAULT_SEVERITY[rule])


_E = TypeVar("_E", bound=StrEnum)

_DEFAULT_SEVERITY = {
    Rule.VARIANT: Severity.ERROR,
    Rule.INCONSISTENT: Severity.WARNING,
    Rule.UNKNOWN_SPELLING: Severity.INFO,
    Rule.DERIVED: Severity.INFO,
}


def load_policy(policy: str | Path | Policy) -> Policy:
    """A policy by shipped name (``"russian-usage"``) or from a YAML file path."""
    if isinstance(policy, Policy):
        return policy
    return _load(str(policy), ())


def _load(name_or_path: str, chain: tuple[str, ...]) -> Policy:
    if name_or_path in chain:
        raise PolicyError(
            "policies inherit from each other in a loop: " + " -> ".join((*chain, name_or_path)),
            hint="remove one 'inherits'",
        )
    if name_or_path in SHIPPED_POLICIES:
        path = f"<shipped policy {name_or_path}>"
        text = (
            resources.files("newslib.terms.data")
            .joinpath("policies", f"{name_or_path}.yaml")
            .read_text(encoding="utf-8")
        )
    elif name_or_path.endswith((".yaml", ".yml")) or _is_file(name_or_path):
        path = name_or_path
        text = read_text(name_or_path)
    else:
        raise UnknownPolicyError(
            f"no policy {name_or_path!r}; use one of {', '.join(SHIPPED_POLICIES)} "
            "or the path of a policy YAML file"
        )
    node = compose(text, path, PolicyError)
    if node is None:
        raise PolicyError("the policy file is empty", path=path, line=1, hint="write a policy")
    return _PolicyReader(path).policy(node, (*chain, name_or_path))


def _is_file(name: str) -> bool:
    """True when *name* is an existing file's path (a name too long for one is not)."""
    try:
        return Path(name).is_file()
    except OSError:
        return False


@cache
def known_usage_tags() -> frozenset[str]:
    """The usage tags of the shipped gazetteer and of GeoNames merges."""
    from newslib.terms.loader import regional_gazetteer
    from newslib.terms.world import WORLD_TAGS

    # The world's tags are declared, not read from its entities: reading every one of
    # them would decode the whole cached world on each first policy.
    return regional_gazetteer().usage_tags() | WORLD_TAGS | GEONAMES_TAGS


class _PolicyReader(Reader):
    def __init__(self, path: str) -> None:
        super().__init__(path, PolicyError)
        self.known: frozenset[str] = frozenset()

    def policy(self, node: yaml.Node, chain: tuple[str, ...]) -> Policy:
        fields = self.mapping(
            node,
            required=("name",),
            optional=(
                "description", "inherits", "usage_tags", "prefer", "entities", "allow",
                "severity", "quotations", "names_about_names",
            ),
            what="the policy",
        )  # fmt: skip
        parent = self.parent(fields["inherits"], chain) if "inherits" in fields else Policy("")
        declared = parent.usage_tags
        if "usage_tags" in fields:
            declared |= {self.string(tag) for tag in self.sequence(fields["usage_tags"])}
        self.known = known_usage_tags() | declared
        prefer = dict(parent.prefer)
        if "prefer" in fields:
            prefer.update(self.preferences(fields["prefer"]))
        entities = dict(parent.entities)
        if "entities" in fields:
            for entity_id, _, value in self.any_mapping(fields["entities"]):
                entry = self.mapping(value, optional=("prefer",), what="an entity's policy")
                entities[entity_id] = (
                    self.preferences(entry["prefer"]) if "prefer" in entry else {"*": ()}
                )
        severity = dict(parent.severity)
        if "severity" in fields:
            for rule, key_node, value in self.any_mapping(fields["severity"]):
                if rule not in set(Rule):
                    self.fail(key_node, f"unknown rule {rule!r}", "use: " + ", ".join(Rule))
                severity[Rule(rule)] = self.choice(value, Severity)
        return Policy(
            name=self.string(fields["name"]),
            description=self.optional_string(fields.get("description")) or parent.description,
            prefer=prefer,
            entities=entities,
            allow=frozenset(self.tag(tag) for tag in self.sequence(fields["allow"]))
            if "allow" in fields
            else parent.allow,
            severity=severity,
            quotations=self.choice(fields["quotations"], Treatment)
            if "quotations" in fields
            else parent.quotations,
            names_about_names=self.choice(fields["names_about_names"], Treatment)
            if "names_about_names" in fields
            else parent.names_about_names,
            usage_tags=declared,
        )

    def parent(self, node: yaml.Node, chain: tuple[str, ...]) -> Policy:
        """The policy that ``inherits`` names: a shipped one, or a file (a relative path is
        read beside this file)."""
        name = self.string(node)
        if name not in SHIPPED_POLICIES and not self.path.startswith("<"):
            name = str(Path(self.path).parent / name)  # an absolute name stays as it is
        try:
            return _load(name, chain)
        except (UnknownPolicyError, UsageError):
            self.fail(
                node,
                f"no policy {self.string(node)!r} to inherit from",
                f"use one of {', '.join(SHIPPED_POLICIES)}, or a policy file's path from this "
                "file's folder",
            )

    def preferences(self, node: yaml.Node) -> dict[str, tuple[str, ...]]:
        """``{language or '*': [usage tags, best first]}``; a bare list means every language."""
        if isinstance(node, yaml.SequenceNode):
            return {"*": tuple(self.tag(tag) for tag in self.sequence(node))}
        return {
            lang: tuple(self.tag(tag) for tag in self.sequence(tags))
            for lang, _, tags in self.any_mapping(node)
        }

    def tag(self, node: yaml.Node) -> str:
        """A usage tag, which must be known (see the module docstring)."""
        tag = self.string(node)
        if tag not in self.known:
            close = difflib.get_close_matches(tag, sorted(self.known), n=1)
            known = (
                f"did you mean {close[0]!r}?"
                if close
                else "known: " + ", ".join(sorted(self.known))
            )
            own = "a tag of your own gazetteer is declared under 'usage_tags'"
            self.fail(node, f"unknown usage tag {tag!r}", f"{known} {own}")
        return tag

    def choice(self, node: yaml.Node, enum: type[_E]) -> _E:
        value = self.string(node)
        try:
            return enum(value)
        except ValueError:
            self.fail(node, f"invalid value {value!r}", "use one of: " + ", ".join(enum))
