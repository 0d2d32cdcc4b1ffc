"""``newslib lsp`` end to end: the server spawned, spoken to over stdio as an editor would.

A workspace whose ``pyproject.toml`` selects georgian-official; buffers in Markdown, HTML,
text and article YAML with emoji (astral characters, two UTF-16 units and four UTF-8
bytes each), Georgian and Cyrillic before the names, so that a position counted in the
wrong unit lands on the wrong character. Positions are checked against counts made here by
encoding the text; fixes are applied here and compared with what ``newslib fix`` writes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newslib
import newslib.errors
from newslib.lsp.actions import edits_between
from newslib.lsp.positions import Positions

from .support.lsp_client import LspClient, apply_edits, position

GEORGIAN_OFFICIAL = '[tool.newslib]\npolicy = "georgian-official"\nignore = ["drafts/*.md"]\n'
MARKDOWN = (
    "# Переговоры 😀 в Женеве\n"
    "\n"
    "Делегация 🇬🇪 из Цхинвала прибыла; ცხინვალში 🤝 ждали, and in Tskhinval the talks\n"
    "resumed 👍🏽 after the visit to **Tskhinval**.\n"
)
# (surface as written, its occurrence in MARKDOWN, the policy's word form)
EXPECTED = [
    ("Цхинвала", 0, "Цхинвали"),
    ("Tskhinval", 0, "Tskhinvali"),
    ("Tskhinval", 1, "Tskhinvali"),
]
ARTICLE = """\
id: talks-in-tskhinvali
language: en
section: World
source: Example Wire
dateline: {place: tbilisi, written: TBILISI, date: 2024-10-04}
headline: Talks 😀 in [[tskhinvali|Tskhinval]]
standfirst: >-
  Both sides 🇬🇪 met in
  [[tskhinvali|Tskhinval]] on Friday.
body:
  - id: p1
    type: paragraph
    text: 'Envoys from ცხინვალი 🤝 arrived in [[tskhinvali|Tskhinval]]'
entities:
  - {id: tskhinvali, kind: place, name: Tskhinvali}
  - {id: tbilisi, kind: place, name: Tbilisi}
"""
TRANSLATION = """\
article: talks-in-tskhinvali
language: ru
fields:
  headline:
    text: 'Переговоры 😀 в [[tskhinvali|Цхинвале]]'
    source_revision: 1
    source_hash: 4ffcc760ae9bc58638f96c25cc097eda6e5f7ed2045441d283c3187572b8db25
    method: human
    by: the Russian desk
    time: '2026-11-27T22:00:00Z'
"""
ENCODINGS = [None, "utf-8", "utf-16", "utf-32"]  # None: the client names none (UTF-16)


def _span(text: str, surface: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _range(text: str, start: int, end: int, encoding: str) -> dict[str, Any]:
    return {"start": position(text, start, encoding), "end": position(text, end, encoding)}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(GEORGIAN_OFFICIAL, encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> Iterator[LspClient]:
    client = LspClient(workspace)
    yield client
    assert client.close() == 0


@pytest.mark.parametrize("asked", ENCODINGS)
def test_diagnostics_fixes_and_hover_in_each_position_encoding(
    workspace: Path, client: LspClient, asked: str | None
) -> None:
    encoding = asked or "utf-16"
    result = client.initialize(workspace, [asked] if asked else None)
    assert result["capabilities"]["positionEncoding"] == encoding
    path = workspace / "talks.md"
    uri = client.open(path, MARKDOWN, "markdown")
    diagnostics = client.diagnostics(uri, version=1)

    spans = [_span(MARKDOWN, surface, n) for surface, n, _ in EXPECTED]
    assert [d["range"] for d in diagnostics] == [_range(MARKDOWN, *s, encoding) for s in spans]
    for diagnostic, (surface, _, suggestion) in zip(diagnostics, EXPECTED, strict=True):
        assert diagnostic["code"] == "variant" and diagnostic["source"] == "newslib"
        assert diagnostic["severity"] == 1  # georgian-official: a variant is an error
        assert diagnostic["message"].startswith(f"{surface!r} -> {suggestion!r} [case ")
        assert "georgian-official writes" in diagnostic["message"]

    # A quick fix for the Russian genitive: the policy's name in the same case.
    first = diagnostics[0]
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": first["range"],
            "context": {"diagnostics": [first]},
        },
    )
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert [a["title"] for a in quick] == ["Write 'Цхинвали'"]
    assert quick[0]["isPreferred"] is True and quick[0]["diagnostics"] == [first]
    fixed_one = apply_edits(MARKDOWN, quick[0]["edit"]["changes"][uri], encoding)
    assert fixed_one == MARKDOWN.replace("из Цхинвала", "из Цхинвали")

    # Fix all: the file as `newslib fix` writes it, edit by edit.
    (fix_all,) = [a for a in actions if a["kind"] == "source.fixAll.newslib"]
    edits = fix_all["edit"]["changes"][uri]
    assert len(edits) == 3
    path.write_text(MARKDOWN, encoding="utf-8")
    by_fix = newslib.fix_file(path, policy="georgian-official", dry_run=True).fixed
    assert apply_edits(MARKDOWN, edits, encoding) == by_fix
    assert "**Tskhinvali**" in by_fix

    # Asked only for source actions (an editor's "fix all on save"), only that one comes.
    only = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": _range(MARKDOWN, 0, 0, encoding),
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [a["kind"] for a in only] == ["source.fixAll.newslib"]

    # Hover on the last character of the second name still finds it.
    start, end = spans[1]
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": position(MARKDOWN, end - 1, encoding)},
    )
    assert hover["range"] == _range(MARKDOWN, start, end, encoding)
    shown = hover["contents"]["value"]
    assert shown.startswith("**tskhinvali** (place, GeoNames 611403)")
    assert "georgian-official writes en: Tskhinvali, ru: Цхинвали" in shown
    assert "| ru | Цхинвал | russian-usage | Цхинвала, Цхинвале, Цхинвалом, Цхинвалу |" in shown
    assert "| ka | ცხინვალი | common, georgian-official | " in shown and "ცხინვალში" in shown
    assert "TASS, Russian MFA" in shown
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": position(MARKDOWN, 3, encoding)},
    )
    assert nothing is None


def test_html_text_and_article_yaml_are_read_as_check_reads_them(
    workspace: Path, client: LspClient
) -> None:
    client.initialize(workspace, ["utf-16"])
    html = '<p title="Tskhinval">😀 ცხინვალი and <b>Tskhinval</b> &amp; more</p>\n'
    text = (
        'Georgian 🇬🇪 ცხინვალი, Russian Цхинвалу 😀 — and Tskhinval. He said: "We met in'
        ' Tskhinval." Then Tskhinvali and Tskhinvalli.\n'
    )
    article = ARTICLE
    for name, language, source in (
        ("page.html", "html", html),
        ("notes.txt", "plaintext", text),
        ("talks.yaml", "yaml", article),
        ("ru.yaml", "yaml", TRANSLATION),
    ):
        path = workspace / name
        uri = client.open(path, source, language)
        got = client.diagnostics(uri)
        path.write_text(source, encoding="utf-8")
        findings = newslib.check_file(path, policy="georgian-official")
        assert findings, name
        assert [d["range"] for d in got] == [
            _range(source, f.start, f.end, "utf-16") for f in findings
        ], name
        assert [d["code"] for d in got] == [str(f.rule) for f in findings]
        levels = {"error": 1, "warning": 2, "info": 3}
        assert [d["severity"] for d in got] == [levels[f.severity] for f in findings]
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": got[-1]["range"],
                "context": {"diagnostics": []},
            },
        )
        (fix_all,) = [a for a in actions if a["kind"] == "source.fixAll.newslib"]
        fixed = apply_edits(source, fix_all["edit"]["changes"][uri], "utf-16")
        assert fixed == newslib.fix_file(path, policy="georgian-official", dry_run=True).fixed
        if name == "talks.yaml":
            assert "[[tskhinvali|Tskhinvali]]" in fixed  # the fields, spliced as written
    assert "'Переговоры 😀 в [[tskhinvali|Цхинвали]]'" in fixed


def test_a_quick_fix_writes_the_word_form_and_says_when_it_is_a_guess(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslib]\npolicy = "russian-usage"\n', encoding="utf-8"
    )
    text = "Мы 😀 говорили о Цхинвали и ехали в Цхинвали. Цхинвали, Цхинвали.\n"
    client = LspClient(tmp_path)
    try:
        client.initialize(tmp_path, ["utf-16"])
        uri = client.open(tmp_path / "ru.md", text, "markdown")
        diagnostics = client.diagnostics(uri)
        assert len(diagnostics) == 4

        def quick_fix(diagnostic: dict[str, Any]) -> dict[str, Any]:
            context = {"diagnostics": [diagnostic], "only": ["quickfix"]}
            params = {"textDocument": {"uri": uri}, "range": diagnostic["range"]}
            (action,) = client.request("textDocument/codeAction", {**params, "context": context})
            return dict(action)

        locative = quick_fix(diagnostics[0])  # "о Цхинвали": the locative, Цхинвале
        assert locative["title"] == "Write 'Цхинвале'" and locative["isPreferred"] is True
        fixed = apply_edits(text, locative["edit"]["changes"][uri], "utf-16")
        assert fixed == text.replace("о Цхинвали", "о Цхинвале")
        guess = quick_fix(diagnostics[3])  # a bare list: no case to go by
        assert guess["title"] == "Write 'Цхинвал' (the word form is a guess)"
        assert guess["isPreferred"] is False
        assert apply_edits(text, guess["edit"]["changes"][uri], "utf-16").endswith("Цхинвал.\n")

        context = {"diagnostics": [], "only": ["source.fixAll"]}
        (fix_all,) = client.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": diagnostics[0]["range"], "context": context},
        )
        (tmp_path / "ru.md").write_text(text, encoding="utf-8")
        by_fix = newslib.fix_file(tmp_path / "ru.md", policy="russian-usage", dry_run=True).fixed
        assert apply_edits(text, fix_all["edit"]["changes"][uri], "utf-16") == by_fix
        assert by_fix.endswith("Цхинвали, Цхинвали.\n")  # fix leaves guesses to a human
    finally:
        assert client.close() == 0


def test_the_settings_are_read_again_when_they_change(workspace: Path, client: LspClient) -> None:
    client.initialize(workspace)
    watching = client.registered("workspace/didChangeWatchedFiles")
    globs = {w["globPattern"] for w in watching["registerOptions"]["watchers"]}
    assert globs == {"**/pyproject.toml", "**/newslib.yaml"}
    text = "Talks in Tskhinvali 😀 resumed.\n"
    uri = client.open(workspace / "talks.md", text, "markdown")
    assert client.diagnostics(uri) == []  # georgian-official writes Tskhinvali
    ignored = client.open(workspace / "drafts" / "draft.md", "In Tskhinval.\n", "markdown")
    assert client.diagnostics(ignored) == []  # ignore = ["drafts/*.md"]

    pyproject = workspace / "pyproject.toml"
    mark = client.mark()
    pyproject.write_text('[tool.newslib]\npolicy = "russian-usage"\n', encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": pyproject.as_uri(), "type": 2}]}
    )
    (finding,) = client.diagnostics(uri, after=mark)
    assert finding["message"].startswith("'Tskhinvali' -> 'Tskhinval'")
    assert finding["range"] == _range(text, 9, 19, "utf-16")
    assert client.diagnostics(ignored, after=mark) == []  # russian-usage writes Tskhinval

    # Broken settings: said on the line of pyproject.toml that is wrong, and on the buffers.
    mark = client.mark()
    pyproject.write_text('[tool.newslib]\n\npolicy = "russian-usage"\nfail = 1\n', encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": pyproject.as_uri()}})
    (problem,) = client.diagnostics(pyproject.as_uri(), after=mark)
    assert problem["range"]["start"]["line"] == 3 and "unknown setting 'fail'" in problem["message"]
    (blocked,) = client.diagnostics(uri, after=mark)
    assert blocked["code"] == "settings" and "pyproject.toml:4" in blocked["message"]
    client.wait_for("window/showMessage", lambda p: "unknown setting" in p["message"], mark)
    assert [d["code"] for d in client.diagnostics(ignored, after=mark)] == ["settings"]

    # The settings move to content/newslib.yaml: found there, and the problem is cleared.
    mark = client.mark()
    pyproject.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    config = workspace / "content" / "newslib.yaml"
    config.parent.mkdir()
    config.write_text("check:\n  policy: georgian-official\n", encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles",
        {"changes": [{"uri": pyproject.as_uri(), "type": 2}, {"uri": config.as_uri(), "type": 1}]},
    )
    assert client.diagnostics(pyproject.as_uri(), after=mark) == []
    assert client.diagnostics(uri, after=mark) == []
    (draft,) = client.diagnostics(ignored, after=mark)
    assert draft["message"].startswith("'Tskhinval' -> 'Tskhinvali'")

    # A policy file the settings name: saving it (in the editor) reads it again.
    house = workspace / "house.yaml"
    house.write_text("name: house\ninherits: georgian-official\n", encoding="utf-8")
    config.write_text("check:\n  policy: ../house.yaml\n", encoding="utf-8")
    mark = client.mark()
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]}
    )
    (draft,) = client.diagnostics(ignored, after=mark)
    assert "house writes 'Tskhinvali'" in draft["message"]
    house.write_text(
        "name: house\ninherits: georgian-official\nprefer:\n  '*': [russian-usage]\n",
        encoding="utf-8",
    )
    mark = client.mark()
    client.notify("textDocument/didSave", {"textDocument": {"uri": house.as_uri()}})
    assert client.diagnostics(ignored, after=mark) == []
    (finding,) = client.diagnostics(uri, after=mark)
    assert "house writes 'Tskhinval'" in finding["message"]


def test_broken_yaml_is_one_diagnostic_at_its_line(workspace: Path, client: LspClient) -> None:
    client.initialize(workspace, ["utf-8"])
    path = workspace / "talks.yaml"
    uri = client.open(path, ARTICLE, "yaml")
    assert {d["code"] for d in client.diagnostics(uri, version=1)} == {"variant"}

    broken = ARTICLE.replace("standfirst: >-", "standfirst: [Both")
    client.change(uri, broken, 2)
    (error,) = client.diagnostics(uri, version=2)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(newslib.errors.ArticleError) as raised:
        newslib.check_file(path, policy="georgian-official")
    assert error["code"] == "input" and error["severity"] == 1
    assert raised.value.line is not None and raised.value.column is not None
    assert error["range"]["start"] == {
        "line": raised.value.line - 1,
        "character": raised.value.column - 1,  # ASCII before it: the same in UTF-8
    }
    assert error["message"] == str(raised.value)

    # Under articles/, a YAML file is an article even when it never parsed.
    stored = workspace / "content" / "articles" / "draft.yaml"
    other = client.open(stored, "headline: 'Tskhinval\n", "yaml")
    (error,) = client.diagnostics(other)
    assert error["code"] == "input" and error["range"]["start"]["line"] == 1

    # YAML that is no article (a CI file) is none of newslib's business.
    ci = client.open(workspace / "ci.yml", "jobs: {test: {runs-on: Tskhinval}}\n", "yaml")
    assert client.diagnostics(ci) == []
    ci_broken = client.open(workspace / "broken.yml", "jobs: [\n", "yaml")
    assert client.diagnostics(ci_broken) == []


def test_changes_are_checked_once_typing_pauses(workspace: Path, client: LspClient) -> None:
    client.initialize(workspace, options={"debounceMs": 1000})
    uri = client.open(workspace / "typing.md", "In Tbilisi.\n", "markdown")
    assert client.diagnostics(uri, version=1) == []
    mark = client.mark()
    typed = "In Tskhinval"
    for version in range(2, len(typed) + 2):
        client.change(uri, typed[: version - 1] + "\n", version)
    last = len(typed) + 1
    (finding,) = client.diagnostics(uri, version=last, after=mark)
    time.sleep(1.5)
    published = client.published(uri, after=mark)
    assert [p["version"] for p in published] == [last]  # one check, of the last text
    assert finding["range"]["end"] == {"line": 0, "character": 12}

    # A request about a buffer whose check is waiting answers about its text as it is now.
    mark = client.mark()
    client.change(uri, "In Tskhinval and Tskhinval\n", last + 1)
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 17}},
            "context": {"diagnostics": []},
        },
    )
    assert [a["title"] for a in actions if a["kind"] == "quickfix"] == ["Write 'Tskhinvali'"]
    assert len(client.diagnostics(uri, version=last + 1, after=mark)) == 2


def test_bad_input_never_brings_the_server_down(workspace: Path, client: LspClient) -> None:
    client.initialize(workspace)
    cases = {
        "tagged.yaml": "!!python/object:os.system\nheadline: x\n",
        "alias.yaml": "headline: &a [*a]\nbody: []\n",
        "nul.md": "Tskhinval\x00 and \ud800 half a pair\n",
        "deep.html": "<p>" * 5000 + "Tskhinval",
        "crlf.txt": "line one\r\nTskhinval\rnext\u2028same line\n",
        "empty.md": "",
        "huge.txt": "Tskhinval " * (2**24 // 10 + 1),  # more than check reads of a file
    }
    for name, text in cases.items():
        uri = client.open(workspace / name, text, "plaintext")
        client.diagnostics(uri)
        for position_ in ({"line": 99, "character": 99}, {"line": 0, "character": 10**6}):
            client.request(
                "textDocument/hover", {"textDocument": {"uri": uri}, "position": position_}
            )
            window = {"start": position_, "end": position_}
            client.request(
                "textDocument/codeAction",
                {"textDocument": {"uri": uri}, "range": window, "context": {"diagnostics": []}},
            )
    (half,) = client.diagnostics((workspace / "nul.md").as_uri())
    assert half["code"] == "input" and "U+D800 is half a UTF-16 surrogate pair" in half["message"]
    assert half["range"]["start"] == {"line": 0, "character": 15}
    (huge,) = client.diagnostics((workspace / "huge.txt").as_uri())
    assert huge["code"] == "input" and "larger than 16 MiB (split it)" in huge["message"]
    crlf = (workspace / "crlf.txt").as_uri()
    (finding,) = client.diagnostics(crlf)
    assert finding["range"] == {
        "start": {"line": 1, "character": 0},
        "end": {"line": 1, "character": 9},
    }
    unknown = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}},
    )
    assert unknown is None
    uri = client.open(workspace / "after.md", "Still in Tskhinval.\n", "markdown")
    assert len(client.diagnostics(uri)) == 1

    # A buffer never saved: its language id says which reader (Neovim's "text" too).
    for number, language in enumerate(("markdown", "text", "python"), 1):
        untitled = f"untitled:Untitled-{number}"
        document = {
            "uri": untitled,
            "languageId": language,
            "version": 1,
            "text": "In Tskhinval.\n",
        }
        client.notify("textDocument/didOpen", {"textDocument": document})
        expected = 0 if language == "python" else 1
        assert len(client.diagnostics(untitled)) == expected, language


def test_without_the_extra_the_command_says_what_to_install(tmp_path: Path) -> None:
    hide = (
        "import sys, importlib.abc\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "from newslib.cli import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.startswith("newslib: error: the language server needs ")
    assert "pip install 'newslib[lsp]'" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------------- the pieces


def test_lines_end_where_the_protocol_says() -> None:
    text = "a\rb\r\nc\nd\u2028e\x85f"
    positions = Positions(text, "utf-16")
    assert [positions.at(text.index(c)) for c in "abcde"] == [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 0),
        (3, 2),
    ]
    assert positions.offset(1, 99) == text.index("b") + 1  # past the end: the line's end
    assert positions.offset(99, 0) == len(text)
    with pytest.raises(ValueError, match="utf-7"):
        Positions(text, "utf-7")


@given(
    st.text(alphabet="ab Цა😀🇬🇪\n", max_size=30),
    st.text(alphabet="ab Цა😀🇬🇪\n", max_size=30),
    st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_edits_turn_the_text_into_the_fixed_text(old: str, new: str, encoding: str) -> None:
    edits = [_as_json(e) for e in edits_between(Positions(old, encoding), new)]
    assert apply_edits(old, edits, encoding) == new


def test_edits_of_a_long_text_with_many_fixes_take_moments() -> None:
    # Fixing every paragraph of a long file kept its lines; diffing thousands of lines,
    # half of them blank and alike, took a minute and held up every request behind it.
    old = "".join(f"{i}. Делегация 😀 прибыла в Сухуми из Цхинвали.\n\n" for i in range(1500))
    new = old.replace("Сухуми", "Сухум").replace("Цхинвали", "Цхинвала")
    started = time.monotonic()
    edits = edits_between(Positions(old, "utf-16"), new)
    assert time.monotonic() - started < 5.0
    assert [(e.new_text, e.range.end.character - e.range.start.character) for e in edits] == [
        ("", 1),
        ("а", 1),
    ] * 1500
    grown = "A new first line\n" + new  # one more line: diffed, blank lines no anchor
    started = time.monotonic()
    edits = edits_between(Positions(old, "utf-16"), grown)
    assert time.monotonic() - started < 5.0
    assert apply_edits(old, [_as_json(e) for e in edits], "utf-16") == grown


def _as_json(edit: Any) -> dict[str, Any]:
    start, end = edit.range.start, edit.range.end
    return {
        "range": {
            "start": {"line": start.line, "character": start.character},
            "end": {"line": end.line, "character": end.character},
        },
        "newText": edit.new_text,
    }
