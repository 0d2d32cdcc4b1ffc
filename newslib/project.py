"""The project: a content folder, and where in it each kind of file is kept.

::

    content/
      newslib.yaml                      the editions (see :mod:`newslib.editions.edition`)
      articles/<id>/0001.yaml           the store: every revision of every article
      translations/<id>/<lang>.yaml     per-field translations of an article
      <policy>.yaml, templates/…        policies and template folders the editions name

```yaml
base_url: https://news.example.org/   # absolute http(s); links are relative without it
provider: news.example.org            # the domain in item ids (default: base_url's host)
editions:
  - id: ru
    locale: ru
    policy: russian-usage
    formats: [html, text, ninjs]
    timezone: Europe/Moscow
    missing_translation: fallback   # fail | fallback | machine (see below)
    default: true                   # the language's default edition (else its first listed)
    stale_translation: mark         # mark (the stale translation, marked) | original
```

``missing_translation`` says what a field without a translation the edition takes shows:
``fallback``, the original, marked (a page with no translated field says so at the top);
``fail``, nothing — the build fails; ``machine``, like fallback, but unreviewed machine
drafts count as translations (with a notice). A machine draft that needs review (a
placeholder the engine damaged, a word form in doubt) is shown by none of them.

Every stage that reads or writes the folder asks the :class:`Project` where, so the
layout is written down once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from newslib.article.model import ARTICLE_ID, LANGUAGE_TAG, primary_language
from newslib.config import CheckSettings, check_section, find_settings
from newslib.editions.edition import Edition, MissingTranslation
from newslib.errors import ConfigError, UnknownEditionError, UnsafePathError, UsageError
from newslib.fsio import atomic_write_text, read_text
from newslib.l10n.localizer import Localizer, parse_locale, parse_timezone
from newslib.renderers import FORMATS
from newslib.renderers.safety import absolute_url
from newslib.store.repository import Repository
from newslib.terms.policy import SHIPPED_POLICIES, Policy, load_policy
from newslib.translations.model import StaleTranslation, TranslationSet, read_translations
from newslib.translations.status import StaleField, StatusRow, stale_fields, status_row
from newslib.yamlio import Reader, compose

__all__ = ["CONFIG_NAME", "Project", "load_project"]

CONFIG_NAME = "newslib.yaml"
_EDITION_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
_EDITION_KEYS = (
    "timezone", "missing_translation", "stale_translation", "base_url", "dateline", "templates",
    "default",
)  # fmt: skip
# RFC 4151's tagging entity: a DNS name, optionally with a date its owner held it on.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PROVIDER = re.compile(
    rf"(?P<domain>{_LABEL}(?:\.{_LABEL})+)(?:,(?P<date>\d{{4}}(?:-\d\d){{0,2}}))?"
)
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
    provider: str | None = None  # ``domain`` or ``domain,date``: whose ids these are

    @property
    def id_domain(self) -> str | None:
        """The domain in item ids: ``provider``'s, else the host of ``base_url``."""
        if self.provider:
            return self.provider.split(",", 1)[0]
        host = urlsplit(self.base_url).hostname if self.base_url else None
        return host or None

    @property
    def id_date(self) -> str | None:
        """The date ``provider`` gives for its ids (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
        return self.provider.split(",", 1)[1] if self.provider and "," in self.provider else None

    def default_editions(self, language: str) -> list[Edition]:
        """The editions in *language*, the language's default first.

        The default is the one marked ``default: true``, else the first listed.
        """
        same = [e for e in self.editions if e.language == language]
        return sorted(same, key=lambda e: not e.default)

    @classmethod
    def at(cls, content: str | Path | Project) -> Project:
        """The project of *content*: its ``newslib.yaml`` read, or none listed where it has none."""
        if isinstance(content, Project):
            return content
        root = Path(content)
        return load_project(root) if (root / CONFIG_NAME).is_file() else cls(root)

    @classmethod
    def find(cls, start: str | Path = ".") -> Project:
        """The project *start* is in, with the check settings it declares (see
        :mod:`newslib.config`): ``[tool.newslib]`` in the nearest ``pyproject.toml``, else the
        ``check:`` section of ``newslib.yaml``. Its content folder is the settings' ``content``,
        else the one beside the settings, else ``./content``."""
        settings = find_settings(start)
        if settings.content is not None:
            root = settings.content
        elif settings.source is not None and settings.source.name == CONFIG_NAME:
            root = settings.source.parent
        elif settings.source is not None:
            root = settings.source.parent / "content"
        else:
            root = Path("content")
        project = cls.at(root)
        return replace(project, check=settings) if settings.source is not None else project

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
        """The policy of the default edition in *language* (see :meth:`default_editions`),
        if there is one."""
        editions = self.default_editions(primary_language(language))
        return editions[0].policy if editions else None

    def templates(self, edition: Edition) -> Path | None:
        """The edition's own template folder, if it names one."""
        return self.root / edition.templates if edition.templates else None

    def translations_folder(self, article_id: str) -> Path:
        """Where an article's translations are kept."""
        if not ARTICLE_ID.fullmatch(article_id):
            raise UnsafePathError(
                f"invalid article id {article_id[:80]!r}: use lowercase letters, digits and '-'"
            )
        return self.root / "translations" / article_id

    def translation_path(self, article_id: str, language: str) -> Path:
        """The file of an article's translations into *language*."""
        if len(language) > 35 or not LANGUAGE_TAG.fullmatch(language):
            raise UnsafePathError(
                f"invalid language tag {language[:40]!r}: use a BCP 47 tag such as 'ru' or 'de-AT'"
            )
        return self.translations_folder(article_id) / f"{language}.yaml"

    def translations(self, article_id: str, language: str) -> TranslationSet | None:
        """An article's translations into *language*, or ``None`` when there are none."""
        path = self.translation_path(article_id, language)
        return read_translations(path) if path.is_file() else None

    @property
    def memory_path(self) -> Path:
        """The translation memory drafts use unless told otherwise: ``NEWSLIB_MEMORY``, else
        in the user's data folder (see :func:`~newslib.translations.memory.default_memory_path`)."""
        from newslib.translations.memory import default_memory_path  # SQLite only when drafting

        return default_memory_path()

    def memory_tmx(
        self, memory: str | Path | None = None, *, output: str | Path | None = None
    ) -> str:
        """The translation memory (*memory*, else :attr:`memory_path`) as TMX 1.4b, written
        to *output* too (atomically) when given."""
        from newslib.translations.tmx import memory_tmx  # SQLite, loaded only for this

        text = memory_tmx(memory if memory is not None else self.memory_path)
        if output is not None:
            atomic_write_text(output, text)
        return text

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
            node,
            required=("editions",),
            optional=("base_url", "title", "check", "provider"),
            what="the config",
        )
        editions: list[Edition] = []
        defaults: dict[str, yaml.Node] = {}
        for item in self.sequence(fields["editions"]):
            edition = self.edition(item)
            if any(e.id == edition.id for e in editions):
                self.fail(item, f"edition {edition.id!r} is listed twice", "give each its own id")
            if edition.default and edition.language in defaults:
                line = defaults[edition.language].start_mark.line + 1
                self.fail(
                    item,
                    f"a second default edition for language {edition.language!r}",
                    f"line {line} marks one already; keep one 'default: true' per language",
                )
            if edition.default:
                defaults[edition.language] = item
            editions.append(edition)
        if not editions:
            self.fail(fields["editions"], "no editions", "list at least one edition")
        base_url = self.base_url(fields.get("base_url"))
        title = self.optional_string(fields.get("title")) or "newslib"
        check = fields.get("check")
        settings = check_section(check, Path(self.path)) if check is not None else CheckSettings()
        provider = self.provider(fields.get("provider"))
        return Project(root, tuple(editions), base_url, title, settings, provider)

    def base_url(self, node: yaml.Node | None) -> str | None:
        """An absolute http(s) URL, or ``None`` when the key is absent."""
        value = self.optional_string(node)
        if node is not None and value is not None and not absolute_url(value):
            self.fail(
                node,
                f"base_url {value!r} is not an absolute http(s) URL",
                "write it as https://news.example.org/ (no spaces, query or fragment)",
            )
        return value

    def provider(self, node: yaml.Node | None) -> str | None:
        """A domain, optionally ``,`` and a date: RFC 4151's tagging entity."""
        value = self.optional_string(node)
        if node is None or value is None:
            return None
        found = _PROVIDER.fullmatch(value)
        day = found["date"] if found else None
        try:
            if day is not None:
                date.fromisoformat((day + "-01-01")[:10])  # a real month and day
        except ValueError:
            found = None
        if found is None:
            self.fail(
                node,
                f"provider {value!r} is not a domain name (optionally ',' and a date)",
                "write a lower-case domain you own, e.g. news.example.org or "
                "news.example.org,2024-10-01",
            )
        return value

    def edition(self, node: yaml.Node) -> Edition:
        fields = self.mapping(
            node,
            required=("id", "locale", "policy", "formats"),
            optional=_EDITION_KEYS,
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
        if not formats:
            self.fail(fields["formats"], "no formats", "list at least one, e.g. [html]")
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
            timezone=self.timezone(timezone) if timezone is not None else "UTC",
            missing_translation=self.choice(missing) if missing is not None else (
                MissingTranslation.FALLBACK
            ),
            stale_translation=self.stale(stale) if stale is not None else StaleTranslation.MARK,
            base_url=self.base_url(fields.get("base_url")),
            dateline=self.dateline(fields.get("dateline")),
            templates=self.optional_string(fields.get("templates")),
            default=self.boolean(fields["default"]) if "default" in fields else False,
        )  # fmt: skip

    def dateline(self, node: yaml.Node | None) -> str | None:
        pattern = self.optional_string(node)
        if node is not None and pattern is not None:
            try:
                Localizer.check_dateline_pattern(pattern)
            except UsageError as exc:
                self.fail(node, str(exc), 'e.g. "{place}, {date}. /{agency}/."')
        return pattern

    def timezone(self, node: yaml.Node) -> str:
        name = self.string(node)
        try:
            parse_timezone(name)
        except UsageError as exc:
            self.fail(node, str(exc), "see the tz database's zone names")
        return name

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
