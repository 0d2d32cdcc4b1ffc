"""``newslib build``: golden output, manifest, incremental and parallel builds, strictness,
and output that is always the previous or the new edition."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import newslib
from newslib import Paragraph, Repository, Text
from newslib.cli import main
from newslib.errors import BuildError

from .support.golden import GOLDEN, built_site
from .support.paths import CONTENT, ROOT, SEED_ID, SUPPORT

EDITIONS = ["ar", "de", "en-georgian-official", "en-russian-usage", "fr", "ka", "ru"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def published(out: Path) -> dict[str, bytes]:
    return {
        f"{e.name}/{p.name}": p.read_bytes()
        for e in sorted(out.iterdir())
        if e.is_symlink()
        for p in sorted(e.iterdir())
    }


def built_then_changed(content: Path, out: Path) -> dict[str, bytes]:
    """Build *content* into *out*, then save a new headline; return what was published."""
    newslib.build(content, out, jobs=1)
    before = published(out)
    repository = Repository(content)
    repository.save(
        replace(repository.read(SEED_ID), headline=Text.of("Changed")), author="d", kind="update"
    )
    return before


def test_golden_files(tmp_path: Path) -> None:
    files = built_site(tmp_path / "site")
    golden = {
        str(p.relative_to(GOLDEN)): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()
    }
    assert sorted(files) == sorted(golden)
    for name, data in files.items():
        assert data == golden[name], (
            f"{name} differs; review it, then: python -m tests.support.golden"
        )


def test_every_edition_and_format_with_a_manifest(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = newslib.build(content, out, jobs=1)
    assert result.rendered == 7 and result.reused == 0
    assert sorted(result.editions) == EDITIONS
    for edition in EDITIONS:
        assert (out / edition / "index.html").is_file()
        assert (out / edition / "feed.atom").is_file()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))["entries"]
    pages = [e for e in manifest if e["article"] is not None]
    assert len(pages) == 7 * 7
    assert {e["path"] for e in manifest} == {*published(out), "index.html"}  # every file
    entry = next(e for e in manifest if e["edition"] == "ru" and e["format"] == "html")
    assert {"article", "revision", "locale", "policy", "format", "path", "sha256",
            "translation"} <= set(entry)  # fmt: skip
    assert (entry["revision"], entry["translation"]) == (2, "human")
    import hashlib

    assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]


def test_a_second_build_renders_nothing(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    before = published(out)
    links = {p.name: p.readlink() for p in out.iterdir() if p.is_symlink()}
    again = newslib.build(content, out, jobs=1)
    assert (again.rendered, again.reused, again.editions) == (0, 7, ())
    assert published(out) == before
    assert {p.name: p.readlink() for p in out.iterdir() if p.is_symlink()} == links


def test_only_what_changed_is_rendered(content: Path, tmp_path: Path) -> None:
    repository = Repository(content)
    other = replace(repository.read(SEED_ID), id="second-story")
    repository.save(other, author="desk", kind="publish")
    out = tmp_path / "site"
    assert newslib.build(content, out, jobs=1).rendered == 14
    article = repository.read("second-story")
    body = (Paragraph("p1", Text.of("A new first paragraph.")), *article.body[1:])
    repository.save(replace(article, body=body), author="desk", kind="update")
    result = newslib.build(content, out, jobs=1)
    assert (result.rendered, result.reused) == (7, 7)
    assert "A new first paragraph." in (out / "ru" / "second-story.txt").read_text("utf-8")
    index = (out / "ru" / "index.html").read_text("utf-8")
    assert "second-story.html" in index and f"{SEED_ID}.html" in index


def test_parallel_build_gives_the_same_files(content: Path, tmp_path: Path) -> None:
    newslib.build(content, tmp_path / "one", jobs=1)
    newslib.build(content, tmp_path / "two", jobs=2)
    assert published(tmp_path / "one") == published(tmp_path / "two")


def test_strict_refuses_and_changes_nothing(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    before = published(out)
    repository = Repository(content)
    article = repository.read(SEED_ID)
    repository.save(
        replace(article, headline=Text.of("Talks in Sukhumi")), author="d", kind="update"
    )
    with pytest.raises(BuildError) as caught:
        newslib.build(content, out, jobs=1, strict=True)
    assert any("no current reviewed translation (stale)" in p for p in caught.value.problems)
    assert published(out) == before


def test_missing_translation_fail(content: Path, tmp_path: Path) -> None:
    (content / "translations" / SEED_ID / "ar.yaml").unlink()
    config = content / "newslib.yaml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("missing_translation: fallback", "missing_translation: fail"), "utf-8"
    )
    with pytest.raises(BuildError, match=r"ar/.*missing_translation: fail"):
        newslib.build(content, tmp_path / "site", jobs=1)
    assert not [p for p in (tmp_path / "site").iterdir() if p.is_symlink()]


def test_a_failing_build_leaves_the_previous_editions(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    before = built_then_changed(content, out)
    import newslib.editions.builder as build_module

    def explode(link: Path, folder: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "_switch", explode)
    with pytest.raises(OSError):
        newslib.build(content, out, jobs=1)
    assert published(out) == before
    assert len(list((out / ".builds").iterdir())) == len(EDITIONS)


def test_a_killed_build_leaves_the_previous_editions(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    before = built_then_changed(content, out)
    child = subprocess.Popen(
        [sys.executable, str(SUPPORT / "killable_build.py"), str(content), str(out)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert child.stdout is not None and child.stdout.readline() == "publishing\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert published(out) == before  # the old editions, whole
    result = newslib.build(content, out, jobs=1)  # and the next build goes through
    assert result.rendered == 7
    assert "Changed" in (out / "en-georgian-official" / f"{SEED_ID}.txt").read_text("utf-8")
    # The Russian edition keeps its translation of the old headline, marked as stale.
    assert "[Оригинал изменился" in (out / "ru" / f"{SEED_ID}.txt").read_text("utf-8")
    assert len(list((out / ".builds").iterdir())) == len(EDITIONS)


def test_cli(content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["--content", str(content), "build", "--out", str(out), "-j", "1"]) == 0
    assert "7 page(s) rendered" in capsys.readouterr().err
    assert main(["--content", str(content), "build", "--out", str(out), "--strict"]) == 0
    (content / "translations" / SEED_ID / "ar.yaml").unlink()
    (content / "translations" / SEED_ID / "ka.yaml").unlink()
    assert main(["--content", str(content), "build", "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err.splitlines()  # exit 1: findings; every problem, one a line
    assert [line for line in err if "no current reviewed translation" in line] == [
        f"newslib: error: ka/{SEED_ID}: no current reviewed translation (missing)",
        f"newslib: error: ar/{SEED_ID}: no current reviewed translation (missing)",
    ]
    assert main(["--content", str(content), "build", "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()  # not strict: the same, as warnings
    assert f"newslib: warning: ka/{SEED_ID}: no current reviewed translation (missing)" in err
    real = tmp_path / "other"
    (real / "ru").mkdir(parents=True)
    assert main(["--content", str(content), "build", "--out", str(real)]) == 2
    assert "not newslib's link" in capsys.readouterr().err


def test_bad_config_names_file_and_line(content: Path, tmp_path: Path) -> None:
    (content / "newslib.yaml").write_text(
        "editions:\n  - id: xx\n    locale: klingon\n    policy: as-written\n    formats: [html]\n",
        "utf-8",
    )
    with pytest.raises(newslib.errors.ConfigError) as caught:
        newslib.build(content, tmp_path / "site")
    assert caught.value.line == 3 and "unknown locale" in str(caught.value)


# ---------------------------------------------------------------------- resolved inputs


def _edit_config(content: Path, old: str, new: str) -> None:
    path = content / "newslib.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _incremental_equals_fresh(content: Path, out: Path, fresh: Path) -> newslib.BuildResult:
    result = newslib.build(content, out, jobs=1)
    newslib.build(content, fresh, jobs=1)
    assert published(out) == published(fresh)
    return result


def test_editing_a_policy_file_re_renders_its_editions(content: Path, tmp_path: Path) -> None:
    house = content / "house.yaml"
    house.write_text("name: house\ninherits: as-written\nprefer:\n  '*': [russian-usage]\n")
    _edit_config(
        content, "policy: georgian-official\n    formats", "policy: house.yaml\n    formats"
    )
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    assert "Sukhum " in (out / "en-georgian-official" / f"{SEED_ID}.txt").read_text("utf-8")
    house.write_text("name: house\ninherits: as-written\nprefer:\n  '*': [georgian-official]\n")
    result = _incremental_equals_fresh(content, out, tmp_path / "fresh")
    assert (result.rendered, result.editions) == (1, ("en-georgian-official",))
    assert "Sukhumi" in (out / "en-georgian-official" / f"{SEED_ID}.txt").read_text("utf-8")


def test_editing_a_policy_s_parent_re_renders_too(content: Path, tmp_path: Path) -> None:
    (content / "base.yaml").write_text("name: base\nprefer:\n  '*': [russian-usage]\n")
    (content / "house.yaml").write_text("name: house\ninherits: base.yaml\n")
    _edit_config(
        content, "policy: georgian-official\n    formats", "policy: house.yaml\n    formats"
    )
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    (content / "base.yaml").write_text("name: base\nprefer:\n  '*': [georgian-official]\n")
    assert _incremental_equals_fresh(content, out, tmp_path / "fresh").rendered == 1


def test_editing_an_edition_template_re_renders_it(content: Path, tmp_path: Path) -> None:
    shipped = Path(newslib.__file__).parent / "renderers" / "templates" / "article.html"
    (content / "templates" / "ka").mkdir(parents=True)
    own = content / "templates" / "ka" / "article.html"
    own.write_text(shipped.read_text("utf-8"), "utf-8")
    _edit_config(
        content, "timezone: Asia/Tbilisi\n", "timezone: Asia/Tbilisi\n    templates: templates/ka\n"
    )
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    own.write_text(shipped.read_text("utf-8").replace("<head>", "<head>\n<!-- house -->"), "utf-8")
    result = _incremental_equals_fresh(content, out, tmp_path / "fresh")
    assert (result.rendered, result.editions) == (1, ("ka",))
    assert "<!-- house -->" in (out / "ka" / f"{SEED_ID}.html").read_text("utf-8")


def test_editing_a_translation_re_renders_its_edition(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    path = newslib.Project(content).translation_path(SEED_ID, "de")
    text = path.read_text("utf-8")
    path.write_text(text.replace("Lawrow", "Lawrow (Außenminister)", 1), "utf-8")
    result = _incremental_equals_fresh(content, out, tmp_path / "fresh")
    assert result.editions == ("de",)


def test_the_code_key_covers_every_file_that_shapes_output() -> None:
    from newslib.editions.builder import package_files

    package = Path(newslib.__file__).parent
    names = {str(p.relative_to(package)) for p in package_files() if package in p.parents}
    needed = (
        "renderers/safety.py", "renderers/ninjs2.py", "renderers/__init__.py",
        "l10n/cldr_quotes.py", "translations/model.py", "terms/scanner.py",
        "terms/data/gazetteer.yaml", "terms/data/policies/georgian-official.yaml",
        "renderers/templates/article.html", "renderers/templates/style.css",
    )  # fmt: skip
    for name in needed:
        assert name in names, name
    assert any(p.name == "newslib.po" for p in package_files())


# ---------------------------------------------------------------------- tampered revisions


def _tamper(content: Path, number: int = 2, old: str = "mutual concern.", new: str = "x.") -> Path:
    path = content / "articles" / SEED_ID / f"{number:04d}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_a_tampered_revision_is_never_read(content: Path) -> None:
    path = _tamper(content)
    with pytest.raises(newslib.errors.TamperedError, match=f"{path}: tampered: the article"):
        Repository(content).read(SEED_ID)
    assert Repository(content).read(SEED_ID, 1).id == SEED_ID  # the others still read


def test_a_tampered_record_is_never_read(content: Path) -> None:
    path = _tamper(content, old="author: copy desk", new="author: someone else")
    with pytest.raises(newslib.errors.TamperedError, match=f"{path}: tampered: the record"):
        Repository(content).history(SEED_ID)


def test_render_refuses_a_tampered_revision(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _tamper(content)
    assert main(["--content", str(content), "render", SEED_ID]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "tampered" in err


def test_build_publishes_the_others_and_refuses_the_tampered(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = Repository(content)
    repository.save(
        replace(repository.read(SEED_ID), id="second-story"), author="d", kind="publish"
    )
    _tamper(content)
    out = tmp_path / "site"
    result = newslib.build(content, out, jobs=1)
    assert len(result.refused) == 1 and SEED_ID in result.refused[0]
    assert (out / "ru" / "second-story.html").is_file()
    assert not (out / "ru" / f"{SEED_ID}.html").exists()
    assert f"{SEED_ID}.html" not in (out / "ru" / "index.html").read_text("utf-8")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {e["article"] for e in manifest["entries"] if e["article"]} == {"second-story"}
    assert main(["--content", str(content), "build", "--out", str(tmp_path / "cli")]) == 1
    assert "tampered" in capsys.readouterr().err


# ---------------------------------------------------------------------- the manifest is not trusted


def test_a_build_killed_before_its_manifest_is_repaired_after_a_revert(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links switched, manifest not written, inputs reverted: the next build still repairs."""
    import newslib.editions.builder as builder

    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    config = content / "newslib.yaml"
    original = config.read_text("utf-8")
    config.write_text(original.replace("policy: georgian-official", "policy: russian-usage"))

    write = builder._write_manifest

    def killed(path: Path, document: dict[str, object]) -> None:
        if path == out / "manifest.json":
            raise KeyboardInterrupt  # the process dies here, after the links switched
        write(path, document)

    monkeypatch.setattr(builder, "_write_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        newslib.build(content, out, jobs=1)
    monkeypatch.undo()
    config.write_text(original)  # the edit is withdrawn
    result = newslib.build(content, out, jobs=1)
    assert result.rendered > 0
    newslib.build(content, tmp_path / "fresh", jobs=1)
    assert published(out) == published(tmp_path / "fresh")


def test_a_manifest_is_never_a_source_of_paths(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    leak = tmp_path / "leak"
    leak.mkdir()
    (leak / "secret.html").write_text("secret", "utf-8")
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    for entry in data["entries"]:
        if entry.get("article") and entry["edition"] == "ru" and entry["format"] == "html":
            entry["path"] = "../leak/secret.html"
    manifest.write_text(json.dumps(data), "utf-8")
    repository = Repository(content)  # a new article: the seed's pages are linked in again
    repository.save(
        replace(repository.read(SEED_ID), id="second-story"), author="d", kind="publish"
    )
    newslib.build(content, out, jobs=1)
    assert (leak / "secret.html").stat().st_nlink == 1  # never linked into the site
    assert "secret" not in (out / "ru" / f"{SEED_ID}.html").read_text("utf-8")


def test_each_edition_carries_the_manifest_of_its_files(content: Path, tmp_path: Path) -> None:
    """The link switches to the files and the manifest that describes them in one rename."""
    import hashlib

    out = tmp_path / "site"
    newslib.build(content, out, jobs=1)
    for edition in EDITIONS:
        own = json.loads((out / edition / "manifest.json").read_text("utf-8"))
        assert own["edition"] == edition
        listed = {Path(e["path"]).name: e["sha256"] for e in own["entries"]}
        on_disk = {p.name for p in (out / edition).iterdir()} - {"manifest.json"}
        assert set(listed) == on_disk
        for name, digest in listed.items():
            assert hashlib.sha256((out / edition / name).read_bytes()).hexdigest() == digest
    top = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {e["path"] for e in top["entries"] if e["format"] == "manifest"} == {
        f"{edition}/manifest.json" for edition in EDITIONS
    }
