"""Article YAML as people write it: checked and fixed in every scalar style.

The articles in ``tests/fixtures/articles/`` are copy in English, Russian (CRLF line
endings), German, French and Georgian, with headlines and paragraphs written plain over
several lines, single- and double-quoted (with ``''``, ``\\"``, ``\\u00e4`` and escaped line
breaks), folded (``>-``) and literal (``|-``), and entity markup inside all of them.
Findings must point at the line and column of the name in the file as it is on disk, and
a fix must change the names and nothing else: the file loads as the same article but for
the names, and a second fix changes nothing. Each test runs under libyaml and under the
pure-Python composer, which report plain scalars' style differently ('' and None).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import newslib
from newslib.article.codec import article_data, loads_article
from newslib.terms import scalars
from newslib.terms.checker import apply_fixes
from newslib.terms.documents import _check_text, check_document, fix_document
from newslib.terms.files import parse_document, replace_in_article

from .support.paths import FIXTURES, ROOT

ARTICLES = FIXTURES / "articles"

# file -> (policy, [(line, column, surface as on disk, suggestion)], {line: fixed line})
CASES: dict[str, tuple[str, list[tuple[int, int, str, str]], dict[int, str]]] = {
    "en-envoys-sukhumi.yaml": (
        "russian-usage",
        [
            (11, 28, "Sukhumi", "Sukhum"),  # folded headline, first line
            (12, 25, "Tskhinvali", "Tskhinval"),  # folded headline, second line
            (14, 44, "Sukhumi", "Sukhum"),  # literal standfirst
            (19, 17, "Sukhumi", "Sukhum"),  # plain paragraph, continuation line
            (24, 33, "Sukhumi", "Sukhum"),  # double-quoted quote: reported, never fixed
            (25, 63, "Tskhinvali", "Tskhinval"),  # single-quoted, after an escaped ''
            (29, 35, "Tskhinvali", "Tskhinval"),  # single-quoted list item
            (30, 25, "Sukhumi", "Sukhum"),  # double-quoted, before an escaped line break
        ],
        {
            11: "  Envoys meet in [[sukhumi|Sukhum]] ahead of\n",
            12: "  talks on [[tskhinvali|Tskhinval]]\n",
            14: '  Both sides called the visit to [[sukhumi|Sukhum]] "useful" and agreed to'
            " meet again.\n",
            19: "      [[sukhumi|Sukhum]] on Thursday, officials said, for talks on\n",
            25: "    attribution: 'the envoy''s spokesman said in [[tskhinvali|Tskhinval]]'\n",
            29: "      - 'Next round: [[tskhinvali|Tskhinval]], in November'\n",
            30: '      - "Then [[sukhumi|Sukhum]]\\\n',
        },
    ),
    "ru-delegation-crlf.yaml": (
        "russian-usage",
        [
            (10, 15, "Сухуми", "Сухума"),  # double-quoted, after an escaped line break
            (13, 16, "Цхинвали", "Цхинвале"),  # folded standfirst
            (13, 43, "Ахалгори", "Ленингоре"),
            (17, 64, "Сухуми", "Сухума"),  # single-quoted over two lines
            (22, 20, "Цхинвали", "Цхинвал"),  # plain over three lines
            (23, 25, "Ахалгори", "Ленингор"),
        ],
        {
            10: '  \\ [[sukhumi|Сухума]]"\r\n',
            13: "  [[tskhinvali|Цхинвале]] и в [[akhalgori|Ленингоре]]\r\n",
            17: "    text: 'Делегация во главе с министром прибыла из [[sukhumi|Сухума]],"
            " сообщили в\r\n",
            22: "      [[tskhinvali|Цхинвал]]\r\n",
            23: "      через [[akhalgori|Ленингор]].\r\n",
        },
    ),
    "de-gespraeche-suchumi.yaml": (
        "russian-usage",
        [
            (9, 40, "Suchumi", "Suchum"),  # double-quoted, after \u00e4
            (10, 46, "Zchinwali", "Zchinwal"),  # double-quoted over two lines
            (11, 13, "Suchumi", "Suchum"),
            (16, 28, "Suchumis", "Suchums"),  # folded paragraph, German genitive
            (21, 32, "Zchinwali", "Zchinwal"),  # literal heading
        ],
        {
            9: 'headline: "Gespr\\u00e4che in [[sukhumi|Suchum]]: \\"Ein erster Schritt\\""\n',
            10: 'standfirst: "Die Delegation aus [[tskhinvali|Zchinwal]] traf am Donnerstag in\n',
            11: '  [[sukhumi|Suchum]] ein."\n',
            16: "      Im Zentrum [[sukhumi|Suchums]] versammelten sich am Abend\n",
            21: "      Stimmen aus [[tskhinvali|Zchinwal]]\n",
        },
    ),
    "fr-pourparlers-soukhoumi.yaml": (
        "georgian-official",
        [
            # French elision reaches into the word before the reference: "de" -> "d'".
            (9, 27, "de [[akhalgori|Leningor", "d'Akhalgori"),
            (9, 74, "Soukhoum", "Soukhoumi"),
            (11, 23, "de [[akhalgori|Leningor", "d'Akhalgori"),
            (12, 13, "Soukhoum", "Soukhoumi"),
            (16, 61, "Tskhinval", "Tskhinvali"),
            (17, 25, "Soukhoum", "Soukhoumi"),
        ],
        {
            9: "headline: 'Les émissaires d''[[akhalgori|Akhalgori]] attendus à"
            " [[sukhumi|Soukhoumi]]'\n",
            11: "  La délégation venue d'[[akhalgori|Akhalgori]] a rejoint\n",
            12: "  [[sukhumi|Soukhoumi]] jeudi soir.\n",
            16: "    text: 'Selon l''agence, les pourparlers de [[tskhinvali|Tskhinvali]]"
            " reprendront\n",
            17: "      lundi à [[sukhumi|Soukhoumi]].'\n",
        },
    ),
    "ka-delegatsia-akhalgori.yaml": (
        "russian-usage",
        [
            (9, 33, "ახალგორში", "ლენინგორში"),  # plain headline, case suffix kept
            (16, 19, "ახალგორის", "ლენინგორის"),  # folded paragraph opening with markup
        ],
        {
            9: "headline: დელეგაცია [[akhalgori|ლენინგორში]] ჩავიდა\n",
            16: "      [[akhalgori|ლენინგორის]] მოსახლეობა\n",
        },
    ),
}


@pytest.fixture(params=["libyaml", "python"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test under libyaml's composer and under PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr("newslib.yamlio._C_LOADER", None)
    elif getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("libyaml is not installed")
    return str(request.param)


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    target.write_bytes((ARTICLES / name).read_bytes())
    return target


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def test_the_fixtures_are_written_as_described() -> None:
    raw = (ARTICLES / "ru-delegation-crlf.yaml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 30  # CRLF throughout (kept by git)
    for name in CASES:
        data = (ARTICLES / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without a BOM
        data.decode("utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings_point_at_the_name_on_disk(name: str, composer: str) -> None:
    policy, expected, _ = CASES[name]
    path = ARTICLES / name
    source = read(path)
    findings = newslib.check_file(path, policy=policy)
    found = [(f.line, f.column, f.surface, f.suggestion) for f in findings if f.rule == "variant"]
    assert found == expected
    lines = source.splitlines(keepends=True)
    for finding in findings:
        assert source[finding.start : finding.end] == finding.surface
        assert lines[finding.line - 1][finding.column - 1 :].startswith(finding.surface)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_changes_the_names_and_nothing_else(name: str, composer: str, tmp_path: Path) -> None:
    policy, _, changed = CASES[name]
    path = copy(name, tmp_path)
    before = read(path)
    result = newslib.fix_file(path, policy=policy)
    after = read(path)
    assert result.fixed == after
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    assert {n + 1: b for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b} == changed
    assert_same_article_but_the_names(before, after, policy)
    again = newslib.fix_file(path, policy=policy)
    assert (again.changed, read(path)) == (False, after)


def assert_same_article_but_the_names(before: str, after: str, policy: str) -> None:
    """The fixed file reads as the original with its fixable names fixed, as plain text;
    every reference still names its entity; nothing else in the article moved."""
    old, new = parse_document(before, path="a.yaml"), parse_document(after, path="a.yaml")
    findings = _check_text(old, newslib.load_policy(policy), newslib.shipped_gazetteer(), None)
    assert new.text == apply_fixes(old.text, findings)
    old_article, new_article = loads_article(before), loads_article(after)
    assert refs_of(old_article) == refs_of(new_article)
    assert without_texts(article_data(old_article)) == without_texts(article_data(new_article))


def refs_of(article: newslib.Article) -> list[tuple[object, list[str]]]:
    return [(where, [ref.entity for ref in text.refs()]) for where, text in article.texts()]


def without_texts(data: dict[str, Any]) -> dict[str, Any]:
    """Article data with its checked text fields blanked."""
    data = {**data, "section": "", "headline": "", "standfirst": ""}
    data["dateline"] = {**data["dateline"], "written": ""}
    data["body"] = [
        {k: ("" if k in ("text", "attribution") else [""] * len(v) if k == "items" else v)
         for k, v in block.items()}
        for block in data["body"]
    ]  # fmt: skip
    return data


def test_a_name_split_over_two_lines_is_found_and_fixed(composer: str, tmp_path: Path) -> None:
    """ "South\\n      Ossetia" in a plain scalar reads "South Ossetia"; the fix joins it."""
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        "name: desk\ninherits: georgian-official\n"
        "entities:\n  south-ossetia: {prefer: [georgian-official]}\n",
        encoding="utf-8",
    )
    path = copy("en-envoys-sukhumi.yaml", tmp_path)
    before = read(path)
    [finding] = [f for f in newslib.check_file(path, policy=desk) if f.rule == "variant"]
    assert (finding.line, finding.column) == (20, 23)
    assert finding.surface == "South\n      Ossetia"
    newslib.fix_file(path, policy=desk)
    after = read(path)
    assert after == before.replace(
        "[[south-ossetia|South\n      Ossetia]]", "[[south-ossetia|Tskhinvali Region]]"
    )
    assert_same_article_but_the_names(before, after, str(desk))


def test_a_fix_that_cannot_be_spliced_rewrites_that_field_only(tmp_path: Path) -> None:
    """A plain scalar cannot take ": " where it stands: the field becomes one double-quoted
    line, and every other byte of the file stays."""
    source = (ARTICLES / "en-envoys-sukhumi.yaml").read_text(encoding="utf-8")
    document = parse_document(source, path="a.yaml")
    start = document.text.index("Sukhumi on Thursday")
    fixed, applied = replace_in_article(document, [(start, start + 7, "Sukhum: the city")])
    assert applied == [True]
    old_field = (
        "    text: Delegations from [[tbilisi|Tbilisi]] arrived in\n"
        "      [[sukhumi|Sukhumi]] on Thursday, officials said, for talks on\n"
        "      [[south-ossetia|South\n      Ossetia]] and the crossing points.\n"
    )
    new_field = (
        '    text: "Delegations from [[tbilisi|Tbilisi]] arrived in [[sukhumi|Sukhum: the'
        " city]] on Thursday, officials said, for talks on [[south-ossetia|South Ossetia]]"
        ' and the crossing points."\n'
    )
    assert fixed == source.replace(old_field, new_field)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("text: |-\n  [[sukhumi|Sukhumi]] talks\n", "[[sukhumi|Sukhumi]] talks"),
        ("text: >-\n    [[sukhumi|Sukhumi]]\n    talks\nnext: 1\n", "[[sukhumi|Sukhumi]] talks"),
        ("text: >2-\n   [[sukhumi|Sukhumi]]  # no comment\n", " [[sukhumi|Sukhumi]]  # no comment"),
        ("text: |+  # keep\n  Sukhumi\n\n\nnext: 1\n", "Sukhumi\n\n\n"),
        ("text: >\n  Sukhum\n\n  and\n    more\n  Tskhinval\n", "Sukhum\nand\n  more\nTskhinval\n"),
        ("text: 'it''s\n\n   Sukhumi'\n", "it's\nSukhumi"),
        ('text: "a\\u0410\\x41\\t\\\\ \\"Sukhumi\\"\\\n   \\ b"\n', 'aАA\t\\ "Sukhumi" b'),
        ("text: one\n  two\n\n  three#four # a comment\n", "one two\nthree#four"),
        ("text: Sukhumi   \n   again\n", "Sukhumi again"),
        ("- a: [Sukhumi, {b: \"Sukhumi\"}]\n", None),
    ],
)  # fmt: skip
def test_every_scalar_style_maps_back(written: str, value: str | None, composer: str) -> None:
    """Each character of a value points at where it was read: itself, its escape or ''
    pair, or the line break a fold or a block turned into a space or a newline."""
    from newslib.yamlio import compose

    for source in (written, written.replace("\n", "\r\n")):
        root = compose(source, "a.yaml", newslib.errors.ArticleError)
        assert root is not None
        nodes = list(_scalars(root))
        for node in nodes:
            mapped = scalars.scalar_map(source, node)
            assert mapped is not None, (source, node.value)
            assert mapped.value == node.value
            for char, start, end in zip(mapped.value, mapped.starts, mapped.ends, strict=True):
                raw = source[start:end]
                assert raw == char or raw[:1] in "\\'\r\n" or char in " \n", (char, raw)
        if value is not None:
            assert nodes[1].value == value


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    children = (
        [c for pair in node.value for c in pair]
        if isinstance(node, yaml.MappingNode)
        else node.value
    )
    return [s for child in children for s in _scalars(child)]  # fmt: skip


def test_a_folded_text_without_a_chomping_indicator_says_what_to_write(tmp_path: Path) -> None:
    """'>' keeps the last line break, and article text is one line: the error says '>-'."""
    path = tmp_path / "story.yaml"
    path.write_text(
        read(ARTICLES / "de-gespraeche-suchumi.yaml").replace("text: >-", "text: >"),
        encoding="utf-8",
    )
    with pytest.raises(newslib.errors.ArticleError) as caught:
        newslib.check_file(path, policy="russian-usage")
    assert str(caught.value) == (
        f"{path}:15:11: the text ends with a line break (end a block with '>-' or '|-' so "
        "that its last line break is not part of the text)"
    )


def test_stored_revisions_are_never_fixed(tmp_path: Path) -> None:
    from .support.paths import SEED_REVISIONS

    document = parse_document(read(SEED_REVISIONS / "0001.yaml"), path="0001.yaml")
    with pytest.raises(newslib.errors.UsageError, match="revisions are never changed"):
        fix_document(
            document,
            policy=newslib.load_policy("georgian-official"),
            gazetteer=newslib.shipped_gazetteer(),
            lang=None,
        )


def test_an_empty_section_is_checked(tmp_path: Path) -> None:
    """The section is the first field; empty, it used to leave no offset to start from."""
    path = copy("ru-delegation-crlf.yaml", tmp_path)
    path.write_bytes(path.read_bytes().replace("section: Политика".encode(), b'section: ""'))
    found = [(f.line, f.column) for f in newslib.check_file(path, policy="russian-usage")]
    assert found[0] == (10, 15)
    assert newslib.fix_file(path, policy="russian-usage").changed


def test_a_name_never_runs_from_one_field_into_the_next(tmp_path: Path) -> None:
    """Fields are joined by a blank line, which the matcher reads across: "South" ending
    the headline and "Ossetia" opening the standfirst are not "South Ossetia"."""
    path = tmp_path / "a.yaml"
    text = read(ARTICLES / "en-envoys-sukhumi.yaml")
    text = text.replace("  talks on [[tskhinvali|Tskhinvali]]\n", "  talks on the South\n")
    text = text.replace("  Both sides called", "  Ossetia. Both sides called")
    path.write_text(text, encoding="utf-8")
    mentions = newslib.scan_file(path)
    assert "south-ossetia" not in {m.entity for m in mentions if m.start < text.index("body:")}


def test_the_imported_agency_article_is_checked_and_fixed(tmp_path: Path) -> None:
    """``newslib import`` writes plain scalars, which libyaml reports as style ''."""
    story = tmp_path / "story.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "newslib", "import", str(ARTICLES / "agency_ru.txt"),
         "--year", "2024", "-o", str(story)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    policy = ["--policy", "russian-usage"]
    for command, options in (("check", policy), ("scan", []), ("fix", policy)):
        done = subprocess.run(
            [sys.executable, "-m", "newslib", command, str(story), *options],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode in (0, 1), (command, done.stderr)
        if command == "check":
            assert [line.split(": ")[0] for line in done.stdout.splitlines()] == [
                # "Политика" is the section line now (no standfirst), and
                # '"…", - сказал министр.' a quote block.
                f"{story}:13:120",
                f"{story}:20:53",
            ]
    fixed = read(story)
    assert "[[sukhumi|Сухума]]" in fixed and "[[tskhinvali|Цхинвал]]" in fixed
    newslib.read_article(story)


def test_the_pre_commit_hooks_take_an_imported_article(tmp_path: Path) -> None:
    """pre-commit runs a hook's entry with its arguments and the staged files."""
    story = tmp_path / "articles" / "story.yaml"
    story.parent.mkdir()
    imported = [sys.executable, "-m", "newslib", "import", str(ARTICLES / "agency_ru.txt")]
    subprocess.run([*imported, "--year", "2024", "-o", str(story)], check=True, cwd=ROOT,
                   capture_output=True)  # fmt: skip
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for hook, expected in (("newslib-check", 1), ("newslib-fix", 0)):
        entry = hooks[hook]["entry"].split()
        assert entry[0] == "newslib"
        done = subprocess.run(
            [sys.executable, "-m", "newslib", *entry[1:], "--policy", "russian-usage",
             str(story)],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == expected, (hook, done.stderr)


# ------------------------------------------------------------------ properties

WORDS = ["talks", "in", "from", "and", ",", ".", "it's", '"quoted"', "a: b", "#7", "\\\\",
         "\\[[x\\]]", "Тбилиси", "სოხუმში", "l'Abkhazie", "  "]  # fmt: skip
NAMES = [("sukhumi", "Sukhumi"), ("sukhumi", "Sukhum"), ("tskhinvali", "Tskhinvali"),
         ("tskhinvali", "Tskhinval"), ("akhalgori", "Leningor")]  # fmt: skip
STYLES = [None, "'", '"', "|", ">"]
POLICIES = ["russian-usage", "georgian-official"]


class _Styled(str):
    """A string the dumper writes in a chosen scalar style."""

    style: str | None = None


class _StyledDumper(yaml.SafeDumper):
    pass


def _represent(dumper: yaml.SafeDumper, data: _Styled) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


_StyledDumper.add_representer(_Styled, _represent)


@st.composite
def styled_articles(draw: st.DrawFn) -> str:
    """An article whose every text field is written in a style drawn for it."""

    def text(markup: bool = True) -> _Styled:
        parts = draw(st.lists(st.sampled_from(WORDS) | st.sampled_from(NAMES), min_size=1,
                              max_size=12))  # fmt: skip
        words = [(f"[[{p[0]}|{p[1]}]]" if markup else p[1]) if isinstance(p, tuple) else p
                 for p in parts]  # fmt: skip
        styled = _Styled(f"On {' '.join(words)} end")
        styled.style = draw(st.sampled_from(STYLES))
        return styled

    data = {
        "id": "styled", "language": "en", "section": text(markup=False), "source": "Wire",
        "dateline": {"place": "tbilisi", "written": text(markup=False), "date": "2024-10-04"},
        "headline": text(), "standfirst": text(),
        "body": [{"id": f"p{n}", "type": "paragraph", "text": text()}
                 for n in range(draw(st.integers(1, 3)))]
        + [{"id": "l1", "type": "list", "items": [text(), text()]}],
        "entities": [{"id": e, "kind": "place", "name": e}
                     for e in ("sukhumi", "tskhinvali", "akhalgori", "tbilisi")],
    }  # fmt: skip
    width = draw(st.sampled_from([24, 40, 1000]))
    dumped: str = yaml.dump(data, Dumper=_StyledDumper, allow_unicode=True, sort_keys=False,
                            width=width)  # fmt: skip
    return dumped.replace("date: '2024-10-04'", "date: 2024-10-04")


@settings(max_examples=60, deadline=None)
@given(styled_articles(), st.booleans(), st.booleans(), st.sampled_from(POLICIES))
def test_any_style_checks_at_the_name_and_fixes_only_the_names(
    source: str, crlf: bool, pure_python: bool, policy: str
) -> None:
    if crlf:
        source = source.replace("\n", "\r\n")
    with mock.patch("newslib.yamlio._C_LOADER", None if pure_python else yaml.CSafeLoader):
        document = parse_document(source, path="a.yaml")
        resolved = newslib.load_policy(policy)
        gazetteer = newslib.shipped_gazetteer()
        findings = check_document(document, policy=resolved, gazetteer=gazetteer, lang="en")
        for finding in findings:
            assert finding.surface.endswith(tuple(surface for _, surface in NAMES))
        fixed, _ = fix_document(document, policy=resolved, gazetteer=gazetteer, lang="en")
        assert_same_article_but_the_names(source, fixed, policy)
        again, _ = fix_document(
            parse_document(fixed, path="a.yaml"), policy=resolved, gazetteer=gazetteer, lang="en"
        )
        assert again == fixed


# ------------------------------------------------------------------ linear work


def many_fields(fields: int) -> str:
    """An article of *fields* paragraphs, each over two lines with two references."""
    head = (
        "id: many-fields\nlanguage: en\nsection: World\nsource: Example Wire\n"
        "dateline:\n  place: tbilisi\n  written: TBILISI\n  date: 2024-10-04\n"
        "headline: Talks in [[sukhumi|Sukhumi]]\nbody:\n"
    )
    body = "".join(
        f"  - id: p{n}\n    type: paragraph\n    text: Delegates met in [[sukhumi|Sukhumi]]\n"
        f"      and in [[tskhinvali|Tskhinvali]] on day {n}.\n"
        for n in range(1, fields + 1)
    )
    entities = "".join(
        f"  - {{id: {e}, kind: place, name: {e}}}\n" for e in ("sukhumi", "tskhinvali", "tbilisi")
    )
    return head + body + "entities:\n" + entities


def steps(source: str) -> int:
    """Python steps (calls, lines, returns) in newslib's own code to read and check *source*:
    work counted, not timed, so the test does not depend on the machine."""
    policy, gazetteer = newslib.load_policy("russian-usage"), newslib.shipped_gazetteer()
    package = str(Path(newslib.__file__).parent)
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(package):
            return None
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        document = parse_document(source, path="a.yaml")
        check_document(document, policy=policy, gazetteer=gazetteer, lang=None)
    finally:
        sys.settrace(None)
    return count


def test_reading_and_checking_an_article_is_linear_in_its_fields() -> None:
    """Ten times the fields, ten times the work (the text's length was once summed over
    every piece for each field)."""
    steps(many_fields(2))  # warm the caches: the gazetteer, the matcher, the policy
    small, large = steps(many_fields(100)), steps(many_fields(1000))
    assert 9 * small < large < 10.5 * small
