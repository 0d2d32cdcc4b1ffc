"""``newslib build``: every article × edition × format, an index and a feed per edition,
and a manifest — incrementally, in parallel, and replacing each edition atomically.

Output layout::

    <out>/manifest.json            what was built: article, revision, edition, format, sha256
    <out>/<edition>                a symbolic link to the edition's current build …
    <out>/.builds/<edition>.<id>/  … a complete, never-modified folder of files

Each edition is written into a fresh folder and published by replacing the link in one
``rename``: a reader (or a web server) sees the previous edition or the new one, never half
of either, and a failed or killed build leaves the previous edition in place. A job whose
inputs (the article's revisions, the edition, the other editions, newslib's code) are
unchanged is not rendered again: its files are linked from the previous build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import newslib
from newslib.editions import Edition, MissingTranslation, Project, load_project
from newslib.errors import NewslibError, UsageError
from newslib.fsio import atomic_write_text
from newslib.l10n import Localizer
from newslib.model import Article, Revision
from newslib.page import BodyState, Link, Page
from newslib.renderers import EXTENSIONS, render_page
from newslib.renderers.atom import FeedEntry, render_feed
from newslib.renderers.html import environment
from newslib.store import Repository
from newslib.terms import check_text, load_policy, shipped_gazetteer
from newslib.terms.cache import code_fingerprint

__all__ = ["BuildError", "BuildResult", "build"]

MANIFEST = "manifest.json"
BUILDS = ".builds"
_CODE = (
    "page.py", "labels.py", "l10n.py", "renderers/html.py", "renderers/markdown.py",
    "renderers/text.py", "renderers/json.py", "renderers/ninjs.py", "renderers/newsml.py",
    "renderers/atom.py", "builder.py", "templates/article.html", "templates/index.html",
    "templates/style.css", "templates/favicon.svg",
)  # fmt: skip


class BuildError(NewslibError):
    """The build was refused (strict mode, a required translation missing)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        super().__init__(f"build refused, nothing was changed: {shown}")


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    out: Path
    rendered: int  # article × edition pages rendered
    reused: int  # pages whose files came from the previous build
    editions: tuple[str, ...]  # editions published anew
    findings: int  # terminology findings at error level left in the rendered pages
    entries: tuple[dict[str, Any], ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class _Job:
    edition: Edition
    article: str
    revision: int
    key: str
    links: tuple[Link, ...]
    url: str


def build(
    content: str | Path,
    out: str | Path,
    *,
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Build every edition of *content* into *out*; see the module docstring."""
    project = load_project(content)
    repository = Repository(content)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return _build(project, repository, Path(content), out, jobs, strict, progress)


def _build(
    project: Project,
    repository: Repository,
    content: Path,
    out: Path,
    jobs: int | None,
    strict: bool,
    progress: Callable[[int, int, str], None] | None,
) -> BuildResult:
    histories = {a: tuple(repository.history(a)) for a in repository.ids()}
    previous = _read_manifest(out)
    all_jobs = _jobs(project, histories)
    todo = [job for job in all_jobs if not _reusable(job, previous, out)]
    results: dict[str, dict[str, Any]] = {}
    for done, (job, result) in enumerate(_run(todo, content, jobs), 1):
        results[job.key] = result
        if progress is not None:
            progress(done, len(todo), f"{job.edition.id}/{job.article}")
    problems = [p for r in results.values() for p in r["problems"]]
    # What strict mode judges: every page, rendered now or unchanged since the last build.
    states = [
        (job, results[job.key] if job.key in results else _earlier_facts(previous, job))
        for job in all_jobs
    ]
    findings = sum(facts["findings"] for _, facts in states)
    if strict:
        problems += [
            f"{job.edition.id}/{job.article}: {facts['findings']} terminology error(s) left"
            for job, facts in states
            if facts["findings"]
        ]
        problems += [
            f"{job.edition.id}/{job.article}: no current translation ({facts['translation']})"
            for job, facts in states
            if facts["translation"] in (str(BodyState.FALLBACK), "stale", str(BodyState.MACHINE))
        ]
    if problems:
        raise BuildError(problems)
    changed = {job.edition.id for job in todo}
    entries = _publish(project, out, all_jobs, results, previous, changed)
    if changed or not (out / MANIFEST).exists():
        atomic_write_text(out / MANIFEST, json.dumps({"entries": entries}, indent=2) + "\n")
    return BuildResult(
        out, len(todo), len(all_jobs) - len(todo), tuple(sorted(changed)), findings, tuple(entries)
    )


# ---------------------------------------------------------------------- jobs


def _jobs(project: Project, histories: dict[str, tuple[Revision, ...]]) -> list[_Job]:
    code = _code_fingerprint()
    jobs: list[_Job] = []
    for article_id, history in histories.items():
        links = _links(project, article_id)
        for edition in project.editions:
            inputs = [
                code,
                asdict(edition),
                [r.hash for r in history],
                [asdict(link) for link in links],
                _translation_fingerprint(project.root, article_id, edition.language),
            ]
            key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
            url = _url(project, edition, f"{article_id}.html")
            jobs.append(_Job(edition, article_id, history[-1].number, key, links, url))
    return jobs


def _links(project: Project, article_id: str) -> tuple[Link, ...]:
    """The article in every edition; hreflang alternates take each locale's first edition."""
    links: list[Link] = []
    seen: set[str] = set()
    for edition in project.editions:
        url = _url(project, edition, f"{article_id}.html")
        locale = edition.locale.replace("_", "-")
        label = Localizer.for_edition(edition.locale).language_name(edition.locale)
        name = f"{label} ({edition.id})" if locale in seen else label
        links.append(Link(locale if locale not in seen else f"{locale}", url, name))
        seen.add(locale)
    if links:
        links.append(Link("x-default", links[0].url, links[0].label))
    return tuple(links)


def _url(project: Project, edition: Edition, name: str) -> str:
    base = edition.base_url or project.base_url
    if base:
        return f"{base.rstrip('/')}/{edition.id}/{name}"
    return f"../{edition.id}/{name}"


@cache
def _code_fingerprint() -> str:
    package = Path(newslib.__file__).parent
    locales = sorted((package.parent / "locales").glob("*/LC_MESSAGES/newslib.po"))
    locales += sorted((package / "locales").glob("*/LC_MESSAGES/newslib.po"))
    return code_fingerprint(*(str(package / f) for f in _CODE), *(str(p) for p in locales))


def _translation_fingerprint(root: Path, article_id: str, language: str) -> str:
    """Changes when the article's translations into *language* change."""
    folder = root / "translations" / article_id
    digest = hashlib.sha256()
    for path in sorted(folder.glob(f"{language}*.yaml")) if folder.is_dir() else ():
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _reusable(job: _Job, previous: dict[str, dict[str, Any]], out: Path) -> bool:
    entries = [e for e in previous.values() if e.get("key") == job.key]
    if len(entries) < len(job.edition.formats):
        return False
    return all((out / e["path"]).is_file() for e in entries)


def _run(
    todo: list[_Job], content: Path, jobs: int | None
) -> Iterable[tuple[_Job, dict[str, Any]]]:
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            yield job, _render_job(content, job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        futures = [(job, pool.submit(_render_job, content, job)) for job in todo]
        for job, future in futures:
            yield job, future.result()


# ---------------------------------------------------------------------- rendering (in workers)


@cache
def _repository(content: Path) -> Repository:
    return Repository(content)


def _render_job(content: Path, job: _Job) -> dict[str, Any]:
    """Render one article in one edition: every format, and the facts the build needs."""
    repository = _repository(content)
    edition = job.edition
    history = tuple(r for r in repository.history(job.article) if r.number <= job.revision)
    source = repository.read(job.article, job.revision)
    article, body, problems = _body(source, edition)
    page = Page(
        article=article,
        loc=Localizer.for_edition(edition.locale, edition.timezone, edition.dateline),
        gazetteer=shipped_gazetteer(),
        policy=load_policy(_policy_path(content, edition.policy)),
        original_language=source.language,
        body=body,
        history=history,
        links=job.links,
        url=job.url,
        edition=edition.id,
        templates=Path(content, edition.templates) if edition.templates else None,
    )
    files = {fmt: render_page(page, fmt) for fmt in edition.formats}
    return {
        "edition": edition.id,
        "article": job.article,
        "files": files,
        "problems": problems,
        "findings": _errors_left(page),
        "translation": str(body),
        "headline": page.text(article.headline),
        "summary": page.text(article.standfirst) if article.standfirst else None,
        "published": page.published.isoformat() if page.published else None,
        "updated": page.modified.isoformat() if page.modified else None,
        "author": page.agency,
        "language": page.language,
    }


def _policy_path(content: Path, policy: str) -> str | Path:
    return content / policy if policy.endswith((".yaml", ".yml")) else policy


def _body(source: Article, edition: Edition) -> tuple[Article, BodyState, list[str]]:
    """The body an edition shows: the original, or what to do without a translation."""
    if edition.language == source.language.split("-")[0]:
        return source, BodyState.ORIGINAL, []
    if edition.missing_translation is MissingTranslation.FAIL:
        return (
            source,
            BodyState.FALLBACK,
            [
                f"{edition.id}/{source.id}: no {edition.language} translation, and the edition "
                "says missing_translation: fail"
            ],
        )
    return source, BodyState.FALLBACK, []


def _errors_left(page: Page) -> int:
    """Terminology errors the edition's policy still finds in the rendered text."""
    if page.policy is None:
        return 0
    texts = [page.text(text) for _, text in page.article.texts()]
    findings = check_text("\n\n".join(texts), lang=page.language, policy=page.policy)
    return sum(1 for f in findings if str(f.severity) == "error")


# ---------------------------------------------------------------------- publishing


def _publish(
    project: Project,
    out: Path,
    jobs: list[_Job],
    results: dict[str, dict[str, Any]],
    previous: dict[str, dict[str, Any]],
    changed: set[str],
) -> list[dict[str, Any]]:
    """Write each changed edition into a fresh folder and switch its link; the manifest."""
    entries: list[dict[str, Any]] = []
    (out / BUILDS).mkdir(parents=True, exist_ok=True)
    for edition in project.editions:
        edition_jobs = [j for j in jobs if j.edition.id == edition.id]
        if edition.id not in changed:
            entries += [e for e in previous.values() if e.get("edition") == edition.id]
            continue
        folder = Path(tempfile.mkdtemp(prefix=f"{edition.id}.", dir=out / BUILDS))
        try:
            entries += _write_edition(
                project, edition, edition_jobs, results, previous, out, folder
            )
            _switch(out / edition.id, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    _remove_unused_builds(out)
    return entries


def _write_edition(
    project: Project,
    edition: Edition,
    jobs: list[_Job],
    results: dict[str, dict[str, Any]],
    previous: dict[str, dict[str, Any]],
    out: Path,
    folder: Path,
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    feed: list[FeedEntry] = []
    earlier = {(e["key"], e["format"]): e for e in previous.values() if "key" in e}
    for job in jobs:
        result = results.get(job.key)
        facts = (
            {k: result[k] for k in _FACTS}
            if result is not None
            else earlier[(job.key, edition.formats[0])]["facts"]
        )
        for fmt in edition.formats:
            name = f"{job.article}.{EXTENSIONS[fmt]}"
            path = folder / name
            if result is not None:
                data = result["files"][fmt].encode("utf-8")
                path.write_bytes(data)
                translation = result["translation"]
            else:  # unchanged: the previous build's file, linked
                old = earlier[(job.key, fmt)]
                os.link(out / old["path"], path)
                data = path.read_bytes()
                translation = old["translation"]
            entries.append(
                {
                    "article": job.article,
                    "revision": job.revision,
                    "edition": edition.id,
                    "locale": edition.locale,
                    "policy": edition.policy,
                    "format": fmt,
                    "path": f"{edition.id}/{name}",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "translation": translation,
                    "key": job.key,
                    "facts": facts,
                }
            )
        feed.append(
            FeedEntry(
                id=f"urn:newslib:{edition.id}:{job.article}",
                title=facts["headline"],
                url=job.url,
                updated=datetime.fromisoformat(facts["updated"]),
                published=datetime.fromisoformat(facts["published"])
                if facts["published"]
                else None,
                summary=facts["summary"],
                language=facts["language"],
                author=facts["author"],
            )
        )
    _write_index(project, edition, folder, feed)
    return entries


# What the index, the feed and strict mode need of a page, kept in the manifest.
_FACTS = (
    "headline", "summary", "published", "updated", "author", "language", "translation",
    "findings",
)  # fmt: skip


def _earlier_facts(previous: dict[str, dict[str, Any]], job: _Job) -> dict[str, Any]:
    facts: dict[str, Any] = next(e["facts"] for e in previous.values() if e.get("key") == job.key)
    return facts


def _write_index(project: Project, edition: Edition, folder: Path, feed: list[FeedEntry]) -> None:
    loc = Localizer.for_edition(edition.locale, edition.timezone)
    title = f"{project.title} — {loc.language_name(edition.locale)} ({edition.id})"
    templates = Path(project.root, edition.templates) if edition.templates else None
    env = environment(templates)
    ordered = sorted(feed, key=lambda e: e.updated, reverse=True)
    entries = [
        {
            "url": f"{e.id.rsplit(':', 1)[-1]}.html",
            "headline": e.title,
            "published": {"iso": loc.iso(e.published), "text": loc.moment(e.published)}
            if e.published
            else None,
        }
        for e in ordered
    ]
    index = env.get_template("index.html").render(
        loc=loc, title=title, entries=entries, feed="feed.atom", stylesheet="style.css"
    )
    (folder / "index.html").write_text(index, encoding="utf-8")
    for asset in ("style.css", "favicon.svg"):
        source = env.loader.get_source(env, asset)[0] if env.loader else ""
        (folder / asset).write_text(source, encoding="utf-8")
    feed_url = _url(project, edition, "feed.atom")
    (folder / "feed.atom").write_text(
        render_feed(
            feed_id=f"urn:newslib:{edition.id}",
            title=title,
            url=feed_url,
            language=edition.locale.replace("_", "-"),
            entries=feed,
        ),
        encoding="utf-8",
    )


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


def _read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """The previous build's entries by path (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in data["entries"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def terminal_progress(done: int, total: int, label: str) -> None:
    """A one-line progress bar on stderr, for terminals."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
