"""The versioned store: append-only revisions, hash chain, diff, verify, safety, concurrency."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newslib import Article, Paragraph, Repository, RevisionKind, Text, diff_articles
from newslib.cli import main
from newslib.errors import ConflictError, StoreError, UnsafePathError, UsageError
from newslib.store.diff import format_diff
from newslib.store.revisions import dumps_revision, read_revision_file

from .support.paths import CONTENT, ROOT, SEED_ID, SUPPORT
from .support.seed import published_seed


def edited(article: Article, block: int, text: str) -> Article:
    body = list(article.body)
    body[block] = Paragraph(body[block].id, Text.of(text))
    return replace(article, body=tuple(body))


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "content")


class TestRevisions:
    def test_save_read_history(self, repo: Repository) -> None:
        first = repo.save(published_seed(), author="desk", kind="publish", expected_head=None)
        second = repo.save(
            edited(published_seed(), 1, "The sides will meet."),
            author="desk",
            kind="update",
            note="New details.",
            expected_head=1,
        )
        assert [r.number for r in repo.history(SEED_ID)] == [1, 2]
        assert second.parent == first.hash and first.parent is None
        assert second.time.tzinfo is not None and second.time.utcoffset().total_seconds() == 0
        assert repo.read(SEED_ID, 1) == published_seed()
        assert repo.read(SEED_ID).body[1].text.plain == "The sides will meet."
        assert repo.head(SEED_ID) == second

    def test_a_correction_needs_a_public_note(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        with pytest.raises(UsageError, match="public note"):
            repo.save(edited(published_seed(), 1, "x."), author="desk", kind="correction")
        fixed = repo.save(
            edited(published_seed(), 1, "x."), author="desk", kind="correction", note="Fixed x."
        )
        assert repo.corrections(SEED_ID) == [fixed]

    def test_saving_nothing_new_is_refused(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        with pytest.raises(UsageError, match="nothing changed since revision 1"):
            repo.save(published_seed(), author="desk", kind="update")

    def test_conflict_names_both_revisions(self, repo: Repository) -> None:
        repo.save(published_seed(), author="a", kind="publish")
        repo.save(edited(published_seed(), 1, "B."), author="b", kind="update", expected_head=1)
        with pytest.raises(ConflictError) as caught:
            repo.save(edited(published_seed(), 1, "C."), author="c", kind="update", expected_head=1)
        assert (caught.value.expected, caught.value.actual) == (1, 2)
        assert "revision 1" in str(caught.value) and "revision 2" in str(caught.value)
        assert len(repo.history(SEED_ID)) == 2

    def test_revision_files_are_canonical_and_read_only_by_design(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        path = repo.articles / SEED_ID / "0001.yaml"
        record, article = read_revision_file(path)
        assert dumps_revision(record, article) == path.read_text(encoding="utf-8")

    def test_unknown_revision(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        with pytest.raises(UsageError, match="has no revision 7"):
            repo.read(SEED_ID, 7)


class TestShippedSeed:
    def test_the_store_verifies(self) -> None:
        assert Repository(CONTENT).verify() == []

    def test_the_seed_has_an_honest_correction(self) -> None:
        history = Repository(CONTENT).history(SEED_ID)
        assert [r.kind for r in history] == [RevisionKind.PUBLISH, RevisionKind.CORRECTION]
        assert "Akhsar Dzhioyev" in history[1].note
        changes = diff_articles(
            Repository(CONTENT).read(SEED_ID, 1), Repository(CONTENT).read(SEED_ID, 2)
        )
        assert [(b.kind, b.block) for b in changes.blocks] == [("changed", "p1")]
        assert "[-Ahsar-]{+Akhsar+}" in format_diff(changes)


class TestDiff:
    def test_added_removed_changed_moved(self) -> None:
        old = published_seed()
        body = list(old.body)
        body[0], body[2] = body[2], body[0]  # p1 and p3 swap places
        body[1] = Paragraph("p2", Text.of("The sides are expected to agree."))
        del body[4]
        body.append(Paragraph("p99", Text.of("A new paragraph.")))
        new = replace(old, body=tuple(body), headline=Text.of("Lavrov meets his counterparts"))
        changes = diff_articles(old, new)
        kinds = {(b.kind, b.block) for b in changes.blocks}
        assert ("removed", old.body[4].id) in kinds
        assert ("added", "p99") in kinds
        assert ("changed", "p2") in kinds
        assert {"p1", "p3"} & {b for k, b in kinds if k == "moved"}
        assert [f.field for f in changes.fields] == ["headline"]
        data = changes.to_json()
        assert json.loads(json.dumps(data)) == data
        p2 = next(b for b in changes.blocks if (b.kind, b.block) == ("changed", "p2"))
        assert ("insert", "agree.") in [(w.op, w.text) for w in p2.words]


class TestVerify:
    @pytest.fixture
    def store(self, tmp_path: Path) -> Repository:
        content = tmp_path / "content"
        shutil.copytree(CONTENT / "articles", content / "articles")
        return Repository(content)

    def folder(self, store: Repository) -> Path:
        return store.articles / SEED_ID

    def test_tampered_article(self, store: Repository) -> None:
        path = self.folder(store) / "0001.yaml"
        path.write_text(path.read_text("utf-8").replace("bilateral", "unilateral", 1), "utf-8")
        [problem] = store.verify()
        assert problem.path == str(path) and "content hash" in problem.problem

    def test_tampered_record(self, store: Repository) -> None:
        path = self.folder(store) / "0002.yaml"
        path.write_text(path.read_text("utf-8").replace("author: copy desk", "author: x"), "utf-8")
        assert ["record does not match" in p.problem for p in store.verify()] == [True]

    def test_gap_and_stray_file(self, store: Repository) -> None:
        (self.folder(store) / "0001.yaml").unlink()
        (self.folder(store) / "notes.txt").write_text("hi", "utf-8")
        problems = {Path(p.path).name: p.problem for p in store.verify()}
        assert "gap" in problems["0001.yaml"]
        assert "stray" in problems["notes.txt"]

    def test_corrupt_yaml(self, store: Repository) -> None:
        (self.folder(store) / "0002.yaml").write_text("revision: [broken\n", "utf-8")
        [problem] = store.verify()
        assert problem.problem.startswith("corrupt:")

    def test_broken_chain(self, store: Repository, tmp_path: Path) -> None:
        other = Repository(tmp_path / "other")
        other.save(edited(published_seed(), 1, "Elsewhere."), author="x", kind="publish")
        other.save(edited(published_seed(), 1, "Else."), author="x", kind="update")
        shutil.copy(other.articles / SEED_ID / "0002.yaml", self.folder(store) / "0002.yaml")
        assert any("broken chain" in p.problem for p in store.verify())

    def test_cli_exit_codes(self, store: Repository, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["verify", str(store.root)]) == 0
        (self.folder(store) / "0002.yaml").unlink()
        (self.folder(store) / "0003.yaml").write_text("x: 1\n", "utf-8")
        assert main(["verify", str(store.root)]) == 1
        out = capsys.readouterr().out
        assert "0002.yaml: missing" in out and "0003.yaml: corrupt" in out


class TestSafety:
    @pytest.mark.parametrize("bad", ["../escape", "/etc", ".hidden", "con", "a/b", "", "A"])
    def test_bad_ids(self, repo: Repository, bad: str) -> None:
        with pytest.raises(UnsafePathError):
            repo.history(bad)

    def test_article_with_a_bad_id_is_never_written(self, repo: Repository) -> None:
        with pytest.raises(Exception, match="invalid article id"):
            repo.save(replace(published_seed(), id="../x"), author="a", kind="publish")
        assert not (repo.root.parent / "x").exists()

    def test_symlink_out_of_the_store_is_refused(self, repo: Repository, tmp_path: Path) -> None:
        outside = tmp_path / "outside"
        outside.mkdir()
        repo.articles.mkdir(parents=True)
        (repo.articles / SEED_ID).symlink_to(outside)
        with pytest.raises(UnsafePathError, match="outside the content folder"):
            repo.save(published_seed(), author="a", kind="publish")
        assert list(outside.iterdir()) == []
        assert any("outside" in p.problem for p in repo.verify())


def _save_many(root: str, worker: int, count: int) -> None:
    repo = Repository(root)
    for i in range(count):
        article = edited(published_seed(), 1, f"Worker {worker} edit {i}.")
        while True:  # optimistic concurrency: re-read the head and try again on conflict
            head = repo.head(SEED_ID)
            try:
                repo.save(article, author=f"w{worker}", kind="update",
                          expected_head=head.number if head else None)  # fmt: skip
                break
            except ConflictError:
                continue


class TestConcurrency:
    def test_processes_saving_at_once_lose_nothing(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        workers, each = 4, 15
        context = multiprocessing.get_context("spawn")
        processes = [
            context.Process(target=_save_many, args=(str(repo.root), w, each))
            for w in range(workers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(120)
            assert process.exitcode == 0
        history = repo.history(SEED_ID)
        assert [r.number for r in history] == list(range(1, workers * each + 2))
        texts = {repo.read(SEED_ID, r.number).body[1].text.plain for r in history[1:]}
        assert len(texts) == workers * each  # every edit is there, once
        assert repo.verify() == []

    def test_a_writer_killed_mid_save_leaves_a_store_that_verifies(self, repo: Repository) -> None:
        repo.save(published_seed(), author="desk", kind="publish")
        child = subprocess.Popen(
            [sys.executable, str(SUPPORT / "killable_save.py"), str(repo.root),
             SEED_ID],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )  # fmt: skip
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert [r.number for r in repo.history(SEED_ID)] == [1]
        assert repo.verify() == []
        leftovers = [p for p in (repo.articles / SEED_ID).iterdir() if p.name.endswith(".tmp")]
        assert leftovers  # the temporary file of the killed save ...
        repo.save(edited(published_seed(), 1, "Next."), author="desk", kind="update")
        assert not [p for p in (repo.articles / SEED_ID).iterdir() if p.name.endswith(".tmp")]

    def test_lock_wait_is_bounded(self, repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
        import fcntl

        import newslib.store.repository as store

        repo.save(published_seed(), author="desk", kind="publish")
        monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
        fd = os.open(repo.articles / SEED_ID / ".lock", os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            started = time.monotonic()
            with pytest.raises(StoreError, match="held the lock"):
                repo.save(edited(published_seed(), 1, "Locked."), author="x", kind="update")
            assert time.monotonic() - started < 5
        finally:
            os.close(fd)


class TestEditorWorkflow:
    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newslib", *args], cwd=cwd, capture_output=True, text=True
        )

    def test_checkout_edit_save_history_diff(self, tmp_path: Path) -> None:
        shutil.copytree(CONTENT / "articles", tmp_path / "content" / "articles")
        working = tmp_path / "draft.yaml"
        done = self.run("checkout", SEED_ID, "-o", str(working), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert working.read_text("utf-8").startswith(f"# newslib: {SEED_ID} revision 2")
        working.write_text(
            working.read_text("utf-8").replace("broad range", "wide range", 1), "utf-8"
        )
        done = self.run("save", str(working), "--author", "Ann Editor", "--kind", "update",
                        "--note", "Wording.", cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "saved revision 3" in done.stderr
        # The same working copy again: its base (revision 2) is no longer the head.
        done = self.run("save", str(working), "--author", "B", "--kind", "update", cwd=tmp_path)
        assert done.returncode == 2 and "revision 2" in done.stderr and "revision 3" in done.stderr
        history = json.loads(self.run("history", SEED_ID, "--format", "json", cwd=tmp_path).stdout)
        assert [(h["number"], h["kind"], h["author"]) for h in history][-1] == (
            3,
            "update",
            "Ann Editor",
        )
        assert set(history[0]) == {
            "article", "number", "time", "author", "kind", "note", "content", "parent", "hash",
        }  # fmt: skip
        diff = self.run("diff", SEED_ID, "2", "3", cwd=tmp_path)
        assert "[-broad-]{+wide+}" in diff.stdout
        data = json.loads(self.run("diff", SEED_ID, "--format", "json", cwd=tmp_path).stdout)
        assert (data["old"], data["new"]) == (2, 3)
        assert [f["field"] for f in data["fields"]] == ["standfirst"]  # the first "broad range"
        assert self.run("verify", cwd=tmp_path).returncode == 0

    def test_a_correction_without_a_note_is_refused(self, tmp_path: Path) -> None:
        shutil.copytree(CONTENT / "articles", tmp_path / "content" / "articles")
        working = tmp_path / "draft.yaml"
        self.run("checkout", SEED_ID, "-o", str(working), cwd=tmp_path)
        working.write_text(working.read_text("utf-8").replace("Abkhazian", "Abkhaz", 1), "utf-8")
        done = self.run("save", str(working), "--author", "A", "--kind", "correction", cwd=tmp_path)
        assert done.returncode == 2 and "public note" in done.stderr

    def test_fix_refuses_revision_files(self, tmp_path: Path) -> None:
        shutil.copytree(CONTENT / "articles", tmp_path / "content" / "articles")
        path = tmp_path / "content" / "articles" / SEED_ID / "0001.yaml"
        before = path.read_bytes()
        done = self.run("fix", str(path), "--policy", "georgian-official", cwd=tmp_path)
        assert done.returncode == 2 and "revisions are never changed" in done.stderr
        assert path.read_bytes() == before


def test_times_are_utc(repo: Repository) -> None:
    when = datetime(2024, 10, 4, 12, 0, tzinfo=UTC)
    record = repo.save(published_seed(), author="a", kind="publish", now=when)
    assert repo.history(SEED_ID)[0].time == when == record.time


class TestFirstSave:
    """A new article's first save is all or nothing: no folder is left by a refusal or a kill."""

    def test_a_refused_first_save_leaves_no_folder(self, repo: Repository) -> None:
        before = repo.verify()
        with pytest.raises(ConflictError):
            repo.save(published_seed(), author="desk", kind="publish", expected_head=3)
        assert not (repo.articles / SEED_ID).exists()
        assert repo.ids() == [] and repo.verify() == before

    def test_a_first_save_that_cannot_write_leaves_no_folder(
        self, repo: Repository, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import newslib.store.repository as store

        def full(path: Path, text: str) -> None:
            raise StoreError(f"{path}: cannot write: the disk is full; nothing was saved")

        monkeypatch.setattr(store, "_write_new", full)
        with pytest.raises(StoreError):
            repo.save(published_seed(), author="desk", kind="publish")
        monkeypatch.undo()
        assert sorted(p.name for p in repo.articles.iterdir()) == []
        assert main(["--content", str(repo.root), "verify"]) == 0

    def test_a_killed_first_save_is_invisible_and_cleaned_later(self, repo: Repository) -> None:
        repo.articles.mkdir(parents=True)
        abandoned = repo.articles / f".new-{SEED_ID}-x1y2"
        abandoned.mkdir()
        (abandoned / "0001.yaml").write_text("revision:\n  article: half", "utf-8")
        assert repo.ids() == [] and repo.verify() == []
        old = time.time() - 7200
        os.utime(abandoned, (old, old))
        repo.save(replace(published_seed(), id="other-story"), author="d", kind="publish")
        assert not abandoned.exists()
        assert repo.ids() == ["other-story"] and repo.verify() == []

    def test_first_saves_racing_for_one_article(self, tmp_path: Path) -> None:
        """Two new-article saves at once: one creates it, the other stacks or conflicts."""
        root = tmp_path / "content"
        with multiprocessing.get_context("spawn").Pool(4) as pool:
            results = pool.starmap(_first_save, [(str(root), n) for n in range(8)])
        assert sorted(results).count("saved") >= 1
        history = Repository(root).history(SEED_ID)
        assert [r.number for r in history] == list(range(1, len(history) + 1))
        assert Repository(root).verify() == []

    @pytest.mark.parametrize(
        ("field", "value"),
        [("author", "Ann\x1bEditor"), ("note", "Fixed\x0bthe name"), ("note", "a\x85b"),
         ("note", "bad \ufffe"), ("author", "two\nlines")],
    )  # fmt: skip
    def test_control_characters_in_a_record_are_refused(
        self, repo: Repository, field: str, value: str
    ) -> None:
        options = {"author": "desk", "note": "", field: value}
        with pytest.raises(UsageError, match=f"the {field} has the control character U\\+"):
            repo.save(published_seed(), kind="publish", **options)
        assert not repo.articles.exists() or repo.ids() == []


def _first_save(root: str, n: int) -> str:
    article = edited(published_seed(), 1, f"Version {n}.")
    try:
        Repository(root).save(article, author=f"desk {n}", kind="publish")
    except StoreError as exc:
        return type(exc).__name__
    return "saved"


def test_history_shows_control_characters_as_escapes() -> None:
    """Records are refused when they hold control characters; history never prints one raw."""
    from newslib.cli.articles import _visible

    assert _visible("Ann\x1b[31m Editor\x07") == "Ann\\u001b[31m Editor\\u0007"
    assert _visible("Ирина Петрова") == "Ирина Петрова"


def test_save_refuses_a_copy_that_does_not_say_its_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy checked out of another article (or with no header) could undo a save."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "articles", content / "articles")
    copy = tmp_path / "other.yaml"
    main(["--content", str(content), "checkout", SEED_ID, "-o", str(copy)])
    text = copy.read_text("utf-8").replace(f"id: {SEED_ID}", "id: follow-up", 1)
    copy.write_text(text, "utf-8")  # its header still names the seed
    base = ["--content", str(content), "save", str(copy), "--author", "Me"]
    assert main([*base, "--kind", "publish"]) == 0  # a new article: nothing to undo
    assert main([*base, "--kind", "update", "--note", "again"]) == 2
    assert "--expect 1" in capsys.readouterr().err
    changed = text.replace("broad range", "wide range", 1)
    copy.write_text(changed, "utf-8")
    assert main([*base, "--kind", "update", "--expect", "1"]) == 0
    assert [r.number for r in Repository(content).history("follow-up")] == [1, 2]
