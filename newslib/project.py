"""The project: a content folder, and where in it each kind of file is kept.

::

    content/
      newslib.yaml                      the editions (see :mod:`newslib.editions.edition`)
      articles/<id>/0001.yaml           the store: every revision of every article
      translations/<id>/<lang>.yaml     per-field translations of an article
      <policy>.yaml, templates/…        policies and template folders the editions name

```yaml
base_url: https://news.example.org/
editions:
  - id: ru
    locale: ru
    policy: russian-usage
    formats: [html, text, ninjs]
    timezone: Europe/Moscow
    missing_translation: fallback   # fail | fallback | machine
    stale_translation: mark         # mark (the stale translation, marked) | original
```

Every stage that reads or writes the folder asks the :class:`Project` where, so the
layout is written down once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newslib.article.model import primary_language
from newslib.config import CheckSettings, check_section
from newslib.editions.edition import Edition, MissingTranslation
from newslib.errors import ConfigError, UnknownEditionError
from newslib.fsio import read_text
from newslib.l10n.localizer import parse_locale
from newslib.renderers import FORMATS
from newslib.store.repository import Repository
from newslib.terms.cache import cache_dir
from newslib.terms.policy import SHIPPED_POLICIES, Policy, load_policy
from newslib.translations.model import StaleTranslation, TranslationSet, read_translations
from newslib.translations.status import StaleField, StatusRow, stale_fields, status_row
from newslib.yamlio import Reader, compose

__all__ = ["CONFIG_NAME", "Project", "load_project"]

CONFIG_NAME = "newslib.yaml"
_EDITION_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
# Languages `status` and `translate` look at in a folder with no newslib.yaml.
_DEFAULT_LANGUAGES = ("ru", "de", "fr", "ka", "ar")


@dataclass(frozen=True, slots=True)
class Project:
    """A content folder: its editions and the places of its articles, translations, policies."""

    root: Path
    editions: tuple[Edition, ...] = ()
    base_url: str | None = None
    title: str = "newslib"
    check: CheckSettings = field(default_factory=CheckSettings)  # newslib.yaml's ``check:``

    @classmethod
    def at(cls, content: str | Path | Project) -> Project:
        """The project of *content*: its ``newslib.yaml`` read, or none listed where it has none."""
        if isinstance(content, Project):
            return content
        root = Path(content)
        return load_project(root) if (root / CONFIG_NAME).is_file() else cls(root)

    @property
    def config_path(self) -> Path:
        """``newslib.yaml``."""
        return self.root / CONFIG_NAME

    @property
    def articles(self) -> Path:
        """The store's folder of articles (the repository's own layout)."""
        return self.repository().articles

    def repository(self) -> Repository:
        """The store of this project's articles."""
        return Repository(self.root)

    def edition(self, edition_id: str) -> Edition:
        """The edition with this id."""
        for edition in self.editions:
            if edition.id == edition_id:
                return edition
        raise UnknownEditionError(
            f"no edition {edition_id!r}",
            path=self.config_path,
            hint="use one of: " + ", ".join(e.id for e in self.editions),
        )

    def languages(self) -> list[str]:
        """The languages the editions publish in (a default set where none are listed)."""
        if not self.editions:
            return list(_DEFAULT_LANGUAGES)
        return list(dict.fromkeys(e.language for e in self.editions))

    def policy(self, name: str) -> Policy:
        """A shipped policy by name, or a policy file named relative to the folder."""
        return load_policy(self.policy_path(name))

    def policy_path(self, name: str) -> str | Path:
        """A policy file's path in the folder, or *name* itself for a shipped policy."""
        return self.root / name if name.endswith((".yaml", ".yml")) else name

    def edition_policy(self, language: str) -> str | None:
        """The policy of the first edition in *language*, if there is one."""
        return next((e.policy for e in self.editions if e.language == language), None)

    def templates(self, edition: Edition) -> Path | None:
        """The edition's own template folder, if it names one."""
        return self.root / edition.templates if edition.templates else None

    def translations_folder(self, article_id: str) -> Path:
        """Where an article's translations are kept."""
        return self.root / "translations" / article_id

    def translation_path(self, article_id: str, language: str) -> Path:
        """The file of an article's translations into *language*."""
        return self.translations_folder(article_id) / f"{language}.yaml"

    def translations(self, article_id: str, language: str) -> TranslationSet | None:
        """An article's translations into *language*, or ``None`` when there are none."""
        path = self.translation_path(article_id, language)
        return read_translations(path) if path.is_file() else None

    @property
    def memory_path(self) -> Path:
        """The translation memory drafts use unless told otherwise (in the user's cache)."""
        return cache_dir() / "translation-memory.sqlite"

    def status(
        self, articles: list[str] | None = None, languages: list[str] | None = None
    ) -> list[StatusRow]:
        """How far each article's translation into each language is current."""
        repository = self.repository()
        rows: list[StatusRow] = []
        for article_id in articles or repository.ids():
            source = repository.read(article_id)
            history = repository.history(article_id)
            for language in languages or self.languages():
                if language != primary_language(source.language):
                    found = self.translations(article_id, language)
                    rows.append(status_row(source, found, language, history))
        return rows

    def stale_fields(self, article_id: str, language: str) -> list[StaleField]:
        """The stale fields of a translation, each with the source's change since."""
        translations = self.translations(article_id, language)
        if translations is None:
            return []
        repository = self.repository()
        return stale_fields(repository, repository.read(article_id), translations)


def load_project(content: str | Path) -> Project:
    """Read ``<content>/newslib.yaml``: the project and its editions."""
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
            node, required=("editions",), optional=("base_url", "title", "check"), what="the config"
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
        check = fields.get("check")
        settings = check_section(check, Path(self.path)) if check is not None else CheckSettings()
        return Project(root, tuple(editions), base_url, title, settings)

    def edition(self, node: yaml.Node) -> Edition:
        fields = self.mapping(
            node,
            required=("id", "locale", "policy", "formats"),
            optional=(
                "timezone",
                "missing_translation",
                "stale_translation",
                "base_url",
                "dateline",
                "templates",
            ),
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
        stale = fields.get("stale_translation")
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
            stale_translation=self.stale(stale) if stale is not None else StaleTranslation.MARK,
            base_url=self.optional_string(fields.get("base_url")),
            dateline=self.optional_string(fields.get("dateline")),
            templates=self.optional_string(fields.get("templates")),
        )  # fmt: skip

    def choice(self, node: yaml.Node) -> MissingTranslation:
        value = self.string(node)
        if value not in set(MissingTranslation):
            self.fail(node, f"invalid value {value!r}", "use fail, fallback or machine")
        return MissingTranslation(value)

    def stale(self, node: yaml.Node) -> StaleTranslation:
        value = self.string(node)
        if value not in set(StaleTranslation):
            self.fail(node, f"invalid value {value!r}", "use mark or original")
        return StaleTranslation(value)
