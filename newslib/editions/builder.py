"""``newslib build``: every article × edition × format, an index and a feed per edition,
and a manifest — incrementally, in parallel, and replacing each edition atomically.

Output layout::

    <out>/manifest.json            every published file: article, revision, edition, format,
                                   path, sha256 (the index pages, feeds and assets too)
    <out>/index.html               the landing page: a link to every edition
    <out>/<edition>                a symbolic link to the edition's current build …
    <out>/.builds/<edition>.<id>/  … a complete, never-modified folder of files

:func:`render_edition` renders one page of it, exactly as the build writes it.

Each edition is written into a fresh folder and published by replacing the link in one
``rename``: a reader (or a web server) sees the previous edition or the new one, never half
of either, and a failed or killed build leaves the previous edition in place. A job whose
inputs are unchanged is not rendered again: its files are linked from the previous build.
The inputs are resolved, not named: the article's revisions, the edition's settings, the
content of its policy (parents merged in) and of its template folder, the other editions
(links), the translation file, and every file of the installed package.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from newslib.article.model import Article, Revision, primary_language
from newslib.editions.edition import Edition, MissingTranslation
from newslib.errors import BuildError, NewslibError, TamperedError, UsageError
from newslib.fsio import atomic_writer, is_disk_full, write_failure
from newslib.l10n.localizer import Localizer
from newslib.project import Project, load_project
from newslib.renderers import FORMATS, render_page
from newslib.renderers.atom import FeedEntry, render_feed
from newslib.renderers.ids import PLACEHOLDER_DOMAIN, item_id, tag_uri
from newslib.renderers.index import IndexEntry, assets, render_index, render_landing
from newslib.renderers.page import Body, Link, Page, select_body
from newslib.store.repository import Repository
from newslib.terms import Policy, check_text, shipped_gazetteer
from newslib.translations.status import TranslationState

__all__ = ["BuildError", "BuildResult", "build", "render_edition"]

MANIFEST = "manifest.json"
BUILDS = ".builds"
LANDING = "index.html"


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    out: Path
    rendered: int  # article × edition pages rendered
    reused: int  # pages whose files came from the previous build
    editions: tuple[str, ...]  # editions published anew
    findings: int  # terminology findings at error level left in the rendered pages
    entries: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    refused: tuple[str, ...] = ()  # why an article was not published (a tampered revision)
    # What a reader of the build should know, one line each: relative links for want of a
    # base_url, and (when not strict) every problem --strict would refuse the build for.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Job:
    edition: Edition
    article: str
    revision: int
    key: str
    links: tuple[Link, ...]
    url: str


def build(
    content: str | Path | Project,
    out: str | Path,
    *,
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Build every edition of *content* (a folder or its project) into *out*; see the module."""
    project = content if isinstance(content, Project) else load_project(content)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file, not a folder; give --out a folder to build into")
    if out.resolve().is_relative_to(project.root.resolve()):
        raise UsageError(
            f"{out}: inside the content folder {project.root}; build into a folder outside it"
        )
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return _build(project, out, jobs, strict, progress)


def render_edition(
    content: str | Path | Project,
    article: str,
    edition: str,
    fmt: str = "text",
    *,
    revision: int | None = None,
    policy: str | Path | None = None,
    timezone: str | None = None,
) -> str:
    """One article in one edition and format, as ``build`` writes it: the same page, its
    links and translations (an older *revision* as the edition shows it). *policy* (a
    shipped name or a file) and *timezone* override the edition's."""
    project = content if isinstance(content, Project) else Project.at(content)
    chosen = project.edition(edition)
    if policy is not None or timezone is not None:
        named = chosen.policy if policy is None else str(policy)
        if policy is not None and named.endswith((".yaml", ".yml")):
            named = str(Path(named).resolve())  # a file named by the caller, not the project
        chosen = replace(chosen, policy=named, timezone=timezone or chosen.timezone)
        others = tuple(chosen if e.id == chosen.id else e for e in project.editions)
        project = replace(project, editions=others)
    record, _ = _repository(project).revision(article, revision)
    jobs = _jobs(project, {article: record}, _Previous([], {}, {}), {})
    job = next(j for j in jobs if j.edition.id == chosen.id)
    page, _, _ = _page(project, job)
    return render_page(page, fmt)


def _build(
    project: Project,
    out: Path,
    jobs: int | None,
    strict: bool,
    progress: Callable[[int, int, str], None] | None,
) -> BuildResult:
    repository = project.repository()
    heads = {a: head for a in repository.ids() if (head := repository.head(a)) is not None}
    previous = _Previous.read(out)
    shown: dict[str, str] = {}
    all_jobs = _jobs(project, heads, previous, shown)
    todo = [job for job in all_jobs if not previous.has(job, out)]
    changed = {job.edition.id for job in todo}
    (out / BUILDS).mkdir(parents=True, exist_ok=True)
    staging = {
        e.id: Path(tempfile.mkdtemp(prefix=f"{e.id}.", dir=out / BUILDS))
        for e in project.editions
        if e.id in changed
    }
    try:
        entries, pages, refused = _stage(
            todo, all_jobs, project, jobs, staging, previous, out, progress
        )
        todo = [job for job in todo if job.key not in refused]
        all_jobs = [job for job in all_jobs if job.key not in refused]
        facts = {job.key: pages[job.key] for job in all_jobs}
        problems = [p for job in todo for p in facts[job.key]["problems"]]
        would_refuse = _strict_problems(all_jobs, facts)
        if strict:
            problems += would_refuse
        if problems:
            raise BuildError(problems)
        if staging:
            os.sync()  # every staged file on disk before any link switches to it
        for edition in project.editions:
            if edition.id in changed:
                edition_jobs = [j for j in all_jobs if j.edition.id == edition.id]
                folder = staging[edition.id]
                files = _write_index(project, edition, folder, edition_jobs, facts)
                previous.edition_files[edition.id] = [
                    _file_entry(edition, name, (folder / name).read_bytes()) for name in files
                ]
                # The edition's own manifest travels with it: the link switches to files and
                # the manifest that describes them in one rename.
                own = [e for job in edition_jobs for e in entries[job.key]]
                own += previous.edition_files[edition.id]
                _write_manifest(folder / MANIFEST, {"edition": edition.id, "entries": own})
                previous.edition_files[edition.id].append(
                    _file_entry(edition, MANIFEST, (folder / MANIFEST).read_bytes())
                )
                _switch(out / edition.id, folder)
                del staging[edition.id]  # published: no longer ours to clean up
    except OSError as exc:
        if isinstance(exc, NewslibError) or not is_disk_full(exc):
            raise
        raise write_failure(exc, out, "the editions published before stay", UsageError) from exc
    finally:
        for folder in staging.values():  # not published: a failed or refused build
            shutil.rmtree(folder, ignore_errors=True)
    _remove_unused_builds(out)
    manifest = [entry for job in all_jobs for entry in entries.pop(job.key)]
    landing = out / LANDING
    if changed or not landing.is_file():
        _write_landing(project, landing)
    manifest += [
        e for edition in project.editions for e in previous.edition_files.get(edition.id, [])
    ]
    manifest.append(_file_entry(None, LANDING, landing.read_bytes()))
    if changed or not (out / MANIFEST).exists():
        document = {"entries": manifest, "pages": facts, "shown": shown}
        _write_manifest(out / MANIFEST, document)
    findings = sum(f["findings"] for f in facts.values())
    rendered, reused = len(todo), len(all_jobs) - len(todo)
    return BuildResult(
        out, rendered, reused, tuple(sorted(changed)), findings, tuple(manifest),
        tuple(dict.fromkeys(refused.values())), (*_link_warnings(project), *would_refuse),
    )  # fmt: skip


def _link_warnings(project: Project) -> list[str]:
    """One line when links are relative (no base_url) or ids use the placeholder domain."""
    relative = [e.id for e in project.editions if not (e.base_url or project.base_url)]
    where = f"{project.config_path}"
    if relative and project.id_domain is None:
        return [
            f"{where}: no base_url: canonical, hreflang, JSON-LD and Atom links are relative "
            f"and ids are tag:{PLACEHOLDER_DOMAIN},…; add base_url: https://… (or provider:)"
        ]
    if relative:
        which = "" if len(relative) == len(project.editions) else " for " + ", ".join(relative)
        return [f"{where}: no base_url{which}: links are relative; add base_url: https://…"]
    if project.id_domain is None:  # every edition has its own base_url, the project none
        return [
            f"{where}: ids are tag:{PLACEHOLDER_DOMAIN},…; add provider: <your domain> "
            "(or a top-level base_url)"
        ]
    return []


def _stage(
    todo: list[_Job],
    all_jobs: list[_Job],
    project: Project,
    jobs: int | None,
    staging: dict[str, Path],
    previous: _Previous,
    out: Path,
    progress: Callable[[int, int, str], None] | None,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]], dict[str, str]]:
    """Write rendered pages into the staging folders as they come (memory stays flat),
    link the unchanged pages of changed editions; every page's manifest entries and facts,
    and the jobs refused (by key, with the reason)."""
    entries: dict[str, list[dict[str, Any]]] = {}
    pages: dict[str, dict[str, Any]] = {}
    refused: dict[str, str] = {}
    for done, (job, result) in enumerate(_run(todo, project, jobs), 1):
        if "refused" in result:
            refused[job.key] = result["refused"]
            continue
        pages[job.key] = facts = {k: result[k] for k in _FACTS}
        entries[job.key] = [
            _write(staging[job.edition.id], job, fmt, result["files"][fmt].encode(), facts)
            for fmt in job.edition.formats
        ]
        if progress is not None:
            progress(done, len(todo), f"{job.edition.id}/{job.article}")
    for job in all_jobs:
        if job.key in entries or job.key in refused:
            continue
        old = previous.entries(job)
        folder = staging.get(job.edition.id)
        if folder is not None:  # the edition is rebuilt: its unchanged files are linked in
            for entry in old:
                os.link(out / entry["path"], folder / Path(entry["path"]).name)
        entries[job.key] = old
        pages[job.key] = previous.pages[job.key]
    return entries, pages, refused


def _file_entry(edition: Edition | None, name: str, data: bytes) -> dict[str, Any]:
    """A manifest entry for a file that is no article's page: an index, a feed, an asset."""
    kind = {"index.html": "index", "feed.atom": "atom", MANIFEST: "manifest"}.get(name, "asset")
    return {
        "article": None,
        "revision": None,
        "edition": edition.id if edition else None,
        "locale": edition.locale if edition else None,
        "policy": edition.policy if edition else None,
        "format": "landing" if edition is None else kind,
        "path": f"{edition.id}/{name}" if edition else name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "translation": None,
        "key": None,
    }


def _write(folder: Path, job: _Job, fmt: str, data: bytes, facts: dict[str, Any]) -> dict[str, Any]:
    name = f"{job.article}.{FORMATS[fmt].extension}"
    (folder / name).write_bytes(data)
    return {
        "article": job.article,
        "revision": job.revision,
        "edition": job.edition.id,
        "locale": job.edition.locale,
        "policy": job.edition.policy,
        "format": fmt,
        "path": f"{job.edition.id}/{name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "translation": facts["translation"],
        "key": job.key,
    }


_NOT_REVIEWED = (TranslationState.MISSING, TranslationState.STALE, TranslationState.MACHINE)


def _strict_problems(jobs: list[_Job], facts: dict[str, dict[str, Any]]) -> list[str]:
    """What strict mode refuses: errors left, translations missing or stale."""
    problems = []
    for job in jobs:
        page = facts[job.key]
        where = f"{job.edition.id}/{job.article}"
        if page["findings"]:
            problems.append(f"{where}: {page['findings']} terminology error(s) left")
        if page["translation"] in _NOT_REVIEWED:
            problems.append(f"{where}: no current reviewed translation ({page['translation']})")
    return problems


# What the index, the feed and strict mode need of a page, kept in the manifest.
_FACTS = (
    "headline", "summary", "published", "updated", "author", "language", "translation",
    "findings", "problems", "id", "section", "corrections",
)  # fmt: skip


class _Previous:
    """The last build's manifest, by job key."""

    def __init__(
        self,
        entries: list[dict[str, Any]],
        pages: dict[str, dict[str, Any]],
        shown: dict[str, str],
    ) -> None:
        self.pages = pages
        self.shown = shown  # what language each page showed, by _shown_key
        self.by_key: dict[str, list[dict[str, Any]]] = {}
        # An edition's files that are no article's page (index, feed, assets), by edition.
        self.edition_files: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            if entry.get("key") in pages:
                self.by_key.setdefault(entry["key"], []).append(entry)
            elif entry.get("article") is None and entry.get("edition"):
                self.edition_files.setdefault(entry["edition"], []).append(entry)

    @classmethod
    def read(cls, out: Path) -> _Previous:
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            return cls(list(data["entries"]), dict(data["pages"]), dict(data.get("shown", {})))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls([], {}, {})

    def entries(self, job: _Job) -> list[dict[str, Any]]:
        return self.by_key.get(job.key, [])

    def has(self, job: _Job, out: Path) -> bool:
        """True when the last build made this very page and its files are published as the
        manifest says: where a page of this job belongs, byte for byte (its sha256).

        A manifest is never trusted as a source of paths, and a build that was killed after
        switching a link but before writing the manifest is repaired by the next one.
        """
        found = self.entries(job)
        formats = {e.get("format") for e in found}
        if formats != set(job.edition.formats) or len(found) != len(formats):
            return False
        builds = (out / BUILDS).resolve()
        for entry in found:
            name = f"{job.article}.{FORMATS[entry['format']].extension}"
            if entry.get("path") != f"{job.edition.id}/{name}":
                return False
            path = out / job.edition.id / name
            try:
                if not path.resolve().is_relative_to(builds) or not path.is_file():
                    return False
                if hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
                    return False
            except OSError:
                return False
        return True


# ---------------------------------------------------------------------- jobs


def _jobs(
    project: Project, heads: dict[str, Revision], previous: _Previous, shown: dict[str, str]
) -> list[_Job]:
    """Every article × edition, keyed by its resolved inputs; fills *shown* (see _shown)."""
    code = _code_fingerprint()
    resolved = {edition.id: _edition_fingerprint(project, edition) for edition in project.editions}
    ids = [project.id_domain, project.id_date]
    jobs: list[_Job] = []
    for article_id, head in heads.items():
        translations = {
            language: _translation_fingerprint(project, article_id, language)
            for language in project.languages()
        }
        source, languages = _shown(project, article_id, head, translations, code, previous, shown)
        links = _links(project, article_id, source, languages)
        for edition in project.editions:
            inputs = [
                code,
                asdict(edition),
                resolved[edition.id],  # what its policy and templates say, not their names
                head.hash,  # covers the whole chain of revisions before it
                [asdict(link) for link in links],
                translations[edition.language],
                ids,
            ]
            key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
            url = _url(project, edition, f"{article_id}.html")
            jobs.append(_Job(edition, article_id, head.number, key, links, url))
    return jobs


def _shown(
    project: Project,
    article_id: str,
    head: Revision,
    translations: dict[str, str],
    code: str,
    previous: _Previous,
    shown: dict[str, str],
) -> tuple[str | None, dict[str, str]]:
    """The article's language, and the language of the text each edition shows of it.

    Remembered in the manifest by their inputs, so an unchanged archive is not read again.
    """
    keys = {
        e.id: hashlib.sha256(
            json.dumps([code, head.hash, translations[e.language], asdict(e)]).encode()
        ).hexdigest()
        for e in project.editions
    }
    found = {e: previous.shown[k] for e, k in keys.items() if k in previous.shown}
    original = previous.shown.get(head.hash)
    if len(found) < len(keys) or original is None:
        try:
            source = _repository(project).read(article_id, head.number)
        except TamperedError:  # never published: the job is refused when it is rendered
            return None, {e.id: e.locale for e in project.editions}
        original = source.language
        for edition in project.editions:
            if edition.id not in found:
                found[edition.id] = _body(project, source, edition, ())[0].article.language
    shown.update({keys[e]: language for e, language in found.items()})
    shown[head.hash] = original
    return original, found


def _links(
    project: Project, article_id: str, source: str | None, shown: Mapping[str, str]
) -> tuple[Link, ...]:
    """The article in every edition: the alternates and the edition switcher of its pages.

    ``hreflang`` names one page per language: the language's default edition
    (``default: true``, else the first listed) or, where that one shows no translation,
    the next of the language that does. Another edition of the language, or one showing
    the original for want of a translation, is an alternate without ``hreflang``. The
    ``x-default`` is the page named for the article's own language (else the first).
    """
    named: dict[str, str] = {}  # language -> the edition hreflang names
    for language in project.languages():
        for edition in project.default_editions(language):
            if primary_language(shown[edition.id]) == language:
                named[language] = edition.id
                break
    links: list[Link] = []
    for edition in project.editions:
        url = _url(project, edition, f"{article_id}.html")
        locale = edition.locale.replace("_", "-")
        label = Localizer.for_edition(edition.locale).language_name(edition.locale)
        if len(project.default_editions(edition.language)) > 1:
            label = f"{label} ({edition.id})"
        in_own = primary_language(shown[edition.id]) == edition.language
        language = locale if in_own else shown[edition.id]
        links.append(Link(locale, url, label, language, named.get(edition.language) == edition.id))
    original = named.get(primary_language(source)) if source else None
    by_id = dict(zip((e.id for e in project.editions), links, strict=True))
    first = next((link for link in links if link.default), links[0] if links else None)
    default = by_id[original] if original else first
    if default is not None:
        links.append(Link("x-default", default.url, default.label))
    return tuple(links)


def _url(project: Project, edition: Edition, name: str) -> str:
    """The page's URL: absolute under the edition's (or the project's) base_url, if any."""
    base = edition.base_url or project.base_url
    if base:
        return f"{base.rstrip('/')}/{edition.id}/{name}"
    return f"../{edition.id}/{name}"


@cache
def _code_fingerprint() -> str:
    """Changes when any file of the installed package changes: code, templates, data."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for path in package_files():
        digest.update(f"{path.relative_to(package.parent)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def package_files() -> list[Path]:
    """Every file a build's output can depend on: the package's, and its catalogs."""
    package = Path(__file__).parent.parent
    found = [
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    ]
    found += (package.parent / "locales").glob("*/LC_MESSAGES/newslib.po")  # a checkout
    return sorted(found)


def _edition_fingerprint(project: Project, edition: Edition) -> str:
    """Changes when the edition's policy (through its parents) or its templates change."""
    digest = hashlib.sha256(_canonical(project.policy(edition.policy)).encode())
    templates = project.templates(edition)
    if templates is not None and templates.is_dir():
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            digest.update(f"{path.relative_to(templates)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _canonical(policy: Policy) -> str:
    """The resolved policy as canonical JSON (its parents already merged in)."""

    def plain(value: object) -> object:
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda i: str(i[0]))}
        if isinstance(value, (set, frozenset)):
            return sorted(str(v) for v in value)
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value if isinstance(value, (int, float, bool)) or value is None else str(value)

    return json.dumps({f.name: plain(getattr(policy, f.name)) for f in fields(policy)})


def _translation_fingerprint(project: Project, article_id: str, language: str) -> str:
    """Changes when the article's translations into *language* change."""
    path = project.translation_path(article_id, language)
    return hashlib.sha256(path.read_bytes() if path.is_file() else b"").hexdigest()


def _run(
    todo: list[_Job], project: Project, jobs: int | None
) -> Iterable[tuple[_Job, dict[str, Any]]]:
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            yield job, _render_job(project, job)
        return
    # A bounded window of jobs in flight: finished pages are written and dropped, so the
    # builder's memory does not grow with the archive.
    window = 4 * workers
    pending: deque[tuple[_Job, Future[dict[str, Any]]]] = deque()
    queue = iter(todo)
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        for job in itertools.islice(queue, window):
            pending.append((job, pool.submit(_render_job, project, job)))
        while pending:
            job, future = pending.popleft()
            result = future.result()
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(_render_job, project, following)))
            yield job, result


# ---------------------------------------------------------------------- rendering (in workers)


@cache
def _repository(project: Project) -> Repository:
    return project.repository()


def _render_job(project: Project, job: _Job) -> dict[str, Any]:
    """Render one article in one edition: every format, and the facts the build needs."""
    try:
        page, body, problems = _page(project, job)
    except TamperedError as exc:
        return {"refused": str(exc)}
    edition, article, uri = job.edition, page.article, page.uri
    files = {fmt: render_page(page, fmt) for fmt in edition.formats}
    return {
        "edition": edition.id,
        "article": job.article,
        "files": files,
        "problems": problems,
        "findings": _errors_left(page),
        "translation": body.translation,
        "headline": page.text(article.headline),
        "summary": page.text(article.standfirst) if article.standfirst else None,
        "published": page.published.isoformat() if page.published else None,
        "updated": page.modified.isoformat() if page.modified else None,
        "author": page.by,
        "language": page.language,
        "id": uri,
        "section": page.section,
        "corrections": len(page.corrections),
    }


def _page(project: Project, job: _Job) -> tuple[Page, Body, list[str]]:
    """The page of one job, what it shows, and any problem with it."""
    repository = _repository(project)
    edition = job.edition
    history = tuple(r for r in repository.history(job.article) if r.number <= job.revision)
    source = repository.read(job.article, job.revision)
    body, problems = _body(project, source, edition, history)
    page = Page(
        article=body.article,
        loc=Localizer.for_edition(edition.locale, edition.timezone, edition.dateline),
        gazetteer=shipped_gazetteer(),
        policy=project.policy(edition.policy),
        original_language=source.language,
        body=body.state,
        fields=body.fields,
        notes=body.notes,
        history=history,
        links=job.links,
        url=job.url,
        edition=edition.id,
        templates=project.templates(edition),
    )
    published = page.published or page.article.dateline.date
    uri = item_id(project.id_domain, project.id_date, published, edition.id, job.article)
    return replace(page, uri=uri), body, problems


def _body(
    project: Project, source: Article, edition: Edition, history: tuple[Revision, ...]
) -> tuple[Body, list[str]]:
    """The body an edition shows (:func:`~newslib.renderers.page.select_body`, which
    ``render`` shares), and any problem with it.

    Without a current translation the edition's ``missing_translation`` decides: the
    original (field by field, marked) with a notice, or a failed build. Unreviewed machine
    drafts count as translations only where it says ``machine``, and drafts that need
    review nowhere (:meth:`~newslib.translations.model.TranslationSet.publishable`).
    """
    translations = None
    if edition.language != primary_language(source.language):
        translations = project.translations(source.id, edition.language)
    body = select_body(
        source,
        translations,
        edition.language,
        history=history,
        stale=edition.stale_translation,
        machine=edition.missing_translation is MissingTranslation.MACHINE,
    )
    if body.translation in (TranslationState.STALE, TranslationState.MISSING) and (
        edition.missing_translation is MissingTranslation.FAIL
    ):
        problem = (
            f"{edition.id}/{source.id}: the {edition.language} translation is "
            f"{body.translation}, and the edition says missing_translation: fail"
        )
        return body, [problem]
    return body, []


def _errors_left(page: Page) -> int:
    """Terminology errors the edition's policy still finds in the rendered text."""
    if page.policy is None:
        return 0
    by_language: dict[str, list[str]] = {}
    for _, text in page.article.texts():
        by_language.setdefault(page.text_language(text), []).append(page.text(text))
    findings = [
        finding
        for language, texts in by_language.items()
        for finding in check_text("\n\n".join(texts), lang=language, policy=page.policy)
    ]
    return sum(1 for f in findings if str(f.severity) == "error")


# ---------------------------------------------------------------------- publishing


def _edition_title(project: Project, edition: Edition) -> str:
    loc = Localizer.for_edition(edition.locale)
    return f"{project.title} — {loc.language_name(edition.locale)} ({edition.id})"


def _write_index(
    project: Project,
    edition: Edition,
    folder: Path,
    jobs: list[_Job],
    facts: dict[str, dict[str, Any]],
) -> list[str]:
    """The edition's index page, its feed, and the stylesheet and icon the pages use; the
    names of the files written."""
    feed = [_feed_entry(job, facts[job.key]) for job in jobs]
    loc = Localizer.for_edition(edition.locale, edition.timezone)
    title = _edition_title(project, edition)
    templates = project.templates(edition)
    shown = [_index_entry(job, facts[job.key]) for job in jobs]
    index = render_index(
        loc,
        title,
        shown,
        templates=templates,
        feed="feed.atom",
        editions=_switcher(project, edition),
    )
    (folder / "index.html").write_text(index, encoding="utf-8")
    written = ["index.html"]
    for name, asset in assets(templates).items():
        (folder / name).write_text(asset, encoding="utf-8")
        written.append(name)
    feed_url = _url(project, edition, "feed.atom")
    (folder / "feed.atom").write_text(
        render_feed(
            feed_id=_feed_id(project, edition, [facts[job.key] for job in jobs]),
            title=title,
            url=feed_url,
            language=edition.locale.replace("_", "-"),
            entries=feed,
        ),
        encoding="utf-8",
    )
    return [*written, "feed.atom"]


def _feed_id(project: Project, edition: Edition, pages: list[dict[str, Any]]) -> str:
    """``tag:<domain>,<date>:<edition>``: the provider's date, else the first publication's
    (of the edition's articles; the build's day while it has none)."""
    days = [datetime.fromisoformat(p["published"]) for p in pages if p["published"]]
    day = project.id_date or min(days, default=datetime.now(UTC))
    return tag_uri(project.id_domain or PLACEHOLDER_DOMAIN, day, edition.id)


def _switcher(project: Project, edition: Edition) -> list[Link]:
    """Links from an edition's index page to the other editions' index pages."""
    links = []
    for other in project.editions:
        if other.id != edition.id:
            label = Localizer.for_edition(other.locale).language_name(other.locale)
            if len(project.default_editions(other.language)) > 1:
                label = f"{label} ({other.id})"
            url = _url(project, other, "index.html")
            links.append(Link(other.locale.replace("_", "-"), url, label))
    return links


def _index_entry(job: _Job, page: dict[str, Any]) -> IndexEntry:
    return IndexEntry(
        url=f"{job.article}.html",
        headline=page["headline"],
        summary=page["summary"],
        section=page["section"],
        language=page["language"],
        published=datetime.fromisoformat(page["published"]) if page["published"] else None,
        updated=datetime.fromisoformat(page["updated"]),
        corrections=page["corrections"],
    )


def _feed_entry(job: _Job, page: dict[str, Any]) -> FeedEntry:
    return FeedEntry(
        id=page["id"],
        title=page["headline"],
        url=job.url,
        updated=datetime.fromisoformat(page["updated"]),
        published=datetime.fromisoformat(page["published"]) if page["published"] else None,
        summary=page["summary"],
        language=page["language"],
        author=page["author"],
    )


def _write_landing(project: Project, path: Path) -> None:
    """``<out>/index.html``: every edition, with its title, language and id."""
    editions = [
        Link(e.locale.replace("_", "-"), _landing_url(project, e), _edition_title(project, e))
        for e in project.editions
    ]
    first = project.editions[0]
    loc = Localizer.for_edition(first.locale, first.timezone)
    languages = {
        e.id: Localizer.for_edition(e.locale).language_name(e.locale) for e in project.editions
    }
    page = render_landing(loc, project.title, editions, [e.id for e in project.editions], languages)
    with atomic_writer(path, mode=0o644) as handle:
        handle.write(page.encode())


def _landing_url(project: Project, edition: Edition) -> str:
    """An edition's index page, from the landing page."""
    if edition.base_url or project.base_url:
        return _url(project, edition, "index.html")
    return f"{edition.id}/index.html"


def _write_manifest(path: Path, document: dict[str, Any]) -> None:
    """Stream the manifest (it can be large) into place atomically."""
    with atomic_writer(path, mode=0o644) as handle:
        json.dump(document, codecs.getwriter("utf-8")(handle), indent=1)
        handle.write(b"\n")


def _switch(link: Path, folder: Path) -> None:
    """Point *link* at *folder* in one rename (a real folder in the way is refused)."""
    if link.exists() and not link.is_symlink():
        raise UsageError(
            f"{link} is a folder, not newslib's link; move it away or use another --out"
        )
    for entry in folder.iterdir():
        entry.chmod(0o644)
    folder.chmod(0o755)
    temporary = link.with_name(f".{link.name}.link")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    temporary.symlink_to(Path(BUILDS) / folder.name)
    temporary.replace(link)


def _remove_unused_builds(out: Path) -> None:
    used = {str(p.readlink()) for p in out.iterdir() if p.is_symlink()}
    for folder in (out / BUILDS).iterdir():
        if str(Path(BUILDS) / folder.name) not in used:
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output folder."""
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"{out}: another build is writing here; wait for it") from None
        yield
    finally:
        os.close(fd)


class _Progress:
    """Progress on stderr: a bar as wide as the terminal, or a plain line every few seconds
    where stderr is not a terminal (a log, CI)."""

    interval = 5.0  # seconds between plain lines

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        stream = sys.stderr
        now = time.monotonic()
        if done <= 1:
            self._last = now
        if not stream.isatty():
            if now - self._last >= self.interval:
                self._last = now
                stream.write(f"newslib: {done}/{total} pages rendered ({label})\n")
                stream.flush()
            return
        stream.write("\r" + progress_line(done, total, label, shutil.get_terminal_size().columns))
        if done == total:
            stream.write("\n")
        stream.flush()


def progress_line(done: int, total: int, label: str, columns: int) -> str:
    """``[####....] 3/7 ru/talks``, never wider than *columns* - 1 (the cursor's cell).

    >>> progress_line(3, 6, "ru/lavrov-talks", 30)
    '[####....] 3/6 ru/lavrov-tal…'
    """
    count = f" {done}/{total} "
    room = max(columns - 1, 1)
    width = max(min(30, (room - len(count)) // 3), 0)
    filled = width * done // max(total, 1)
    line = f"[{'#' * filled}{'.' * (width - filled)}]{count}" if width >= 4 else count.lstrip()
    space = room - len(line)
    if len(label) > space:
        label = label[: max(space - 1, 0)] + "…" if space > 1 else ""
    return (line + label).ljust(room)[:room]


terminal_progress = _Progress()
