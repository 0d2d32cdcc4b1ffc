"""The CI side of ``check`` and ``fix``: every report format, and exit control.

The texts are in English, Russian, German, French and Georgian, with two findings on one
line, findings at the end of a line and of a file, CRLF line endings, a finding across a
line break and a file whose path needs percent-encoding. Positions are asserted exactly,
and checked again by applying each format's fixes to the files' text (SARIF counts code
points, rdjson UTF-8 bytes).
"""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

import newslib
from newslib.cli import main
from newslib.cli.reports import (
    RULES,
    Report,
    ReportFormat,
    escape_data,
    escape_property,
    render,
    unified_diff,
)
from newslib.terms.policy import Rule

from .support.paths import CONTENT, ROOT, STANDARDS

POLICY = """\
name: desk
inherits: as-written
prefer:
  "*": [russian-usage, common]
  en: [ap, russian-usage, common]
  ka: [georgian-official, common]
severity: {unknown-spelling: warning}
"""

TEXTS = {
    "en.txt": "Talks in Sukhumi and Tskhinvali.\r\nThe delegation left Tskhinvali",
    "ru.txt": "Переговоры в Сухуми и Цхинвали.\nДелегация прибыла из Сухуми\n",
    "de.txt": "Gespräche in Suchumi und Zchinwali.\r\nDie Delegation reiste aus Zchinwali\r\n",
    "fr.txt": "Des pourparlers à Soukhoumi et à Tskhinvali.\nLa délégation a quitté Tskhinvali",
    "sub dir/ка.txt": "შეხვედრა პიცუნდაში და პიცუნდაში.\r\nდელეგაცია პიცუნდაში",
    "lavrov.txt": "Talks with Sergey\r\nLavrov in the Tskhinvail office.\n",
    "derived.txt": "Цхинвальские власти.\n",
}
PATHS = list(TEXTS)

# path, rule, severity, line, column, end line, end column, UTF-8 column, UTF-8 end column
EXPECTED = [
    ("en.txt", "variant", "error", 1, 10, 1, 17, 10, 17),
    ("en.txt", "variant", "error", 1, 22, 1, 32, 22, 32),
    ("en.txt", "variant", "error", 2, 21, 2, 31, 21, 31),  # the end of the file
    ("ru.txt", "variant", "error", 1, 14, 1, 20, 25, 37),
    ("ru.txt", "variant", "error", 1, 23, 1, 31, 41, 57),
    ("ru.txt", "variant", "error", 2, 22, 2, 28, 40, 52),  # the end of a line
    ("de.txt", "variant", "error", 1, 14, 1, 21, 15, 22),
    ("de.txt", "variant", "error", 1, 26, 1, 35, 27, 36),
    ("de.txt", "variant", "error", 2, 27, 2, 36, 27, 36),  # before CRLF
    ("fr.txt", "variant", "error", 1, 19, 1, 28, 20, 29),
    ("fr.txt", "variant", "error", 1, 34, 1, 44, 36, 46),
    ("fr.txt", "variant", "error", 2, 24, 2, 34, 27, 37),
    ("sub dir/ка.txt", "variant", "error", 1, 10, 1, 19, 26, 53),
    ("sub dir/ка.txt", "variant", "error", 1, 23, 1, 32, 61, 88),
    ("sub dir/ка.txt", "variant", "error", 2, 11, 2, 20, 29, 56),
    ("lavrov.txt", "variant", "error", 1, 12, 2, 7, 12, 7),  # Sergey\r\nLavrov
    ("lavrov.txt", "unknown-spelling", "warning", 2, 15, 2, 25, 15, 25),
    ("derived.txt", "derived", "info", 1, 1, 1, 13, 1, 25),
]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The texts and the policy, in the current folder."""
    for name, text in TEXTS.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    (tmp_path / "desk.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def check(capsys: pytest.CaptureFixture[str], fmt: str, *args: str) -> tuple[int, str]:
    code, out, _ = run(capsys, "check", *PATHS, "--policy", "desk.yaml", "--format", fmt, *args)
    return code, out


# ---------------------------------------------------------------------- the rules


def test_every_rule_is_documented_at_a_stable_anchor() -> None:
    assert [rule.id for rule in RULES] == [str(rule) for rule in Rule]
    headings = re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text("utf-8"), re.M)
    assert headings == [rule.id for rule in RULES]
    for rule in RULES:
        assert rule.help_uri.endswith(f"docs/rules.md#{rule.id}")
        assert urlsplit(rule.help_uri).scheme == "https"


# ---------------------------------------------------------------------- text and line


def test_line_format_is_one_finding_a_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(capsys, "line")
    lines = out.splitlines()
    assert code == 1
    assert [tuple(line.split(":", 4)[:4]) for line in lines] == [
        (path, str(line), str(column), rule) for path, rule, _, line, column, *_ in EXPECTED
    ]
    assert lines[0] == "en.txt:1:10:variant:'Sukhumi' -> 'Sukhum': desk writes 'Sukhum' for sukhumi"
    assert lines[15] == (
        "lavrov.txt:1:12:variant:'Sergey\\r\\nLavrov' -> 'Sergei Lavrov': "
        "desk writes 'Sergei Lavrov' for sergey-lavrov"
    )


def test_a_message_with_line_breaks_stays_on_one_line() -> None:
    finding = _finding(message="first\r\nsecond\nthird")
    out = render(_report(finding), ReportFormat.LINE)
    assert out == "a.txt:1:1:variant:'Sukhumi' -> 'Sukhum': first second third\n"


def test_text_is_unchanged_without_colour(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "text")
    assert out.splitlines()[3] == (
        "ru.txt:1:14: error [variant] 'Сухуми' -> 'Сухуме' [case loc, 85% sure]: "
        "desk writes 'Сухум' for sukhumi"
    )
    assert "\x1b[" not in out


# ---------------------------------------------------------------------- JSON


def test_check_json_is_one_versioned_document(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(capsys, "json")
    data = json.loads(out)
    assert (data["newslib"], data["schema"], data["command"], data["policy"]) == (
        newslib.__version__, 1, "check", "desk"
    )  # fmt: skip
    keys = ("path", "rule", "severity", "line", "column", "end_line", "end_column")
    got = [tuple(f[key] for key in keys) for f in data["findings"]]
    assert got == [e[:7] for e in EXPECTED]
    assert [f["lang"] for f in data["findings"]][::3] == ["en", "ru", "de", "fr", "ka", "en"]
    assert data["files"][0] == {
        "path": "en.txt", "findings": 3, "error": 3, "warning": 0, "info": 0
    }  # fmt: skip
    assert data["summary"] == {
        "findings": 18, "hidden": 0, "error": 16, "warning": 1, "info": 1, "exit_code": 1
    }  # fmt: skip
    assert code == 1


def test_scan_json_carries_what_the_scanner_knows(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("q.txt").write_text(
        'He said "we flew from Sukhum". Tskhinvali, also spelled Tskhinval.\n'
        "Abkhazian wine from Ochamchire.",
        encoding="utf-8",
    )
    Path("ru2.txt").write_text("Встреча в Сухуме и Очамчире", encoding="utf-8")
    code, out, _ = run(capsys, "scan", "q.txt", "ru2.txt", "--format", "json")
    data = json.loads(out)
    assert (code, data["command"], data["schema"]) == (0, "scan", 1)
    # "Abkhazian" is derived, not a mention of Abkhazia: counted apart
    assert data["files"] == [
        {"path": "q.txt", "mentions": 4, "derived": 1},
        {"path": "ru2.txt", "mentions": 2, "derived": 0},
    ]
    sukhum, tskhinvali, tskhinval, abkhazian, ochamchire, сухуме, очамчире = data["mentions"]
    assert sukhum == {
        "path": "q.txt", "start": 22, "end": 28, "line": 1, "column": 23, "end_line": 1,
        "end_column": 29, "surface": "Sukhum", "entity": "sukhumi", "variant": "Sukhum",
        "lang": "en", "usage": ["russian-usage"], "script": "Latn", "cases": ["nom"],
        "alternatives": [], "quoted": True, "about_name": False, "derived": False,
    }  # fmt: skip
    assert tskhinvali["about_name"] and tskhinval["about_name"]
    assert (abkhazian["derived"], abkhazian["cases"], abkhazian["line"]) == (True, [], 2)
    assert (abkhazian["variant"], abkhazian["usage"]) == ("Abkhazian", [])  # not "Abkhazia"
    assert ochamchire["usage"] == ["georgian-official", "international"]
    assert (сухуме["lang"], сухуме["cases"], сухуме["column"]) == ("ru", ["loc"], 11)
    assert очамчире["alternatives"] == ["Очамчира"]  # also a form of the other variant
    assert очамчире["end_column"] == 28  # the end of the file


def test_fix_dry_run_json_marks_what_it_would_fix(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {name: Path(name).read_bytes() for name in TEXTS}
    code, out, _ = run(capsys, "fix", *PATHS, "--policy", "desk.yaml", "--dry-run",
                       "--format", "json")  # fmt: skip
    assert {name: Path(name).read_bytes() for name in TEXTS} == before
    data = json.loads(out)
    assert (data["command"], data["dry_run"], data["schema"]) == ("fix", True, 1)
    assert [f["applied"] for f in data["findings"]] == [True] * 16 + [False, False]
    en = data["files"][0]
    assert (en["applied"], en["changed"]) == (3, True)
    assert en["diff"].startswith("--- a/en.txt\n+++ b/en.txt\n")
    assert code == 0  # nothing at error level would be left


def test_fix_in_place_reports_what_is_left(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "fix", "en.txt", "lavrov.txt", "--policy", "desk.yaml",
                       "--format", "json")  # fmt: skip
    data = json.loads(out)
    assert data["dry_run"] is False
    assert [(f["path"], f["rule"], f["line"]) for f in data["findings"]] == [
        ("lavrov.txt", "unknown-spelling", 1)  # where it is now: line 1
    ]
    assert data["files"][0] == {
        "path": "en.txt", "findings": 0, "error": 0, "warning": 0, "info": 0, "applied": 3,
        "changed": True,
    }  # fmt: skip
    assert Path("lavrov.txt").read_text("utf-8").startswith("Talks with Sergei Lavrov in")
    assert code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Talks in Sukhumi."))
    _, out, _ = run(capsys, "fix", "-", "--policy", "russian-usage", "--lang", "en",
                    "--format", "json")  # fmt: skip
    data = json.loads(out)  # standard input is never changed: a dry run
    assert (data["dry_run"], data["findings"][0]["applied"]) == (True, True)
    assert data["files"][0]["diff"].splitlines() == [
        "--- a/-", "+++ b/-", "@@ -1 +1 @@",
        "-Talks in Sukhumi.", "\\ No newline at end of file",
        "+Talks in Sukhum.", "\\ No newline at end of file",
    ]  # fmt: skip


def test_verify_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "verify", str(CONTENT), "--format", "json")
    data = json.loads(out)
    assert (code, data["command"], data["schema"], data["articles"]) == (0, "verify", 1, 1)
    assert data["problems"] == []
    (tmp_path / "articles" / "Not An Id").mkdir(parents=True)
    code, out, _ = run(capsys, "verify", str(tmp_path), "--format", "json")
    [problem] = json.loads(out)["problems"]
    assert code == 1
    assert problem["problem"] == "stray file: not an article folder"


# ---------------------------------------------------------------------- SARIF


def _uri_reference(value: object) -> bool:
    """RFC 3986 characters only, percent-encoding well formed (jsonschema checks URIs
    only with extra packages)."""
    return isinstance(value, str) and bool(
        re.fullmatch(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*", value)
    )


FORMATS = jsonschema.FormatChecker()
FORMATS.checks("uri-reference")(_uri_reference)
FORMATS.checks("uri")(lambda v: _uri_reference(v) and bool(urlsplit(str(v)).scheme))


def _schema(*parts: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(STANDARDS.joinpath(*parts).read_text("utf-8"))
    return schema


def _validate(data: object, schema: dict[str, Any]) -> None:
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_is_valid_and_exact(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "sarif")
    log = json.loads(out)
    _validate(log, _schema("sarif", "sarif-schema-2.1.0.json"))
    [run_] = log["runs"]
    assert (log["version"], run_["columnKind"]) == ("2.1.0", "unicodeCodePoints")
    assert run_["invocations"] == [{"executionSuccessful": True, "exitCode": code}]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("newslib", newslib.__version__)
    assert [r["id"] for r in driver["rules"]] == [str(rule) for rule in Rule]
    for rule in driver["rules"]:
        assert rule["helpUri"].endswith(f"/docs/rules.md#{rule['id']}")
        assert rule["shortDescription"]["text"]
    artifacts = [a["location"]["uri"] for a in run_["artifacts"]]
    assert artifacts[4] == "sub%20dir/%D0%BA%D0%B0.txt"  # relative, forward slashes, encoded
    assert [unquote(uri) for uri in artifacts] == PATHS
    got = []
    for result in run_["results"]:
        [location] = result["locations"]
        physical = location["physicalLocation"]
        place, region = physical["artifactLocation"], physical["region"]
        assert place["uriBaseId"] == "%SRCROOT%"
        assert artifacts[place["index"]] == place["uri"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        got.append((
            unquote(place["uri"]), result["ruleId"], result["level"], region["startLine"],
            region["startColumn"], region["endLine"], region["endColumn"],
        ))  # fmt: skip
    level = {"error": "error", "warning": "warning", "info": "note"}
    assert got == [(*e[:2], level[e[2]], *e[3:7]) for e in EXPECTED]
    assert run_["results"][0]["message"]["text"] == (
        "'Sukhumi' -> 'Sukhum': desk writes 'Sukhum' for sukhumi"
    )
    assert run_["results"][3]["properties"]["lang"] == "ru"
    # check offers every suggestion, the unknown spelling's too; not the derived word
    assert ["fixes" in r for r in run_["results"]] == [True] * 17 + [False]


def _apply(text: str, changes: list[tuple[int, int, int, int, str]], *, utf8: bool) -> str:
    """*text* with (line, column, end line, end column, new text) replacements applied;
    with *utf8*, columns count UTF-8 bytes (a column inside a character fails to decode)."""
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))

    def offset(line: int, column: int) -> int:
        if utf8:
            column = len(lines[line - 1].encode("utf-8")[: column - 1].decode("utf-8")) + 1
        return starts[line - 1] + column - 1

    pieces, position = [], 0
    for line, column, end_line, end_column, new in sorted(changes):
        start, end = offset(line, column), offset(end_line, end_column)
        pieces += [text[position:start], new]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _fixed_texts(corpus: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """What ``fix`` writes into a copy of each text."""
    copy = corpus / "copy"
    for name, text in TEXTS.items():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes(text.encode("utf-8"))
    run(capsys, "fix", *(str(copy / name) for name in TEXTS), "--policy", "desk.yaml")
    return {name: (copy / name).read_bytes().decode("utf-8") for name in TEXTS}


def test_sarif_fixes_of_a_dry_run_are_what_fix_does(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "fix", *PATHS, "--policy", "desk.yaml", "--dry-run",
                       "--format", "sarif")  # fmt: skip
    log = json.loads(out)
    _validate(log, _schema("sarif", "sarif-schema-2.1.0.json"))
    assert log["runs"][0]["properties"] == {"command": "fix", "policy": "desk", "dryRun": True}
    changes: dict[str, list[tuple[int, int, int, int, str]]] = {name: [] for name in TEXTS}
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            [change] = fix["artifactChanges"]
            [replacement] = change["replacements"]
            region = replacement["deletedRegion"]
            changes[unquote(change["artifactLocation"]["uri"])].append((
                region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"], replacement["insertedContent"]["text"],
            ))  # fmt: skip
    fixed = _fixed_texts(corpus, capsys)
    for name, text in TEXTS.items():
        assert _apply(text, changes[name], utf8=False) == fixed[name], name
    assert fixed["ru.txt"] == "Переговоры в Сухуме и Цхинвале.\nДелегация прибыла из Сухума\n"
    assert code == 0


def test_sarif_of_standard_input_and_of_files_elsewhere(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Talks in Sukhumi."))
    outside = corpus.parent / f"{corpus.name}-outside.txt"
    outside.write_text("Talks in Tskhinvali.", encoding="utf-8")
    _, out, _ = run(capsys, "check", "-", str(outside), "--policy", "russian-usage", "--lang",
                    "en", "--format", "sarif")  # fmt: skip
    log = json.loads(out)
    _validate(log, _schema("sarif", "sarif-schema-2.1.0.json"))
    stdin, elsewhere = (r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"])
    assert stdin["artifactLocation"] == {"description": {"text": "standard input"}, "index": 0}
    assert elsewhere["artifactLocation"] == {"uri": outside.as_uri(), "index": 1}


def test_check_offers_no_fix_inside_a_quotation(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("q.txt").write_text('He said "we flew from Sukhumi" to Sukhumi.', encoding="utf-8")
    _, out, _ = run(capsys, "check", "q.txt", "--policy", "russian-usage", "--format", "sarif")
    quoted, plain = json.loads(out)["runs"][0]["results"]
    assert (quoted["level"], "fixes" in quoted) == ("note", False)
    assert (plain["level"], "fixes" in plain) == ("error", True)


def test_a_clean_run_is_a_sarif_log_without_results(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("clean.txt").write_text("Talks in Sukhum.", encoding="utf-8")
    code, out, _ = run(capsys, "check", "clean.txt", "--policy", "russian-usage", "--format",
                       "sarif")  # fmt: skip
    log = json.loads(out)
    _validate(log, _schema("sarif", "sarif-schema-2.1.0.json"))
    assert (code, log["runs"][0]["results"]) == (0, [])
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(Rule)


# ---------------------------------------------------------------------- rdjson


def test_rdjson_counts_utf8_bytes(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "rdjson")
    data = json.loads(out)
    _validate(data, _schema("reviewdog", "DiagnosticResult.json"))
    assert data["source"]["name"] == "newslib"
    got = []
    for diagnostic in data["diagnostics"]:  # the schema requires nothing: check the shape
        assert set(diagnostic) <= {"message", "location", "severity", "code", "suggestions"}
        assert isinstance(diagnostic["message"], str)
        span = diagnostic["location"]["range"]
        start, end = span["start"], span["end"]
        got.append((
            diagnostic["location"]["path"], diagnostic["code"]["value"], diagnostic["severity"],
            start["line"], end["line"], start["column"], end["column"],
        ))  # fmt: skip
        assert diagnostic["code"]["url"].endswith(f"#{diagnostic['code']['value']}")
        for suggestion in diagnostic.get("suggestions", []):
            assert suggestion["range"] == span
    expected = [(e[0], e[1], e[2].upper(), e[3], e[5], e[7], e[8]) for e in EXPECTED]
    assert got == expected
    # the columns pick out each name's bytes from its line
    for diagnostic, expected in zip(data["diagnostics"][:15], EXPECTED[:15], strict=True):
        path, line, start_byte, end_byte = expected[0], expected[3], expected[7], expected[8]
        text = TEXTS[path].split("\n")[line - 1].encode("utf-8")
        name = text[start_byte - 1 : end_byte - 1].decode("utf-8")
        assert f"{name!r} -> " in diagnostic["message"]


def test_rdjson_suggestions_of_a_dry_run_are_what_fix_does(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "fix", *PATHS, "--policy", "desk.yaml", "--dry-run",
                    "--format", "rdjson")  # fmt: skip
    changes: dict[str, list[tuple[int, int, int, int, str]]] = {name: [] for name in TEXTS}
    for diagnostic in json.loads(out)["diagnostics"]:
        for suggestion in diagnostic.get("suggestions", []):
            start, end = suggestion["range"]["start"], suggestion["range"]["end"]
            changes[diagnostic["location"]["path"]].append(
                (start["line"], start["column"], end["line"], end["column"], suggestion["text"])
            )
    fixed = _fixed_texts(corpus, capsys)
    for name, text in TEXTS.items():
        assert _apply(text, changes[name], utf8=True) == fixed[name], name


# ---------------------------------------------------------------------- GitHub


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as the Actions runner reads it (ActionCommand.cs)."""
    assert line.startswith("::")
    info, _, data = line[2:].partition("::")
    name, _, listed = info.partition(" ")
    properties = {}
    for pair in listed.split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, property=True)
    return name, properties, _unescape(data)


def _unescape(text: str, *, property: bool = False) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n"), *([("%3A", ":"), ("%2C", ",")] if property else [])]
    for escaped, char in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, char)
    return text


def test_github_annotations(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "github")
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=en.txt,line=1,col=10,endLine=1,endColumn=17,title=newslib%3A variant::"
        "'Sukhumi' -> 'Sukhum': desk writes 'Sukhum' for sukhumi"
    )
    got = []
    for line in lines:
        name, properties, _ = _parse_command(line)
        columns = properties.get("col"), properties.get("endColumn")
        got.append((properties["file"], properties["title"], name, properties["line"],
                    columns[0], properties["endLine"], columns[1]))  # fmt: skip
    command = {"error": "error", "warning": "warning", "info": "notice"}
    expected = [
        (e[0], f"newslib: {e[1]}", command[e[2]], str(e[3]),
         None if e[3] != e[5] else str(e[4]), str(e[5]), None if e[3] != e[5] else str(e[6]))
        for e in EXPECTED
    ]  # fmt: skip
    assert got == expected  # no columns across lines: the runner would drop them


def test_github_escaping(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    Path("a,b:c.txt").write_text("Talks in Sukhumi.", encoding="utf-8")
    Path("odd.yaml").write_text("name: 'desk, 100%: ours'\ninherits: russian-usage\n", "utf-8")
    _, out, _ = run(capsys, "check", "a,b:c.txt", "--policy", "odd.yaml", "--lang", "en",
                    "--format", "github")  # fmt: skip
    [line] = out.splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac.txt,line=1,")
    name, properties, message = _parse_command(line)
    assert (name, properties["file"], properties["col"]) == ("error", "a,b:c.txt", "10")
    assert message == "'Sukhumi' -> 'Sukhum': desk, 100%: ours writes 'Sukhum' for sukhumi"
    assert "100%25: ours" in line  # the message escapes %, not : or ,
    finding = _finding(message="line one\r\nline two 5%")
    [annotation] = render(_report(finding), ReportFormat.GITHUB).splitlines()
    assert annotation.endswith("::'Sukhumi' -> 'Sukhum': line one%0D%0Aline two 5%25")
    assert _parse_command(annotation)[2].endswith("line one\r\nline two 5%")


def test_github_annotations_of_standard_input_name_no_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Talks in Sukhumi."))
    _, out, _ = run(capsys, "check", "-", "--policy", "russian-usage", "--lang", "en",
                    "--format", "github")  # fmt: skip
    assert out == (
        "::error title=newslib%3A variant::'Sukhumi' -> 'Sukhum': russian-usage writes "
        "'Sukhum' for sukhumi\n"
    )


# ---------------------------------------------------------------------- exit control


@pytest.mark.parametrize(
    ("path", "fail_on", "code"),
    [
        ("en.txt", None, 1), ("en.txt", "error", 1), ("en.txt", "warning", 1),
        ("en.txt", "info", 1), ("en.txt", "never", 0),
        ("lavrov.txt", "error", 1),
        ("derived.txt", None, 0), ("derived.txt", "error", 0), ("derived.txt", "warning", 0),
        ("derived.txt", "info", 1), ("derived.txt", "never", 0),
        ("clean.txt", "info", 0), ("clean.txt", "never", 0),
    ],
)  # fmt: skip
def test_fail_on(
    path: str, fail_on: str | None, code: int, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("clean.txt").write_text("Talks in Sukhum.\n", encoding="utf-8")
    flags = ["--fail-on", fail_on] if fail_on else []
    assert run(capsys, "check", path, "--policy", "desk.yaml", *flags)[0] == code


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_a_warning(
    fail_on: str, code: int, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("warning.txt").write_text("The Tskhinvail office.\n", encoding="utf-8")
    args = ("check", "warning.txt", "--policy", "desk.yaml", "--lang", "en", "--fail-on", fail_on)
    assert run(capsys, *args)[0] == code


def test_min_severity_hides_and_says_so(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", *PATHS, "--policy", "desk.yaml", "--min-severity",
                         "warning", "--format", "json")  # fmt: skip
    data = json.loads(out)
    assert [f["severity"] for f in data["findings"]].count("info") == 0
    assert data["summary"]["hidden"] == 1
    assert "1 below --min-severity not shown" in err
    assert code == 1
    code, out, _ = run(capsys, "check", "derived.txt", "--policy", "desk.yaml",
                       "--min-severity", "error", "--fail-on", "never")  # fmt: skip
    assert (code, out) == (0, "")


def test_fail_on_below_min_severity_is_a_usage_error(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "en.txt", "--policy", "desk.yaml", "--min-severity",
                       "error", "--fail-on", "warning")  # fmt: skip
    assert code == 2
    assert err.startswith("newslib: error: --fail-on warning would fail on findings")
    with pytest.raises(SystemExit) as exited:
        main(["check", "en.txt", "--fail-on", "sometimes"])
    assert exited.value.code == 2


def test_fix_fails_on_what_it_leaves(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("left.txt").write_text("Очамчире и Сухуми.\n", encoding="utf-8")
    args = ("fix", "left.txt", "--policy", "russian-usage", "--dry-run")
    assert run(capsys, *args)[0] == 1
    assert run(capsys, *args, "--fail-on", "never")[0] == 0
    assert run(capsys, *args, "--best-guess")[0] == 0


# ---------------------------------------------------------------------- diffs


def test_a_diff_marks_a_last_line_without_an_ending() -> None:
    diff = unified_diff("a\nSukhumi", "a\nSukhum", "x.txt")
    assert diff.splitlines()[-4:] == [
        "-Sukhumi", "\\ No newline at end of file", "+Sukhum", "\\ No newline at end of file"
    ]  # fmt: skip


# ---------------------------------------------------------------------- every format


def test_every_format_renders_an_empty_report_and_a_finding() -> None:
    for fmt in ReportFormat:
        empty = render(_report(), fmt)
        assert empty == "" or json.loads(empty)
        assert render(_report(_finding()), fmt).endswith("\n")


def _finding(message: str = "desk writes 'Sukhum' for sukhumi") -> newslib.Finding:
    return newslib.Finding(
        "a.txt", 0, 7, 1, 1, "Sukhumi", "sukhumi", "Sukhumi", "Sukhum", Rule.VARIANT,
        newslib.Severity.ERROR, message, fixable=True, lang="en", line_text="Sukhumi",
    )  # fmt: skip


def _report(*findings: newslib.Finding) -> Report:
    return Report("check", "desk", ("a.txt",), findings)
