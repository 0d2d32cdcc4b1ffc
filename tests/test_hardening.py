"""Hardening: fuzzed loaders, hostile YAML, render properties, crash safety, full disks."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslib
from newslib import Repository
from newslib.errors import ArticleError, DiskFullError

from .support.fuzzing import loaders, run
from .support.paths import CONTENT, ROOT, SEED_ID
from .support.strategies import articles

LOCALES = ["en", "ru", "de", "fr", "ka", "ar", "ab", "os", "de-AT"]


@pytest.mark.parametrize("loader", loaders(), ids=lambda loader: loader.name)
def test_fuzzed_loaders_fail_cleanly(loader: object, tmp_path: Path) -> None:
    assert not run(loader, tmp_path, seed=20261127, cases=150)  # type: ignore[arg-type]


class TestHostileYaml:
    def load(self, text: str, tmp_path: Path) -> ArticleError:
        path = tmp_path / "a.yaml"
        path.write_text(text, "utf-8")
        started = time.monotonic()
        with pytest.raises(ArticleError) as caught:
            newslib.read_article(path)
        assert time.monotonic() - started < 5
        assert caught.value.path == str(path)
        return caught.value

    def test_object_constructing_tags_are_refused(self, tmp_path: Path) -> None:
        error = self.load("!!python/object/apply:os.system ['echo pwned']\n", tmp_path)
        assert "tag" in str(error) or "expected a mapping" in str(error)

    def test_alias_bomb(self, tmp_path: Path) -> None:
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        assert "aliases" in str(self.load(bomb, tmp_path))

    def test_deep_nesting(self, tmp_path: Path) -> None:
        assert "nesting deeper" in str(self.load("x: " + "[" * 5000 + "]" * 5000 + "\n", tmp_path))
        block = "".join(" " * i + "k:\n" for i in range(0, 400, 2))
        assert "nesting deeper" in str(self.load(block, tmp_path))

    def test_very_large_document(self, tmp_path: Path) -> None:
        big = "headline: " + "x" * (17 * 1024 * 1024) + "\n"
        assert "larger than" in str(self.load(big, tmp_path))

    def test_control_characters_and_invalid_unicode(self, tmp_path: Path) -> None:
        article = newslib.dumps_article(Repository(CONTENT).read(SEED_ID))
        headline = next(line for line in article.splitlines() if line.startswith("headline:"))
        escaped = article.replace(headline, 'headline: "Talks\\e[31m in red"', 1)
        assert "U+001B is not allowed" in str(self.load(escaped, tmp_path))
        raw = article.replace(headline, "headline: Talks\x07 ring", 1)
        assert "U+0007" in str(self.load(raw, tmp_path))
        path = tmp_path / "b.yaml"
        path.write_bytes(article.encode().replace(b"Lavrov", b"Lav\xff\xferov", 1))
        with pytest.raises(newslib.errors.InputError, match="not UTF-8") as caught:
            newslib.read_article(path)
        assert caught.value.line is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(LOCALES), st.sampled_from([None, "georgian-official",
                                                              "russian-usage"]))  # fmt: skip
def test_rendering_never_fails(article: newslib.Article, locale: str, policy: str | None) -> None:
    for fmt in newslib.FORMATS:
        assert isinstance(newslib.render(article, fmt, locale=locale, policy=policy), str)


class TestCrashSafety:
    def test_a_fix_killed_mid_write_leaves_the_old_file(self, tmp_path: Path) -> None:
        path = tmp_path / "story.txt"
        original = "Talks in Sukhum and Tskhinval.\n"
        path.write_text(original, "utf-8")
        code = (
            "import os, time, sys\n"
            "real = os.fsync\n"
            "def slow(fd):\n"
            "    real(fd); print('writing', flush=True); time.sleep(60)\n"
            "os.fsync = slow\n"
            "from newslib.cli import main\n"
            "main(['fix', sys.argv[1], '--policy', 'georgian-official'])\n"
        )
        child = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                                 text=True, cwd=ROOT)  # fmt: skip
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert path.read_text("utf-8") == original  # the old file, whole
        newslib.fix_file(path, policy="georgian-official")
        assert path.read_text("utf-8") == "Talks in Sukhumi and Tskhinvali.\n"  # or the new one
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".tmp")) == [
            "story.txt"
        ]

    def full_disk(self, monkeypatch: pytest.MonkeyPatch, module: object) -> None:
        """Every file opened from a descriptor (newslib's atomic writes) finds the disk full."""
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
                self.handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # half of it, then no more room
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fdopen", Full)

    def test_full_disk_on_fix(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = tmp_path / "story.txt"
        path.write_text("Talks in Sukhum.\n", "utf-8")
        self.full_disk(monkeypatch, os)
        with pytest.raises(DiskFullError, match="the disk is full; nothing was changed"):
            newslib.fix_file(path, policy="georgian-official")
        monkeypatch.undo()
        assert path.read_text("utf-8") == "Talks in Sukhum.\n"
        assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]

    def test_full_disk_on_save(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        shutil.copytree(CONTENT / "articles", tmp_path / "content" / "articles")
        repository = Repository(tmp_path / "content")
        article = repository.read(SEED_ID)
        self.full_disk(monkeypatch, os)
        with pytest.raises(DiskFullError, match="the disk is full; nothing was saved"):
            repository.save(replace(article, section="World"), author="a", kind="update")
        monkeypatch.undo()
        assert [r.number for r in repository.history(SEED_ID)] == [1, 2]
        assert Repository(tmp_path / "content").verify() == []
        assert not [p for p in (repository.articles / SEED_ID).iterdir() if p.suffix == ".tmp"]

    def test_full_disk_on_build(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
        out = tmp_path / "site"
        newslib.build(content, out, jobs=1)
        before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        repository = Repository(content)
        repository.save(replace(repository.read(SEED_ID), section="World"), author="a",
                        kind="update")  # fmt: skip
        real_write = Path.write_bytes

        def no_space(self: Path, data: bytes) -> int:
            if ".builds" in str(self):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(self, data)

        monkeypatch.setattr(Path, "write_bytes", no_space)
        with pytest.raises(DiskFullError, match=r"the disk is full; .*No space left"):
            newslib.build(content, out, jobs=1)
        monkeypatch.undo()
        after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert after == before  # the previous editions, whole; nothing half-written


class TestOutputPaths:
    def test_an_edition_link_cannot_point_outside(self, tmp_path: Path) -> None:
        out = tmp_path / "site"
        out.mkdir()
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        (elsewhere / "keep.txt").write_text("mine", "utf-8")
        (out / "ru").symlink_to(elsewhere)  # someone else's link in the way
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
        newslib.build(content, out, jobs=1)
        assert (elsewhere / "keep.txt").read_text("utf-8") == "mine"  # never written into
        assert (out / "ru").resolve().parent == (out / ".builds").resolve()

    def test_edition_ids_are_safe_path_names(self, tmp_path: Path) -> None:
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
        (content / "newslib.yaml").write_text(
            "editions:\n  - id: ../../etc\n    locale: en\n    policy: as-written\n"
            "    formats: [html]\n",
            "utf-8",
        )
        with pytest.raises(newslib.errors.ConfigError, match=r"invalid value '\.\./\.\./etc'"):
            newslib.build(content, tmp_path / "site")


LONG = "x" * 300

BAD_INVOCATIONS = [
    ["render", SEED_ID, "--timezone", "../../etc"],
    ["render", SEED_ID, "--timezone", "Nowhere/City", "--locale", "ru"],
    ["terms", "forms", "", "--lang", "ru"],
    ["checkout", SEED_ID, "-o", "/nonexistent/folder/draft.yaml"],
    ["checkout", SEED_ID, "-o", "afile/draft.yaml"],
    ["checkout", SEED_ID, "-o", f"{LONG}.yaml"],
    ["render", "a" * 300],
    ["check", "story.txt", "--policy", "p" * 300],
    ["build", "--out", "afile"],
]


@pytest.mark.parametrize("argv", BAD_INVOCATIONS, ids=lambda a: " ".join(a)[:40])
def test_bad_invocations_are_one_line_and_exit_2(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newslib.cli import main

    shutil.copytree(CONTENT, tmp_path / "content", ignore=shutil.ignore_patterns(".lock"))
    (tmp_path / "afile").write_text("a file, not a folder\n", "utf-8")
    (tmp_path / "story.txt").write_text("Talks in Sukhum.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslib: error: ") and err.count("\n") == 1, err


def test_a_bad_timezone_in_the_config_names_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
    config = content / "newslib.yaml"
    text = config.read_text("utf-8").replace("Europe/Moscow", "Europe/Nowhere")
    config.write_text(text, "utf-8")
    line = text.splitlines().index("    timezone: Europe/Nowhere") + 1
    with pytest.raises(
        newslib.errors.ConfigError, match=f"newslib.yaml:{line}:.*unknown time zone"
    ):
        newslib.load_project(content)


class TestContainment:
    @pytest.fixture
    def content(self, tmp_path: Path) -> Path:
        folder = tmp_path / "content"
        shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
        return folder

    def test_an_articles_folder_linking_out_is_refused(self, tmp_path: Path) -> None:
        outside = tmp_path / "elsewhere"
        shutil.copytree(CONTENT / "articles", outside)
        (tmp_path / "content").mkdir()
        (tmp_path / "content" / "articles").symlink_to(outside)
        repository = Repository(tmp_path / "content")
        article, _ = newslib.read_article_file(outside / SEED_ID / "0002.yaml")
        with pytest.raises(newslib.errors.UnsafePathError, match="leading out"):
            repository.save(replace(article, section="World"), author="a", kind="update")
        with pytest.raises(newslib.errors.UnsafePathError):
            repository.ids()

    def test_draft_and_status_refuse_paths_as_languages(self, content: Path) -> None:
        translator = newslib.MockTranslator(lambda text, source, target: text)
        with pytest.raises(newslib.errors.UnsafePathError, match="invalid language tag"):
            newslib.draft(content, SEED_ID, target="../../x", translator=translator)
        with pytest.raises(newslib.errors.UnsafePathError):
            newslib.Project(content).status(languages=["../../x"])
        assert not (content.parent.parent / "x.yaml").exists()

    def test_build_refuses_an_output_inside_the_content(self, content: Path) -> None:
        with pytest.raises(newslib.errors.UsageError, match="inside the content folder"):
            newslib.build(content, content / "articles")
        assert Repository(content).verify() == []

    def test_a_stray_folder_is_skipped_with_a_warning(
        self, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from newslib.cli import main

        (content / "articles" / "con").mkdir()  # a reserved name
        (content / "articles" / "Notes From Desk").mkdir()
        (content / "articles" / "empty-story").mkdir()
        assert Repository(content).ids() == [SEED_ID]
        assert main(["--content", str(content), "status"]) == 0
        assert main(["--content", str(content), "build", "--out", str(tmp_path / "site")]) == 0
        err = capsys.readouterr().err
        assert err.count("; skipped\n") == 6 and "empty-story: no revisions; skipped" in err
        assert len(Repository(content).verify()) == 3

    def test_a_folder_holding_another_article_s_revision_is_not_published(
        self, content: Path, tmp_path: Path
    ) -> None:
        shutil.copytree(content / "articles" / SEED_ID, content / "articles" / "impostor")
        result = newslib.build(content, tmp_path / "site", jobs=1)
        assert any("impostor" in reason for reason in result.refused)
        assert not (tmp_path / "site" / "ru" / "impostor.html").exists()


class TestFixInPlace:
    def test_fix_writes_through_a_symlink(self, tmp_path: Path) -> None:
        real = tmp_path / "desk" / "story.txt"
        real.parent.mkdir()
        real.write_text("Talks in Sukhum.\n", "utf-8")
        link = tmp_path / "story.txt"
        link.symlink_to(real)
        newslib.fix_file(link, policy="georgian-official")
        assert link.is_symlink() and link.resolve() == real
        assert real.read_text("utf-8") == "Talks in Sukhumi.\n"

    def test_fix_keeps_the_file_s_mode(self, tmp_path: Path) -> None:
        path = tmp_path / "story.txt"
        path.write_text("Talks in Sukhum.\n", "utf-8")
        path.chmod(0o600)
        newslib.fix_file(path, policy="georgian-official")
        assert path.stat().st_mode & 0o777 == 0o600

    def test_fix_removes_what_killed_fixes_left_long_ago(self, tmp_path: Path) -> None:
        path = tmp_path / "story.txt"
        path.write_text("Talks in Sukhum.\n", "utf-8")
        old, recent = tmp_path / ".story.txt.k1ll3d.tmp", tmp_path / ".story.txt.n0w.tmp"
        for leftover in (old, recent):
            leftover.write_text("half", "utf-8")
        an_hour_ago = time.time() - 3700
        os.utime(old, (an_hour_ago, an_hour_ago))
        newslib.fix_file(path, policy="georgian-official")
        assert not old.exists() and recent.exists()  # a fix under way now is left alone


def test_a_text_over_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    from newslib.fsio import MAX_INPUT

    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT + 1)  # sparse: no time or disk spent making it
    started = time.monotonic()
    with pytest.raises(
        newslib.errors.InputError, match=r"huge.txt: the file is larger than 16 MiB"
    ):
        newslib.check_file(path, policy="georgian-official")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("formats: [html, markdown, text, json, ninjs, ninjs2, newsml]\n    timezone: UTC\n",
         "formats: []\n    timezone: UTC\n", "no formats"),
        ("timezone: Europe/Moscow\n", 'timezone: Europe/Moscow\n    dateline: "{nope}"\n',
         "dateline pattern may name"),
        ("timezone: Europe/Moscow\n", 'timezone: Europe/Moscow\n    dateline: "{place"\n',
         "dateline pattern may name"),
        ("timezone: Europe/Moscow\n", 'timezone: Europe/Moscow\n    dateline: "{0}"\n',
         "dateline pattern may name"),
        ("title: newslib\n", 'title: "The\\x0bDesk"\n', r"U\+000B is not allowed"),
    ],
)  # fmt: skip
def test_bad_config_values_name_their_line(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
    config = content / "newslib.yaml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(newslib.errors.ConfigError, match=problem) as caught:
        newslib.build(content, tmp_path / "site")
    assert caught.value.line is not None and caught.value.path == str(config)


def test_a_yaml_1_1_number_in_a_revision_is_one_clear_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
    path = content / "articles" / SEED_ID / "0002.yaml"
    path.write_text(path.read_text("utf-8").replace("number: 2", "number: 02", 1), "utf-8")
    with pytest.raises(newslib.errors.RevisionError, match=r"0002.yaml:3:.*'02' is not plain"):
        newslib.read_article_file(path)


def test_a_broken_template_is_one_clear_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock"))
    (content / "tpl").mkdir()
    (content / "tpl" / "article.html").write_text("<p>\n{% if %}\n", "utf-8")
    config = content / "newslib.yaml"
    text = config.read_text("utf-8").replace(
        "timezone: Asia/Tbilisi\n", "timezone: Asia/Tbilisi\n    templates: tpl\n", 1
    )
    config.write_text(text, "utf-8")
    with pytest.raises(newslib.errors.InputError, match=r"tpl/article.html:2: .*fix the template"):
        newslib.build(content, tmp_path / "site", jobs=1)


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"Talks in Sukh\xffumi.\n", "standard input:1: byte 0xff is not UTF-8"),
     (b"x" * (16 * 2**20 + 1), "standard input: larger than 16 MiB")],
)  # fmt: skip
def test_standard_input_is_held_to_what_files_are(data: bytes, problem: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newslib", "check", "-", "--policy", "georgian-official"],
        input=data, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and problem in done.stderr.decode()


@pytest.mark.parametrize(
    "argv",
    [
        ["fix", "story.txt", "--policy", "georgian-official"],
        ["checkout", SEED_ID, "-o", "copy.yaml"],
        ["build", "--out", "site"],
        ["save", "draft.yaml", "--author", "Me", "--kind", "update", "--expect", "2"],
    ],
    ids=lambda a: a[0],
)
def test_a_folder_the_user_may_not_write_is_one_line_and_exit_2(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run as root, the suite cannot make a folder unwritable: the OS's refusal is imitated
    where newslib creates files (temporary files, folders, hard links)."""
    from newslib.cli import main

    shutil.copytree(CONTENT, tmp_path / "content", ignore=shutil.ignore_patterns(".lock"))
    (tmp_path / "story.txt").write_text("Talks in Sukhum.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["checkout", SEED_ID, "-o", "draft.yaml"]) == 0
    draft = Path("draft.yaml")
    draft.write_text(draft.read_text("utf-8").replace("broad range", "wide range", 1), "utf-8")
    capsys.readouterr()

    def refused(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(args[0]) if args else "")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    monkeypatch.setattr(Path, "mkdir", refused)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslib: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "Permission denied" in err


@pytest.mark.parametrize("argument", ["\udcff.txt", "story\x00.txt"])
def test_an_argument_that_is_not_utf_8_is_one_line(
    argument: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shell hands undecodable bytes over as surrogates; they name no text or file."""
    from newslib.cli import main

    assert main(["terms", "forms", argument]) == 2
    assert "argument 3 is not valid UTF-8" in capsys.readouterr().err
