"""Editions: the project config ``content/newslib.yaml`` — which locale, naming policy and
formats each edition has, where it is published, and what to do without a translation.

```yaml
base_url: https://news.example.org/
editions:
  - id: ru
    locale: ru
    policy: russian-usage
    formats: [html, text, ninjs]
    timezone: Europe/Moscow
    missing_translation: fallback   # fail | fallback | machine
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from newslib.errors import InputError
from newslib.fsio import read_text
from newslib.l10n.localizer import parse_locale
from newslib.renderers import FORMATS
from newslib.terms.policy import SHIPPED_POLICIES
from newslib.yamlio import Reader, compose

__all__ = ["ConfigError", "Edition", "MissingTranslation", "Project", "load_project"]

CONFIG_NAME = "newslib.yaml"
_EDITION_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")


class ConfigError(InputError):
    """The project config (``newslib.yaml``) is malformed or invalid."""


class MissingTranslation(StrEnum):
    """What an edition does with an article it has no current translation of."""

    FAIL = "fail"  # the build fails
    FALLBACK = "fallback"  # the original is shown, with a notice
    MACHINE = "machine"  # a machine draft is shown, with a notice


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition: a locale, a naming policy, formats and where it is published."""

    id: str
    locale: str
    policy: str
    formats: tuple[str, ...]
    timezone: str = "UTC"
    missing_translation: MissingTranslation = MissingTranslation.FALLBACK
    base_url: str | None = None
    dateline: str | None = None  # overrides the catalog's dateline pattern
    templates: str | None = None  # a template folder overriding the shipped templates

    @property
    def language(self) -> str:
        """The edition's language subtag."""
        return self.locale.replace("_", "-").split("-")[0]


@dataclass(frozen=True, slots=True)
class Project:
    """A content folder's editions."""

    root: Path
    editions: tuple[Edition, ...]
    base_url: str | None = None
    title: str = "newslib"

    def edition(self, edition_id: str) -> Edition:
        """The edition with this id."""
        for edition in self.editions:
            if edition.id == edition_id:
                return edition
        raise ConfigError(
            f"no edition {edition_id!r}",
            path=self.root / CONFIG_NAME,
            hint="use one of: " + ", ".join(e.id for e in self.editions),
        )


def load_project(content: str | Path) -> Project:
    """Read ``<content>/newslib.yaml``."""
    root = Path(content)
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"no {CONFIG_NAME} in {root}",
            path=path,
            hint="create it with an 'editions' list (see the README)",
        )
    node = compose(read_text(path), path, ConfigError)
    if node is None:
        raise ConfigError("the config is empty", path=path, line=1, hint="list the editions")
    return _ConfigReader(path).project(node, root)


class _ConfigReader(Reader):
    def __init__(self, path: Path) -> None:
        super().__init__(path, ConfigError)

    def project(self, node: yaml.Node, root: Path) -> Project:
        fields = self.mapping(
            node, required=("editions",), optional=("base_url", "title"), what="the config"
        )
        editions: list[Edition] = []
        for item in self.sequence(fields["editions"]):
            edition = self.edition(item)
            if any(e.id == edition.id for e in editions):
                self.fail(item, f"edition {edition.id!r} is listed twice", "give each its own id")
            editions.append(edition)
        if not editions:
            self.fail(fields["editions"], "no editions", "list at least one edition")
        base_url = self.optional_string(fields.get("base_url"))
        title = self.optional_string(fields.get("title")) or "newslib"
        return Project(root, tuple(editions), base_url, title)

    def edition(self, node: yaml.Node) -> Edition:
        fields = self.mapping(
            node,
            required=("id", "locale", "policy", "formats"),
            optional=("timezone", "missing_translation", "base_url", "dateline", "templates"),
            what="an edition",
        )
        locale = self.string(fields["locale"])
        try:
            parse_locale(locale)
        except Exception as exc:
            self.fail(fields["locale"], str(exc), "use a CLDR locale such as 'ru' or 'de-AT'")
        policy = self.string(fields["policy"])
        if policy not in SHIPPED_POLICIES and not policy.endswith((".yaml", ".yml")):
            self.fail(
                fields["policy"],
                f"unknown policy {policy!r}",
                "use " + ", ".join(SHIPPED_POLICIES) + " or a policy YAML path",
            )
        formats = tuple(self.string(f) for f in self.sequence(fields["formats"]))
        for format_node, name in zip(self.sequence(fields["formats"]), formats, strict=True):
            if name not in FORMATS:
                self.fail(format_node, f"unknown format {name!r}", "use: " + ", ".join(FORMATS))
        missing = fields.get("missing_translation")
        timezone = fields.get("timezone")
        return Edition(
            id=self.string(fields["id"], pattern=_EDITION_ID),
            locale=locale,
            policy=policy,
            formats=formats,
            timezone=self.string(timezone) if timezone is not None else "UTC",
            missing_translation=self.choice(missing) if missing is not None else (
                MissingTranslation.FALLBACK
            ),
            base_url=self.optional_string(fields.get("base_url")),
            dateline=self.optional_string(fields.get("dateline")),
            templates=self.optional_string(fields.get("templates")),
        )  # fmt: skip

    def choice(self, node: yaml.Node) -> MissingTranslation:
        value = self.string(node)
        if value not in set(MissingTranslation):
            self.fail(node, f"invalid value {value!r}", "use fail, fallback or machine")
        return MissingTranslation(value)
