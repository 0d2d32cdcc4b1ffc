"""Where findings and mentions are: lines, columns, ends, the line they start on, the
language they were read in — in texts and in files, with multi-byte scripts and CRLF."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import Finding, Severity, check_file, check_text, scan_file, scan_text
from newslib.terms.lines import LineIndex


def test_line_text_drops_the_line_ending_only() -> None:
    lines = LineIndex("one\r\ntwo\nthree\rfour")
    assert [lines.line_text(n) for n in (1, 2, 3, 4)] == ["one", "two", "three", "four"]
    assert LineIndex("").line_text(1) == ""
    assert LineIndex("a\n").line_text(2) == ""


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Talks in Sukhumi and Tskhinvali.\r\nThe delegation left Tskhinvali",
            "en",
            [(1, 10, 1, 17, "en"), (1, 22, 1, 32, "en"), (2, 21, 2, 31, "en")],
        ),
        (
            "Переговоры в Сухуми и Цхинвали.\nДелегация прибыла из Сухуми",
            "ru",
            [(1, 14, 1, 20, "ru"), (1, 23, 1, 31, "ru"), (2, 22, 2, 28, "ru")],
        ),
        (
            "Gespräche in Suchumi und Zchinwali.\nDie Delegation reiste aus Zchinwali",
            "de",
            [(1, 14, 1, 21, "de"), (1, 26, 1, 35, "de"), (2, 27, 2, 36, "de")],
        ),
        (
            "Des pourparlers à Soukhoumi et à Tskhinvali.\nLa délégation a quitté Tskhinvali",
            "fr",
            [(1, 19, 1, 28, "fr"), (1, 34, 1, 44, "fr"), (2, 24, 2, 34, "fr")],
        ),
    ],
)
def test_findings_know_their_span_line_and_language(
    text: str, lang: str, expected: list[tuple[int, int, int, int, str]]
) -> None:
    findings = check_text(text, lang=lang, policy="russian-usage")
    got = [(f.line, f.column, f.end_line, f.end_column, f.lang) for f in findings]
    assert got == expected
    lines = text.replace("\r\n", "\n").split("\n")
    for finding in findings:
        line = lines[finding.line - 1]
        assert finding.line_text == line
        assert line[finding.column - 1 : finding.end_column - 1] == finding.surface


def test_georgian_columns_count_code_points() -> None:
    text = "შეხვედრა პიცუნდაში და პიცუნდაში.\r\nდელეგაცია პიცუნდაში"
    findings = check_text(text, lang="ka", policy="georgian-official")
    assert [(f.line, f.column, f.end_column, f.suggestion) for f in findings] == [
        (1, 10, 19, "ბიჭვინთაში"),
        (1, 23, 32, "ბიჭვინთაში"),
        (2, 11, 20, "ბიჭვინთაში"),
    ]
    assert findings[2].line_text == "დელეგაცია პიცუნდაში"  # the end of the text


def test_a_finding_across_lines_ends_on_the_next(tmp_path: Path) -> None:
    policy = tmp_path / "ap.yaml"
    policy.write_text("name: ap\ninherits: as-written\nprefer: {en: [ap]}\n", encoding="utf-8")
    [finding] = check_text("Talks with Sergey\r\nLavrov.", lang="en", policy=policy)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 12, 2, 7)
    assert finding.line_text == "Talks with Sergey"


def test_file_findings_are_at_file_lines_with_the_file_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("# Заметки\r\n\r\nВстреча в `Сухуми`, затем в Сухуми\r\n".encode())
    [finding] = check_file(path, policy="russian-usage", lang="ru")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 29, 3, 35)
    assert finding.line_text == "Встреча в `Сухуми`, затем в Сухуми"
    assert finding.lang == "ru"


def test_article_findings_point_into_the_yaml(seed_article_file: Path) -> None:
    source = seed_article_file.read_text(encoding="utf-8").split("\n")
    findings = check_file(seed_article_file, policy="russian-usage")
    assert findings
    for finding in findings:
        assert finding.line_text == source[finding.line - 1]
        start, end = finding.column - 1, finding.end_column - 1
        assert finding.line_text[start:end] == finding.surface


def test_finding_json_has_the_end_and_language_but_not_the_line() -> None:
    [finding] = check_text("Talks in Sukhumi.", lang="en", policy="russian-usage")
    data = finding.to_json()
    assert (data["line"], data["column"], data["end_line"], data["end_column"]) == (1, 10, 1, 17)
    assert data["lang"] == "en"
    assert "line_text" not in data
    assert list(data)[3:7] == ["line", "column", "end_line", "end_column"]


def test_a_hand_made_finding_has_an_end_too() -> None:
    finding = Finding(None, 0, 5, 1, 1, "Sukhu", "e", "", None, "variant", Severity.ERROR, "")
    assert (finding.end_line, finding.end_column, finding.lang) == (1, 6, None)
    assert finding.line_text == ""


def test_mentions_know_their_lines_in_texts_and_files(tmp_path: Path) -> None:
    text = "Встреча в Сухуме.\r\nპიცუნდაში და Цхинвале"
    found = [
        (m.surface, m.lang, m.line, m.column, m.end_line, m.end_column)
        for m in scan_text(text, lang="ru")
    ]
    assert found == [
        ("Сухуме", "ru", 1, 11, 1, 17),
        ("პიცუნდაში", "ka", 2, 1, 2, 10),  # a Georgian name in a Russian text
        ("Цхинвале", "ru", 2, 14, 2, 22),
    ]
    path = tmp_path / "a.html"
    path.write_text("<p>\n  In <b>Sukhumi</b></p>", encoding="utf-8")
    [mention] = scan_file(path, lang="en")
    assert (mention.line, mention.column, mention.end_line, mention.end_column) == (2, 9, 2, 16)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_lines_end_as_editors_count_them(ending: str) -> None:
    """A lone CR ends a line too (old Mac files, some CMS exports), as in the LSP."""
    text = f"Встреча в Сухуми.{ending}Из Цхинвали приехали.{ending}"
    findings = check_text(text, lang="ru", policy="russian-usage")
    assert [(f.line, f.column, f.line_text) for f in findings] == [
        (1, 11, "Встреча в Сухуми."),
        (2, 4, "Из Цхинвали приехали."),
    ]
