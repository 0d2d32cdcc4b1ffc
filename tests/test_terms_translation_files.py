"""Translation files are checked and fixed like articles: their texts, in their language.

A store holds a story with a quote; its German and Russian translations write the
georgian-official spellings, a quote among them. Under russian-usage, ``check`` finds the
names in the translations' own language and ``fix`` rewrites only the names in their
fields — never a quote, never a key, hash or date — so the file still reads as the same
translation, current as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import newslib
from newslib import (
    Article,
    Dateline,
    Entity,
    EntityKind,
    Paragraph,
    Quote,
    Repository,
    read_translations,
)
from newslib.errors import TranslationError
from newslib.translations.model import field_hash

STORY = "talks-in-tbilisi"
GERMAN = """\
article: talks-in-tbilisi
language: de
fields:
  headline:
    text: Gespräche in [[tbilisi|Tiflis]] über [[sukhumi|Suchumi]]
    source_revision: 1
    source_hash: {headline}
    method: human
    by: Berlin desk
    time: '2026-11-30T10:00:00Z'
  p1:
    text: >-
      Die Delegationen aus [[sukhumi|Suchumi]] und
      [[tskhinvali|Zchinwali]] trafen sich am Freitag.
    source_revision: 1
    source_hash: {p1}
    method: human
    by: Berlin desk
    time: '2026-11-30T10:00:00Z'
  q1:
    text: Wir kommen nach Suchumi zurück.
    source_revision: 1
    source_hash: {q1}
    method: human
    by: Berlin desk
    time: '2026-11-30T10:00:00Z'
"""


def _story() -> Article:
    text = newslib.parse_text
    return Article(
        id=STORY,
        language="en",
        section="World",
        source="newslib tests",
        dateline=Dateline("tbilisi", "TBILISI", date(2026, 11, 28)),
        headline=text("Talks in [[tbilisi|Tbilisi]] on [[sukhumi|Sukhumi]]"),
        standfirst=None,
        body=(
            Paragraph("p1", text("Delegations from [[sukhumi|Sukhumi]] and "
                                 "[[tskhinvali|Tskhinvali]] met on Friday.")),
            Quote("q1", text("We will be back in Sukhumi."), None, None),
        ),
        entities=tuple(
            Entity(name.lower(), EntityKind.PLACE, name)
            for name in ("Tbilisi", "Sukhumi", "Tskhinvali")
        ),
    )  # fmt: skip


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    article = _story()
    Repository(root).save(article, author="desk", kind="publish")
    hashes = {name: field_hash(article, name) for name in ("headline", "p1", "q1")}
    folder = root / "translations" / STORY
    folder.mkdir(parents=True)
    (folder / "de.yaml").write_text(GERMAN.format(**hashes), encoding="utf-8")
    return root


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args], cwd=cwd, capture_output=True, text=True
    )


def test_check_reads_a_translation_in_its_own_language(content: Path) -> None:
    done = run("check", ".", "--policy", "russian-usage", "--format", "json", cwd=content)
    found = [
        (Path(f["path"]).name, f["line"], f["surface"], f["suggestion"], f["fixable"])
        for f in json.loads(done.stdout)["findings"]
        if "translations" in f["path"]
    ]
    assert found == [
        ("de.yaml", 5, "Suchumi", "Suchum", True),
        ("de.yaml", 13, "Suchumi", "Suchum", True),
        ("de.yaml", 14, "Zchinwali", "Zchinwal", True),
        ("de.yaml", 21, "Suchumi", "Suchum", False),  # a quote: reported, never fixed
    ]
    assert done.returncode == 1
    assert "not articles" not in done.stderr


def test_fix_changes_the_names_and_nothing_else(content: Path) -> None:
    path = content / "translations" / STORY / "de.yaml"
    before = path.read_text(encoding="utf-8")
    status_before = newslib.Project.at(content).status([STORY], ["de"])
    done = run("fix", "translations", "--policy", "russian-usage", cwd=content)
    assert done.returncode == 0, done.stderr
    after = path.read_text(encoding="utf-8")
    assert after == (
        before.replace("[[sukhumi|Suchumi]]", "[[sukhumi|Suchum]]").replace(
            "[[tskhinvali|Zchinwali]]", "[[tskhinvali|Zchinwal]]"
        )
    )  # the folded >- scalar kept its style; the quote kept its words
    fixed = read_translations(path)
    assert newslib.format_text(fixed.fields["p1"].text) == (  # type: ignore[arg-type]
        "Die Delegationen aus [[sukhumi|Suchum]] und [[tskhinvali|Zchinwal]] trafen sich am"
        " Freitag."
    )
    assert newslib.Project.at(content).status([STORY], ["de"]) == status_before  # still current


def test_a_quote_is_known_by_its_attribution_outside_a_store(tmp_path: Path) -> None:
    loose = tmp_path / "de.yaml"
    text = GERMAN.format(headline="h", p1="h", q1="h").replace(
        "    text: Wir kommen nach Suchumi zurück.\n",
        "    text: Wir kommen nach Suchumi zurück.\n    attribution: sagte er\n",
    )
    loose.write_text(text, encoding="utf-8")
    findings = newslib.check_file(loose, policy="russian-usage")
    fixable = [(f.line, f.fixable) for f in findings]
    assert fixable == [(5, True), (13, True), (14, True), (21, False)]


def test_broken_markup_in_a_translation_names_its_line(tmp_path: Path) -> None:
    loose = tmp_path / "de.yaml"
    broken = GERMAN.format(headline="h", p1="h", q1="h").replace("|Tiflis]]", "|Tiflis")
    loose.write_text(broken, encoding="utf-8")
    with pytest.raises(TranslationError, match=r"de\.yaml:5:"):
        newslib.check_file(loose, policy="as-written")
    done = run("check", str(loose), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"newslib: error: {loose}:5:")
