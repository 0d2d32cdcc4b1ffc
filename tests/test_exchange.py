"""Translations out to translators' tools and back (PO, XLIFF), the memory as TMX and the
gazetteer as a glossary (TBX, CSV): every file read back by translate-toolkit and lxml."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import csvl10n, po, tbx, tmx, xliff

import newslib
from newslib import Paragraph, Ref, Repository
from newslib.cli import main
from newslib.errors import TranslationError
from newslib.translations.bilingual import Bilingual, Unit, UnitState
from newslib.translations.memory import TranslationMemory
from newslib.translations.model import FieldStatus, Method
from newslib.translations.po import read_bilingual_po, write_bilingual_po
from newslib.translations.xliff import read_bilingual_xliff, write_bilingual_xliff

from .support.paths import CONTENT
from .support.second_story import STORY, add_second_story
from .support.strategies import texts

XLIFF = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
TBX3 = {"t": "urn:iso:std:iso:30042:ed-2"}
WHEN = datetime(2026, 12, 2, 9, tzinfo=UTC)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The shipped content and a second story translated into ru (two fields stale, a
    note missing) and de (three fields, the rest missing), ar (machine drafts)."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns(".lock"))
    add_second_story(folder)
    return folder


def translation_file(content: Path, language: str) -> Path:
    return newslib.Project.at(content).translation_path(STORY, language)


def export(content: Path, language: str, fmt: str, tmp: Path) -> Path:
    path = tmp / f"{language}.{'po' if fmt == 'po' else 'xlf'}"
    newslib.export_translation(STORY, language, format=fmt, content=content, output=path)
    return path


def po_units(path: Path) -> dict[str, po.pounit]:
    store = po.pofile.parsefile(str(path))
    return {u.getcontext(): u for u in store.units if not u.isheader()}


# ---------------------------------------------------------------------- export


def test_po_export_has_a_unit_per_text_fuzzy_where_stale(content: Path, tmp_path: Path) -> None:
    units = po_units(export(content, "ru", "po", tmp_path))
    assert list(units) == [
        "headline", "standfirst", "p1", "p2", "h1", "q1", "q1/attribution", "l1/1", "l1/2",
        "p3", "correction.2", "correction.4",
    ]  # fmt: skip
    fuzzy = {name for name, unit in units.items() if unit.isfuzzy()}
    assert fuzzy == {"p2", "l1/1", "l1/2"}  # p2 and l1 changed in revisions 3 and 4
    assert not units["correction.4"].target and not units["correction.4"].istranslated()
    assert units["l1/2"].source == "a joint report to the mediators"
    assert units["p2"].target.startswith("Обсуждалась железная дорога через [[sukhumi|Сухум]]")
    assert "the source then: The talks covered the railway" in units["p2"].getnotes()
    header = po.pofile.parsefile(str(tmp_path / "ru.po")).parseheader()
    assert header["Project-Id-Version"] == f"{STORY} 4" and header["Language"] == "ru"


def test_xliff_export_marks_names_and_states(content: Path, tmp_path: Path) -> None:
    path = export(content, "ru", "xliff", tmp_path)
    store = xliff.xlifffile.parsefile(str(path))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ru")
    states = {u.getid().split("\x04")[-1]: (u.isfuzzy(), u.istranslated()) for u in store.units}
    assert states["p2"] == (True, False) and states["headline"] == (False, True)
    assert states["correction.4"] == (False, False)
    tree = etree.parse(str(path))
    file = tree.find("x:file", XLIFF)
    assert file.get("original") == STORY and file.get("build-num") == "4"
    names = tree.xpath("//x:trans-unit[@resname='p1']/x:target/x:mrk", namespaces=XLIFF)
    assert [(m.get("mtype"), m.get("mid"), m.text) for m in names] == [
        ("term", "georgia", "Грузии"), ("term", "abkhazia", "Абхазии"),
        ("term", "tbilisi", "Тбилиси"),
    ]  # fmt: skip
    stale = tree.xpath("//x:trans-unit[@resname='p2']/x:target/@state", namespaces=XLIFF)
    assert stale == ["needs-review-translation"]


def test_a_machine_draft_is_fuzzy_until_reviewed(content: Path, tmp_path: Path) -> None:
    units = po_units(export(content, "ar", "po", tmp_path))
    assert units["p2"].isfuzzy() and "machine draft" in units["p2"].getnotes()
    store = po.pofile.parsefile(str(tmp_path / "ar.po"))
    for each in store.units:
        if each.getcontext() == "p2":
            each.markfuzzy(False)
    store.savefile(str(tmp_path / "ar.po"))
    result = newslib.import_translation(tmp_path / "ar.po", content=content, by="Лейла", now=WHEN)
    assert result.written == ("p2",)
    entry = newslib.read_translations(translation_file(content, "ar")).fields["p2"]
    assert entry.method is Method.MACHINE_REVIEWED and entry.by == "Лейла"


# ---------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["po", "xliff"])
@pytest.mark.parametrize("language", ["ru", "de"])
def test_an_unchanged_export_imports_as_no_change(
    content: Path, tmp_path: Path, fmt: str, language: str
) -> None:
    before = translation_file(content, language).read_bytes()
    path = export(content, language, fmt, tmp_path)
    result = newslib.import_translation(path, content=content)
    assert not result.changed and result.skipped == ()
    assert translation_file(content, language).read_bytes() == before
    assert main(["--content", str(content), "translations", "import", str(path)]) == 0
    assert translation_file(content, language).read_bytes() == before


def test_a_po_edit_comes_back_current_with_its_names(content: Path, tmp_path: Path) -> None:
    path = export(content, "ru", "po", tmp_path)
    store = po.pofile.parsefile(str(path))
    new_p2 = (
        "Обсуждались железная дорога через [[sukhumi|Сухум]] и пограничные переходы, "
        'которые один из делегатов назвал "ключевыми вопросами".'
    )
    for unit in store.units:
        if unit.getcontext() == "p2":
            unit.target = new_p2
            unit.markfuzzy(False)
        if unit.getcontext() == "correction.4":
            unit.target = "В предыдущей версии не говорилось, что доклад будет совместным."
    store.savefile(str(path))
    result = newslib.import_translation(path, content=content, by="Ирина Петрова", now=WHEN)
    assert result.written == ("p2", "correction.4") and result.stale == ()
    assert result.unmarked == ()
    saved = newslib.read_translations(translation_file(content, "ru"))
    repository = Repository(content)
    status = saved.status(repository.read(STORY), repository.history(STORY))
    assert status["p2"] is FieldStatus.CURRENT and status["correction.4"] is FieldStatus.CURRENT
    assert status["l1"] is FieldStatus.STALE  # still fuzzy in the file: left alone
    p2 = saved.fields["p2"]
    assert p2.text == newslib.parse_text(new_p2) and Ref("sukhumi", "Сухум") in p2.text.refs()
    assert (p2.method, p2.by, p2.time, p2.source_revision) == (
        Method.HUMAN, "Ирина Петрова", WHEN, 4,
    )  # fmt: skip
    again = translation_file(content, "ru").read_bytes()
    assert not newslib.import_translation(path, content=content).changed
    assert translation_file(content, "ru").read_bytes() == again


@pytest.mark.parametrize(
    "p2",
    [
        "Обсуждалась железная дорога через Сухум.",  # the markup dropped
        "Обсуждалась железная дорога через [[tbilisi|Сухум]].",  # another entity marked
    ],
)
def test_a_name_left_unmarked_is_imported_with_a_warning(
    content: Path, tmp_path: Path, p2: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(content, "ru", "po", tmp_path)
    store = po.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() == "p2":
            unit.target = p2
            unit.markfuzzy(False)
    store.savefile(str(path))
    args = ["--content", str(content), "translations", "import", str(path), "--by", "desk"]
    assert main(args) == 0
    warning = f"{path}: p2: warning: the source marks sukhumi and the translation does not"
    assert warning in capsys.readouterr().err
    saved = newslib.read_translations(translation_file(content, "ru")).fields["p2"]
    assert saved.text == newslib.parse_text(p2)  # imported as the translator wrote it


def test_an_xliff_edit_comes_back_with_its_names(content: Path, tmp_path: Path) -> None:
    path = export(content, "de", "xliff", tmp_path)
    tree = etree.parse(str(path))
    (target,) = tree.xpath("//x:trans-unit[@resname='p2']/x:target", namespaces=XLIFF)
    target.text = "Die Gespräche behandelten die Bahnstrecke durch "
    name = etree.SubElement(target, f"{{{XLIFF['x']}}}mrk", mtype="term", mid="sukhumi")
    name.text = "Suchumi"
    name.tail = ' und die Grenzübergänge, die ein Delegierter "die Schlüsselfragen" nannte.'
    target.set("state", "final")
    for item, text in (("l1/1", "ein Treffen im Dezember"), ("l1/2", "ein gemeinsamer Bericht")):
        (unit,) = tree.xpath(f"//x:trans-unit[@resname='{item}']/x:target", namespaces=XLIFF)
        unit.text, unit.attrib["state"] = text, "translated"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = newslib.import_translation(path, content=content, by="de desk", now=WHEN)
    assert result.written == ("p2", "l1")
    saved = newslib.read_translations(translation_file(content, "de")).fields
    assert list(saved["p2"].text.refs()) == [Ref("sukhumi", "Suchumi")]
    assert saved["l1"].text is None and [i.plain for i in saved["l1"].items or ()] == [
        "ein Treffen im Dezember", "ein gemeinsamer Bericht",
    ]  # fmt: skip
    german = newslib.read_translations(translation_file(content, "de"))
    repository = Repository(content)
    status = german.status(repository.read(STORY), repository.history(STORY))
    assert status["p2"] is FieldStatus.CURRENT and status["h1"] is FieldStatus.MISSING


def test_a_source_changed_since_the_export_imports_stale(content: Path, tmp_path: Path) -> None:
    path = export(content, "de", "po", tmp_path)
    repository = Repository(content)
    head = repository.read(STORY)
    changed = replace(head, body=tuple(
        Paragraph("p3", newslib.Text.of("The next round is planned for December 15."))
        if b.id == "p3" else b for b in head.body))  # fmt: skip
    repository.save(changed, author="desk", kind="update")
    store = po.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() == "p3":
            unit.target = "Die nächste Runde ist für den 14. Dezember geplant."
    store.savefile(str(path))
    result = newslib.import_translation(path, content=content, by="de desk", now=WHEN)
    assert result.written == ("p3",) and result.stale == ("p3",)
    saved = newslib.read_translations(translation_file(content, "de"))
    status = saved.status(repository.read(STORY), repository.history(STORY))
    assert status["p3"] is FieldStatus.STALE and saved.fields["p3"].source_revision == 4


def test_an_edited_fuzzy_unit_is_not_imported(content: Path, tmp_path: Path) -> None:
    path = export(content, "ru", "po", tmp_path)
    text = path.read_text("utf-8").replace("доклад посредникам", "совместный доклад посредникам")
    path.write_text(text, "utf-8")
    before = translation_file(content, "ru").read_bytes()
    result = newslib.import_translation(path, content=content, by="x")
    assert result.skipped == (("l1", "fuzzy: mark it translated to import it"),)
    assert translation_file(content, "ru").read_bytes() == before


# ---------------------------------------------------------------------- bad input


def _edit_po(path: Path, old: str, new: str) -> Path:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('msgctxt "h1"', 'msgctxt "h9"', "unknown field id 'h9'"),
        ('msgstr "Что дальше"', 'msgstr "Что [[sukhumi|дальше"', "reference is not closed"),
        ('msgstr "Что дальше"', 'msgstr "[[ossetia|Что]] дальше"', "does not declare"),
        ("#. sha256: 3165", "#. sha256: 0000", "the source hash is not that of revision 4"),
    ],
)
def test_a_bad_po_unit_is_one_error_at_its_line(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str,
    problem: str,
) -> None:  # fmt: skip
    path = _edit_po(export(content, "ru", "po", tmp_path), old, new)
    before = translation_file(content, "ru").read_bytes()
    with pytest.raises(TranslationError, match=problem) as caught:
        newslib.import_translation(path, content=content, by="x")
    assert caught.value.path == str(path)
    assert abs((caught.value.line or 0) - _line(path, new)) <= 3
    assert main(["--content", str(content), "translations", "import", str(path), "--by", "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:" in err and problem in err
    assert translation_file(content, "ru").read_bytes() == before


def test_bad_xliff_is_one_error_at_its_line(content: Path, tmp_path: Path) -> None:
    path = export(content, "ru", "xliff", tmp_path)
    text = path.read_text("utf-8").replace(
        '<target state="translated">Что дальше', '<target state="translated"><ph id="1"/>Что дальше'
    )
    path.write_text(text, "utf-8")  # fmt: skip
    with pytest.raises(TranslationError, match="<ph> inside a text") as caught:
        newslib.import_translation(path, content=content, by="x")
    assert caught.value.line == _line(path, '<ph id="1"/>')
    path.write_text(text.replace("</body>", "<body>"), "utf-8")
    with pytest.raises(TranslationError, match="not well-formed XML"):
        newslib.import_translation(path, content=content, by="x")
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<xliff/>'
    path.write_text(doctype, "utf-8")
    with pytest.raises(TranslationError, match="declares a DTD"):
        newslib.import_translation(path, content=content, by="x")


def test_an_import_that_changes_something_names_the_translator(
    content: Path, tmp_path: Path
) -> None:
    path = _edit_po(export(content, "ru", "po", tmp_path), 'msgstr "Что дальше"', 'msgstr "Дальше"')
    with pytest.raises(newslib.errors.UsageError, match="--by NAME"):
        newslib.import_translation(path, content=content)


def test_export_refusals_are_one_line(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--content", str(content), "translations", "export"]
    assert main([*base, "no-such-story", "--lang", "ru"]) == 2
    assert main([*base, STORY, "--lang", "en"]) == 2
    assert main([*base, STORY, "--lang", "../x"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and "no-such-story" in lines[0] and "written in en" in lines[1]


# ---------------------------------------------------------------------- TMX


def test_the_memory_exports_as_tmx(tmp_path: Path, content: Path) -> None:
    memory = TranslationMemory(tmp_path / "memory.sqlite")
    memory.put("libre", "en", "ru", "Talks in ⟦0⟧ & more", "Переговоры в ⟦0⟧ и не только")
    memory.put("google", "en", "de", "The next round", "Die nächste Runde")
    memory.close()
    out = tmp_path / "memory.tmx"
    args = ["--content", str(content), "translations", "memory", "export", "--format", "tmx"]
    assert main([*args, "--memory", str(tmp_path / "memory.sqlite"), "-o", str(out)]) == 0
    store = tmx.tmxfile.parsefile(str(out))
    pairs = {(u.source, u.target) for u in store.units}
    assert ("The next round", "Die nächste Runde") in pairs and len(pairs) == 2
    tree = etree.parse(str(out))
    assert tree.getroot().get("version") == "1.4"
    (tu,) = tree.xpath("//tu[prop[@type='x-engine']='libre']")
    assert tu.get("creationtool") == "libre"
    assert re.fullmatch(r"\d{8}T\d{6}Z", tu.get("creationdate"))  # when it was remembered
    langs = tu.xpath("tuv/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    assert langs == ["en", "ru"]
    assert tu.xpath("tuv[1]/seg/ph/text()") == ["⟦0⟧"]
    assert "".join(tu.xpath("tuv[1]/seg//text()")) == "Talks in ⟦0⟧ & more"
    assert main([*args, "--memory", str(tmp_path / "none.sqlite")]) == 2


# ---------------------------------------------------------------------- glossary


def _term(tree: etree._ElementTree, entity: str, lang: str, text: str) -> etree._Element:
    (found,) = tree.xpath(
        f"//t:conceptEntry[@id='{entity}']/t:langSec[@xml:lang='{lang}']"
        f"/t:termSec[t:term='{text}']",
        namespaces=TBX3,
    )
    return found


def _status(term: etree._Element) -> str:
    return str(term.xpath("t:termNote[@type='administrativeStatus']/text()", namespaces=TBX3)[0])


def test_tbx_v3_marks_variants_by_policy(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    assert main(["terms", "export", "--format", "tbx", "--policy", "georgian-official",
                 "-o", str(out)]) == 0  # fmt: skip
    tree = etree.parse(str(out))
    root = tree.getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert _status(_term(tree, "sukhumi", "ru", "Сухуми")) == "preferredTerm-admn-sts"
    sukhum = _term(tree, "sukhumi", "ru", "Сухум")
    assert _status(sukhum) == "deprecatedTerm-admn-sts"
    assert sukhum.xpath("t:admin[@type='customerSubset']/text()", namespaces=TBX3) == [
        "russian-usage"
    ]
    notes = sukhum.xpath("t:note/text()", namespaces=TBX3)
    assert "georgian-official writes Сухуми" in notes
    assert any(n.startswith("forms: nom Сухум, gen Сухума") for n in notes)
    assert _status(_term(tree, "sukhumi", "en", "Dioscurias")) == "admittedTerm-admn-sts"
    assert _status(_term(tree, "tskhinvali", "de", "Zchinwali")) == "preferredTerm-admn-sts"
    # each termSec starts with its term, then its termNotes (TBX's order)
    for term_sec in tree.xpath("//t:termSec", namespaces=TBX3):
        tags = [etree.QName(child).localname for child in term_sec]
        assert tags[0] == "term" and tags[1] == "termNote"


def test_tbx_without_a_policy_admits_every_variant() -> None:
    tree = etree.parse(io.BytesIO(newslib.export_glossary("tbx").encode("utf-8")))
    statuses = set(tree.xpath("//t:termNote/text()", namespaces=TBX3))
    assert statuses == {"admittedTerm-admn-sts"}
    assert len(tree.xpath("//t:conceptEntry", namespaces=TBX3)) == len(newslib.shipped_gazetteer())


def test_tbx_v2_reads_in_translate_toolkit_with_forbidden_terms() -> None:
    text = newslib.export_glossary("tbx-v2", policy="russian-usage")
    store = tbx.tbxfile.parsestring(text.encode("utf-8"), sourcelanguage="en", targetlanguage="ru")
    (sukhumi,) = [u for u in store.units if u.getid() == "sukhumi"]
    terms = {t.text: t.deprecated for t in sukhumi.get_target_terms()}
    assert terms["Сухум"] is False and terms["Сухуми"] is True
    (de,) = [u for u in store.units if u.getid() == "tskhinvali"]
    german = {t.text: t.deprecated for t in de.get_target_terms("de")}
    assert german["Zchinwal"] is False and german["Zchinwali"] is True


@pytest.mark.parametrize(
    ("policy", "sukhumi", "tskhinvali"),
    [
        ("russian-usage", ("Sukhum", "Сухум"), ("Tskhinval", "Zchinwal")),
        ("georgian-official", ("Sukhumi", "Сухуми"), ("Tskhinvali", "Zchinwali")),
    ],
)
def test_tbx_v2_puts_the_policy_s_name_first_for_one_term_tools(
    policy: str, sukhumi: tuple[str, str], tskhinvali: tuple[str, str]
) -> None:
    # translate-toolkit's unit source and target (Weblate's glossary entry) are the first
    # term of each language: the deprecated Sukhumi stood first under russian-usage.
    text = newslib.export_glossary("tbx-v2", policy=policy)
    ru = tbx.tbxfile.parsestring(text.encode("utf-8"), sourcelanguage="en", targetlanguage="ru")
    de = tbx.tbxfile.parsestring(text.encode("utf-8"), sourcelanguage="en", targetlanguage="de")
    (unit,) = [u for u in ru.units if u.getid() == "sukhumi"]
    assert (unit.source, unit.target) == sukhumi
    (unit,) = [u for u in de.units if u.getid() == "tskhinvali"]
    assert (unit.source, unit.target) == tskhinvali
    lang_sets = list(etree.fromstring(text.encode("utf-8")).iter("langSet"))
    assert len(lang_sets) > 100  # and in each language: preferred, admitted, deprecated
    for lang_set in lang_sets:
        ranks = [_RANKS.index(s) for s in lang_set.xpath("tig/termNote/text()")]
        assert ranks == sorted(ranks)


_RANKS = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"]


def test_csv_is_weblate_s_glossary_columns(tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    assert main(["terms", "export", "--format", "csv", "--policy", "russian-usage",
                 "--lang", "de", "-o", str(out)]) == 0  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    suchumi = [r for r in rows if r["context"] == "sukhumi"]
    assert {r["target"]: r["forbidden"] for r in suchumi} == {
        "Suchumi": "yes", "Sochumi": "yes", "Suchum": "",
    }  # fmt: skip
    assert all(r["source"] == "Sukhum" for r in suchumi)
    store = csvl10n.csvfile.parsestring(out.read_bytes())
    assert ("Sukhum", "Suchum") in {(u.source, u.target) for u in store.units}
    assert main(["terms", "export", "--format", "csv"]) == 2  # no --lang


# ---------------------------------------------------------------------- more


units = st.builds(
    Unit,
    id=st.sampled_from(["headline", "p1", "q1/attribution", "l1/2", "correction.3"]),
    source=texts,
    target=st.none() | texts,
    source_hash=st.text("0123456789abcdef", min_size=64, max_size=64),
    state=st.sampled_from([UnitState.TRANSLATED, UnitState.FUZZY]),
)


_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(st.lists(units, min_size=1, max_size=4, unique_by=lambda u: u.id))
@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_any_text_with_names_survives_both_codecs(
    tmp_path: Path, fmt: str, drawn: list[Unit]
) -> None:
    drawn = [replace(u, state=UnitState.NEW) if u.target is None else u for u in drawn]
    document = Bilingual(STORY, 3, "en", "ru", tuple(drawn), created=WHEN)
    path = tmp_path / f"any.{'po' if fmt == 'po' else 'xlf'}"
    if fmt == "po":
        path.write_text(write_bilingual_po(document), "utf-8")
        back = read_bilingual_po(path)
    else:
        path.write_text(write_bilingual_xliff(document), "utf-8")
        back = read_bilingual_xliff(path)
    assert (back.article, back.revision, back.source_language, back.target_language) == (
        STORY, 3, "en", "ru",
    )  # fmt: skip
    seen = [(u.id, u.source, u.target, u.source_hash, u.state) for u in back.units]
    assert seen == [(u.id, u.source, u.target, u.source_hash, u.state) for u in drawn]


def test_a_first_translation_creates_its_file(content: Path, tmp_path: Path) -> None:
    assert not translation_file(content, "fr").exists()
    done = subprocess.run(
        [sys.executable, "-m", "newslib", "--content", str(content), "translations", "export",
         STORY, "--lang", "fr", "--format", "xliff"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    tree = etree.parse(io.BytesIO(done.stdout.encode("utf-8")))
    states = set(tree.xpath("//x:target/@state", namespaces=XLIFF))
    assert states == {"needs-translation"}
    (target,) = tree.xpath("//x:trans-unit[@resname='headline']/x:target", namespaces=XLIFF)
    target.text = "Les pourparlers de "
    name = etree.SubElement(target, f"{{{XLIFF['x']}}}mrk", mtype="term", mid="tbilisi")
    name.text, name.tail = "Tbilissi", " s'achèvent sans accord"
    target.set("state", "translated")
    path = tmp_path / "fr.xliff"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    dry = newslib.import_translation(path, content=content, by="Marie", dry_run=True)
    assert dry.written == ("headline",) and not translation_file(content, "fr").exists()
    newslib.import_translation(path, content=content, by="Marie", now=WHEN)
    saved = newslib.read_translations(translation_file(content, "fr"))
    assert list(saved.fields) == ["headline"]
    assert newslib.format_text(saved.fields["headline"].text or newslib.Text()) == (
        "Les pourparlers de [[tbilisi|Tbilissi]] s'achèvent sans accord"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('msgid "What comes next"', 'msgid "What comes after"', "source text is not revision 4"),
        ('msgctxt "h1"\n', 'msgctxt "h1"\nthis is not po\n', "not a PO file"),
        ('"Project-Id-Version: second-story 4', '"Project-Id-Version: second-story', "Project-Id"),
        ('"Language: ru', '"Language: xx', "Language 'xx' is not a CLDR locale"),
    ],
)
def test_a_broken_po_file_is_one_error(
    content: Path, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    path = _edit_po(export(content, "ru", "po", tmp_path), old, new)
    with pytest.raises(TranslationError, match=problem) as caught:
        newslib.import_translation(path, content=content, by="x")
    assert caught.value.path == str(path) and caught.value.line is not None


def test_a_unit_twice_in_a_po_file_is_refused(content: Path, tmp_path: Path) -> None:
    # Babel merges a second entry into the first: its translation was dropped, its fuzzy
    # flag held back the edit of the first.
    path = export(content, "ru", "po", tmp_path)
    entry = next(u for u in po_units(path).values() if u.getcontext() == "h1")
    text = path.read_text("utf-8").replace('msgstr "Что дальше"', 'msgstr "Дальше"')
    twice = f"{text}\n#, fuzzy\n{entry}".replace("Что дальше", "Что потом")
    path.write_text(twice, "utf-8")
    before = translation_file(content, "ru").read_bytes()
    with pytest.raises(TranslationError, match="'h1' is in the file twice") as caught:
        newslib.import_translation(path, content=content, by="x")
    assert caught.value.line is not None and caught.value.line > text.count("\n")
    assert translation_file(content, "ru").read_bytes() == before


def test_a_newsroom_gazetteer_exports_with_xml_ids(tmp_path: Path) -> None:
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(
        "entities:\n"
        "  - id: 9-april-square\n"
        "    kind: place\n"
        "    names:\n"
        "      en:\n"
        "        - {text: April 9 Square, usage: [common]}\n"
        "      ka:\n"
        "        - {text: 9 აპრილის მოედანი, usage: [common]}\n",
        "utf-8",
    )
    out = tmp_path / "g.tbx"
    assert main(["terms", "export", "--gazetteer", str(gazetteer), "-o", str(out)]) == 0
    tree = etree.parse(str(out))  # an id that is no XML name would not matter to lxml here…
    (entry,) = tree.xpath("//t:conceptEntry", namespaces=TBX3)
    assert entry.get("id") == "_9-april-square"
    etree.XMLSchema(  # …but does to a schema that declares it an ID, as TBX's does
        etree.XML(
            b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"'
            b' targetNamespace="urn:iso:std:iso:30042:ed-2"><xs:element name="conceptEntry">'
            b'<xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" '
            b'maxOccurs="unbounded"/></xs:sequence><xs:attribute name="id" type="xs:ID"/>'
            b"</xs:complexType></xs:element></xs:schema>"
        )
    ).assertValid(etree.ElementTree(entry))
    terms = tree.xpath("//t:langSec[@xml:lang='ka']/t:termSec/t:term/text()", namespaces=TBX3)
    assert terms == ["9 აპრილის მოედანი"]


def test_a_field_translated_in_part_is_refused(content: Path, tmp_path: Path) -> None:
    path = export(content, "de", "po", tmp_path)
    store = po.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() in ("q1", "l1/1"):
            unit.target = "Wir kommen im Dezember zurück."
    store.savefile(str(path))
    with pytest.raises(TranslationError, match="'q1' is translated in part: q1/attribution"):
        newslib.import_translation(path, content=content, by="x")
